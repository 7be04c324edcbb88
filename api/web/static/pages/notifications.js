// The notification centre: newest first, unread marked; opening the page marks what is shown as
// read. Preferences: e-mail or SMS besides the in-app centre. An SMS number is confirmed with a
// code texted to it before any SMS goes to it (session 15): its state, the code's own form and a
// resend button that counts down to when another code may be asked for.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { state } from '../core/state.js';
import { when } from '../core/format.js';
import { field, describedBy, submitting, liveClear, clearErrors, showErrors } from '../components/field.js';
import { toast } from '../components/announcer.js';
import { refreshUnread } from '../app.js';

const PREFS = 'email sms mobile mobileStatus codeExpiresAt codeAttemptsLeft resendAvailableAt';
const LIST = `{ notifications(first: 50) { totalCount edges { node { id kind titleZh titleEn bodyZh bodyEn complaintReference createdAt readAt } } }
  notificationPreferences { ${PREFS} } }`;

// mobileStatusText says where the number stands and what it means for SMS.
function mobileStatusText(p) {
  switch (p.mobileStatus) {
    case 'CONFIRMED': return [t('已验证', 'Confirmed'), 'tone-ok', t('短信通知会发送到该号码。', 'SMS notifications go to this number.')];
    case 'AWAITING_CODE': return [t('待验证', 'Awaiting code'), 'tone-warn',
      // html, not a plain template: the time element is markup, not text to escape.
      t(html`验证码已发送到该号码，${when(p.codeExpiresAt)}前有效。输入验证码后，短信通知才会发送到该号码。`,
        html`A code was texted to this number; it works until ${when(p.codeExpiresAt)}. SMS notifications go to the number only once you enter the code.`)];
    case 'UNCONFIRMED': return [t('未验证', 'Not confirmed'), 'tone-warn',
      t('该号码尚未验证，短信通知不会发送到该号码。请获取验证码并输入。', 'This number is not confirmed, so no SMS notifications go to it. Ask for a code and enter it.')];
    default: return null;
  }
}

// secondsUntil is how many whole seconds are left until an instant; 0 when it passed or is null.
function secondsUntil(at) {
  return at ? Math.max(0, Math.ceil((Date.parse(at) - Date.now()) / 1000)) : 0;
}

