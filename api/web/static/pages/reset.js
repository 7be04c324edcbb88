// Reset password: the page the e-mailed link opens. A new password ends every session of the
// account; the person then signs in with it.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { setFlash } from '../core/state.js';
import { go } from '../core/router.js';
import { showErrors, invalid, submitting, liveClear, newPasswordField } from '../components/field.js';

export async function reset({ main, params }) {
  const token = params.get('token') || '';
  mount(main, html`<div class="auth"><section class="card narrow" aria-labelledby="reset-title">
    <h1 id="reset-title" tabindex="-1">${t('设置新密码', 'Set a new password')}</h1>
    <p class="lede">${t('设置新密码后，您在所有设备上的登录都会退出，请用新密码重新登录。', 'Setting a new password signs you out on every device; then sign in with the new one.')}</p>
    <form id="reset" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${newPasswordField('newPassword')}
      <div data-field="token"><p class="field-error" id="err-token" hidden></p></div>
      <button class="btn primary block" type="submit">${t('设置新密码', 'Set the new password')}</button>
    </form>
    <p class="switch"><a href="#/forgot">${t('重新申请重置链接', 'Ask for a new link')}</a> · <a href="#/login">${t('登录', 'Sign in')}</a></p>
  </section></div>`);
  const form = $('#reset');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!form.newPassword.value) return showErrors(form, [invalid('newPassword', '请输入新密码。', 'Enter a new password.')]).focus();
    submitting(form, async () => {
      await gql('mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: token, p: form.newPassword.value });
      setFlash('密码已重置，请用新密码登录。', 'Your password is reset; sign in with the new one.', 'ok');
      go('/login');
    });
  });
}
