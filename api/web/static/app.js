// redline's web app: sign in / register, file a complaint and follow it (complainants), work the
// team queue (regulator staff). Plain ES modules, no build step; routes live in the URL hash.

import { gql, session, ApiError, newIdempotencyKey } from './api.js';
import { html, bi, mount, $, $$ } from './dom.js';
import * as T from './i18n.js';

const main = $('#main');
const state = { me: null, env: 'production', violationTypes: null, provinces: null, fileFields: null, flash: null };
let timers = [];
let busy = false;
// routeSeq counts navigations; a view whose data arrives after the user moved on drops it.
let routeSeq = 0;

// ---------------------------------------------------------------- queries

const ME = `{ me { id email displayName role teams institutionId } }`;
const USER_FIELDS = `token user { id email displayName role teams institutionId }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${USER_FIELDS} } }`;
const REGISTER = `mutation($e: String!, $p: String!, $n: String!) {
  register(email: $e, password: $p, displayName: $n) { ${USER_FIELDS} } }`;
const FILE = `mutation($i: FileComplaintInput!, $k: String) {
  fileComplaint(input: $i, idempotencyKey: $k) { id reference status } }`;
const LIST = `query($f: ComplaintFilter, $first: Int, $after: String) {
  complaints(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reference status priority lenderName product province claimedViolations team createdAt updatedAt } } } }`;
const DETAIL = `query($id: ID!) { complaint(id: $id) {
  id reference status priority relation lenderName agencyName product province city narrative
  claimedViolations team createdAt updatedAt lender { name kind }
  history { id action fromStatus toStatus actorRole reason at } } }`;
const INSTITUTIONS = `query($s: String) { institutions(search: $s, first: 8) { edges { node { id name kind aliases } } } }`;
const VIOLATIONS = `{ violationTypes { code labelZh labelEn } }`;

const OPEN_STATUSES = ['SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED', 'DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'];

// ---------------------------------------------------------------- helpers

const isStaff = () => state.me && state.me.role !== 'complainant';

function go(path) {
  if (location.hash === `#${path}`) route();
  else location.hash = path;
}

function later(fn, ms) {
  timers.push(setTimeout(fn, ms));
}

function stopTimers() {
  timers.forEach(clearTimeout);
  timers = [];
}

const dateFmt = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
function when(s) {
  if (!s) return '';
  const d = new Date(s);
  return html`<time datetime="${s}">${dateFmt.format(d)}</time>`;
}

function badge(table, code, cls = 'badge', attr = 'status') {
  const [zh, en, tone] = T.label(table, code);
  return html`<span class="${cls} tone-${tone || 'muted'}" data-${attr}="${code}">${zh}<span class="en" lang="en">${en}</span></span>`;
}

function provinceName(code) {
  const p = (state.provinces || []).find((x) => x.code === code);
  return p ? [p.zh, p.en] : [code, code];
}

async function loadProvinces() {
  if (!state.provinces) {
    const res = await fetch('/static/provinces.json');
    state.provinces = await res.json();
  }
  return state.provinces;
}

// fileInputFields lists the fields of FileComplaintInput, so that the form offers the optional
// sections (the debtor's identity) only where the server takes them.
async function fileInputFields() {
  if (!state.fileFields) {
    try {
      const d = await gql(`{ __type(name: "FileComplaintInput") { inputFields { name } } }`);
      state.fileFields = new Set((d.__type?.inputFields || []).map((f) => f.name));
    } catch {
      state.fileFields = new Set();
    }
  }
  return state.fileFields;
}

async function loadViolationTypes() {
  if (!state.violationTypes) state.violationTypes = (await gql(VIOLATIONS)).violationTypes;
  return state.violationTypes;
}

function violationLabel(code) {
  const v = (state.violationTypes || []).find((x) => x.code === code);
  return v ? [v.labelZh, v.labelEn] : [code, code];
}

function errorText(e) {
  const ext = e.extensions || {};
  const [zh, en] = T.label(T.errorCodes, ext.code || 'INTERNAL');
  const generic = ['NETWORK', 'INTERNAL'].includes(ext.code);
  return [ext.messageZh || zh, generic ? en : e.message || en];
}

// pageError replaces the page with an error and a way back.
function pageError(err) {
  const errs = err instanceof ApiError ? err.errors : [{ message: String(err), extensions: { code: 'INTERNAL' } }];
  const [zh, en] = errorText(errs[0]);
  mount(main, html`<section class="card narrow">
    <h1 tabindex="-1">${bi('出错了', 'Something went wrong')}</h1>
    <p class="alert" role="alert">${bi(zh, en, 'stack')}</p>
    <p><a class="btn" href="#/">${bi('返回首页', 'Back to start')}</a></p></section>`);
  focusHeading();
}

