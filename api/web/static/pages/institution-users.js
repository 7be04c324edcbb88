// The institution admin's users page: the agents and admins of the institution (e-mail masked) and
// its pending invitations; invite a new one (a pending invitation: they get an e-mail with a link to
// set their password, which opens the account), send a pending invitation again (a new link valid 7
// days; the old one stops working) or revoke it, disable or enable a user. Disabling ends their
// sessions at once. An invitation is answered and listed the same whether the address already had an
// account or not (its owner is told by e-mail instead, without a link), so the page only reloads the
// list. Also the page an invited person opens from the e-mail.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t, L, roles, textLang } from '../core/i18n.js';
import { state, setFlash } from '../core/state.js';
import { go } from '../core/router.js';
import { when } from '../core/format.js';
import { field, describedBy, submitting, liveClear, showErrors, invalid, options, errorText, newPasswordField } from '../components/field.js';
import { toast, announce } from '../components/announcer.js';

const FIELDS = 'id name email role active invited lastSignInAt createdAt expiresAt';

// A pending invitation (no account yet) has the id invitation:<n>.
const pending = (u) => u.id.startsWith('invitation:');
const INVITABLE = { institution_agent: roles.institution_agent, institution_admin: roles.institution_admin };

function status(u) {
  if (pending(u) && new Date(u.expiresAt) <= new Date()) return html`<span class="badge small tone-danger">${t('邀请已过期', 'Invitation expired')}</span>`;
  if (pending(u)) return html`<span class="badge small tone-warn">${t('已邀请，待接受', 'Invited, not yet accepted')}</span>`;
  if (!u.active) return html`<span class="badge small tone-danger">${t('已停用', 'Disabled')}</span>`;
  if (u.invited) return html`<span class="badge small tone-warn">${t('已邀请，未设密码', 'Invited, no password yet')}</span>`;
  return html`<span class="badge small tone-ok">${t('正常', 'Active')}</span>`;
}

function row(u) {
  const self = u.id === state.me.id;
  const resend = !self && u.active && u.invited
    ? html` <button type="button" class="btn small" data-resend="${u.id}" aria-label="${t(`重新发送邀请给 ${u.name}`, `Resend invitation to ${u.name}`)}">${t('重新发送邀请', 'Resend invitation')}</button>`
    : '';
  const when_ = pending(u)
    ? html`${t('邀请有效期至：', 'Link valid until: ')}${when(u.expiresAt)}`
    : html`${t('最近登录：', 'Last sign-in: ')}${u.lastSignInAt ? when(u.lastSignInAt) : t('从未登录', 'never')}`;
  let action = '';
  if (pending(u)) {
    action = html`<button type="button" class="btn small danger" data-revoke="${u.id}" aria-label="${t(`撤销邀请：${u.name}`, `Revoke the invitation to ${u.name}`)}">${t('撤销邀请', 'Revoke')}</button>`;
  } else if (!self) {
    action = html`<button type="button" class="btn small${u.active ? ' danger' : ''}" data-toggle="${u.id}" data-to="${u.active ? 'disable' : 'enable'}"
      aria-label="${u.active ? t(`停用 ${u.name}`, `Disable ${u.name}`) : t(`启用 ${u.name}`, `Enable ${u.name}`)}">${u.active ? t('停用', 'Disable') : t('启用', 'Enable')}</button>`;
  }
  return html`<li class="member" data-user="${u.id}" data-active="${u.active ? 'true' : 'false'}">
    <div class="who"><strong lang="${textLang(u.name)}">${u.name}</strong>${self ? html` <span class="muted small">${t('（您）', '(you)')}</span>` : ''}<br><span class="muted small mono">${u.email}</span></div>
    <div class="what"><span>${L(roles, u.role)}</span> ${status(u)}<br><span class="muted small">${when_}</span></div>
    ${action}${resend}
  </li>`;
}

