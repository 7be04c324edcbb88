// The reviewer's queue, its parts: the URL query <-> ComplaintFilter conversion (saved views store
// the API's filter), the built-in views, one complaint row (a card on a phone, a row on a desk),
// the institution type-ahead and the report of a bulk action.

import { gql } from '../core/api.js';
import { html, mount } from '../core/dom.js';
import { t, L, partyName, priorities, institutionKinds, statuses } from '../core/i18n.js';
import { vlabel, provinceName, teamName } from '../core/state.js';
import { when, zoneOf } from '../core/format.js';
import { statusBadge } from './cases.js';
import { staffClock, feedbackEnded } from './countdown.js';

export const OPEN = ['SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED', 'DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'];
export const SORTS = {
  NEWEST: ['最新提交', 'Newest'],
  OLDEST: ['最早提交', 'Oldest'],
  PRIORITY: ['优先级', 'Priority'],
  DUE_DATE: ['答复期限', 'Due date'],
};
export const DUE_SOON_DAYS = 3;

// The filter keys of the URL's query, in a fixed order (the page key and saved views use it).
export const KEYS = ['status', 'team', 'assignee', 'province', 'inst', 'violation', 'priority', 'due', 'from', 'to', 'q', 'sort', 'n'];
export const SIZES = ['5', '10', '20', '50'];

// Built-in views: a name and the URL query they open.
export const BUILTIN = [
  { id: 'mine', zh: '我的待办', en: 'My open', params: { assignee: 'me', sort: 'DUE_DATE' } },
  { id: 'unassigned', zh: '未分配', en: 'Unassigned', params: { assignee: 'none', sort: 'OLDEST' } },
  { id: 'soon', zh: '即将超时', en: 'Due soon', params: { due: 'soon', sort: 'DUE_DATE' } },
  { id: 'overdue', zh: '已超时', en: 'Overdue', params: { due: 'overdue', sort: 'DUE_DATE' } },
  // Answered, and the complainant let the feedback window run out: nothing is awaited any more.
  { id: 'lapsed', zh: '评价期已过 · 待办结', en: 'Feedback period over · ready to close', params: { due: 'lapsed', sort: 'DUE_DATE' } },
];

// The reason a complaint whose feedback window lapsed is closed with, unless staff write another:
// the complainant and the institution read it in the history (in Chinese, as the complaint is).
export const LAPSED_REASON = '投诉人未在评价期限内对机构答复作出评价，本投诉依规办结。';

