// The institution's inbox: complaints forwarded to it, the soonest answer due first, with
// countdowns and overdue marks, and the view as a CSV file (GET /export/complaints.csv) for the
// institution's own records and reports.

import { gql, download } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { go } from '../core/router.js';
import { caseItem } from '../components/cases.js';
import { errorText } from '../components/field.js';
import { toast } from '../components/announcer.js';

const VIEWS = {
  todo: [['FORWARDED'], '待答复', 'To answer'],
  answered: [['RESPONDED', 'ACCEPTED', 'DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'], '已答复', 'Answered'],
  closed: [['CLOSED', 'WITHDRAWN', 'REJECTED', 'REFERRED'], '已办结', 'Closed'],
};

export async function inbox({ main, params, alive, flash }) {
  const view = VIEWS[params.get('view')] ? params.get('view') : 'todo';
  const overdue = params.get('overdue') === '1';
  const filter = { status: VIEWS[view][0] };
  if (overdue) filter.overdue = true;
  const d = await gql(`query($f: ComplaintFilter) { complaints(filter: $f, first: 100, orderBy: DUE_DATE) { totalCount
    edges { node { id reference status lenderName product createdAt dueAt respondedAt untimely } } } }`, { f: filter });
  if (!alive()) return;
  const nodes = d.complaints.edges.map((e) => e.node);
  const late = nodes.filter((c) => c.status === 'FORWARDED' && c.dueAt && Date.parse(c.dueAt) < Date.now()).length; // still to answer
  mount(main, html`<section class="page wide" aria-labelledby="inbox-title">
    ${flash()}
    <h1 id="inbox-title" tabindex="-1">${t('转交本机构的投诉', 'Complaints forwarded to your institution')}</h1>
    <nav class="tabs" aria-label="${t('视图', 'Views')}">${Object.entries(VIEWS).map(([k, [, zh, en]]) => html`<a class="btn small" href="#/inbox?view=${k}" ${k === view ? html`aria-current="page"` : ''}>${t(zh, en)}</a>`)}
      <label class="check inline-check"><input type="checkbox" id="only-overdue" ${overdue ? 'checked' : ''}> <span>${t('只看已超期', 'Overdue only')}</span></label></nav>
    <p class="count" id="inbox-count" aria-live="polite">${t(`共 ${d.complaints.totalCount} 件，按答复期限排序`, `${d.complaints.totalCount}, soonest due first`)}${late ? html` · <strong class="tone-danger">${t(`${late} 件已超期`, `${late} overdue`)}</strong>` : ''}</p>
    ${nodes.length ? html`<p><button type="button" class="btn small" id="inbox-csv">${t('下载本视图（CSV）', 'Download this view (CSV)')}</button></p>` : ''}
    ${nodes.length ? html`<ul class="cases" id="inbox-list">${nodes.map((c) => caseItem(c, { due: true }))}</ul>`
    : html`<p class="empty card" id="inbox-list">${view === 'todo' ? t('没有待答复的投诉。监管部门转交给本机构的投诉会出现在这里，附答复期限。', 'Nothing to answer. Complaints the regulator forwards to your institution show here with their due dates.') : t('没有投诉。', 'No complaints.')}</p>`}
  </section>`);
  const csv = $('#inbox-csv');
  if (csv) {
    csv.addEventListener('click', async () => {
      const q = new URLSearchParams({ status: filter.status.join(','), orderBy: 'DUE_DATE', bom: '1' });
      if (overdue) q.set('overdue', 'true');
      csv.disabled = true;
      try {
        const a = document.createElement('a');
        a.href = await download(`/export/complaints.csv?${q}`);
        a.download = `complaints-${view}-${new Date().toISOString().slice(0, 10)}.csv`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      } catch (err) {
        toast(errorText((err.errors || [{}])[0]), 'danger');
      } finally {
        csv.disabled = false;
      }
    });
  }
  $('#only-overdue').addEventListener('change', (ev) => go(`/inbox?view=${view}${ev.target.checked ? '&overdue=1' : ''}`));
}
