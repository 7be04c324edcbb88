// Admin: the business calendars (holidays and make-up workdays per year) and the deadline (SLA)
// policies, per jurisdiction. Read-only: they are data files of the release (docs/DEADLINES.md);
// the page says so and shows what the clocks count with.

import { gql } from '../../core/api.js';
import { html, mount } from '../../core/dom.js';
import { t, L, roles, deadlineKinds } from '../../core/i18n.js';
import { fmtDate, fmtDateTime } from '../../core/format.js';
import { adminTabs } from '../../components/admin.js';

const JURISDICTIONS = { CN: ['中国', 'China'], US: ['美国', 'United States'] };
const UNITS = { WORKING_DAYS: ['工作日', 'working days'], CALENDAR_DAYS: ['自然日', 'calendar days'] };
const STAGES = { STANDARD: ['标准期限', 'Standard'], EXTENDED: ['延期', 'Extended'], SENIOR_EXTENDED: ['再延期（需上级批准）', 'Senior extension'] };
const CLOCKS = { ...deadlineKinds, REOPEN: ['重新处理窗口', 'Reopen window'] };
const PAUSES = { WAITING_FOR_COMPLAINANT: ['等待投诉人补充材料', 'waiting for the complainant'], OUTSIDE_APPRAISAL: ['外部鉴定', 'outside appraisal'] };
const WEEKDAYS = { Saturday: ['周六', 'Saturday'], Sunday: ['周日', 'Sunday'] };

function holidayDays(h) {
  return h.date ? fmtDate(h.date) : `${fmtDate(h.from)} – ${fmtDate(h.to)}`;
}

function policyView(p, i, last) {
  return html`<section class="card" aria-labelledby="pol-${i}">
    <h2 id="pol-${i}">${t('时限政策', 'Deadline policy')} ${p.version} ${i === last ? html`<span class="badge small tone-ok">${t('最新', 'latest')}</span>` : ''}</h2>
    <p class="muted">${t('生效时间：', 'In effect from ')}${fmtDateTime(p.effectiveFrom)} · ${t('提醒时间：', 'reminders at ')}${p.remindAt || ''}</p>
    <p class="small">${p.source || ''}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="pol-${i}"><table class="policy-table">
      <caption class="sr-only">${t('各项期限', 'Clocks')} ${p.version}</caption>
      <thead><tr><th scope="col">${t('期限', 'Clock')}</th><th scope="col">${t('天数', 'Days')}</th><th scope="col">${t('暂停原因', 'Pauses')}</th><th scope="col">${t('提醒', 'Reminders')}</th><th scope="col">${t('依据', 'Basis')}</th></tr></thead>
      <tbody>${Object.entries(p.clocks || {}).map(([k, c]) => html`<tr data-clock="${k}">
        <th scope="row">${L(CLOCKS, k)}</th>
        <td><ul class="plain">${(c.stages || []).map((s) => html`<li>${L(STAGES, s.stage)}：${s.days} ${L(UNITS, c.unit)}${s.approverRoles ? html`<br><span class="muted small">${t('批准：', 'approved by ')}${s.approverRoles.map((r) => L(roles, r)).join(t('、', ', '))}</span>` : ''}</li>`)}</ul>
          ${c.rollToWorkingDay ? html`<span class="muted small">${t('到期日遇节假日顺延', 'a due day on a holiday moves to the next working day')}</span>` : ''}</td>
        <td>${(c.pauseReasons || []).length ? c.pauseReasons.map((r) => L(PAUSES, r)).join(t('、', ', ')) : '—'}</td>
        <td>${(c.remindDaysBefore || []).length ? t(`提前 ${c.remindDaysBefore.join('、')} 天`, `${c.remindDaysBefore.join(', ')} days before`) : '—'}</td>
        <td class="small">${c.basis || ''}</td></tr>`)}</tbody></table></div>
  </section>`;
}

export async function deadlines({ main, params, alive, flash }) {
  const j = JURISDICTIONS[params.get('j')] ? params.get('j') : 'CN';
  const d = (await gql('query($j: Jurisdiction) { deadlineRules(jurisdiction: $j) { calendar policies } }', { j })).deadlineRules;
  if (!alive()) return;
  const cal = JSON.parse(d.calendar);
  const pols = d.policies.map((p) => JSON.parse(p));
  const years = [...(cal.years || [])].sort((a, b) => b.year - a.year);
  mount(main, html`<section class="page wide" aria-labelledby="dl-title">
    ${flash()}
    <h1 id="dl-title" tabindex="-1">${t('工作日历与时限政策', 'Business calendars and deadline policies')}</h1>
    ${adminTabs('deadlines')}
    <nav class="tabs" aria-label="${t('法域', 'Jurisdiction')}">${Object.keys(JURISDICTIONS).map((k) => html`<a class="btn small" href="#/admin/deadlines?j=${k}" ${k === j ? html`aria-current="page"` : ''}>${t(...JURISDICTIONS[k])} (${k})</a>`)}</nav>
    <p class="caveat" id="dl-readonly">${t('日历和时限政策是随版本发布的数据文件（domain/deadline），不能在线修改：新的年度放假安排或政策调整，请提交变更并随下一个版本发布。所有期限均按下列规则计算。', 'The calendars and deadline policies are data files of the release (domain/deadline) and cannot be changed here: a new year\'s holidays or a policy change ships with the next release. Every clock counts by the rules below.')}</p>
    ${pols.map((p, i) => policyView(p, i, pols.length - 1))}
    <section class="card" aria-labelledby="cal-title">
      <h2 id="cal-title">${t('工作日历', 'Business calendar')} · ${cal.timezone}</h2>
      <p class="muted">${t('周末：', 'Weekend: ')}${(cal.weekend || []).map((w) => L(WEEKDAYS, w)).join(t('、', ', '))}</p>
      <p class="small">${cal.source || ''}</p>
      ${years.map((y) => html`<details class="more" ${y === years[0] ? 'open' : ''} data-year="${y.year}"><summary>${y.year} ${t('年', '')}</summary>
        <p class="small muted">${y.source || ''}</p>
        <div class="row2"><div><h3>${t('节假日', 'Holidays')}</h3><ul class="plain holidays">${(y.holidays || []).map((h) => html`<li><strong>${h.name}</strong><br><span class="small">${holidayDays(h)}</span></li>`)}</ul></div>
        <div><h3>${t('调休上班日', 'Make-up workdays')}</h3>${(y.workdays || []).length ? html`<ul class="plain">${y.workdays.map((w) => html`<li>${fmtDate(w.date)}${w.note || w.for ? html` <span class="muted small">${w.for || w.note}</span>` : ''}</li>`)}</ul>` : html`<p class="muted">${t('无', 'None')}</p>`}</div></div>
      </details>`)}
    </section>
  </section>`);
}
