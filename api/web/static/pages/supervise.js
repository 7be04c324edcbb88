// The supervisor's page: breaches and near-breaches across the teams, extension requests to
// decide, each team's load and each reviewer's open cases, and spike alerts to acknowledge.

import { gql } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, partyName, roles, textLang } from '../core/i18n.js';
import { state, loadViolationTypes, loadTeams, vlabel, teamName } from '../core/state.js';
import { run } from '../core/router.js';
import { fmtDate } from '../core/format.js';
import { fieldError, invalid, liveClear } from '../components/field.js';
import { toast } from '../components/announcer.js';
import { statusBadge } from '../components/cases.js';
import { staffClock } from '../components/countdown.js';
import { BUILTIN, keyOf, openClock, dueLabels } from '../components/queue.js';
import { extensionAsk, toDecide, askerOf, EXTENSION_FIELDS } from '../components/extension.js';
import { ackForm, bindAckForms } from '../components/alertack.js';

const NODE = 'id reference version status lenderName agencyName lenderId agencyId lender { name nameEn } agency { name nameEn } team assigneeId dueAt deadlines { kind institutionId state dueAt dueDate timeZone paused metAt }';
const Q = `query {
  teamLoad { team open unassigned overdue dueSoon extensionsPending members { userId displayName role open overdue dueSoon } }
  breaches: complaints(filter: { overdue: true }, orderBy: DUE_DATE, first: 20) { totalCount edges { node { ${NODE} } } }
  breachesUnassigned: complaints(filter: { overdue: true, unassigned: true }, first: 1) { totalCount }
  near: complaints(filter: { dueWithinDays: 3 }, orderBy: DUE_DATE, first: 20) { totalCount edges { node { ${NODE} } } }
  lapsed: complaints(filter: { feedbackLapsed: true }, orderBy: DUE_DATE, first: 5) { totalCount edges { node { ${NODE} } } }
  waiting: complaints(filter: { status: [DISPUTED, IN_INVESTIGATION, ESCALATED] }, orderBy: OLDEST, first: 20) { totalCount edges { node { ${NODE} history { toStatus at } } } }
  pending: complaints(filter: { extensionPending: true }, orderBy: DUE_DATE, first: 50) { totalCount edges { node { ${NODE}
    extensions { ${EXTENSION_FIELDS} } } } } }`;
const ALERTS = '{ alerts(openOnly: true, first: 20) { nodes { id kind institutionName institution { name nameEn } violationType weekStart observed baseline zScore raisedAt } } }';