function focusHeading() {
  const h = $('h1', main);
  if (h) h.focus({ preventScroll: false });
}

function takeFlash() {
  const f = state.flash;
  state.flash = null;
  return f ? html`<div class="flash tone-${f.tone || 'ok'}" role="status">${bi(f.zh, f.en, 'stack')}</div>` : '';
}

// ---------------------------------------------------------------- forms

// field renders a labelled control with room for a hint and an error message. The control must
// carry id="f-<name>" and aria-describedby="hint-<name> err-<name>".
function field(name, zh, en, control, hint, opts = {}) {
  return html`<div class="field${opts.required ? ' required' : ''}" data-field="${name}">
    <label for="f-${name}">${bi(zh, en)}${opts.required ? html`<span class="req" aria-hidden="true">*</span>` : ''}${opts.optional ? html`<span class="opt">选填 <span lang="en">optional</span></span>` : ''}</label>
    ${hint ? html`<p class="hint" id="hint-${name}">${hint}</p>` : ''}
    ${control}
    <p class="field-error" id="err-${name}" hidden></p>
  </div>`;
}

function clearErrors(form) {
  $$('.field-error', form).forEach((p) => { p.hidden = true; p.textContent = ''; });
  $$('[aria-invalid]', form).forEach((c) => c.removeAttribute('aria-invalid'));
  const a = $('.form-alert', form);
  if (a) { a.hidden = true; a.textContent = ''; }
}

// showErrors puts each error next to its field (extensions.field, e.g. input.narrative or
// input.violations.2) or, when there is no such field, at the top of the form; then focuses the
// first.
function showErrors(form, errors) {
  clearErrors(form);
  let first = null;
  const general = [];
  for (const e of errors) {
    const path = ((e.extensions || {}).field || '').replace(/^input\./, '');
    const box = path && [path, path.split('.')[0]]
      .map((f) => form.querySelector(`[data-field="${CSS.escape(f)}"]`)).find(Boolean);
    const [zh, en] = errorText(e);
    if (box) {
      const p = $('.field-error', box);
      mount(p, html`<span class="icon" aria-hidden="true">!</span>${bi(zh, en, 'stack')}`);
      p.hidden = false;
      const ctl = box.querySelector('input, select, textarea');
      if (ctl) ctl.setAttribute('aria-invalid', 'true');
      first = first || ctl;
    } else {
      general.push(html`<p>${bi(zh, en, 'stack')}</p>`);
    }
  }
  const alert = $('.form-alert', form);
  if (general.length && alert) {
    mount(alert, general);
    alert.hidden = false;
    first = first || alert;
  }
  if (first) first.focus();
}

function invalid(field, messageZh, message) {
  return { message, extensions: { code: 'BAD_USER_INPUT', field, messageZh } };
}

// submitting disables the button while fn runs, so a double tap sends one request.
async function submitting(form, fn) {
  if (busy) return;
  busy = true;
  const btn = $('button[type=submit]', form);
  const label = btn.innerHTML;
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  btn.innerHTML = html`<span class="spinner" aria-hidden="true"></span>${bi('正在提交…', 'Sending…')}`.toString();
  try {
    await fn();
  } catch (err) {
    if (err instanceof ApiError) showErrors(form, err.errors);
    else showErrors(form, [{ message: String(err), extensions: { code: 'INTERNAL' } }]);
  } finally {
    busy = false;
    if (btn.isConnected) {
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
      btn.innerHTML = label;
    }
  }
}

function signedIn(payload) {
  session.set(payload.token);
  state.me = payload.user;
  renderNav();
}

// ---------------------------------------------------------------- views: accounts

