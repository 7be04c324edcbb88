// What the admin pages share: the tabs between them, the labels of the admin audit log's actions,
// and one audit entry drawn as a line of text.

import { html } from '../core/dom.js';
import { t, L, roles, textLang } from '../core/i18n.js';
import { when } from '../core/format.js';

const TABS = [
  ['users', '用户与角色', 'Users and roles'],
  ['institutions', '机构与别名', 'Institutions'],
  ['routing', '路由表', 'Routing table'],
  ['rules', '规则包', 'Rule packs'],
  ['deadlines', '日历与时限', 'Calendars and SLAs'],
  ['audit', '管理审计日志', 'Admin audit log'],
];

// adminTabs is the row of links between the admin pages; current is the page's key.
// reason is why an edition was published: the server's word for the one built into the release
// ("built-in pack", "built-in routing table") in the reader's language, else what the admin wrote,
// marked with the language it was written in.
const BUILT_IN = /^built-in( pack| routing table)?$/;
export function reason(r) {
  if (!r) return '';
  if (BUILT_IN.test(r)) return t('随版本发布', 'built into the release');
  return html`<span lang="${textLang(r)}">${r}</span>`;
}

export function adminTabs(current) {
  return html`<nav class="tabs admin-tabs" aria-label="${t('系统管理', 'Administration')}">${TABS.map(([k, zh, en]) => html`<a class="btn small" href="#/admin/${k}" ${k === current ? html`aria-current="page"` : ''}>${t(zh, en)}</a>`)}</nav>`;
}

export const auditActions = {
  'role.grant': ['授予角色', 'Role granted'],
  'role.revoke': ['撤销角色', 'Role revoked'],
  'evidence.read': ['查看证据', 'Evidence read'],
  'institution.create': ['新增机构', 'Institution created'],
  'institution.update': ['修改机构', 'Institution changed'],
  'institution.alias.add': ['添加别名', 'Alias added'],
  'institution.alias.remove': ['删除别名', 'Alias removed'],
  'institution.user.invite': ['邀请机构用户', 'Institution user invited'],
  'institution.user.disable': ['停用机构用户', 'Institution user disabled'],
  'institution.user.enable': ['启用机构用户', 'Institution user enabled'],
  'calendar.update': ['发布工作日历', 'Calendar published'],
  'policy.update': ['发布时限政策', 'Deadline policy published'],
  'routing.update': ['发布路由表', 'Routing table published'],
  'rulepack.update': ['发布规则包修订', 'Rule pack revision published'],
  'rules.reassess': ['启动规则重新评估', 'Rule reassessment started'],
};

function detailText(details) {
  let d = {};
  try { d = JSON.parse(details || '{}'); } catch { /* shown as is */ }
  // Values people typed (an alias, a name) keep their language, marked for English pages.
  const typed = (v) => { const s = Array.isArray(v) ? v.join(t('、', ', ')) : String(v); return html`<span lang="${textLang(s)}">${s}</span>`; };
  return Object.entries(d).map(([k, v], i) => {
    const sep = i ? t('；', '; ') : '';
    if (k === 'role') return html`${sep}${t('角色', 'role')}: ${L(roles, v)}`;
    if (k === 'domain') return html`${sep}${t('范围', 'domain')}: ${v}`;
    if (k === 'alias') return html`${sep}${t('别名', 'alias')}: ${typed(v)}`;
    return html`${sep}${k}: ${typed(v)}`;
  });
}

// targetName is the name of the user or institution an entry acted on, in the reader's language,
// before its raw target (user:2): the log read "user:2", "institution:5" alone.
function targetName(a) {
  const i = a.targetInstitution;
  const name = i ? t(i.name, i.nameEn || i.name) : a.targetName;
  return name ? html`<span class="target-name" lang="${textLang(name)}">${name}</span> ` : '';
}

// The audit log's columns, zh and en: the table's headers and, on a phone, each card's labels.
const auditColumns = () => [t('时间', 'When'), t('操作人', 'Who'), t('操作', 'Action'), t('对象', 'Target'), t('详情', 'Details'), t('来源地址', 'Address')];

// auditRow draws one entry of the admin audit log as a table row; on a phone (.stack-table) a
// card, each value under its column's name.
export function auditRow(a, cols = auditColumns()) {
  const [at, who, action, target, details, address] = cols;
  return html`<tr data-action="${a.action}" data-id="${a.id}">
    <td data-label="${at}">${when(a.at)}</td>
    <td data-label="${who}">${a.actorName ? html`<span class="actor-name" lang="${textLang(a.actorName)}">${a.actorName}</span> ` : ''}<span class="muted small">#${a.actorId} ${L(roles, a.actorRole)}</span></td>
    <td data-label="${action}"><span class="badge small tone-info">${L(auditActions, a.action)}</span> <code class="small">${a.action}</code></td>
    <td data-label="${target}">${targetName(a)}<code class="small">${a.target}</code></td>
    <td data-label="${details}">${detailText(a.details)}${a.reason ? html`<br><span class="muted">${t('理由：', 'Reason: ')}<span lang="${textLang(a.reason)}">${a.reason}</span></span>` : ''}</td>
    <td class="mono small" data-label="${address}">${a.address}</td></tr>`;
}

export function auditTable(rows, id = 'audit-table') {
  const cols = auditColumns();
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('审计记录表', 'Table of audit entries')}"><table id="${id}" class="stack-table"><caption class="sr-only">${t('管理审计日志', 'Admin audit log')}</caption>
    <thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${rows.map((a) => auditRow(a, cols))}</tbody></table></div>`;
}

export const AUDIT_FIELDS = 'id actorId actorRole actorName action target targetName targetInstitution { name nameEn } reason details address at';

// store keeps an admin's draft on this device (a routing table or a rule pack being edited).
export const drafts = {
  get(key) { try { return JSON.parse(localStorage.getItem(`redline.admin.${key}`) || 'null'); } catch { return null; } },
  set(key, v) { try { localStorage.setItem(`redline.admin.${key}`, JSON.stringify(v)); } catch { /* this page only */ } },
  drop(key) { try { localStorage.removeItem(`redline.admin.${key}`); } catch { /* ignore */ } },
};
