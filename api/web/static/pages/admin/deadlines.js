// Admin: the business calendars (holidays and make-up workdays per year) and the deadline (SLA)
// policies, per jurisdiction. The calendar is edited here: holidays and make-up workdays added or
// removed in a draft kept on this device, then published with a reason as the next version
// (updateCalendar; docs/DEADLINES.md). The policy in force is edited here too: days per stage and
// the counting unit of each clock, checked as the server checks them, shown as a diff against the
// edition in force, and published with a reason as the next revision (updateDeadlinePolicy).

import { gql } from '../../core/api.js';
import { html, mount, $ } from '../../core/dom.js';
import { t, L, lang, roles, deadlineKinds } from '../../core/i18n.js';
import { fmtDate, fmtDateTime, fmtDay } from '../../core/format.js';
import { field, describedBy, submitting, liveClear, showErrors, clearErrors, invalid } from '../../components/field.js';
import { announce } from '../../components/announcer.js';
import { adminTabs, drafts } from '../../components/admin.js';

const JURISDICTIONS = { CN: ['中国', 'China'], US: ['美国', 'United States'] };
const UNITS = { WORKING_DAYS: ['工作日', 'working days'], CALENDAR_DAYS: ['自然日', 'calendar days'] };
const STAGES = { STANDARD: ['标准期限', 'Standard'], EXTENDED: ['延期', 'Extended'], SENIOR_EXTENDED: ['再延期（需上级批准）', 'Senior extension'] };
const CLOCKS = { ...deadlineKinds, REOPEN: ['重新处理窗口', 'Reopen window'] };
const PAUSES = { WAITING_FOR_COMPLAINANT: ['等待投诉人补充材料', 'waiting for the complainant'], OUTSIDE_APPRAISAL: ['外部鉴定', 'outside appraisal'] };
const WEEKDAYS = { Saturday: ['周六', 'Saturday'], Sunday: ['周日', 'Sunday'] };

function holidayDays(h) {
  return h.date ? fmtDate(h.date) : `${fmtDate(h.from)} – ${fmtDate(h.to)}`;
}

// inTwo is a text the policy gives in Chinese (zh) and English (en) in the reader's language; an
// edition that gives only the English shows it, marked as English, on a Chinese page.
function inTwo(zh, en) {
  if (lang() === 'zh' && !zh && en) return html`<span lang="en">${en}</span>`;
  return t(zh || '', en || zh || '');
}

function policyView(p, i, last) {
  return html`<section class="card" aria-labelledby="pol-${i}">
    <h2 id="pol-${i}">${t('时限政策', 'Deadline policy')} ${p.version} ${i === last ? html`<span class="badge small tone-ok">${t('最新', 'latest')}</span>` : ''}</h2>
    <p class="muted">${t('生效时间：', 'In effect from ')}${fmtDateTime(p.effectiveFrom)} · ${t('提醒时间：', 'reminders at ')}${p.remindAt || ''}</p>
    <p class="small" data-source>${inTwo(p.sourceZh, p.source)}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('各项期限', 'Clocks')} ${p.version}"><table class="policy-table stack-table">
      <caption class="sr-only">${t('各项期限', 'Clocks')} ${p.version}</caption>
      <thead><tr><th scope="col">${t('期限', 'Clock')}</th><th scope="col">${t('天数', 'Days')}</th><th scope="col">${t('暂停原因', 'Pauses')}</th><th scope="col">${t('提醒', 'Reminders')}</th><th scope="col">${t('依据', 'Basis')}</th></tr></thead>
      <tbody>${Object.entries(p.clocks || {}).map(([k, c]) => html`<tr data-clock="${k}">
        <th scope="row">${L(CLOCKS, k)}</th>
        <td data-label="${t('天数', 'Days')}"><ul class="plain">${(c.stages || []).map((s) => html`<li>${L(STAGES, s.stage)}${t('：', ': ')}${s.days} ${L(UNITS, c.unit)}${s.approverRoles ? html`<br><span class="muted small">${t('批准：', 'approved by ')}${s.approverRoles.map((r) => L(roles, r)).join(t('、', ', '))}</span>` : ''}</li>`)}</ul>
          ${c.rollToWorkingDay ? html`<span class="muted small">${t('到期日遇节假日顺延', 'a due day on a holiday moves to the next working day')}</span>` : ''}</td>
        <td data-label="${t('暂停原因', 'Pauses')}">${(c.pauseReasons || []).length ? c.pauseReasons.map((r) => L(PAUSES, r)).join(t('、', ', ')) : '—'}</td>
        <td data-label="${t('提醒', 'Reminders')}">${(c.remindDaysBefore || []).length ? t(`提前 ${c.remindDaysBefore.join('、')} 天`, `${c.remindDaysBefore.join(', ')} days before`) : '—'}</td>
        <td class="small" data-label="${t('依据', 'Basis')}" data-basis>${inTwo(c.basisZh, c.basis)}</td></tr>`)}</tbody></table></div>
  </section>`;
}

