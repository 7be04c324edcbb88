// The filing wizard. Every answer is kept on the device as it is typed (localStorage, per user), so
// the draft survives a reload, a lost connection and a session that ended; the idempotency key is
// part of the draft, so a retry after a network error files the complaint once.

import { gql, newIdempotencyKey } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, lang, relations, products, channels, outcomes, institutionKinds, deadlineKinds, textLang } from '../core/i18n.js';
import { state, loadProvinces, loadViolationTypes, vlabel, provinceName } from '../core/state.js';
import { fmtDateTime, fmtDate, money } from '../core/format.js';
// The amount is read as the server reads it (the same spaces, grouping and signs), and the review step
// shows it formatted from the value read ("8,600" read ¥NaN and was shown raw: session 29 review).
import { readAmount } from '../core/amount.js';
import { field, describedBy, group, options, showErrors, clearErrors, invalid, submitting, liveClear } from '../components/field.js';
import { uploaderHTML, attachUploader, messagesHTML, attachMessages, messagesInput, messagesErrors, cst } from '../components/evidence.js';
import { timeLeft } from '../components/countdown.js';
import { announce } from '../components/announcer.js';
import { policyPeriods, within } from '../components/policy.js';
import { dangerNow } from '../components/cases.js';

const STEPS = [
  ['you', '关于您', 'About you'],
  ['who', '被投诉机构', 'Lender and agency'],
  ['what', '发生了什么', 'What happened'],
  ['evidence', '证据', 'Evidence'],
  ['outcome', '希望的结果', 'Outcome wanted'],
  ['consent', '授权', 'Consent'],
  ['review', '确认提交', 'Review'],
];

// stepOf maps an error's input path to the step that holds the field.
function stepOf(path) {
  const p = String(path).replace(/^input\./, '').split('.')[0];
  if (['relation', 'debtor', 'province', 'city', 'product', 'amountOwed', 'daysOverdue', 'contractNumber'].includes(p)) return 0;
  if (['lenderName', 'lenderId', 'agencyName', 'agencyId'].includes(p)) return 1;
  if (['incidents', 'narrative', 'violations'].includes(p)) return 2;
  if (['messages', 'evidence', 'uploadToken'].includes(p)) return 3;
  if (p === 'outcomesWanted') return 4;
  if (p.startsWith('consent')) return 5;
  return 6;
}

const draftKey = () => `redline.draft.${state.me.id}`;

function emptyDraft() {
  return { step: 0, key: newIdempotencyKey(), relation: '', debtor: { name: '', mobile: '', idNumber: '' }, province: '', product: '', amountOwed: '', daysOverdue: '', contractNumber: '',
    lenderName: '', lenderId: '', agencyName: '', agencyId: '', incidents: [], narrative: '', violations: [], files: [], messages: [], outcomesWanted: [],
    consentToShareIdentity: false, consentToPublish: false, savedAt: '' };
}

function loadDraft() {
  try {
    const d = JSON.parse(localStorage.getItem(draftKey()) || 'null');
    if (d && d.key) return { ...emptyDraft(), ...d, files: (d.files || []).filter((f) => f.token) };
  } catch { /* a broken draft starts afresh */ }
  return emptyDraft();
}

function saveDraft(d) {
  if (d.finished) return; // filed: a late save must not bring the draft back
  d.savedAt = new Date().toISOString();
  try { localStorage.setItem(draftKey(), JSON.stringify(d)); } catch { /* full or private: the page still works */ }
  const n = $('#draft-note');
  if (n) n.textContent = t(`草稿已保存在本机 ${fmtDateTime(d.savedAt)}`, `Draft kept on this device ${fmtDateTime(d.savedAt)}`);
}

function setPath(obj, path, value) {
  const parts = path.split('.');
  let o = obj;
  for (let i = 0; i < parts.length - 1; i++) o = o[parts[i]];
  o[parts[parts.length - 1]] = value;
}

