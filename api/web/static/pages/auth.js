// Sign in and registration.

import { gql, AUTH_FIELDS } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { state, setFlash } from '../core/state.js';
import { go } from '../core/router.js';
import { field, describedBy, showErrors, invalid, submitting, liveClear } from '../components/field.js';
import { signedIn, homePath } from '../app.js';

const DEMO = [['complainant', '投诉人', 'Complainant'], ['reviewer', '审核员（东区）', 'Reviewer, east team'], ['supervisor', '主管', 'Supervisor'],
  ['agent', '机构客服', 'Institution agent'], ['instadmin', '机构管理员', 'Institution admin'], ['analyst', '分析员', 'Analyst'], ['admin', '系统管理员', 'Administrator']];

function next(params) {
  const n = params.get('next') || '';
  return /^\/[a-z]/.test(n) && !n.startsWith('/login') ? n : homePath();
}

export async function login({ main, params, flash }) {
  const demo = state.env === 'dev';
  mount(main, html`<div class="auth">
  <section class="card narrow" aria-labelledby="login-title">
    ${flash()}
    <h1 id="login-title" tabindex="-1">${t('登录', 'Sign in')}</h1>
    <p class="lede">${t('登录后可提交投诉并查看处理进度。', 'Sign in to file a complaint and follow it.')}</p>
    <form id="login" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('email', t('电子邮箱', 'E-mail'), html`<input id="f-email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" aria-describedby="${describedBy('email', false)}" required>`, { required: true })}
      ${field('password', t('密码', 'Password'), html`<input id="f-password" name="password" type="password" autocomplete="current-password" aria-describedby="${describedBy('password', false)}" required>`, { required: true })}
      <button class="btn primary block" type="submit">${t('登录', 'Sign in')}</button>
    </form>
    <p class="switch"><a id="forgot-link" href="#/forgot">${t('忘记密码？', 'Forgot password?')}</a></p>
    <p class="switch">${t('还没有账号？', 'No account yet?')} <a href="#/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next'))}` : ''}">${t('注册', 'Register')}</a></p>
    <p class="switch"><a href="#/check">${t('不登录也可以：查一查催收短信是否违规', 'Without an account: check whether a collector\'s message is lawful')}</a></p>
  </section>
  ${demo ? html`<aside class="card narrow demo-accounts" aria-labelledby="demo-title">
    <h2 id="demo-title">${t('演示账号', 'Demo accounts')}</h2>
    <p class="hint">${t('密码均为', 'Password for all:')} <code>redline-demo-2026</code></p>
    <ul>${DEMO.map(([u, zh, en]) => html`<li><button type="button" class="link" data-demo="${u}@redline.demo">${t(zh, en)} <code>${u}@redline.demo</code></button></li>`)}</ul>
  </aside>` : ''}</div>`);
  const form = $('#login');
  liveClear(form);
  $$('[data-demo]').forEach((b) => b.addEventListener('click', () => {
    form.email.value = b.dataset.demo;
    form.password.value = 'redline-demo-2026';
    form.password.focus();
  }));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const email = form.email.value.trim();
    const password = form.password.value;
    const errs = [];
    if (!email) errs.push(invalid('email', '请输入电子邮箱。', 'Enter your e-mail address.'));
    if (!password) errs.push(invalid('password', '请输入密码。', 'Enter your password.'));
    if (errs.length) return showErrors(form, errs).focus();
    submitting(form, async () => {
      const d = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH_FIELDS} } }`, { e: email, p: password });
      signedIn(d.login);
      go(next(params));
    });
  });
}

// AFTER_CONFIRM keeps, on this device, where a person who registered was going: the e-mailed
// link may open in another tab, after the page that sent them here is gone.
const AFTER_CONFIRM = 'redline.afterConfirm';

