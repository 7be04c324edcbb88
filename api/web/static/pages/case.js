// The staff case workbench: a complaint as a reviewer or supervisor may see it (personal data masked
// as the API returns it; the identity revealed only with a recorded reason), what the rule pack
// found — the phrases highlighted in the narrative and the messages, the law, the confidence, the
// hits that negation or hearsay dismissed — severity and referral advice, likely duplicates side by
// side, evidence with its SHA-256, an image viewer and an audio player, the clocks with their
// pauses, notes and the full history; and every action the caller may take from the complaint's
// state (Complaint.availableActions), each with its form. A version conflict is explained with a
// reload button. Keyboard shortcuts for the common actions; ? lists them.

import { gql } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, instName, partyName, priorities, relations, products, channels, outcomes, responseCategories, extensionStatuses, lawCitation, modifiers, roles, textLang, rejectionGrounds, referralBodies } from '../core/i18n.js';
import { state, loadProvinces, loadViolationTypes, loadTeams, vlabel, provinceName, teamName } from '../core/state.js';
import { when, day, money, pct, readMoments, chinaMoment } from '../core/format.js';
import { field, describedBy, group, options, submitting, liveClear, invalid, showErrors, errorText } from '../components/field.js';
import { deadlineList, countdown, nextStep } from '../components/countdown.js';
import { partyTag, severalAnswer, roundTag, earlierRound, registeredAs, debtorLine } from '../components/party.js';
import { timeline, statusSteps } from '../components/timeline.js';
import { statusBadge, untimelyBadge, feedbackLapsed, untilChanged, currentFeedback } from '../components/cases.js';
import { LAPSED_REASON } from '../components/queue.js';
import { evidenceList, attachDownloads, EVIDENCE_QUERY } from '../components/evidence.js';
import { highlight, laws, citeLaw, quoted, dismissedReason } from '../components/violations.js';
import { toast, announce } from '../components/announcer.js';
import { reliefList } from '../components/relief.js';
import { extensionAsk } from '../components/extension.js';

const RELIEF = 'feeWaiverAmount collectionStopped creditRecordCorrected apology collectorDisciplined agencyContractEnded repaymentPlan { instalments instalmentAmount firstDueOn deferredUntil penaltyInterestWaived }';
const EV = 'source phrase start end rule ruleZh law confidence modifiers incidents';
const DETAIL = `query($id: ID!) { complaint(id: $id) {
  id reference status version relation product province city lenderName agencyName lenderId agencyId narrative priority team assigneeId
  amountOwed daysOverdue contractNumber debtor { name mobile idNumber masked } identityDisclosure
  incidents { occurredAt dateOnly channel from count description }
  claimedViolations confirmedViolations outcomesWanted consentToShareIdentity consentToPublish
  createdAt updatedAt dueAt untimely forwardTarget forwardedAt respondedAt closedAt rejectionReason referredTo mergedInto recipientIds informationRequest
  lender { name nameEn kind } agency { name nameEn kind }
  deadlines { kind institutionId state startedAt dueAt dueDate paused pausedSince pauseReason pausedDays metAt workingDays calendar provisional provisionalYear }
  responses { id institutionId category explanation at relief { ${RELIEF} } }
  feedback { decision satisfaction comment at }
  extensions { id institutionId days status reason decisionReason requestedAt decidedAt untilDate }
  links { complaintId primaryId merged reason at }
  assessment { severity suggestedReferral packId packVersion assessedAt notes
    urgency { factor evidence { ${EV} } }
    violations { type confidence evidence { ${EV} } legalReferences { law article summaryZh summaryEn } }
    dismissed { type reason evidence { ${EV} } } }
  likelyDuplicates { id reference status lenderName agencyName lender { name nameEn } agency { name nameEn } product province narrative createdAt claimedViolations }
  availableActions
  notes { id text authorId at }
  history { id action fromStatus toStatus actorRole reason at details } } }`;

const FORWARD = { LENDER: ['转交放贷机构', 'To the lender'], AGENCY: ['转交催收机构', 'To the collection agency'], BOTH: ['同时转交两家机构', 'To both'] };
const REJECTIONS = rejectionGrounds;
const REFERRALS = referralBodies;
// RULE_KINDS names the engine's own checks, whose ids are not a violation's or urgency's code.
const MODEL_RULE = 'model:ngram';
const RULE_KINDS = { amounts: ['金额与费率计算', 'amounts and rates'], mentions: ['联系时间与次数', 'contact times and counts'], model: ['统计模型', 'statistical model'] };
const URGENCY = { THREAT_OF_VIOLENCE: ['暴力威胁', 'Threat of violence'], HEALTH_HARM: ['健康受损', 'Harm to health'], MINOR_INVOLVED: ['涉及未成年人', 'A minor involved'], ELDERLY_INVOLVED: ['涉及老年人', 'An elderly person involved'] };
const SOURCES = (src) => {
  const m = /^(messages|incidents)\[(\d+)\]$/.exec(src || '');
  if (m) return m[1] === 'messages' ? t(`第 ${Number(m[2]) + 1} 条短信`, `message ${Number(m[2]) + 1}`) : t(`第 ${Number(m[2]) + 1} 次催收经过`, `incident ${Number(m[2]) + 1}`);
  return { narrative: t('经过描述', 'what happened'), debtor: t('借款人信息', 'borrower details') }[src] || src;
};

// The actions, in the order the bar shows them: the history's name, the label, the shortcut key.
const ACTIONS = [
  ['CLAIMED', ['认领', 'Claim'], 'c'],
  ['ASSIGNED', ['指派', 'Assign'], 'a'],
  ['CLASSIFIED', ['分类', 'Classify'], 'k'],
  ['INFORMATION_REQUESTED', ['要求补充材料', 'Request information'], 'i'],
  ['FORWARDED', ['转交机构', 'Forward'], 'f'],
  ['REJECTED', ['不予受理', 'Reject'], ''],
  ['REFERRED', ['转其他部门', 'Refer'], ''],
  ['INVESTIGATION_OPENED', ['启动调查', 'Investigate'], ''],
  ['ESCALATED', ['升级处理', 'Escalate'], 'e'],
  ['CLOSED', ['办结', 'Close'], ''],
  ['REOPENED', ['重新处理', 'Reopen'], ''],
  ['REROUTED', ['转至其他团队', 'Reroute'], ''],
  ['LINKED', ['关联或合并', 'Link or merge'], ''],
  ['EXTENSION_DECIDED', ['审批延期', 'Decide the extension'], ''],
];
const SHORTCUTS = [['c', '认领', 'Claim'], ['a', '指派', 'Assign'], ['k', '分类', 'Classify'], ['i', '要求补充材料', 'Request information'],
  ['f', '转交机构', 'Forward'], ['e', '升级处理', 'Escalate'], ['n', '写备注', 'Write a note'], ['r', '重新载入', 'Reload'], ['?', '快捷键说明', 'These shortcuts'], ['Esc', '关闭表单或窗口', 'Close a form or window']];

let keyHandler = null;