const dayStart = (d) => `${d}T00:00:00+08:00`; // China days
function nextDay(d) {
  const x = new Date(`${d}T12:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
}
function chinaDay(iso, minusOne = false) {
  const x = new Date(Date.parse(iso) + 8 * 3_600_000 - (minusOne ? 1000 : 0));
  return x.toISOString().slice(0, 10);
}

// filterOf turns the URL's query into the API's ComplaintFilter and order.
export function filterOf(p) {
  const f = {};
  const status = p.get('status') || 'OPEN';
  if (status === 'OPEN') f.status = OPEN;
  else if (status !== 'ALL') f.status = [status];
  const a = p.get('assignee') || '';
  if (a === 'me') f.mine = true;
  else if (a === 'none') f.unassigned = true;
  else if (/^\d+$/.test(a)) f.assigneeId = a;
  for (const [k, api] of [['team', 'team'], ['province', 'province'], ['violation', 'violation'], ['priority', 'priority'], ['q', 'text']]) {
    if (p.get(k)) f[api] = p.get(k);
  }
  if (/^\d+$/.test(p.get('inst') || '')) f.institutionId = p.get('inst');
  if (p.get('due') === 'overdue') f.overdue = true;
  if (p.get('due') === 'soon') f.dueWithinDays = DUE_SOON_DAYS;
  if (p.get('due') === 'lapsed') f.feedbackLapsed = true;
  if (/^\d{4}-\d{2}-\d{2}$/.test(p.get('from') || '')) f.createdFrom = dayStart(p.get('from'));
  if (/^\d{4}-\d{2}-\d{2}$/.test(p.get('to') || '')) f.createdTo = dayStart(nextDay(p.get('to')));
  return { filter: f, orderBy: SORTS[p.get('sort')] ? p.get('sort') : 'NEWEST' };
}

// paramsOf turns a saved view's filter (JSON of ComplaintFilter) and order back into a URL query.
export function paramsOf(filterJSON, orderBy) {
  let f = {};
  try { f = JSON.parse(filterJSON) || {}; } catch { /* an empty filter */ }
  const p = new URLSearchParams();
  const st = f.status || [];
  if (!st.length) p.set('status', 'ALL');
  else if (st.length === 1) p.set('status', st[0]);
  else p.set('status', 'OPEN');
  if (f.mine) p.set('assignee', 'me');
  else if (f.unassigned) p.set('assignee', 'none');
  else if (f.assigneeId) p.set('assignee', f.assigneeId);
  for (const [k, api] of [['team', 'team'], ['province', 'province'], ['violation', 'violation'], ['priority', 'priority'], ['q', 'text']]) {
    if (f[api]) p.set(k, f[api]);
  }
  if (f.institutionId) p.set('inst', f.institutionId);
  if (f.overdue) p.set('due', 'overdue');
  else if (f.dueWithinDays) p.set('due', 'soon');
  else if (f.feedbackLapsed) p.set('due', 'lapsed');
  if (f.createdFrom) p.set('from', chinaDay(f.createdFrom));
  if (f.createdTo) p.set('to', chinaDay(f.createdTo, true));
  if (orderBy && orderBy !== 'NEWEST') p.set('sort', orderBy);
  return p;
}

// exportHref is the CSV export of a view (GET /export/complaints.csv): the API filter and order
// filterOf gives, as the export's parameters, which are named like the filter's fields.
export function exportHref(filter, orderBy) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (Array.isArray(v)) q.set(k, v.join(','));
    else if (v === true) q.set(k, '1');
    else if (v !== false && v !== '' && v != null) q.set(k, String(v));
  }
  q.set('orderBy', orderBy);
  q.set('bom', '1'); // so that Excel reads the Chinese text right
  return `/export/complaints.csv?${q}`;
}

// keyOf is the query's filter and order in a fixed form: a view is "the same" when its key is.
export function keyOf(p) {
  const q = new URLSearchParams();
  for (const k of KEYS) {
    const v = p.get(k);
    if (v && !(k === 'status' && v === 'OPEN') && !(k === 'sort' && v === 'NEWEST') && !(k === 'n' && v === '20')) q.set(k, v);
  }
  return q.toString();
}

function topViolations(c) {
  const vs = [...new Set([...(c.confirmedViolations || []), ...(c.claimedViolations || [])])].slice(0, 3);
  return vs.length ? html`<span class="tags">${vs.map((v) => html`<span class="tag">${vlabel(v)}</span>`)}</span>` : '';
}

// The clock a row shows, named for the reviewer: what the complaint's state waits for.
export const dueLabels = {
  ACCEPTANCE: ['受理期限', 'Decision due'],
  INSTITUTION_RESPONSE: ['答复期限', 'Answer due'],
  FEEDBACK: ['评价期限', 'Feedback due'],
};

// The clock each state waits for (the lifecycle cancels the others).
const awaitedClock = { SUBMITTED: 'ACCEPTANCE', IN_TRIAGE: 'ACCEPTANCE', NEEDS_INFORMATION: 'ACCEPTANCE', FORWARDED: 'INSTITUTION_RESPONSE', RESPONDED: 'FEEDBACK' };

// openClock is the clock the complaint's state waits for, the one due first: running, or past due
// (BREACHED once the deadline sweep ran) and still awaited. A complaint forwarded before clocks were
// stored has only its due date.
export function openClock(c) {
  const kind = awaitedClock[c.status];
  const open = (c.deadlines || []).filter((d) => d.kind === kind && (d.state === 'OPEN' || (d.state === 'BREACHED' && !d.metAt)))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  if (open.length) return open[0];
  return c.status === 'FORWARDED' && c.dueAt ? { kind: 'INSTITUTION_RESPONSE', dueAt: c.dueAt, state: 'OPEN' } : null;
}

// row is one complaint of the queue: a checkbox to pick it and a link to open it.
export function row(c, names, meID) {
  const assignee = c.assigneeId ? (c.assigneeId === meID ? t('我', 'me') : names.get(c.assigneeId) || `#${c.assigneeId}`) : '';
  const due = openClock(c);
  // A lapsed feedback window is no breach: the institution's late answer (untimely) still shows.
  const overdue = due && !feedbackEnded(due) && (due.state === 'BREACHED' || (!due.paused && Date.parse(due.dueAt) < Date.now()));
  return html`<li class="qrow" data-id="${c.id}" data-ref="${c.reference}" data-version="${c.version}" data-status="${c.status}">
    <input type="checkbox" class="q-pick" id="pick-${c.id}" value="${c.id}" aria-label="${t(`选择 ${c.reference}`, `Select ${c.reference}`)}">
    <a class="case" href="#/c/${encodeURIComponent(c.reference)}">
      <span class="case-top"><span class="ref">${c.reference}</span>${statusBadge(c.status)}${c.priority !== 'NORMAL' ? html`<span class="badge small tone-${(priorities[c.priority] || [])[2]}" data-priority="${c.priority}">${L(priorities, c.priority)}</span>` : ''}</span>
      <span class="case-main"><span data-matched="${String(!!c.lender)}">${partyName(c.lenderName, c.lender)}</span>${c.agencyName ? html`<span class="sep" aria-hidden="true">·</span><span class="muted" data-matched="${String(!!c.agency)}">${partyName(c.agencyName, c.agency)}</span>` : ''}${topViolations(c)}</span>
      <span class="q-who small"><span class="q-label">${t('处理人', 'Assignee')}</span> ${assignee ? html`<span data-assignee="${c.assigneeId}">${assignee}</span>` : html`<span class="muted" data-assignee="">${t('未分配', 'Unassigned')}</span>`}
        <span class="muted q-where">${provinceName(c.province)}${c.team ? html` · <span data-team="${c.team}">${teamName(c.team)}</span>` : ''} · ${t('提交于', 'filed')} ${when(c.createdAt, zoneOf(c))}</span></span>
      <span class="q-due small" data-kind="${due ? due.kind : ''}"><span class="q-label">${L(dueLabels, due ? due.kind : 'INSTITUTION_RESPONSE')}</span> ${due ? staffClock(due) : html`<span class="muted">—</span>`}${!overdue && c.untimely ? html` <span class="badge small tone-danger" data-overdue-mark="true">${c.respondedAt ? t('机构逾期答复', 'Answered late') : t('机构逾期未答复', 'Not answered in time')}</span>` : ''}</span>
    </a>
  </li>`;
}

// bulkReport lists what a bulk action did to each complaint: done names what became of it (whose it
// is now), and a refusal for the complaint's state says the state in words and what the action was,
// as the server's message names them by code. Each reference opens its complaint: a row the action
// took out of the view is no longer listed below.
export function bulkReport(results, what, done, verb) {
  const ok = results.filter((r) => r.ok).length;
  const why = (r) => {
    if (r.code === 'CONFLICT') return html`${t('冲突：', 'Conflict: ')}${r.message}`;
    if (r.code === 'BAD_USER_INPUT' && r.field === 'status' && statuses[r.status]) {
      return t(`此投诉当前为“${L(statuses, r.status)}”，不能${verb[0]}，已跳过。`, `Its status is “${L(statuses, r.status)}”: it cannot be ${verb[1]} in that status, so it was skipped.`);
    }
    return r.message;
  };
  return html`<div class="card bulk-report" id="bulk-report" tabindex="-1" role="status">
    <p><strong>${what}</strong>${t('：', ': ')}${t(`成功 ${ok} 件，失败 ${results.length - ok} 件`, `${ok} done, ${results.length - ok} failed`)}</p>
    <ul>${results.map((r) => html`<li data-ref="${r.ref}" data-result="${r.ok ? 'ok' : r.code}"><a class="ref" href="#/c/${encodeURIComponent(r.ref)}">${r.ref}</a> ${r.ok
    ? html`<span class="tone-ok">✓ ${done}</span>`
    : html`<span class="tone-danger">✗ ${why(r)}</span>`}</li>`)}</ul>
  </div>`;
}

// instTypeahead fills a datalist from institutions(search) as the person types; onPick gets the
// institution whose name was typed or chosen, or null.
export function instTypeahead(input, list, onPick) {
  const known = new Map();
  let seq = 0;
  let timer;
  input.addEventListener('input', () => {
    const q = input.value.trim();
    onPick(known.get(q) || null);
    clearTimeout(timer);
    if (!q) return;
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const d = await gql('query($s: String) { institutions(search: $s, first: 8) { edges { node { id name kind aliases } } } }', { s: q });
        if (mine !== seq) return;
        const nodes = d.institutions.edges.map((e) => e.node);
        nodes.forEach((n) => known.set(n.name, n));
        mount(list, nodes.map((n) => html`<option value="${n.name}" label="${[L(institutionKinds, n.kind), ...(n.aliases || [])].join(' · ')}"></option>`));
        const again = known.get(input.value.trim());
        if (again) onPick(again);
      } catch { /* a convenience */ }
    }, 200);
  });
}
