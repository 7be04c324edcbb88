// The regulator's queue (a status filter and text search). The full workbench is part 2.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t, L, statuses, roles, priorities, products } from '../core/i18n.js';
import { state, loadProvinces, loadViolationTypes, provinceName, vlabel } from '../core/state.js';
import { go, run } from '../core/router.js';
import { when } from '../core/format.js';
import { statusBadge } from '../components/cases.js';

const OPEN = ['SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED', 'DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'];
const LIST = `query($f: ComplaintFilter, $first: Int, $after: String) {
  complaints(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reference status priority lenderName product province claimedViolations createdAt } } } }`;

const paging = { key: '', cursors: [null] };

function item(c) {
  return html`<li><a class="case" href="#/c/${encodeURIComponent(c.id)}">
    <span class="case-top"><span class="ref">${c.reference}</span>${statusBadge(c.status)}${c.priority !== 'NORMAL' ? html`<span class="badge small tone-${(priorities[c.priority] || [])[2]}" data-priority="${c.priority}">${L(priorities, c.priority)}</span>` : ''}</span>
    <span class="case-main">${c.lenderName}<span class="sep" aria-hidden="true">·</span><span class="muted">${L(products, c.product)}</span></span>
    ${(c.claimedViolations || []).length ? html`<span class="tags">${c.claimedViolations.slice(0, 3).map((v) => html`<span class="tag">${vlabel(v)}</span>`)}</span>` : ''}
    <span class="case-meta muted">${provinceName(c.province)} · ${t('提交于', 'filed')} ${when(c.createdAt)}</span>
  </a></li>`;
}

export async function queue({ main, params, alive, flash }) {
  await Promise.all([loadProvinces(), loadViolationTypes()]);
  const status = params.get('status') || 'OPEN';
  const text = params.get('q') || '';
  const key = `${status}|${text}`;
  if (paging.key !== key) Object.assign(paging, { key, cursors: [null] });
  const page = paging.cursors.length - 1;
  const filter = {};
  if (status === 'OPEN') filter.status = OPEN;
  else if (status !== 'ALL') filter.status = [status];
  if (text) filter.text = text;
  const d = await gql(LIST, { f: filter, first: 20, after: paging.cursors[page] });
  if (!alive()) return;
  const conn = d.complaints;
  mount(main, html`<section class="page wide" aria-labelledby="queue-title">
    ${flash()}
    <div class="page-head"><div><h1 id="queue-title" tabindex="-1">${t('投诉队列', 'Complaint queue')}</h1>
      <p class="muted">${L(roles, state.me.role)}${(state.me.teams || []).length ? html` · ${t('团队', 'team')} ${state.me.teams.join(', ')}` : ''}</p></div></div>
    <form id="queue-filter" class="filters card" role="search">
      <div class="field"><label for="q-status">${t('状态', 'Status')}</label>
        <select id="q-status" name="status">
          <option value="OPEN">${t('未办结', 'All open')}</option><option value="ALL">${t('全部', 'All')}</option>
          ${Object.keys(statuses).map((code) => html`<option value="${code}">${L(statuses, code)}</option>`)}
        </select></div>
      <div class="field grow"><label for="q-text">${t('搜索', 'Search')}</label>
        <input id="q-text" name="q" type="search" value="${text}" placeholder="${t('描述或机构名称', 'narrative or institution')}"></div>
      <button class="btn" type="submit">${t('筛选', 'Filter')}</button>
    </form>
    <p class="count" aria-live="polite" id="queue-count">${t(`共 ${conn.totalCount ?? '?'} 件`, `${conn.totalCount ?? '?'} complaints`)}${page > 0 ? ` · ${t(`第 ${page + 1} 页`, `page ${page + 1}`)}` : ''}</p>
    ${conn.edges.length
    ? html`<ul class="cases" id="queue-list" data-filter="${key}" aria-label="${t('投诉列表', 'Complaints')}">${conn.edges.map((e) => item(e.node))}</ul>`
    : html`<div class="empty card" id="queue-list" data-filter="${key}"><p>${t('没有符合条件的投诉。', 'No complaints match.')}</p></div>`}
    <nav class="pager" aria-label="${t('翻页', 'Pages')}">
      <button class="btn" type="button" id="prev" ${page === 0 ? 'disabled' : ''}>← ${t('上一页', 'Previous')}</button>
      <button class="btn" type="button" id="next" ${conn.pageInfo.hasNextPage ? '' : 'disabled'}>${t('下一页', 'Next')} →</button>
    </nav>
  </section>`);
  const form = $('#queue-filter');
  form.status.value = status;
  const apply = () => {
    const p = new URLSearchParams();
    p.set('status', form.status.value);
    if (form.q.value.trim()) p.set('q', form.q.value.trim());
    go(`/queue?${p}`);
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  form.status.addEventListener('change', apply);
  $('#next').addEventListener('click', () => { paging.cursors.push(conn.pageInfo.endCursor); run(); });
  $('#prev').addEventListener('click', () => { paging.cursors.pop(); run(); });
}
