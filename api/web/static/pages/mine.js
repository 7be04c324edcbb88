// My complaints: what needs the complainant's action first, then the rest, newest first.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { later } from '../core/router.js';
import { caseItem, needsAction } from '../components/cases.js';

const LIST = `query($first: Int) { complaints(first: $first) { totalCount
  edges { node { id reference status lenderName lender { name nameEn } product createdAt updatedAt feedback { decision } deadlines { kind state dueAt paused metAt } } } } }`;

export async function mine(ctx, refresh = false) {
  const { main, alive, flash } = ctx;
  const d = await gql(LIST, { first: 100 });
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
  } else {
    mount(main, html`<section class="page" aria-labelledby="mine-title">
      ${flash()}
      <div class="page-head"><h1 id="mine-title" tabindex="-1">${t('我的投诉', 'My complaints')}</h1>
      <a class="btn" href="#/file">${t('新投诉', 'New complaint')}</a></div>
      <p class="count" aria-live="polite">${t(`共 ${d.complaints.totalCount} 件`, `${d.complaints.totalCount} in all`)}</p>
      <div id="mine-list">${list}</div></section>`);
  }
  // A new complaint is routed within seconds: follow it until it is.
  if (nodes.some((c) => c.status === 'SUBMITTED')) later(() => mine(ctx, true).catch(() => {}), 2000);
}