// suggest fills a datalist from institutions(search) (names, aliases and app brands) as the person
// types, and remembers the results so that a picked name is sent with its id.
function suggest(input, list, onPick, onNone = () => {}) {
  // Known by name and also by an alias or English name (an app brand such as 掌上生活 is what a
  // borrower knows) when only one institution has it: typed in full, it matches as picked.
  const known = new Map();
  const clash = new Set();
  const key = (s) => s.trim().toLowerCase();
  const learn = (n) => [n.name, n.nameEn, ...(n.aliases || [])].filter(Boolean).forEach((k) => {
    const prev = known.get(key(k));
    if (prev && prev.id !== n.id) clash.add(key(k));
    else known.set(key(k), n);
  });
  const find = (s) => (clash.has(key(s)) ? null : known.get(key(s)));
  let seq = 0;
  let timer;
  input.addEventListener('input', () => {
    const hit = find(input.value);
    onPick(hit || null);
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return;
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const d = await gql('query($s: String) { institutions(search: $s, first: 8) { edges { node { id name nameEn kind aliases } } } }', { s: q });
        if (mine !== seq) return;
        const nodes = d.institutions.edges.map((e) => e.node);
        nodes.forEach(learn);
        mount(list, nodes.map((n) => html`<option value="${n.name}" label="${[lang() === 'en' ? n.nameEn : '', L(institutionKinds, n.kind), ...(n.aliases || [])].filter(Boolean).join(' · ')}"></option>`));
        const again = find(input.value);
        if (again) onPick(again);
        if (!nodes.length) onNone();
      } catch { /* suggestions are a convenience: free text still works */ }
    }, 200);
  });
}

function incidentHTML(inc, i) {
  const p = `incidents.${i}`;
  return html`<fieldset class="incident" data-field="${p}"><legend>${t(`第 ${i + 1} 次`, `Incident ${i + 1}`)}</legend>
    <div class="row2">
      ${field(`${p}.date`, t('日期', 'Date'), html`<input id="f-${p}.date" name="${p}.date" type="date" value="${inc.date}" aria-describedby="${describedBy(`${p}.date`, false)}" required>`, { required: true })}
      ${field(`${p}.time`, t('时间', 'Time'), html`<input id="f-${p}.time" name="${p}.time" type="time" value="${inc.time}" aria-describedby="${describedBy(`${p}.time`, false)}">`, { optional: true })}
    </div>
    <div class="row2">
      ${field(`${p}.channel`, t('方式', 'How'), html`<select id="f-${p}.channel" name="${p}.channel" aria-describedby="${describedBy(`${p}.channel`, false)}" required>${options(channels, t('请选择', 'Choose'), inc.channel)}</select>`, { required: true })}
      ${field(`${p}.count`, t('次数', 'How many times'), html`<input id="f-${p}.count" name="${p}.count" type="number" min="1" max="10000" inputmode="numeric" value="${inc.count}" aria-describedby="${describedBy(`${p}.count`, false)}">`, { optional: true })}
    </div>
    ${field(`${p}.from`, t('催收方号码或名称', 'The collector\'s number or name'), html`<input id="f-${p}.from" name="${p}.from" value="${inc.from}" inputmode="tel" aria-describedby="${describedBy(`${p}.from`, false)}">`, { optional: true })}
    ${field(`${p}.description`, t('对方说了什么', 'What they said'), html`<textarea id="f-${p}.description" name="${p}.description" rows="2" maxlength="2000" aria-describedby="${describedBy(`${p}.description`, false)}">${inc.description}</textarea>`, { optional: true })}
    <button type="button" class="link small" data-remove-incident="${i}">${t('删除这次', 'Remove this incident')}</button>
  </fieldset>`;
}