function viewLogin() {
  const demo = state.env === 'dev';
  mount(main, html`<div class="auth">
  <section class="card narrow" aria-labelledby="login-title">
    ${takeFlash()}
    <h1 id="login-title" tabindex="-1">${bi('登录', 'Sign in')}</h1>
    <p class="lede">${bi('登录后可提交投诉并查看处理进度。', 'Sign in to file a complaint and follow it.', 'stack')}</p>
    <form id="login" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('email', '电子邮箱', 'E-mail', html`<input id="f-email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" aria-describedby="err-email" required>`, '', { required: true })}
      ${field('password', '密码', 'Password', html`<input id="f-password" name="password" type="password" autocomplete="current-password" aria-describedby="err-password" required>`, '', { required: true })}
      <button class="btn primary block" type="submit">${bi('登录', 'Sign in')}</button>
    </form>
    <p class="switch">${bi('还没有账号？', 'No account yet?')} <a href="#/register">${bi('注册', 'Register')}</a></p>
  </section>
  ${demo ? html`<aside class="card narrow demo-accounts" aria-labelledby="demo-title">
    <h2 id="demo-title">${bi('演示账号', 'Demo accounts')}</h2>
    <p class="hint">${bi('密码均为', 'Password for all:')} <code>redline-demo-2026</code></p>
    <ul>${[['complainant', '投诉人', 'Complainant'], ['reviewer', '审核员（东区）', 'Reviewer, east team'], ['supervisor', '主管', 'Supervisor'], ['agent', '机构客服', 'Institution agent']].map(([u, zh, en]) => html`
      <li><button type="button" class="link" data-demo="${u}@redline.demo">${bi(zh, en)} <code>${u}@redline.demo</code></button></li>`)}</ul>
  </aside>` : ''}</div>`);
  const form = $('#login');
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
    if (errs.length) return showErrors(form, errs);
    submitting(form, async () => {
      const d = await gql(LOGIN, { e: email, p: password });
      signedIn(d.login);
      go(homePath());
    });
  });
}

function viewRegister() {
  mount(main, html`<section class="card narrow" aria-labelledby="reg-title">
    <h1 id="reg-title" tabindex="-1">${bi('注册账号', 'Create an account')}</h1>
    <p class="lede">${bi('借款人本人及被骚扰的亲友、同事都可以投诉。称呼可以使用化名。', 'Borrowers and the relatives, friends or colleagues a collector harasses can all complain. You may use a pseudonym.', 'stack')}</p>
    <form id="register" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('displayName', '称呼', 'Name', html`<input id="f-displayName" name="displayName" autocomplete="nickname" maxlength="100" aria-describedby="hint-displayName err-displayName" required>`, bi('如"王女士"', 'e.g. "Ms Wang"'), { required: true })}
      ${field('email', '电子邮箱', 'E-mail', html`<input id="f-email" name="email" type="email" autocomplete="email" inputmode="email" spellcheck="false" aria-describedby="hint-email err-email" required>`, bi('用于登录，不会公开', 'Used to sign in; never shown to anyone'), { required: true })}
      ${field('password', '密码', 'Password', html`<input id="f-password" name="password" type="password" autocomplete="new-password" aria-describedby="hint-password err-password" required>`, bi('10 位以上，含字母和数字或符号', 'At least 10 characters, letters with digits or symbols'), { required: true })}
      <button class="btn primary block" type="submit">${bi('注册并登录', 'Register and sign in')}</button>
    </form>
    <p class="switch">${bi('已有账号？', 'Already registered?')} <a href="#/login">${bi('登录', 'Sign in')}</a></p>
  </section>`);
  const form = $('#register');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const d = await gql(REGISTER, { e: form.email.value.trim(), p: form.password.value, n: form.displayName.value.trim() });
      signedIn(d.register);
      state.flash = { zh: '注册成功，欢迎使用。', en: 'Your account is ready.' };
      go('/file');
    });
  });
}

// ---------------------------------------------------------------- views: complainant

function options(table, placeholder) {
  return html`<option value="">${placeholder}</option>${Object.entries(table).map(([code, [zh, en]]) => html`<option value="${code}">${zh} · ${en}</option>`)}`;
}

