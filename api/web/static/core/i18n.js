// The portal speaks one language at a time: Chinese first (most complainants write in Chinese),
// English on request (foreign residents, staff). The choice is remembered in localStorage. The
// tables below give [zh, en] for the API's enums; t(zh, en) picks the current language.

const LANG_KEY = 'redline.lang';
let current = (() => {
  try { return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'; } catch { return 'zh'; }
})();

export function lang() { return current; }

export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(LANG_KEY, current); } catch { /* private mode: this page only */ }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

// t returns the text in the current language.
export function t(zh, en) { return current === 'en' ? en : zh; }

// instName is an institution's name in the reader's language: its English name in English when it
// has one, else its (Chinese) legal name.
export function instName(x) { return x ? t(x.name, x.nameEn || x.name) : ''; }

// partyName is a lender or agency as a complaint names it: the name the complainant typed, or in English
// the matched institution's English name when it has one (a Chinese name means nothing to a reader
// of the English pages).
export function partyName(typed, inst) { return current === 'en' && inst && inst.nameEn ? inst.nameEn : typed || instName(inst); }

// textLang is the language a person wrote a text in (a narrative, an answer), for its lang attribute:
// an English narrative on a Chinese page is read out in an English voice, and the reverse.
export function textLang(s) {
  if (/[\u3400-\u9fff]/.test(s || '')) return 'zh-CN';
  if (/[A-Za-z]{2,}/.test(s || '')) return 'en';
  return current === 'en' ? 'en' : 'zh-CN';
}

// L returns the current language's label of a code of one of the tables.
export function L(table, code) {
  const v = table[code];
  return v ? t(v[0], v[1]) : String(code ?? '');
}

// locale is the BCP 47 tag for Intl formatting.
export function locale() { return current === 'en' ? 'en-GB' : 'zh-CN'; }

export const statuses = {
  SUBMITTED: ['已提交', 'Submitted', 'new'],
  IN_TRIAGE: ['审核中', 'In triage', 'new'],
  NEEDS_INFORMATION: ['待补充材料', 'Needs information', 'warn'],
  FORWARDED: ['已转交机构', 'Forwarded to the institution', 'info'],
  RESPONDED: ['机构已答复', 'Institution responded', 'info'],
  ACCEPTED: ['已接受答复', 'Answer accepted', 'ok'],
  DISPUTED: ['对答复有异议', 'Answer disputed', 'warn'],
  IN_INVESTIGATION: ['调查中', 'In investigation', 'warn'],
  ESCALATED: ['已升级处理', 'Escalated', 'warn'],
  CLOSED: ['已办结', 'Closed', 'ok'],
  REJECTED: ['不予受理', 'Rejected', 'muted'],
  REFERRED: ['已转其他部门', 'Referred to another body', 'muted'],
  WITHDRAWN: ['已撤回', 'Withdrawn', 'muted'],
};

// What a complainant should know about each state, in plain words.
export const statusHelp = {
  SUBMITTED: ['我们已收到您的投诉，正在分派给审核团队，通常只需几秒钟。', 'We received your complaint and are routing it to a review team; this usually takes seconds.'],
  IN_TRIAGE: ['您的投诉已进入审核，审核人员将在规定期限内决定是否转交被投诉机构处理。', 'A reviewer decides within the period the rules set whether to forward it to the institution.'],
  NEEDS_INFORMATION: ['审核人员需要您补充信息：问题和回答框就在下方。', 'The reviewer needs more information from you: the question, and a box for your answer, are just below.'],
  FORWARDED: ['投诉已转交机构，机构须在规定期限内答复。', 'The complaint was forwarded; the institution must answer within the period the rules set.'],
  RESPONDED: ['机构已答复，请查看答复并选择接受或提出异议。', 'The institution answered; please review it and accept or dispute it.'],
  ACCEPTED: ['您已接受机构的答复。', 'You accepted the answer.'],
  DISPUTED: ['您对答复提出了异议。监管人员会审查机构的答复和您的异议，可能立案调查或升级处理，处理结果会通知您；在此之前您可以继续补充证据（例如仍在接到的电话、短信截图）。', 'You disputed the answer. Regulator staff review the institution\'s answer and your objection and may open an investigation or escalate it; you will be told the outcome. Meanwhile you can still add evidence (screenshots of calls or texts that go on, say).'],
  IN_INVESTIGATION: ['监管人员正在调查此投诉，调查结果会通知您；在此之前您可以继续补充证据。', 'Regulator staff are investigating the complaint; you will be told the outcome. Meanwhile you can still add evidence.'],
  ESCALATED: ['投诉已升级，由上级监管人员处理，处理结果会通知您；在此之前您可以继续补充证据。', 'The complaint was escalated to senior regulator staff; you will be told the outcome. Meanwhile you can still add evidence.'],
  CLOSED: ['投诉已办结。如有新的事实，可申请重新处理。', 'The complaint is closed. New facts can reopen it.'],
  REJECTED: ['投诉未被受理，原因见处理记录。', 'The complaint was not accepted; see the history for the reason.'],
  REFERRED: ['投诉已转交更合适的部门处理。', 'The complaint was referred to a more suitable body.'],
  WITHDRAWN: ['您已撤回投诉。', 'You withdrew the complaint.'],
};

