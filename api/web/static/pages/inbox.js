// The institution's inbox: complaints forwarded to it, the soonest answer due first, a page at a time, with
// countdowns and overdue marks, and the view as a CSV file (GET /export/complaints.csv) for the
// institution's own records and reports.

import { gql, saveDownload } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { go } from '../core/router.js';
import { loadViolationTypes } from '../core/state.js';
import { caseItem, INBOX_VIEWS } from '../components/cases.js';
import { errorText } from '../components/field.js';
import { toast } from '../components/announcer.js';
import { pageCursors, keepCursors, pager } from '../components/pager.js';

const SIZES = ['5', '10', '25', '50'];

const VIEWS = INBOX_VIEWS;

export async function inbox({ main, params, alive, flash }) {
  const view = VIEWS[params.get('view')] ? params.get('view') : 'todo';
  const overdue = params.get('overdue') === '1';
  const filter = { status: VIEWS[view][0] };
  if (overdue) filter.overdue = true;
  // A page at a time, the soonest due first; the overdue count is the whole view's, not the page's.
  const size = SIZES.includes(params.get('n')) ? Number(params.get('n')) : 25;
  const key = `${view}${overdue ? '-overdue' : ''}-${size}`;
  const page = Math.max(1, parseInt(params.get('p') || '1', 10) || 1);
  const after = page > 1 ? params.get('after') : null;
  const stack = pageCursors('inbox', key, page, after);
  const [d] = await Promise.all([gql(`query($f: ComplaintFilter, $late: ComplaintFilter, $n: Int, $a: String) {
    complaints(filter: $f, first: $n, after: $a, orderBy: DUE_DATE) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id reference status lenderName lender { name nameEn } product confirmedViolations createdAt dueAt forwardedAt respondedAt untimely extensions { status } deadlines { kind state paused dueAt dueDate timeZone } } } }
    late: complaints(filter: $late, first: 1) { totalCount } }`, { f: filter, late: { status: ['FORWARDED'], overdue: true }, n: size, a: after }), loadViolationTypes()]);
  if (!alive()) return;
  const nodes = d.complaints.edges.map((e) => e.node);
  const late = view === 'todo' ? d.late.totalCount : 0; // still to answer
  const total = d.complaints.totalCount;
  const first = (page - 1) * size + 1;
  mount(main, html`<section class="page wide" aria-labelledby="inbox-title">
    ${flash()}
    <h1 id="inbox-title" tabindex="-1">${t('转交本机构的投诉', 'Complaints forwarded to your institution')}</h1>
    <nav class="tabs" aria-label="${t('视图', 'Views')}">${Object.entries(VIEWS).map(([k, [, zh, en]]) => html`<a class="btn small" href="#/inbox?view=${k}" ${k === view ? html`aria-current="page"` : ''}>${t(zh, en)}</a>`)}
      <label class="check inline-check"><input type="checkbox" id="only-overdue" ${overdue ? 'checked' : ''}> <span>${t('只看已超期', 'Overdue only')}</span></label></nav>
    <p class="count" id="inbox-count" aria-live="polite">${total > size && nodes.length ? t(`共 ${total} 件，第 ${first}–${first + nodes.length - 1} 件，按答复期限排序`, `${first}–${first + nodes.length - 1} of ${total}, soonest due first`) : t(`共 ${total} 件，按答复期限排序`, `${total}, soonest due first`)}${late ? html` · <strong class="tone-danger">${t(`${late} 件已超期`, `${late} overdue`)}</strong>` : ''}</p>
    ${nodes.length ? html`<p class="inbox-tools"><button type="button" class="btn small" id="inbox-csv">${t('下载本视图（CSV）', 'Download this view (CSV)')}</button>
      <label for="inbox-n">${t('每页', 'Per page')}</label> <select id="inbox-n">${SIZES.map((n) => html`<option value="${n}" ${Number(n) === size ? 'selected' : ''}>${n}</option>`)}</select></p>` : ''}
    ${nodes.length ? html`<ul class="cases" id="inbox-list">${nodes.map((c) => caseItem(c, { due: true }))}</ul>`
    : html`<p class="empty card" id="inbox-list">${view === 'todo' ? t('没有待答复的投诉。监管部门转交给本机构的投诉会出现在这里，附答复期限。', 'Nothing to answer. Complaints the regulator forwards to your institution show here with their due dates.') : t('没有投诉。', 'No complaints.')}</p>`}
    ${page > 1 || d.complaints.pageInfo.hasNextPage ? pager(page, d.complaints.pageInfo.hasNextPage) : ''}
  </section>`);
  const base = `/inbox?view=${view}${overdue ? '&overdue=1' : ''}${size !== 25 ? `&n=${size}` : ''}`;
  $('#inbox-n')?.addEventListener('change', (ev) => go(`/inbox?view=${view}${overdue ? '&overdue=1' : ''}&n=${ev.target.value}`));
  $('#next')?.addEventListener('click', () => {
    keepCursors('inbox', key, [...stack, d.complaints.pageInfo.endCursor]);
    go(`${base}&p=${page + 1}&after=${encodeURIComponent(d.complaints.pageInfo.endCursor)}`);
  });
  $('#prev')?.addEventListener('click', () => {
    const from = page - 1 > 1 ? stack[page - 2] : null;
    // Without the cursor of the page before (a link from someone else), start over at page 1.
    go(from ? `${base}&p=${page - 1}&after=${encodeURIComponent(from)}` : base);
  });
  const csv = $('#inbox-csv');
  if (csv) {
    csv.addEventListener('click', async () => {
      const q = new URLSearchParams({ status: filter.status.join(','), orderBy: 'DUE_DATE', bom: '1' });
      if (overdue) q.set('overdue', 'true');
      csv.disabled = true;
      try {
        await saveDownload(`/export/complaints.csv?${q}`, `complaints-${view}-${new Date().toISOString().slice(0, 10)}.csv`);
      } catch (err) {
        toast(errorText((err.errors || [{}])[0]), 'danger');
      } finally {
        csv.disabled = false;
      }
    });
  }
  $('#only-overdue').addEventListener('change', (ev) => go(`/inbox?view=${view}${ev.target.checked ? '&overdue=1' : ''}`));
}