async function viewFile() {
  const seq = routeSeq;
  const [violations, provinces, fields] = await Promise.all([loadViolationTypes(), loadProvinces(), fileInputFields()]);
  if (seq !== routeSeq) return;
  const key = newIdempotencyKey();
  mount(main, html`<section class="page" aria-labelledby="file-title">
    ${takeFlash()}
    <h1 id="file-title" tabindex="-1">${bi('我要投诉', 'File a complaint')}</h1>
    <p class="lede">${bi('请如实、尽量具体地描述催收人员的行为。带 * 的为必填项。您的信息只用于处理投诉。', 'Describe what the collector did, as precisely as you can. Fields marked * are required. Your details are used only to handle the complaint.', 'stack')}</p>
    <aside class="safety" aria-label="安全提示 Safety">
      <p><strong>${bi('如遇人身威胁或暴力，请立即拨打 110 报警。', 'If you are threatened or in danger, call the police on 110 now.')}</strong></p>
      <p>${bi('请保留短信截图（含号码和时间）、通话录音、聊天记录、上门照片等证据。骚扰电话和短信可向 12321 举报。', 'Keep evidence: screenshots of messages with number and time, call recordings, chat logs, photos of visits. Report spam calls and texts to 12321.', 'stack')}</p>
    </aside>
    <form id="file" class="card" novalidate data-key="${key}">
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <fieldset class="step"><legend><span class="num" aria-hidden="true">1</span>${bi('关于您', 'About you')}</legend>
        ${field('relation', '您与借款人的关系', 'Your relation to the borrower', html`<select id="f-relation" name="relation" aria-describedby="hint-relation err-relation" required>${options(T.relations, '请选择 · Choose')}</select>`, bi('被催收人员骚扰的亲友、同事也可以投诉', 'Relatives, friends and colleagues who are harassed can complain too'), { required: true })}
        ${fields.has('debtor') ? html`<fieldset class="sub" id="debtor" aria-describedby="debtor-hint">
          <legend>${bi('借款人信息', 'The borrower')}</legend>
          <p class="hint" id="debtor-hint">${bi('用于核实债务。您是借款人本人时三项均须填写；代亲友投诉时填写您知道的即可。', 'Used to identify the debt. Required when you are the borrower; if you complain for someone else, give what you know.')}</p>
          ${field('debtor.name', '姓名', 'Name', html`<input id="f-debtor.name" name="debtorName" autocomplete="name" maxlength="100" aria-describedby="err-debtor.name">`, '', {})}
          ${field('debtor.mobile', '手机号码', 'Mobile number', html`<input id="f-debtor.mobile" name="debtorMobile" type="tel" inputmode="tel" autocomplete="tel-national" maxlength="20" aria-describedby="hint-debtor.mobile err-debtor.mobile">`, bi('借款时登记的号码', 'The number the lender knows'), {})}
          ${field('debtor.idNumber', '身份证号码', 'ID card number', html`<input id="f-debtor.idNumber" name="debtorIdNumber" autocomplete="off" spellcheck="false" maxlength="18" aria-describedby="err-debtor.idNumber">`, '', {})}
        </fieldset>` : ''}
        ${field('province', '您所在的省份', 'Your province', html`<select id="f-province" name="province" autocomplete="address-level1" aria-describedby="err-province" required><option value="">请选择 · Choose</option>${provinces.map((p) => html`<option value="${p.code}">${p.zh} · ${p.en}</option>`)}</select>`, '', { required: true })}
      </fieldset>
      <fieldset class="step"><legend><span class="num" aria-hidden="true">2</span>${bi('被投诉的机构', 'Who is collecting')}</legend>
        ${field('lenderName', '放贷机构', 'Lender', html`<input id="f-lenderName" name="lenderName" list="lender-options" autocomplete="off" maxlength="200" aria-describedby="hint-lenderName err-lenderName" required><datalist id="lender-options"></datalist>`, bi('银行、消费金融公司或借款App的名称，可从列表中选择，也可直接填写', 'Bank, finance company or lending app: pick from the list or type the name'), { required: true })}
        ${field('agencyName', '催收公司', 'Collection agency', html`<input id="f-agencyName" name="agencyName" list="agency-options" autocomplete="off" maxlength="200" aria-describedby="hint-agencyName err-agencyName"><datalist id="agency-options"></datalist>`, bi('如知道催收公司的名称请填写', 'If you know which agency is calling'), { optional: true })}
        ${field('product', '借款类型', 'Kind of credit', html`<select id="f-product" name="product" aria-describedby="err-product" required>${options(T.products, '请选择 · Choose')}</select>`, '', { required: true })}
      </fieldset>
      <fieldset class="step"><legend><span class="num" aria-hidden="true">3</span>${bi('发生了什么', 'What happened')}</legend>
        ${field('narrative', '经过描述', 'Describe what happened', html`<textarea id="f-narrative" name="narrative" rows="7" maxlength="20000" aria-describedby="hint-narrative err-narrative" required></textarea><p class="counter" id="narrative-count" aria-live="polite">0 字</p>`, bi('时间、号码、说了什么、联系了谁，至少 10 个字', 'When, from which number, what was said, whom they contacted; at least 10 characters'), { required: true })}
        <div class="field" data-field="violations">
          <fieldset class="checks" aria-describedby="hint-violations err-violations">
            <legend>${bi('催收人员有哪些行为？', 'What did the collector do?')}<span class="opt">可多选 <span lang="en">choose any</span></span></legend>
            <p class="hint" id="hint-violations">${bi('不确定也没关系，审核人员会再判断', 'Not sure? Reviewers will check')}</p>
            <div class="check-grid">${violations.map((v) => html`<label class="check"><input type="checkbox" name="violations" value="${v.code}"><span>${bi(v.labelZh, v.labelEn, 'stack')}</span></label>`)}</div>
          </fieldset>
          <p class="field-error" id="err-violations" hidden></p>
        </div>
      </fieldset>
      <div class="submit-row">
        <button class="btn primary block" type="submit">${bi('提交投诉', 'Submit complaint')}</button>
        <p class="hint">${bi('提交后您会得到一个投诉编号（RL-…），可随时查看处理进度。', 'You will get a reference number (RL-…) to follow your complaint.', 'stack')}</p>
      </div>
    </form>
  </section>`);
  const form = $('#file');
  const narrative = form.narrative;
  const counter = $('#narrative-count');
  narrative.addEventListener('input', () => { counter.textContent = `${[...narrative.value].length} 字`; });
  const lenders = suggest(form.lenderName, $('#lender-options'), (n) => n.kind !== 'COLLECTION_AGENCY');
  suggest(form.agencyName, $('#agency-options'), (n) => n.kind === 'COLLECTION_AGENCY');

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = {
      relation: form.relation.value,
      lenderName: form.lenderName.value.trim(),
      product: form.product.value,
      province: form.province.value,
      narrative: narrative.value.trim(),
      violations: $$('input[name=violations]:checked', form).map((c) => c.value),
    };
    if (fields.has('debtor')) {
      const debtor = {};
      [['name', 'debtorName'], ['mobile', 'debtorMobile'], ['idNumber', 'debtorIdNumber']].forEach(([k, n]) => {
        const v = form.elements[n].value.trim();
        if (v) debtor[k] = v;
      });
      if (Object.keys(debtor).length) input.debtor = debtor;
    }
    const agency = form.agencyName.value.trim();
    if (agency) input.agencyName = agency;
    const match = lenders.match(input.lenderName);
    if (match) input.lenderId = match.id;
    // Enums must be valid before GraphQL accepts the request at all; check them here.
    const errs = [];
    if (!input.relation) errs.push(invalid('relation', '请选择您与借款人的关系。', 'Choose how you stand to the borrower.'));
    if (!input.province) errs.push(invalid('province', '请选择省份。', 'Choose a province.'));
    if (!input.product) errs.push(invalid('product', '请选择借款类型。', 'Choose the kind of credit.'));
    if (errs.length) return showErrors(form, errs);
    submitting(form, async () => {
      const d = await gql(FILE, { i: input, k: form.dataset.key });
      const c = d.fileComplaint;
      state.flash = { zh: `投诉已提交，编号 ${c.reference}。请记下编号以便查询。`, en: `Complaint filed: ${c.reference}. Keep this number to follow it.` };
      go(`/c/${encodeURIComponent(c.id)}`);
    });
  });
}

