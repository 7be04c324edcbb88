// Admin: users and their role bindings. Search by e-mail or id, open a user, grant a role in a
// domain (inst:<id>, team:<code>, *) or revoke one; each change shows its admin audit record.
// Create a staff, analyst, institution or admin account (createUser) with a first password.

import { gql } from '../../core/api.js';
import { html, mount, $, $$ } from '../../core/dom.js';
import { t, L, roles, instName, textLang } from '../../core/i18n.js';
import { when } from '../../core/format.js';
import { field, describedBy, submitting, liveClear, showErrors, invalid, errorText } from '../../components/field.js';
import { announce } from '../../components/announcer.js';
import { adminTabs, auditTable, AUDIT_FIELDS } from '../../components/admin.js';
import { loadTeams, teamName, setFlash } from '../../core/state.js';

const GRANTABLE = ['complainant', 'reviewer', 'supervisor', 'institution_agent', 'institution_admin', 'analyst', 'admin'];
const USER = 'id email displayName role roles { role domain grantedBy grantedByName grantedAt }';

function domainHint(role) {
  if (role === 'institution_agent' || role === 'institution_admin') return 'inst:';
  if (role === 'reviewer' || role === 'supervisor') return 'team:';
  return '*';
}

// scopes names the domains a role can be granted in: every team and institution by name, with the
// code the grant form takes.
let scopes = null;
async function loadScopes() {
  if (!scopes) {
    const [teams, insts] = await Promise.all([loadTeams(),
      gql('{ institutions(first: 100) { edges { node { id name nameEn } } } }').then((d) => d.institutions.edges.map((e) => e.node)).catch(() => [])]);
    scopes = new Map([['*', null], ...teams.map((x) => [`team:${x.code}`, x.code]), ...insts.map((x) => [`inst:${x.id}`, x])]);
  }
  return scopes;
}

// scopeName is a binding's domain in words: a team's or an institution's name, or "everywhere".
function scopeName(domain) {
  if (domain === '*') return t('全部范围', 'everywhere');
  if (domain.startsWith('team:')) return teamName(domain.slice(5));
  return instName(scopes && scopes.get(domain)) || domain;
}

// grantor names the administrator who granted a binding: by name, or by id for an account gone.
function grantor(b) {
  const who = b.grantedByName ? html`<span class="granted-by" lang="${textLang(b.grantedByName)}">${b.grantedByName}</span>` : `#${b.grantedBy}`;
  return html`${t('由 ', 'granted by ')}${who}${t(' 授予', '')}`;
}

// binding is a role binding as the user list shows it: the role and its scope in words. The
// list read 审核员 · 华东投诉处理组 team:east and Complainant · everywhere *, the grant form's codes
// beside the names (session 30 walk); the user's panel keeps the code, which the grant form takes.
function binding(b) {
  return html`<span data-domain="${b.domain}">${L(roles, b.role)} · ${scopeName(b.domain)}</span>`;
}

function link(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v) q.set(k, v); });
  const s = q.toString();
  return `#/admin/users${s ? `?${s}` : ''}`;
}