const CLOCK_ORDER = ['ACCEPTANCE', 'INSTITUTION_RESPONSE', 'FEEDBACK', 'REOPEN'];
const MAX_DAYS = 365; // as the server (domain/deadline.MaxStageDays)
const MAX_FACTOR = 4; // the longest extension is at most this many times the first stage

// policyDraft reads the editor's inputs into a copy of the policy in force.
function policyDraft(cur) {
  const p = copy(cur);
  for (const [k, c] of Object.entries(p.clocks)) {
    const unit = $(`#f-unit-${k}`);
    if (unit) c.unit = unit.value;
    if (c.unit !== 'CALENDAR_DAYS') delete c.rollToWorkingDay; // a working-day clock never rolls
    c.stages.forEach((st, i) => {
      const v = $(`#f-days-${k}-${i}`);
      if (v) st.days = v.value.trim() === '' ? NaN : Number(v.value);
    });
  }
  return p;
}

// checkPolicy finds, before the server does, the stages the server refuses.
function checkPolicy(p) {
  const e = [];
  for (const [k, c] of Object.entries(p.clocks)) {
    c.stages.forEach((st, i) => {
      const f = `days-${k}-${i}`;
      if (!Number.isInteger(st.days) || st.days < 1) e.push(invalid(f, '天数须为正整数。', 'Days must be a whole number above 0.'));
      else if (st.days > MAX_DAYS) e.push(invalid(f, `最多 ${MAX_DAYS} 天。`, `At most ${MAX_DAYS} days.`));
      else if (i > 0 && st.days <= c.stages[i - 1].days) e.push(invalid(f, '须长于上一阶段。', 'Must be longer than the stage before.'));
      else if (i > 0 && i === c.stages.length - 1 && st.days > MAX_FACTOR * c.stages[0].days) e.push(invalid(f, `最长延期不能超过首个阶段的 ${MAX_FACTOR} 倍。`, `The longest extension may be at most ${MAX_FACTOR} times the first stage.`));
    });
  }
  return e;
}

// policyChanges lists what the draft changes against the policy in force.
function policyChanges(cur, p) {
  const out = [];
  for (const [k, c] of Object.entries(p.clocks)) {
    const was = cur.clocks[k];
    if (was.unit !== c.unit) out.push(`${L(CLOCKS, k)}${t('：', ': ')}${L(UNITS, was.unit)} → ${L(UNITS, c.unit)}`);
    c.stages.forEach((st, i) => {
      if (st.days !== was.stages[i].days) out.push(`${L(CLOCKS, k)} · ${L(STAGES, st.stage)}${t('：', ': ')}${was.stages[i].days} → ${Number.isNaN(st.days) ? '?' : st.days}`);
    });
  }
  return out;
}