export async function notifications({ main, alive, flash }) {
  const d = await gql(LIST);
  if (!alive()) return;
  const items = d.notifications.edges.map((e) => e.node);
  const unread = items.filter((n) => !n.readAt);
  // The server may leave the total uncounted (null): then only the unread count is said.
  const total = d.notifications.totalCount;
  const countLine = (n) => total == null ? t(`${n} 条未读`, `${n} unread`) : t(`${n} 条未读，共 ${total} 条`, `${n} unread of ${total}`);
  const prefs = d.notificationPreferences; // as stored on the server, never a copy on the device
  try { localStorage.removeItem(`redline.prefs.${state.me.id}`); } catch { /* an older portal kept one here */ }
  mount(main, html`<section class="page" aria-labelledby="n-title">
    ${flash()}
    <h1 id="n-title" tabindex="-1">${t('通知', 'Notifications')}</h1>
    <p class="count" id="n-count">${countLine(unread.length)}</p>
    ${items.length ? html`<ul class="notifs" id="notif-list">${items.map((n) => html`<li class="notif${n.readAt ? '' : ' unread'}" data-id="${n.id}" data-kind="${n.kind}">
      <p><strong>${t(n.titleZh, n.titleEn)}</strong>${n.readAt ? '' : html` <span class="badge small tone-new">${t('未读', 'unread')}</span>`}</p>
      <p>${t(n.bodyZh, n.bodyEn)}</p>
      <p class="small muted">${when(n.createdAt)}${n.complaintReference ? html` · <a href="#/c/${encodeURIComponent(n.complaintReference)}">${n.complaintReference}</a>` : ''}</p>
    </li>`)}</ul>` : html`<p class="empty card">${t('暂无通知。投诉或案件有新进展时（受理、补充材料、转交、答复、期限），会在这里告诉您。', 'No notifications yet. When something happens to a complaint or case (accepted, a question, forwarded, answered, a deadline), it shows here.')}</p>`}
    ${unread.length ? html`<p><button type="button" class="btn" id="mark-read">${t('全部标为已读', 'Mark all as read')}</button></p>` : ''}
    <section class="card" aria-labelledby="pref-title">
      <h2 id="pref-title">${t('通知方式', 'How we tell you')}</h2>
      <p class="hint">${t('站内通知始终开启。可另选电子邮件或短信。', 'In-app notifications are always on. You may add e-mail or SMS.')}</p>
      <form id="prefs" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        <div class="field" data-field="email"><label class="check"><input type="checkbox" name="email" id="f-email" ${prefs.email ? 'checked' : ''}> <span>${t('电子邮件', 'E-mail')}</span></label><p class="field-error" id="err-email" hidden></p></div>
        <div class="field" data-field="sms"><label class="check"><input type="checkbox" name="sms" id="f-sms" ${prefs.sms ? 'checked' : ''}> <span>${t('短信', 'SMS')}</span></label><p class="field-error" id="err-sms" hidden></p></div>
        ${field('mobile', t('接收短信的手机号', 'Mobile for SMS'), html`<input id="f-mobile" name="mobile" type="tel" inputmode="tel" autocomplete="tel" value="${prefs.mobile || ''}" aria-describedby="${describedBy('mobile')}">`,
          { optional: true, hint: t('新号码或更改后的号码须先用短信验证码验证，之后才会收到短信通知。', 'A new or changed number gets a code by SMS; SMS notifications go to it only once you enter the code.') })}
        <button class="btn primary" type="submit">${t('保存', 'Save')}</button>
      </form>
      <div id="mobile-box"></div>
    </section>
  </section>`);
  $('#mark-read')?.addEventListener('click', async () => {
    await gql('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: unread.map((n) => n.id) });
    await refreshUnread();
    toast(t('已全部标为已读', 'All marked as read'));
    unread.forEach((n) => { const li = main.querySelector(`[data-id="${n.id}"]`); if (li) { li.classList.remove('unread'); li.querySelector('.badge')?.remove(); } });
    $('#n-count').textContent = countLine(0);
    $('#mark-read').remove();
  });
  let timer = null;
  // showMobile draws the number's state and, until it is confirmed, the code's form and the resend
  // button with its countdown.
  const showMobile = (p) => {
    clearInterval(timer);
    const box = $('#mobile-box');
    if (!box) return;
    const st = mobileStatusText(p);
    if (!st) { mount(box, ''); return; }
    const [label, tone, text] = st;
    const open = p.mobileStatus !== 'CONFIRMED';
    mount(box, html`<div class="mobile-state" id="mobile-state" tabindex="-1" data-status="${p.mobileStatus}">
      <p class="status-line"><span class="badge ${tone}">${label}</span> <span class="mobile-number">${p.mobile}</span></p>
      <p class="hint" id="mobile-state-text">${text}</p>
      ${open ? html`<form id="mobile-confirm" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('code', t('短信验证码', 'Code from the SMS'), html`<input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" aria-describedby="${describedBy('code')}">`,
          { hint: p.mobileStatus === 'AWAITING_CODE' && p.codeAttemptsLeft ? t(`6位数字，还可尝试${p.codeAttemptsLeft}次。`, `6 digits; ${p.codeAttemptsLeft} tries left.`) : t('6位数字。', '6 digits.') })}
        <div class="code-actions">
          <button class="btn primary" type="submit">${t('确认号码', 'Confirm number')}</button>
          <button class="btn" type="button" id="resend-code" aria-describedby="resend-wait"></button>
          <span class="small muted" id="resend-wait" aria-live="off"></span>
        </div>
      </form>` : ''}
    </div>`);
    if (!open) return;
    const cf = $('#mobile-confirm');
    liveClear(cf);
    const btn = $('#resend-code');
    const first = p.mobileStatus === 'UNCONFIRMED' && !p.resendAvailableAt;
    const tick = () => {
      if (!alive() || !btn.isConnected) { clearInterval(timer); return; }
      const s = secondsUntil(p.resendAvailableAt);
      btn.disabled = s > 0;
      btn.textContent = s > 0 ? t(`重新发送（${s}秒）`, `Resend (${s} s)`) : first ? t('获取验证码', 'Send a code') : t('重新发送验证码', 'Resend the code');
      $('#resend-wait').textContent = s > 0 ? t('稍后可重新发送验证码。', 'You can ask for another code shortly.') : '';
      if (s === 0) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
    btn.addEventListener('click', async () => {
      if (btn.disabled) return;
      btn.disabled = true;
      clearErrors(cf);
      try {
        const r = (await gql(`mutation { sendMobileConfirmationCode { ${PREFS} } }`)).sendMobileConfirmationCode;
        showMobile(r);
        toast(t('验证码已发送', 'Code sent'));
        $('#f-code')?.focus();
      } catch (err) {
        const errs = err && err.errors ? err.errors : [{ message: String(err), extensions: { code: 'INTERNAL' } }];
        showErrors(cf, errs).focus();
        tick();
      }
    });
    cf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      submitting(cf, async () => {
        let r;
        try {
          r = (await gql(`mutation($c: String!) { confirmMobile(code: $c) { ${PREFS} } }`, { c: cf.code.value.trim() })).confirmMobile;
        } catch (err) {
          // A code that can no longer be used leaves the number without one: say so above the form.
          const why = err && err.errors ? (err.errors[0].extensions || {}).reason : '';
          if (['TOO_MANY_ATTEMPTS', 'EXPIRED', 'NO_CODE'].includes(why)) {
            const [label, , text] = mobileStatusText({ mobileStatus: 'UNCONFIRMED' });
            $('#mobile-state').dataset.status = 'UNCONFIRMED';
            $('#mobile-state .badge').textContent = label;
            $('#mobile-state-text').textContent = text;
          }
          // The hint counted the tries before this one; the error says how many are left now.
          if (why === 'WRONG_CODE' && $('#hint-code')) $('#hint-code').textContent = t('6位数字。', '6 digits.');
          throw err;
        }
        showMobile(r);
        toast(t('手机号已验证', 'Number confirmed'));
        $('#mobile-state')?.focus();
      }, t('正在验证…', 'Checking…'));
    });
  };
  showMobile(prefs);

  const form = $('#prefs');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const v = { e: form.email.checked, s: form.sms.checked, m: form.mobile.value.trim() || null };
      const r = (await gql(`mutation($e: Boolean!, $s: Boolean!, $m: String) { setNotificationPreferences(email: $e, sms: $s, mobile: $m) { ${PREFS} } }`, v)).setNotificationPreferences;
      form.email.checked = r.email; form.sms.checked = r.sms; form.mobile.value = r.mobile || '';
      showMobile(r);
      toast(r.mobileStatus === 'AWAITING_CODE' && r.mobile !== prefs.mobile
        ? t('通知方式已保存，验证码已发送到新号码', 'Preferences saved; a code was texted to the new number')
        : t('通知方式已保存', 'Preferences saved'));
      prefs.mobile = r.mobile;
    });
  });
}