export async function caseView(ctx, refresh = false) {
  const { main, m, alive, flash } = ctx;
  const id = decodeURIComponent(m[1]);
  const [d] = await Promise.all([gql(DETAIL, { id }), loadProvinces(), loadViolationTypes(), loadTeams()]);
  if (!alive()) return;
  const c = d.complaint;
  dayOnlyMoments = new Set((c && c.incidents || []).filter((i) => i.dateOnly).map((i) => chinaMoment(i.occurredAt)));
  if (!c) throw { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] };
  let evidence = null;
  let evidenceError = null;
  try { evidence = (await gql(EVIDENCE_QUERY, { id: c.id })).complaint.evidence; } catch (err) { evidenceError = err; }
  if (!alive()) return;
  // The linked complaints by reference: the list named them by their internal ids
  // (101f9464-a8d8-…), which no one can read out or search for (session 32 walk32).
  const others = [...new Set((c.links || []).map((l) => (l.complaintId === c.id ? l.primaryId : l.complaintId)))];
  const refs = {};
  if (others.length) {
    try {
      const r = await gql(`query(${others.map((_, i) => `$l${i}: ID!`).join(', ')}) { ${others.map((_, i) => `l${i}: complaint(id: $l${i}) { reference }`).join(' ')} }`,
        Object.fromEntries(others.map((x, i) => [`l${i}`, x])));
      others.forEach((x, i) => { if (r[`l${i}`]) refs[x] = r[`l${i}`].reference; });
    } catch { /* the ids stay */ }
    if (!alive()) return;
  }
  c.linkRefs = refs;
  const marks = phraseRanges(c.assessment);
  const can = new Set(c.availableActions || []);
  const mine = c.assigneeId && state.me && String(c.assigneeId) === String(state.me.id);

  mount(main, html`<section class="page case-page wide" id="complaint" data-case="true" data-status="${c.status}" data-version="${c.version}" data-assignee="${c.assigneeId || ''}">
    <nav class="crumbs" aria-label="${t('返回', 'Back')}"><a href="#/queue">← ${t('投诉队列', 'Queue')}</a></nav>
    ${refresh ? '' : flash()}
    <div id="conflict" class="alert conflict" role="alert" tabindex="-1" hidden></div>
    <header class="case-head card">
      <p class="eyebrow">${t('投诉编号', 'Reference')}</p>
      <h1 tabindex="-1"><span class="ref big">${c.reference}</span></h1>
      <p class="status-line">${statusBadge(c.status, 'badge large')}
        ${c.priority ? html` <span class="badge tone-${(priorities[c.priority] || [])[2] || 'muted'}" data-priority="${c.priority}">${t('优先级：', 'Priority: ')}${L(priorities, c.priority)}</span>` : ''}
        ${untimelyBadge(c)}</p>
      <p class="small" id="assignee">${c.assigneeId ? (mine ? html`<strong>${t('由您处理', 'Assigned to you')}</strong>` : html`${t('处理人：', 'Assigned to ')}<span id="assignee-name">${t(`用户 ${c.assigneeId}`, `user ${c.assigneeId}`)}</span>`) : html`<span class="muted">${t('尚无人认领', 'Nobody has claimed it')}</span>`}
        · ${t('团队', 'Team')} ${c.team ? teamName(c.team) : '—'} · ${t('版本', 'Version')} ${c.version}</p>
      ${statusSteps(c.status)}
      ${deadlineList(c.deadlines, '', c)}
      ${nextStep(c, 'staff')}
      ${lapsedNote(c, can)}
      <p class="small muted kbd-hint">${t('按 ? 查看键盘快捷键', 'Press ? for keyboard shortcuts')}</p>
    </header>
    ${actionBar(c, can)}
    <div id="action-panel"></div>
    ${assessmentCard(c)}
    <div class="case-grid case-work">
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">${t('投诉信息', 'Details')}</h2>
        ${facts(c, marks)}
        ${identityBlock(c)}
      </section>
      <section class="card" aria-labelledby="ev-title" id="evidence">
        <h2 id="ev-title">${t('证据', 'Evidence')}</h2>
        ${evidence ? evidenceList(evidence, { full: true, messageText: (i, text) => highlight(text, marks[`messages[${i}]`]) })
    : html`<p class="muted">${evidenceError ? errorText(evidenceError.errors ? evidenceError.errors[0] : {}) : t('您无权查看证据。', 'You may not see the evidence.')}</p>`}
      </section>
    </div>
    ${duplicatesCard(c, marks)}
    ${(c.responses || []).length || (c.extensions || []).length ? answersCard(c) : ''}
    <div class="case-grid">
      ${notesCard(c, can)}
      <section class="card" aria-labelledby="hist-title">
        <h2 id="hist-title">${t('处理记录', 'History')}</h2>
        ${timeline(c.history)}
      </section>
    </div>
  </section>`);
  attachDownloads(main, { lightbox: true });
  const reload = () => caseView(ctx, true).catch((err) => conflictOrError(err));
  wire(c, can, reload);
  // Who works it, and whom the history assigned it to, by name: the teams' people (teamLoad),
  // after the page is up.
  if ($('#assignee-name', main) || $('.t-assignee', main)) {
    gql('{ teamLoad { members { userId displayName } } }').then((x) => {
      if (!alive()) return;
      const names = new Map(x.teamLoad.flatMap((tl) => tl.members).map((m) => [String(m.userId), m.displayName]));
      const el = $('#assignee-name', main);
      if (el && names.has(String(c.assigneeId))) el.textContent = names.get(String(c.assigneeId));
      $$('.t-assignee', main).forEach((span) => {
        if (!names.has(span.dataset.user)) return;
        span.textContent = names.get(span.dataset.user);
        span.lang = textLang(span.textContent);
      });
    }).catch(() => { /* the user ids stay */ });
  }
  if (refresh && (!document.activeElement || document.activeElement === document.body)) $('h1', main)?.focus();
  if (c.status === 'SUBMITTED') untilChanged($('#complaint', main), c, reload);
}

// ---------------------------------------------------------------- what the rules found

// phraseRanges groups the assessment's phrases by the text they were found in, for highlight().
function phraseRanges(a) {
  const out = {};
  const add = (code, e, cls) => {
    if (!e.phrase || e.start == null || e.end == null) return;
    (out[e.source] = out[e.source] || []).push({ start: e.start, end: e.end, code, cls, title: `${vlabel(code)}${e.law ? ` · ${lawCitation(e.law)}` : ''}` });
  };
  if (!a) return out;
  a.violations.forEach((v) => v.evidence.forEach((e) => add(v.type, e, 'hit')));
  a.urgency.forEach((u) => u.evidence.forEach((e) => add('', e, 'urgent')));
  return out;
}

function confidence(x) {
  const tone = x >= 0.8 ? 'danger' : x >= 0.5 ? 'warn' : 'muted';
  return html`<span class="badge small tone-${tone} conf" data-confidence="${x}">${t('置信度', 'confidence')} ${pct(x)}</span>`;
}

// ruleId names the rule behind a piece of evidence ("THREAT.veiled" of "THREAT.veiled: (小心点|…)")
// in words: its kind (the violation or urgency it looks for) and, for a pack's numbered phrase group
// ("FALSE_REPRESENTATION.1"), the group's number. Reviewers read "FALSE_REPRESENTATION.1" as an
// error code; the pack's id stays on the element (data-rule, and its title) for an admin asked
// about a wrong match.
function ruleId(e, code) {
  const id = (e.rule || '').split(': ')[0];
  if (!id) return '';
  // "model:ngram" is the statistical model; "amounts.total", "mentions.hours" are the engine's
  // own checks, not a pack's phrase group.
  const [kind, ...rest] = id.startsWith(`${MODEL_RULE}:`) || id === MODEL_RULE ? ['model'] : id.split('.');
  const part = rest.join('.');
  const known = (state.violationTypes || []).some((v) => v.code === kind);
  let name = '';
  if (URGENCY[kind]) name = t(...URGENCY[kind]);
  else if (known) name = vlabel(kind);
  else if (RULE_KINDS[kind]) name = t(...RULE_KINDS[kind]);
  else if (URGENCY[code]) name = t(...URGENCY[code]); // an urgency factor's phrase: its id is the pattern itself
  const group = name && (known || URGENCY[kind]) && /^\d+$/.test(part) ? t(`第 ${part} 组短语`, `phrase group ${part}`) : '';
  return html` · ${t('规则', 'rule')} <span class="rule-id" data-rule="${id}" title="${t('规则包中的编号', 'id in the rule pack')}: ${id}">${name ? `“${name}”` : ''}${group ? ` ${group}` : ''}</span>`;
}

// dayOnlyMoments are the moments of the shown complaint's incidents given as a day alone (readMoments).
let dayOnlyMoments = new Set();

// ruleWords is what a finding without a phrase explains (a call at night, a call to the debtor's
// parents, a personal sender, what no message states), in the reader's language: the engine says
// it in both; an analysis recorded before it did has the English only, marked as such.
function ruleWords(e) {
  const text = readMoments(t(e.ruleZh || e.rule || '', e.rule || ''), dayOnlyMoments);
  return html`<span class="muted rule-words" lang="${textLang(text)}">${text}</span>`;
}

function evidenceLine(e, code) {
  // An incident's finding names its incident once (第 1 次催收经过), not again as "催收经过 1".
  const more = (e.incidents || []).length && !(e.incidents.length === 1 && e.source === `incidents[${e.incidents[0]}]`);
  return html`<li class="hit" data-source="${e.source}">
    ${e.phrase ? quoted(e.phrase) : ruleWords(e)}
    <span class="muted small">${SOURCES(e.source)}${more ? ` · ${t('催收经过', 'incidents')} ${e.incidents.map((i) => i + 1).join(', ')}` : ''}${e.modifiers.length ? ` · ${e.modifiers.map((x) => L(modifiers, x)).join(', ')}` : ''}${e.phrase ? ruleId(e, code) : ''}</span>
    ${e.law ? html`<span class="small law">${citeLaw(e.law)}</span>` : ''}</li>`;
}