// serverField maps the server's field path to the editor's input.
function serverField(path) {
  const m = /^policy\.clocks\.([A-Z_]+)\.(?:stages\[(\d+)\]\.days|(unit))/.exec(path || '');
  if (m) return m[3] ? `unit-${m[1]}` : `days-${m[1]}-${m[2]}`;
  return path === 'reason' ? 'polReason' : path;
}

function policyEditor(p, d) {
  return html`<section class="card" aria-labelledby="pe-title" id="policy-edit">
    <h2 id="pe-title">${t('修改时限政策', 'Change the deadline policy')}</h2>
    <p id="policy-version" data-revision="${d.policyRevision}">${t(`第 ${d.policyRevision} 版`, `Revision ${d.policyRevision}`)} · ${d.policyVersion} · ${d.policyAt ? html`${fmtDateTime(d.policyAt)} · ${d.policyReason}` : t('随版本发布', 'built into the release')}</p>
    <p class="hint">${t('发布后立即生效：此后开始计算的期限按新政策计算，进行中的期限仍按其开始时的政策计算。', 'It takes effect when published: clocks started from then on count with it, running clocks keep the edition they started under.')}</p>
    <form id="policy-form" novalidate aria-labelledby="pe-title">
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${CLOCK_ORDER.filter((k) => p.clocks[k]).map((k) => [k, p.clocks[k]]).map(([k, c]) => html`<fieldset class="sub" data-edit-clock="${k}"><legend>${L(CLOCKS, k)}</legend>
        <div class="stage-row">${field(`unit-${k}`, t('计算方式', 'Counted in'), html`<select id="f-unit-${k}" name="unit-${k}" aria-describedby="${describedBy(`unit-${k}`, false)}">${Object.keys(UNITS).map((u) => html`<option value="${u}" ${u === c.unit ? 'selected' : ''}>${L(UNITS, u)}</option>`)}</select>`)}
        ${c.stages.map((st, i) => field(`days-${k}-${i}`, html`${L(STAGES, st.stage)}${t('（天）', ' (days)')}`,
          html`<input id="f-days-${k}-${i}" name="days-${k}-${i}" type="number" inputmode="numeric" min="1" max="${MAX_DAYS}" step="1" value="${st.days}" aria-describedby="${describedBy(`days-${k}-${i}`, !!st.approverRoles)}" required>`,
          { required: true, hint: st.approverRoles ? html`${t('批准：', 'approved by ')}${st.approverRoles.map((r) => L(roles, r)).join(t('、', ', '))}` : '' }))}</div>
      </fieldset>`)}
      <div id="policy-diff" aria-live="polite" data-changed="false"><p>${t('与现行政策相同。', 'The same as the policy in force.')}</p></div>
      ${field('polReason', t('修改原因（如依据的规定）', 'Reason (e.g. the rule)'), html`<textarea id="f-polReason" name="polReason" rows="2" maxlength="2000" aria-describedby="${describedBy('polReason', false)}" required></textarea>`, { required: true })}
      <div class="submit-row"><button class="btn primary" type="submit" id="publish-policy">${t('发布新版本', 'Publish the new revision')}</button></div>
    </form>
  </section>`;
}

const WEEKDAY_NUM = { Sunday: 0, Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6 };
const MAX_RUN = 14; // as the server: a longer run is a typo

const copy = (x) => JSON.parse(JSON.stringify(x));
const dayOf = (s) => new Date(`${s}T00:00:00Z`);
const yearOf = (s) => Number(String(s).slice(0, 4));
function holidayList(h) {
  if (h.date) return [h.date];
  const out = [];
  for (let d = dayOf(h.from); d <= dayOf(h.to) && out.length <= MAX_RUN; d = new Date(d.getTime() + 86400000)) out.push(d.toISOString().slice(0, 10));
  return out;
}