// suggest fills a datalist from institutions(search) as the user types, and remembers the results
// so that a picked name can be sent with its id.
function suggest(input, list, keep) {
  const known = new Map();
  let seq = 0;
  let t;
  input.addEventListener('input', () => {
    clearTimeout(t);
    const q = input.value.trim();
    if (!q) return;
    t = setTimeout(async () => {
      const mine = ++seq;
      try {
        const d = await gql(INSTITUTIONS, { s: q });
        if (mine !== seq) return;
        const nodes = d.institutions.edges.map((e) => e.node).filter(keep);
        nodes.forEach((n) => known.set(n.name, n));
        mount(list, nodes.map((n) => html`<option value="${n.name}" label="${[T.label(T.institutionKinds, n.kind)[0], ...(n.aliases || [])].join(' · ')}"></option>`));
      } catch { /* suggestions are a convenience: free text still works */ }
    }, 200);
  });
  return { match: (name) => known.get(name) };
}

function caseItem(c, staff) {
  const [pz, pe] = provinceName(c.province);
  const [kz] = T.label(T.products, c.product);
  return html`<li><a class="case" href="#/c/${encodeURIComponent(c.id)}">
    <span class="case-top"><span class="ref">${c.reference}</span>${badge(T.statuses, c.status)}${staff && c.priority !== 'NORMAL' ? badge(T.priorities, c.priority, 'badge small', 'priority') : ''}</span>
    <span class="case-main">${c.lenderName}<span class="sep" aria-hidden="true">·</span><span class="muted">${kz}</span></span>
    ${staff && (c.claimedViolations || []).length ? html`<span class="tags">${c.claimedViolations.slice(0, 3).map((v) => html`<span class="tag">${violationLabel(v)[0]}</span>`)}${c.claimedViolations.length > 3 ? html`<span class="tag">+${c.claimedViolations.length - 3}</span>` : ''}</span>` : ''}
    <span class="case-meta muted">${staff ? html`${pz} <span lang="en">${pe}</span> · ` : ''}${bi('提交于', 'filed')} ${when(c.createdAt)}</span>
  </a></li>`;
}

