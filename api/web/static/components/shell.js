// The header's controls: the language switch and the notification bell.

import { html } from '../core/dom.js';
import { t, lang } from '../core/i18n.js';

export function langSwitch() {
  const other = lang() === 'en' ? ['zh', '中文', 'zh-CN'] : ['en', 'English', 'en'];
  return html`<button type="button" class="lang-switch" id="lang-switch" data-lang="${other[0]}" lang="${other[2]}" aria-label="${t('切换到英文 Switch to English', '切换到中文 Switch to Chinese')}">${other[1]}</button>`;
}

export function bell(count) {
  return html`<a href="#/notifications" class="bell" id="bell" aria-label="${t(`通知，${count} 条未读`, `Notifications, ${count} unread`)}">
    <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 1 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/></svg>
    ${count ? html`<span class="bell-count" id="bell-count">${count > 99 ? '99+' : count}</span>` : ''}</a>`;
}
