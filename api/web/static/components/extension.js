// An institution's extension request as a supervisor decides it: the time asked for, the reason,
// the answer's due day now and the one it moves to if approved (Extension.untilDate), and what
// each decision does. The supervision page and the case page's decision form show the same.

import { html } from '../core/dom.js';
import { t, textLang } from '../core/i18n.js';
import { day, when } from '../core/format.js';
import { countdown } from './countdown.js';

export const EXTENSION_FIELDS = 'id days reason status requestedAt untilDate';

// extensionAsk describes the pending request x of a complaint whose answer is due at dueAt.
export function extensionAsk(x, dueAt) {
  return html`<div class="ext-ask" data-ext="${x.id || ''}">
    <p>${t(`申请把答复期限延长至共 ${x.days || '?'} 天`, `Asks for ${x.days || '?'} days in all to answer`)} · ${t('申请于', 'asked')} ${when(x.requestedAt)}</p>
    ${x.reason ? html`<blockquote class="quote" lang="${textLang(x.reason)}">${x.reason}</blockquote>` : ''}
    <dl class="facts ext-dates">
      <dt>${t('当前答复期限', 'Answer due now')}</dt><dd class="ext-now">${dueAt ? countdown(dueAt) : t('未知', 'unknown')}</dd>
      <dt>${t('批准后答复期限', 'Due if approved')}</dt><dd class="ext-until">${x.untilDate ? html`<strong>${day(x.untilDate)}</strong>` : t('无法计算（按申请天数自转交日起算）', 'cannot be counted (the days asked, from the forward)')}</dd>
    </dl>
    <p class="hint small ext-next">${t('批准：答复期限延至上述日期。驳回：须说明理由，答复期限不变。机构和投诉人都会收到通知并看到理由。',
    'Approve: the answer is due on the day above. Refuse: give a reason; the answer stays due when it is now. The institution and the complainant are told, with the reason.')}</p>
  </div>`;
}