export async function register({ main, params }) {
  mount(main, html`<section class="card narrow" aria-labelledby="reg-title">
    <h1 id="reg-title" tabindex="-1">${t('注册账号', 'Create an account')}</h1>
    <div id="reg-body">
    <p class="lede">${t('借款人本人及被骚扰的亲友、同事都可以投诉。称呼可以使用化名。', 'Borrowers and the relatives, friends or colleagues a collector harasses can all complain. You may use a pseudonym.')}</p>
    <form id="register" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('displayName', t('称呼', 'Name'), html`<input id="f-displayName" name="displayName" autocomplete="nickname" maxlength="100" aria-describedby="${describedBy('displayName')}" required>`, { hint: t('如“王女士”', 'e.g. “Ms Wang”'), required: true })}
      ${field('email', t('电子邮箱', 'E-mail'), html`<input id="f-email" name="email" type="email" autocomplete="email" inputmode="email" spellcheck="false" aria-describedby="${describedBy('email')}" required>`, { hint: t('用于登录，不会公开；我们会发送确认邮件', 'Used to sign in; never shown to anyone. We send you a confirmation e-mail'), required: true })}
      ${field('password', t('密码', 'Password'), html`<input id="f-password" name="password" type="password" autocomplete="new-password" aria-describedby="${describedBy('password')}" required>`, { hint: t('10 位以上，含字母和数字或符号', 'At least 10 characters, letters with digits or symbols'), required: true })}
      <button class="btn primary block" type="submit">${t('注册', 'Register')}</button>
    </form>
    <p class="switch">${t('已有账号？', 'Already registered?')} <a href="#/login">${t('登录', 'Sign in')}</a></p>
    </div>
  </section>`);
  const form = $('#register');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const d = await gql('mutation($e: String!, $p: String!, $n: String!) { register(email: $e, password: $p, displayName: $n) { checkEmail expiresInHours } }',
        { e: form.email.value.trim(), p: form.password.value, n: form.displayName.value.trim() });
      try { localStorage.setItem(AFTER_CONFIRM, params.get('next') ? next(params) : '/file'); } catch { /* private mode */ }
      const hours = String(d.register.expiresInHours);
      mount($('#reg-body'), html`<div id="check-email" role="status">
        <p class="lede">${t('请查收邮件。', 'Check your e-mail.')}</p>
        <p>${t(`我们已向您填写的邮箱发送了一封邮件。请在 ${hours} 小时内打开邮件中的链接，完成注册并登录。`, `We have sent an e-mail to the address you gave. Open the link in it within ${hours} hours to finish registering and sign in.`)}</p>
        <p class="hint">${t('没有收到？请查看垃圾邮件，或稍后重新注册。如果该邮箱已有账号，邮件会提醒您直接登录。', 'Nothing arrived? Look in your spam folder, or register again later. If the address already has an account, the e-mail tells you to sign in.')}</p>
        ${state.env === 'dev' ? html`<p class="hint">${t('演示环境：邮件不会真正发出，可在', 'Demo: no e-mail leaves the server; read it in the')} <a href="/dev/mailbox" target="_blank" rel="noopener">${t('演示邮箱', 'demo mailbox')}</a>${t('中查看。', '.')}</p>` : ''}
        <p class="switch"><a href="#/login">${t('返回登录', 'Back to sign in')}</a></p>
      </div>`);
      $('#reg-title').focus();
    });
  });
}

// confirm opens the e-mailed link: it creates the account, signs in and goes on to where the person
// was going when they registered.
export async function confirm({ main, params }) {
  mount(main, html`<section class="card narrow" aria-labelledby="confirm-title">
    <h1 id="confirm-title" tabindex="-1">${t('确认邮箱', 'Confirm your e-mail')}</h1>
    <div id="confirm-body" role="status"><p>${t('正在确认……', 'Confirming…')}</p></div>
  </section>`);
  const body = $('#confirm-body');
  try {
    const d = await gql(`mutation($t: String!) { confirmRegistration(token: $t) { ${AUTH_FIELDS} } }`, { t: params.get('token') || '' });
    signedIn(d.confirmRegistration);
    let to = '/file';
    try { to = localStorage.getItem(AFTER_CONFIRM) || to; localStorage.removeItem(AFTER_CONFIRM); } catch { /* private mode */ }
    setFlash('邮箱已确认，账号已创建，欢迎使用。', 'Your e-mail is confirmed and your account is ready.');
    go(/^\/[a-z]/.test(to) ? to : '/file');
  } catch (e) {
    const ext = e?.errors?.[0]?.extensions || {};
    const msg = ext.messageZh ? t(ext.messageZh, e.errors[0].message) : t('确认链接无效或已过期。', 'This confirmation link is not valid or has expired.');
    mount(body, html`<div class="alert" role="alert"><p>${msg}</p></div>
      <p class="switch"><a href="#/login">${t('登录', 'Sign in')}</a> · <a href="#/register">${t('重新注册', 'Register again')}</a></p>`);
    $('#confirm-title').focus();
  }
}
