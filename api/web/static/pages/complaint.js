// A complaint, as the signed-in person may see it: the complainant (what to do next, the question,
// the answer with accept or dispute, more evidence, withdraw), the institution it was forwarded to
// (the facts it may see, evidence, a structured answer, extension, appraisal) and regulator staff
// (read-only here; their workbench is part 2).

import { gql } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, lang, priorities, statusHelp, relations, products, channels, outcomes, responseCategories, extensionStatuses, textLang, overdueKinds, rejectionGrounds, referralBodies } from '../core/i18n.js';
import { state, isStaff, isInstitution, isComplainant, loadProvinces, loadViolationTypes, loadTeams, vlabel, provinceName, teamName, setFlash } from '../core/state.js';
import { when, day, money, fmtDate, remaining } from '../core/format.js';
import { field, describedBy, group, options, submitting, liveClear, invalid, showErrors } from '../components/field.js';
import { deadlineList, countdown, reopenedAt, nextStep } from '../components/countdown.js';
import { partyTag, severalAnswer, roundTag, earlierRound, answeredBefore, registeredAs, debtorLine } from '../components/party.js';
import { timeline, statusSteps } from '../components/timeline.js';
import { statusBadge, feedbackLapsed, untimelyBadge, untilChanged, currentFeedback, inboxBack, dangerNow } from '../components/cases.js';
import { uploaderHTML, attachUploader, messagesHTML, attachMessages, messagesInput, messagesErrors, evidenceList, attachDownloads, analysed, EVIDENCE_QUERY } from '../components/evidence.js';
import { toast } from '../components/announcer.js';
import { reliefList } from '../components/relief.js';
import { CONFIRMED_FIELDS, confirmedList, confirmedNarrative } from '../components/confirmed.js';

const OPEN = ['SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED', 'DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'];

const RELIEF = 'feeWaiverAmount collectionStopped creditRecordCorrected apology collectorDisciplined agencyContractEnded repaymentPlan { instalments instalmentAmount firstDueOn deferredUntil penaltyInterestWaived }';

function detailQuery() {
  const staff = isStaff() ? 'priority team' : '';
  // The complainant reads where a complaint not taken up went, and on what ground (session 22 walk).
  const decided = isComplainant() ? 'rejectionReason referredTo merged mergedInto' : '';
  return `query($id: ID!) { complaint(id: $id) {
    id reference status version relation product province lenderName agencyName lenderId agencyId narrative ${staff} ${decided}
    amountOwed daysOverdue contractNumber debtor { name mobile idNumber masked } identityDisclosure
    incidents { occurredAt dateOnly channel from count description }
    claimedViolations confirmedViolations ${CONFIRMED_FIELDS} outcomesWanted consentToShareIdentity consentToPublish
    createdAt updatedAt dueAt untimely forwardedAt respondedAt closedAt ${isComplainant() ? 'reopenableUntil' : ''} recipientIds informationRequest availableActions
    lender { name nameEn kind } agency { name nameEn kind }
    deadlines { kind institutionId state startedAt dueAt dueDate timeZone paused pauseReason metAt provisional provisionalYear }
    responses { id institutionId category explanation at relief { ${RELIEF} } }
    feedback { decision satisfaction comment at }
    extensions { id days status reason decisionReason requestedAt decidedAt }
    ${isInstitution() ? 'nextExtension { days needsApproval untilDate } extensionUnavailable { reason days }' : ''}
    history { id action fromStatus toStatus actorRole reason at details } } }`;
}


export async function complaint(ctx, refresh = false) {
  const { main, m, alive, flash } = ctx;
  const id = decodeURIComponent(m[1]);
  const [d] = await Promise.all([gql(detailQuery(), { id }), loadProvinces(), loadViolationTypes(), loadTeams()]);
  if (!alive()) return;
  const c = d.complaint;
  if (!c) throw { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] };
  let evidence = null;
  try { evidence = (await gql(EVIDENCE_QUERY, { id: c.id })).complaint.evidence; } catch { /* not shown to this role */ }
  if (!alive()) return;
  const mineC = isComplainant();
  // A complaint merged into another says which, by its reference, when the complainant may read that
  // one (their own); another person's is not named (the history's policy: linking names no complaint;
  // the API gives no mergedInto for it since session 30, merged says it was merged).
  let mergedRef = '';
  if (mineC && c.status === 'CLOSED' && c.mergedInto) {
    try { mergedRef = (await gql('query($id: ID!) { complaint(id: $id) { reference } }', { id: c.mergedInto })).complaint?.reference || ''; } catch { /* another person's */ }
    if (!alive()) return;
  }
  const inst = isInstitution();
  const back = mineC ? ['#/mine', t('我的投诉', 'My complaints')] : inst ? inboxBack(c.status) : ['#/queue', t('投诉队列', 'Queue')];
  let myDeadlines = inst ? (c.deadlines || []).filter((x) => x.kind === 'INSTITUTION_RESPONSE') : c.deadlines;
  // A complaint forwarded without clocks of its own (imported or older data) still has its due date.
  if (!(myDeadlines || []).some((x) => x.kind === 'INSTITUTION_RESPONSE') && c.status === 'FORWARDED' && c.dueAt) {
    myDeadlines = [...(myDeadlines || []), { kind: 'INSTITUTION_RESPONSE', state: 'OPEN', dueAt: c.dueAt }];
  }
  const feedbackDl = (c.deadlines || []).find((x) => x.kind === 'FEEDBACK' && x.state === 'OPEN');

  mount(main, html`<section class="page" id="complaint" data-status="${c.status}" data-version="${c.version}">
    <nav class="crumbs" aria-label="${t('返回', 'Back')}"><a href="${back[0]}">← ${back[1]}</a></nav>
    ${flash()}
    <header class="case-head card">
      <p class="eyebrow">${t('投诉编号', 'Reference')}</p>
      <h1 tabindex="-1"><span class="ref big">${c.reference}</span></h1>
      <p class="status-line">${statusBadge(c.status, 'badge large')}${untimelyBadge(c)}</p>
      ${mineC ? html`<p class="status-help">${complainantHelp(c, mergedRef)}</p>` : ''}
      ${mineC && OPEN.includes(c.status) ? dangerNow(c.claimedViolations, c.confirmedViolations) : ''}
      ${inst && institutionHelp(c) ? html`<p class="status-help" id="institution-help">${institutionHelp(c)}</p>` : ''}
      ${statusSteps(c.status)}
      ${deadlineList(myDeadlines, mineC && feedbackLapsed(c) ? '' : c.status, inst ? null : c, c.history)}
      ${nextStep(c, mineC ? 'complainant' : inst ? 'institution' : 'staff')}
    </header>
    ${mineC ? complainantActions(c, feedbackDl) : ''}
    ${inst ? institutionActions(c) : ''}
    ${(c.responses || []).length ? answers(c) : ''}
    <div class="case-grid">
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">${t('投诉信息', 'Details')}</h2>
        ${facts(c)}
      </section>
      <section class="card" aria-labelledby="ev-title">
        <h2 id="ev-title">${t('证据', 'Evidence')}</h2>
        ${evidence ? evidenceList(evidence) : html`<p class="muted">${t('您无权查看证据。', 'You may not see the evidence.')}</p>`}
        ${mineC && (evidence || []).some((e) => e.message) ? html`<h3>${t('短信中可能违法的说法', 'What may be unlawful in the messages')}</h3><div id="msg-findings" class="analysis-box" aria-live="polite"></div>` : ''}
        ${mineC && OPEN.includes(c.status) ? addEvidenceForm() : ''}
      </section>
      <section class="card" aria-labelledby="hist-title">
        <h2 id="hist-title">${t('处理记录', 'History')}</h2>
        ${timeline(c.history)}
      </section>
    </div>
    ${mineC && OPEN.includes(c.status) ? withdrawForm() : ''}
    ${mineC && c.status === 'CLOSED' && (c.availableActions || []).includes('REOPENED') ? reopenForm(c) : ''}
  </section>`);
  attachDownloads(main);
  // The complainant sees what the messages they pasted break, and which law, as when filing.
  const box = main.querySelector('#msg-findings');
  if (box) {
    analysed(evidence.filter((e) => e.message).map((e) => ({ sender: e.message.sender, text: e.message.text })))
      .then((view) => { if (box.isConnected) mount(box, view); }).catch(() => box.remove());
  }
  // The page drawn again after an action shows the action's flash (the extension granted, the answer
  // sent, the evidence added): it was left for the next page opened, another complaint's perhaps,
  // and the page the action was taken on said nothing (session 29 walk).
  const reload = () => complaint(ctx, true).catch(() => {});
  if (mineC) wireComplainant(c, reload);
  if (inst) wireInstitution(c, reload);
  if (c.status === 'SUBMITTED') untilChanged($('#complaint', main), c, reload);
}

