// An institution's extension request as a supervisor decides it: who asked (the lender or the
// collection agency of a complaint forwarded to both), the time asked for, the reason, that
// institution's answer due day now and the one it moves to if approved (Extension.untilDate), and
// what each decision does. The supervision page and the case page's decision form show the same.

import { html } from '../core/dom.js';
import { t, textLang, partyName } from '../core/i18n.js';
import { day, when } from '../core/format.js';
import { countdown } from './countdown.js';

export const EXTENSION_FIELDS = 'id institutionId days reason status requestedAt untilDate';

// toDecide is the request a supervisor decides next, the oldest one pending (the server's
// PendingExtensionID), and the requests of other recipients waiting behind it. The pages took the
// first pending request in the list, whichever recipient's it was (session 31 walk).
export function toDecide(c) {
  const pending = (c.extensions || []).filter((e) => e.status === 'PENDING')
    .sort((a, b) => (Date.parse(a.requestedAt) || 0) - (Date.parse(b.requestedAt) || 0));
  return { x: pending[0] || {}, waiting: pending.slice(1) };
}

// askerOf is the institution that asked for x: the complaint's collection agency when its id is
// the agency's, else the lender (a request from before Extension.institutionId reads as the
// lender's, as the pages read it then).
export function askerOf(c, x) {
  const agency = !!x.institutionId && !!c.agencyId && String(x.institutionId) === String(c.agencyId) && String(c.agencyId) !== String(c.lenderId);
  return agency ? { kind: 'AGENCY', name: partyName(c.agencyName, c.agency) } : { kind: 'LENDER', name: partyName(c.lenderName, c.lender) };
}

// clockOf is the answer clock of the institution that asked for x: each recipient of a complaint
// forwarded to both has its own, and the list showed the complaint's (the lender's) due day for
// the agency's request.
function clockOf(c, x) {
  const mine = (c.deadlines || []).filter((d) => d.kind === 'INSTITUTION_RESPONSE' && (!x.institutionId || !d.institutionId || String(d.institutionId) === String(x.institutionId)));
  return mine.filter((d) => d.state === 'OPEN').pop() || mine.pop() || null;
}

function who(c, x) {
  const a = askerOf(c, x);
  return html`<span class="ext-who" data-asker="${a.kind}">${a.kind === 'AGENCY' ? t('催收机构', 'The collection agency') : t('放贷机构', 'The lender')} <strong lang="${textLang(a.name)}">${a.name}</strong></span>`;
}

// extensionAsk describes the request of complaint c a supervisor decides next.
export function extensionAsk(c) {
  const { x, waiting } = toDecide(c);
  const d = clockOf(c, x);
  const now = d ? countdown(d.dueAt, d) : c.dueAt ? countdown(c.dueAt) : '';
  return html`<div class="ext-ask" data-ext="${x.id || ''}" data-institution="${x.institutionId || ''}">
    <p>${who(c, x)}${t(` 申请把答复期限延长至共 ${x.days || '?'} 天`, ` asks for ${x.days || '?'} days in all to answer`)} · ${t('申请于', 'asked')} ${when(x.requestedAt)}</p>
    ${x.reason ? html`<blockquote class="quote" lang="${textLang(x.reason)}">${x.reason}</blockquote>` : ''}
    <dl class="facts ext-dates">
      <dt>${t('该机构当前答复期限', 'Its answer due now')}</dt><dd class="ext-now">${now || t('未知', 'unknown')}</dd>
      <dt>${t('批准后答复期限', 'Due if approved')}</dt><dd class="ext-until">${x.untilDate ? html`<strong>${day(x.untilDate)}</strong>` : t('无法计算（按申请天数自转交日起算）', 'cannot be counted (the days asked, from the forward)')}</dd>
    </dl>
    <p class="hint small ext-next">${t('批准：该机构的答复期限延至上述日期。驳回：须说明理由，答复期限不变。该机构和投诉人都会收到通知并看到理由。',
    'Approve: that institution\'s answer is due on the day above. Refuse: give a reason; the answer stays due when it is now. That institution and the complainant are told, with the reason.')}</p>
    ${waiting.length ? html`<p class="small ext-waiting">${t(`另有 ${waiting.length} 项延期申请待审批（`, `${waiting.length} more request${waiting.length > 1 ? 's' : ''} wait${waiting.length > 1 ? '' : 's'} behind this one (`)}${waiting.map((w, i) => html`${i ? t('、', ', ') : ''}<span lang="${textLang(askerOf(c, w).name)}">${askerOf(c, w).name}</span>`)}${t('），本项决定后再审批。', '): decide this one first.')}</p>` : ''}
  </div>`;
}