// rejectionGrounds are the legal grounds on which a complaint is not taken up (RejectionReason).
export const rejectionGrounds = {
  OUTSIDE_REMIT: ['不属于本机关职责范围', 'Outside our remit'], ALREADY_DECIDED: ['已由法院、仲裁或其他机关处理', 'Already decided by a court, arbitration or another authority'],
  TIME_BARRED: ['知道权益受损之日起已超过三年', 'More than 3 years after the harm was known'], NO_RESPONDENT: ['没有明确的被投诉人', 'No identifiable respondent'],
  NO_FACTS: ['没有具体事实', 'No facts'], NO_REQUEST: ['没有具体诉求', 'No request'], DUPLICATE: ['重复投诉', 'Duplicate'],
};

// referralBodies are the bodies a complaint is referred to (ReferralBody).
export const referralBodies = { POLICE: ['公安机关（威胁、暴力）', 'Police (threats, violence)'], ANTI_SPAM_12321: ['12321 举报中心（骚扰电话短信）', '12321 (spam calls and texts)'], COURT: ['人民法院', 'A court'], OTHER_REGULATOR: ['其他监管部门', 'Another regulator'] };

export const relations = {
  SELF: ['本人（借款人）', 'Myself (the borrower)'],
  SPOUSE: ['配偶', 'Spouse'],
  PARENT: ['父母', 'Parent'],
  CHILD: ['子女', 'Child'],
  OTHER_RELATIVE: ['其他亲属', 'Other relative'],
  FRIEND: ['朋友', 'Friend'],
  COLLEAGUE: ['同事', 'Colleague'],
  EMPLOYER: ['工作单位 / 雇主', 'Employer'],
  OTHER: ['其他', 'Other'],
};

export const products = {
  CREDIT_CARD: ['信用卡', 'Credit card'],
  CONSUMER_LOAN: ['消费贷款', 'Consumer loan'],
  ONLINE_LOAN: ['网络贷款 / 借款App', 'Online loan / lending app'],
  CAR_LOAN: ['车贷', 'Car loan'],
  MORTGAGE: ['房贷', 'Mortgage'],
  OTHER: ['其他', 'Other'],
};

export const priorities = {
  URGENT: ['紧急', 'Urgent', 'danger'],
  HIGH: ['高', 'High', 'warn'],
  NORMAL: ['普通', 'Normal', 'muted'],
};

export const roles = {
  complainant: ['投诉人', 'Complainant'],
  reviewer: ['审核员', 'Reviewer'],
  supervisor: ['主管', 'Supervisor'],
  institution_agent: ['机构客服', 'Institution agent'],
  institution_admin: ['机构管理员', 'Institution admin'],
  analyst: ['分析员', 'Analyst'],
  admin: ['系统管理员', 'Administrator'],
  system: ['系统', 'System'],
};

export const institutionKinds = {
  BANK: ['银行', 'Bank'],
  CONSUMER_FINANCE: ['消费金融公司', 'Consumer finance company'],
  ONLINE_LENDING_PLATFORM: ['网络借贷平台', 'Online lending platform'],
  MICROLOAN_COMPANY: ['小额贷款公司', 'Microloan company'],
  COLLECTION_AGENCY: ['催收机构', 'Collection agency'],
};

