// The notification centre: newest first, unread marked; opening the page marks what is shown as
// read. Preferences: e-mail or SMS besides the in-app centre.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { state } from '../core/state.js';
import { when } from '../core/format.js';
import { field, describedBy, submitting, liveClear } from '../components/field.js';
import { toast } from '../components/announcer.js';
import { refreshUnread } from '../app.js';

const LIST = `{ notifications(first: 50) { totalCount edges { node { id kind titleZh titleEn bodyZh bodyEn complaintReference createdAt readAt } } }
  notificationPreferences { email sms mobile } }`;

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
        ${field('mobile', t('接收短信的手机号', 'Mobile for SMS'), html`<input id="f-mobile" name="mobile" type="tel" inputmode="tel" autocomplete="tel" value="${prefs.mobile || ''}" aria-describedby="${describedBy('mobile', false)}">`, { optional: true })}
        <button class="btn primary" type="submit">${t('保存', 'Save')}</button>
      </form>
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
  const form = $('#prefs');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const v = { e: form.email.checked, s: form.sms.checked, m: form.mobile.value.trim() || null };
      const r = (await gql('mutation($e: Boolean!, $s: Boolean!, $m: String) { setNotificationPreferences(email: $e, sms: $s, mobile: $m) { email sms mobile } }', v)).setNotificationPreferences;
      form.email.checked = r.email; form.sms.checked = r.sms; form.mobile.value = r.mobile || '';
      toast(t('通知方式已保存', 'Preferences saved'));
    });
  });
}