// named is an institution as the complainant typed it and, when it differs, as it is registered.
const named = registeredAs;

function facts(c) {
  const d = c.debtor || {};
  const rows = [
    [t('与借款人的关系', 'Relation to the borrower'), L(relations, c.relation)],
    // A complaint filed with the institution picked by its id and no name typed read
    // "放贷机构 (招商银行信用卡中心)", and showed no agency at all (session 31 walk).
    [t('放贷机构', 'Lender'), named(c.lenderName, c.lender, 'data-lender-name')],
    c.agencyName || c.agency ? [t('催收机构', 'Collection agency'), named(c.agencyName, c.agency, 'data-agency-name')] : null,
    [t('借款类型', 'Kind of credit'), L(products, c.product)],
    [t('省份', 'Province'), provinceName(c.province)],
    d.name || d.mobile || d.idNumber ? [t('借款人', 'Borrower'), debtorLine(d)] : null,
    c.contractNumber ? [t('合同编号', 'Contract number'), c.contractNumber] : null,
    c.amountOwed ? [t('欠款金额', 'Amount owed'), money(c.amountOwed)] : null,
    c.daysOverdue != null ? [t('逾期天数', 'Days overdue'), String(c.daysOverdue)] : null,
    isStaff() && c.priority ? [t('优先级', 'Priority'), L(priorities, c.priority)] : null,
    isStaff() && c.team ? [t('团队', 'Team'), teamName(c.team)] : null,
    [t('提交时间', 'Filed'), when(c.createdAt)],
    [t('最近更新', 'Last update'), when(c.updatedAt)],
  ].filter(Boolean);
  return html`<dl class="facts">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
    <h3>${t('经过描述', 'What happened')}</h3>
    <blockquote class="narrative" lang="${textLang(c.narrative)}">${confirmedNarrative(c)}</blockquote>
    ${(c.incidents || []).length ? html`<h3>${t('催收经过', 'Incidents')}</h3><ul class="incidents">${c.incidents.map((i) => html`<li>
      <strong>${L(channels, i.channel)}</strong> ${i.dateOnly ? day(i.occurredAt) : when(i.occurredAt)}${i.count > 1 ? html` · ${t(`${i.count} 次`, `${i.count} times`)}` : ''}${i.from ? html` · ${t('号码', 'from')} ${i.from}` : ''}
      ${i.description ? html`<br><span class="quote" lang="${textLang(i.description)}">${i.description}</span>` : ''}</li>`)}</ul>` : ''}
    ${(c.claimedViolations || []).length ? html`<h3>${t('投诉的行为', 'Reported conduct')}</h3>
      <ul class="tags">${c.claimedViolations.map((v) => html`<li class="tag">${vlabel(v)}</li>`)}</ul>` : ''}
    ${confirmedList(c, html`<h3 id="confirmed-title">${t('监管确认的违规行为', 'Violations the regulator confirmed')}</h3>`)}
    ${(c.outcomesWanted || []).length ? html`<h3>${t('希望的处理结果', 'Outcome wanted')}</h3>
      <ul class="tags">${c.outcomesWanted.map((o) => html`<li class="tag">${L(outcomes, o)}</li>`)}</ul>` : ''}
    <p class="small muted">${c.consentToShareIdentity ? t('同意向机构提供身份信息', 'Identity may be shared with the institution') : t('不向机构提供身份信息', 'Identity not shared with the institution')} ·
      ${c.consentToPublish ? t('同意匿名公开', 'May be published anonymously') : t('不公开', 'Not published')}</p>`;
}

// answers shows the institutions' answers; on a complaint two institutions answer (its lender and
// its collection agency), each says whose it is.
function answers(c) {
  const named = !isInstitution() && severalAnswer(c);
  return html`<section class="card answer" id="answers" aria-labelledby="ans-title">
    <h2 id="ans-title">${named ? t('机构答复', 'The institutions\' answers') : t('机构答复', 'The institution\'s answer')}</h2>
    ${c.responses.map((r) => html`<article class="response" data-category="${r.category}" data-institution="${r.institutionId}" data-round="${earlierRound(c, r) ? 'earlier' : 'current'}">
      <p>${roundTag(c, r)}<span class="badge tone-info">${L(responseCategories, r.category)}</span> <span class="muted small">${named ? html`${partyTag(c, r.institutionId)} · ` : ''}${when(r.at)}</span></p>
      <p class="explanation" lang="${textLang(r.explanation)}">${r.explanation}</p>
      ${reliefList(r.relief)}
    </article>`)}
    ${currentFeedback(c) ? html`<p class="feedback-given" data-decision="${c.feedback.decision}">${feedbackSaid(c.feedback.decision)}
      · ${t('满意度', 'Satisfaction')} ${'★'.repeat(c.feedback.satisfaction)}${'☆'.repeat(5 - c.feedback.satisfaction)}${c.feedback.comment ? html` · <span lang="${textLang(c.feedback.comment)}">${c.feedback.comment}</span>` : ''}</p>` : ''}
  </section>`;
}

// feedbackSaid says how the complainant judged the answers: to the complainant "you", to an
// institution's staff, who read the same page, the complainant (session 21 walk: an institution's
// agent read "您已接受答复", "You accepted the answer").
function feedbackSaid(decision) {
  const accepted = decision === 'ACCEPT';
  if (isComplainant()) return accepted ? t('您已接受答复', 'You accepted the answer') : t('您对答复提出了异议', 'You disputed the answer');
  return accepted ? t('投诉人已接受答复', 'The complainant accepted the answer') : t('投诉人对答复提出了异议', 'The complainant disputed the answer');
}

// institutionHelp says what a complaint's state asks of an institution when that is not plain from
// the page: a complaint reopened and awaiting the complainant's information reads "待补充材料" /
// "Needs information" while the question is the complainant's alone (not shown to institutions
// since attack round 16), so the badge alone read as if the institution had something to supply.
function institutionHelp(c) {
  if (c.status === 'NEEDS_INFORMATION') {
    return t('监管部门已请投诉人补充信息（问题只向投诉人显示）。贵机构目前无需操作；如需贵机构答复，投诉会再次转交并通知您。',
      'The regulator has asked the complainant for more information (the question is shown to the complainant only). Nothing is asked of your institution now; if an answer is needed the complaint is forwarded again and you are told.');
  }
  // A disputed complaint read only "对答复有异议" to the institution that answered it, which could not
  // tell whether something was now asked of it (session 26 walk).
  if (['DISPUTED', 'IN_INVESTIGATION', 'ESCALATED'].includes(c.status)) {
    const now = { DISPUTED: ['投诉人对答复提出了异议，监管部门正在审查，可能立案调查或升级处理', 'The complainant disputed the answer; the regulator is reviewing it and may investigate or escalate it'],
      IN_INVESTIGATION: ['投诉人对答复提出了异议，监管部门正在调查', 'The complainant disputed the answer and the regulator is investigating'],
      ESCALATED: ['投诉已升级，由上级监管人员处理', 'The complaint was escalated to senior regulator staff'] }[c.status];
    return t(`${now[0]}。贵机构目前无需在平台上操作；监管人员如需了解情况会联系贵机构，处理结果会显示在本页。`,
      `${now[1]}. Nothing is asked of your institution on the platform now; regulator staff contact you if they need to, and the outcome shows on this page.`);
  }
  // A complaint withdrawn, closed or reopened read only its status badge to the institution, which
  // could not tell whether its answer was still owed (session 32 walk32).
  const last = (action) => (c.history || []).filter((e) => e.action === action).pop();
  if (c.status === 'WITHDRAWN') {
    const w = last('WITHDRAWN');
    const on = w ? fmtDate(w.at) : '';
    return t(`投诉人已${on ? `于 ${on} ` : ''}撤回投诉，投诉不再处理，贵机构无需答复。`, `The complainant withdrew the complaint${on ? ` on ${on}` : ''}: it is no longer handled and no answer is asked of your institution.`);
  }
  if (c.status === 'CLOSED') {
    const cl = last('CLOSED');
    const on = cl ? fmtDate(cl.at) : '';
    return t(`投诉已${on ? `于 ${on} ` : ''}办结，贵机构无需再操作${cl && cl.reason ? '，办结理由见下方处理记录' : ''}。投诉人如提出新的事实申请重新处理，监管部门可能再次转交贵机构，届时会通知您。`,
      `The complaint was closed${on ? ` on ${on}` : ''}; nothing more is asked of your institution${cl && cl.reason ? ' (the reason is in the history below)' : ''}. Should the complainant reopen it with new facts, the regulator may forward it to you again, and you will be told.`);
  }
  // A complaint forwarded to the lender and its agency stays 已转交机构 until both have answered:
  // the one that had answered read that badge over its own answer, the answer form gone, and could
  // not tell whether its answer had counted or what came next (session 34 walk).
  if (c.status === 'FORWARDED') {
    const from = c.forwardedAt ? Date.parse(c.forwardedAt) : 0;
    const own = (c.responses || []).filter((r) => String(r.institutionId) === String(state.me.institutionId) && r.category !== 'IN_PROGRESS' && Date.parse(r.at) >= from).pop();
    if (own) {
      const on = fmtDate(own.at);
      return t(`贵机构已于 ${on} 答复，本轮无需再操作。投诉同时转交了另一被投诉机构，待其答复后，投诉人将评价两家机构的答复；结果会显示在本页。`,
        `Your institution answered on ${on}: nothing more is asked of it in this round. The complaint also went to another institution; once it answers, the complainant reviews both answers, and the outcome shows on this page.`);
    }
  }
  const since = reopenedAt(c.history);
  if (since && ['SUBMITTED', 'IN_TRIAGE'].includes(c.status)) {
    const on = fmtDate(new Date(since).toISOString());
    return t(`投诉人已于 ${on} 申请重新处理，监管部门正在审核是否再次转交贵机构。贵机构目前无需操作；再次转交时会通知您，答复期限重新起算。`,
      `The complainant reopened the complaint on ${on}; the regulator is deciding whether to forward it to you again. Nothing is asked of your institution now; if it is forwarded you are told, and the time to answer starts afresh.`);
  }
  return '';
}

