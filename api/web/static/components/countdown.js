// Deadline badges: the real date and how long is left, coloured by urgency; paused clocks say so.

import { html } from '../core/dom.js';
import { t, L, deadlineKinds, overdueKinds } from '../core/i18n.js';
import { fmtDate, remaining } from '../core/format.js';
import { partyTag, severalAnswer } from './party.js';
import { isComplainant } from '../core/state.js';

// countdown shows a due date and how long is left; late, when given, replaces the overdue wording
// (which clock ran out, in the words of the one reading it), with how many days ago — unless the
// complaint is over (ended): a closed complaint's breach is a record, not a count growing for ever.
export function countdown(dueAt, { paused = false, state = 'OPEN', metAt = null, provisional = false, provisionalYear = null, dueDate = null, timeZone = null } = {}, late = '', ended = false) {
  if (!dueAt && !paused) return ''; // a paused clock may have no due instant (a complaint's dueAt)
  // A clock stopped by the step it awaited: in time (even if a sweep marked it first), or late; the
  // days are the clock's calendar's (timeZone, dueDate).
  if (state === 'MET' || (metAt && Date.parse(metAt) <= Date.parse(dueAt))) return html`<span class="countdown tone-ok" data-met="on-time">${t('已按期完成', 'Met')} · <time datetime="${metAt || dueAt}">${fmtDate(metAt || dueAt, timeZone)}</time></span>`;
  if (metAt) return html`<span class="countdown tone-warn" data-met="late">${t('逾期完成', 'Met late')} · <time datetime="${metAt}">${fmtDate(metAt, timeZone)}</time> <span class="muted">${t('（期限', '(due ')}<time datetime="${dueDate || dueAt}">${fmtDate(dueDate || dueAt, timeZone)}</time>${t('）', ')')}</span></span>`;
  if (state === 'CANCELLED') return html`<span class="countdown tone-muted">${t('已取消', 'Cancelled')}</span>`;
  if (paused) return html`<span class="countdown tone-muted" data-paused="true">${t('计时暂停', 'Clock paused')}</span>`;
  let [left, tone] = state === 'BREACHED' ? [t('已超期', 'Overdue'), 'danger'] : remaining(dueAt);
  if (tone === 'danger' && late) left = `${late}${ended ? '' : lateBy(dueAt)}`;
  // The due day as the clock's own calendar counts it (Deadline.dueDate): a US clock ends at
  // 23:59:59 in New York, the next day in China time.
  return html`<span class="countdown tone-${tone}" data-overdue="${tone === 'danger'}"><time datetime="${dueDate || dueAt}">${fmtDate(dueDate || dueAt, timeZone)}</time> · <strong>${left}</strong></span>${provisional ? provisionalNote(dueAt, provisionalYear) : ''}`;
}

// provisionalNote says that a running clock's date is provisional (Deadline.provisional): it was
// counted into a year whose holidays the calendar in force does not hold yet, as weekends only, and
// will be recounted once they are published. The case pages showed such a date as firm, while the
// admin's calendar page warned of the missing year (session 25 walk). The year named is the one the
// server says the count lacked (Deadline.provisionalYear, on the clock's own calendar: a US clock's
// due day in New York, a clock due in a year after the missing one); without it, the due date's
// year in China time.
export function provisionalNote(dueAt, year = null) {
  const y = year || new Date(Date.parse(dueAt) + 8 * 3_600_000).getUTCFullYear();
  return html` <span class="provisional small tone-warn" data-provisional="${y}">${t(`暂定：日历尚无 ${y} 年的节假日安排，此日期只扣除了周末，节假日公布后可能调整`,
    `Provisional: the calendar has no ${y} public holidays yet, so only weekends were skipped; the date may change once they are published`)}</span>`;
}

// lateBy is how long ago a clock fell due: "（12 天）", " (12 days)".
function lateBy(dueAt) {
  const d = Math.floor((Date.now() - Date.parse(dueAt)) / 86_400_000);
  return d >= 1 ? t(`（${d} 天）`, ` (${d} day${d === 1 ? '' : 's'})`) : '';
}

// timeLeft is how long is left before dueAt, coloured by urgency, for a place that shows the date
// itself.
export function timeLeft(dueAt) {
  const [left, tone] = remaining(dueAt);
  return html`<span class="countdown tone-${tone}" data-overdue="${tone === 'danger'}"><strong>${left}</strong></span>`;
}

// feedbackEnded says whether d is the complainant's feedback window and it ran out unanswered.
export function feedbackEnded(d, now = Date.now()) {
  return d.kind === 'FEEDBACK' && !d.metAt && !d.paused && (d.state === 'BREACHED' || (d.state === 'OPEN' && Date.parse(d.dueAt) < now));
}