export const actions = {
  FILED: ['提交投诉', 'Filed'],
  ROUTED: ['分派至审核团队', 'Routed to a review team'],
  CLAIMED: ['审核员认领', 'Claimed by a reviewer'],
  ASSIGNED: ['指派审核员', 'Assigned'],
  CLASSIFIED: ['分类', 'Classified'],
  INFORMATION_REQUESTED: ['要求补充材料', 'Information requested'],
  INFORMATION_PROVIDED: ['已补充材料', 'Information provided'],
  FORWARDED: ['转交机构', 'Forwarded to the institution'],
  RESPONDED: ['机构答复', 'Institution responded'],
  ACCEPTED: ['接受答复', 'Answer accepted'],
  DISPUTED: ['提出异议', 'Answer disputed'],
  INVESTIGATION_OPENED: ['启动调查', 'Investigation opened'],
  ESCALATED: ['升级处理', 'Escalated'],
  CLOSED: ['办结', 'Closed'],
  REJECTED: ['不予受理', 'Rejected'],
  REFERRED: ['转其他部门', 'Referred'],
  WITHDRAWN: ['撤回', 'Withdrawn'],
  REOPENED: ['重新处理', 'Reopened'],
  NOTE_ADDED: ['添加备注', 'Note added'],
  LINKED: ['关联投诉', 'Linked'],
  EVIDENCE_ADDED: ['补充证据', 'Evidence added'],
  INSTITUTION_EVIDENCE_ADDED: ['机构提交答复材料', 'Institution submitted documents'],
  EXTENSION_REQUESTED: ['申请延期', 'Extension requested'],
  EXTENSION_DECIDED: ['延期决定', 'Extension decided'],
  REROUTED: ['转至其他团队', 'Rerouted'],
  APPRAISAL_STARTED: ['开始外部鉴定（暂停计时）', 'Outside appraisal started (clock paused)'],
  APPRAISAL_ENDED: ['外部鉴定结束（恢复计时）', 'Outside appraisal ended (clock restarted)'],
  DEADLINE_BREACHED: ['超过答复期限', 'Deadline breached'],
  PROGRESS_REPORTED: ['机构报告处理进展', 'Institution reported progress'],
  DEADLINE_REMINDER: ['期限提醒', 'Deadline reminder'],
  MERGED: ['合并投诉', 'Merged'],
  REASSESSED: ['重新评估', 'Reassessed'],
  RULES_REASSESSED: ['按新版规则包重新评估', 'Re-judged under a new rule pack revision'],
};

// Generic messages for error codes that come without a Chinese message.
export const errorCodes = {
  UNAUTHENTICATED: ['请先登录。', 'Please sign in.'],
  FORBIDDEN: ['您没有权限进行此操作。', 'You are not allowed to do this.'],
  BAD_USER_INPUT: ['输入有误，请检查后重试。', 'Some input is not valid.'],
  NOT_FOUND: ['未找到该记录。', 'Not found.'],
  CONFLICT: ['记录已被更新，请刷新后重试。', 'It changed meanwhile; reload and try again.'],
  RATE_LIMITED: ['操作过于频繁，请稍后再试。', 'Too many attempts; try again later.'],
  UNAVAILABLE: ['服务暂时不可用，请稍后再试。', 'The service is unavailable for a moment; try again shortly.'],
  TIMEOUT: ['服务器处理超时，请稍后再试。', 'The server took too long; try again shortly.'],
  INTERNAL: ['系统暂时出错，请稍后再试。', 'Something went wrong on our side; try again later.'],
  NETWORK: ['网络连接失败，请检查网络后重试。您填写的内容已保存在本机。', 'Could not reach the server; check your connection. What you typed is kept on this device.'],
};

export const channels = {
  PHONE_CALL: ['电话', 'Phone call'],
  SMS: ['短信', 'SMS'],
  WECHAT_APP_MESSAGE: ['微信 / App 消息', 'WeChat / app message'],
  THIRD_PARTY_CONTACT: ['联系亲友同事', 'Contacted relatives or colleagues'],
  HOME_VISIT: ['上门', 'Home visit'],
  WORKPLACE_VISIT: ['到单位', 'Workplace visit'],
  LETTER: ['信函', 'Letter'],
  SOCIAL_MEDIA_POST: ['网络发帖 / 曝光', 'Social media post'],
};

export const outcomes = {
  STOP_HARASSMENT: ['停止骚扰', 'Stop the harassment'],
  APOLOGY: ['赔礼道歉', 'An apology'],
  VERIFY_COLLECTOR_IDENTITY: ['核实催收人员身份', 'Verify who the collector is'],
  REPAYMENT_PLAN: ['协商分期还款', 'A repayment plan'],
  DEFERRAL: ['延期还款', 'Deferral'],
  WAIVE_PENALTY_INTEREST: ['减免罚息', 'Waive penalty interest'],
  CORRECT_CREDIT_RECORD: ['更正征信记录', 'Correct my credit record'],
  COMPENSATION: ['赔偿损失', 'Compensation'],
};

export const responseCategories = {
  CLOSED_WITH_EXPLANATION: ['已解释说明', 'Closed with explanation'],
  CLOSED_WITH_MONETARY_RELIEF: ['给予金钱补救', 'Closed with monetary relief'],
  CLOSED_WITH_NON_MONETARY_RELIEF: ['给予非金钱补救', 'Closed with non-monetary relief'],
  IN_PROGRESS: ['处理中', 'In progress'],
};