// ---------------------------------------------------------------- complainant

// complainantHelp says where the complaint stands in plain words, including when a clock ran out:
// the regulator late to decide (its supervisors are told), the window to judge the answer closed.
function complainantHelp(c, mergedRef = '') {
  // The latest decision clock, still awaited: a reopened complaint whose first decision came late
  // read that old lateness as its new one.
  const acceptance = [(c.deadlines || []).filter((x) => x.kind === 'ACCEPTANCE').pop()].find((x) => x && !x.metAt && (x.state === 'BREACHED' || (x.state === 'OPEN' && !x.paused && Date.parse(x.dueAt) < Date.now())));
  if (['IN_TRIAGE', 'SUBMITTED'].includes(c.status) && acceptance) {
    const due = fmtDate(acceptance.dueDate || acceptance.dueAt);
    return t(`受理决定已超过期限（${due}），审核主管会看到超期提醒。我们会尽快决定，结果将通知您。`, `The decision to accept is overdue (due ${due}); the review supervisors see it among the overdue cases. You will be told the decision.`);
  }
  // A reopened complaint read "您的投诉已进入审核…7 个工作日内" like a new one, its new clock a line
  // among the first round's: the status line says it was reopened and when the new decision is due.
  const since = reopenedAt(c.history);
  const again = since && ['IN_TRIAGE', 'SUBMITTED', 'NEEDS_INFORMATION'].includes(c.status)
    && (c.deadlines || []).find((x) => x.kind === 'ACCEPTANCE' && x.state === 'OPEN' && x.startedAt && Date.parse(x.startedAt) >= since);
  if (again) {
    const due = fmtDate(again.dueDate || again.dueAt);
    if (again.paused) return t(`投诉已重新处理。受理决定的计时暂停，等待您回答审核人员的问题；回答后继续计时（原定 ${due}）。`, `The complaint was reopened. The decision clock is paused for your answer to the reviewer's question; it runs again once you answer (due ${due} before the pause).`);
    const [left] = remaining(again.dueAt);
    return t(`投诉已重新处理。审核人员须在 ${due} 前（${left}）决定是否再次受理；转交机构后，机构的答复期限重新起算。第一轮的期限列在下方“重新处理前的期限”中。`,
      `The complaint was reopened. A reviewer decides by ${due} (${left}) whether to take it up again; once it is forwarded, the institution's time to answer starts afresh. The first round's deadlines are under "Deadlines before the reopening" below.`);
  }
  // A complaint the institution did not answer in time read "投诉已转交机构，机构须在 15 日内答复"
  // (session 25 walk) under a clock 96 days overdue, as if the 15 days still ran, with nothing of
  // what happens now. The line says by which day the answer was due and what follows.
  const late = c.status === 'FORWARDED' && (c.deadlines || []).filter((x) => x.kind === 'INSTITUTION_RESPONSE' && !x.metAt && (!since || (x.startedAt && Date.parse(x.startedAt) >= since))
    && (x.state === 'BREACHED' || (x.state === 'OPEN' && !x.paused && Date.parse(x.dueAt) < Date.now()))).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  if (late) {
    const due = fmtDate(late.dueDate || late.dueAt);
    const days = Math.max(1, Math.floor((Date.now() - Date.parse(late.dueAt)) / 86_400_000));
    return t(`机构应在 ${due} 前答复，已逾期 ${days} 天。监管主管会看到超期提醒并督促机构答复，逾期计入该机构的答复及时率。机构答复后会通知您；在此之前您可以继续补充证据。`,
      `The institution's answer was due by ${due} and is ${days} day${days === 1 ? '' : 's'} late. The regulator's supervisors see it among the overdue cases and press the institution to answer; the delay counts against its record of timely answers. You will be told when it answers; meanwhile you can still add evidence.`);
  }
  // A forwarded complaint read "机构须在 15 日内答复" and one in triage "7 个工作日内" whatever the
  // deadline policy in force (session 25 walk): the line names the day the clock it waits on ends,
  // and how long is left (a paused clock says so).
  const waiting = running(c, since);
  if (waiting) {
    const due = fmtDate(waiting.dueDate || waiting.dueAt);
    const [left] = remaining(waiting.dueAt);
    if (waiting.kind === 'INSTITUTION_RESPONSE') {
      if (waiting.paused) {
        return t(`投诉已转交机构。机构正在等待外部鉴定，答复期限暂停计时（原定 ${due} 前答复），鉴定结束后继续计时。机构答复后会通知您。`,
          `The complaint was forwarded. The institution awaits an outside appraisal, so its clock is paused (the answer was due by ${due}); it runs again once the appraisal ends. You will be told when it answers.`);
      }
      return t(`投诉已转交机构，机构须在 ${due} 前答复（${left}）。机构答复后会通知您；在此之前您可以继续补充证据。`,
        `The complaint was forwarded; the institution must answer by ${due} (${left}). You will be told when it answers; meanwhile you can still add evidence.`);
    }
    return t(`您的投诉已进入审核，审核人员将在 ${due} 前（${left}）决定是否受理并转交被投诉机构。`,
      `A reviewer decides by ${due} (${left}) whether to take the complaint up and forward it to the institution.`);
  }
  if (c.status === 'RESPONDED' && !currentFeedback(c) && feedbackLapsed(c)) {
    return t('机构已答复，评价期已结束，监管人员将办结此投诉。', 'The institution answered and the feedback period has ended; regulator staff will close the complaint.');
  }
  if (c.status === 'REFERRED' && c.referredTo) {
    return t(`投诉已移送${referredName(c.referredTo)}处理，下方写明接下来该怎么做。`, `The complaint was referred to ${referredName(c.referredTo)}; what to do now is below.`);
  }
  if (c.status === 'REJECTED' && c.rejectionReason) {
    return t(`投诉未被受理，理由：${L(rejectionGrounds, c.rejectionReason)}。下方写明接下来可以怎么做。`, `The complaint was not taken up: ${L(rejectionGrounds, c.rejectionReason).toLowerCase()}. What you can do now is below.`);
  }
  // A complaint closed after the complainant disputed the answer read "投诉已办结。如有新的事实，可申请
  // 重新处理。" at the top; why it was closed, the reason the staff must give for the complainant to
  // read, was a line far down the history on a phone (session 29 walk). The line says it, from the
  // latest closing: it took the latest closing with a reason, so a complaint closed with a reason,
  // reopened and then merged read the first closing's date and reason (session 29 review). A merged
  // complaint says so, and into which when the complainant may read that one.
  const closing = c.status === 'CLOSED' && (c.history || []).map((h, i) => [h, i]).filter(([h]) => h.toStatus === 'CLOSED')
    .sort(([a, i], [b, j]) => (Date.parse(b.at) - Date.parse(a.at)) || (j - i)).map(([h]) => h)[0];
  if (closing) {
    const reopen = (c.availableActions || []).includes('REOPENED');
    const on = fmtDate(closing.at);
    const why = c.merged || c.mergedInto
      ? (mergedRef
        ? html`${t(`投诉已于 ${on} 并入同一事项的投诉 `, `The complaint was merged on ${on} into complaint `)}<a href="#/c/${encodeURIComponent(mergedRef)}" class="ref" id="merged-into">${mergedRef}</a>${t('，由该投诉继续处理。', ', on the same matter, which goes on in its place. ')}`
        : t(`投诉已于 ${on} 并入同一事项的另一投诉，由该投诉继续处理。`, `The complaint was merged on ${on} into another complaint on the same matter, which goes on in its place. `))
      : closing.reason
        ? html`${t(`投诉已于 ${on} 办结，理由：`, `The complaint was closed on ${on}. The reason given: `)}“<span lang="${textLang(closing.reason)}">${closing.reason}</span>”${/[。.！!？?]$/.test(closing.reason.trim()) ? t('', ' ') : t('。', '. ')}`
        : t(`投诉已于 ${on} 办结。`, `The complaint was closed on ${on}. `);
    return html`<span id="closed-why" data-closed-at="${closing.at}"${c.merged || c.mergedInto ? ' data-merged' : ''}>${why}${reopen
      ? t('如有新的事实（例如仍在接到催收电话），可以在下方申请重新处理。', 'New facts (more collection calls, say) can reopen it: see below.')
      : t('申请重新处理的期限已过；如仍受到催收骚扰，可以在“我要投诉”提交新的投诉。', 'The time to reopen it has passed; if the collectors still harass you, file a new complaint under "File a complaint".')}</span>`;
  }
  if (c.status === 'CLOSED' && !(c.availableActions || []).includes('REOPENED')) {
    return t('投诉已办结，申请重新处理的期限已过。如仍受到催收骚扰，可以在“我要投诉”提交新的投诉。', 'The complaint is closed and the time to reopen it has passed. If the collectors still harass you, file a new complaint under "File a complaint".');
  }
  if (c.status === 'WITHDRAWN') {
    return t('您已撤回投诉，撤回后不能恢复。如仍受到催收骚扰，可以在“我要投诉”提交新的投诉。', 'You withdrew the complaint; it cannot be taken up again. If the collectors still harass you, file a new complaint under "File a complaint".');
  }
  return L(statusHelp, c.status);
}