// caseLine is a complaint of a list with the clock its state waits for, named: the decision to
// accept, the institution's answer or the complainant's feedback.
function caseLine(c, names, extra = '') {
  const due = openClock(c);
  return html`<li class="sv-case" data-ref="${c.reference}"><a href="#/c/${encodeURIComponent(c.reference)}" class="ref">${c.reference}</a>
    ${statusBadge(c.status, 'badge small')} <span>${partyName(c.lenderName, c.lender)}</span>
    <span class="muted small">${c.team ? teamName(c.team) : ''} · ${c.assigneeId ? names.get(c.assigneeId) || `#${c.assigneeId}` : t('未分配', 'unassigned')}</span>
    ${due ? html`<span class="sv-due small" data-kind="${due.kind}"><span class="q-label">${L(dueLabels, due.kind)}</span> ${staffClock(due)}</span>` : ''}${extra}</li>`;
}

// STEP_SINCE names the step a disputed, investigated or escalated complaint stands at.
const STEP_SINCE = { DISPUTED: ['提出异议', 'Disputed'], IN_INVESTIGATION: ['启动调查', 'Investigation opened'], ESCALATED: ['升级处理', 'Escalated'] };

// waitingList is the complaints disputed, under investigation or escalated: no clock runs at these
// steps (DOMAIN.md and the deadline policies set none), so none ever showed among the breaches or
// near-breaches, and an escalated complaint, sent to senior staff, was nowhere on the supervisor's
// page (session 35 walk). Longest at its step first, with since when and how many days.
function waitingList(conn, names) {
  const since = (c) => { const e = (c.history || []).filter((h) => h.toStatus === c.status).pop(); return e ? Date.parse(e.at) : Date.parse(c.createdAt || 0) || 0; };
  const list = conn.edges.map((e) => e.node).sort((a, b) => since(a) - since(b));
  const line = (c) => {
    const at = since(c);
    const days = Math.max(0, Math.floor((Date.now() - at) / 86_400_000));
    return caseLine(c, names, html` <span class="sv-since small" data-days="${days}">${L(STEP_SINCE, c.status)}${t('于', ' on ')}${fmtDate(new Date(at).toISOString())}${days ? t(`（${days} 天）`, ` (${days} day${days === 1 ? '' : 's'})`) : t('（今天）', ' (today)')}</span>`);
  };
  return html`<section class="card" aria-labelledby="waiting-h" id="waiting">
    <h2 id="waiting-h">${t('异议、调查与升级', 'Disputed, investigated, escalated')} <span class="view-count" data-count="${conn.totalCount}">${conn.totalCount}</span></h2>
    <p class="hint small">${t('这几步没有法定或政策期限，不计入超时；按停留时间排列，最久的在前。', 'No law or deadline policy sets a time limit for these steps, so they never show as breaches; longest at its step first.')}</p>
    ${list.length ? html`<ul class="sv-list">${list.map(line)}</ul>` : html`<p class="muted">${t('没有待决定的异议、调查或升级。', 'Nothing disputed, investigated or escalated.')}</p>`}
    ${conn.totalCount > list.length ? html`<p class="small">${t(`显示 ${list.length} / ${conn.totalCount} 件（最早提交的）`, `Showing ${list.length} of ${conn.totalCount} (the earliest filed)`)}</p>` : ''}
  </section>`;
}

// caseList shows the first of a list and, when there are any, a link to all of them in the queue's
// built-in view of the same name (view: its id in BUILTIN).
// unassigned, when given, is how many of the list no one works on: the supervisor page has no
// assign control of its own, so a link opens the queue on exactly those, where the bulk form
// assigns them.
function caseList(id, title, conn, names, empty, view, unassigned = 0) {
  const v = BUILTIN.find((b) => b.id === view);
  const shown = conn.edges.length;
  return html`<section class="card" aria-labelledby="${id}-h" id="${id}">
    <h2 id="${id}-h">${title} <span class="view-count" data-count="${conn.totalCount}">${conn.totalCount}</span></h2>
    ${unassigned && v ? html`<p class="sv-assign"><a class="btn primary" id="${id}-assign" href="#/queue?${keyOf(new URLSearchParams({ ...v.params, assignee: 'none' }))}">${t(`${unassigned} 件未分配：在队列中分派`, `${unassigned} unassigned: assign them in the queue`)}</a></p>` : ''}
    ${shown ? html`<ul class="sv-list">${conn.edges.map((e) => caseLine(e.node, names))}</ul>` : html`<p class="muted">${empty}</p>`}
    ${shown && v ? html`<p class="small"><a class="sv-all" id="${id}-all" href="#/queue?${keyOf(new URLSearchParams(v.params))}">${conn.totalCount > shown
    ? t(`显示 ${shown} / ${conn.totalCount} 件，在队列中查看全部`, `Showing ${shown} of ${conn.totalCount}: see them all in the queue`)
    : t('在队列中查看', 'See them in the queue')}</a></p>` : ''}
  </section>`;
}

function teamCard(tl) {
  const stat = (n, zh, en, tone = '') => html`<li class="${n && tone ? `tone-${tone}` : ''}"><strong>${n}</strong> <span>${t(zh, en)}</span></li>`;
  return html`<article class="team-card" data-team="${tl.team}" aria-labelledby="team-${tl.team}">
    <h3 id="team-${tl.team}">${teamName(tl.team)}</h3>
    <ul class="stat-row">${stat(tl.open, '未办结', 'open')}${stat(tl.unassigned, '未分配', 'unassigned', 'warn')}
      ${stat(tl.overdue, '已超时', 'overdue', 'danger')}${stat(tl.dueSoon, '3天内到期', 'due soon', 'warn')}${stat(tl.extensionsPending, '待批延期', 'extensions', 'info')}</ul>
    ${tl.members.length ? html`<ul class="members">${tl.members.map((m) => html`<li data-user="${m.userId}">
      <a href="#/queue?${new URLSearchParams({ status: 'OPEN', assignee: m.userId, sort: 'DUE_DATE' })}" lang="${textLang(m.displayName)}">${m.displayName}</a>
      <span class="muted small">${L(roles, m.role)}</span>
      <span class="member-load" data-open="${m.open}">${t(`${m.open} 件未办结`, `${m.open} open`)}${m.overdue ? html` · <span class="tone-danger">${t(`${m.overdue} 件超时`, `${m.overdue} overdue`)}</span>` : ''}${m.dueSoon ? html` · <span class="tone-warn">${t(`${m.dueSoon} 件即将到期`, `${m.dueSoon} due soon`)}</span>` : ''}</span></li>`)}</ul>`
    : html`<p class="muted small">${t('没有成员。', 'No members.')}</p>`}
  </article>`;
}

function extensionItem(c, canDecide) {
  const { x } = toDecide(c);
  return html`<li class="ext-item" data-ref="${c.reference}" data-asker="${askerOf(c, x).kind}">
    <p><a href="#/c/${encodeURIComponent(c.reference)}" class="ref">${c.reference}</a> · ${partyName(c.lenderName, c.lender)}${c.team ? ` · ${teamName(c.team)}` : ''}</p>
    ${extensionAsk(c)}
    ${canDecide ? html`<form class="ext-form" data-id="${c.id}" data-version="${c.version}" data-ref="${c.reference}" aria-label="${t(`审批 ${c.reference} 的延期申请`, `Decide the extension of ${c.reference}`)}">
      <div class="field" data-field="reason"><label for="ext-reason-${c.id}">${t('理由（驳回时必填）', 'Reason (required to refuse)')}</label>
        <textarea id="ext-reason-${c.id}" name="reason" rows="2" maxlength="2000" aria-describedby="ext-err-${c.id}"></textarea>
        <p class="field-error" id="ext-err-${c.id}" hidden></p></div>
      <div class="inline"><button class="btn primary" type="submit" name="decision" value="approve">${t('批准', 'Approve')}</button>
        <button class="btn" type="submit" name="decision" value="refuse">${t('驳回', 'Refuse')}</button></div>
    </form>` : html`<p class="muted small">${t('由主管审批。', 'A supervisor decides.')}</p>`}
  </li>`;
}

function alertItem(a) {
  return html`<li class="alert-item" data-alert="${a.id}">
    <p><strong>${a.kind === 'SURGE' ? t('集中投诉', 'Surge') : t('异常增长', 'Spike')}</strong> · ${partyName(a.institutionName, a.institution)}${a.violationType ? html` · ${vlabel(a.violationType)}` : ''}</p>
    <p class="small">${t(`${fmtDate(a.weekStart)}起的一周：${a.observed} 件，基线 ${a.baseline.toFixed(1)}，z = ${a.zScore.toFixed(1)}`,
    `Week of ${fmtDate(a.weekStart)}: ${a.observed} complaints, baseline ${a.baseline.toFixed(1)}, z = ${a.zScore.toFixed(1)}`)}</p>
    ${ackForm(a)}
  </li>`;
}

export async function supervise({ main, alive, flash }) {
  await Promise.all([loadViolationTypes(), loadTeams()]);
  const [d, alerts] = await Promise.all([gql(Q), gql(ALERTS).then((x) => x.alerts.nodes).catch(() => null)]);
  if (!alive()) return;
  const names = new Map();
  d.teamLoad.forEach((tl) => tl.members.forEach((m) => names.set(m.userId, m.displayName)));
  const canDecide = state.me.role === 'supervisor';
  // The extension requests are what only a supervisor decides (an institution waits on each): on a
  // phone they came after 20 breaches and 20 near-breaches, a long scroll down (session 34 walk).
  // A supervisor reads them first; others, who may not decide them, where they were.
  const extensions = html`<section class="card" aria-labelledby="ext-h" id="extensions">
      <h2 id="ext-h">${t('待审批的延期申请', 'Extension requests to decide')} <span class="view-count" data-count="${d.pending.totalCount}">${d.pending.totalCount}</span></h2>
      ${d.pending.edges.length ? html`<ul class="sv-list">${d.pending.edges.map((e) => extensionItem(e.node, canDecide))}</ul>` : html`<p class="muted" id="no-extensions">${t('没有待审批的延期申请。', 'No extension requests await a decision.')}</p>`}
    </section>`;
  mount(main, html`<section class="page wide" aria-labelledby="sv-title">
    ${flash()}
    <div class="page-head"><div><h1 id="sv-title" tabindex="-1">${t('主管工作台', 'Supervision')}</h1>
      <p class="muted">${t('延期审批、超时、即将超时、异议与升级、各组工作量与预警', 'Extensions, breaches, near-breaches, disputes and escalations, team load and alerts')}</p></div></div>
    ${canDecide ? extensions : ''}
    <div class="sv-grid">
      ${caseList('breaches', t('已超时', 'Breaches'), d.breaches, names, t('没有超时的投诉。', 'No breaches.'), 'overdue', d.breachesUnassigned.totalCount)}
      ${caseList('near', t('3天内到期', 'Due within 3 days'), d.near, names, t('没有即将到期的投诉。', 'Nothing due soon.'), 'soon')}
      ${caseList('lapsed', t('评价期已过 · 待办结', 'Feedback period over · ready to close'), d.lapsed, names, t('没有待办结的投诉。', 'Nothing waits to be closed.'), 'lapsed')}
      ${waitingList(d.waiting, names)}
    </div>
    ${canDecide ? '' : extensions}
    <section class="card" aria-labelledby="load-h" id="team-load">
      <h2 id="load-h">${t('各组工作量', 'Team load')}</h2>
      <div class="teams">${d.teamLoad.map(teamCard)}</div>
    </section>
    ${alerts ? html`<section class="card" aria-labelledby="alerts-h" id="alerts">
      <h2 id="alerts-h">${t('待确认的预警', 'Alerts to acknowledge')} <span class="view-count" data-count="${alerts.length}">${alerts.length}</span></h2>
      ${alerts.length ? html`<ul class="sv-list">${alerts.map(alertItem)}</ul>` : html`<p class="muted" id="no-alerts">${t('没有未确认的预警。', 'No open alerts.')}</p>`}
    </section>` : ''}
  </section>`);

  $$('.ext-form').forEach((form) => {
    liveClear(form);
    let approve = true;
    $$('button[name=decision]', form).forEach((b) => b.addEventListener('click', () => { approve = b.value === 'approve'; }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (ev.submitter) approve = ev.submitter.value === 'approve';
      const err = $('.field-error', form);
      const reason = form.reason.value.trim();
      err.hidden = true;
      err.shownError = null;
      form.reason.removeAttribute('aria-invalid');
      if (!approve && !reason) {
        fieldError(err, invalid('reason', '驳回延期申请须说明理由。', 'Give a reason to refuse.'));
        form.reason.focus();
        return;
      }
      $$('button', form).forEach((b) => { b.disabled = true; });
      try {
        await gql('mutation($id: ID!, $a: Boolean!, $r: String, $v: Int) { decideExtension(id: $id, approve: $a, reason: $r, expectedVersion: $v) { id status } }',
          { id: form.dataset.id, a: approve, r: reason || null, v: Number(form.dataset.version) });
        await run();
        toast(approve ? t(`已批准 ${form.dataset.ref} 的延期`, `Extension of ${form.dataset.ref} approved`) : t(`已驳回 ${form.dataset.ref} 的延期`, `Extension of ${form.dataset.ref} refused`));
      } catch (e) {
        $$('button', form).forEach((b) => { b.disabled = false; });
        const first = (e.errors || [])[0] || e;
        fieldError(err, e.code === 'CONFLICT' ? invalid('reason', '该投诉已被他人处理，请刷新后再试。', 'Someone else changed this complaint; reload and try again.') : first);
      }
    });
  });
  bindAckForms(main);
}
