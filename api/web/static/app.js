// redline's portal: the shell (header, language, notifications, session) and the routes. Plain ES
// modules, no build step; each page is a module under pages/, loaded when first opened.

import { gql, session, signOut, schedule, busy, AUTH_FIELDS } from './core/api.js';
import { html, mount, $, $$ } from './core/dom.js';
import { t, L, setLang, lang, roles, textLang } from './core/i18n.js';
import { state, isStaff, isInstitution, isComplainant, setFlash, takeFlash } from './core/state.js';
import * as router from './core/router.js';
import { langSwitch, bell } from './components/shell.js';
import { announce, toast } from './components/announcer.js';
import { echoDates } from './components/dates.js';
import { errorsShown, showAgain } from './components/field.js';

const main = $('#main');
const page = (name, fn) => () => import(`./pages/${name}.js`).then((m) => m[fn]);

// Routes: auth says a session is needed; roles lists who may open the page.
const C = ['complainant'];
const I = ['institution_agent', 'institution_admin'];
router.add(/^\/$/, page('home', 'home'));
router.add(/^\/login$/, page('auth', 'login'));
router.add(/^\/register$/, page('auth', 'register'));
router.add(/^\/confirm$/, page('auth', 'confirm'));
router.add(/^\/forgot$/, page('forgot', 'forgot'));
router.add(/^\/reset$/, page('reset', 'reset'));
router.add(/^\/check$/, page('check', 'check'));
router.add(/^\/data$/, page('public', 'data'));
router.add(/^\/data\/institution\/([^/]+)$/, page('public', 'institution'));
router.add(/^\/file$/, page('file', 'file'), { auth: true, roles: C });
router.add(/^\/mine$/, page('mine', 'mine'), { auth: true, roles: C });
// Reviewers, supervisors and admins open a complaint in the case workbench (pages/case.js); the others in pages/complaint.js.
router.add(/^\/c\/([^/]+)$/, () => (isStaff() && state.me.role !== 'analyst' ? page('case', 'caseView') : page('complaint', 'complaint'))(), { auth: true });
router.add(/^\/notifications$/, page('notifications', 'notifications'), { auth: true });
router.add(/^\/account$/, page('account', 'account'), { auth: true });
router.add(/^\/inbox$/, page('inbox', 'inbox'), { auth: true, roles: I });
router.add(/^\/institution$/, page('institution', 'institution'), { auth: true, roles: I });
router.add(/^\/institution\/users$/, page('institution-users', 'institutionUsers'), { auth: true, roles: ['institution_admin'] });
router.add(/^\/invite\/([A-Za-z0-9_-]+)$/, page('institution-users', 'invite'));
router.add(/^\/queue$/, page('queue', 'queue'), { auth: true, roles: ['reviewer', 'supervisor', 'admin'] });
router.add(/^\/dashboard$/, page('dashboard', 'dashboard'), { auth: true, roles: ['analyst', 'supervisor', 'admin'] });
router.add(/^\/supervise$/, page('supervise', 'supervise'), { auth: true, roles: ['supervisor', 'admin'] });
['users', 'institutions', 'routing', 'rules', 'deadlines', 'audit'].forEach((p) => router.add(new RegExp(`^/admin/${p}$`), page(`admin/${p}`, p), { auth: true, roles: ['admin'] }));

export function homePath() {
  if (!state.me) return '/';
  if (isComplainant()) return '/mine';
  if (isInstitution()) return '/inbox';
  if (state.me.role === 'analyst') return '/dashboard';
  return '/queue';
}

// signedIn stores the session of a login, registration or refresh and redraws the shell.
export function signedIn(payload) {
  session.set(payload);
  state.me = payload.user;
  renderShell();
}

export async function endSession(flash = true, remote = true) {
  await signOut(remote);
  try {
    Object.keys(localStorage).filter((k) => k.startsWith('redline.draft')).forEach((k) => localStorage.removeItem(k));
  } catch { /* ignore */ }
  state.me = null;
  state.unread = 0;
  if (flash) setFlash('您已安全退出。', 'You signed out.');
  renderShell();
  router.go('/login');
}

