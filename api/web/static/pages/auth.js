// Sign in and registration.

import { gql, AUTH_FIELDS } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { state, setFlash } from '../core/state.js';
import { go } from '../core/router.js';
import { field, describedBy, showErrors, invalid, submitting, liveClear } from '../components/field.js';
import { signedIn, homePath } from '../app.js';

const DEMO = [['complainant', '投诉人', 'Complainant'], ['reviewer', '审核员（东区）', 'Reviewer, east team'], ['supervisor', '主管', 'Supervisor'],
  ['agent', '机构客服', 'Institution agent'], ['instadmin', '机构管理员', 'Institution admin']];

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
    <p class="switch">${t('还没有账号？', 'No account yet?')} <a href="#/register">${t('注册', 'Register')}</a></p>
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

export async function register({ main }) {
  mount(main, html`<section class="card narrow" aria-labelledby="reg-title">
    <h1 id="reg-title" tabindex="-1">${t('注册账号', 'Create an account')}</h1>
    <p class="lede">${t('借款人本人及被骚扰的亲友、同事都可以投诉。称呼可以使用化名。', 'Borrowers and the relatives, friends or colleagues a collector harasses can all complain. You may use a pseudonym.')}</p>
    <form id="register" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('displayName', t('称呼', 'Name'), html`<input id="f-displayName" name="displayName" autocomplete="nickname" maxlength="100" aria-describedby="${describedBy('displayName')}" required>`, { hint: t('如"王女士"', 'e.g. "Ms Wang"'), required: true })}
      ${field('email', t('电子邮箱', 'E-mail'), html`<input id="f-email" name="email" type="email" autocomplete="email" inputmode="email" spellcheck="false" aria-describedby="${describedBy('email')}" required>`, { hint: t('用于登录，不会公开', 'Used to sign in; never shown to anyone'), required: true })}
      ${field('password', t('密码', 'Password'), html`<input id="f-password" name="password" type="password" autocomplete="new-password" aria-describedby="${describedBy('password')}" required>`, { hint: t('10 位以上，含字母和数字或符号', 'At least 10 characters, letters with digits or symbols'), required: true })}
      <button class="btn primary block" type="submit">${t('注册并登录', 'Register and sign in')}</button>
    </form>
    <p class="switch">${t('已有账号？', 'Already registered?')} <a href="#/login">${t('登录', 'Sign in')}</a></p>
  </section>`);
  const form = $('#register');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const d = await gql(`mutation($e: String!, $p: String!, $n: String!) { register(email: $e, password: $p, displayName: $n) { ${AUTH_FIELDS} } }`,
        { e: form.email.value.trim(), p: form.password.value, n: form.displayName.value.trim() });
      signedIn(d.register);
      setFlash('注册成功，欢迎使用。', 'Your account is ready.');
      go('/file');
    });
  });
}