// checkHoliday and checkWorkday find, before the server does, the mistakes the calendar refuses.
function checkHoliday(cal, h) {
  const e = [];
  if (!h.nameZh) e.push(invalid('hNameZh', '请填写节假日的中文名称。', 'Give the holiday\'s name in Chinese.'));
  if (!h.name) e.push(invalid('hName', '请填写节假日的英文名称。', 'Give the holiday\'s name in English.'));
  if (!h.from) e.push(invalid('hFrom', '请选择日期。', 'Choose the date.'));
  if (e.length) return e;
  if (h.to && h.to < h.from) return [invalid('hTo', '结束日期不能早于开始日期。', 'The last day cannot be before the first.')];
  if (h.to && yearOf(h.to) !== yearOf(h.from)) return [invalid('hTo', '跨年的假期请按年份分两段添加。', 'Add a run across the new year as one run per year.')];
  const days = holidayList(h.to && h.to !== h.from ? { from: h.from, to: h.to } : { date: h.from });
  if (days.length > MAX_RUN) return [invalid('hTo', `一段假期最多 ${MAX_RUN} 天。`, `A run is at most ${MAX_RUN} days.`)];
  const y = (cal.years || []).find((x) => x.year === yearOf(h.from));
  if (y) {
    const taken = new Set((y.holidays || []).flatMap(holidayList));
    const clash = days.find((d) => taken.has(d));
    if (clash) return [invalid('hFrom', `${fmtDate(clash)} 已是节假日。`, `${fmtDate(clash)} is already a holiday.`)];
    const wd = (y.workdays || []).find((w) => days.includes(w.date));
    if (wd) return [invalid('hFrom', `${fmtDate(wd.date)} 是调休上班日。`, `${fmtDate(wd.date)} is a make-up workday.`)];
  }
  return [];
}

function checkWorkday(cal, w) {
  if (!w.date) return [invalid('wDate', '请选择日期。', 'Choose the date.')];
  const weekend = (cal.weekend || []).map((x) => WEEKDAY_NUM[x]);
  if (!weekend.includes(dayOf(w.date).getUTCDay())) return [invalid('wDate', '调休上班日须是周末。', 'A make-up workday must fall on a weekend day.')];
  const y = (cal.years || []).find((x) => x.year === yearOf(w.date));
  if (y && (y.workdays || []).some((x) => x.date === w.date)) return [invalid('wDate', '该日已是调休上班日。', 'That day is already a make-up workday.')];
  if (y && (y.holidays || []).flatMap(holidayList).includes(w.date)) return [invalid('wDate', '该日是节假日。', 'That day is a holiday.')];
  return [];
}

function yearEntry(cal, year) {
  let y = cal.years.find((x) => x.year === year);
  if (!y) {
    y = { year, source: '', holidays: [], workdays: [] };
    cal.years.push(y);
  }
  y.holidays = y.holidays || [];
  y.workdays = y.workdays || [];
  return y;
}