// running is the clock a complaint in triage or forwarded waits on, still in time (the late ones
// have lines of their own): the decision to accept, or the soonest institution's answer since the
// last reopening (a paused one only when every one is paused).
function running(c, since) {
  const kind = { IN_TRIAGE: 'ACCEPTANCE', FORWARDED: 'INSTITUTION_RESPONSE' }[c.status];
  if (!kind) return null;
  const open = (c.deadlines || []).filter((x) => x.kind === kind && x.state === 'OPEN' && !x.metAt && x.dueAt
    && (!since || (x.startedAt && Date.parse(x.startedAt) >= since)) && (x.paused || Date.parse(x.dueAt) >= Date.now()))
    .sort((a, b) => (a.paused - b.paused) || (Date.parse(a.dueAt) - Date.parse(b.dueAt)));
  return open[0] || null;
}

// REFERRED_TO names a referral body in a sentence (referralBodies' labels say why in brackets).
const REFERRED_TO = { POLICE: ['公安机关', 'the police'], ANTI_SPAM_12321: ['12321 网络不良与垃圾信息举报受理中心', 'the 12321 reporting centre for spam calls and texts'], COURT: ['人民法院', 'a court'], OTHER_REGULATOR: ['其他监管部门', 'another regulator'] };
const referredName = (body) => L(REFERRED_TO, body) || L(referralBodies, body);

// REFERRAL_NEXT says what a complainant does once the complaint went to that body.
const REFERRAL_NEXT = {
  POLICE: ['投诉涉及威胁或暴力，已移送公安机关。如您或家人仍面临危险，请立即拨打 110 报警。请保留短信截图、通话录音和上门照片，公安机关可能会联系您核实情况。',
    'The complaint shows threats or violence and went to the police. If you or your family are still in danger, call 110 now. Keep the screenshots, call recordings and photos: the police may contact you.'],
  ANTI_SPAM_12321: ['骚扰电话和短信已移送 12321 举报中心处理。以后再收到骚扰电话或短信，您也可以直接拨打 12321 举报，并保留截图和号码。',
    'The spam calls and texts went to the 12321 reporting centre. If more come, you can report them yourself on 12321; keep the screenshots and numbers.'],
  COURT: ['此事项应由人民法院处理（例如对借款本身的争议）。您可以向有管辖权的人民法院起诉，也可以拨打 12348 法律服务热线咨询。',
    'This is a matter for a court (a dispute over the loan itself, say). You can take it to the competent court, or call the 12348 legal services hotline for advice.'],
  OTHER_REGULATOR: ['此事项由其他监管部门负责，已移送该部门，由其按自己的程序处理，可能会联系您。',
    'Another regulator is responsible and has the complaint now; it handles it under its own procedure and may contact you.'],
};

// REJECTION_NEXT says what a complainant can do after a complaint was not taken up on that ground.
const REJECTION_NEXT = {
  OUTSIDE_REMIT: ['此事项不属于本机关处理范围，请向有权处理的部门反映。', 'This is not for this regulator to handle; raise it with the body that is.'],
  ALREADY_DECIDED: ['此事项已由法院、仲裁或其他机关处理，请按其决定办理。', 'A court, arbitration or another authority has already dealt with it; its decision stands.'],
  TIME_BARRED: ['投诉的事实发生在三年多以前。如果现在仍在受到催收骚扰，请就新的事实提交新的投诉。', 'What you complained of happened more than three years ago. If you are still being harassed now, file a new complaint about what happens now.'],
  NO_RESPONDENT: ['投诉需要写明放贷机构或借款 App 的名称。查到名称后（可看借款合同、还款短信或 App），可以提交新的投诉。', 'A complaint needs the lender or the app by name. Once you have it (from the contract, a repayment text or the app), file a new complaint.'],
  NO_FACTS: ['投诉需要写明具体事实：什么时间、通过什么方式、对方说了什么或做了什么。补充后可以提交新的投诉，并附上截图或录音。', 'A complaint needs facts: when, how, and what they said or did. Add them in a new complaint, with screenshots or recordings.'],
  NO_REQUEST: ['投诉需要写明您希望的结果（例如停止骚扰亲友、更正征信）。补充后可以提交新的投诉。', 'A complaint needs the outcome you want (an end to calls to your family, a corrected credit record, say). Add it in a new complaint.'],
  DUPLICATE: ['您已就同一事项投诉过，原投诉仍在处理。请在“我的投诉”中查看原投诉的进展。', 'You already complained about this and that complaint is being handled: follow it under My complaints.'],
};

// decisionCard tells the complainant where a complaint not taken up went, or on what ground it
// was not, and what to do now: the status line alone said "referred to a more suitable body" and
// "see the history" (the history held only an optional free reason).
function decisionCard(c) {
  if (c.status === 'REFERRED' && c.referredTo) {
    const police = c.referredTo === 'POLICE';
    return html`<section class="card${police ? ' safety' : ''}" id="decision" data-referred="${c.referredTo}" aria-labelledby="decision-title">
      <h2 id="decision-title">${t(`已移送${referredName(c.referredTo)}`, `Referred to ${referredName(c.referredTo)}`)}</h2>
      <p>${police ? html`<strong>${L(REFERRAL_NEXT, c.referredTo)}</strong>` : L(REFERRAL_NEXT, c.referredTo)}</p>
      <p class="hint">${t('如仍受到催收骚扰，可以在“我要投诉”提交新的投诉。', 'If the collectors still harass you, file a new complaint under "File a complaint".')}</p></section>`;
  }
  if (c.status === 'REJECTED' && c.rejectionReason) {
    return html`<section class="card" id="decision" data-rejected="${c.rejectionReason}" aria-labelledby="decision-title">
      <h2 id="decision-title">${t('未受理的理由', 'Why it was not taken up')}</h2>
      <p><strong>${L(rejectionGrounds, c.rejectionReason)}</strong></p>
      <p>${L(REJECTION_NEXT, c.rejectionReason)}</p>
      <p class="hint">${t('遇到威胁或暴力，请立即拨打 110 报警。', 'If you are threatened or in danger, call the police on 110 now.')}</p>
      <p><a class="btn" href="#/file?new=1">${t('提交新的投诉', 'File a new complaint')}</a></p></section>`;
  }
  return '';
}

