// The regulator's queue: filters, sort, views (built-in and saved, with counts), bulk claim and
// assign, and paging. Filters, sort and page live in the URL's query, so reload and back keep them.
// A complaint reference typed into the search opens that complaint.

import { gql, saveDownload } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, statuses, roles, priorities, textLang } from '../core/i18n.js';
import { state, loadProvinces, loadViolationTypes, loadTeams, teamName } from '../core/state.js';
import { go, run } from '../core/router.js';
import { errorText } from '../components/field.js';
import { announce, toast } from '../components/announcer.js';
import { OPEN, SORTS, SIZES, BUILTIN, KEYS, LAPSED_REASON, filterOf, paramsOf, keyOf, exportHref, row, bulkReport, instTypeahead } from '../components/queue.js';
import { pageCursors, keepCursors, pager } from '../components/pager.js';

const REF = /^RL-\d{4}-\d{3,}$/i;
const LIST = `query($f: ComplaintFilter, $first: Int, $after: String, $o: ComplaintOrder) {
  complaints(filter: $f, first: $first, after: $after, orderBy: $o) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reference version status priority lenderName agencyName lender { name nameEn } agency { name nameEn } province team assigneeId
      claimedViolations confirmedViolations dueAt respondedAt untimely createdAt deadlines { kind state dueAt dueDate timeZone paused metAt } } } } }`;
const VIEWS = `query($mine: ComplaintFilter, $none: ComplaintFilter, $soon: ComplaintFilter, $late: ComplaintFilter, $lapsed: ComplaintFilter) {
  mine: complaints(filter: $mine, first: 1) { totalCount }
  unassigned: complaints(filter: $none, first: 1) { totalCount }
  soon: complaints(filter: $soon, first: 1) { totalCount }
  overdue: complaints(filter: $late, first: 1) { totalCount }
  lapsed: complaints(filter: $lapsed, first: 1) { totalCount } }`;

const withKey = (p, extra = {}) => {
  const q = new URLSearchParams(keyOf(p));
  for (const [k, v] of Object.entries(extra)) if (v != null) q.set(k, v);
  return q.toString();
};