// clock shows a clock of a complaint: its countdown, or, for the complainant's own feedback window
// that ran out, a calm "评价期已结束" — nobody breached a legal deadline, so not the danger red of an
// institution's or the regulator's lateness. next, when given, says what happens now.
export function clock(d, next = '', over = false) {
  if (!feedbackEnded(d)) return countdown(d.dueAt, d, L(overdueKinds, d.kind), over);
  return html`${ended(d, t('评价期已结束', 'The feedback period has ended'))}${next ? html` <span class="muted small dl-next">${next}</span>` : ''}`;
}

// staffClock shows the clock a complaint waits on to the regulator's staff (queue, supervision):
// its countdown, red once an institution's or the regulator's own deadline ran out; the
// complainant's feedback window that ran out is no breach but a to-do, "评价期已过 · 待办结".
export function staffClock(d) {
  if (!feedbackEnded(d)) return countdown(d.dueAt, d, L(overdueKinds, d.kind));
  return ended(d, t('评价期已过 · 待办结', 'Feedback period over · ready to close'), 'close');
}

// ended is a clock that ran out with nothing to blame on anyone, in grey: its date and what it means.
function ended(d, words, todo = '') {
  return html`<span class="countdown tone-muted" data-lapsed="true" ${todo ? html`data-todo="${todo}"` : ''}><time datetime="${d.dueDate || d.dueAt}">${fmtDate(d.dueDate || d.dueAt, d.timeZone)}</time> · <strong>${words}</strong></span>`;
}

// feedbackNext says what happens once the complainant's feedback window ended on an answered
// complaint.
export const feedbackNext = () => t('监管人员将办结此投诉', 'Regulator staff will close the complaint');

// deadlineList shows a complaint's clocks; one that ran out says which (受理决定已逾期, 机构逾期未答复),
// never a bare 已超期; the complainant's feedback window that ended reads calmly (clock). status, when
// the complaint still awaits that feedback (RESPONDED), adds what happens next.
//
// Given the complaint c, a complaint two institutions answer names whose each answer clock is.
// FINISHED are the states a complaint ends in: its clocks no longer run.
const FINISHED = new Set(['CLOSED', 'REJECTED', 'REFERRED', 'WITHDRAWN']);

export function deadlineList(deadlines, status = '', c = null, history = null) {
  const open = (deadlines || []).filter((d) => d.state !== 'CANCELLED');
  if (!open.length) return '';
  const named = c && severalAnswer(c);
  const over = FINISHED.has(status || (c && c.status) || '');
  const item = (d) => html`<li data-kind="${d.kind}"${d.institutionId ? html` data-institution="${d.institutionId}"` : ''}><span class="dl-kind">${L(deadlineKinds, d.kind)}${named && d.kind === 'INSTITUTION_RESPONSE' && d.institutionId ? html` · ${partyTag(c, d.institutionId)}` : ''}</span>
    ${clock(d, status === 'RESPONDED' ? feedbackNext() : '', over)}${pauseWhy(d)}${pauses(d)}</li>`;
  // A reopened complaint listed its first round's clocks (met) above its new decision clock under
  // the same names (session 23 walk): the clocks since the reopening come first, the earlier
  // rounds' below, folded and named as such.
  const since = reopenedAt(history || (c && c.history));
  const earlier = since ? open.filter((d) => d.startedAt && Date.parse(d.startedAt) < since) : [];
  if (!earlier.length) return html`<ul class="deadlines">${open.map(item)}</ul>`;
  const now = open.filter((d) => !earlier.includes(d));
  return html`${now.length ? html`<p class="dl-round small" data-round="current">${t('重新处理后的期限', 'Deadlines since the reopening')}</p><ul class="deadlines" data-round="current">${now.map(item)}</ul>` : ''}
    <details class="dl-earlier" data-round="earlier"><summary>${t(`重新处理前的期限（${earlier.length} 项，已结束）`, `Deadlines before the reopening (${earlier.length}, over)`)}</summary><ul class="deadlines">${earlier.map(item)}</ul></details>`;
}

// reopenedAt is when a complaint was last reopened (its history's last REOPENED), 0 if never.
export function reopenedAt(history) {
  let at = 0;
  for (const e of history || []) if (e.action === 'REOPENED' && Date.parse(e.at) > at) at = Date.parse(e.at);
  return at;
}