function stepHTML(i, d, violations, provinces) {
  switch (STEPS[i][0]) {
    case 'you': return html`
      ${field('relation', t('您与借款人的关系', 'Your relation to the borrower'), html`<select id="f-relation" name="relation" aria-describedby="${describedBy('relation')}" required>${options(relations, t('请选择', 'Choose'), d.relation)}</select>`,
    { hint: t('被催收人员骚扰的亲友、同事也可以投诉', 'Relatives, friends and colleagues who are harassed can complain too'), required: true })}
      <fieldset class="sub" id="debtor"><legend>${t('借款人信息', 'The borrower')}</legend>
        <p class="hint" id="debtor-hint">${d.relation === 'SELF' ? t('您本人投诉时须填写，用于机构核实借款。', 'Required when you are the borrower, so the institution can find the loan.') : t('选填。仅在您同意时提供给被投诉机构。', 'Optional. Shared with the institution only if you agree.')}</p>
        ${field('debtor.name', t('姓名', 'Name'), html`<input id="f-debtor.name" name="debtor.name" value="${d.debtor.name}" autocomplete="name" aria-describedby="${describedBy('debtor.name', false)}">`, { optional: d.relation !== 'SELF', required: d.relation === 'SELF' })}
        ${field('debtor.mobile', t('手机号码', 'Mobile'), html`<input id="f-debtor.mobile" name="debtor.mobile" value="${d.debtor.mobile}" type="tel" inputmode="tel" autocomplete="tel" aria-describedby="${describedBy('debtor.mobile', false)}">`, { optional: d.relation !== 'SELF', required: d.relation === 'SELF' })}
        ${field('debtor.idNumber', t('身份证号码', 'ID card number'), html`<input id="f-debtor.idNumber" name="debtor.idNumber" value="${d.debtor.idNumber}" autocomplete="off" spellcheck="false" maxlength="18" aria-describedby="${describedBy('debtor.idNumber', false)}">`, { optional: d.relation !== 'SELF', required: d.relation === 'SELF' })}
      </fieldset>
      <div class="row2">
        ${field('province', t('借款人所在省份', 'Province'), html`<select id="f-province" name="province" aria-describedby="${describedBy('province', false)}" required><option value="">${t('请选择', 'Choose')}</option>${provinces.map((p) => html`<option value="${p.code}" ${p.code === d.province ? 'selected' : ''}>${t(p.zh, p.en)}</option>`)}</select>`, { required: true })}
        ${field('product', t('借款类型', 'Kind of credit'), html`<select id="f-product" name="product" aria-describedby="${describedBy('product', false)}" required>${options(products, t('请选择', 'Choose'), d.product)}</select>`, { required: true })}
      </div>
      <div class="row3">
        ${field('amountOwed', t('欠款金额（元）', 'Amount owed (CNY)'), html`<input id="f-amountOwed" name="amountOwed" value="${d.amountOwed}" inputmode="decimal" aria-describedby="${describedBy('amountOwed', false)}">`, { optional: true })}
        ${field('daysOverdue', t('逾期天数', 'Days overdue'), html`<input id="f-daysOverdue" name="daysOverdue" value="${d.daysOverdue}" type="number" min="0" max="36500" inputmode="numeric" aria-describedby="${describedBy('daysOverdue', false)}">`, { optional: true })}
        ${field('contractNumber', t('合同编号', 'Contract number'), html`<input id="f-contractNumber" name="contractNumber" value="${d.contractNumber}" autocomplete="off" aria-describedby="${describedBy('contractNumber', false)}">`, { optional: true })}
      </div>`;
    case 'who': return html`
      ${field('lenderName', t('放贷机构或借款 App', 'Lender or lending app'), html`<input id="f-lenderName" name="lenderName" value="${d.lenderName}" list="lender-options" autocomplete="off" aria-describedby="${describedBy('lenderName')}" required><datalist id="lender-options"></datalist>`,
    { hint: t('输入名称、简称或 App 名称，从建议中选择', 'Type the name, a short name or the app\'s brand, then pick a suggestion'), required: true })}
      <p class="small muted" id="lender-match" aria-live="polite">${d.lenderId ? t('已匹配到登记的机构', 'Matched a registered institution') : ''}</p>
      ${field('agencyName', t('催收公司', 'Collection agency'), html`<input id="f-agencyName" name="agencyName" value="${d.agencyName}" list="agency-options" autocomplete="off" aria-describedby="${describedBy('agencyName')}"><datalist id="agency-options"></datalist>`,
    { hint: t('如知道催收公司名称请填写，不知道可留空', 'If you know the agency that collects, name it; otherwise leave it empty'), optional: true })}`;
    case 'what': return html`
      <div data-field="incidents"><h3>${t('催收经过', 'Incidents')}</h3>
      <p class="hint">${t('每次（或每类）电话、短信、上门各记一条：日期、时间、方式、次数、对方号码和说的话。', 'One entry per call, message or visit (or per kind): date, time, channel, count, the collector\'s number and words.')}</p>
      <div id="incident-list">${d.incidents.map((inc, k) => incidentHTML(inc, k))}</div>
      <button type="button" class="btn" id="add-incident">+ ${t('添加一次催收经过', 'Add an incident')}</button>
      <p class="field-error" id="err-incidents" hidden></p></div>
      ${field('narrative', t('经过描述', 'What happened'), html`<textarea id="f-narrative" name="narrative" rows="6" maxlength="5000" aria-describedby="${describedBy('narrative')}" required>${d.narrative}</textarea>`,
    { hint: t('用自己的话描述：谁、什么时候、做了什么、说了什么。至少 10 个字。', 'In your own words: who, when, what they did and said. At least 10 characters.'), required: true })}
      ${group('violations', t('您遇到的行为', 'What the collector did'), violations.map((v) => [v.code, t(v.labelZh, v.labelEn)]), { checked: d.violations, hint: t('可多选', 'Choose all that apply') })}`;
    case 'evidence': return html`
      <h3>${t('照片、截图和录音', 'Photos, screenshots and recordings')}</h3>
      ${uploaderHTML('evidence')}
      <h3>${t('催收短信', 'Collector messages')}</h3>
      ${messagesHTML('messages')}`;
    case 'outcome': return html`${group('outcomesWanted', t('您希望得到什么结果', 'What would you like to happen'), Object.keys(outcomes).map((o) => [o, L(outcomes, o)]), { checked: d.outcomesWanted, hint: t('可多选', 'Choose all that apply') })}`;
    case 'consent': return html`
      <div class="field" data-field="consentToShareIdentity"><label class="check"><input type="checkbox" id="f-consentToShareIdentity" name="consentToShareIdentity" ${d.consentToShareIdentity ? 'checked' : ''} aria-describedby="err-consentToShareIdentity">
        <span>${t('同意把借款人姓名和合同编号提供给被投诉机构，以便其查找借款、停止违规催收（身份证号只提供后 4 位，手机号打码）。', 'Share the borrower\'s name and contract number with the institution so it can find the loan and stop the collection (only the last 4 of the ID number; the mobile masked).')}</span></label>
        <p class="field-error" id="err-consentToShareIdentity" hidden></p></div>
      <div class="field" data-field="consentToPublish"><label class="check"><input type="checkbox" id="f-consentToPublish" name="consentToPublish" ${d.consentToPublish ? 'checked' : ''} aria-describedby="err-consentToPublish">
        <span>${t('同意在机构答复后匿名公开本投诉（删去姓名、电话、证件号等个人信息），帮助他人了解机构的催收行为。', 'Publish this complaint anonymously once the institution answered (names, phone and ID numbers removed), so others can see how institutions collect.')}</span></label>
        <p class="field-error" id="err-consentToPublish" hidden></p></div>
      <p class="hint">${t('不同意也可以投诉；但不提供身份信息时，机构可能难以核实借款。', 'You can complain without agreeing; without your identity the institution may not find the loan.')}</p>`;
    default: return html`<div id="review" class="review">${review(d)}</div>`;
  }
}