// classifyWhy says under a violation type of the classify form what the rules found for it: the
// confidence and the phrases (at most three), or the matches they dismissed and why, so a reviewer
// confirms or rejects it without scrolling back to the analysis.
function classifyWhy(c, code) {
  const a = c.assessment;
  if (!a) return '';
  const phrases = (list) => [...new Set(list.map((e) => e.phrase).filter(Boolean))].slice(0, 3);
  const v = a.violations.find((x) => x.type === code);
  if (v) {
    const ps = phrases(v.evidence);
    return html`<span class="classify-why small" data-why="suggested">${confidence(v.confidence)}${ps.map((p, i) => html`${i ? t('、', ', ') : ' '}${quoted(p)}`)}</span>`;
  }
  const d = a.dismissed.filter((x) => x.type === code);
  if (!d.length) return '';
  return html`<span class="classify-why small muted" data-why="dismissed">${t('规则已排除：', 'Dismissed by the rules: ')}${d.slice(0, 2).map((x, i) => html`${i ? t('；', '; ') : ''}<s>${quoted(x.evidence.phrase || '', 'dismissed')}</s>${t('（', ' (')}${dismissedReason(x.reason)}${t('）', ')')}`)}</span>`;
}

function assessmentCard(c) {
  const a = c.assessment;
  if (!a) {
    return html`<section class="card" id="assessment" aria-labelledby="as-title"><h2 id="as-title">${t('规则分析', 'What the rules found')}</h2>
      <p class="muted">${c.status === 'SUBMITTED' ? t('投诉正在分派，分析稍后显示。', 'The complaint is being routed; the analysis follows.') : t('没有规则分析结果。', 'No analysis.')}</p></section>`;
  }
  const police = a.suggestedReferral === 'POLICE';
  return html`<section class="card" id="assessment" aria-labelledby="as-title" data-severity="${a.severity}">
    <h2 id="as-title">${t('规则分析', 'What the rules found')}</h2>
    <p class="severity">${t('严重程度：', 'Severity: ')}<span class="badge tone-${(priorities[a.severity] || [])[2] || 'muted'}">${L(priorities, a.severity)}</span>
      ${a.urgency.length ? html` · ${t('紧急因素：', 'Urgent because of: ')}${a.urgency.map((u, i) => html`${i ? t('、', ', ') : ''}<strong>${L(URGENCY, u.factor)}</strong>`)}` : ''}</p>
    ${a.suggestedReferral ? html`<p class="referral-advice ${police ? 'tone-danger' : 'tone-warn'}" id="referral-advice">
      ${police ? t('建议移送公安机关：投诉涉及人身安全威胁或暴力。如当事人仍面临危险，请告知其立即拨打 110。', 'Consider referring to the police: the complaint shows threats to safety or violence. If the person is still in danger, tell them to call 110 now.')
    : t(`建议移送：${L(REFERRALS, a.suggestedReferral)}`, `Consider referring to: ${L(REFERRALS, a.suggestedReferral)}`)}
      <button type="button" class="btn small" id="referral-open" hidden>${t('移送…', 'Refer…')}</button></p>` : ''}
    ${a.violations.length ? html`<ul class="suggestions">${a.violations.map((v) => html`<li data-code="${v.type}">
      <p><strong>${vlabel(v.type)}</strong> ${confidence(v.confidence)}${(c.confirmedViolations || []).includes(v.type) ? html` <span class="badge small tone-ok">${t('已确认', 'confirmed')}</span>` : ''}</p>
      <ul class="hits">${v.evidence.map((e) => evidenceLine(e, v.type))}</ul>
      ${laws(v.legalReferences)}</li>`)}</ul>` : html`<p class="muted">${t('规则未发现违规。', 'The rules found no violation.')}</p>`}
    ${a.dismissed.length ? html`<details class="more dismissed" id="dismissed" open><summary>${t(`被排除的匹配（${a.dismissed.length}）：否定、转述或例外`, `Dismissed matches (${a.dismissed.length}): negated, hearsay or an exception`)}</summary>
      <ul class="hits">${a.dismissed.map((x) => html`<li data-code="${x.type}"><s>${x.evidence.phrase ? quoted(x.evidence.phrase, 'dismissed') : ruleWords(x.evidence)}</s>
        → ${vlabel(x.type)} <span class="muted small">${SOURCES(x.evidence.source)} · ${dismissedReason(x.reason)}${ruleId(x.evidence, x.type)}</span></li>`)}</ul></details>` : ''}
    ${a.notes.length ? html`<ul class="small muted">${a.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
    <p class="small muted">${t('规则包', 'Rule pack')} ${a.packId} ${a.packVersion} · ${when(a.assessedAt)} · ${t('以上为规则建议，需审核员确认（分类）。', 'These are suggestions; a reviewer confirms them by classifying.')}</p>
  </section>`;
}

// ---------------------------------------------------------------- facts

function facts(c, marks) {
  const d = c.debtor || {};
  const rows = [
    [t('与借款人的关系', 'Relation to the borrower'), L(relations, c.relation)],
    [t('放贷机构', 'Lender'), html`${registeredAs(c.lenderName, c.lender, 'data-lender-name')}${c.lender ? '' : html` <span class="badge small tone-warn">${t('未匹配登记机构', 'not matched')}</span>`}`],
    c.agencyName || c.agency ? [t('催收机构', 'Collection agency'), html`${registeredAs(c.agencyName, c.agency, 'data-agency-name')}${c.agencyId ? '' : html` <span class="badge small tone-warn">${t('未匹配登记机构', 'not matched')}</span>`}`] : null,
    [t('借款类型', 'Kind of credit'), L(products, c.product)],
    [t('省份', 'Province'), provinceName(c.province)],
    d.name || d.mobile || d.idNumber ? [t('借款人', 'Borrower'), html`<span id="debtor">${debtorLine(d)}</span>${d.masked ? html` <span class="badge small tone-muted">${t('已遮盖', 'masked')}</span>` : ''}`] : null,
    c.contractNumber ? [t('合同编号', 'Contract number'), c.contractNumber] : null,
    c.amountOwed ? [t('欠款金额', 'Amount owed'), money(c.amountOwed)] : null,
    c.daysOverdue != null ? [t('逾期天数', 'Days overdue'), String(c.daysOverdue)] : null,
    c.priority ? [t('优先级', 'Priority'), L(priorities, c.priority)] : null,
    c.team ? [t('团队', 'Team'), teamName(c.team)] : null,
    c.forwardedAt ? [t('转交时间', 'Forwarded'), when(c.forwardedAt)] : null,
    c.rejectionReason ? [t('不予受理理由', 'Rejected because'), L(REJECTIONS, c.rejectionReason)] : null,
    c.referredTo ? [t('移送至', 'Referred to'), L(REFERRALS, c.referredTo)] : null,
    c.mergedInto ? [t('已合并至', 'Merged into'), html`<a href="#/c/${c.mergedInto}">${c.mergedInto}</a>`] : null,
    [t('提交时间', 'Filed'), when(c.createdAt)],
    [t('最近更新', 'Last update'), when(c.updatedAt)],
  ].filter(Boolean);
  return html`<dl class="facts">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
    <h3>${t('经过描述', 'What happened')}</h3>
    <blockquote class="narrative" id="narrative" lang="${textLang(c.narrative)}">${highlight(c.narrative, marks.narrative)}</blockquote>
    ${(c.incidents || []).length ? html`<h3>${t('催收经过', 'Incidents')}</h3><ol class="incidents">${c.incidents.map((i, n) => html`<li>
      <strong>${L(channels, i.channel)}</strong> ${i.dateOnly ? day(i.occurredAt) : when(i.occurredAt)}${i.count > 1 ? html` · ${t(`${i.count} 次`, `${i.count} times`)}` : ''}${i.from ? html` · ${t('号码', 'from')} ${i.from}` : ''}
      ${i.description ? html`<br><span class="quote" lang="${textLang(i.description)}">${highlight(i.description, marks[`incidents[${n}]`])}</span>` : ''}</li>`)}</ol>` : ''}
    ${(c.claimedViolations || []).length ? html`<h3>${t('投诉人所述行为', 'Conduct the complainant reports')}</h3>
      <ul class="tags">${c.claimedViolations.map((v) => html`<li class="tag">${vlabel(v)}</li>`)}</ul>` : ''}
    ${(c.confirmedViolations || []).length ? html`<h3>${t('已确认的违规', 'Confirmed violations')}</h3>
      <ul class="tags" id="confirmed">${c.confirmedViolations.map((v) => html`<li class="tag" data-code="${v}">${vlabel(v)}</li>`)}</ul>` : ''}
    ${(c.outcomesWanted || []).length ? html`<h3>${t('希望的处理结果', 'Outcome wanted')}</h3>
      <ul class="tags">${c.outcomesWanted.map((o) => html`<li class="tag">${L(outcomes, o)}</li>`)}</ul>` : ''}
    ${c.informationRequest ? html`<h3>${t('待回答的问题', 'Open question')}</h3><blockquote class="question" lang="${textLang(c.informationRequest)}">${c.informationRequest}</blockquote>` : ''}
    ${answers(c)}
    <p class="small muted">${c.consentToShareIdentity ? t('同意向机构提供身份信息', 'Identity may be shared with the institution') : t('不向机构提供身份信息', 'Identity not shared with the institution')} ·
      ${c.consentToPublish ? t('同意匿名公开', 'May be published anonymously') : t('不公开', 'Not published')}</p>`;
}

// answers are the complainant's answers to the reviewers' questions, each under its question (the
// history's details): the reviewer who asked read only 已补充材料 in the history, the answer nowhere
// on the page (session 34 walk).
function answers(c) {
  const qa = (c.history || []).filter((e) => e.action === 'INFORMATION_PROVIDED' && e.details).map((e) => {
    try { return { ...JSON.parse(e.details), at: e.at }; } catch { return null; }
  }).filter((d) => d && d.answer);
  if (!qa.length) return '';
  return html`<h3 id="answers-title">${t('投诉人补充的信息', 'What the complainant answered')}</h3>
    <dl class="qa" id="answers" aria-labelledby="answers-title">${qa.map((d) => html`<dt>${t('问：', 'Q: ')}<span lang="${textLang(d.question || '')}">${d.question || '—'}</span></dt>
      <dd>${t('答：', 'A: ')}<span lang="${textLang(d.answer)}">${d.answer}</span> <span class="muted small">${when(d.at)}</span></dd>`)}</dl>`;
}

function identityBlock(c) {
  if (!c.debtor || !c.debtor.masked || !['reviewer', 'supervisor'].includes(state.me.role)) return '';
  return html`<details class="more" id="reveal"><summary>${t('查看完整身份信息（需说明理由）', 'Reveal the full identity (a reason is required)')}</summary>
    <form id="reveal-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('revealReason', t('查看理由', 'Reason'), html`<input id="f-revealReason" name="reason" maxlength="500" aria-describedby="${describedBy('revealReason')}" required>`,
    { hint: t('理由、您的身份、时间和地址会记入审计日志。', 'The reason, who you are, the time and your address go into the audit log.'), required: true })}
      <button class="btn" type="submit">${t('查看', 'Reveal')}</button>
    </form>
    <div id="revealed" aria-live="polite"></div></details>`;
}

// ---------------------------------------------------------------- duplicates, answers, notes

function duplicatesCard(c, marks) {
  const dups = c.likelyDuplicates || [];
  const links = c.links || [];
  if (!dups.length && !links.length) return '';
  const open = (c.availableActions || []).includes('LINKED');
  return html`<section class="card" id="duplicates" aria-labelledby="dup-title">
    <h2 id="dup-title">${t('可能重复的投诉', 'Likely duplicates')}</h2>
    ${dups.length ? html`<p class="hint">${t('同一借款人 30 天内对同一机构的投诉。本投诉可关联到较早的投诉，或作为重复投诉合并（本投诉随之办结）。', 'Complaints of the same debtor against the same institution within 30 days. Link this complaint to the earlier one, or merge it (this one is then closed).')}</p>
    <div class="side-by-side">${dups.map((x) => html`<div class="pair" data-dup="${x.reference}">
      <article class="twin"><h3>${t('本投诉', 'This complaint')} <span class="ref">${c.reference}</span></h3>
        <p>${statusBadge(c.status)} ${when(c.createdAt)}</p><p>${partyName(c.lenderName, c.lender)}${c.agencyName ? ` · ${partyName(c.agencyName, c.agency)}` : ''}</p>
        <p class="narrative small" lang="${textLang(c.narrative)}">${highlight(c.narrative, marks.narrative)}</p>
        <ul class="tags">${(c.claimedViolations || []).map((v) => html`<li class="tag">${vlabel(v)}</li>`)}</ul></article>
      <article class="twin"><h3>${t('较早的投诉', 'Earlier complaint')} <a class="ref" href="#/c/${encodeURIComponent(x.reference)}">${x.reference}</a></h3>
        <p>${statusBadge(x.status)} ${when(x.createdAt)}</p><p>${partyName(x.lenderName, x.lender)}${x.agencyName ? ` · ${partyName(x.agencyName, x.agency)}` : ''}</p>
        <p class="narrative small" lang="${textLang(x.narrative)}">${x.narrative}</p>
        <ul class="tags">${(x.claimedViolations || []).map((v) => html`<li class="tag">${vlabel(v)}</li>`)}</ul></article>
      ${open ? html`<p class="pair-actions"><button type="button" class="btn small" data-link="${x.id}" data-merge="false">${t('关联', 'Link')}<span class="sr-only"> ${x.reference}</span></button>
        <button type="button" class="btn small danger" data-link="${x.id}" data-merge="true">${t('合并并办结本投诉', 'Merge and close this one')}<span class="sr-only"> ${x.reference}</span></button></p>` : ''}
    </div>`)}</div>` : ''}
    ${links.length ? html`<h3>${t('已关联', 'Linked')}</h3><ul class="links small">${links.map((l) => html`<li>${l.complaintId === c.id ? t('本投诉重复于', 'This repeats') : t('重复本投诉：', 'Repeats this one:')}
      ${((o) => html`<a class="ref" href="#/c/${encodeURIComponent(c.linkRefs[o] || o)}">${c.linkRefs[o] || o}</a>`)(l.complaintId === c.id ? l.primaryId : l.complaintId)}${l.merged ? html` <span class="badge small tone-muted">${t('已合并', 'merged')}</span>` : ''}${l.reason ? html` · <span lang="${textLang(l.reason)}">${l.reason}</span>` : ''} · ${when(l.at)}</li>`)}</ul>` : ''}
  </section>`;
}


function answersCard(c) {
  return html`<section class="card" id="answers" aria-labelledby="ans-title">
    <h2 id="ans-title">${t('机构答复与延期', 'Answers and extensions')}</h2>
    ${(c.responses || []).map((r) => html`<article class="response" data-category="${r.category}" data-round="${earlierRound(c, r) ? 'earlier' : 'current'}">
      <p>${roundTag(c, r)}<span class="badge tone-info">${L(responseCategories, r.category)}</span> <span class="muted small">${partyTag(c, r.institutionId)} · ${when(r.at)}</span></p>
      <p class="explanation" lang="${textLang(r.explanation)}">${r.explanation}</p>
      ${reliefList(r.relief)}</article>`)}
    ${currentFeedback(c) ? html`<p class="feedback-given" data-decision="${c.feedback.decision}">${c.feedback.decision === 'ACCEPT' ? t('投诉人接受答复', 'The complainant accepted') : t('投诉人提出异议', 'The complainant disputed')} · ${'★'.repeat(c.feedback.satisfaction)}${c.feedback.comment ? html` · <span lang="${textLang(c.feedback.comment)}">${c.feedback.comment}</span>` : ''}</p>` : ''}
    ${(c.extensions || []).length ? html`<ul class="small" id="extensions">${c.extensions.map((e) => html`<li data-status="${e.status}">${severalAnswer(c) && e.institutionId ? html`${partyTag(c, e.institutionId)} · ` : ''}${t(`答复期限 ${e.days} 天`, `${e.days} days to answer`)} · ${L(extensionStatuses, e.status)}${e.reason ? html` · <span lang="${textLang(e.reason)}">${e.reason}</span>` : ''}${e.decisionReason ? html` · <span lang="${textLang(e.decisionReason)}">${e.decisionReason}</span>` : ''}</li>`)}</ul>` : ''}
  </section>`;
}

function notesCard(c, can) {
  return html`<section class="card" id="notes" aria-labelledby="notes-title">
    <h2 id="notes-title">${t('内部备注', 'Internal notes')}</h2>
    <p class="hint">${t('备注仅监管人员可见，投诉人和机构看不到。', 'Only regulator staff see notes; never the complainant or the institution.')}</p>
    ${(c.notes || []).length ? html`<ol class="notes">${c.notes.slice().reverse().map((n) => html`<li><p class="note-text">${n.text}</p><p class="small muted">${when(n.at)}</p></li>`)}</ol>` : html`<p class="muted">${t('暂无备注。', 'No notes yet.')}</p>`}
    ${can.has('NOTE_ADDED') ? html`<form id="note-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('note', t('新备注', 'New note'), html`<textarea id="f-note" name="text" rows="3" maxlength="5000" aria-describedby="${describedBy('note', false)}" aria-keyshortcuts="n" required></textarea>`)}
      <button class="btn" type="submit">${t('添加备注', 'Add the note')}</button></form>` : ''}
  </section>`;
}

// lapsedNote says, on an answered complaint whose complainant let the feedback window run out,
// that nothing is awaited any more and it may be closed (with the usual close action, its reason
// filled in).
function lapsedNote(c, can) {
  if (c.status !== 'RESPONDED' || currentFeedback(c) || !feedbackLapsed(c)) return '';
  return html`<div class="caveat lapsed-note" id="lapsed-note"><p>${t('投诉人未在评价期限内接受或对机构答复提出异议，本投诉已无待办事项，可以办结。',
    'The complainant neither accepted nor disputed the answer within the feedback window: nothing is awaited, and the complaint may be closed.')}</p>
    ${can.has('CLOSED') ? html`<p><button type="button" class="btn primary" id="close-lapsed">${t('办结', 'Close')}</button></p>` : ''}</div>`;
}

// ---------------------------------------------------------------- actions

function actionBar(c, can) {
  const list = ACTIONS.filter(([code]) => can.has(code));
  if (!list.length) return html`<section class="card actions" id="actions" aria-labelledby="act-title"><h2 id="act-title" class="sr-only">${t('操作', 'Actions')}</h2>
    <p class="muted">${t('当前状态下您没有可执行的操作。', 'There is nothing you can do in this state.')}</p></section>`;
  return html`<section class="card actions" id="actions" aria-labelledby="act-title">
    <h2 id="act-title">${t('操作', 'Actions')}</h2>
    <div class="action-buttons">${list.map(([code, label, key]) => html`<button type="button" class="btn${code === 'CLAIMED' || code === 'FORWARDED' ? ' primary' : ''}" data-act="${code}" aria-expanded="false" aria-controls="action-panel"${key ? html` aria-keyshortcuts="${key}"` : ''}>
      ${t(label[0], label[1])}${key ? html` <kbd aria-hidden="true">${key}</kbd>` : ''}</button>`)}</div>
  </section>`;
}

function reasonField(required, hint = '') {
  return field('reason', t('理由', 'Reason'), html`<textarea id="f-reason" name="reason" rows="2" maxlength="2000" aria-describedby="${describedBy('reason', !!hint)}"${required ? ' required' : ''}></textarea>`,
    { required, optional: !required, hint });
}

// actionForm returns the form of an action; CLAIMED has none (the button claims at once).
function actionForm(code, c, extra) {
  const title = ACTIONS.find((a) => a[0] === code)[1];
  const wrap = (body, submit, cls = 'primary') => html`<section class="card action-card" aria-labelledby="form-title" data-form="${code}">
    <h2 id="form-title" tabindex="-1">${t(title[0], title[1])}</h2>
    <form id="action-form" novalidate data-action="${code}">
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${body}
      <div class="submit-row"><button class="btn ${cls}" type="submit">${submit}</button> <button class="btn" type="button" data-cancel>${t('取消', 'Cancel')}</button></div>
    </form></section>`;
  switch (code) {
    case 'ASSIGNED': {
      // The team's reviewers and supervisors by name; a user id only when their list is not to be had.
      const people = extra.people || [];
      const input = people.length
        ? html`<select id="f-assignee" name="assignee" aria-describedby="${describedBy('assignee')}" required><option value="">${t('请选择', 'Choose')}</option>
          ${people.map((p) => html`<option value="${p.userId}" ${String(p.userId) === String(c.assigneeId) ? 'selected' : ''}>${p.displayName} · ${L(roles, p.role)}${String(p.userId) === String(state.me.id) ? t('（我）', ' (me)') : ''}</option>`)}</select>`
        : html`<input id="f-assignee" name="assignee" inputmode="numeric" pattern="[0-9]*" value="${c.assigneeId || ''}" aria-describedby="${describedBy('assignee')}" required>`;
      const canMe = !people.length || people.some((p) => String(p.userId) === String(state.me.id));
      return wrap(html`${field('assignee', people.length ? t('审核员', 'Reviewer') : t('审核员的用户编号', 'The reviewer\'s user id'), input,
        { hint: t(`须为该投诉所属团队（${teamName(c.team)}）的审核员或主管。`, `A reviewer or supervisor of the complaint's team (${teamName(c.team)}).`), required: true })}
        ${canMe ? html`<p><button type="button" class="link" data-me>${t('指派给我自己', 'Assign it to me')}</button></p>` : ''}`, t('指派', 'Assign'));
    }
    case 'CLASSIFIED': {
      const suggested = ((c.assessment && c.assessment.violations) || []).map((v) => v.type);
      const current = (c.confirmedViolations || []).length ? c.confirmedViolations : [...new Set([...(c.claimedViolations || []), ...suggested])];
      const items = (state.violationTypes || []).map((v) => [v.code, html`${t(v.labelZh, v.labelEn)}${(c.claimedViolations || []).includes(v.code) ? html` <span class="muted small">${t('（投诉人所述）', '(claimed)')}</span>` : ''}${suggested.includes(v.code) ? html` <span class="muted small">${t('（规则建议）', '(suggested)')}</span>` : ''}${classifyWhy(c, v.code)}`]);
      return wrap(html`${group('violations', t('事实表明的违规类型', 'Violations the facts show'), items, { checked: current,
        hint: t('勾选的类型将被确认；投诉人所述但未勾选的类型将被驳回。', 'Ticked types are confirmed; claimed types left unticked are rejected.') })}
        ${field('priority', t('优先级', 'Priority'), html`<select id="f-priority" name="priority" aria-describedby="${describedBy('priority', false)}">${options(priorities, t('不变', 'Unchanged'), '')}</select>`, { optional: true })}`,
      t('保存分类', 'Save the classification'));
    }
    case 'INFORMATION_REQUESTED': {
      // The complainant reads the question as written: the platform translates nothing. A question
      // typed in English reached a complainant who had written in Chinese (session 34 walk): the
      // form says in which language the complainant wrote, and warns while the question is in another.
      const theirs = textLang(c.narrative);
      return wrap(html`${field('question', t('向投诉人提出的问题', 'Your question to the complainant'), html`<textarea id="f-question" name="question" rows="3" maxlength="2000" aria-describedby="${describedBy('question')} question-lang-warn" required data-their-lang="${theirs}"></textarea>`,
        { hint: t(`投诉人会收到通知；回答前受理期限暂停。投诉人用${theirs === 'en' ? '英文' : '中文'}填写了投诉，平台不翻译，投诉人读到的是您写的原文。`,
          `The complainant is notified; the decision clock stops until they answer. The complainant wrote in ${theirs === 'en' ? 'English' : 'Chinese'}; the platform does not translate, so they read your question as you write it.`), required: true })}
        <p class="field-warn" id="question-lang-warn" role="status" hidden></p>`, t('发送问题', 'Send the question'));
    }
    case 'FORWARDED': {
      const targets = [['LENDER', t(`${L(FORWARD, 'LENDER')}：${c.lenderName}`, `${L(FORWARD, 'LENDER')}: ${partyName(c.lenderName, c.lender)}`)]];
      if (c.agencyName || c.agencyId) targets.push(['AGENCY', `${L(FORWARD, 'AGENCY')}${t('：', ': ')}${partyName(c.agencyName, c.agency)}`], ['BOTH', L(FORWARD, 'BOTH')]);
      const pick = (name, label, list, current) => field(name, label, html`<select id="f-${name}" name="${name}" aria-describedby="${describedBy(name)}">
        <option value="">${current ? t('保持已匹配的机构', 'Keep the matched institution') : t('请选择登记的机构', 'Choose a registered institution')}</option>
        ${list.map((i) => html`<option value="${i.id}">${instName(i)}</option>`)}</select>`,
      { hint: current ? t(`已匹配：${current}`, `Matched: ${current}`) : t('投诉人只填写了名称，请选择对应的登记机构。', 'The complainant only typed a name; choose the registered institution.') });
      return wrap(html`${group('target', t('转交给', 'Forward to'), targets, { type: 'radio', cls: 'radio-col', checked: ['LENDER'] })}
        ${pick('lenderId', t('放贷机构', 'Lender'), extra.lenders, c.lender && instName(c.lender))}
        ${c.agencyName || c.agencyId ? pick('agencyId', t('催收机构', 'Collection agency'), extra.agencies, c.agencyId && partyName(c.agencyName, c.agency)) : ''}
        <p class="hint" id="forward-answer-time">${extra.answerIn ? t(`按现行时限政策，机构须在转交后 ${extra.answerIn.days} ${extra.answerIn.working ? '个工作日' : '日'}内答复；转交后投诉人会收到通知。`,
    `Under the deadline policy in force the institution must answer within ${extra.answerIn.days} ${extra.answerIn.working ? 'working days' : 'days'} of forwarding; the complainant is told.`)
    : t('机构须在时限政策规定的期限内答复；转交后投诉人会收到通知。', 'The institution must answer within the time the deadline policy sets; the complainant is told.')}</p>`, t('转交', 'Forward'));
    }
    case 'REJECTED':
      return wrap(html`${field('reasonCode', t('不予受理的法定理由', 'Legal ground'), html`<select id="f-reasonCode" name="reasonCode" aria-describedby="${describedBy('reasonCode', false)}" required>${options(REJECTIONS, t('请选择', 'Choose'))}</select>`, { required: true })}
        ${reasonField(false)}
        <p class="hint">${t('有其他有权机关时，请“转其他部门”而不是不予受理。', 'Where another body is competent, refer instead of rejecting.')}</p>`, t('不予受理', 'Reject'), 'danger');
    case 'REFERRED':
      return wrap(html`${field('to', t('移送至', 'Refer to'), html`<select id="f-to" name="to" aria-describedby="${describedBy('to', false)}" required>${options(REFERRALS, t('请选择', 'Choose'), (c.assessment && c.assessment.suggestedReferral) || '')}</select>`, { required: true })}
        ${reasonField(false)}`, t('移送', 'Refer'));
    case 'INVESTIGATION_OPENED':
      return wrap(reasonField(false), t('启动调查', 'Open the investigation'));
    case 'ESCALATED':
      return wrap(reasonField(true, t('说明为何需要上级处理。', 'Say why it needs senior attention.')), t('升级', 'Escalate'));
    case 'CLOSED': {
      // Closing an answered complaint ends the complainant's feedback window: while it runs, the
      // form says until when they may still accept or dispute the answer.
      const fb = c.status === 'RESPONDED' && (c.deadlines || []).find((d) => d.kind === 'FEEDBACK' && d.state === 'OPEN' && !d.metAt && Date.parse(d.dueAt) > Date.now());
      return wrap(html`${fb ? html`<p class="alert tone-warn" id="close-feedback-open">${t('投诉人的评价期尚未结束：', 'The complainant\'s feedback window is still open: ')}${countdown(fb.dueAt, fb)}${t('。现在办结，投诉人将不能再接受答复或提出异议；如无特别原因，请待评价期结束后办结。',
    '. Closed now, they can no longer accept or dispute the answer; unless there is a reason not to, close it once the window is over.')}</p>` : ''}
        ${reasonField(true, t('办结理由会记入处理记录，投诉人可见。', 'The reason goes into the history the complainant sees.'))}`, t('办结', 'Close'));
    }
    case 'REOPENED':
      return wrap(reasonField(true, t('说明新的事实（办结后 90 天内可重新处理）。', 'State the new facts (within 90 days of closing).')), t('重新处理', 'Reopen'));
    case 'REROUTED':
      return wrap(html`${field('team', t('转至团队', 'Team'), html`<select id="f-team" name="team" aria-describedby="${describedBy('team', false)}" required><option value="">${t('请选择', 'Choose')}</option>
        ${extra.teams.filter((x) => x !== c.team).map((x) => html`<option value="${x}">${teamName(x)}</option>`)}</select>`, { required: true })}
        ${reasonField(true)}`, t('转至该团队', 'Reroute'));
    case 'LINKED':
      return wrap(html`${field('primary', t('主投诉编号', 'The primary complaint\'s reference'), html`<input id="f-primary" name="primary" placeholder="RL-2026-00000001" autocomplete="off" aria-describedby="${describedBy('primary')}" required>`,
        { hint: t('本投诉将被记为该投诉的重复投诉。', 'This complaint is recorded as a duplicate of that one.'), required: true })}
        ${group('merge', t('合并', 'Merge'), [['true', t('合并并办结本投诉', 'Merge and close this complaint')]])}
        ${reasonField(false)}`, t('关联', 'Link'));
    case 'EXTENSION_DECIDED':
      return wrap(html`${extensionAsk(c)}
        ${group('approve', t('决定', 'Decision'), [['true', t('批准延期', 'Approve')], ['false', t('不批准', 'Deny')]], { type: 'radio', cls: 'radio-row' })}
        ${reasonField(false, t('不批准时必填；机构和投诉人会看到。', 'Required to deny; the institution and the complainant read it.'))}`, t('提交决定', 'Decide'));
    default:
      return '';
  }
}

const M = {
  CLAIMED: 'mutation($id: ID!, $v: Int) { claimComplaint(id: $id, expectedVersion: $v) { id version } }',
  ASSIGNED: 'mutation($ids: [ID!]!, $a: ID!, $v: Int) { assignComplaint(ids: $ids, assigneeId: $a, expectedVersion: $v) { id version } }',
  CLASSIFIED: 'mutation($id: ID!, $v: Int, $c: [ViolationType!], $a: [ViolationType!], $r: [ViolationType!], $p: Priority) { classifyComplaint(id: $id, expectedVersion: $v, confirm: $c, add: $a, reject: $r, priority: $p) { id version } }',
  INFORMATION_REQUESTED: 'mutation($id: ID!, $v: Int, $q: String!) { requestInformation(id: $id, expectedVersion: $v, question: $q) { id version } }',
  FORWARDED: 'mutation($id: ID!, $v: Int, $t: ForwardTarget!, $l: ID, $g: ID) { forwardComplaint(id: $id, expectedVersion: $v, target: $t, lenderId: $l, agencyId: $g) { id version } }',
  REJECTED: 'mutation($id: ID!, $v: Int, $c: RejectionReason!, $r: String) { rejectComplaint(id: $id, expectedVersion: $v, reasonCode: $c, reason: $r) { id version } }',
  REFERRED: 'mutation($id: ID!, $v: Int, $to: ReferralBody!, $r: String) { referComplaint(id: $id, expectedVersion: $v, to: $to, reason: $r) { id version } }',
  INVESTIGATION_OPENED: 'mutation($id: ID!, $v: Int, $r: String) { investigateComplaint(id: $id, expectedVersion: $v, reason: $r) { id version } }',
  ESCALATED: 'mutation($id: ID!, $v: Int, $r: String!) { escalateComplaint(id: $id, expectedVersion: $v, reason: $r) { id version } }',
  CLOSED: 'mutation($id: ID!, $v: Int, $r: String!) { closeComplaint(id: $id, expectedVersion: $v, reason: $r) { id version } }',
  REOPENED: 'mutation($id: ID!, $v: Int, $r: String!) { reopenComplaint(id: $id, expectedVersion: $v, reason: $r) { id version } }',
  REROUTED: 'mutation($id: ID!, $v: Int, $t: String!, $r: String!) { rerouteComplaint(id: $id, expectedVersion: $v, team: $t, reason: $r) { id version } }',
  LINKED: 'mutation($d: ID!, $p: ID!, $m: Boolean, $r: String, $v: Int) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: $m, reason: $r, expectedVersion: $v) { id version } }',
  EXTENSION_DECIDED: 'mutation($id: ID!, $v: Int, $a: Boolean!, $r: String) { decideExtension(id: $id, expectedVersion: $v, approve: $a, reason: $r) { id status } }',
};

const DONE = {
  CLAIMED: ['已认领，由您处理。', 'Claimed: it is yours.'], ASSIGNED: ['已指派。', 'Assigned.'], CLASSIFIED: ['分类已保存。', 'Classification saved.'],
  INFORMATION_REQUESTED: ['问题已发送给投诉人。', 'Question sent to the complainant.'], FORWARDED: ['已转交机构。', 'Forwarded.'],
  REJECTED: ['已不予受理。', 'Rejected.'], REFERRED: ['已移送。', 'Referred.'], INVESTIGATION_OPENED: ['已启动调查。', 'Investigation opened.'],
  ESCALATED: ['已升级处理。', 'Escalated.'], CLOSED: ['已办结。', 'Closed.'], REOPENED: ['已重新处理。', 'Reopened.'], REROUTED: ['已转至其他团队。', 'Rerouted.'],
  LINKED: ['已关联。', 'Linked.'], MERGED: ['已合并并办结。', 'Merged and closed.'], EXTENSION_DECIDED: ['延期决定已保存。', 'Extension decided.'],
};

// variables builds an action's variables from its form, or throws field errors.
function variables(code, c, f) {
  const v = { id: c.id, v: c.version };
  const text = (name) => (f.elements[name] ? f.elements[name].value.trim() : '');
  const need = (name, path, zh, en) => { if (!text(name)) throw { errors: [invalid(path, zh, en)] }; return text(name); };
  switch (code) {
    case 'ASSIGNED': {
      const a = need('assignee', 'assignee', '请选择或填写审核员。', 'Choose or give the reviewer.');
      if (!/^\d+$/.test(a)) throw { errors: [invalid('assignee', '用户编号只能是数字。', 'A user id is a number.')] };
      return { ids: [c.id], a, v: c.version };
    }
    case 'CLASSIFIED': {
      const ticked = $$('input[name=violations]:checked', f).map((x) => x.value);
      const claimed = c.claimedViolations || [];
      const had = [...new Set([...claimed, ...(c.confirmedViolations || [])])];
      return { ...v, c: ticked.filter((x) => claimed.includes(x)), a: ticked.filter((x) => !claimed.includes(x)), r: had.filter((x) => !ticked.includes(x)), p: text('priority') || null };
    }
    case 'INFORMATION_REQUESTED': return { ...v, q: need('question', 'question', '请填写问题。', 'Write your question.') };
    case 'FORWARDED': {
      const target = $('input[name=target]:checked', f)?.value;
      if (!target) throw { errors: [invalid('target', '请选择转交对象。', 'Choose whom to forward to.')] };
      return { ...v, t: target, l: text('lenderId') || null, g: text('agencyId') || null };
    }
    case 'REJECTED': return { ...v, c: need('reasonCode', 'reasonCode', '请选择理由。', 'Choose the ground.'), r: text('reason') || null };
    case 'REFERRED': return { ...v, to: need('to', 'to', '请选择移送对象。', 'Choose the body.'), r: text('reason') || null };
    case 'INVESTIGATION_OPENED': return { ...v, r: text('reason') || null };
    case 'ESCALATED': case 'CLOSED': case 'REOPENED': return { ...v, r: need('reason', 'reason', '请填写理由。', 'Give the reason.') };
    case 'REROUTED': return { ...v, t: need('team', 'team', '请选择团队。', 'Choose the team.'), r: need('reason', 'reason', '请填写理由。', 'Give the reason.') };
    case 'LINKED': return { d: c.id, p: need('primary', 'primary', '请填写主投诉编号。', 'Give the primary complaint.'), m: !!$('input[name=merge]:checked', f), r: text('reason') || null, v: c.version };
    case 'EXTENSION_DECIDED': {
      const a = $('input[name=approve]:checked', f)?.value;
      if (!a) throw { errors: [invalid('approve', '请选择批准或不批准。', 'Approve or deny.')] };
      if (a === 'false' && !text('reason')) throw { errors: [invalid('reason', '不批准延期须说明理由。', 'Give the reason to deny.')] };
      return { ...v, a: a === 'true', r: text('reason') || null };
    }
    default: return v;
  }
}

// conflictOrError explains a version conflict in plain words, with a reload button; other errors
// go to the caller.
function showConflict(err) {
  const box = $('#conflict');
  if (!box) return;
  const e = err.errors[0];
  const claimed = (e.extensions || {}).field === 'id';
  mount(box, html`<p><strong>${t('操作没有保存。', 'Nothing was saved.')}</strong>
    ${claimed ? errorText(e) : t(`在您打开此页后，另一位同事（或投诉人、机构）修改了这件投诉。您看到的是第 ${box.closest('#complaint').dataset.version} 版，已不是最新版本；为免覆盖别人的修改，系统拒绝了您的操作。`,
    `Someone else (a colleague, the complainant or the institution) changed this complaint after you opened it. You were looking at version ${box.closest('#complaint').dataset.version}, which is no longer current; to avoid overwriting their change, your action was refused.`)}</p>
    <p>${t('请重新载入，查看最新内容后再决定是否重做。', 'Reload to see the latest version, then decide whether to do it again.')}</p>
    <button type="button" class="btn primary" id="conflict-reload">${t('重新载入', 'Reload')}</button>`);
  box.hidden = false;
  box.dataset.code = 'CONFLICT';
  box.focus();
}

function conflictOrError(err) {
  if (err && err.code === 'CONFLICT') showConflict(err);
  else toast(err && err.errors ? errorText(err.errors[0]) : String(err), 'danger');
}

// teamPeople is the reviewers and supervisors of a team, by name (teamLoad), or none.
async function teamPeople(team) {
  const d = await gql('{ teamLoad { team members { userId displayName role } } }');
  const tl = d.teamLoad.find((x) => x.team === team);
  return tl ? tl.members.filter((m) => m.role === 'reviewer' || m.role === 'supervisor') : [];
}

// answerTime is the first stage of the institution's answer clock in the deadline policy in force
// of the complaint's calendar ({ days, working }), null when it cannot be read: the forward form
// said "机构须在 15 日内答复" whatever the policy (session 26 walk).
async function answerTime(c) {
  try {
    const j = ((c.deadlines || []).find((d) => d.calendar) || {}).calendar || 'CN';
    const d = await gql('query($j: Jurisdiction) { deadlineRules(jurisdiction: $j) { policy } }', { j });
    const clock = JSON.parse(d.deadlineRules.policy).clocks.INSTITUTION_RESPONSE;
    return { days: clock.stages[0].days, working: clock.unit === 'WORKING_DAYS' };
  } catch {
    return null;
  }
}

async function extrasFor(code, c) {
  if (code === 'FORWARDED') {
    const find = async (name, want) => {
      if (!name) return [];
      const d = await gql('query($s: String) { institutions(search: $s, first: 8) { edges { node { id name nameEn kind } } } }', { s: name });
      return d.institutions.edges.map((e) => e.node).filter((i) => want(i.kind));
    };
    const [lenders, agencies, answerIn] = await Promise.all([c.lenderId ? [] : find(c.lenderName, (k) => k !== 'COLLECTION_AGENCY'), c.agencyId ? [] : find(c.agencyName, (k) => k === 'COLLECTION_AGENCY'), answerTime(c)]);
    return { lenders, agencies, answerIn };
  }
  if (code === 'ASSIGNED') return { people: await teamPeople(c.team) };
  if (code === 'REROUTED') {
    const d = await gql('{ routingTable { teams { team } rules { team } } }');
    return { teams: [...new Set([...d.routingTable.teams.map((x) => x.team), ...d.routingTable.rules.map((x) => x.team)])].sort() };
  }
  return {};
}

// carried is the open action form's code and values across the reload that follows a conflict.
let carried = null;

function wire(c, can, reload) {
  const main = $('#complaint');
  const panel = $('#action-panel');
  const closePanel = () => {
    mount(panel, '');
    $$('[data-act]', main).forEach((b) => b.setAttribute('aria-expanded', 'false'));
  };
  let people = []; // the assign form's reviewers, to name the one a complaint was assigned to
  const run = async (code, vars, form) => {
    const go = async () => {
      try {
        await gql(M[code], vars);
      } catch (err) {
        if (err.code === 'CONFLICT') { showConflict(err); return; }
        throw err;
      }
      const done = code === 'LINKED' && vars.m ? DONE.MERGED : DONE[code];
      const to = code === 'ASSIGNED' && people.find((p) => String(p.userId) === String(vars.a));
      toast(to ? t(`已指派给 ${to.displayName}。`, `Assigned to ${to.displayName}.`) : t(done[0], done[1]));
      await reload();
    };
    if (form) return submitting(form, go);
    return go().catch(conflictOrError);
  };
  const open = async (code) => {
    if (!can.has(code)) return;
    if (code === 'CLAIMED') return run('CLAIMED', { id: c.id, v: c.version });
    const extra = await extrasFor(code, c).catch(() => ({ lenders: [], agencies: [], teams: [] }));
    people = extra.people || [];
    mount(panel, actionForm(code, c, extra));
    $$('[data-act]', main).forEach((b) => b.setAttribute('aria-expanded', String(b.dataset.act === code)));
    const f = $('#action-form', panel);
    liveClear(f);
    $('[data-cancel]', f).addEventListener('click', () => { closePanel(); $(`[data-act="${code}"]`, main)?.focus(); });
    $('[data-me]', f)?.addEventListener('click', () => { f.elements.assignee.value = state.me.id; });
    const q = $('#f-question', f), warn = $('#question-lang-warn', f);
    if (q && warn) {
      q.addEventListener('input', () => {
        const theirs = q.dataset.theirLang, typed = q.value.trim();
        const other = typed.length >= 3 && textLang(typed) !== theirs && (theirs !== 'en' || !/[\u3400-\u9fff]/.test(typed) || !/[A-Za-z]{3,}/.test(typed));
        warn.hidden = !other;
        warn.textContent = other ? (theirs === 'en'
          ? t('您的问题是中文，而投诉人用英文填写了投诉，平台不会翻译。请考虑用英文提问。', 'Your question is in Chinese, but the complainant wrote in English, and the platform does not translate. Consider asking in English.')
          : t('您的问题是英文，而投诉人用中文填写了投诉，平台不会翻译。请考虑用中文提问。', 'Your question is in English, but the complainant wrote in Chinese, and the platform does not translate. Consider asking in Chinese.')) : '';
      });
    }
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      let vars;
      try { vars = variables(code, c, f); } catch (err) { showErrors(f, err.errors).focus(); return; }
      run(code, vars, f);
    });
    panel.scrollIntoView({ block: 'nearest' });
    $('#form-title', panel).focus();
  };
  $$('[data-act]', main).forEach((b) => b.addEventListener('click', () => open(b.dataset.act)));
  // The advice to refer opens the referral form (the body suggested already chosen) where the
  // reviewer may refer: the action bar names it "转其他部门 / Refer", not the police.
  const referBtn = $('[data-act="REFERRED"]', main), referOpen = $('#referral-open', main);
  if (referBtn && referOpen) {
    referOpen.hidden = false;
    referOpen.addEventListener('click', () => referBtn.click());
  }
  $('#close-lapsed', main)?.addEventListener('click', async () => {
    await open('CLOSED');
    const r = $('#action-form #f-reason', panel);
    if (r && !r.value) r.value = LAPSED_REASON;
  });
  $$('[data-link]', main).forEach((b) => b.addEventListener('click', () => run('LINKED', { d: c.id, p: b.dataset.link, m: b.dataset.merge === 'true', r: null, v: c.version })));
  // Reloading after a conflict keeps what was typed in the open form: it opens again on the latest
  // version, filled in, if the action is still possible (a reason or a question written at length
  // was lost with the old page).
  main.addEventListener('click', (ev) => {
    if (ev.target.id !== 'conflict-reload') return;
    const f = $('#action-form', panel);
    carried = f ? { code: f.dataset.action, values: $$('[name]', f).map((el) => [el.name, el.value, el.checked]) } : null;
    reload();
  });
  if (carried) {
    const { code, values } = carried;
    carried = null;
    if (can.has(code)) {
      open(code).then(() => {
        const f = $('#action-form', panel);
        if (!f) return;
        for (const [name, value, checked] of values) {
          $$(`[name="${CSS.escape(name)}"]`, f).forEach((el) => {
            if (el.type === 'checkbox' || el.type === 'radio') { if (el.value === value) el.checked = checked; } else if (el.type !== 'file') el.value = value;
          });
        }
        const note = document.createElement('p');
        note.className = 'hint';
        note.id = 'kept-input';
        note.textContent = t('已载入最新版本，您填写的内容已保留。请核对后再提交。', 'The latest version is loaded and what you typed is kept. Check it, then submit again.');
        $('.form-alert', f).after(note);
      });
    } else {
      toast(t('该操作在最新版本中已不可用，您填写的内容未能保留。', 'That action is no longer possible on the latest version; what you typed could not be kept.'), 'danger');
    }
  }

  const nf = $('#note-form');
  if (nf) {
    liveClear(nf);
    nf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = nf.text.value.trim();
      if (!text) return showErrors(nf, [invalid('note', '请填写备注。', 'Write the note.')]).focus();
      submitting(nf, async () => {
        await gql('mutation($id: ID!, $t: String!) { addNote(id: $id, text: $t) { id } }', { id: c.id, t: text });
        toast(t('备注已添加', 'Note added'));
        await reload();
        $('#notes')?.scrollIntoView({ block: 'nearest' });
      });
    });
  }

  const rf = $('#reveal-form');
  if (rf) {
    liveClear(rf);
    rf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const reason = rf.reason.value.trim();
      if (!reason) return showErrors(rf, [invalid('revealReason', '请说明查看理由。', 'Give the reason.')]).focus();
      submitting(rf, async () => {
        const d = await gql('mutation($c: ID!, $r: String!) { revealDebtorIdentity(complaintId: $c, reason: $r) { name mobile idNumber contractNumber } }', { c: c.id, r: reason });
        const i = d.revealDebtorIdentity;
        mount($('#revealed'), html`<dl class="facts revealed"><div><dt>${t('姓名', 'Name')}</dt><dd>${i.name || '—'}</dd></div>
          <div><dt>${t('手机', 'Mobile')}</dt><dd>${i.mobile || '—'}</dd></div><div><dt>${t('身份证号', 'ID number')}</dt><dd>${i.idNumber || '—'}</dd></div>
          <div><dt>${t('合同编号', 'Contract')}</dt><dd>${i.contractNumber || '—'}</dd></div></dl>
          <p class="small muted">${t('已记入审计日志。', 'Recorded in the audit log.')}</p>`);
        rf.hidden = true;
        announce(t('已显示完整身份信息', 'The full identity is shown'));
      });
    });
  }

  // Keyboard shortcuts: one handler for the page on screen; it removes itself once the case page
  // is gone, and never fires while the person types in a field or holds a modifier.
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = (ev) => {
    const page = document.querySelector('#complaint[data-case]');
    if (!page) { document.removeEventListener('keydown', keyHandler); keyHandler = null; return; }
    if (ev.key === 'Escape') {
      if (document.querySelector('dialog[open]')) return; // the dialog closes itself
      const form = $('#action-panel [data-form]');
      if (form) { closePanel(); ev.preventDefault(); $(`[data-act="${form.dataset.form}"]`)?.focus(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    const el = ev.target;
    if (el && (el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') || document.querySelector('dialog[open]'))) return;
    const key = ev.key;
    if (key === '?') { ev.preventDefault(); help(); return; }
    if (key === 'n') { const n = $('#f-note'); if (n) { ev.preventDefault(); n.scrollIntoView({ block: 'center' }); n.focus(); } return; }
    if (key === 'r') { ev.preventDefault(); reload(); return; }
    const hit = ACTIONS.find((a) => a[2] === key);
    if (hit && can.has(hit[0])) { ev.preventDefault(); open(hit[0]); }
  };
  document.addEventListener('keydown', keyHandler);
}

// help shows the keyboard shortcuts in a dialog that Escape closes.
function help() {
  document.getElementById('shortcuts')?.remove();
  const d = document.createElement('dialog');
  d.id = 'shortcuts';
  d.className = 'shortcuts';
  d.setAttribute('aria-labelledby', 'shortcuts-title');
  const opener = document.activeElement;
  mount(d, html`<h2 id="shortcuts-title">${t('键盘快捷键', 'Keyboard shortcuts')}</h2>
    <p class="small muted">${t('在输入框中输入时快捷键不起作用。', 'Shortcuts do nothing while you type in a field.')}</p>
    <dl class="keys">${SHORTCUTS.map(([k, zh, en]) => html`<div><dt><kbd>${k}</kbd></dt><dd>${t(zh, en)}</dd></div>`)}</dl>
    <button type="button" class="btn" data-close>${t('关闭（Esc）', 'Close (Esc)')}</button>`);
  document.body.append(d);
  d.addEventListener('close', () => { d.remove(); opener?.focus?.(); });
  $('[data-close]', d).addEventListener('click', () => d.close());
  d.showModal();
  $('[data-close]', d).focus();
}