// What the history says when a clock ran out, by the clock's kind; the complainant's feedback window
// ended, in the words the complainant's clock uses, since nobody was late.
export const breaches = {
  ACCEPTANCE: ['受理决定超过期限', 'Decision to accept overdue'],
  INSTITUTION_RESPONSE: ['机构答复超过期限', 'Institution\'s answer overdue'],
  FEEDBACK: ['评价期已结束', 'The feedback period ended'],
};

export const deadlineKinds = {
  ACCEPTANCE: ['受理决定期限', 'Decision to accept'],
  INSTITUTION_RESPONSE: ['机构答复期限', 'Institution\'s answer'],
  FEEDBACK: ['评价期限', 'Feedback on the answer'],
};

// overdueKinds says what an overdue clock means for the complainant, so that their own lapsed window
// and someone else's lateness never read alike ("已超期" for both did).
export const overdueKinds = {
  ACCEPTANCE: ['受理决定已逾期', 'Decision to accept overdue'],
  INSTITUTION_RESPONSE: ['机构逾期未答复', 'Institution late to answer'],
  FEEDBACK: ['评价期限已过', 'Time to judge the answer has passed'],
};

export const disclosureItems = {
  CREDITOR: ['债权人', 'creditor'],
  AMOUNT: ['欠款金额', 'amount owed'],
  CONTRACT: ['合同编号', 'contract number'],
  ACCOUNT: ['官方还款账户', 'official repayment account'],
};

export const senderKinds = {
  PLATFORM: ['机构短信平台号码（106 开头）', 'An institution\'s bulk sender (106…)'],
  PERSONAL_MOBILE: ['个人手机号（常见于外包催收）', 'A personal mobile (often an outsourced collector)'],
  UNKNOWN: ['未知号码', 'Unknown sender'],
};

export const extensionStatuses = {
  GRANTED: ['已延期', 'Granted'],
  PENDING: ['待审批', 'Pending'],
  APPROVED: ['已批准', 'Approved'],
  DENIED: ['未批准', 'Denied'],
};

export const deliveryStatuses = {
  PENDING: ['待发送', 'Pending', 'info'],
  RETRYING: ['重试中', 'Retrying', 'warn'],
  SUCCEEDED: ['成功', 'Succeeded', 'ok'],
  FAILED: ['失败', 'Failed', 'danger'],
};

// What qualifies a phrase the rules found (the engine's modifiers).
export const modifiers = {
  negated: ['否定', 'negated'], hearsay: ['转述', 'hearsay'], question: ['疑问', 'a question'], hypothetical: ['假设', 'hypothetical'],
  intended: ['扬言要做', 'announced, not yet done'], model: ['统计模型的意见', 'statistical model'],
};

// label returns [zh, en] for a code of one of the tables, or the code itself.
export function label(table, code) {
  return table[code] || [code, code];
}

// The laws the rule packs cite, in English; the official Chinese name follows in brackets.
const lawNames = {
  刑法: 'Criminal Law',
  民法典: 'Civil Code',
  治安管理处罚法: 'Public Security Administration Punishments Law',
  消费者权益保护法: 'Consumer Rights Protection Law',
  商业银行信用卡业务监督管理办法: 'Measures on Commercial Banks\' Credit Card Business',
  银行保险机构消费者权益保护管理办法: 'Measures on Consumer Protection by Banking and Insurance Institutions',
  互联网金融贷后催收业务指引: 'Internet Finance Post-Loan Collection Guidelines',
};
const lawSections = {
  催收人员身份: 'collector identity', 催收信息: 'what a message must state', 催收行为规范: 'conduct',
  催收对象: 'whom to contact', 投诉处理: 'complaints', 催收费用: 'fees', 催收频次: 'frequency', 催收时间: 'hours',
};

// lawCitation names a law and its article: "刑法 第253条之一" in Chinese, "Criminal Law art.
// 253-1 (刑法 第253条之一)" in English. A citation in one string ("刑法 第253条之一") is split at
// its first space.
export function lawCitation(law, article = '') {
  const { en, zh } = lawParts(law, article);
  return en ? `${en} (${zh})` : zh;
}

// lawParts gives a citation's English name (on English pages, when the law has one) and its
// Chinese original apart, so that a page can mark the original's language.
export function lawParts(law, article = '') {
  if (!article && law.includes(' ')) [law, article] = [law.slice(0, law.indexOf(' ')), law.slice(law.indexOf(' ') + 1)];
  const zh = article ? `${law} ${article}` : law;
  if (current !== 'en' || !lawNames[law]) return { en: '', zh };
  const m = /^第(\d+)条(之一)?$/.exec(article);
  const art = m ? ` art. ${m[1]}${m[2] ? '-1' : ''}` : lawSections[article] ? `, ${lawSections[article]}` : article ? ` ${article}` : '';
  return { en: `${lawNames[law]}${art}`, zh };
}