function review(d) {
  const rows = [
    [t('与借款人的关系', 'Relation'), L(relations, d.relation)],
    [t('借款人', 'Borrower'), [d.debtor.name, d.debtor.mobile, d.debtor.idNumber].filter(Boolean).join(' · ') || '—', true],
    [t('省份', 'Province'), provinceName(d.province)],
    [t('借款类型', 'Kind of credit'), L(products, d.product)],
    [t('欠款 / 逾期 / 合同', 'Owed / overdue / contract'), [d.amountOwed && money(readAmount(d.amountOwed) || d.amountOwed), d.daysOverdue && t(`${d.daysOverdue} 天`, `${d.daysOverdue} days`), d.contractNumber].filter(Boolean).join(' · ') || '—'],
    [t('放贷机构', 'Lender'), d.lenderName, true],
    [t('催收公司', 'Agency'), d.agencyName || '—', true],
    [t('催收经过', 'Incidents'), d.incidents.length ? d.incidents.map((i, k) => html`${k ? '\n' : ''}${fmtDate(i.date)} ${i.time} ${L(channels, i.channel)}${i.count > 1 ? ` ×${i.count}` : ''}${i.from ? ` ${i.from}` : ''}${i.description ? html` “<span lang="${textLang(i.description)}">${i.description}</span>”` : ''}`) : '—'],
    [t('经过描述', 'What happened'), d.narrative, true],
    [t('遇到的行为', 'Conduct'), d.violations.map(vlabel).join(t('、', ', ')) || '—'],
    [t('证据', 'Evidence'), [t(`${d.files.filter((f) => f.token).length} 个文件`, `${d.files.filter((f) => f.token).length} file(s)`), t(`${messagesInput(d.messages).length} 条短信`, `${messagesInput(d.messages).length} message(s)`)].join(' · ')],
    [t('希望的结果', 'Outcome wanted'), d.outcomesWanted.map((o) => L(outcomes, o)).join(t('、', ', ')) || '—'],
    [t('授权', 'Consent'), `${d.consentToShareIdentity ? t('提供身份信息', 'share identity') : t('不提供身份信息', 'do not share identity')} · ${d.consentToPublish ? t('匿名公开', 'publish anonymously') : t('不公开', 'do not publish')}`],
  ];
  return html`<p>${t('请核对以下内容，可点上方步骤返回修改。', 'Check everything; use the steps above to change anything.')}</p>
    <dl>${rows.map(([k, v, typed]) => html`<dt>${k}</dt><dd${typed && v !== '—' ? html` lang="${textLang(v)}"` : ''}>${v}</dd>`)}</dl>`;
}

