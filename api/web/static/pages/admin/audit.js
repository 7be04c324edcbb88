// Admin: the admin audit log, newest first, filtered by action, target and actor, paged with the
// filter and the place kept in the URL.

import { gql } from '../../core/api.js';
import { html, mount, $ } from '../../core/dom.js';
import { t, L } from '../../core/i18n.js';
import { field, describedBy, showErrors } from '../../components/field.js';
import { adminTabs, auditTable, auditActions, AUDIT_FIELDS } from '../../components/admin.js';

const GROUPS = { 'role.': ['全部角色变更', 'All role changes'], 'institution.': ['全部机构变更', 'All institution changes'] };

function link(f, after = '', trail = []) {
  const q = new URLSearchParams();
  ['action', 'target', 'actor'].forEach((k) => { if (f[k]) q.set(k, f[k]); });
  if (after) q.set('after', after);
  if (trail.length) q.set('trail', trail.join(','));
  const s = q.toString();
  return `#/admin/audit${s ? `?${s}` : ''}`;
}

export async function audit({ main, params, alive, flash }) {
  const f = { action: params.get('action') || '', target: params.get('target') || '', actor: params.get('actor') || '' };
  const after = params.get('after') || '';
  const trail = (params.get('trail') || '').split(',').filter(Boolean);
  let page = null;
  let error = null;
  try {
    page = (await gql(`query($a: String, $t: String, $u: ID, $after: String) { adminAuditLog(first: 20, action: $a, target: $t, actorId: $u, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { ${AUDIT_FIELDS} } } } }`, { a: f.action || null, t: f.target || null, u: f.actor || null, after: after || null })).adminAuditLog;
  } catch (err) {
    if (!err.errors || err.code !== 'BAD_USER_INPUT') throw err;
    error = err;
  }
  if (!alive()) return;
  const rows = page ? page.edges.map((e) => e.node) : [];
  const n = trail.length * 20;
  mount(main, html`<section class="page wide" aria-labelledby="audit-title">
    ${flash()}
    <h1 id="audit-title" tabindex="-1">${t('管理审计日志', 'Admin audit log')}</h1>
    ${adminTabs('audit')}
    <form id="audit-filter" class="card filters" role="search" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('action', t('操作', 'Action'), html`<select id="f-action" name="action" aria-describedby="${describedBy('action', false)}"><option value="">${t('全部', 'All')}</option>
        ${Object.keys(GROUPS).map((k) => html`<option value="${k}" ${f.action === k ? 'selected' : ''}>${L(GROUPS, k)}</option>`)}
        ${Object.keys(auditActions).map((k) => html`<option value="${k}" ${f.action === k ? 'selected' : ''}>${L(auditActions, k)}</option>`)}</select>`)}
      ${field('target', t('对象', 'Target'), html`<input id="f-target" name="target" value="${f.target}" placeholder="user:42" autocomplete="off" spellcheck="false" aria-describedby="${describedBy('target', false)}">`)}
      ${field('actorId', t('操作人编号', 'Actor id'), html`<input id="f-actorId" name="actor" value="${f.actor}" inputmode="numeric" autocomplete="off" aria-describedby="${describedBy('actorId', false)}">`)}
      <button class="btn primary" type="submit">${t('筛选', 'Filter')}</button>
      ${f.action || f.target || f.actor ? html`<a class="btn" href="#/admin/audit">${t('清除筛选', 'Clear')}</a>` : ''}
    </form>
    <section class="card" aria-labelledby="log-title">
      <h2 id="log-title">${t('记录', 'Entries')} <span class="muted small" id="audit-count">${rows.length ? t(`第 ${n + 1}–${n + rows.length} 条`, `${n + 1}–${n + rows.length}`) : ''}</span></h2>
      ${rows.length ? auditTable(rows) : html`<p class="muted empty" id="audit-table">${t('没有符合条件的记录。', 'No entries match.')}</p>`}
      <div class="pager">
        ${trail.length ? html`<a class="btn small" id="prev-page" href="${link(f, trail[trail.length - 1] === '-' ? '' : trail[trail.length - 1], trail.slice(0, -1))}">${t('上一页', 'Previous page')}</a>` : html`<span></span>`}
        ${page && page.pageInfo.hasNextPage ? html`<a class="btn small" id="next-page" href="${link(f, page.pageInfo.endCursor, [...trail, after || '-'])}">${t('下一页', 'Next page')}</a>` : ''}
      </div>
    </section>
  </section>`);
  const form = $('#audit-filter');
  if (error) showErrors(form, error.errors);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = link({ action: $('#f-action').value, target: $('#f-target').value.trim(), actor: $('#f-actorId').value.trim() });
  });
}