async function viewMine(refresh = false) {
  const seq = routeSeq;
  await loadProvinces();
  const d = await gql(LIST, { first: 50 });
  if (seq !== routeSeq) return;
  const conn = d.complaints;
  const nodes = conn.edges.map((e) => e.node);
  const flash = refresh ? '' : takeFlash();
  const listHTML = nodes.length
    ? html`<ul class="cases" aria-label="我的投诉 My complaints">${nodes.map((c) => caseItem(c, false))}</ul>`
    : html`<div class="empty card"><p>${bi('您还没有提交过投诉。', 'You have not filed a complaint yet.', 'stack')}</p><p><a class="btn primary" href="#/file">${bi('我要投诉', 'File a complaint')}</a></p></div>`;
  if (refresh && $('#mine-list')) {
    mount($('#mine-list'), listHTML);
  } else {
    mount(main, html`<section class="page" aria-labelledby="mine-title">
      ${flash}
      <div class="page-head"><h1 id="mine-title" tabindex="-1">${bi('我的投诉', 'My complaints')}</h1>
      <a class="btn" href="#/file">${bi('新投诉', 'New complaint')}</a></div>
      <p class="count" aria-live="polite">${bi(`共 ${conn.totalCount} 件`, `${conn.totalCount} in all`)}</p>
      <div id="mine-list">${listHTML}</div></section>`);
    focusHeading();
  }
  // A new complaint is routed within seconds: follow it until it is.
  if (nodes.some((c) => c.status === 'SUBMITTED')) later(() => viewMine(true).catch(() => {}), 2000);
}

// ---------------------------------------------------------------- views: a complaint

async function viewComplaint(id, refresh = false) {
  const seq = routeSeq;
  const [d] = await Promise.all([gql(DETAIL, { id }), loadProvinces(), loadViolationTypes()]);
  if (seq !== routeSeq) return;
  const c = d.complaint;
  if (!c) throw new ApiError([{ message: 'not found', extensions: { code: 'NOT_FOUND' } }]);
  const staff = isStaff();
  const [sz, se] = T.label(T.statusHelp, c.status);
  const [pz, pe] = provinceName(c.province);
  const rows = [
    ['与借款人的关系', 'Relation to the borrower', bi(...T.label(T.relations, c.relation))],
    ['放贷机构', 'Lender', html`${c.lenderName}${c.lender && c.lender.name !== c.lenderName ? html` <span class="muted">(${c.lender.name})</span>` : ''}`],
    c.agencyName ? ['催收公司', 'Collection agency', c.agencyName] : null,
    ['借款类型', 'Kind of credit', bi(...T.label(T.products, c.product))],
    ['省份', 'Province', bi(pz, pe)],
    staff ? ['优先级', 'Priority', badge(T.priorities, c.priority, 'badge small', 'priority')] : null,
    staff && c.team ? ['团队', 'Team', c.team] : null,
    ['提交时间', 'Filed', when(c.createdAt)],
    ['最近更新', 'Last update', when(c.updatedAt)],
  ].filter(Boolean);
  const back = staff ? ['#/queue', '返回队列', 'Back to the queue'] : ['#/mine', '我的投诉', 'My complaints'];
  const body = html`
    <nav class="crumbs" aria-label="返回 Back"><a href="${back[0]}">← ${bi(back[1], back[2])}</a></nav>
    ${refresh ? '' : takeFlash()}
    <header class="case-head card">
      <p class="eyebrow">${bi('投诉编号', 'Reference')}</p>
      <h1 tabindex="-1"><span class="ref big">${c.reference}</span></h1>
      <p class="status-line" aria-live="polite">${badge(T.statuses, c.status, 'badge large')}</p>
      ${staff ? '' : html`<p class="status-help">${bi(sz, se, 'stack')}</p>`}
    </header>
    <div class="case-grid">
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">${bi('投诉信息', 'Details')}</h2>
        <dl class="facts">${rows.map(([zh, en, v]) => html`<div><dt>${bi(zh, en)}</dt><dd>${v}</dd></div>`)}</dl>
        <h3>${bi('经过描述', 'What happened')}</h3>
        <blockquote class="narrative">${c.narrative}</blockquote>
        ${(c.claimedViolations || []).length ? html`<h3>${bi('投诉的行为', 'Reported conduct')}</h3>
          <ul class="tags">${c.claimedViolations.map((v) => html`<li class="tag">${bi(...violationLabel(v))}</li>`)}</ul>` : ''}
      </section>
      <section class="card" aria-labelledby="hist-title">
        <h2 id="hist-title">${bi('处理记录', 'History')}</h2>
        <ol class="timeline">${(c.history || []).slice().reverse().map((e) => html`<li>
          <p class="t-action">${bi(...T.label(T.actions, e.action))}</p>
          ${e.toStatus && e.toStatus !== e.fromStatus ? html`<p class="t-status">${e.fromStatus ? html`${T.label(T.statuses, e.fromStatus)[0]} → ` : ''}<strong>${T.label(T.statuses, e.toStatus)[0]}</strong></p>` : ''}
          ${e.reason ? html`<p class="t-reason">${e.reason}</p>` : ''}
          <p class="t-meta muted">${when(e.at)} · ${bi(...T.label(T.roles, e.actorRole))}</p>
        </li>`)}</ol>
      </section>
    </div>`;
  mount(main, html`<section class="page" id="complaint" data-status="${c.status}">${body}</section>`);
  if (!refresh) focusHeading();
  if (c.status === 'SUBMITTED') later(() => viewComplaint(id, true).catch(() => {}), 2000);
}

