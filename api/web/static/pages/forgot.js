// Forgot password: ask for a link to set a new one. The answer is the same whether or not the
// address has an account, so the page says only "if it has one, look in your mailbox".

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { state } from '../core/state.js';
import { field, describedBy, showErrors, invalid, submitting, liveClear } from '../components/field.js';

export async function forgot({ main }) {
  mount(main, html`<div class="auth"><section class="card narrow" aria-labelledby="forgot-title">
    <h1 id="forgot-title" tabindex="-1">${t('忘记密码', 'Forgot password')}</h1>
    <div id="forgot-body">
    <p class="lede">${t('输入注册时使用的电子邮箱，我们会发送一个重置密码的链接。', 'Enter the e-mail address of your account and we will send you a link to set a new password.')}</p>
    <form id="forgot" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('email', t('电子邮箱', 'E-mail'), html`<input id="f-email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" aria-describedby="${describedBy('email', false)}" required>`, { required: true })}
      <button class="btn primary block" type="submit">${t('发送重置链接', 'Send the link')}</button>
    </form>
    <p class="switch"><a href="#/login">${t('返回登录', 'Back to sign in')}</a></p>
    </div>
  </section></div>`);
  const form = $('#forgot');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const email = form.email.value.trim();
    if (!email) return showErrors(form, [invalid('email', '请输入电子邮箱。', 'Enter your e-mail address.')]).focus();
    submitting(form, async () => {
      const d = await gql('mutation($e: String!) { requestPasswordReset(email: $e) { checkEmail expiresInMinutes } }', { e: email });
      const minutes = String(d.requestPasswordReset.expiresInMinutes);
      mount($('#forgot-body'), html`<div id="reset-sent" role="status">
        <p class="lede">${t('请查收邮件。', 'Check your e-mail.')}</p>
        <p>${t(`如果该邮箱已注册账号，我们已向其发送一封邮件。请在 ${minutes} 分钟内打开邮件中的链接设置新密码，链接只能使用一次。`,
    `If the address has an account, we have sent it an e-mail. Open the link in it within ${minutes} minutes to set a new password; it works once.`)}</p>
        <p class="hint">${t('没有收到？请查看垃圾邮件，或稍后再申请一次。', 'Nothing arrived? Look in your spam folder, or ask again later.')}</p>
        ${state.env === 'dev' ? html`<p class="hint">${t('演示环境：邮件不会真正发出，可在', 'Demo: no e-mail leaves the server; read it in the')} <a href="/dev/mailbox" target="_blank" rel="noopener">${t('演示邮箱', 'demo mailbox')}</a>${t('中查看。', '.')}</p>` : ''}
        <p class="switch"><a href="#/login">${t('返回登录', 'Back to sign in')}</a></p>
      </div>`);
      $('#forgot-title').focus();
    });
  });
}