export async function institutionUsers({ main, alive, flash }) {
  const users = (await gql(`{ institutionUsers { ${FIELDS} } }`)).institutionUsers;
  if (!alive()) return;
  mount(main, html`<section class="page wide" aria-labelledby="iu-title">
    ${flash()}
    <h1 id="iu-title" tabindex="-1">${t('机构用户', 'Users of the institution')}</h1>
    <p><a href="#/institution">${t('← 返回机构设置', '← Back to the institution')}</a></p>
    <div class="admin-grid">
    <section class="card" aria-labelledby="iu-list-title">
      <h2 id="iu-list-title">${t('本机构的处理人员和管理员', 'Agents and admins of your institution')}</h2>
      <p class="hint">${t('停用后该用户立即退出登录，且无法再登录，直到重新启用。', 'Disabling signs the user out at once; they cannot sign in until enabled again.')}</p>
      <ul class="member-list" id="inst-users">${users.map(row)}</ul>
      <div id="toggle-errors" class="alert" role="alert" tabindex="-1" hidden></div>
    </section>
    <section class="card" aria-labelledby="inv-title">
      <h2 id="inv-title">${t('邀请新用户', 'Invite a user')}</h2>
      <p class="hint">${t('对方将收到一封电子邮件，可在 7 天内通过其中的链接设置密码，开通账户。在此之前，邀请显示为待接受，可重新发送或撤销。', 'They get an e-mail with a link to set their password and open their account, valid for 7 days. Until then the invitation is listed as not yet accepted; you can send it again or revoke it.')}</p>
      <form id="invite-form" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('name', t('姓名', 'Name'), html`<input id="f-name" name="name" autocomplete="off" maxlength="100" aria-describedby="${describedBy('name', false)}" required>`, { required: true })}
        ${field('email', t('电子邮箱', 'E-mail'), html`<input id="f-email" name="email" type="email" inputmode="email" spellcheck="false" autocomplete="off" aria-describedby="${describedBy('email', false)}" required>`, { required: true })}
        ${field('role', t('角色', 'Role'), html`<select id="f-role" name="role" aria-describedby="${describedBy('role', false)}">${options(INVITABLE, '', 'institution_agent')}</select>`, { required: true })}
        <button class="btn primary" type="submit">${t('发送邀请', 'Send the invitation')}</button>
      </form>
    </section>
    </div>
  </section>`);
  const list = $('#inst-users');
  list.addEventListener('click', async (ev) => {
    const b = ev.target.closest('[data-toggle], [data-resend], [data-revoke]');
    if (!b) return;
    if ('revoke' in b.dataset) return revoke(b);
    const resend = 'resend' in b.dataset;
    const op = resend ? 'resendInstitutionInvitation' : b.dataset.to === 'disable' ? 'disableInstitutionUser' : 'enableInstitutionUser';
    const box = $('#toggle-errors');
    box.hidden = true;
    b.disabled = true;
    try {
      const u = (await gql(`mutation($id: ID!) { ${op}(id: $id) { ${FIELDS} } }`, { id: resend ? b.dataset.resend : b.dataset.toggle }))[op];
      const tr = list.querySelector(`[data-user="${CSS.escape(u.id)}"]`);
      tr.outerHTML = row(u).toString();
      if (resend) announce(t(`已重新发送邀请给 ${u.name}，之前的链接已失效`, `Invitation sent to ${u.name} again; the earlier link no longer works`));
      else announce(u.active ? t(`已启用 ${u.name}`, `${u.name} enabled`) : t(`已停用 ${u.name}，其会话已结束`, `${u.name} disabled; their sessions ended`));
      list.querySelector(`[data-user="${CSS.escape(u.id)}"] [data-${resend ? 'resend' : 'toggle'}]`)?.focus();
    } catch (err) {
      b.disabled = false;
      mount(box, (err.errors || [{ extensions: { code: 'INTERNAL' } }]).map((e) => html`<p>${errorText(e)}</p>`));
      box.hidden = false;
      box.focus();
    }
  });
  async function revoke(b) {
    const box = $('#toggle-errors');
    box.hidden = true;
    b.disabled = true;
    const tr = b.closest('li');
    const name = tr.querySelector('strong').textContent;
    try {
      await gql('mutation($id: ID!) { revokeInstitutionInvitation(id: $id) }', { id: b.dataset.revoke });
      const next = tr.nextElementSibling || tr.previousElementSibling;
      tr.remove();
      announce(t(`已撤销对 ${name} 的邀请，其链接已失效`, `The invitation to ${name} is revoked; its link no longer works`));
      (next?.querySelector('button') || $('#iu-title')).focus();
    } catch (err) {
      b.disabled = false;
      mount(box, (err.errors || [{ extensions: { code: 'INTERNAL' } }]).map((e) => html`<p>${errorText(e)}</p>`));
      box.hidden = false;
      box.focus();
    }
  }
  const form = $('#invite-form');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = { e: form.email.value.trim(), n: form.name.value.trim(), r: form.role.value };
    const errs = [];
    if (!v.n) errs.push(invalid('name', '请填写姓名。', 'Give their name.'));
    if (!v.e) errs.push(invalid('email', '请填写电子邮箱。', 'Give their e-mail address.'));
    if (errs.length) return showErrors(form, errs).focus();
    submitting(form, async () => {
      const sent = (await gql(`mutation($e: String!, $n: String!, $r: Role!) { inviteInstitutionUser(input: { email: $e, name: $n, role: $r }) { email expiresAt } }`, v)).inviteInstitutionUser;
      const now = (await gql(`{ institutionUsers { ${FIELDS} } }`)).institutionUsers;
      mount(list, now.map(row));
      form.reset();
      toast(t(`已向 ${sent.email} 发送邀请`, `Invitation sent to ${sent.email}`));
    });
  });
}

// invite is the page an invited person opens from the e-mail: set a password, then sign in.
export async function invite({ main, m, flash }) {
  const token = decodeURIComponent(m[1]);
  mount(main, html`<div class="auth"><section class="card narrow" aria-labelledby="invite-title">
    ${flash()}
    <h1 id="invite-title" tabindex="-1">${t('设置密码', 'Set your password')}</h1>
    <p class="lede">${t('您所在机构的管理员邀请您使用本平台。设置密码即可开通账户，然后登录。', 'Your institution\'s administrator invited you to the platform. Set a password to open your account, then sign in.')}</p>
    <form id="invite-accept" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${newPasswordField('password')}
      <div data-field="token"><p class="field-error" id="err-token" hidden></p></div>
      <button class="btn primary block" type="submit">${t('设置密码', 'Set the password')}</button>
    </form>
  </section></div>`);
  const form = $('#invite-accept');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!form.password.value) return showErrors(form, [invalid('password', '请输入新密码。', 'Enter a new password.')]).focus();
    submitting(form, async () => {
      await gql('mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) }', { t: token, p: form.password.value });
      setFlash('密码已设置，请登录。', 'Your password is set; please sign in.', 'ok');
      go('/login');
    });
  });
}
