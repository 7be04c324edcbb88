// Complaint list items and status badges.

import { gql } from '../core/api.js';
import { html } from '../core/dom.js';
import { later } from '../core/router.js';
import { t, L, partyName, statuses, products, deadlineKinds } from '../core/i18n.js';
import { vlabel } from '../core/state.js';
import { when, zoneOf } from '../core/format.js';
import { countdown, clock, feedbackEnded, feedbackNext } from './countdown.js';

// INBOX_VIEWS are the institution's inbox views: the statuses each lists, its name in both languages.
export const INBOX_VIEWS = {
  todo: [['FORWARDED'], '待答复', 'To answer'],
  answered: [['RESPONDED', 'ACCEPTED', 'DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'], '已答复', 'Answered'],
  closed: [['CLOSED', 'WITHDRAWN', 'REJECTED', 'REFERRED'], '已办结', 'Closed'],
  // A complaint reopened after it was forwarded stays the institution's to read, back with the
  // regulator (in triage, or awaiting the complainant's information): it was in no view, so it
  // vanished from the inbox when the complainant reopened it (session 21 walk).
  reopened: [['IN_TRIAGE', 'NEEDS_INFORMATION'], '重新处理中', 'Reopened'],
};

// inboxBack is where an institution's case page links back to: the inbox view that lists the
// complaint, by name. A closed complaint's page read "← 待答复投诉" / "Inbox", the list of those
// still to answer (session 25 walk), and led to a view without it.
export function inboxBack(status) {
  const [view, [, zh, en]] = Object.entries(INBOX_VIEWS).find(([, [st]]) => st.includes(status)) || ['todo', INBOX_VIEWS.todo];
  const names = { todo: ['待答复投诉', 'Complaints to answer'], answered: ['已答复投诉', 'Answered complaints'], closed: ['已办结投诉', 'Closed complaints'], reopened: ['重新处理中的投诉', 'Reopened complaints'] };
  const [nz, ne] = names[view] || [zh, en];
  return [`#/inbox?view=${view}`, t(nz, ne)];
}

// untilChanged looks again every 2 s at a complaint not yet routed (SUBMITTED: the worker routes it,
// usually within a second) and calls redraw once its version moved, while the page drawn of it
// (page, inside main) is still on screen. The page used to be drawn again every 2 s whatever
// happened: that closed a form the person had opened (withdraw, a note) and dropped what they had
// typed, for as long as routing lagged (a queue with a backlog; the loaded CI machine, where the
// withdraw test's click fell on a form drawn closed again).
export function untilChanged(page, c, redraw) {
  const look = async () => {
    if (!page.isConnected) return;
    try {
      const d = await gql('query($id: ID!) { complaint(id: $id) { version } }', { id: c.id });
      if (!page.isConnected) return;
      if (!d.complaint || d.complaint.version !== c.version) return redraw();
    } catch { /* looked at again in 2 s */ }
    later(look, 2000);
  };
  later(look, 2000);
}

export function statusBadge(code, cls = 'badge') {
  const tone = (statuses[code] || [])[2] || 'muted';
  return html`<span class="${cls} tone-${tone}" data-status="${code}">${L(statuses, code)}</span>`;
}

// untimelyBadge marks a complaint whose institution let its answer's deadline pass: answered late,
// or still not answered.
export function untimelyBadge(c) {
  if (!c.untimely) return '';
  return html` <span class="badge tone-danger" id="untimely">${c.respondedAt ? t('机构逾期答复', 'Answered late') : t('机构逾期未答复', 'Not answered in time')}</span>`;
}

// feedbackLapsed says whether the complainant's window to accept or dispute the answer has closed
// (the server refuses feedback after it): its clock breached, or past due before the sweep saw it.
export function feedbackLapsed(c, now = Date.now()) {
  const fb = (c.deadlines || []).filter((x) => x.kind === 'FEEDBACK').pop();
  return !!fb && (fb.state === 'BREACHED' || (fb.state === 'OPEN' && Date.parse(fb.dueAt) < now));
}

// runningClock is the clock a complaint is waiting on: the latest one still running, else the
// latest one overdue and still awaited (a step taken late stopped its clock).
export function runningClock(c) {
  const ds = c.deadlines || [];
  return ds.filter((x) => x.state === 'OPEN').pop() || ds.filter((x) => x.state === 'BREACHED' && !x.metAt).pop() || null;
}

// currentFeedback is the complainant's judgement of the answer the complaint now holds: a complaint
// reopened and answered again kept the first round's "accepted", which hid the form to judge the new
// answer (session 23 walk; the server takes a new judgement).
export function currentFeedback(c) {
  const f = c.feedback;
  return f && !(f.at && c.respondedAt && Date.parse(f.at) < Date.parse(c.respondedAt)) ? f : null;
}

// needsAction says what the complainant must do about a complaint, if anything.
export function needsAction(c) {
  if (c.status === 'NEEDS_INFORMATION') return t('请补充材料', 'Answer the question');
  if (c.status === 'RESPONDED' && !currentFeedback(c) && !feedbackLapsed(c)) return t('请评价机构答复', 'Judge the answer');
  return '';
}