// input builds FileComplaintInput from the draft.
function input(d) {
  const i = { relation: d.relation, province: d.province, product: d.product, narrative: d.narrative.trim(), lenderName: d.lenderName.trim(),
    violations: d.violations, outcomesWanted: d.outcomesWanted, consentToShareIdentity: !!d.consentToShareIdentity, consentToPublish: !!d.consentToPublish };
  if (d.lenderId) i.lenderId = d.lenderId;
  if (d.agencyName.trim()) i.agencyName = d.agencyName.trim();
  if (d.agencyId) i.agencyId = d.agencyId;
  const debtor = {};
  ['name', 'mobile', 'idNumber'].forEach((k) => { if ((d.debtor[k] || '').trim()) debtor[k] = d.debtor[k].trim(); });
  if (Object.keys(debtor).length) i.debtor = debtor;
  if (String(d.amountOwed).trim()) i.amountOwed = String(d.amountOwed).trim();
  if (String(d.daysOverdue).trim()) i.daysOverdue = Number(d.daysOverdue);
  if (d.contractNumber.trim()) i.contractNumber = d.contractNumber.trim();
  if (d.incidents.length) {
    i.incidents = d.incidents.map((x) => {
      const o = { occurredAt: x.date ? (x.time ? cst(`${x.date}T${x.time}`) : x.date) : '', channel: x.channel, count: Number(x.count) || 1 };
      if (x.from.trim()) o.from = x.from.trim();
      if (x.description.trim()) o.description = x.description.trim();
      return o;
    });
  }
  return i;
}

// mobileDigits is a mobile number as the server reads it: spaces and dashes dropped, +86 or 0086 before
// 11 digits left out (domain.NormalizeMobile).
function mobileDigits(s) {
  const m = String(s || '').trim().replace(/[\s\u00a0-]/g, '');
  return /^(\+86|0086)\d{11}$/.test(m) ? m.slice(m.length - 11) : m;
}