// questionLang says, above a question written in the other language than the page's, in which
// language it was written and that it is shown as written: an English question reached a
// Chinese-speaking complainant with nothing said (session 34 walk). The platform has no
// translation service and makes none up; the complainant may answer in their own language.
function questionLang(q) {
  const ql = textLang(q);
  if (ql === 'zh-CN' ? lang() === 'zh' : lang() === 'en') return '';
  return html`<p class="lang-note" id="question-lang" data-lang="${ql}">${ql === 'en'
    ? t('审核人员用英文写了这个问题，下面是原文，平台不提供翻译。您可以用中文回答；看不懂的地方，请在回答中说明，审核人员会再问。',
      'The reviewer wrote this question in English; it is shown as written.')
    : t('审核人员用中文写了这个问题。', 'The reviewer wrote this question in Chinese; it is shown as written, as the platform does not translate. You may answer in English, and say in your answer what you did not understand: the reviewer will ask again.')}</p>`;
}

function complainantActions(c, feedbackDl) {
  if (['REFERRED', 'REJECTED'].includes(c.status)) return decisionCard(c);
  if (c.status === 'NEEDS_INFORMATION') {
    return html`<section class="card action-card" id="info-request" aria-labelledby="q-title">
      <h2 id="q-title">${t('审核人员需要您补充信息', 'The reviewer needs more information')}</h2>
      ${questionLang(c.informationRequest)}
      <blockquote class="question" lang="${textLang(c.informationRequest)}">${c.informationRequest}</blockquote>
      <form id="provide" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('answer', t('您的回答', 'Your answer'), html`<textarea id="f-answer" name="answer" rows="4" maxlength="5000" aria-describedby="${describedBy('answer')}" required></textarea>`,
    { hint: t('如需补充截图或录音，请在下方“补充证据或短信”中上传。', 'To add screenshots or recordings, upload them under “Add evidence or messages” below.'), required: true })}
        <button class="btn primary" type="submit">${t('提交回答', 'Send the answer')}</button>
      </form></section>`;
  }
  if (c.status === 'RESPONDED' && !currentFeedback(c) && feedbackLapsed(c)) {
    const fb = (c.deadlines || []).filter((x) => x.kind === 'FEEDBACK').pop();
    return html`<section class="card" id="feedback-closed" aria-labelledby="fbc-title">
      <h2 id="fbc-title">${t('已不能再评价答复', 'The answer can no longer be accepted or disputed')}</h2>
      <p>${t('评价机构答复的期限已于', 'The window to accept or dispute the institution\'s answer closed on ')}${day(fb.dueAt)}${t('结束，已不能再接受或提出异议。', '.')}</p>
      <p>${t('办结后如有新的事实（例如又接到催收电话），可以在本页申请重新处理。', 'Once the complaint is closed, new facts (more collection calls, say) can reopen it from this page.')}</p>
    </section>`;
  }
  if (c.status === 'RESPONDED' && !currentFeedback(c)) {
    return html`<section class="card action-card" id="feedback" aria-labelledby="fb-title">
      <h2 id="fb-title">${t('请评价机构的答复', 'Do you accept the institution\'s answer?')}</h2>
      ${feedbackDl ? html`<p>${t('请在此日期前评价：', 'Please answer by: ')}${countdown(feedbackDl.dueAt, feedbackDl, L(overdueKinds, 'FEEDBACK'))}</p>` : ''}
      <p class="hint" id="feedback-hint">${answeredBefore(c)
    ? t('请评价下方标为“本轮答复”的答复（重新处理前的答复仅供对照）。接受后投诉将办结；提出异议后监管人员会进一步处理。', 'Judge the answer marked "This round" below (the answer from before the reopening is there to compare). Accepting closes the matter; disputing sends it back to the regulator.')
    : t('答复全文见下方。接受后投诉将办结；提出异议后监管人员会进一步处理。', 'The full answer is below. Accepting closes the matter; disputing sends it back to the regulator.')}</p>
      <form id="feedback-form" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${group('decision', t('您的决定', 'Your decision'), [['ACCEPT', t('接受答复', 'Accept the answer')], ['DISPUTE', t('有异议', 'Dispute it')]], { type: 'radio', cls: 'radio-row' })}
        ${group('satisfaction', t('满意度（1 = 很不满意，5 = 很满意）', 'Satisfaction (1 = very unhappy, 5 = very happy)'), [1, 2, 3, 4, 5].map((n) => [String(n), `${n} ${'★'.repeat(n)}`]), { type: 'radio', cls: 'radio-row stars' })}
        ${field('comment', t('补充说明', 'Comment'), html`<textarea id="f-comment" name="comment" rows="3" maxlength="2000" aria-describedby="${describedBy('comment', false)}"></textarea>`, { optional: true })}
        <button class="btn primary" type="submit">${t('提交评价', 'Send')}</button>
      </form></section>`;
  }
  return '';
}

// reopenForm: new facts after the complaint was closed send it back to the reviewers, while the
// server's reopen window lasts (availableActions says so).
// The form names the last day it may be used (reopenableUntil): a closed complaint read "new facts
// can reopen it" with no word of the 90 days (session 22 walk).
function reopenForm(c) {
  return html`<section class="card" id="reopen" aria-labelledby="reopen-title">
    <h2 id="reopen-title">${t('有新的情况？', 'Something new?')}</h2>
    <p>${t('如果办结后又发生了新的事实（例如又接到催收电话），可以申请重新处理，投诉将回到审核。', 'If something new happened after the complaint was closed (more collection calls, say), reopen it: it goes back to the reviewers.')}</p>
    ${c.reopenableUntil ? html`<p id="reopen-until">${t('可申请至', 'You can reopen it until ')}${countdown(c.reopenableUntil)}${t('；之后如仍受到骚扰，请提交新的投诉。', '; after that, if the harassment goes on, file a new complaint.')}</p>` : ''}
    <details class="more"><summary>${t('申请重新处理', 'Reopen the complaint')}</summary>
      <form id="reopen-form" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('reopenReason', t('新的情况', 'What is new'), html`<textarea id="f-reopenReason" name="reopenReason" rows="3" maxlength="2000" aria-describedby="${describedBy('reopenReason')}" required></textarea>`,
    { required: true, hint: t('请写明办结后发生了什么、何时发生；截图和录音可在重新处理后补充。', 'Say what happened after it was closed, and when; screenshots and recordings can be added once it is reopened.') })}
        <button class="btn primary" type="submit">${t('申请重新处理', 'Reopen')}</button>
      </form></details></section>`;
}

function addEvidenceForm() {
  return html`<details class="more" id="add-evidence"><summary>${t('补充证据或短信', 'Add evidence or messages')}</summary>
    <form id="evidence-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${uploaderHTML('more')}
      ${messagesHTML('messages')}
      <button class="btn primary" type="submit">${t('提交证据', 'Add to the complaint')}</button>
    </form></details>`;
}

function withdrawForm() {
  return html`<details class="more card" id="withdraw"><summary>${t('撤回投诉', 'Withdraw the complaint')}</summary>
    <form id="withdraw-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <p id="withdraw-final">${t('撤回后投诉不再处理，也不能恢复。如已与机构协商解决，可以撤回；如仍受到催收骚扰，请不要撤回，以后也可以提交新的投诉。', 'A withdrawn complaint is no longer handled and cannot be taken up again. Withdraw it if the matter was settled; if the collectors still harass you, keep it. You can always file a new complaint later.')}</p>
      ${field('reason', t('撤回原因', 'Reason'), html`<input id="f-reason" name="reason" maxlength="500" aria-describedby="${describedBy('reason', false)}">`, { optional: true })}
      <button class="btn danger" type="submit">${t('确认撤回', 'Withdraw')}</button>
    </form></details>`;
}

