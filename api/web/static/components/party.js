// Which institution a clock or an answer belongs to. A complaint forwarded to both its lender and
// its collection agency has an answer clock and an answer of each: without their names the
// complainant read two "机构答复期限" rows and two answers and could not tell whose was whose.

import { html } from '../core/dom.js';
import { t, partyName, textLang, instName } from '../core/i18n.js';

// answerer names the institution id stands for: the complaint's lender or agency, as the complaint
// names it (an institution's number said nothing to the reader).
export function answerer(c, id) {
  if (id && String(id) === String(c.lenderId)) return partyName(c.lenderName, c.lender);
  if (id && String(id) === String(c.agencyId)) return partyName(c.agencyName, c.agency);
  return t(`机构 ${id}`, `institution ${id}`);
}

// partyTag is answerer's name marked with its language, for a clock's or an answer's label.
export function partyTag(c, id) {
  const name = answerer(c, id);
  return html`<span class="answered-by" lang="${textLang(name)}">${name}</span>`;
}

// severalAnswer says whether more than one institution answers the complaint: only then are its
// clocks and answers labelled with whose they are.
export function severalAnswer(c) {
  const ids = new Set([...(c.recipientIds || []), ...(c.responses || []).map((r) => r.institutionId),
    ...(c.deadlines || []).filter((d) => d.kind === 'INSTITUTION_RESPONSE' && d.institutionId).map((d) => d.institutionId)].map(String));
  return ids.size > 1;
}

// earlierRound says whether answer r was given before the complaint's current forwarding: a
// complaint disputed, closed, reopened and forwarded again listed the first round's answer and the
// new one side by side, both "机构答复" with a date, and the complainant asked to judge "the answer
// below" could not tell which was asked of them, nor the institution answering again that its
// first answer did not count for this round (session 31 walk).
export function earlierRound(c, r) {
  return !!c.forwardedAt && !!r.at && Date.parse(r.at) < Date.parse(c.forwardedAt);
}

// answeredBefore says whether the complaint holds answers of an earlier forwarding.
export function answeredBefore(c) {
  return (c.responses || []).some((r) => earlierRound(c, r));
}

// roundTag labels an answer of a complaint answered in more than one round.
export function roundTag(c, r) {
  if (!answeredBefore(c)) return '';
  return earlierRound(c, r)
    ? html`<span class="badge small round-tag" data-round="earlier">${t('重新处理前的答复', 'Before the reopening')}</span> `
    : html`<span class="badge small tone-info round-tag" data-round="current">${t('本轮答复', 'This round')}</span> `;
}

// registeredAs is an institution as the complainant typed it and, when it differs, as it is
// registered; picked by its id with no name typed, as registered. The staff case page read
// 招商银行信用卡中心 (招商银行信用卡中心), the same name twice (session 32 walk32; the complainant's
// page since session 31).
export function registeredAs(typed, inst, attr) {
  if (!typed) return inst ? html`<span lang="${textLang(instName(inst))}">${instName(inst)}</span>` : '';
  return html`<span lang="${textLang(typed)}">${typed}</span>${inst && instName(inst) !== typed ? html` <span class="muted" ${attr}>(${instName(inst)})</span>` : ''}`;
}

// debtorLine is the borrower as filed (name · mobile · ID number), the name marked with its
// language: 王芳 on the English page was read out in an English voice (session 32 walk32).
export function debtorLine(d) {
  const rest = [d.mobile, d.idNumber].filter(Boolean).join(' · ');
  return html`${d.name ? html`<span lang="${textLang(d.name)}">${d.name}</span>` : ''}${d.name && rest ? ' · ' : ''}${rest}`;
}