// caseItem is one complaint of a list: for the complainant (mine) with what they must do, for an
// institution (due) with the violations the regulator confirmed (what it answers for) and the
// answer's due date while it is to answer, then the day it answered.
// WITH_REGULATOR are the steps where the regulator decides with no clock running: a complainant's
// list gave such a complaint its filing time and nothing more (session 35 walk).
const WITH_REGULATOR = ['DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'];

export function caseItem(c, { due = false, mine = false } = {}) {
  const act = mine ? needsAction(c) : '';
  // The complainant sees the date their complaint waits for: the feedback window's end when it is
  // theirs to act, else the regulator's or the institution's clock.
  const by = mine && runningClock(c);
  // One overdue mark an item: the badge only when no countdown on the item already says overdue.
  const now = Date.now();
  // The institution's answer clock stopped for an outside appraisal (the inbox asks for its clocks):
  // the complaint then has no due instant; the row says the clock is paused.
  const answerPaused = due && c.status === 'FORWARDED' && (c.deadlines || []).some((x) => x.kind === 'INSTITUTION_RESPONSE' && x.state === 'OPEN' && x.paused);
  // The answer's due day as its calendar counts it (Deadline.dueDate) and the complaint's moments in
  // that calendar's zone: a US complaint's day read as the next one in China time (session 27).
  const zone = zoneOf(c);
  const answerClock = due && (c.deadlines || []).find((x) => x.kind === 'INSTITUTION_RESPONSE' && x.dueAt === c.dueAt);
  const dueShown = due && c.status === 'FORWARDED' && (c.dueAt || answerPaused);
  // An extension the institution asked for that awaits a supervisor (the inbox asks for them).
  const waiting = dueShown && (c.extensions || []).some((e) => e.status === 'PENDING');
  // The complainant's own feedback window that ended says nothing of anyone's lateness (clock).
  const saysLate = (dueShown && !answerPaused && Date.parse(c.dueAt) < now)
    || (by && !feedbackEnded(by) && (by.state === 'BREACHED' || (by.state === 'OPEN' && !by.paused && Date.parse(by.dueAt) < now)));
  return html`<li><a class="case${act ? ' action' : ''}" href="#/c/${encodeURIComponent(c.reference || c.id)}" data-ref="${c.reference}">
    <span class="case-top"><span class="ref">${c.reference}</span>${statusBadge(c.status)}${act ? html`<span class="badge tone-danger" data-action-needed="true">${act}</span>` : ''}</span>
    <span class="case-main">${partyName(c.lenderName, c.lender)}${c.product ? html`<span class="sep" aria-hidden="true">·</span><span class="muted">${L(products, c.product)}</span>` : ''}</span>
    ${due && (c.confirmedViolations || []).length ? html`<span class="tags" data-violations="${c.confirmedViolations.join(' ')}"><span class="visually-hidden">${t('监管确认的违规：', 'Violations the regulator confirmed: ')}</span>${c.confirmedViolations.map((v) => html`<span class="tag">${vlabel(v)}</span>`)}</span>` : ''}
    <span class="case-meta muted">${t('提交于', 'Filed')} ${when(c.createdAt, zone)}${dueShown ? html` · ${t('答复期限', 'Answer due')} ${countdown(c.dueAt, { paused: answerPaused, dueDate: answerClock && answerClock.dueDate, timeZone: zone })}` : ''}${waiting ? html` <span class="badge tone-warn small" data-extension="pending">${t('延期待审批', 'Extension awaits approval')}</span>` : ''}${due && c.respondedAt && !(c.forwardedAt && Date.parse(c.respondedAt) < Date.parse(c.forwardedAt)) ? html` · ${t('答复于', 'Answered')} ${when(c.respondedAt, zone)}` : ''}${by ? html` · <span class="case-clock" data-kind="${by.kind}">${L(deadlineKinds, by.kind)} ${clock(by, c.status === 'RESPONDED' ? feedbackNext() : '')}</span>` : ''}${c.untimely && !saysLate ? html` <span class="badge tone-danger small">${t('已超期', 'Overdue')}</span>` : ''}${mine && !by && WITH_REGULATOR.includes(c.status) ? html` · <span class="case-next" data-status="${c.status}">${t('监管部门处理中，这一步没有处理期限', 'With the regulator; no time limit at this step')}</span>` : ''}</span>
  </a></li>`;
}

// dangerNow tells a complainant who reports threats of violence to call the police now, not to wait
// for the review: the wizard said so, but the page after filing and the complaint's own page, the
// ones a frightened borrower reads while waiting days for a decision, did not (session 29 walk).
export function dangerNow(...lists) {
  if (!lists.some((l) => (l || []).includes('THREAT'))) return '';
  return html`<aside class="safety" id="danger-now" aria-label="${t('安全提示', 'Safety')}"><p><strong>${t('您反映了暴力威胁。如您或家人正面临危险，请立即拨打 110 报警，不必等待投诉的处理结果。',
    'You report threats of violence. If you or your family are in danger, call the police on 110 now: do not wait for the complaint to be dealt with.')}</strong></p>
    <p>${t('请保留短信截图、通话录音和上门照片，报警时可以出示，也可以在本页补充。', 'Keep the screenshots, call recordings and photos of visits: show them to the police, and add them here.')}</p></aside>`;
}