function wireComplainant(c, reload) {
  const provide = $('#provide');
  if (provide) {
    liveClear(provide);
    provide.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const answer = provide.answer.value.trim();
      if (!answer) return showErrors(provide, [invalid('answer', '请填写回答。', 'Write your answer.')]).focus();
      submitting(provide, async () => {
        await gql('mutation($id: ID!, $a: String!, $v: Int) { provideInformation(id: $id, answer: $a, expectedVersion: $v) { id status } }', { id: c.id, a: answer, v: c.version });
        setFlash('已提交回答，投诉回到审核中。', 'Answer sent; the complaint is back with the reviewer.');
        toast(t('已提交回答', 'Answer sent'));
        await reload();
      });
    });
  }
  const fb = $('#feedback-form');
  if (fb) {
    liveClear(fb);
    fb.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const decision = fb.querySelector('input[name=decision]:checked')?.value;
      const sat = fb.querySelector('input[name=satisfaction]:checked')?.value;
      const errs = [];
      if (!decision) errs.push(invalid('decision', '请选择接受或提出异议。', 'Choose accept or dispute.'));
      if (!sat) errs.push(invalid('satisfaction', '请选择满意度。', 'Choose a rating.'));
      if (errs.length) return showErrors(fb, errs).focus();
      submitting(fb, async () => {
        const comment = fb.comment.value.trim();
        await gql('mutation($id: ID!, $d: FeedbackDecision!, $s: Int!, $c: String, $v: Int) { submitFeedback(id: $id, decision: $d, satisfaction: $s, comment: $c, expectedVersion: $v) { id status } }',
          { id: c.id, d: decision, s: Number(sat), c: comment || null, v: c.version });
        setFlash('感谢您的评价。', 'Thank you for your feedback.');
        await reload();
      });
    });
  }
  const evf = $('#evidence-form');
  if (evf) {
    const files = [];
    const rows = [];
    attachUploader(evf, 'more', files, () => {});
    attachMessages(evf, 'messages', rows, () => {});
    evf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const errs = messagesErrors(rows);
      if (errs.length) return showErrors(evf, errs).focus();
      submitting(evf, async () => {
        const done = files.filter((f) => f.token && !f.attached);
        for (const f of done) {
          await gql('mutation($c: ID!, $u: String!) { addEvidence(complaintId: $c, uploadToken: $u) { id } }', { c: c.id, u: f.token });
          f.attached = true;
        }
        const msgs = messagesInput(rows);
        if (msgs.length) await gql('mutation($c: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $c, messages: $m) { id } }', { c: c.id, m: msgs });
        if (!done.length && !msgs.length) throw { errors: [invalid('more', '请先上传文件或填写短信。', 'Upload a file or paste a message first.')] };
        setFlash('证据已补充。', 'Evidence added.');
        await reload();
      });
    });
  }
  const rf = $('#reopen-form');
  if (rf) {
    liveClear(rf);
    rf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const reason = rf.reopenReason.value.trim();
      if (!reason) return showErrors(rf, [invalid('reopenReason', '请写明新的情况。', 'Say what is new.')]).focus();
      submitting(rf, async () => {
        try {
          await gql('mutation($id: ID!, $r: String!, $v: Int) { reopenComplaint(id: $id, reason: $r, expectedVersion: $v) { id status } }', { id: c.id, r: reason, v: c.version });
        } catch (err) { // the server's reason error belongs to this form's field
          throw { ...err, errors: (err.errors || []).map((e) => (e.extensions?.field === 'reason' ? { ...e, extensions: { ...e.extensions, field: 'reopenReason' } } : e)) };
        }
        setFlash('已申请重新处理，投诉回到审核中。', 'Reopened: the complaint is back with the reviewers.');
        await reload();
      });
    });
  }
  const wf = $('#withdraw-form');
  if (wf) {
    wf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      submitting(wf, async () => {
        await gql('mutation($id: ID!, $r: String, $v: Int) { withdrawComplaint(id: $id, reason: $r, expectedVersion: $v) { id status } }', { id: c.id, r: wf.reason.value.trim() || null, v: c.version });
        setFlash('投诉已撤回。', 'The complaint was withdrawn.');
        await reload();
      });
    });
  }
}

// ---------------------------------------------------------------- institution

// reopenFacts says, to the institution a reopened complaint was forwarded to again, the new facts
// the complainant reopened it for (the server shows an institution the reason once the complaint
// went to it again, its filed personal data withheld): the answer asked for is to them, and the
// institution read only 重新处理 in the history (session 32 walk32).
function reopenFacts(c) {
  const since = c.forwardedAt ? Date.parse(c.forwardedAt) : 0;
  const r = (c.history || []).filter((e) => e.action === 'REOPENED' && e.reason && Date.parse(e.at) <= since).pop();
  if (!r) return '';
  const end = /[。.！!？?]$/.test(r.reason.trim()) ? t('', ' ') : t('。', '. ');
  return html`<p class="outcome tone-info" id="reopen-facts">${t(`投诉人于 ${fmtDate(r.at)} 申请重新处理，提出的新情况：`, `On ${fmtDate(r.at)} the complainant reopened the complaint with new facts: `)}“<span lang="${textLang(r.reason)}">${r.reason}</span>”${end}${t('请在本轮答复中一并说明。', 'Address them in this round\'s answer.')}</p>`;
}