function navLinks() {
  if (!state.me) return [['#/check', '查一查短信', 'Check a message'], ['#/data', '投诉数据', 'Complaint data'], ['#/login', '登录', 'Sign in'], ['#/register', '注册', 'Register']];
  if (isComplainant()) return [['#/file', '我要投诉', 'File a complaint'], ['#/mine', '我的投诉', 'My complaints'], ['#/check', '查一查短信', 'Check a message'], ['#/account', '账户', 'Account']];
  if (isInstitution()) {
    const l = [['#/inbox', '待答复投诉', 'Inbox']];
    // Agents see the institution's figures there; admins also the webhook and the users.
    l.push(state.me.role === 'institution_admin' ? ['#/institution', '机构设置', 'Institution'] : ['#/institution', '本机构统计', 'Our figures']);
    l.push(['#/account', '账户', 'Account']);
    return l;
  }
  if (state.me.role === 'analyst') return [['#/dashboard', '数据看板', 'Dashboard'], ['#/data', '投诉数据', 'Complaint data'], ['#/account', '账户', 'Account']];
  const sv = ['supervisor', 'admin'].includes(state.me.role) ? [['#/dashboard', '数据看板', 'Dashboard'], ['#/supervise', '主管工作台', 'Supervision']] : [];
  const ad = state.me.role === 'admin' ? [['#/admin/users', '系统管理', 'Administration']] : [];
  return [['#/queue', '投诉队列', 'Queue'], ...sv, ...ad, ['#/data', '投诉数据', 'Complaint data'], ['#/account', '账户', 'Account']];
}

// typedIn notes what was typed or chosen in the page's fields (not passwords or files), so that
// drawing the page again in the other language loses none of it; putBack puts it back in the
// fields of the same id and lets the page hear it.
function typedIn(root) {
  const typed = new Map();
  root.querySelectorAll('input[id], textarea[id], select[id]').forEach((el) => {
    if (el.type === 'checkbox' || el.type === 'radio') {
      if (el.checked !== el.defaultChecked) typed.set(el.id, { checked: el.checked });
    } else if (el.tagName === 'SELECT') {
      const first = [...el.options].find((o) => o.defaultSelected) || el.options[0];
      if (first && el.value !== first.value) typed.set(el.id, { value: el.value });
    } else if (el.type !== 'password' && el.type !== 'file' && el.value !== el.defaultValue) {
      typed.set(el.id, { value: el.value });
    }
  });
  return typed;
}

// keptUploads and restoreUploads carry the files uploaded, not yet sent with their form, across a
// redraw of the page (the language switch): an institution's documents, attached to an answer
// before the switch, were dropped from it without a word and the answer went without them
// (session 29 walk). Files still uploading are not carried (they finish on the old page).
function keptUploads(root) {
  const kept = new Map();
  $$('ul.uploads', root).forEach((l) => {
    const done = (l.uploads?.items || []).filter((it) => it.token);
    if (l.id && done.length) kept.set(l.id, done);
  });
  return kept;
}

function restoreUploads(root, kept) {
  for (const [id, done] of kept) {
    const l = document.getElementById(id);
    if (!l || !root.contains(l) || !l.uploads || l.uploads.items.length) continue;
    l.uploads.items.push(...done);
    l.uploads.draw();
    l.uploads.onChange(l.uploads.items);
  }
}

// openedIn and reopen keep the sections a person opened (<details id>: a form to create an
// account, to ask for more time) open across the redraw: the form with what was typed and its
// errors was folded away by the switch (session 30 walk).
function openedIn(root) {
  return $$('details[id]', root).map((d) => [d.id, d.open]);
}

function reopen(root, opened) {
  for (const [id, open] of opened) {
    const d = document.getElementById(id);
    if (d && root.contains(d) && d.open !== open) d.open = open;
  }
}