// ---------------------------------------------------------------- views: staff queue

const queue = { key: '', cursors: [null] };

async function viewQueue(params) {
  const seq = routeSeq;
  await Promise.all([loadProvinces(), loadViolationTypes()]);
  const status = params.get('status') || 'OPEN';
  const text = params.get('q') || '';
  const key = `${status}|${text}`;
  if (queue.key !== key) Object.assign(queue, { key, cursors: [null] });
  const page = queue.cursors.length - 1;
  const filter = {};
  if (status === 'OPEN') filter.status = OPEN_STATUSES;
  else if (status !== 'ALL') filter.status = [status];
  if (text) filter.text = text;
  const d = await gql(LIST, { f: filter, first: 20, after: queue.cursors[page] });
  if (seq !== routeSeq) return;
  const conn = d.complaints;
  const role = T.label(T.roles, state.me.role);
  const title = state.me.role.startsWith('institution') ? ['转交本机构的投诉', 'Complaints forwarded to your institution'] : ['投诉队列', 'Complaint queue'];
  mount(main, html`<section class="page wide" aria-labelledby="queue-title">
    ${takeFlash()}
    <div class="page-head"><div><h1 id="queue-title" tabindex="-1">${bi(...title)}</h1>
      <p class="muted">${bi(...role)}${(state.me.teams || []).length ? html` · ${bi('团队', 'team')} ${state.me.teams.join(', ')}` : ''}</p></div></div>
    <form id="queue-filter" class="filters card" role="search">
      <div class="field"><label for="q-status">${bi('状态', 'Status')}</label>
        <select id="q-status" name="status">
          <option value="OPEN">未办结 · All open</option><option value="ALL">全部 · All</option>
          ${Object.entries(T.statuses).map(([code, [zh, en]]) => html`<option value="${code}">${zh} · ${en}</option>`)}
        </select></div>
      <div class="field grow"><label for="q-text">${bi('搜索', 'Search')}</label>
        <input id="q-text" name="q" type="search" value="${text}" placeholder="描述或机构名称 · narrative or institution"></div>
      <button class="btn" type="submit">${bi('筛选', 'Filter')}</button>
    </form>
    <p class="count" aria-live="polite" id="queue-count">${bi(`共 ${conn.totalCount ?? '?'} 件`, `${conn.totalCount ?? '?'} complaints`)}${page > 0 ? html` · ${bi(`第 ${page + 1} 页`, `page ${page + 1}`)}` : ''}</p>
    ${conn.edges.length
      ? html`<ul class="cases" id="queue-list" data-filter="${key}" aria-label="投诉列表 Complaints">${conn.edges.map((e) => caseItem(e.node, true))}</ul>`
      : html`<div class="empty card"><p>${bi('没有符合条件的投诉。', 'No complaints match.', 'stack')}</p></div>`}
    <nav class="pager" aria-label="翻页 Pages">
      <button class="btn" type="button" id="prev" ${page === 0 ? 'disabled' : ''}>← ${bi('上一页', 'Previous')}</button>
      <button class="btn" type="button" id="next" ${conn.pageInfo.hasNextPage ? '' : 'disabled'}>${bi('下一页', 'Next')} →</button>
    </nav>
  </section>`);
  const form = $('#queue-filter');
  form.status.value = status;
  const apply = () => {
    const p = new URLSearchParams();
    p.set('status', form.status.value);
    if (form.q.value.trim()) p.set('q', form.q.value.trim());
    go(`/queue?${p}`);
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  form.status.addEventListener('change', apply);
  $('#next').addEventListener('click', () => { queue.cursors.push(conn.pageInfo.endCursor); route(); });
  $('#prev').addEventListener('click', () => { queue.cursors.pop(); route(); });
  focusHeading();
}

// ---------------------------------------------------------------- shell

function homePath() {
  if (!state.me) return '/login';
  return isStaff() ? '/queue' : '/mine';
}

function renderNav() {
  const nav = $('#nav');
  if (!state.me) {
    mount(nav, html`<a href="#/login">${bi('登录', 'Sign in')}</a><a href="#/register">${bi('注册', 'Register')}</a>`);
    return;
  }
  const links = isStaff()
    ? [['#/queue', '投诉队列', 'Queue']]
    : [['#/file', '我要投诉', 'File'], ['#/mine', '我的投诉', 'My complaints']];
  mount(nav, html`${links.map(([href, zh, en]) => html`<a href="${href}">${bi(zh, en)}</a>`)}
    <span class="who" title="${state.me.email}">${state.me.displayName}<span class="en" lang="en">${T.label(T.roles, state.me.role)[0]}</span></span>
    <button type="button" class="link" id="signout">${bi('退出', 'Sign out')}</button>`);
  $('#signout').addEventListener('click', () => {
    session.clear();
    state.me = null;
    renderNav();
    state.flash = { zh: '您已安全退出。', en: 'You signed out.' };
    go('/login');
  });
  markCurrent();
}

function markCurrent() {
  const h = location.hash.split('?')[0] || '#/';
  $$('#nav a').forEach((a) => {
    if (a.getAttribute('href') === h) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

const routes = [
  [/^\/login$/, () => viewLogin(), false],
  [/^\/register$/, () => viewRegister(), false],
  [/^\/file$/, () => viewFile(), true],
  [/^\/mine$/, () => viewMine(), true],
  [/^\/c\/([^/]+)$/, (m) => viewComplaint(decodeURIComponent(m[1])), true],
  [/^\/queue$/, (m, params) => viewQueue(params), true],
];

async function route() {
  stopTimers();
  const seq = ++routeSeq;
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  const params = new URLSearchParams(qs || '');
  markCurrent();
  if (path === '/' || path === '') return go(homePath());
  for (const [re, view, auth] of routes) {
    const m = path.match(re);
    if (!m) continue;
    if (auth && !state.me) return go('/login');
    if ((path === '/file' || path === '/mine') && isStaff()) return go('/queue');
    if (path === '/queue' && state.me && !isStaff()) return go('/mine');
    main.setAttribute('aria-busy', 'true');
    try {
      await view(m, params);
      document.title = `${($('h1', main)?.textContent || '').replace(/\s+/g, ' ').trim()} · 催收投诉平台 redline`;
    } catch (err) {
      if (seq === routeSeq) pageError(err);
    } finally {
      main.removeAttribute('aria-busy');
    }
    focusHeading();
    return;
  }
  mount(main, html`<section class="card narrow"><h1 tabindex="-1">${bi('页面不存在', 'Page not found')}</h1><p><a href="#/">${bi('返回首页', 'Back to start')}</a></p></section>`);
}

async function boot() {
  try {
    const cfg = await (await fetch('/config.json')).json();
    state.env = cfg.env;
  } catch { /* keep production: no demo notice */ }
  if (state.env === 'dev') $('#demo-banner').hidden = false;
  if (session.token) {
    try { state.me = (await gql(ME)).me; } catch { state.me = null; }
    if (!state.me) session.clear();
  }
  renderNav();
  window.addEventListener('hashchange', route);
  window.addEventListener('redline:signed-out', () => {
    state.me = null;
    renderNav();
    state.flash = { zh: '登录已过期，请重新登录。', en: 'Your session expired; please sign in again.', tone: 'warn' };
    go('/login');
  });
  await route();
  document.documentElement.dataset.ready = 'true';
}

boot();