// idCheckDigitOK checks an 18-character ID card number's last character (GB 11643, ISO 7064 MOD 11-2).
function idCheckDigitOK(id) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((a, x, k) => a + x * Number(id[k]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

// check returns the errors the page can find itself in a step, before the server is asked.
function check(step, d) {
  const e = [];
  if (step === 0) {
    if (!d.relation) e.push(invalid('relation', '请选择您与借款人的关系。', 'Choose how you stand to the borrower.'));
    // The borrower's own complaint needs the identity; a relative's may leave it out, but what is
    // typed is checked here as the server checks it, not six steps later, one field at a time.
    const self = d.relation === 'SELF';
    const mobile = mobileDigits(d.debtor.mobile), id = d.debtor.idNumber.trim().toUpperCase();
    if (self && !d.debtor.name.trim()) e.push(invalid('debtor.name', '请填写借款人姓名。', 'Give the borrower\'s name.'));
    if (self && !mobile) e.push(invalid('debtor.mobile', '请填写11位手机号码。', 'Give an 11-digit mobile number.'));
    else if (mobile && !/^1[3-9]\d{9}$/.test(mobile)) e.push(invalid('debtor.mobile', `手机号码须为以13至19开头的11位数字（您填写了 ${mobile.length} 位）。`, `A mobile number has 11 digits and starts with 13 to 19 (this one has ${mobile.length}).`));
    if (self && !id) e.push(invalid('debtor.idNumber', '请填写18位身份证号码。', 'Give the 18-character ID card number.'));
    else if (id && !/^\d{17}[\dX]$/.test(id)) e.push(invalid('debtor.idNumber', `身份证号码须为17位数字加1位数字或X（您填写了 ${id.length} 位）。`, `An ID card number has 17 digits and a last digit or X (this one has ${id.length} characters).`));
    else if (id && !idCheckDigitOK(id)) e.push(invalid('debtor.idNumber', '身份证号码校验位不符，请检查是否输错。', 'The ID card number\'s check digit is wrong; please check for a typo.'));
    if (!d.province) e.push(invalid('province', '请选择省份。', 'Choose a province.'));
    if (!d.product) e.push(invalid('product', '请选择借款类型。', 'Choose the kind of credit.'));
    if (String(d.amountOwed).trim() && !readAmount(d.amountOwed)) e.push(invalid('amountOwed', '金额须为数字，最多两位小数，如 12800.50 或 12,800.50。', 'Write the amount as a number with at most two decimals, such as 12800.50 or 12,800.50.'));
  }
  if (step === 1 && !d.lenderName.trim()) e.push(invalid('lenderName', '请填写放贷机构或借款App名称。', 'Name the lender or the app.'));
  if (step === 2) {
    d.incidents.forEach((x, k) => {
      if (!x.date) e.push(invalid(`incidents.${k}.date`, '请填写日期。', 'Give the date.'));
      if (!x.channel) e.push(invalid(`incidents.${k}.channel`, '请选择方式。', 'Choose how.'));
    });
    if (Array.from(d.narrative.trim()).length < 10) e.push(invalid('narrative', '请至少用10个字描述发生的情况。', 'Describe what happened in at least 10 characters.'));
  }
  if (step === 3) {
    if (d.files.some((f) => !f.token && !f.error)) e.push(invalid('evidence', '请等待文件上传完成。', 'Wait until the files are uploaded.'));
    e.push(...messagesErrors(d.messages));
  }
  return e;
}

export async function file(ctx) {
  const { main, alive, flash, params } = ctx;
  // The page after filing keeps its reference in the address (#/file?filed=RL-…), so that switching
  // the language, or a reload, draws it again instead of an empty wizard.
  const filedRef = params.get('filed');
  if (filedRef) {
    try {
      return await done(ctx, { id: filedRef, reference: filedRef });
    } catch { /* not the person's complaint, or gone: the wizard */ }
    if (!alive()) return;
  }
  const [violations, provinces] = await Promise.all([loadViolationTypes(), loadProvinces()]);
  if (!alive()) return;
  const d = loadDraft();
  // "File a new complaint" (#/file?new=1) starts afresh once: the address becomes #/file, so that
  // switching the language or reloading draws the draft being typed again instead of wiping it.
  if (params.get('new') === '1') { Object.assign(d, emptyDraft()); saveDraft(d); history.replaceState(history.state, '', '#/file'); }
  let fl = flash();

  const draw = () => {
    mount(main, html`<section class="page" aria-labelledby="file-title">
      ${fl}
      <h1 id="file-title" tabindex="-1">${t('我要投诉', 'File a complaint')}</h1>
      <aside class="safety" aria-label="${t('安全提示', 'Safety')}">
        <p><strong>${t('如遇人身威胁或暴力，请立即拨打 110 报警。', 'If you are threatened or in danger, call the police on 110 now.')}</strong></p>
        <p>${t('请保留短信截图（含号码和时间）、通话录音、聊天记录、上门照片等证据。骚扰电话和短信可向 12321 举报。', 'Keep evidence: screenshots with number and time, call recordings, chat logs, photos of visits. Report spam calls and texts to 12321.')}</p>
      </aside>
      <nav aria-label="${t('投诉步骤', 'Steps')}"><ol class="wizard-steps">${STEPS.map(([, zh, en], k) => html`<li><button type="button" data-goto="${k}" class="${k < d.step ? 'done' : ''}" ${k === d.step ? html`aria-current="step"` : ''}>${k + 1}. ${t(zh, en)}</button></li>`)}</ol></nav>
      <form id="file" class="card" novalidate data-step="${STEPS[d.step][0]}">
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        <h2 id="step-title" tabindex="-1">${t(`第 ${d.step + 1} 步，共 ${STEPS.length} 步：`, `Step ${d.step + 1} of ${STEPS.length}: `)}${t(STEPS[d.step][1], STEPS[d.step][2])}</h2>
        ${stepHTML(d.step, d, violations, provinces)}
        <div class="wizard-nav">
          ${d.step > 0 ? html`<button type="button" class="btn" id="back">← ${t('上一步', 'Back')}</button>` : ''}
          ${d.step < STEPS.length - 1 ? html`<button type="button" class="btn primary" id="next">${t('下一步', 'Next')} →</button>`
    : html`<button type="submit" class="btn primary block" id="submit">${t('提交投诉', 'File the complaint')}</button>`}
        </div>
        <p class="draft-note" id="draft-note" aria-live="off">${d.savedAt ? t(`草稿已保存在本机 ${fmtDateTime(d.savedAt)}`, `Draft kept on this device ${fmtDateTime(d.savedAt)}`) : t('您填写的内容会自动保存在本机。', 'What you type is kept on this device as you go.')}</p>
      </form>
    </section>`);
    fl = ''; // a message from the page before shows on the first step only
    // On a phone the list of steps scrolls sideways: keep the current one in sight.
    const cur = $('.wizard-steps [aria-current="step"]');
    if (cur) { const ol = cur.closest('ol'); ol.scrollLeft += cur.getBoundingClientRect().left - ol.getBoundingClientRect().left - (ol.clientWidth - cur.offsetWidth) / 2; }
    wire();
  };

  const goStep = (k, focusStep = true) => {
    d.step = Math.max(0, Math.min(STEPS.length - 1, k));
    saveDraft(d);
    draw();
    if (focusStep) $('#step-title').focus();
    announce(t(`第 ${d.step + 1} 步：${STEPS[d.step][1]}`, `Step ${d.step + 1}: ${STEPS[d.step][2]}`));
  };

  // showAt opens the step that holds the first error and shows the errors there.
  const showAt = (errors) => {
    const first = errors.find((e) => (e.extensions || {}).field);
    const step = first ? stepOf(first.extensions.field) : d.step;
    if (step !== d.step) { d.step = step; saveDraft(d); draw(); }
    showErrors($('#file'), errors).focus();
  };

  // The delayed save of what is typed belongs to the page, not to one drawing of the form: a step
  // change draws a new form while it is pending, and the submission must be able to cancel it.
  let timer;
  function wire() {
    const form = $('#file');
    liveClear(form);
    const onInput = (ev) => {
      const el = ev.target;
      if (!el.name || el.closest('.uploader') || el.closest('.messages')) return;
      if (el.type === 'checkbox' && (el.name === 'violations' || el.name === 'outcomesWanted')) {
        d[el.name] = $$(`input[name=${el.name}]:checked`, form).map((x) => x.value);
      } else if (el.type === 'checkbox') {
        d[el.name] = el.checked;
      } else {
        setPath(d, el.name, el.value);
      }
      if (el.name === 'relation') { saveDraft(d); draw(); $('#f-relation').focus(); return; }
      clearTimeout(timer);
      timer = setTimeout(() => saveDraft(d), 250);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    $$('[data-goto]', main).forEach((b) => b.addEventListener('click', () => goStep(Number(b.dataset.goto))));
    $('#back')?.addEventListener('click', () => goStep(d.step - 1));
    $('#next')?.addEventListener('click', () => {
      const errs = check(d.step, d);
      if (errs.length) return showErrors(form, errs).focus();
      clearErrors(form);
      goStep(d.step + 1);
    });
    if (STEPS[d.step][0] === 'who') {
      const match = (field) => (inst) => {
        d[`${field}Id`] = inst ? inst.id : '';
        saveDraft(d);
        if (field === 'lender') $('#lender-match').textContent = inst ? t(`已匹配：${inst.name}`, `Matched: ${inst.name}`) : '';
      };
      // No suggestion is no dead end: the name as typed is filed and matched by the regulator.
      suggest($('#f-lenderName'), $('#lender-options'), match('lender'), () => {
        $('#lender-match').textContent = t('没有找到登记的机构。可以按您知道的名称继续填写，监管人员会核对。',
          'No registered institution by that name (names are in Chinese). You can go on with the name as you know it; the regulator will match it.');
      });
      suggest($('#f-agencyName'), $('#agency-options'), match('agency'));
    }
    if (STEPS[d.step][0] === 'what') {
      $('#add-incident').addEventListener('click', () => {
        d.incidents.push({ date: '', time: '', channel: '', count: '1', from: '', description: '' });
        saveDraft(d);
        draw();
        $(`#f-incidents\\.${d.incidents.length - 1}\\.date`).focus();
      });
      $$('[data-remove-incident]', form).forEach((b) => b.addEventListener('click', () => {
        d.incidents.splice(Number(b.dataset.removeIncident), 1);
        saveDraft(d);
        draw();
        $('#add-incident').focus();
      }));
    }
    if (STEPS[d.step][0] === 'evidence') {
      attachUploader(form, 'evidence', d.files, () => saveDraft(d));
      attachMessages(form, 'messages', d.messages, () => saveDraft(d));
    }
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (STEPS[d.step][0] !== 'review') return;
      for (let k = 0; k < STEPS.length - 1; k++) {
        const errs = check(k, d);
        if (errs.length) return showAt(errs);
      }
      submitting(form, async () => {
        try {
          await submit(d);
        } catch (err) {
          if (err && err.errors) return showAt(err.errors);
          throw err;
        }
        clearTimeout(timer);
        d.finished = true;
        try { localStorage.removeItem(draftKey()); } catch { /* ignore */ }
        history.replaceState(null, '', `#/file?filed=${encodeURIComponent(d.filed.reference)}`);
        await done(ctx, d.filed);
      });
    });
  }

  draw();
}

// submit files the complaint (once, whatever the retries) and then attaches the uploaded files and
// the pasted messages; what was attached is remembered, so a retry attaches only the rest.
// Each request carries an Idempotency-Key of its own (a new one per press of the button, as the
// server refuses a key sent again with other input), so that a busy server's 429 or 503 is waited
// out and the request sent again (core/api.js): the server runs it once whatever the retries, and
// fileComplaint's own key (the draft's) files the complaint once whatever the presses.
async function submit(d) {
  const once = { idempotencyKey: newIdempotencyKey() };
  const each = () => ({ idempotencyKey: newIdempotencyKey() });
  if (!d.filed) {
    const r = await gql('mutation($i: FileComplaintInput!, $k: String) { fileComplaint(input: $i, idempotencyKey: $k) { id reference status } }', { i: input(d), k: d.key }, once);
    d.filed = r.fileComplaint;
    saveDraft(d);
  }
  for (const f of d.files) {
    if (!f.token || f.attached) continue;
    await gql('mutation($c: ID!, $u: String!) { addEvidence(complaintId: $c, uploadToken: $u) { id } }', { c: d.filed.id, u: f.token }, each());
    f.attached = true;
    saveDraft(d);
  }
  const msgs = messagesInput(d.messages);
  if (msgs.length && !d.messagesAttached) {
    await gql('mutation($c: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $c, messages: $m) { id } }', { c: d.filed.id, m: msgs }, each());
    d.messagesAttached = true;
    saveDraft(d);
  }
}

// done shows the reference, the date by which the regulator decides, and what happens next.
async function done({ main, alive }, filed) {
  let dl = null, claimed = [];
  for (let k = 0; k < 20 && !dl; k++) {
    const c = (await gql('query($id: ID!) { complaint(id: $id) { status claimedViolations deadlines { kind state dueAt dueDate paused } } }', { id: filed.id })).complaint;
    claimed = c.claimedViolations;
    dl = (c.deadlines || []).find((x) => x.kind === 'ACCEPTANCE');
    if (!dl) await new Promise((r) => setTimeout(r, 500));
    if (!alive()) return;
  }
  // The periods are the deadline policy's in force, not the release's (session 27 walk).
  const p = await policyPeriods();
  if (!alive()) return;
  mount(main, html`<section class="page" aria-labelledby="done-title" id="file-done">
    <div class="card done-box">
      <h1 id="done-title" tabindex="-1">${t('投诉已提交', 'Your complaint was filed')}</h1>
      <p>${t('投诉编号', 'Reference')}</p>
      <p><span class="ref big" id="done-ref">${filed.reference}</span></p>
      <p class="hint" id="follow-how">${t(`以后用 ${state.me.email} 登录本平台，在“我的投诉”中即可查看进度（可按编号查找）；有新进展时，我们会在“通知”中告诉您，并按您的设置发送邮件或短信。联系监管部门时请提供此编号。`,
    `To follow it later, sign in with ${state.me.email} and open My complaints (you can look it up by this number there); when something happens we tell you under Notifications, and by e-mail or SMS as you chose. Give this number when you contact the regulator.`)}</p>
      ${dangerNow(claimed)}
      ${dl ? html`<p id="acceptance-due">${L(deadlineKinds, 'ACCEPTANCE')}${t('：', ': ')}<strong><time datetime="${dl.dueDate || dl.dueAt}">${fmtDate(dl.dueDate || dl.dueAt)}</time></strong> ${timeLeft(dl.dueAt)}</p>` : ''}
      <h2>${t('接下来会怎样', 'What happens next')}</h2>
      <ol class="next-steps">
        <li>${t(`审核人员${dl ? `在 ${fmtDate(dl.dueDate || dl.dueAt)} 前` : within(p, 'ACCEPTANCE')}决定是否受理；如需补充材料，我们会通知您。`, `A reviewer decides ${dl ? `by ${fmtDate(dl.dueDate || dl.dueAt)}` : within(p, 'ACCEPTANCE')} whether to accept it; if more information is needed, we tell you.`)}</li>
        <li>${t(`受理后转交被投诉机构，机构须${within(p, 'INSTITUTION_RESPONSE')}答复（复杂案件可延长）。`, `Once accepted it goes to the institution, which must answer ${within(p, 'INSTITUTION_RESPONSE')} (longer for complex cases).`)}</li>
        <li>${t(`机构答复后，您可以${within(p, 'FEEDBACK')}接受或提出异议，并评价满意度。`, `After the answer you can accept or dispute it, and rate it, ${within(p, 'FEEDBACK')}.`)}</li>
      </ol>
      <p><a class="btn primary" href="#/c/${encodeURIComponent(filed.reference)}">${t('查看投诉', 'Open the complaint')}</a> <a class="btn" href="#/mine">${t('我的投诉', 'My complaints')}</a></p>
    </div></section>`);
  $('#done-title').focus();
  announce(t(`投诉已提交，编号 ${filed.reference}`, `Complaint filed: ${filed.reference}`));
}
