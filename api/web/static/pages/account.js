// Account: change the password (which signs out every session) and sign out.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t, L, roles, textLang } from '../core/i18n.js';
import { state, setFlash } from '../core/state.js';
import { field, describedBy, submitting, liveClear, showErrors, invalid } from '../components/field.js';
import { endSession } from '../app.js';

export async function account({ main, flash }) {
  const me = state.me;
  mount(main, html`<section class="page" aria-labelledby="acct-title">
    ${flash()}
    <h1 id="acct-title" tabindex="-1">${t('账户', 'Account')}</h1>
    ${me.mustChangePassword ? html`<section class="card tone-warn" id="first-password" aria-labelledby="first-password-title">
      <h2 id="first-password-title">${t('请先修改初始密码', 'First replace your first password')}</h2>
      <p>${t('此账号由管理员创建，当前密码是管理员为您设置的，管理员也知道它。为确保只有您本人知道密码，请先在下方设置新密码；修改之前，平台的其他功能都无法使用。修改后请用新密码重新登录。',
    'An administrator created this account with a password they chose, so they know it too. So that only you know your password, set a new one below first; until you do, nothing else on the platform is available. Afterwards, sign in with the new password.')}</p>
    </section>` : ''}
    <section class="card"><dl class="facts">
      <div><dt>${t('称呼', 'Name')}</dt><dd lang="${textLang(me.displayName)}">${me.displayName}</dd></div>
      <div><dt>${t('电子邮箱', 'E-mail')}</dt><dd>${me.email}</dd></div>
      <div><dt>${t('角色', 'Role')}</dt><dd>${L(roles, me.role)}</dd></div>
    </dl>
    ${me.mustChangePassword ? '' : html`<p><a href="#/notifications">${t('通知与通知方式', 'Notifications and how we tell you')}</a></p>`}</section>
    <section class="card" aria-labelledby="pw-title">
      <h2 id="pw-title">${t('修改密码', 'Change the password')}</h2>
      <p class="hint">${t('修改后所有设备都需要重新登录。', 'Every device is signed out afterwards.')}</p>
      <form id="password-form" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('currentPassword', t('当前密码', 'Current password'), html`<input id="f-currentPassword" name="currentPassword" type="password" autocomplete="current-password" aria-describedby="${describedBy('currentPassword', false)}" required>`, { required: true })}
        ${field('newPassword', t('新密码', 'New password'), html`<input id="f-newPassword" name="newPassword" type="password" autocomplete="new-password" aria-describedby="${describedBy('newPassword')}" required>`, { hint: me.mustChangePassword ? t('10 位以上，含字母和数字或符号，且不能与管理员设置的初始密码相同', 'At least 10 characters, letters with digits or symbols, and not the first password the administrator set') : t('10 位以上，含字母和数字或符号', 'At least 10 characters, letters with digits or symbols'), required: true })}
        <button class="btn primary" type="submit">${t('修改密码', 'Change it')}</button>
      </form>
    </section>
    <section class="card" aria-labelledby="so-title">
      <h2 id="so-title">${t('退出登录', 'Sign out')}</h2>
      <p>${t('退出后本机的会话和投诉草稿都会清除。', 'Signing out ends the session and clears drafts on this device.')}</p>
      <button type="button" class="btn" id="signout-here">${t('退出', 'Sign out')}</button>
    </section>
  </section>`);
  const form = $('#password-form');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const cur = form.currentPassword.value;
    const next = form.newPassword.value;
    const errs = [];
    if (!cur) errs.push(invalid('currentPassword', '请输入当前密码。', 'Enter your current password.'));
    if (!next) errs.push(invalid('newPassword', '请输入新密码。', 'Enter a new password.'));
    if (errs.length) return showErrors(form, errs).focus();
    submitting(form, async () => {
      try {
        await gql('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: cur, n: next });
      } catch (err) {
        if (err?.errors?.[0]?.extensions?.reason !== 'PASSWORD_CHANGED') throw err;
        // Changed meanwhile (a reset link, another device), which ended every session, this one
        // too: "sign in again" at the field left a form that could no longer do anything.
        await endSession(false, false);
        setFlash(html`您的密码刚刚已在别处修改（例如通过重置密码链接或在其他设备上），本次修改没有生效，本设备已退出。请用最新的密码登录；如果不是您本人操作，请立即<a href="#/forgot">重置密码</a>。`,
          html`Your password was changed elsewhere just now (by a reset link or on another device), so this change was not made and this device was signed out. Sign in with the latest password; if that was not you, <a href="#/forgot">reset your password</a> now.`, 'warn');
        return;
      }
      await endSession(false, false); // the password change ended every session on the server
      setFlash('密码已修改，请用新密码登录。', 'Password changed; sign in with the new one.');
    });
  });
  $('#signout-here').addEventListener('click', () => endSession());
}