// missingYears warns of the years a running or new clock may reach that the calendar in force has
// no holidays for: this year, and next year from 90 days before it (a 60-day clock started in
// November ends in January). The engine counts such a year as weekends only and marks the clock
// provisional (domain/deadline Calendar.Provisional); the page said nothing of it, and a calendar
// ending with this year went into the new year without its Spring Festival.
function missingYears(cur, draft, j) {
  const tz = cur.timezone || 'Asia/Shanghai';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, dd] = today.split('-').map(Number);
  const has = (c, year) => (c.years || []).some((x) => x.year === year);
  const left = Math.round((Date.UTC(y + 1, 0, 1) - Date.UTC(y, m - 1, dd)) / 86_400_000);
  const want = left <= 90 ? [y, y + 1] : [y];
  const year = want.find((x) => !has(cur, x));
  if (!year) return '';
  const inDraft = has(draft, year);
  const first = fmtDay(`${year}-01-01`);
  const when = year === y ? t('今年起', 'this year') : t(`${first}起（还剩 ${left} 天）`, `from ${first} (${left} day${left === 1 ? '' : 's'} from now)`);
  return html`<div class="flash tone-warn" role="status" id="cal-missing" data-year="${year}">
    <p><strong>${t(`日历尚无 ${year} 年的节假日安排。`, `The calendar has no holidays for ${year}.`)}</strong>
    ${t(`${when}的期限只按周末休息计算，并标为临时期限；添加并发布该年的节假日和调休上班日后，这些期限在下次变化时重算。`,
    `Deadlines ${when} count weekends only and are marked provisional; once the year's holidays and make-up workdays are added and published, they are recounted at their next change.`)}</p>
    <p class="small">${inDraft ? t(`本机草稿中已有 ${year} 年的安排，尚未发布。`, `The draft on this device has ${year}; it is not published yet.`)
    : j === 'CN' ? t('国务院办公厅通常在前一年 10 至 11 月公布放假安排：请在下方“修改工作日历”中添加。', 'The State Council General Office publishes the arrangement in October or November of the year before: add it under "Change the calendar" below.')
      : t('请在下方“修改工作日历”中添加该年的节假日。', 'Add the year\'s holidays under "Change the calendar" below.')}</p></div>`;
}

function calendarYears(cal, editable) {
  const years = [...(cal.years || [])].sort((a, b) => b.year - a.year);
  const rm = (kind, y, i, what) => (editable ? html` <button type="button" class="link small" data-remove="${kind}|${y.year}|${i}">${t('删除', 'Remove')}<span class="sr-only"> ${what}</span></button>` : '');
  return years.map((y) => html`<details class="more" ${y === years[0] ? 'open' : ''} data-year="${y.year}"><summary>${y.year} ${t('年', '')}</summary>
    <p class="small muted" data-year-source>${y.source || y.sourceZh ? inTwo(y.sourceZh, y.source) : t('（发布时以修改原因为依据）', '(the reason given when publishing is its source)')}</p>
    <div class="row2"><div><h3>${t('节假日', 'Holidays')}</h3><ul class="plain holidays">${(y.holidays || []).map((h, i) => html`<li data-holiday="${h.nameZh || h.name}"><strong>${inTwo(h.nameZh, h.name)}</strong><br><span class="small">${holidayDays(h)}</span>${rm('holiday', y, i, t(h.nameZh || h.name, h.name))}</li>`)}</ul></div>
    <div><h3>${t('调休上班日', 'Make-up workdays')}</h3>${(y.workdays || []).length ? html`<ul class="plain workdays">${y.workdays.map((w, i) => html`<li data-workday="${w.date}">${fmtDate(w.date)}${w.forZh || w.for ? html` <span class="muted small">${inTwo(w.forZh, w.for)}</span>` : ''}${rm('workday', y, i, fmtDate(w.date))}</li>`)}</ul>` : html`<p class="muted">${t('无', 'None')}</p>`}</div></div>
  </details>`);
}

function editor(changed) {
  return html`<section class="card" aria-labelledby="cal-edit-title" id="cal-edit">
    <h2 id="cal-edit-title">${t('修改工作日历', 'Change the calendar')}</h2>
    <p class="hint">${t('修改先保存在本机草稿中，发布后才生效：此后开始计算的期限按新日历计算，进行中的期限在下次变化（暂停、恢复、延期）时按新日历重算。', 'Changes stay in a draft on this device until published: clocks started from then on count with the new calendar, running ones from their next change (pause, restart, extension).')}</p>
    <form id="holiday-form" novalidate aria-labelledby="holiday-title">
      <h3 id="holiday-title">${t('添加节假日', 'Add a holiday')}</h3>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div class="row2">
        ${field('hNameZh', t('中文名称', 'Name in Chinese'), html`<input id="f-hNameZh" name="hNameZh" lang="zh-CN" maxlength="100" autocomplete="off" aria-describedby="${describedBy('hNameZh', false)}" required>`, { required: true })}
        ${field('hName', t('英文名称', 'Name in English'), html`<input id="f-hName" name="hName" lang="en" maxlength="100" autocomplete="off" aria-describedby="${describedBy('hName', false)}" required>`, { required: true })}
      </div>
      <div class="row2">
        ${field('hFrom', t('日期（或第一天）', 'Date (or first day)'), html`<input id="f-hFrom" name="hFrom" type="date" aria-describedby="${describedBy('hFrom', false)}" required>`, { required: true })}
        ${field('hTo', t('最后一天', 'Last day'), html`<input id="f-hTo" name="hTo" type="date" aria-describedby="${describedBy('hTo', false)}">`, { optional: true })}
      </div>
      <button class="btn" type="submit" id="add-holiday">${t('添加节假日', 'Add the holiday')}</button>
    </form>
    <form id="workday-form" novalidate aria-labelledby="workday-title">
      <h3 id="workday-title">${t('添加调休上班日', 'Add a make-up workday')}</h3>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div class="row2">
        ${field('wDate', t('日期（周末）', 'Date (a weekend day)'), html`<input id="f-wDate" name="wDate" type="date" aria-describedby="${describedBy('wDate', false)}" required>`, { required: true })}
        ${field('wForZh', t('为哪个节假日调休（中文）', 'Made up for (in Chinese)'), html`<input id="f-wForZh" name="wForZh" lang="zh-CN" maxlength="100" autocomplete="off" aria-describedby="${describedBy('wForZh', false)}">`, { optional: true })}
        ${field('wFor', t('为哪个节假日调休（英文）', 'Made up for (in English)'), html`<input id="f-wFor" name="wFor" lang="en" maxlength="100" autocomplete="off" aria-describedby="${describedBy('wFor', false)}">`, { optional: true })}
      </div>
      <button class="btn" type="submit" id="add-workday">${t('添加调休上班日', 'Add the workday')}</button>
    </form>
    <form id="cal-publish" novalidate aria-labelledby="publish-title">
      <h3 id="publish-title">${t('发布', 'Publish')}</h3>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <p id="cal-changes" data-changed="${String(changed)}">${changed ? t('草稿与现行日历不同，尚未发布。', 'The draft differs from the calendar in force and is not published.') : t('草稿与现行日历相同。', 'The draft is the calendar in force.')}</p>
      ${field('calReason', t('修改原因（如依据的通知）', 'Reason (e.g. the notice)'), html`<textarea id="f-calReason" name="calReason" rows="2" maxlength="2000" aria-describedby="${describedBy('calReason', false)}" required></textarea>`, { required: true })}
      <div class="submit-row"><button class="btn primary" type="submit" id="publish-calendar" ${changed ? '' : 'disabled'}>${t('发布新版本', 'Publish the new version')}</button>
        <button class="btn" type="button" id="reset-calendar" ${changed ? '' : 'disabled'}>${t('放弃草稿', 'Discard the draft')}</button></div>
    </form>
  </section>`;
}

export async function deadlines({ main, params, alive, flash }) {
  const j = JURISDICTIONS[params.get('j')] ? params.get('j') : 'CN';
  const d = (await gql('query($j: Jurisdiction) { deadlineRules(jurisdiction: $j) { calendar calendarVersion calendarReason calendarPublishedAt policies policy policyRevision policyVersion policyReason policyAt } }', { j })).deadlineRules;
  if (!alive()) return;
  const cur = JSON.parse(d.calendar);
  const pols = d.policies.map((p) => JSON.parse(p));
  const inForce = JSON.parse(d.policy);
  const key = `calendar.${j}`;
  const kept = drafts.get(key);
  // A draft made on an older version is dropped: it would undo what was published since.
  let draft = kept && kept.base === d.calendarVersion ? kept.cal : copy(cur);
  const save = () => drafts.set(key, { base: d.calendarVersion, cal: draft });

  const draw = (focus) => {
    const changed = JSON.stringify(draft) !== JSON.stringify(cur);
    mount(main, html`<section class="page wide" aria-labelledby="dl-title">
    ${flash()}
    <h1 id="dl-title" tabindex="-1">${t('工作日历与时限政策', 'Business calendars and deadline policies')}</h1>
    ${adminTabs('deadlines')}
    <nav class="tabs" aria-label="${t('法域', 'Jurisdiction')}">${Object.keys(JURISDICTIONS).map((k) => html`<a class="btn small" href="#/admin/deadlines?j=${k}" ${k === j ? html`aria-current="page"` : ''}>${t(...JURISDICTIONS[k])} (${k})</a>`)}</nav>
    <p class="caveat" id="dl-readonly">${t('工作日历与时限政策均可在本页修改并发布为新版本（记入管理审计日志）。已开始计算的期限不受影响。', 'The business calendar and the deadline policy are edited here and published as new versions (recorded in the admin audit log). Clocks already running are not moved.')}</p>
    <section class="card" aria-labelledby="cal-title" id="calendar">
      <h2 id="cal-title">${t('工作日历', 'Business calendar')} · ${cur.timezone}</h2>
      <p id="cal-version" data-version="${d.calendarVersion}">${t(`第 ${d.calendarVersion} 版`, `Version ${d.calendarVersion}`)} · ${d.calendarVersion === 1 ? t('随版本发布', 'built into the release') : html`${fmtDateTime(d.calendarPublishedAt)} · ${d.calendarReason}`}</p>
      <p class="muted">${t('周末：', 'Weekend: ')}${(cur.weekend || []).map((w) => L(WEEKDAYS, w)).join(t('、', ', '))}</p>
      <p class="small" data-cal-source>${inTwo(cur.sourceZh, cur.source)}</p>
      ${missingYears(cur, draft, j)}
      ${changed ? html`<p class="badge tone-warn" id="draft-badge">${t('以下为未发布的草稿', 'Below: the unpublished draft')}</p>` : ''}
      ${calendarYears(draft, true)}
    </section>
    ${editor(changed)}
    ${policyEditor(inForce, d)}
    ${pols.map((p, i) => policyView(p, i, pols.length - 1))}
  </section>`);
    wire();
    if (focus) $(focus)?.focus();
  };

  function wirePolicy() {
    const f = $('#policy-form');
    liveClear(f);
    const diff = () => {
      const ch = policyChanges(inForce, policyDraft(inForce));
      const box = $('#policy-diff');
      box.dataset.changed = String(ch.length > 0);
      mount(box, ch.length ? html`<p>${t('未发布的修改：', 'Unpublished changes:')}</p><ul class="plain">${ch.map((c) => html`<li>${c}</li>`)}</ul>` : html`<p>${t('与现行政策相同。', 'The same as the policy in force.')}</p>`);
    };
    f.addEventListener('input', diff);
    f.addEventListener('change', diff);
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = policyDraft(inForce);
      const reason = $('#f-polReason').value.trim();
      const errs = checkPolicy(p);
      if (!policyChanges(inForce, p).length) errs.push(invalid('', '草稿与现行政策相同，无需发布。', 'Nothing differs from the policy in force.'));
      if (!reason) errs.push(invalid('polReason', '请说明修改原因。', 'Say why the deadlines change.'));
      if (errs.length) return showErrors(f, errs).focus();
      submitting(f, async () => {
        try {
          const v = (await gql('mutation($j: Jurisdiction!, $d: String!, $r: String!, $v: Int) { updateDeadlinePolicy(jurisdiction: $j, document: $d, reason: $r, expectedRevision: $v) { policyRevision } }',
            { j, d: JSON.stringify(p), r: reason, v: d.policyRevision })).updateDeadlinePolicy;
          const { setFlash } = await import('../../core/state.js');
          setFlash(`已发布第 ${v.policyRevision} 版时限政策。`, `Deadline policy revision ${v.policyRevision} published.`);
          const { run } = await import('../../core/router.js');
          run();
        } catch (err) {
          if (!err.errors) throw err;
          throw { errors: err.errors.map((e) => ({ ...e, extensions: { ...(e.extensions || {}), field: serverField((e.extensions || {}).field) } })) };
        }
      }, t('正在发布…', 'Publishing…'));
    });
  }

  function wire() {
    wirePolicy();
    const hf = $('#holiday-form');
    const wf = $('#workday-form');
    const pf = $('#cal-publish');
    [hf, wf, pf].forEach(liveClear);
    $('#calendar').addEventListener('click', (ev) => {
      const b = ev.target.closest('[data-remove]');
      if (!b) return;
      const [kind, year, i] = b.dataset.remove.split('|');
      const y = draft.years.find((x) => x.year === Number(year));
      (kind === 'holiday' ? y.holidays : y.workdays).splice(Number(i), 1);
      save();
      draw('#cal-changes');
      announce(t('已从草稿中删除', 'Removed from the draft'));
    });
    hf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const h = { name: $('#f-hName').value.trim(), nameZh: $('#f-hNameZh').value.trim(), from: $('#f-hFrom').value, to: $('#f-hTo').value };
      const errs = checkHoliday(draft, h);
      if (errs.length) return showErrors(hf, errs).focus();
      clearErrors(hf);
      const y = yearEntry(draft, yearOf(h.from));
      y.holidays.push(h.to && h.to !== h.from ? { name: h.name, nameZh: h.nameZh, from: h.from, to: h.to } : { name: h.name, nameZh: h.nameZh, date: h.from });
      y.holidays.sort((a, b) => ((a.date || a.from) < (b.date || b.from) ? -1 : 1));
      save();
      draw('#cal-changes');
      announce(t(`已将 ${h.nameZh} 加入草稿`, `${h.name} added to the draft`));
    });
    wf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const w = { date: $('#f-wDate').value, for: $('#f-wFor').value.trim(), forZh: $('#f-wForZh').value.trim() };
      if (!w.forZh) delete w.forZh;
      const errs = checkWorkday(draft, w);
      if (errs.length) return showErrors(wf, errs).focus();
      clearErrors(wf);
      const y = yearEntry(draft, yearOf(w.date));
      y.workdays.push(w);
      y.workdays.sort((a, b) => (a.date < b.date ? -1 : 1));
      save();
      draw('#cal-changes');
      announce(t('已将调休上班日加入草稿', 'Make-up workday added to the draft'));
    });
    $('#reset-calendar').addEventListener('click', () => {
      drafts.drop(key);
      draft = copy(cur);
      draw('#cal-changes');
      announce(t('草稿已恢复为现行版本', 'The draft is back to the version in force'));
    });
    pf.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const reason = $('#f-calReason').value.trim();
      if (!reason) return showErrors(pf, [invalid('calReason', '请说明修改原因。', 'Say why the calendar changes.')]).focus();
      const doc = copy(draft);
      doc.years.forEach((y) => { if (!y.source) y.source = reason; }); // a new year's source is the notice given
      doc.years.sort((a, b) => a.year - b.year);
      submitting(pf, async () => {
        try {
          const v = (await gql('mutation($j: Jurisdiction!, $d: String!, $r: String!, $v: Int) { updateCalendar(jurisdiction: $j, document: $d, reason: $r, expectedVersion: $v) { calendarVersion } }',
            { j, d: JSON.stringify(doc), r: reason, v: d.calendarVersion })).updateCalendar;
          drafts.drop(key);
          const { setFlash } = await import('../../core/state.js');
          setFlash(`已发布第 ${v.calendarVersion} 版工作日历。`, `Calendar version ${v.calendarVersion} published.`);
          const { run } = await import('../../core/router.js');
          run();
        } catch (err) {
          if (!err.errors) throw err;
          // The reason has its field; a problem in the calendar itself is said at the top.
          throw { errors: err.errors.map((e) => ((e.extensions || {}).field === 'reason' ? { ...e, extensions: { ...e.extensions, field: 'calReason' } } : e)) };
        }
      }, t('正在发布…', 'Publishing…'));
    });
  }
  draw();
}