export async function users({ main, params, alive, flash }) {
  const search = params.get('q') || '';
  const after = params.get('after') || '';
  const selected = params.get('u') || '';
  scopes = null; // institutions may have been added since
  const [list] = await Promise.all([gql(`query($s: String, $a: String) { users(search: $s, first: 20, after: $a) { pageInfo { hasNextPage endCursor } edges { node { ${USER} } } } }`,
    { s: search, a: after || null }).then((d) => d.users), loadScopes()]);
  if (!alive()) return;
  const nodes = list.edges.map((e) => e.node);
  mount(main, html`<section class="page wide" aria-labelledby="users-title">
    ${flash()}
    <h1 id="users-title" tabindex="-1">${t('用户与角色', 'Users and role bindings')}</h1>
    ${adminTabs('users')}
    <form id="user-search" class="card filters" role="search">
      <div class="field grow"><label for="f-q">${t('邮箱或用户编号', 'E-mail or user id')}</label><input id="f-q" name="q" type="search" value="${search}" autocomplete="off" placeholder="reviewer@"></div>
      <button class="btn primary" type="submit">${t('搜索', 'Search')}</button>
    </form>
    ${createForm()}
    <div class="admin-grid">
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title">${t('用户', 'Users')}</h2>
        ${nodes.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('用户列表', 'List of users')}"><table id="user-list" class="stack-table"><caption class="sr-only">${t('用户列表', 'Users')}</caption>
          <thead><tr><th scope="col">${t('编号', 'Id')}</th><th scope="col">${t('用户', 'User')}</th><th scope="col">${t('角色', 'Roles')}</th></tr></thead>
          <tbody>${nodes.map((u) => html`<tr data-user="${u.id}" ${u.id === selected ? html`class="selected"` : ''}>
            <td class="mono" data-label="${t('编号', 'Id')}">${u.id}</td>
            <td data-label="${t('用户', 'User')}"><a href="${link({ q: search, after, u: u.id })}" ${u.id === selected ? html`aria-current="true"` : ''}>${u.email}</a><br><span class="muted small" lang="${textLang(u.displayName)}">${u.displayName}</span></td>
            <td data-label="${t('角色', 'Roles')}"><ul class="tags">${(u.roles || []).map((b) => html`<li class="tag">${binding(b)}</li>`)}</ul></td></tr>`)}</tbody></table></div>
          <div class="pager">${after ? html`<a class="btn small" href="${link({ q: search })}">${t('回到第一页', 'First page')}</a>` : html`<span></span>`}
            ${list.pageInfo.hasNextPage ? html`<a class="btn small" id="next-page" href="${link({ q: search, after: list.pageInfo.endCursor, u: selected })}">${t('下一页', 'Next page')}</a>` : ''}</div>`
    : html`<p class="muted empty" id="user-list">${t('没有找到用户。', 'No users found.')}</p>`}
      </section>
      <section class="card" aria-labelledby="user-title" id="user-panel">${selected ? html`<p class="loading">${t('正在加载…', 'Loading…')}</p>` : html`<h2 id="user-title">${t('选择一位用户', 'Pick a user')}</h2><p class="muted">${t('在用户列表中选择一位用户，查看和修改其角色。', 'Pick a user in the list to see and change their roles.')}</p>`}</section>
    </div>
  </section>`);
  $('#user-search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = link({ q: $('#f-q').value.trim() });
  });
  wireCreate();
  if (selected) await userPanel(selected, alive);
}

// The roles an account is created with; a complainant registers on their own.
const CREATABLE = GRANTABLE.filter((r) => r !== 'complainant');

// createForm is the form that opens an account: its role decides whether it names an institution
// (agents and institution admins) or teams (reviewers and supervisors).
function createForm() {
  const insts = [...(scopes || new Map())].filter(([d]) => d.startsWith('inst:'));
  const teams = [...(scopes || new Map()).keys()].filter((d) => d.startsWith('team:')).map((d) => d.slice(5));
  return html`<details class="card more" id="create-user"><summary>${t('新建账号', 'Create an account')}</summary>
    <p class="hint">${t('为监管人员、分析人员、机构用户或管理员开设账号；投诉人自行注册。请通过安全渠道把初始密码告知本人，并提醒其登录后修改。', 'For regulator staff, analysts, institution users and administrators; complainants register themselves. Give the first password to the person through a safe channel and ask them to change it after signing in.')}</p>
    <form id="create-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div class="row2">
        ${field('email', t('电子邮箱', 'E-mail'), html`<input id="f-email" name="email" type="email" autocomplete="off" spellcheck="false" aria-describedby="${describedBy('email', false)}" required>`, { required: true })}
        ${field('displayName', t('称呼', 'Name'), html`<input id="f-displayName" name="displayName" maxlength="100" autocomplete="off" aria-describedby="${describedBy('displayName', false)}" required>`, { required: true })}
      </div>
      <div class="row2">
        ${field('newRole', t('角色', 'Role'), html`<select id="f-newRole" name="newRole" aria-describedby="${describedBy('newRole', false)}" required><option value="">${t('请选择', 'Choose')}</option>${CREATABLE.map((r) => html`<option value="${r}">${L(roles, r)}</option>`)}</select>`, { required: true })}
        ${field('password', t('初始密码', 'First password'), html`<input id="f-password" name="password" type="text" autocomplete="off" spellcheck="false" aria-describedby="${describedBy('password')}" required>`,
    { required: true, hint: t('10 至 128 个字符，同时包含字母和数字或符号。', '10 to 128 characters, letters mixed with digits or symbols.') })}
      </div>
      <div id="create-inst" hidden>${field('institutionId', t('所属机构', 'Institution'), html`<select id="f-institutionId" name="institutionId" aria-describedby="${describedBy('institutionId', false)}"><option value="">${t('请选择', 'Choose')}</option>${insts.map(([d, inst]) => html`<option value="${d.slice(5)}">${instName(inst)}</option>`)}</select>`, { required: true })}</div>
      <div id="create-teams" hidden>${field('teams', t('所属团队', 'Team'), html`<select id="f-teams" name="teams" aria-describedby="${describedBy('teams', false)}"><option value="">${t('请选择', 'Choose')}</option>${teams.map((c) => html`<option value="${c}">${teamName(c)}</option>`)}</select>`, { required: true })}</div>
      <button class="btn primary" type="submit">${t('创建账号', 'Create the account')}</button>
    </form></details>`;
}

function wireCreate() {
  const form = $('#create-form');
  if (!form) return;
  liveClear(form);
  const shown = () => {
    const r = form.newRole.value;
    $('#create-inst').hidden = !['institution_agent', 'institution_admin'].includes(r);
    $('#create-teams').hidden = !['reviewer', 'supervisor'].includes(r);
  };
  form.newRole.addEventListener('change', shown);
  shown();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = {
      e: form.email.value.trim(), n: form.displayName.value.trim(), r: form.newRole.value, p: form.password.value,
      i: $('#create-inst').hidden ? null : form.institutionId.value || null,
      ts: $('#create-teams').hidden || !form.teams.value ? null : [form.teams.value],
    };
    const errs = [];
    if (!v.e) errs.push(invalid('email', '请填写电子邮箱。', 'Enter the e-mail address.'));
    if (!v.n) errs.push(invalid('displayName', '请填写称呼。', 'Enter a name.'));
    if (!v.r) errs.push(invalid('newRole', '请选择角色。', 'Choose a role.'));
    if (!v.p) errs.push(invalid('password', '请设置初始密码。', 'Set a first password.'));
    if (!$('#create-inst').hidden && !v.i) errs.push(invalid('institutionId', '请选择所属机构。', 'Choose the institution.'));
    if (!$('#create-teams').hidden && !v.ts) errs.push(invalid('teams', '请选择所属团队。', 'Choose the team.'));
    if (errs.length) return showErrors(form, errs).focus();
    submitting(form, async () => {
      let u;
      try {
        u = (await gql('mutation($e: String!, $p: String!, $n: String!, $r: Role!, $i: ID, $ts: [String!]) { createUser(email: $e, password: $p, displayName: $n, role: $r, institutionId: $i, teams: $ts) { id email } }', v)).createUser;
      } catch (err) {
        // The server names the role field "role": here it is newRole (the grant form has its own).
        throw { errors: (err.errors || [{}]).map((e) => (e.extensions?.field === 'role' ? { ...e, extensions: { ...e.extensions, field: 'newRole' } } : e)) };
      }
      setFlash(`已创建账号 ${u.email}。`, `Account ${u.email} created.`);
      location.hash = link({ q: u.email, u: u.id });
    }, t('正在创建…', 'Creating…'));
  });
}

// reasonField is where the administrator says why a role changes; the reason is kept in the audit
// record.
function reasonField(name, label) {
  return field(name, label, html`<input id="f-${name}" name="${name}" maxlength="500" autocomplete="off" aria-describedby="${describedBy(name)}" required>`,
    { required: true, hint: t('如所依据的申请或工单编号；将记入审计日志。', 'e.g. the request or ticket it answers; kept in the audit log.') });
}

function noReason(name) {
  return invalid(name, '请说明变更角色的原因。', 'Say why the role changes.');
}

async function userPanel(id, alive, last = null) {
  const panel = $('#user-panel');
  let u;
  let log;
  try {
    [u, log] = await Promise.all([
      gql(`query($s: String) { users(search: $s, first: 1) { edges { node { ${USER} } } } }`, { s: id }).then((d) => d.users.edges[0]?.node),
      gql(`query($t: String) { adminAuditLog(first: 10, target: $t) { edges { node { ${AUDIT_FIELDS} } } } }`, { t: `user:${id}` }).then((d) => d.adminAuditLog.edges.map((e) => e.node)),
    ]);
  } catch (err) {
    mount(panel, html`<p class="alert" role="alert">${errorText((err.errors || [])[0] || {})}</p>`);
    return;
  }
  if (!alive()) return;
  if (!u) {
    mount(panel, html`<h2 id="user-title">${t('用户不存在', 'No such user')}</h2>`);
    return;
  }
  mount(panel, html`<h2 id="user-title"><span lang="${textLang(u.displayName)}">${u.displayName}</span> <span class="muted small">#${u.id}</span></h2>
    <p class="muted">${u.email} · ${t('当前身份：', 'Acts as: ')}${u.role ? L(roles, u.role) : t('无角色', 'no role')}</p>
    <h3>${t('角色绑定', 'Role bindings')}</h3>
    ${u.roles && u.roles.length ? html`<ul class="bindings" id="bindings">${u.roles.map((b) => html`<li data-role="${b.role}" data-domain="${b.domain}">
      <span class="grow"><strong>${L(roles, b.role)}</strong> · ${scopeName(b.domain)} <code>${b.domain}</code><br><span class="muted small">${b.grantedBy ? grantor(b) : t('平台授予', 'granted by the platform')} · ${when(b.grantedAt)}</span></span>
      <button type="button" class="btn small" data-revoke="${b.role}|${b.domain}">${t('撤销', 'Revoke')}<span class="sr-only"> ${L(roles, b.role)} ${b.domain}</span></button></li>`)}</ul>`
    : html`<p class="muted" id="bindings">${t('该用户没有任何角色，登录后不能进行任何操作。', 'This user holds no role and can do nothing after signing in.')}</p>`}
    ${u.roles && u.roles.length ? html`<form id="revoke-form" novalidate>
      <div class="form-alert alert" id="revoke-alert" role="alert" tabindex="-1" hidden></div>
      ${reasonField('revokeReason', t('撤销原因', 'Reason for revoking'))}
    </form>` : ''}
    <h3>${t('授予角色', 'Grant a role')}</h3>
    <form id="grant-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div class="row2">
        ${field('role', t('角色', 'Role'), html`<select id="f-role" name="role" aria-describedby="${describedBy('role', false)}" required><option value="">${t('请选择', 'Choose')}</option>${GRANTABLE.map((r) => html`<option value="${r}">${L(roles, r)}</option>`)}</select>`, { required: true })}
        ${field('domain', t('范围', 'Domain'), html`<input id="f-domain" name="domain" list="domain-options" autocomplete="off" spellcheck="false" aria-describedby="${describedBy('domain')}" required>
          <datalist id="domain-options">${[...(scopes || new Map()).keys()].map((d) => html`<option value="${d}">${scopeName(d)}</option>`)}</datalist>`,
    { required: true, hint: t('机构角色填 inst:机构编号；审核员和主管填 team:团队代码 或 *；其他角色填 *。可输入机构或团队名称，从列表中选择。', 'inst:<id> for institution roles; team:<code> or * for reviewers and supervisors; * for the others. Type an institution\'s or a team\'s name to pick it from the list.') })}
      </div>
      ${reasonField('reason', t('授予原因', 'Reason for granting'))}
      <button class="btn primary" type="submit">${t('授予', 'Grant')}</button>
    </form>
    <h3 id="audit-title">${t('此用户的审计记录', 'This user\'s audit records')}</h3>
    ${last ? html`<p class="flash tone-ok" role="status" id="last-audit">${t('已记录：', 'Recorded: ')}${last}</p>` : ''}
    ${log.length ? auditTable(log, 'user-audit') : html`<p class="muted" id="user-audit">${t('暂无记录。', 'No records yet.')}</p>`}`);
  const form = $('#grant-form');
  liveClear(form);
  $('#f-role').addEventListener('change', () => {
    const d = $('#f-domain');
    const want = domainHint($('#f-role').value);
    if (!d.value || ['*', 'inst:', 'team:'].includes(d.value)) d.value = want;
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const role = form.role.value;
    const domain = form.domain.value.trim();
    const reason = form.reason.value.trim();
    const errs = [];
    if (!role) errs.push(invalid('role', '请选择角色。', 'Choose a role.'));
    if (!domain || domain === 'inst:' || domain === 'team:') errs.push(invalid('domain', '请填写完整的范围。', 'Complete the domain.'));
    if (!reason) errs.push(noReason('reason'));
    if (errs.length) return showErrors(form, errs).focus();
    submitting(form, async () => {
      const b = (await gql('mutation($u: ID!, $r: Role!, $d: String!, $why: String!) { grantRole(userId: $u, role: $r, domain: $d, reason: $why) { role domain } }', { u: id, r: role, d: domain, why: reason })).grantRole;
      const msg = t(`已授予 ${L(roles, b.role)}（${scopeName(b.domain)}）`, `Granted ${L(roles, b.role)} ${b.domain === '*' ? scopeName(b.domain) : `in ${scopeName(b.domain)}`}`);
      announce(msg);
      await userPanel(id, alive, msg);
      $('#last-audit')?.focus();
    }, t('正在授予…', 'Granting…'));
  });
  const revokeForm = $('#revoke-form');
  if (revokeForm) {
    liveClear(revokeForm);
    revokeForm.addEventListener('submit', (ev) => ev.preventDefault());
  }
  $$('[data-revoke]', panel).forEach((btn) => btn.addEventListener('click', async () => {
    const [role, domain] = btn.dataset.revoke.split('|');
    const reason = revokeForm.revokeReason.value.trim();
    if (!reason) return showErrors(revokeForm, [noReason('revokeReason')]).focus();
    if (btn.dataset.confirm !== '1') {
      btn.dataset.confirm = '1';
      btn.classList.add('danger');
      btn.textContent = t('确认撤销', 'Confirm revoke');
      btn.focus();
      return;
    }
    btn.disabled = true;
    try {
      await gql('mutation($u: ID!, $r: Role!, $d: String!, $why: String!) { revokeRole(userId: $u, role: $r, domain: $d, reason: $why) }', { u: id, r: role, d: domain, why: reason });
      const msg = t(`已撤销 ${L(roles, role)}（${scopeName(domain)}）`, `Revoked ${L(roles, role)} ${domain === '*' ? scopeName(domain) : `in ${scopeName(domain)}`}`);
      announce(msg);
      await userPanel(id, alive, msg);
      $('#last-audit')?.focus();
    } catch (err) {
      btn.disabled = false;
      // The server's reason error belongs to the revoke form's field (its field is "reason").
      const errs = (err.errors || [{}]).map((e) => (e.extensions?.field === 'reason' ? { ...e, extensions: { ...e.extensions, field: 'revokeReason' } } : e));
      showErrors(revokeForm, errs).focus();
    }
  }));
}
