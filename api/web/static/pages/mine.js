// My complaints: what needs the complainant's action first, then the rest, newest first.

import { gql } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { later } from '../core/router.js';
import { caseItem, needsAction } from '../components/cases.js';

const FIELDS = 'id reference status lenderName lender { name nameEn } product createdAt updatedAt respondedAt feedback { decision at } deadlines { kind state dueAt dueDate timeZone paused metAt }';
const LIST = `query($first: Int) { complaints(first: $first) { totalCount edges { node { ${FIELDS} } } } }`;
const ONE = `query($id: ID!) { complaint(id: $id) { ${FIELDS} } }`;
const SHOWN = 100;
// A whole reference (the "RL-" may be left out): one the page has not loaded is asked of the server.
const REF = /^(RL-)?(\d{4}-\d{3,})$/;

export async function mine(ctx, refresh = false) {
  const { main, alive, flash } = ctx;
  const d = await gql(LIST, { first: SHOWN });
  if (!alive()) return;
  const nodes = d.complaints.edges.map((e) => e.node);
  const todo = nodes.filter((c) => needsAction(c));
  const rest = nodes.filter((c) => !needsAction(c));
  const list = nodes.length ? html`
    ${todo.length ? html`<h2 id="todo-title">${t('需要您处理', 'Needs your action')}</h2>
      <ul class="cases" id="todo-list" aria-labelledby="todo-title">${todo.map((c) => caseItem(c, { mine: true }))}</ul>` : ''}
    ${rest.length ? html`${todo.length ? html`<h2 id="rest-title">${t('其他投诉', 'Other complaints')}</h2>` : ''}
      <ul class="cases" ${todo.length ? html`aria-labelledby="rest-title"` : html`aria-label="${t('我的投诉', 'My complaints')}"`}>${rest.map((c) => caseItem(c, { mine: true }))}</ul>` : ''}`
    : html`<div class="empty card"><p>${t('您还没有提交过投诉。', 'You have not filed a complaint yet.')}</p><p><a class="btn primary" href="#/file">${t('我要投诉', 'File a complaint')}</a></p></div>`;
  if (refresh && $('#mine-list')) {
    mount($('#mine-list'), list);
    findByNumber();
  } else {
    mount(main, html`<section class="page" aria-labelledby="mine-title">
      ${flash()}
      <div class="page-head"><h1 id="mine-title" tabindex="-1">${t('我的投诉', 'My complaints')}</h1>
      <a class="btn" href="#/file">${t('新投诉', 'New complaint')}</a></div>
      <p class="count" aria-live="polite">${t(`共 ${d.complaints.totalCount} 件`, `${d.complaints.totalCount} in all`)}</p>
      ${nodes.length > 1 ? html`<div class="field find-ref"><label for="f-find">${t('按编号查找', 'Find by reference')}</label>
        <input id="f-find" type="search" inputmode="search" autocomplete="off" spellcheck="false" placeholder="RL-2026-00000123" aria-describedby="find-result">
        <p class="hint" id="find-result" aria-live="polite"></p></div>` : ''}
      <div id="find-remote"></div>
      <div id="mine-list" data-all="${String(d.complaints.totalCount <= nodes.length)}">${list}</div></section>`);
    $('#f-find')?.addEventListener('input', findByNumber);
  }
  // A new complaint is routed within seconds: follow it until it is.
  if (nodes.some((c) => c.status === 'SUBMITTED')) later(() => mine(ctx, true).catch(() => {}), 2000);
}

// findByNumber shows only the complaints whose reference holds what was typed (any part of it:
// "247" finds RL-2026-00000247), or their lender's name; the number is what the filing's last page
// said to keep, and what a letter or a call quotes. The page holds the latest SHOWN complaints: a
// whole reference not among them is looked up on the server (complaint(id:) takes a reference).
let asked = 0;
let timer = null;
function findByNumber() {
  const input = $('#f-find');
  if (!input) return;
  const q = input.value.trim().toUpperCase().replace(/\s+/g, '');
  let shown = 0;
  // Digits alone are the end of a number, as people quote one ("尾号 0001"): "0001" is RL-2026-00000001,
  // not RL-2026-00000019 or a complaint whose text holds a date with 0001 in it.
  const digits = /^\d+$/.test(q);
  $$('#mine-list li').forEach((li) => {
    const a = $('a[data-ref]', li);
    const ref = a.dataset.ref.toUpperCase();
    const number = ref.slice(ref.lastIndexOf('-') + 1);
    const hit = !q || (digits
      ? number.endsWith(q) || (q.length > number.length && ref.replace(/\D/g, '').includes(q))
      : ref.includes(q) || a.textContent.toUpperCase().replace(/\s+/g, '').includes(q));
    li.hidden = !hit;
    if (hit) shown++;
  });
  $$('#mine-list h2').forEach((h) => { h.hidden = !!q && !$$('li:not([hidden])', h.nextElementSibling).length; });
  const out = $('#find-result');
  const remote = $('#find-remote');
  const mine = ++asked;
  clearTimeout(timer);
  mount(remote, '');
  const ref = REF.exec(q);
  if (q && !shown && ref) {
    out.textContent = t('正在查找…', 'Looking it up…');
    // Once the typing stops: a reference typed a digit at a time is asked of the server once.
    timer = setTimeout(() => lookUp(`RL-${ref[2]}`, mine), 300);
    return;
  }
  const partial = $('#mine-list')?.dataset.all === 'false';
  out.textContent = !q ? '' : shown
    ? t(`找到 ${shown} 件`, `${shown} found`)
    : notFound() + (partial ? t(`这里只列出最近的 ${SHOWN} 件；更早的投诉请输入完整编号查找。`, ` Only the latest ${SHOWN} are listed here; type the whole reference to find an older one.`) : '');
}

// lookUp asks the server for the complaint with reference ref and shows it, unless something else
// was typed since (mine is no longer the latest search).
function lookUp(ref, mine) {
  const out = $('#find-result');
  const remote = $('#find-remote');
  if (mine !== asked || !out || !remote) return;
  gql(ONE, { id: ref }).then((d) => d.complaint, (e) => {
    if (e.code === 'NOT_FOUND' || e.code === 'BAD_USER_INPUT') return null;
    throw e;
  }).then((c) => {
    if (mine !== asked) return;
    if (!c) {
      out.textContent = notFound();
      return;
    }
    mount(remote, html`<ul class="cases" aria-label="${t('查找结果', 'Found')}">${caseItem(c, { mine: true })}</ul>`);
    out.textContent = t('找到 1 件', '1 found');
  }).catch(() => {
    if (mine === asked) out.textContent = t('暂时无法查找，请稍后再试。', 'The search failed for now; try again in a moment.');
  });
}

function notFound() {
  return t('没有找到这个编号的投诉。编号形如 RL-2026-00000123；如果投诉是用另一个邮箱的账号提交的，请退出后用那个账号登录。',
    'No complaint with that reference. References look like RL-2026-00000123; if the complaint was filed from an account with another e-mail address, sign out and sign in with that one.');
}