function putBack(root, typed) {
  for (const [id, v] of typed) {
    const el = document.getElementById(id);
    if (!el || !root.contains(el)) continue;
    // Only what the redraw did not give back as it was: a filter select the page set from its URL
    // heard change again and navigated, drawing the page a second time (the queue lost the boxes
    // ticked, and the report of a bulk action, moments after the switch).
    if ('checked' in v ? el.checked === v.checked : el.value === v.value) continue;
    if ('checked' in v) el.checked = v.checked; else el.value = v.value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

export function renderShell() {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  $('#skip').textContent = t('跳到正文', 'Skip to content');
  $('#brand-text').textContent = t('催收投诉平台', 'Debt collection complaints');
  $('#nav').setAttribute('aria-label', t('主导航', 'Main'));
  const banner = $('#demo-banner');
  banner.hidden = state.env !== 'dev';
  // A landmark of its own, so that nothing on the page lies outside one.
  banner.setAttribute('aria-label', t('演示环境提示', 'Demo notice'));
  mount(banner, html`<strong>${t('演示环境', 'Demo')}</strong> ${t('开发模式：数据均为虚构，请勿填写真实个人信息。', 'dev mode: all data is fictitious; do not enter real personal data.')}`);
  mount($('#tools'), html`${langSwitch()}${state.me ? bell(state.unread) : ''}`);
  mount($('#nav'), html`${navLinks().map(([href, zh, en]) => html`<a href="${href}">${t(zh, en)}</a>`)}
    ${state.me ? html`<span class="who" title="${state.me.email}"><span lang="${textLang(state.me.displayName)}">${state.me.displayName}</span> · ${L(roles, state.me.role)}</span>
    <button type="button" class="link" id="signout">${t('退出', 'Sign out')}</button>` : ''}`);
  mount($('#foot'), html`<p><strong>${t('遇到威胁或暴力，请立即拨打 110', 'If you are threatened, call the police on 110')}</strong> · ${t('骚扰电话、短信请向 12321 举报', 'report spam calls and texts to 12321')}</p>
    <p class="muted"><a href="#/check">${t('查一查短信', 'Check a message')}</a> · <a href="#/data">${t('公开投诉数据', 'Public complaint data')}</a> · <a href="/graphql">GraphQL API</a></p>`);
  $('#lang-switch').addEventListener('click', (ev) => {
    const typed = typedIn(main), uploads = keptUploads(main), errors = errorsShown(main), open = openedIn(main);
    setLang(ev.currentTarget.dataset.lang);
    if (shownFlash && !state.flash && $('.flash', main)) state.flash = shownFlash; // still on screen
    renderShell();
    router.run().then(() => {
      reopen(main, open);
      putBack(main, typed);
      restoreUploads(main, uploads);
      showAgain(main, errors);
      $('#lang-switch')?.focus();
      announce(t('已切换到中文', 'Switched to English'));
    });
  });
  const so = $('#signout');
  if (so) so.addEventListener('click', () => endSession());
  markCurrent();
}

function markCurrent() {
  const h = `#${router.parse().path}`;
  $$('#nav a').forEach((a) => {
    if (a.getAttribute('href') === h) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

export async function refreshUnread() {
  if (!state.me) return;
  try {
    const n = (await gql('{ unreadNotificationCount }')).unreadNotificationCount;
    if (n !== state.unread) {
      state.unread = n;
      const tools = $('#tools');
      const b = $('#bell', tools);
      if (b) b.outerHTML = bell(n).toString();
    }
  } catch { /* the bell is a convenience */ }
}

// setTitle names the tab after the page's heading, in the current language.
function setTitle() {
  document.title = `${($('h1', main)?.textContent || '').replace(/\s+/g, ' ').trim()} · ${t('催收投诉平台', 'Debt collection complaints')}`;
}

// shownFlash is the flash on the page on screen: the language switch draws the page again, and the
// flash with it (it said why one was signed out, and was lost on the switch to English).
let shownFlash = null;

function flashBox() {
  const f = takeFlash();
  if (f) shownFlash = f;
  return f ? html`<div class="flash tone-${f.tone}" role="status">${t(f.zh, f.en)}</div>` : '';
}

export function pageError(err) {
  const e = (err && err.errors && err.errors[0]) || { message: String(err), extensions: { code: 'INTERNAL' } };
  if (e.extensions?.reason === 'PASSWORD_CHANGE_REQUIRED' && state.me) {
    // The server says the first password is still to be replaced (the page knew no better): the
    // account page says why and has the form, rather than "You may not open this page".
    state.me.mustChangePassword = true;
    if (router.parse().path !== '/account') return router.go('/account');
  }
  const forbidden = e.extensions?.code === 'FORBIDDEN';
  const home = homePath();
  const away = router.parse().path !== home; // never offer the page that failed: no loop
  // A complaint that is not found is, for staff, most often one of another team's: "Something went
  // wrong · Not found" left a reviewer following a colleague's link wondering what broke.
  const ref = e.extensions?.code === 'NOT_FOUND' && (router.parse().path.match(/^\/c\/([^/]+)$/) || [])[1];
  const missing = ref ? decodeURIComponent(ref) : '';
  import('./components/field.js').then(({ errorText }) => {
    mount(main, html`<section class="card narrow" id="page-error" data-code="${e.extensions?.code || ''}">
      <h1 tabindex="-1">${forbidden ? t('无权查看此页面', 'You may not open this page') : missing ? t('找不到这件投诉', 'No such complaint') : t('出错了', 'Something went wrong')}</h1>
      <p class="alert" role="alert">${forbidden ? t('您的角色无权查看此页面的内容。如需权限，请联系系统管理员。', 'Your role may not see what this page shows. Ask an administrator if you need access.')
    : missing ? t(`没有您可查看的投诉 ${missing}：编号可能有误，或该投诉不在您的查看范围内（例如属于其他处理组）。`, `There is no complaint ${missing} that you may see: the reference may be mistyped, or the complaint is outside what you may see (another team's, for instance).`)
      : errorText(e)}</p>
      <p>${away ? html`<a class="btn" href="#${home}">${t('返回我的首页', 'Back to my start page')}</a>` : html`<a class="btn" href="#/account">${t('我的账户', 'My account')}</a>`}</p></section>`);
    setTitle();
    $('h1', main)?.focus();
  });
}

async function onRoute({ path, params }, seq) {
  markCurrent();
  shownFlash = null;
  mount($('#toasts'), ''); // a toast belongs to the page it was shown on
  const hit = router.match(path);
  if (!hit) {
    mount(main, html`<section class="card narrow" id="not-found"><h1 tabindex="-1">${t('页面不存在', 'Page not found')}</h1><p><a href="#/">${t('返回首页', 'Back to start')}</a></p></section>`);
    setTitle();
    return;
  }
  const { route, m } = hit;
  if (path === '/' && state.me) return router.go(homePath());
  if (route.auth && !state.me) {
    // Someone who came to complain may have no account yet: say what it takes.
    if (path === '/file') setFlash('投诉前请先登录。还没有账号？点“注册”，只需电子邮箱，称呼可以用化名。', 'Sign in to file a complaint. No account yet? Choose Register: an e-mail address is all it takes, and you may use a pseudonym.', 'warn');
    else setFlash('请先登录。', 'Please sign in first.', 'warn');
    return router.go(`/login?next=${encodeURIComponent(path)}`);
  }
  if (state.me?.mustChangePassword && path !== '/account') {
    // An account an administrator made: the server refuses everything until its first password is
    // replaced, so the account page, with its form and the notice that says why, is the only page
    // that can work (a nav link, the bell, an old bookmark all come back to it).
    return router.go('/account');
  }
  if (route.roles && !route.roles.includes(state.me.role)) {
    if (path !== homePath()) return router.go(homePath());
    return pageError({ errors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }] });
  }
  main.setAttribute('aria-busy', 'true');
  // A page that takes a while (a phone on a slow network) says so at once, above the page it
  // replaces: the tap that opened it seemed to do nothing, and people tapped again.
  const slow = setTimeout(() => { if (seq === router.current()) loading(true); }, 300);
  try {
    const render = await route.load();
    if (seq !== router.current()) return;
    await render({ main, m, params, seq, alive: () => seq === router.current(), flash: flashBox });
    if (seq !== router.current()) return;
    setTitle();
    const h = $('h1', main);
    if (h && !main.contains(document.activeElement)) h.focus({ preventScroll: false });
  } catch (err) {
    if (seq === router.current()) pageError(err);
  } finally {
    clearTimeout(slow);
    if (seq === router.current()) loading(false);
    main.removeAttribute('aria-busy');
  }
}

// loading shows or hides the bar that says a page is on its way.
function loading(on) {
  let bar = $('#page-loading');
  if (!bar) {
    bar = document.createElement('div');
    bar.id = 'page-loading';
    bar.setAttribute('role', 'status');
    bar.hidden = true;
    ($('header.top') || document.body).append(bar); // in the banner landmark
  }
  bar.textContent = on ? t('正在加载…', 'Loading…') : '';
  bar.hidden = !on;
}

async function boot() {
  setLang(lang());
  try {
    const cfg = await (await fetch('/config.json')).json();
    state.env = cfg.env;
  } catch { /* keep production: no demo notice */ }
  // While a read waits for the Retry-After the server asked, the page says so (it retries by itself).
  window.addEventListener('redline:busy', (ev) => {
    toast(t(`服务器繁忙，${ev.detail.seconds} 秒后自动重试…`, `The server is busy; trying again in ${ev.detail.seconds} s…`), 'warn');
  });
  // A server that is busy or out of reach at start says nothing about the session: it is kept, and
  // the page says so with a way to try again, instead of signing the person out.
  let unsure = null;
  if (session.token || session.refreshToken) {
    try {
      state.me = (await gql('{ me { id email displayName role teams institutionId mustChangePassword } }')).me;
    } catch (err) {
      state.me = null;
      if (busy(err) || err?.code === 'NETWORK') unsure = err;
    }
    if (state.me) schedule();
    else if (!unsure) session.clear();
  }
  renderShell();
  if (unsure) {
    const { errorText } = await import('./components/field.js');
    mount(main, html`<section class="card narrow" id="page-error" data-code="${unsure.code}">
      <h1 tabindex="-1">${t('暂时无法打开页面', 'The page cannot open right now')}</h1>
      <p class="alert" role="alert">${errorText(unsure.errors[0])}</p>
      <p>${t('您没有退出登录，稍后重试即可继续。', 'You are still signed in: try again in a moment to carry on.')}</p>
      <p><button type="button" class="btn primary" id="boot-retry">${t('重试', 'Try again')}</button></p></section>`);
    setTitle();
    $('#boot-retry').addEventListener('click', () => location.reload());
    $('h1', main).focus();
    document.documentElement.dataset.ready = 'true';
    return;
  }
  window.addEventListener('redline:signed-out', (ev) => {
    if (!state.me) return;
    const drafts = isComplainant(); // only complainants write drafts
    state.me = null;
    renderShell();
    if (ev.detail?.reason === 'SESSION_ENDED') {
      // Ended before its time, most often by a password change on another device (which ends every
      // session): "expired" hid that the account changed, and what to do if it was not them.
      setFlash(html`您的登录已结束：本账号的密码已在其他设备上修改，或已在所有设备上退出，或账号已被停用。请重新登录${drafts ? '，您填写的投诉草稿已保存在本机' : ''}。如果不是您本人操作，请立即<a href="#/forgot">重置密码</a>。`,
        html`You were signed out: the account's password was changed on another device, it was signed out everywhere, or it was disabled. Please sign in again${drafts ? '; your draft is kept on this device' : ''}. If that was not you, <a href="#/forgot">reset your password</a> now.`, 'warn');
    } else {
      setFlash(drafts ? '登录已过期，请重新登录。您填写的投诉草稿已保存在本机。' : '登录已过期，请重新登录。',
        drafts ? 'Your session expired; please sign in again. Your draft is kept on this device.' : 'Your session expired; please sign in again.', 'warn');
    }
    router.go(`/login?next=${encodeURIComponent(router.parse().path)}`);
  });
  window.addEventListener('redline:refreshed', (ev) => { state.me = ev.detail.user || state.me; });
  // A link to the page on screen opens it afresh (the browser fires no hashchange for it): "File a
  // complaint" after filing starts a new complaint instead of doing nothing.
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest && ev.target.closest('a[href^="#/"]');
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    if (a.getAttribute('href') !== location.hash) return;
    ev.preventDefault();
    router.go(location.hash.slice(1));
  });
  echoDates(main);
  setInterval(refreshUnread, 30_000);
  refreshUnread();
  await router.start(onRoute);
  document.documentElement.dataset.ready = 'true';
}

export { AUTH_FIELDS };
boot();