function institutionActions(c) {
  // The current forwarding's: a complaint reopened and forwarded again found the first round's answer
  // and met clock, hid the answer form and left the institution no way to answer (session 23 walk).
  const mine = (c.deadlines || []).filter((x) => x.kind === 'INSTITUTION_RESPONSE' && x.institutionId === state.me.institutionId).pop();
  const since = c.forwardedAt ? Date.parse(c.forwardedAt) : 0;
  const answered = (c.responses || []).some((r) => r.institutionId === state.me.institutionId && r.category !== 'IN_PROGRESS' && Date.parse(r.at) >= since);
  if (c.status !== 'FORWARDED' || answered) return '';
  const asAgency = !!c.agencyId && String(c.agencyId) === String(state.me.institutionId) && String(c.agencyId) !== String(c.lenderId);
  const pending = (c.extensions || []).find((e) => e.status === 'PENDING');
  // Once the answer's clock has run out the answer is late whatever happens, and no extension can
  // be asked for (the server refuses it).
  const breached = mine && mine.state === 'BREACHED';
  // The extension one may ask for, from the deadline policy the answer clock started under (the
  // built-in CN policy: 30 days in all first, granted at once, then 60 with a supervisor's
  // approval); none after the last stage.
  const next = c.nextExtension;
  // Why none may be asked for is the server's to say (extensionUnavailable, the rule requestExtension
  // applies), worded here by its reason: the page counted "denied twice" itself, the number written
  // again (attack round 33).
  const no = c.extensionUnavailable;
  return html`<section class="card action-card" id="respond" aria-labelledby="resp-title">
    <h2 id="resp-title">${t('答复投诉', 'Answer the complaint')}</h2>
    ${mine ? html`<p>${t('答复期限：', 'Answer due: ')}${countdown(mine.dueAt, mine, L(overdueKinds, mine.kind))}</p>` : ''}
    ${answeredBefore(c) ? html`<p class="outcome tone-info" id="round-note">${t('投诉经重新处理后再次转交贵机构：请重新答复。重新处理前的答复（见下方，已标明）不计为本轮答复，投诉人对它的评价也列在下方处理记录中。',
    'The complaint was reopened and forwarded to you again: answer it anew. The answer from before the reopening (below, marked so) does not count for this round; what the complainant said of it is in the history below.')}</p>` : ''}
    ${reopenFacts(c)}
    ${extensionOutcome(c, mine)}
    ${(c.confirmedViolations || []).length ? html`<p id="answer-for">${t('请针对监管确认的违规行为答复：', 'Answer for the violations the regulator confirmed: ')}<a href="#confirmed-title">${c.confirmedViolations.map(vlabel).join(t('、', ', '))}</a>${t('（违规说法与法律依据见下方投诉信息）', ' (what showed them, and the law, under Details below)')}</p>` : ''}
    ${breached ? html`<p class="alert" id="answer-late">${t('已超过答复期限，本投诉已记为逾期答复，监管人员已收到提醒。请尽快答复；已不能再申请延期。', 'The time to answer has run out: the complaint is recorded as answered late and regulator staff were alerted. Answer as soon as you can; an extension can no longer be asked for.')}</p>` : ''}
    <form id="respond-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('category', t('处理结果', 'Outcome'), html`<select id="f-category" name="category" aria-describedby="${describedBy('category')}" required>${options(responseCategories, t('请选择', 'Choose'))}</select>`,
    { hint: t('金钱补救须填写减免金额；非金钱补救须至少选择一项措施；"处理中"不结束期限。', 'Monetary relief needs an amount waived; non-monetary relief needs at least one measure; "in progress" does not stop the clock.'), required: true })}
      ${field('explanation', t('答复说明', 'Explanation'), html`<textarea id="f-explanation" name="explanation" rows="5" maxlength="5000" aria-describedby="${describedBy('explanation', false)}" required></textarea>`, { required: true })}
      <fieldset class="sub" data-field="relief" aria-describedby="err-relief"><legend>${t('补救措施', 'Relief')}</legend>
        <p class="field-error" id="err-relief" hidden></p>
        ${field('relief.feeWaiverAmount', t('减免或退还费用（元）', 'Fees waived or refunded (CNY)'), html`<input id="f-relief.feeWaiverAmount" name="feeWaiverAmount" inputmode="decimal" aria-describedby="${describedBy('relief.feeWaiverAmount', false)}">`, { optional: true })}
        <fieldset class="sub" data-field="relief.repaymentPlan"><legend>${t('分期还款方案', 'Repayment plan')}</legend>
          <div class="row2">
            ${field('relief.repaymentPlan.instalments', t('期数', 'Instalments'), html`<input id="f-relief.repaymentPlan.instalments" name="instalments" type="number" min="1" max="120" inputmode="numeric" aria-describedby="${describedBy('relief.repaymentPlan.instalments', false)}">`, { optional: true })}
            ${field('relief.repaymentPlan.instalmentAmount', t('每期金额（元）', 'Amount per instalment (CNY)'), html`<input id="f-relief.repaymentPlan.instalmentAmount" name="instalmentAmount" inputmode="decimal" aria-describedby="${describedBy('relief.repaymentPlan.instalmentAmount', false)}">`, { optional: true })}
          </div>
          <div class="row3">
            ${field('relief.repaymentPlan.firstDueOn', t('首期还款日', 'First instalment due'), html`<input id="f-relief.repaymentPlan.firstDueOn" name="firstDueOn" type="date" aria-describedby="${describedBy('relief.repaymentPlan.firstDueOn', false)}">`, { optional: true })}
            ${field('relief.repaymentPlan.deferredUntil', t('延期还款至', 'Deferred until'), html`<input id="f-relief.repaymentPlan.deferredUntil" name="deferredUntil" type="date" aria-describedby="${describedBy('relief.repaymentPlan.deferredUntil', false)}">`, { optional: true })}
            ${field('relief.repaymentPlan.penaltyInterestWaived', t('减免罚息（元）', 'Penalty interest waived (CNY)'), html`<input id="f-relief.repaymentPlan.penaltyInterestWaived" name="penaltyInterestWaived" inputmode="decimal" aria-describedby="${describedBy('relief.repaymentPlan.penaltyInterestWaived', false)}">`, { optional: true })}
          </div>
        </fieldset>
        ${group('measures', t('非金钱补救', 'Non-monetary relief'), [
    ['collectionStopped', t('已确认停止催收联系', 'Contact stop confirmed')], ['apology', t('赔礼道歉', 'Apology')],
    ['creditRecordCorrected', t('更正征信记录', 'Credit record corrected')], ['collectorDisciplined', t('处理涉事催收人员', 'Collector disciplined')],
    // Ending the agency's contract is the lender's to report, never the agency's own answer.
    ...(asAgency ? [] : [['agencyContractEnded', t('终止与催收机构合作', 'Agency contract ended')]])])}
      </fieldset>
      <fieldset class="sub" id="answer-documents"><legend>${t('答复材料（选填）', 'Supporting documents (optional)')}</legend>
        ${uploaderHTML('documents', { institution: true })}
      </fieldset>
      <button class="btn primary" type="submit">${t('提交答复', 'Send the answer')}</button>
    </form>
    ${(c.extensions || []).length ? html`<h3>${t('延期申请', 'Extensions')}</h3><ul class="small" id="extensions">${c.extensions.map(extensionLine)}</ul>` : ''}
    ${breached ? '' : html`<details class="more" id="extension"><summary>${t('申请延期', 'Ask for more time')}</summary>
      ${pending ? html`<p>${t('延期申请待主管审批。', 'An extension awaits a supervisor\'s decision.')}</p>` : !next ? html`<p id="no-extension" data-reason="${no ? no.reason : ''}">${noExtension(no)}</p>` : html`<form id="extension-form" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('days', t('答复总期限', 'Total time to answer'), html`<select id="f-days" name="days" aria-describedby="${describedBy('days')}"><option value="${next.days}">${next.days} ${next.needsApproval ? t('天（需主管批准）', 'days (needs a supervisor)') : t('天', 'days')}${next.untilDate ? t(`，至 ${fmtDate(next.untilDate)}`, `, until ${fmtDate(next.untilDate)}`) : ''}</option></select>`,
    { hint: (next.needsApproval ? t(`经主管批准可延长至 ${next.days} 天；延期会告知投诉人。`, `With a supervisor's approval the time may reach ${next.days} days; the complainant is told.`)
      : t(`复杂案件可延长至 ${next.days} 天，提交即生效；延期会告知投诉人。`, `A complex case may take ${next.days} days, granted at once; the complainant is told.`)) })}
        ${next.untilDate ? html`<p id="extension-until">${next.needsApproval ? t('获批后答复期限将延至：', 'If approved, the answer will be due by: ') : t('提交后答复期限即延至：', 'Once asked, the answer will be due by: ')}<strong>${day(next.untilDate)}</strong>${mine ? html`${t('', ' ')}<span class="small">${t('（现为 ', '(now ')}${dueDay(mine)}${t('）', ')')}</span>` : ''}${mine && mine.paused ? html` <span class="small" id="extension-paused">${t('计时暂停中，恢复计时后两个日期都会顺延。', 'The clock is paused: both days move on when it restarts.')}</span>` : ''}</p>` : ''}
        ${field('reason', t('延期原因', 'Reason'), html`<textarea id="f-reason" name="reason" rows="2" maxlength="1000" aria-describedby="${describedBy('reason', false)}" required></textarea>`, { required: true })}
        <button class="btn" type="submit">${t('提交延期申请', 'Ask for the extension')}</button>
      </form>`}
    </details>`}
    ${appraisalForm(c, mine)}
  </section>`;
}

// noExtension words why no extension may be asked for, from the server's reason (Complaint.extensionUnavailable).
function noExtension(no) {
  switch (no && no.reason) {
    case 'EXTENSION_LIMIT':
      return t(`延长至 ${no.days} 天的申请已被主管驳回两次，不能再申请；请在期限内答复。`, `A supervisor denied an extension to ${no.days} days twice: it cannot be asked for again; answer within the deadline.`);
    case 'AT_LONGEST_STAGE':
      return t(`答复期限已延长至 ${no.days} 天，不能再延期。`, `The time to answer is already ${no.days} days: no further extension.`);
    case 'EXTENSION_PENDING':
      return t('延期申请待主管审批。', 'An extension awaits a supervisor\'s decision.');
    case 'DUE_PASSED':
      return t('已超过答复期限，不能再申请延期。', 'The time to answer has run out: an extension can no longer be asked for.');
    case 'ANSWERED':
      return t('贵机构已作出最终答复，不能再申请延期。', 'Your institution has given its final answer: no extension.');
    case 'NO_CLOCK':
      return t('答复期限未在计算，不能申请延期。', 'No answer clock is running: no extension can be asked for.');
    default:
      return t('不能再申请延期。', 'No extension can be asked for.');
  }
}

// extensionLine is one of the institution's extension requests: the time asked for, its state and
// when it was decided, the institution's reason and the supervisor's, each named. It read
// "答复期限 60 天 · 未批准 · 录音涉及… · 录音调取不需要…": two reasons side by side, nothing saying
// whose, nor when (session 30 walk).
function extensionLine(e) {
  const decided = ['APPROVED', 'DENIED'].includes(e.status) && e.decidedAt;
  return html`<li data-status="${e.status}">${t(`答复总期限 ${e.days} 天`, `${e.days} days in all to answer`)} · <strong>${L(extensionStatuses, e.status)}</strong> · ${t('申请于 ', 'asked ')}${when(e.requestedAt)}${decided ? html` · ${t('主管决定于 ', 'decided ')}${when(e.decidedAt)}` : ''}
    ${e.reason ? html`<br>${t('申请理由：', 'Your reason: ')}<span lang="${textLang(e.reason)}">${e.reason}</span>` : ''}
    ${e.decisionReason ? html`<br>${t('主管的理由：', 'The supervisor\'s reason: ')}<span class="decision-reason" lang="${textLang(e.decisionReason)}">${e.decisionReason}</span>` : ''}</li>`;
}

// thisRound is the institution's extension requests of the current forwarding: a complaint reopened
// and forwarded again showed the first round's decision, and counted its days, beside the new
// round's clock (session 30 walkmend).
function thisRound(c) {
  const since = c.forwardedAt ? Date.parse(c.forwardedAt) : 0;
  return (c.extensions || []).filter((e) => !e.requestedAt || Date.parse(e.requestedAt) >= since);
}

// dueDay is the answer's due day as the countdown writes it, on the clock's own calendar
// (Deadline.dueDate, timeZone): the outcome wrote it in China time, a US clock's day after the
// countdown's (session 30 walkmend).
function dueDay(d) {
  return html`<time datetime="${d.dueDate || d.dueAt}">${fmtDate(d.dueDate || d.dueAt, d.timeZone)}</time>`;
}

// extensionOutcome says, under the answer's due day, what a supervisor decided on the institution's
// latest request of this forwarding and what it means for the answer: approved, due on the later
// day; refused, with the reason, due when it was. The page said it only as 已批准 / 未批准 in the
// list at the bottom of the card, without the day (session 30 walk). A paused clock has no firm
// day (it moves on when the clock restarts), a breached one is past it (said below), a provisional
// one may move: the day is said so, not as a firm 请在 X 前答复 (session 30 walkmend).
function extensionOutcome(c, mine) {
  const last = thisRound(c).sort((a, b) => Date.parse(a.requestedAt) - Date.parse(b.requestedAt)).pop();
  if (!last || !['APPROVED', 'DENIED'].includes(last.status) || !mine) return '';
  const due = html`<strong>${dueDay(mine)}</strong>`;
  const approved = last.status === 'APPROVED';
  let then;
  if (mine.paused) {
    then = t('计时暂停中，恢复计时后答复期限相应顺延。', 'The clock is paused: the due day moves on when it restarts.');
  } else if (mine.state === 'BREACHED') {
    then = t('答复期限已过。', 'The time to answer has run out.');
  } else {
    then = html`${approved ? t('请在 ', 'answer by ') : t('请在 ', 'by ')}${due}${mine.provisional ? t('（暂定）', ' (provisional)') : ''}${t(' 前答复。', '.')}`;
    return approved
      ? html`<p class="outcome tone-ok" id="extension-outcome" data-status="APPROVED">${t('主管已批准延期（答复总期限 ', 'A supervisor approved the extension (')}${last.days}${t(' 天），', ' days in all): ')}${then}</p>`
      : html`<p class="outcome tone-warn" id="extension-outcome" data-status="DENIED">${t('主管未批准延期申请', 'A supervisor refused the extension')}${reasonOf(last)}${t('。答复期限不变，', '. The answer is due as before, ')}${then}</p>`;
  }
  return approved
    ? html`<p class="outcome tone-ok" id="extension-outcome" data-status="APPROVED">${t('主管已批准延期（答复总期限 ', 'A supervisor approved the extension (')}${last.days}${t(' 天）。', ' days in all). ')}${then}</p>`
    : html`<p class="outcome tone-warn" id="extension-outcome" data-status="DENIED">${t('主管未批准延期申请', 'A supervisor refused the extension')}${reasonOf(last)}${t('。', '. ')}${then}</p>`;
}

function reasonOf(e) {
  return e.decisionReason ? html`${t('，理由：', ', because: ')}“<span lang="${textLang(e.decisionReason)}">${e.decisionReason}</span>”` : '';
}

// appraisalForm pauses the answer clock for an outside appraisal, or ends the appraisal, as
// availableActions allows: no pause once it is paused or its deadline has passed (the server
// refuses it).
function appraisalForm(c, mine) {
  const acts = c.availableActions || [];
  const paused = !!(mine && mine.paused);
  if (!acts.includes(paused ? 'APPRAISAL_ENDED' : 'APPRAISAL_STARTED')) return '';
  return html`<details class="more" id="appraisal"><summary>${paused ? t('结束外部鉴定', 'End the outside appraisal') : t('外部鉴定（暂停计时）', 'Outside appraisal (pause the clock)')}</summary>
      <form id="appraisal-form" novalidate data-paused="${paused}">
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${paused ? html`<p>${t('鉴定结束后恢复计时，答复期限相应顺延。', 'The clock restarts; the due date moves later by the days it was stopped.')}</p>`
    : field('note', t('鉴定说明', 'What is being appraised'), html`<input id="f-note" name="note" maxlength="1000" aria-describedby="${describedBy('note', false)}" required>`, { required: true })}
        <button class="btn" type="submit">${paused ? t('结束鉴定，恢复计时', 'End it and restart the clock') : t('开始鉴定，暂停计时', 'Start it and pause the clock')}</button>
      </form>
    </details>`;
}

function wireInstitution(c, reload) {
  const f = $('#respond-form');
  if (f) {
    liveClear(f);
    const documents = [];
    attachUploader(f, 'documents', documents, () => {});
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const relief = {};
      const amount = f.feeWaiverAmount.value.trim();
      if (amount) relief.feeWaiverAmount = amount;
      const n = f.instalments.value.trim();
      const per = f.instalmentAmount.value.trim();
      if (n || per) {
        relief.repaymentPlan = { instalments: Number(n) || 0, instalmentAmount: per };
        const [due, until, waived] = [f.firstDueOn.value, f.deferredUntil.value, f.penaltyInterestWaived.value.trim()];
        if (due) relief.repaymentPlan.firstDueOn = due;
        if (until) relief.repaymentPlan.deferredUntil = until;
        if (waived) relief.repaymentPlan.penaltyInterestWaived = waived;
      }
      $$('input[name=measures]', f).forEach((cb) => { if (cb.checked) relief[cb.value] = true; });
      const input = { category: f.category.value, explanation: f.explanation.value.trim(), relief };
      const errs = [];
      if (!input.category) errs.push(invalid('category', '请选择处理结果。', 'Choose the outcome.'));
      // What the server checks one at a time, said all at once and at the field.
      if (!input.explanation) errs.push(invalid('explanation', '请填写答复说明。', 'Give the explanation.'));
      if (input.category === 'CLOSED_WITH_MONETARY_RELIEF' && !(Number(amount) > 0)) errs.push(invalid('relief.feeWaiverAmount', '给予金钱补救须填写减免或退还的金额。', 'Monetary relief needs the amount waived or refunded.'));
      if (input.category === 'CLOSED_WITH_NON_MONETARY_RELIEF' && !relief.repaymentPlan && !$$('input[name=measures]', f).some((cb) => cb.checked)) errs.push(invalid('measures', '给予非金钱补救须至少选择一项措施或填写分期还款方案。', 'Non-monetary relief needs at least one measure or a repayment plan.'));
      if (relief.repaymentPlan && !n) errs.push(invalid('relief.repaymentPlan.instalments', '请填写期数。', 'Give the number of instalments.'));
      if (errs.length) return showErrors(f, errs).focus();
      if (documents.some((d) => !d.token && !d.error)) return showErrors(f, [invalid('documents', '请等待文件上传完成。', 'Wait for the files to finish uploading.')]).focus();
      const attach = documents.filter((d) => d.token && !d.attached);
      submitting(f, async () => {
        // The documents first: once its final answer is given the institution can add none.
        for (const d of attach) {
          // The file's name says what it is, to the regulator and (when shared) to the complainant.
          await gql('mutation($c: ID!, $u: String!, $d: String, $s: Boolean) { addEvidence(complaintId: $c, uploadToken: $u, description: $d, shareWithComplainant: $s) { id } }',
            { c: c.id, u: d.token, d: String(d.name || '').slice(0, 500) || null, s: !!f.shareWithComplainant?.checked });
          d.attached = true;
        }
        // Each document attached moved the version on: the answer expects the version read plus them.
        const v = c.version + documents.filter((d) => d.attached).length;
        await gql('mutation($id: ID!, $i: ResponseInput!, $v: Int) { respondToComplaint(id: $id, input: $i, expectedVersion: $v) { id category } }', { id: c.id, i: input, v });
        setFlash('答复已提交。', 'Answer sent.');
        await reload();
      });
    });
  }
  const x = $('#extension-form');
  if (x) {
    liveClear(x);
    x.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const reason = x.reason.value.trim();
      if (!reason) return showErrors(x, [invalid('reason', '请填写延期原因。', 'Give the reason.')]).focus();
      submitting(x, async () => {
        const r = (await gql('mutation($id: ID!, $d: Int!, $r: String!) { requestExtension(id: $id, days: $d, reason: $r) { id status days } }', { id: c.id, d: Number(x.days.value), r: reason })).requestExtension;
        // An extension granted at once read "延期申请已提交 / Extension requested", as if it awaited a
        // decision (session 29 walk): the line says which it is, and until when the answer is due.
        const until = r.status === 'GRANTED' && c.nextExtension && c.nextExtension.untilDate ? fmtDate(c.nextExtension.untilDate) : '';
        if (r.status === 'GRANTED') setFlash(`已延期：答复总期限 ${r.days} 天${until ? `，须在 ${until} 前答复` : ''}。投诉人会收到通知。`, `Extension granted: ${r.days} days in all to answer${until ? `, due by ${until}` : ''}. The complainant is told.`);
        else setFlash('延期申请已提交，待主管审批；批准前答复期限不变。', 'Extension asked for: it awaits a supervisor\'s decision; until then the answer is due as before.');
        await reload();
      });
    });
  }
  const a = $('#appraisal-form');
  if (a) {
    liveClear(a);
    a.addEventListener('submit', (ev) => {
      ev.preventDefault();
      submitting(a, async () => {
        if (a.dataset.paused === 'true') {
          await gql('mutation($id: ID!) { endAppraisal(id: $id) { id } }', { id: c.id });
        } else {
          const note = a.note.value.trim();
          if (!note) throw { errors: [invalid('note', '请说明鉴定内容。', 'Say what is being appraised.')] };
          await gql('mutation($id: ID!, $n: String!) { startAppraisal(id: $id, note: $n) { id } }', { id: c.id, n: note });
        }
        await reload();
      });
    });
  }
}