// pauseWhy says why a clock is stopped (its pauseReason, when the query asked for it): a bare
// "计时暂停" left a complainant asked for information guessing that the wait was theirs to end.
function pauseWhy(d) {
  if (!d.paused) return '';
  if (d.pauseReason === 'OUTSIDE_APPRAISAL') return html`<span class="muted small" data-pause-reason="OUTSIDE_APPRAISAL">${t('机构等待外部鉴定，此期间不计入答复期限', 'The institution awaits an outside appraisal; that time does not count')}</span>`;
  if (d.pauseReason === 'WAITING_FOR_COMPLAINANT') {
    return html`<span class="muted small" data-pause-reason="WAITING_FOR_COMPLAINANT">${isComplainant()
      ? t('等待您回答审核人员的问题；您回答后继续计时', 'Waiting for your answer to the reviewer\'s question; the clock runs again once you answer')
      : t('等待投诉人补充信息；投诉人回答后继续计时', 'Waiting for the complainant\'s information; the clock runs again once they answer')}</span>`;
  }
  return '';
}

// pauses says since when a clock is stopped and how many days earlier pauses added; only for the
// fields a query asked for (pausedSince, pausedDays).
function pauses(d) {
  const parts = [];
  if (d.paused && d.pausedSince) parts.push(html`${t('暂停自', 'paused since')} <time datetime="${d.pausedSince}">${fmtDate(d.pausedSince)}</time>`);
  if (d.pausedDays) parts.push(t(`此前暂停已顺延 ${d.pausedDays} 天`, `earlier pauses added ${d.pausedDays} day${d.pausedDays === 1 ? '' : 's'}`));
  return parts.length ? html`<span class="muted small dl-pauses" data-paused-days="${d.pausedDays || 0}">${parts.map((x, i) => html`${i ? ' · ' : ''}${x}`)}</span>` : '';
}

// NEXT_STEP says what comes after a disputed, investigated or escalated complaint and who takes
// it, in the words of the one reading: no clock runs at these steps (DOMAIN.md and the deadline
// policies set none), and the pages gave no date and no next step at all (session 34 walk). The
// line says since when the complaint has stood at the step and that no time limit applies, rather
// than a date no law gives.
const NEXT_STEP = {
  DISPUTED: {
    complainant: ['下一步：监管人员审查您的异议，决定立案调查、升级处理或办结，结果会通知您', 'Next: regulator staff review your dispute and decide whether to investigate, escalate or close it; you will be told'],
    staff: ['下一步：启动调查、升级处理或办结', 'Next: investigate, escalate or close it'],
    institution: ['下一步：监管部门决定调查、升级处理或办结', 'Next: the regulator decides whether to investigate, escalate or close it'],
  },
  IN_INVESTIGATION: {
    complainant: ['下一步：监管人员调查后办结或升级处理，结果会通知您', 'Next: regulator staff investigate, then close or escalate it; you will be told'],
    staff: ['下一步：调查后办结或升级处理', 'Next: close or escalate it once investigated'],
    institution: ['下一步：监管部门调查后办结或升级处理', 'Next: the regulator investigates, then closes or escalates it'],
  },
  ESCALATED: {
    complainant: ['下一步：上级监管人员决定办结或移送其他机关，结果会通知您', 'Next: senior regulator staff close it or refer it to another body; you will be told'],
    staff: ['下一步：办结，或移送其他机关', 'Next: close it, or refer it to another body'],
    institution: ['下一步：上级监管人员决定办结或移送其他机关', 'Next: senior regulator staff close it or refer it to another body'],
  },
};

// nextStep is that line for complaint c (its status and history) read by who ('complainant',
// 'staff' or 'institution'); '' at any other step.
export function nextStep(c, who) {
  const words = NEXT_STEP[c.status];
  if (!words) return '';
  const since = (c.history || []).filter((e) => e.toStatus === c.status).pop();
  const days = since ? Math.max(0, Math.floor((Date.now() - Date.parse(since.at)) / 86_400_000)) : null;
  const at = since ? html`<time datetime="${since.at}">${fmtDate(since.at)}</time>` : '';
  const stood = since ? (days === 0 ? t('（今天）', ' (today)') : t(`（${days} 天前）`, ` (${days} day${days === 1 ? '' : 's'} ago)`)) : '';
  const label = { DISPUTED: ['提出异议', 'Disputed'], IN_INVESTIGATION: ['启动调查', 'Investigation opened'], ESCALATED: ['升级处理', 'Escalated'] }[c.status];
  return html`<p class="next-step" id="next-step" data-status="${c.status}"${since ? html` data-since="${since.at}"` : ''}>
    <strong>${L(words, who)}${t('。', '.')}</strong>${since ? html` ${t(`${label[0]}于 `, `${label[1]} on `)}${at}${stood}${t('。', '.')}` : ''}
    <span class="muted" data-no-deadline>${t('本平台依据的法规和期限政策未对这一步设定期限，因此没有到期日。', 'The law and the deadline policies this platform follows set no time limit for this step, so there is no due date.')}</span></p>`;
}