export async function queue({ main, params, alive, flash }) {
  await Promise.all([loadProvinces(), loadViolationTypes(), loadTeams()]);
  const me = state.me;
  if (!params.get('status')) params.set('status', 'OPEN');
  const text = params.get('q') || '';
  // A reference in the search box opens the complaint.
  if (REF.test(text.trim())) {
    try {
      const c = (await gql('query($id: ID!) { complaint(id: $id) { id reference } }', { id: text.trim().toUpperCase() })).complaint;
      if (c) return go(`/c/${encodeURIComponent(c.reference)}`);
    } catch { /* not found: list what the text matches */ }
  }
  const key = keyOf(params);
  const page = Math.max(1, parseInt(params.get('p') || '1', 10) || 1);
  const after = page > 1 ? params.get('after') : null;
  const { filter, orderBy } = filterOf(params);
  const size = SIZES.includes(params.get('n')) ? Number(params.get('n')) : 20;
  const open = { status: OPEN };
  const [d, counts, views, load] = await Promise.all([
    gql(LIST, { f: filter, first: size, after, o: orderBy }),
    gql(VIEWS, { mine: { ...open, mine: true }, none: { ...open, unassigned: true }, soon: { dueWithinDays: 3 }, late: { overdue: true }, lapsed: { feedbackLapsed: true } }).catch(() => null),
    gql('{ savedViews { id name filter orderBy count } }').then((x) => x.savedViews).catch(() => null),
    gql('{ teamLoad { team members { userId displayName role } } }').then((x) => x.teamLoad).catch(() => []),
  ]);
  if (!alive()) return;
  const conn = d.complaints;
  const names = new Map();
  load.forEach((tl) => tl.members.forEach((m) => names.set(m.userId, m.displayName)));
  const teams = [...new Set([...(me.teams || []), ...load.map((x) => x.team)])].sort();
  const stack = pageCursors('queue', key, page, after);
  const advanced = ['team', 'assignee', 'province', 'inst', 'violation', 'priority', 'due', 'from', 'to'].some((k) => params.get(k));
  const viewLink = (href, label, count, current, id) => html`<li><a class="view${current ? ' current' : ''}" href="${href}" data-view="${id}" ${current ? html`aria-current="true"` : ''}>
    <span>${label}</span>${count == null ? '' : html`<span class="view-count" data-count="${count}">${count}</span>`}</a></li>`;
  const reviewers = load.flatMap((tl) => tl.members.map((m) => ({ ...m, team: tl.team }))).filter((m) => m.role === 'reviewer' || m.role === 'supervisor');
  const people = [...new Map(reviewers.map((m) => [m.userId, m])).values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const canWork = ['reviewer', 'supervisor'].includes(me.role);
  const lapsed = params.get('due') === 'lapsed';

  mount(main, html`<section class="page wide" aria-labelledby="queue-title">
    ${flash()}
    <div class="page-head"><div><h1 id="queue-title" tabindex="-1">${t('投诉队列', 'Complaint queue')}</h1>
      <p class="muted">${L(roles, me.role)}${(me.teams || []).length ? html` · ${t('团队', me.teams.length > 1 ? 'teams' : 'team')} ${me.teams.map(teamName).join(t('、', ', '))}` : ''}</p></div></div>
    <nav class="views" aria-label="${t('视图', 'Views')}">
      <ul class="view-list" id="builtin-views">
        ${viewLink('#/queue', t('全部未办结', 'All open'), null, key === '', 'all')}
        ${BUILTIN.map((v) => {
    const p = new URLSearchParams(v.params);
    return viewLink(`#/queue?${keyOf(p)}`, t(v.zh, v.en), counts ? counts[v.id].totalCount : null, key === keyOf(p), v.id);
  })}
      </ul>
      ${views ? html`<h2 class="small-head">${t('我保存的视图', 'My saved views')}</h2>
      ${views.length ? html`<ul class="view-list" id="saved-views">${views.map((v) => {
    const p = paramsOf(v.filter, v.orderBy);
    return html`<li class="saved"><a class="view${key === keyOf(p) ? ' current' : ''}" href="#/queue?${keyOf(p)}" data-view="${v.id}" data-name="${v.name}" ${key === keyOf(p) ? html`aria-current="true"` : ''}>
      <span>${v.name}</span><span class="view-count" data-count="${v.count}">${v.count}</span></a>
      <button type="button" class="link small del-view" data-id="${v.id}" aria-label="${t(`删除视图“${v.name}”`, `Delete view “${v.name}”`)}">${t('删除', 'Delete')}</button></li>`;
  })}</ul>` : html`<p class="muted small" id="saved-views">${t('还没有保存的视图。设置好筛选和排序后，可在下方保存。', 'No saved views yet. Set filters and sort, then save them below.')}</p>`}` : ''}
    </nav>
    <form id="queue-filter" class="filters card" role="search" aria-label="${t('筛选投诉', 'Filter complaints')}">
      <div class="field grow"><label for="q-text">${t('搜索', 'Search')}</label>
        <input id="q-text" name="q" type="search" value="${text}" maxlength="200" aria-describedby="q-text-hint" placeholder="${t('描述、机构名称或投诉编号', 'narrative, institution or reference')}">
        <p class="hint small" id="q-text-hint">${t('输入投诉编号（如 RL-2026-00012345）直接打开该投诉', 'Type a reference (e.g. RL-2026-00012345) to open that complaint')}</p></div>
      <div class="field"><label for="q-status">${t('状态', 'Status')}</label>
        <select id="q-status" name="status">
          <option value="OPEN">${t('未办结', 'All open')}</option><option value="ALL">${t('全部', 'All')}</option>
          ${Object.keys(statuses).map((code) => html`<option value="${code}">${L(statuses, code)}</option>`)}
        </select></div>
      <div class="field"><label for="q-sort">${t('排序', 'Sort')}</label>
        <select id="q-sort" name="sort">${Object.keys(SORTS).map((s) => html`<option value="${s}">${L(SORTS, s)}</option>`)}</select></div>
      <div class="field narrow-field"><label for="q-n">${t('每页', 'Per page')}</label>
        <select id="q-n" name="n">${SIZES.map((n) => html`<option value="${n}">${n}</option>`)}</select></div>
      <details class="more" ${advanced ? 'open' : ''}><summary>${t('更多筛选', 'More filters')}</summary>
        <div class="filters-more">
          <div class="field"><label for="q-team">${t('处理组', 'Team')}</label>
            <select id="q-team" name="team"><option value="">${t('全部', 'Any')}</option>${teams.map((x) => html`<option value="${x}">${teamName(x)}</option>`)}</select></div>
          <div class="field"><label for="q-assignee">${t('处理人', 'Assignee')}</label>
            <select id="q-assignee" name="assignee"><option value="">${t('任何人', 'Anyone')}</option>
              <option value="me">${t('我的', 'Mine')}</option><option value="none">${t('未分配', 'Unassigned')}</option>
              ${people.map((m) => html`<option value="${m.userId}">${m.displayName}</option>`)}</select></div>
          <div class="field"><label for="q-province">${t('省份', 'Province')}</label>
            <select id="q-province" name="province"><option value="">${t('全部', 'Any')}</option>${(state.provinces || []).map((p) => html`<option value="${p.code}">${t(p.zh, p.en)}</option>`)}</select></div>
          <div class="field"><label for="q-inst">${t('机构', 'Institution')}</label>
            <input id="q-inst" name="instName" list="q-inst-list" autocomplete="off" value="${params.get('instName') || ''}" aria-describedby="q-inst-hint">
            <datalist id="q-inst-list"></datalist><input type="hidden" name="inst" value="${params.get('inst') || ''}">
            <p class="hint small" id="q-inst-hint">${t('输入名称或App名，从建议中选择', 'Type a name or app brand and pick a suggestion')}</p></div>
          <div class="field"><label for="q-violation">${t('违规类型', 'Violation')}</label>
            <select id="q-violation" name="violation"><option value="">${t('全部', 'Any')}</option>${(state.violationTypes || []).map((v) => html`<option value="${v.code}">${t(v.labelZh, v.labelEn)}</option>`)}</select></div>
          <div class="field"><label for="q-priority">${t('优先级', 'Priority')}</label>
            <select id="q-priority" name="priority"><option value="">${t('全部', 'Any')}</option>${Object.keys(priorities).map((x) => html`<option value="${x}">${L(priorities, x)}</option>`)}</select></div>
          <div class="field"><label for="q-due">${t('期限', 'Deadline')}</label>
            <select id="q-due" name="due"><option value="">${t('全部', 'Any')}</option>
              <option value="soon">${t('3天内到期', 'Due within 3 days')}</option><option value="overdue">${t('已超时', 'Overdue')}</option>
              <option value="lapsed">${t('评价期已过', 'Feedback period over')}</option></select></div>
          <div class="field"><label for="q-from">${t('提交日期自', 'Filed from')}</label><input id="q-from" name="from" type="date" value="${params.get('from') || ''}"></div>
          <div class="field"><label for="q-to">${t('提交日期至', 'Filed to')}</label><input id="q-to" name="to" type="date" value="${params.get('to') || ''}"></div>
        </div>
      </details>
      <div class="filter-actions"><button class="btn primary" type="submit">${t('筛选', 'Filter')}</button>
        ${key ? html`<a class="btn" href="#/queue" id="q-reset">${t('清除筛选', 'Clear filters')}</a>` : ''}</div>
    </form>
    ${views ? html`<form id="save-view" class="save-view" aria-label="${t('保存当前视图', 'Save this view')}">
      <label for="f-view-name">${t('把当前筛选和排序保存为视图', 'Save these filters and sort as a view')}</label>
      <div class="inline"><input id="f-view-name" name="name" maxlength="60" required aria-describedby="err-view-name" placeholder="${t('视图名称', 'View name')}">
      <button class="btn" type="submit">${t('保存视图', 'Save view')}</button></div>
      <p class="field-error" id="err-view-name" hidden></p></form>` : ''}
    <div class="queue-tools"><p class="count" aria-live="polite" id="queue-count">${t(`共 ${conn.totalCount ?? '?'} 件`, `${conn.totalCount ?? '?'} complaints`)} · ${t(`第 ${page} 页`, `page ${page}`)}</p>
      ${conn.edges.length ? html`<a class="btn small" id="queue-csv" href="${exportHref(filter, orderBy)}" download aria-describedby="queue-csv-hint">${t('导出 CSV', 'Export CSV')}</a>
      <span class="hint small" id="queue-csv-hint">${t('本视图的全部投诉（不止本页），按当前筛选和排序', 'every complaint of this view (not just this page), as filtered and sorted')}</span>` : ''}</div>
    ${lapsed ? html`<p class="hint" id="lapsed-hint">${t('这些投诉已有机构答复，投诉人未在评价期限内接受或提出异议，已无待办事项：核对后可以办结。',
    'These complaints were answered and the complainant neither accepted nor disputed the answer within the feedback window: nothing is awaited; check them and close them.')}</p>` : ''}
    ${canWork && conn.edges.length ? html`<form id="bulk" class="bulk card" aria-label="${t('批量操作', 'Bulk actions')}">
      <label class="check"><input type="checkbox" id="pick-all"> <span>${t('全选本页', 'Select all on this page')}</span></label>
      <span id="picked" class="muted" aria-live="polite">${t('已选 0 件', '0 selected')}</span>
      <button class="btn" type="button" id="bulk-claim" disabled>${t('认领所选', 'Claim selected')}</button>
      <span class="inline"><label for="bulk-assignee" class="visually-hidden">${t('分派给', 'Assign to')}</label>
        <select id="bulk-assignee"><option value="">${t('分派给…', 'Assign to…')}</option>${people.map((m) => html`<option value="${m.userId}">${m.displayName} (${teamName(m.team)})</option>`)}</select>
        <button class="btn" type="button" id="bulk-assign" disabled>${t('分派所选', 'Assign selected')}</button></span>
      ${lapsed ? html`<div class="bulk-close">
        <label for="bulk-reason">${t('办结理由（投诉人和机构可见）', 'Reason for closing (the complainant and the institution see it)')}</label>
        <textarea id="bulk-reason" rows="2" maxlength="2000" lang="zh-CN" required>${LAPSED_REASON}</textarea>
        <button class="btn primary" type="button" id="bulk-close" disabled>${t('办结所选', 'Close selected')}</button></div>` : ''}
    </form>` : ''}
    <div id="bulk-result"></div>
    ${conn.edges.length
    ? html`<ul class="cases qlist" id="queue-list" data-filter="${key}" aria-label="${t('投诉列表', 'Complaints')}">${conn.edges.map((e) => row(e.node, names, me.id))}</ul>`
    : html`<div class="empty card" id="queue-list" data-filter="${key}"><p>${t('没有符合条件的投诉。', 'No complaints match.')}</p></div>`}
    ${pager(page, conn.pageInfo.hasNextPage)}
  </section>`);

  const form = $('#queue-filter');
  for (const k of ['status', 'sort', 'n', 'team', 'assignee', 'province', 'violation', 'priority', 'due']) {
    if (form[k]) form[k].value = params.get(k) || { status: 'OPEN', sort: 'NEWEST', n: '20' }[k] || '';
  }
  if (form.assignee.value !== (params.get('assignee') || '') && params.get('assignee')) {
    // an assignee not among the team's members (a saved view of someone since moved)
    form.assignee.insertAdjacentHTML('beforeend', html`<option value="${params.get('assignee')}">#${params.get('assignee')}</option>`.toString());
    form.assignee.value = params.get('assignee');
  }
  instTypeahead(form.instName, $('#q-inst-list'), (inst) => { form.inst.value = inst ? inst.id : ''; });
  const apply = () => {
    const p = new URLSearchParams();
    for (const k of KEYS) {
      const el = form[k];
      const v = el ? el.value.trim() : '';
      if (v) p.set(k, v);
    }
    if (!form.instName.value.trim()) p.delete('inst');
    else if (p.get('inst')) p.set('instName', form.instName.value.trim());
    go(`/queue?${p}`);
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  for (const k of ['status', 'sort', 'n', 'team', 'assignee', 'province', 'violation', 'priority', 'due']) form[k].addEventListener('change', apply);

  $('#next').addEventListener('click', () => {
    const next = [...stack, conn.pageInfo.endCursor];
    keepCursors('queue', key, next);
    go(`/queue?${withKey(params, { p: page + 1, after: conn.pageInfo.endCursor, instName: params.get('instName') })}`);
  });
  $('#prev').addEventListener('click', () => {
    const back = page - 1;
    const from = back > 1 ? stack[back - 1] : null;
    // Without the cursor of the page before (a link from someone else), start over at page 1.
    go(`/queue?${withKey(params, from ? { p: back, after: from, instName: params.get('instName') } : { instName: params.get('instName') })}`);
  });

  // The export needs the bearer token, which a plain link does not send: fetch it, then save it.
  const csv = $('#queue-csv');
  csv?.addEventListener('click', async (ev) => {
    ev.preventDefault();
    if (csv.getAttribute('aria-disabled') === 'true') return;
    csv.setAttribute('aria-disabled', 'true');
    try {
      await saveDownload(csv.getAttribute('href'), `complaints-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (err) {
      toast(errorText((err.errors || [{}])[0]), 'danger');
    } finally {
      csv.removeAttribute('aria-disabled');
    }
  });

  const save = $('#save-view');
  if (save) {
    save.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const err = $('#err-view-name');
      err.hidden = true;
      try {
        const v = (await gql('mutation($n: String!, $f: ComplaintFilter, $o: ComplaintOrder) { saveView(name: $n, filter: $f, orderBy: $o) { id name count } }',
          { n: save.name.value, f: filter, o: orderBy })).saveView;
        await run();
        toast(t(`已保存视图“${v.name}”（${v.count} 件）`, `Saved view “${v.name}” (${v.count})`));
      } catch (e) {
        err.textContent = errorText((e.errors || [])[0] || e);
        err.hidden = false;
        save.name.setAttribute('aria-invalid', 'true');
        save.name.focus();
      }
    });
  }
  $$('.del-view').forEach((b) => b.addEventListener('click', async () => {
    const name = b.previousElementSibling?.dataset.name || '';
    if (!window.confirm(t(`删除视图“${name}”？`, `Delete view “${name}”?`))) return;
    try {
      await gql('mutation($id: ID!) { deleteView(id: $id) }', { id: b.dataset.id });
      await run();
      toast(t(`已删除视图“${name}”`, `Deleted view “${name}”`));
    } catch (e) { toast(errorText((e.errors || [])[0] || e), 'danger'); }
  }));

  const bulk = $('#bulk');
  if (!bulk) return;
  const picks = () => $$('.q-pick').filter((c) => c.checked);
  const update = () => {
    const n = picks().length;
    $('#picked').textContent = t(`已选 ${n} 件`, `${n} selected`);
    $('#bulk-claim').disabled = n === 0;
    if ($('#bulk-close')) $('#bulk-close').disabled = n === 0 || !$('#bulk-reason').value.trim();
    $('#bulk-assign').disabled = n === 0 || !$('#bulk-assignee').value;
    const all = $$('.q-pick');
    $('#pick-all').checked = n > 0 && n === all.length;
    $('#pick-all').indeterminate = n > 0 && n < all.length;
  };
  $('#pick-all').addEventListener('change', (ev) => { $$('.q-pick').forEach((c) => { c.checked = ev.target.checked; }); update(); });
  $$('.q-pick').forEach((c) => c.addEventListener('change', update));
  $('#bulk-assignee').addEventListener('change', update);
  $('#bulk-reason')?.addEventListener('input', update);
  // runBulk takes op on every complaint picked; done is what became of one, verb the action's
  // name (zh, en) for a refusal in its state.
  const runBulk = async (what, done, verb, op) => {
    const rows = picks().map((c) => c.closest('.qrow'));
    $$('#bulk button').forEach((x) => { x.disabled = true; });
    const results = [];
    for (const r of rows) {
      try {
        await op(r.dataset.id, Number(r.dataset.version));
        results.push({ ref: r.dataset.ref, ok: true });
      } catch (e) {
        const err = (e.errors || [])[0] || {};
        results.push({ ref: r.dataset.ref, ok: false, code: e.code || 'INTERNAL', field: e.field, status: r.dataset.status, message: errorText(err) });
      }
    }
    if (!alive()) return;
    // Show the queue as it is now, with the report above it.
    const report = bulkReport(results, what, done, verb);
    await queue({ main, params, alive, flash: () => '' });
    if (!alive()) return;
    mount($('#bulk-result'), report);
    $('#bulk-report').focus();
    announce(t(`${what}：成功 ${results.filter((x) => x.ok).length} 件`, `${what}: ${results.filter((x) => x.ok).length} done`));
  };
  $('#bulk-claim').addEventListener('click', () => runBulk(t('批量认领', 'Bulk claim'), t('已认领，由您处理', 'claimed: yours'), ['认领', 'claimed'],
    (id, v) => gql('mutation($id: ID!, $v: Int) { claimComplaint(id: $id, expectedVersion: $v) { id } }', { id, v })));
  $('#bulk-close')?.addEventListener('click', () => {
    const r = $('#bulk-reason').value.trim();
    runBulk(t('批量办结', 'Bulk close'), t('已办结', 'closed'), ['办结', 'closed'],
      (id, v) => gql('mutation($id: ID!, $v: Int, $r: String!) { closeComplaint(id: $id, expectedVersion: $v, reason: $r) { id } }', { id, v, r }));
  });
  $('#bulk-assign').addEventListener('click', () => {
    const to = $('#bulk-assignee').value;
    const name = people.find((m) => String(m.userId) === to)?.displayName || `#${to}`;
    runBulk(t('批量分派', 'Bulk assign'), html`${t('已分派给 ', 'assigned to ')}<span class="assigned-to" lang="${textLang(name)}">${name}</span>`, ['分派', 'assigned'],
      (id, v) => gql('mutation($ids: [ID!]!, $a: ID!, $v: Int) { assignComplaint(ids: $ids, assigneeId: $a, expectedVersion: $v) { id } }', { ids: [id], a: to, v }));
  });
}
