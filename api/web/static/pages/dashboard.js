// The analysts' dashboard (analysts' home; supervisors and admins too): complaints over time against
// the previous period, league tables of institutions and of collection agencies, violations by kind,
// a province map of China, timeliness and relief, scorecards with the red and black lists, and spike
// alerts. The filter lives in the URL (#/dashboard?from=…&to=…&kind=…), so a link reproduces the
// view. Every chart has its data as a table (a text alternative) and a CSV download of exactly the
// rows shown, built in the browser from the same data. ECharts and the map are vendored and loaded
// only by this page.

import { gql } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, lang, locale, instName, partyName, products, institutionKinds, channels } from '../core/i18n.js';
import { loadProvinces, loadViolationTypes, provinceName, vlabel, state } from '../core/state.js';
import { pct, fmtDay, fmtSpan, fmtMonth, when } from '../core/format.js';
import { go } from '../core/router.js';
import { ackForm, bindAckForms } from '../components/alertack.js';
import { citeLaw } from '../components/violations.js';

const DAY = 86_400_000;
const KEYS = ['from', 'to', 'interval', 'kind', 'product', 'province', 'violation', 'channel'];
const INTERVALS = { DAY: ['按日', 'By day'], WEEK: ['按周', 'By week'], MONTH: ['按月', 'By month'] };
const AGENCY = 'COLLECTION_AGENCY';
// FILTER_NAMES name the filters a link may hold as the form labels them: a bad link was said to
// have ignored "from、kind", the URL's keys.
const FILTER_NAMES = { from: ['起始日期', 'From'], to: ['截止日期', 'To'], interval: ['时间粒度', 'Interval'], kind: ['机构类型', 'Institution kind'],
  product: ['借款类型', 'Product'], province: ['省份', 'Province'], violation: ['违规类型', 'Violation'], channel: ['催收渠道', 'Channel'] };
const TOP = 10;

const parseD = (s) => Date.parse(`${s}T00:00:00Z`);
const fmtD = (ms) => new Date(ms).toISOString().slice(0, 10);
const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parseD(s));
const addDays = (s, n) => fmtD(parseD(s) + n * DAY);
const monthEnd = (s) => { const [y, m] = s.split('-').map(Number); return fmtD(Date.UTC(y, m, 0)); };

// periodLabel names a period of the trends (the server gives its first day, 2026-09-07) as people
// read it, cut to the view's days lo..hi: 2026年9月8日 for a day, 2026年9月8日至13日 for a week
// (the view's first week may start before it), 2026年9月 for a whole month.
export function periodLabel(p, interval, lo, hi) {
  if (!p) return '';
  const start = p.slice(0, 10);
  if (interval === 'DAY') return fmtDay(start);
  const end = interval === 'WEEK' ? addDays(start, 6) : monthEnd(start);
  const a = lo && start < lo ? lo : start;
  const b = hi && end > hi ? hi : end;
  if (interval === 'MONTH' && a === start && b === end) return fmtMonth(start);
  return fmtSpan(a, b);
}

// axisLabel is a chart axis's shorter name of a period: 9月7日 or 7 Sept (its first day), or the month.
function axisLabel(p, interval) {
  const s = (p || '').slice(0, 10);
  if (!s) return '';
  if (interval === 'MONTH') return fmtMonth(s);
  const [y, m, d] = s.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', month: locale() === 'en-GB' ? 'short' : 'long', day: 'numeric' }).format(Date.UTC(y, m - 1, d));
}

// todayCN is today's date in China, the day the statistics count complaints by.
function todayCN() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

// viewFrom reads the filter from the URL; values the page does not know are dropped (and said).
export function viewFrom(params, known) {
  const v = {};
  const dropped = [];
  for (const k of KEYS) v[k] = (params.get(k) || '').trim();
  if (!isDate(v.to)) { if (v.to) dropped.push('to'); v.to = todayCN(); }
  if (!isDate(v.from)) { if (v.from) dropped.push('from'); v.from = fmtD(parseD(v.to) - 89 * DAY); }
  if (v.from > v.to) [v.from, v.to] = [v.to, v.from];
  v.days = Math.round((parseD(v.to) - parseD(v.from)) / DAY) + 1;
  if (!INTERVALS[v.interval]) {
    if (v.interval) dropped.push('interval');
    v.interval = v.days <= 31 ? 'DAY' : v.days <= 190 ? 'WEEK' : 'MONTH';
  }
  if (v.interval === 'DAY' && v.days > 400) v.interval = 'WEEK';
  for (const [k, ok] of Object.entries(known)) {
    if (v[k] && !ok(v[k])) { dropped.push(k); v[k] = ''; }
  }
  return { v, dropped };
}

function statsFilter(v, from = v.from, to = v.to) {
  const f = { from, to };
  if (v.kind) f.institutionKinds = [v.kind];
  if (v.product) f.products = [v.product];
  if (v.province) f.provinces = [v.province];
  if (v.violation) f.violationTypes = [v.violation];
  if (v.channel) f.channels = [v.channel];
  return f;
}

// cardPeriod is the scorecards' calendar period for the view: the month, quarter or year it spans
// exactly, else the year of its end.
function cardPeriod(v) {
  const [fy, fm, fd] = v.from.split('-').map(Number);
  const [ty, tm, td] = v.to.split('-').map(Number);
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, '0');
  if (fd === 1 && td === last && fy === ty) {
    if (fm === tm) return { period: `${fy}-${pad(fm)}`, exact: true };
    if (fm % 3 === 1 && tm === fm + 2) return { period: `${fy}-Q${(fm + 2) / 3}`, exact: true };
    if (fm === 1 && tm === 12) return { period: String(fy), exact: true };
  }
  return { period: String(ty), exact: false };
}

const STATS = `query($f: StatsFilter) {
  total: stats(filter: $f) { rows { complaints answered timely untimely monetaryRelief nonMonetaryRelief explained accepted disputed timelyRate reliefRate disputeRate suppressed } }
  byViolation: stats(filter: $f, groupBy: [VIOLATION_TYPE], first: 60) { suppressedCells rows { violationType complaints suppressed } }
  byProvince: stats(filter: $f, groupBy: [PROVINCE], first: 80) { suppressedCells rows { province complaints timelyRate suppressed } } }`;
// The league tables: every institution's row (the split into lenders and agencies is by kind).
const LEAGUE = `query($f: StatsFilter) {
  byInstitution: stats(filter: $f, groupBy: [INSTITUTION], first: 400) { suppressedCells truncated rows { institution { id name nameEn kind } complaints timelyRate reliefRate suppressed } } }`;
const TRENDS = `query($f: StatsFilter, $pf: StatsFilter, $i: StatsDimension!) {
  now: trends(filter: $f, interval: $i) { total previousTotal changeRate series { points { period complaints timely untimely timelyRate reliefRate suppressed } } }
  before: trends(filter: $pf, interval: $i) { total series { points { period complaints suppressed } } } }`;
const CARDS = `query($p: String!, $k: [InstitutionKind!], $from: String, $to: String) {
  cards: institutionScorecards(period: $p, institutionKinds: $k, first: 20) { from to minCount caveat caveatZh totalCount
    cards { institution { id name nameEn kind } complaints perTenThousandCustomers timelyRate reliefRate disputeRate serviceScore ranked rank }
    redList { institution { id name nameEn } complaints serviceScore } blackList { institution { id name nameEn } complaints serviceScore } }
  alerts(openOnly: false, institutionKinds: $k, from: $from, to: $to, first: 30) { nodes { id kind institutionId institutionName institution { name nameEn } violationType weekStart observed baseline zScore acknowledgedAt } } }`;

// RULES is what the violation figures follow: the rule packs in force and the latest reassessment
// (statsReassessment; a platform without workers has none, and asks for the packs alone).
const RULES = '{ rulePacks { jurisdiction revision version createdAt } statsReassessment { state since changed unchanged createdAt finishedAt } }';
const JURISDICTIONS = { CN: ['中国', 'China'], US: ['美国', 'US'] };

async function loadRuleBasis() {
  try {
    return await gql(RULES);
  } catch {
    try { return { ...(await gql('{ rulePacks { jurisdiction revision version createdAt } }')), statsReassessment: null }; } catch { return null; }
  }
}

// ruleBasis says which rule pack revision the violation figures follow and whether the complaints
// they count were judged again since it was published: the figures of complaints not yet classified
// are the rule engine's flags, which a revision changes only once a reassessment re-judges them
// (session 33 walk: the dashboard did not say, after a revision, whether its figures had followed).
export function ruleBasis(b) {
  if (!b || !b.rulePacks?.length) return '';
  const packs = b.rulePacks.map((p) => t(`${L(JURISDICTIONS, p.jurisdiction)}第 ${p.revision} 版（${p.version}${p.createdAt ? `，${fmtDay(p.createdAt)}发布` : ''}）`,
    `${L(JURISDICTIONS, p.jurisdiction)} revision ${p.revision} (${p.version}${p.createdAt ? `, published ${fmtDay(p.createdAt)}` : ''})`));
  const latest = Math.max(0, ...b.rulePacks.map((p) => (p.createdAt ? Date.parse(p.createdAt) : 0)));
  const edited = b.rulePacks.some((p) => p.revision > 1);
  const j = b.statsReassessment;
  const since = j ? fmtDay(j.since) : '';
  const admin = state.me?.role === 'admin';
  const next = admin ? html` <a href="#/admin/rules" id="dash-rules-next">${t('在规则包页面重新评估', 'Reassess on the rule packs page')}</a>` : '';
  let status; let stateName;
  if (!j || Date.parse(j.createdAt) < latest) {
    stateName = edited ? 'STALE' : 'BUILTIN';
    status = edited
      ? html`${t('现行版本发布后尚未重新评估：发布前已判定的投诉仍按当时的版本计数。', 'No reassessment since the revision in force was published: complaints judged before it still count as their revision then judged them.')}${j ? html` ${t('最近一次重新评估开始于', 'The latest reassessment started')} ${when(j.createdAt)}${t('。', '.')}` : ''}${admin ? next : html` ${t('重新评估由管理员发起。', 'An administrator starts reassessments.')}`}`
      : t('规则包未曾修改，所有投诉均按此版判定。', 'The rule packs were never edited: every complaint was judged by them.');
  } else if (j.state === 'QUEUED' || j.state === 'RUNNING') {
    stateName = j.state;
    status = t(`正在按现行版本重新评估${since}以来提交的投诉（已有 ${j.changed} 件判定改变）：完成前数字还会变化。`,
      `Complaints filed since ${since} are being judged again with the revision in force (${j.changed} changed so far): the figures move until it ends.`);
  } else if (j.state === 'DONE') {
    stateName = 'DONE';
    status = html`${t(`${since}以来提交的投诉已于`, `Complaints filed since ${since} were judged again with the revision in force, ended`)} ${when(j.finishedAt || j.createdAt)}${t(
      ` 按现行版本重新评估，${j.changed} 件判定改变、${j.unchanged} 件未变；更早提交的投诉仍按当时的版本计数。`,
      `: ${j.changed} changed, ${j.unchanged} unchanged; complaints filed earlier count as the revision then in force judged them.`)}`;
  } else {
    stateName = 'FAILED';
    status = html`${t(`按现行版本重新评估${since}以来提交的投诉未完成（已有 ${j.changed} 件判定改变），其余投诉仍按当时的版本计数。`,
      `Judging the complaints filed since ${since} again did not finish (${j.changed} changed): the others count as the revision then in force judged them.`)}${admin ? next : html` ${t('管理员可重新开始。', 'An administrator can start it again.')}`}`;
  }
  return html`<p class="caveat" id="dash-rules" data-state="${stateName}">${t('违规类型：经审核认定的投诉按认定的违规计数，尚未认定的按规则引擎的判定计数，现行规则包为', 'Violations: complaints a reviewer classified count as confirmed; the others as the rule engine flagged them, under')}
    ${packs.join(t('、', ', '))}${t('。', '.')} ${status}</p>`;
}

// Charts of the page on screen; disposed when the page is drawn again.
const charts = new Set();
let observer = null;
let blobs = [];

function cleanup() {
  charts.forEach((c) => { try { c.dispose(); } catch { /* gone */ } });
  charts.clear();
  if (observer) observer.disconnect();
  observer = null;
  blobs.forEach((u) => URL.revokeObjectURL(u));
  blobs = [];
}

// safeCell keeps a spreadsheet from reading text as a formula, as the server's CSV does (api/export.go
// safeCell): text that starts with = + - @ in any form NFKC folds to them (＝ ＋ － ＠ …) or the
// minus sign U+2212, or with a space, control or format character, gets a leading apostrophe.
export function safeCell(s) {
  if (s === '') return s;
  const first = String.fromCodePoint(s.codePointAt(0));
  return /^[\s\p{Cc}\p{Cf}]/u.test(first) || '=+-@\u2212'.includes(first.normalize('NFKC')[0]) ? `'${s}` : s;
}

// plain is a cell's text for the CSV: markup (a citation marked Chinese) as the text it shows.
const ENT = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const plain = (v) => String(v).replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENT[e]);

function csvField(v) {
  let s = v == null ? '' : typeof v === 'object' ? plain(v) : String(v);
  if (typeof v === 'string') s = safeCell(s);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// toCSV writes a table (columns and rows as shown) as CSV, with a byte-order mark for Excel.
export function toCSV(cols, rows) {
  const lines = [cols.map((c) => csvField(c.label)).join(',')];
  rows.forEach((r) => lines.push(cols.map((c) => csvField(r[c.k])).join(',')));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const num = (n) => (n == null ? '—' : n);
// per10k writes complaints per 10,000 customers: two decimals, or two significant digits below
// 0.01 — a big lender's 11 complaints among 200 million customers read "0.00", as if none — written
// out in full: String(4e-7) is "4e-7", which nobody reads as a rate (session 25 walk).
const tiny = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2, useGrouping: false });
export const per10k = (x) => (x == null ? '—' : x > 0 && x < 0.01 ? tiny.format(x) : (Math.round(x * 100) / 100).toFixed(2));
const rate = (x) => (x == null ? '—' : pct(x));
// noneDue says why a timely rate is missing: no complaint of the period fell due yet.
const noneDue = () => t('本期尚无到期案件', 'No deadlines fell due yet in this period');
// nothingDue says whether none of a figure's complaints fell due yet: its timely rate is null, not 0 %.
const nothingDue = (f) => f.timelyRate == null && !f.suppressed && !f.timely && !f.untimely;
// timelyCell is a figure's timely rate, or "—" and why when nothing fell due (docs/STATISTICS.md).
const timelyCell = (f) => (nothingDue(f) ? `— ${t('（', '(')}${noneDue()}${t('）', ')')}` : rate(f.timelyRate));
const withheld = () => t('少于5件（不显示）', 'under 5 (withheld)');

// table is a section's data: its caption, columns and rows as shown, and its CSV link. A table of
// four columns or more, or with a column of running text (c.prose: the law cited), becomes one card
// per row on a phone (.stack-table, each value beside its column's name): the scorecards' nine
// columns scrolled sideways at 360 px, and so did the violations' three once they cited the law.
function table(id, caption, cols, rows, open = false) {
  const stack = cols.length >= 4 || cols.some((c) => c.prose);
  const csv = toCSV(cols, rows);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  blobs.push(url);
  const name = `redline-${id}-${new Date().toISOString().slice(0, 10)}.csv`;
  return html`<details class="dash-data" ${open ? 'open' : ''}><summary>${t('数据表', 'Data table')}</summary>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('数据表：', 'Data table: ')}${caption}"><table id="${id}-table" class="${stack ? 'stack-table' : ''}"><caption class="sr-only">${caption}</caption>
      <thead><tr>${cols.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
      <tbody>${rows.length ? rows.map((r) => html`<tr ${r.$attr ? html`data-${r.$attr[0]}="${r.$attr[1]}"` : ''}>${cols.map((c) => html`<td data-k="${c.k}" ${stack ? html`data-label="${c.label}"` : ''}>${r[c.k] ?? ''}</td>`)}</tr>`)
    : html`<tr><td colspan="${cols.length}">${t('没有数据。', 'No data.')}</td></tr>`}</tbody></table></div></details>
    <p class="dash-csv"><a class="btn small" id="${id}-csv" href="${url}" download="${name}">${t('下载 CSV', 'Download CSV')}<span class="sr-only">${t('：', ': ')}${caption}</span></a></p>`;
}

function section(id, title, body, { chart = true, label = '', wide = false, note = '' } = {}) {
  return html`<section class="card dash-card ${wide ? 'wide' : ''}" id="${id}" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title}</h2>
    ${note ? html`<p class="small muted">${note}</p>` : ''}
    ${chart ? html`<div class="dash-chart ${id === 'dash-map' ? 'tall' : ''}" id="${id}-chart" role="img" aria-label="${label}"></div>` : ''}
    ${body}
  </section>`;
}

// ackForms lets the analyst record that an open alert was seen, with a note (acknowledgeAlert,
// audited): the table read "待处理" and offered nothing, and the supervision page, where supervisors
// acknowledge, is not the analyst's.
function ackForms(alerts) {
  const open = alerts.filter((a) => !a.acknowledgedAt);
  if (!open.length) return '';
  return html`<h3 id="dash-ack-title">${t('确认已查看的预警', 'Acknowledge alerts you have looked into')}</h3>
    <ul class="plain" id="dash-ack" aria-labelledby="dash-ack-title">${open.map((a) => html`<li data-alert="${a.id}">
      <p>${partyName(a.institutionName, a.institution)}${a.violationType ? html` · ${vlabel(a.violationType)}` : ''} · ${fmtSpan(a.weekStart, addDays(a.weekStart, 6))}</p>
      ${ackForm(a)}</li>`)}</ul>`;
}

function kindName(code) { return code ? L(institutionKinds, code) : t('未匹配机构', 'Not matched'); }

export async function dashboard({ main, params, alive, flash }) {
  cleanup();
  const [provinces, violations] = await Promise.all([loadProvinces(), loadViolationTypes()]);
  const known = {
    kind: (x) => x in institutionKinds,
    product: (x) => x in products,
    channel: (x) => x in channels || x === 'UNSPECIFIED',
    violation: (x) => x === 'NONE' || violations.some((w) => w.code === x),
    province: (x) => provinces.some((p) => p.code === x),
  };
  const { v, dropped } = viewFrom(params, known);
  const prevTo = fmtD(parseD(v.from) - DAY);
  const prevFrom = fmtD(parseD(prevTo) - (v.days - 1) * DAY);
  const cp = cardPeriod(v);
  const kinds = v.kind ? [v.kind] : null;
  const [s, league, tr, sc, basis] = await Promise.all([
    gql(STATS, { f: statsFilter(v) }),
    gql(LEAGUE, { f: statsFilter(v) }),
    gql(TRENDS, { f: statsFilter(v), pf: statsFilter(v, prevFrom, prevTo), i: v.interval }),
    gql(CARDS, { p: cp.period, k: kinds, from: fmtD(parseD(v.from) - 6 * DAY), to: v.to }),
    loadRuleBasis(),
  ]);
  if (!alive()) return;
  s.byInstitution = league.byInstitution;

  const tot = s.total.rows[0] || { complaints: 0 };
  const nowPts = tr.now.series[0]?.points || [];
  const prevPts = tr.before.series[0]?.points || [];
  const instRows = s.byInstitution.rows.filter((r) => !r.suppressed && r.complaints != null);
  const lenders = instRows.filter((r) => !r.institution || r.institution.kind !== AGENCY).slice(0, TOP);
  const agencies = instRows.filter((r) => r.institution && r.institution.kind === AGENCY).slice(0, TOP);
  const viol = s.byViolation.rows.filter((r) => !r.suppressed && r.complaints != null);
  const prov = s.byProvince.rows.filter((r) => !r.suppressed && r.complaints != null);
  const withheldCells = s.byInstitution.suppressedCells + s.byViolation.suppressedCells + s.byProvince.suppressedCells
    + nowPts.filter((p) => p.suppressed).length;
  const cards = sc.cards;
  const alerts = sc.alerts.nodes;

  // The tables: what each chart draws, as shown.
  const C = (k, zh, en, prose = false) => ({ k, label: t(zh, en), prose });
  // Periods read as days, weeks or months (2026年9月7日至13日), never as the server's ISO first day;
  // each row keeps that day in data-period.
  const label = (p) => periodLabel(p, v.interval, v.from, v.to);
  const prevLabel = (p) => periodLabel(p, v.interval, prevFrom, prevTo);
  const trendCols = [C('period', '期间', 'Period'), C('complaints', '投诉量', 'Complaints'), C('prevPeriod', '上一期间', 'Previous period'), C('prevComplaints', '上一期间投诉量', 'Previous complaints')];
  const trendRows = nowPts.map((p, i) => ({ period: label(p.period), complaints: p.suppressed ? withheld() : num(p.complaints),
    prevPeriod: prevPts[i] ? prevLabel(prevPts[i].period) : '', prevComplaints: prevPts[i] ? (prevPts[i].suppressed ? withheld() : num(prevPts[i].complaints)) : '',
    $attr: ['period', p.period] }));
  // A period none of whose complaints fell due yet has no timely rate (null, not 0 %): it says so;
  // beside each rate, how many fell due, so that the latest period's 0 % of one case reads as such.
  const timelyCols = [C('period', '期间', 'Period'), C('timelyRate', '按时答复率', 'Timely-answer rate'), C('due', '按时 / 已到期', 'On time / fell due'), C('reliefRate', '给予补救比例', 'Relief rate')];
  const timelyRows = nowPts.map((p) => ({ period: label(p.period), $attr: ['period', p.period], timelyRate: timelyCell(p), due: p.suppressed ? withheld() : `${p.timely} / ${p.timely + p.untimely}`, reliefRate: rate(p.reliefRate) }));
  const leagueCols = [C('rank', '名次', 'Rank'), C('name', '机构', 'Institution'), C('kind', '类型', 'Kind'), C('complaints', '投诉量', 'Complaints'), C('timelyRate', '按时答复率', 'Timely'), C('reliefRate', '给予补救比例', 'Relief')];
  const leagueRows = (list) => list.map((r, i) => ({ rank: i + 1, name: r.institution ? instName(r.institution) : t('未匹配机构', 'Not matched to an institution'),
    kind: kindName(r.institution?.kind), complaints: r.complaints, timelyRate: rate(r.timelyRate), reliefRate: rate(r.reliefRate),
    $attr: ['institution', r.institution ? r.institution.id : '-1'] }));
  // Each kind with the law it breaches (the CN pack's articles): a figure of "骚扰亲友" said
  // nothing of which rule was crossed.
  const lawOf = (code) => {
    const refs = violations.find((w) => w.code === code)?.legalReferences || [];
    return refs.length ? html`${refs.map((r, i) => html`${i ? t('；', '; ') : ''}${citeLaw(r.law, r.article)}`)}` : '';
  };
  const violCols = [C('violation', '违规类型', 'Violation'), C('complaints', '投诉量', 'Complaints'), C('law', '法律依据', 'Law', true)];
  const violRows = viol.map((r) => ({ violation: r.violationType === 'NONE' ? t('未指出违规', 'None named') : vlabel(r.violationType), complaints: r.complaints, law: lawOf(r.violationType), $attr: ['violation', r.violationType] }));
  const provCols = [C('province', '省份', 'Province'), C('complaints', '投诉量', 'Complaints'), C('timelyRate', '按时答复率', 'Timely')];
  const provRows = prov.map((r) => ({ province: provinceName(r.province), complaints: r.complaints, timelyRate: rate(r.timelyRate), $attr: ['province', r.province] }));
  const cardCols = [C('rank', '名次', 'Rank'), C('name', '机构', 'Institution'), C('complaints', '投诉量', 'Complaints'), C('per10k', '每万名客户', 'Per 10,000 customers'),
    C('timelyRate', '按时答复率', 'Timely'), C('reliefRate', '补救比例', 'Relief'), C('disputeRate', '异议率', 'Disputed'), C('score', '服务得分', 'Service score'), C('ranked', '参与排名', 'Ranked')];
  const score = (x) => (x == null ? '—' : (Math.round(x * 1000) / 1000).toFixed(3));
  const cardRows = cards.cards.map((c) => ({ rank: c.rank ?? '—', name: instName(c.institution), complaints: c.complaints,
    per10k: per10k(c.perTenThousandCustomers),
    timelyRate: rate(c.timelyRate), reliefRate: rate(c.reliefRate), disputeRate: rate(c.disputeRate), score: score(c.serviceScore),
    ranked: c.ranked ? t('是', 'yes') : t(`否（少于 ${cards.minCount} 件）`, `no (under ${cards.minCount})`), $attr: ['institution', c.institution.id] }));
  const listCols = [C('list', '榜单', 'List'), C('name', '机构', 'Institution'), C('complaints', '投诉量', 'Complaints'), C('score', '服务得分', 'Service score')];
  const listRows = [...cards.redList.map((c) => ({ list: t('红榜', 'Red list (best)'), name: instName(c.institution), complaints: c.complaints, score: score(c.serviceScore) })),
    ...cards.blackList.map((c) => ({ list: t('黑榜', 'Black list (worst)'), name: instName(c.institution), complaints: c.complaints, score: score(c.serviceScore) }))];
  const alertCols = [C('week', '周', 'Week'), C('kind', '类型', 'Kind'), C('institution', '机构', 'Institution'), C('violation', '违规类型', 'Violation'),
    C('observed', '当周投诉', 'Observed'), C('baseline', '基线（前8周均值）', 'Baseline (8-week mean)'), C('z', 'z 值', 'z score'), C('status', '状态', 'Status')];
  const alertRows = alerts.map((a) => ({ week: fmtSpan(a.weekStart, addDays(a.weekStart, 6)), kind: a.kind === 'SURGE' ? t('集体投诉', 'Surge') : t('激增', 'Spike'), institution: partyName(a.institutionName, a.institution),
    violation: a.violationType ? vlabel(a.violationType) : '', observed: a.observed, baseline: (Math.round(a.baseline * 10) / 10).toFixed(1),
    z: (Math.round(a.zScore * 10) / 10).toFixed(1), status: a.acknowledgedAt ? t('已确认', 'Acknowledged') : t('待处理', 'Open'), $attr: ['alert', a.id] }));

  const sel = (name, label, opts, value, any = t('全部', 'All')) => html`<div class="field"><label for="dash-${name}">${label}</label>
    <select id="dash-${name}" name="${name}"><option value="">${any}</option>${opts.map(([code, text]) => html`<option value="${code}" ${code === value ? 'selected' : ''}>${text}</option>`)}</select></div>`;
  const change = tr.now.changeRate;
  const filterKey = KEYS.map((k) => v[k]).join('|');

  mount(main, html`<section class="page wide dashboard" id="dashboard" aria-labelledby="dash-title" data-filter="${filterKey}">
    ${flash()}
    <div class="page-head"><div><h1 id="dash-title" tabindex="-1">${t('投诉数据看板', 'Complaints dashboard')}</h1>
      <p class="muted">${t(`${fmtDay(v.from)}至${fmtDay(v.to)}，对比 ${fmtDay(prevFrom)}至${fmtDay(prevTo)}`, `${fmtDay(v.from)} to ${fmtDay(v.to)}, against ${fmtDay(prevFrom)} to ${fmtDay(prevTo)}`)}</p></div></div>
    ${dropped.length ? html`<p class="flash tone-warn" role="status" id="dash-dropped">${t(`链接中的部分筛选条件无效，已忽略：${dropped.map((k) => L(FILTER_NAMES, k)).join('、')}`, `Some filters in the link were not valid and were ignored: ${dropped.map((k) => L(FILTER_NAMES, k)).join(', ')}`)}</p>` : ''}
    <form id="dash-filter" class="filters card" aria-label="${t('筛选', 'Filters')}">
      <div class="field"><label for="dash-from">${t('起始日期', 'From')}</label><input id="dash-from" name="from" type="date" value="${v.from}"></div>
      <div class="field"><label for="dash-to">${t('截止日期', 'To')}</label><input id="dash-to" name="to" type="date" value="${v.to}"></div>
      ${sel('interval', t('时间粒度', 'Interval'), Object.keys(INTERVALS).map((k) => [k, L(INTERVALS, k)]), params.get('interval') || '', t('自动', 'Automatic'))}
      ${sel('kind', t('机构类型', 'Institution kind'), Object.keys(institutionKinds).map((k) => [k, L(institutionKinds, k)]), v.kind)}
      ${sel('product', t('借款类型', 'Product'), Object.keys(products).map((k) => [k, L(products, k)]), v.product)}
      ${sel('province', t('省份', 'Province'), provinces.map((p) => [p.code, t(p.zh, p.en)]), v.province)}
      ${sel('violation', t('违规类型', 'Violation'), [...violations.map((w) => [w.code, t(w.labelZh, w.labelEn)]), ['NONE', t('未指出违规', 'None named')]], v.violation)}
      ${sel('channel', t('催收渠道', 'Channel'), [...Object.keys(channels).map((k) => [k, L(channels, k)]), ['UNSPECIFIED', t('未说明', 'Unspecified')]], v.channel)}
      <div class="dash-actions"><button class="btn primary" type="submit">${t('应用筛选', 'Apply')}</button>
        <a class="btn" href="#/dashboard" id="dash-reset">${t('清除', 'Reset')}</a></div>
    </form>
    <div class="kpis" id="dash-kpis">
      <div class="kpi"><span>${t('投诉量', 'Complaints')}</span><strong data-kpi="complaints">${tot.suppressed ? withheld() : num(tot.complaints)}</strong></div>
      <div class="kpi"><span>${t('较上一期间', 'Against the previous period')}</span><strong data-kpi="change">${change == null ? '—' : `${change >= 0 ? '+' : ''}${pct(change)}`}</strong><span class="small muted">${t(`上期 ${tr.now.previousTotal} 件`, `${tr.now.previousTotal} before`)}</span></div>
      <div class="kpi"><span>${t('按时答复率', 'Timely-answer rate')}</span><strong data-kpi="timely">${rate(tot.timelyRate)}</strong>${nothingDue(tot) ? html`<span class="small muted" id="timely-none">${noneDue()}</span>` : ''}</div>
      <div class="kpi"><span>${t('给予补救比例', 'Relief rate')}</span><strong data-kpi="relief">${rate(tot.reliefRate)}</strong></div>
    </div>
    <p class="caveat">${t('投诉量为收到的投诉，并非已查实的违规；一件投诉同时涉及出借机构与催收机构、多个违规类型时，在各自的分组中各计一次。按时答复率计入已超期仍未答复的投诉。',
    'Counts are complaints received, not proven misconduct; a complaint that names a lender and an agency, or several violations, counts once in each of their groups. The timely-answer rate counts complaints still open and already overdue as late.')}
      ${withheldCells ? html` <strong>${t(`为保护个人信息，${withheldCells} 个少于5件的细分数据未显示。`, `To protect individuals, ${withheldCells} cells with fewer than 5 complaints are withheld.`)}</strong>` : ''}</p>
    ${ruleBasis(basis)}
    <div class="dash-grid">
      ${section('dash-trend', t('投诉量走势（对比上一期间）', 'Complaints over time, with the previous period'), table('dash-trend', t('投诉量走势', 'Complaints over time'), trendCols, trendRows),
    { label: t(`折线图：${fmtDay(v.from)}至${fmtDay(v.to)}共 ${tr.now.total} 件投诉，上一期间 ${tr.now.previousTotal} 件；数据见下表`, `Line chart: ${tr.now.total} complaints from ${fmtDay(v.from)} to ${fmtDay(v.to)}, ${tr.now.previousTotal} in the previous period; the table below has the figures`), wide: true })}
      ${section('dash-timely', t('按时答复与补救', 'Timeliness and relief'), table('dash-timely', t('按时答复与补救', 'Timeliness and relief'), timelyCols, timelyRows),
    { label: t('折线图：各期间的按时答复率与给予补救比例；数据见下表', 'Line chart of the timely-answer rate and the relief rate per period; the table below has the figures') })}
      ${section('dash-violations', t('违规类型', 'Violations by kind'), table('dash-violations', t('违规类型', 'Violations by kind'), violCols, violRows),
    { label: t('条形图：各违规类型的投诉量；数据见下表', 'Bar chart of complaints per violation type; the table below has the figures') })}
      ${section('dash-lenders', t('被投诉最多的机构', 'Institutions most complained about'), table('dash-lenders', t('被投诉最多的机构', 'Institutions most complained about'), leagueCols, leagueRows(lenders)),
    { label: t(`条形图：投诉量前 ${TOP} 的机构；数据见下表`, `Bar chart of the ${TOP} institutions with the most complaints; the table below has the figures`) })}
      ${section('dash-agencies', t('被投诉最多的催收机构', 'Collection agencies most complained about'), table('dash-agencies', t('被投诉最多的催收机构', 'Collection agencies most complained about'), leagueCols, leagueRows(agencies)),
    { label: t(`条形图：投诉量前 ${TOP} 的催收机构；数据见下表`, `Bar chart of the ${TOP} collection agencies with the most complaints; the table below has the figures`) })}
      ${section('dash-map', t('各省投诉量', 'Complaints by province'), table('dash-map', t('各省投诉量', 'Complaints by province'), provCols, provRows),
    { label: t('中国地图：各省投诉量，颜色越深投诉越多；数据见下表', 'Map of China: complaints per province, darker for more; the table below has the figures'), wide: true })}
      ${section('dash-cards', t(`机构记分卡（${fmtDay(cards.from)}至${fmtDay(cards.to)}）`, `Institution scorecards (${fmtDay(cards.from)} to ${fmtDay(cards.to)})`), html`
        <p class="caveat" id="dash-caveat">${t(cards.caveatZh, cards.caveat)}</p>
        ${cp.exact ? '' : html`<p class="small muted">${t(`记分卡按自然月、季度或年度计算，此处为 ${cp.period} 年；只按机构类型筛选。`, `Scorecards cover a calendar month, quarter or year: here ${cp.period}; of the filters, only the institution kind applies.`)}</p>`}
        ${cards.redList.some((c) => cards.blackList.some((x) => x.institution.id === c.institution.id)) ? html`<p class="small muted" id="dash-overlap">${t('参与排名的机构较少，同一机构可能同时出现在红榜和黑榜上；请结合投诉量与各项比率理解。', 'Few institutions are ranked, so one may be on both the red and the black list; read the lists with the volumes and rates.')}</p>` : ''}
        <div class="dash-lists">
          <div><h3>${t('红榜（服务得分最高）', 'Red list (best service scores)')}</h3>${cards.redList.length ? html`<ol id="dash-red">${cards.redList.map((c) => html`<li>${instName(c.institution)} <span class="muted">${score(c.serviceScore)}</span></li>`)}</ol>` : html`<p class="muted">${t(`没有投诉量达到 ${cards.minCount} 件的机构，不排名。`, `No institution has ${cards.minCount} complaints: none is ranked.`)}</p>`}</div>
          <div><h3>${t('黑榜（服务得分最低）', 'Black list (worst service scores)')}</h3>${cards.blackList.length ? html`<ol id="dash-black">${cards.blackList.map((c) => html`<li>${instName(c.institution)} <span class="muted">${score(c.serviceScore)}</span></li>`)}</ol>` : html`<p class="muted">${t('暂无。', 'None.')}</p>`}</div>
        </div>
        ${table('dash-lists', t('红榜与黑榜', 'Red and black lists'), listCols, listRows)}
        <h3>${t('记分卡', 'Scorecards')}</h3>
        ${table('dash-scorecards', t('机构记分卡', 'Institution scorecards'), cardCols, cardRows)}`,
    { label: t('条形图：红榜与黑榜机构的服务得分（0 至 1，越高越好）；数据见下表', 'Bar chart of the service scores (0 to 1, higher is better) of the red and black lists; the tables below have the figures'), wide: true })}
      ${section('dash-alerts', t('投诉激增预警', 'Spike alerts'), html`${table('dash-alerts', t('投诉激增预警', 'Spike alerts'), alertCols, alertRows, true)}${ackForms(alerts)}`,
    { chart: false, wide: true, note: t('每周检查：某机构一周投诉量明显高于前8周均值（至少10件且 z ≥ 3）时预警；催收机构同一违规类型的集体投诉同样预警。', 'Checked weekly: an alert when an institution\'s complaints in a week stand well above its mean of the 8 weeks before (at least 10 and z ≥ 3); likewise for surges of one violation type against a collection agency.') })}
    </div>
  </section>`);

  const acks = $('#dash-ack');
  if (acks) bindAckForms(acks);

  const form = $('#dash-filter');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    $$('input, select', form).forEach((el) => { if (el.value.trim()) p.set(el.name, el.value.trim()); });
    go(`/dashboard?${p}`);
  });

  drawCharts({ v, nowPts, prevPts, lenders, agencies, viol, prov, cards, alive }).then(() => {
    if (alive()) $('#dashboard').dataset.charts = 'drawn';
  }).catch((err) => {
    if (!alive()) return;
    $('#dashboard').dataset.charts = 'failed';
    $$('.dash-chart').forEach((el) => { el.textContent = t('图表无法显示，请查看数据表。', 'The chart could not be drawn; see the data table.'); });
    console.warn('dashboard charts', err); // eslint-disable-line no-console
  });
}

// Leaving the dashboard lets its charts, observer and CSV files go.
window.addEventListener('hashchange', () => { if (!location.hash.startsWith('#/dashboard')) cleanup(); });

let mapReady = null;

async function drawCharts({ v, nowPts, prevPts, lenders, agencies, viol, prov, cards, alive }) {
  const echarts = await import('../vendor/echarts.esm.min.js');
  if (!mapReady) {
    mapReady = fetch(new URL('../vendor/china.json', import.meta.url)).then((r) => r.json()).then((geo) => echarts.registerMap('china', geo));
  }
  await mapReady;
  if (!alive()) return;
  observer = new ResizeObserver((entries) => entries.forEach((e) => echarts.getInstanceByDom(e.target)?.resize()));
  const base = { animation: false, textStyle: { fontFamily: 'inherit' }, color: ['#1d4e6b', '#b8860b', '#2e7d4f', '#a33a3a'] };
  // bars is the number of horizontal bars: such a chart grows with them, so that every label shows.
  const draw = (id, option, bars = 0) => {
    const el = document.getElementById(id);
    if (!el) return;
    if (bars) el.style.height = `${Math.max(160, bars * 26 + 60)}px`;
    const c = echarts.init(el, null, { renderer: 'canvas', locale: lang() === 'en' ? 'EN' : 'ZH' });
    c.setOption({ ...base, ...option });
    charts.add(c);
    observer.observe(el);
  };
  const small = window.innerWidth < 600;
  const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
  const catAxis = (data) => ({ type: 'category', data, axisLabel: { width: small ? 88 : 150, overflow: 'truncate' }, inverse: true });
  const hbar = (names, values, name) => ({ grid, tooltip: { trigger: 'axis' }, xAxis: { type: 'value', minInterval: 1 }, yAxis: catAxis(names),
    series: [{ type: 'bar', name, data: values, label: { show: true, position: 'right' } }] });

  const periods = nowPts.map((p) => axisLabel(p.period, v.interval));
  draw('dash-trend-chart', {
    grid: { ...grid, top: 48 }, tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('本期间', 'This period'), t('上一期间', 'Previous period')] },
    xAxis: { type: 'category', data: periods, axisLabel: { hideOverlap: true } }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('本期间', 'This period'), type: 'line', data: nowPts.map((p) => p.complaints), areaStyle: { opacity: 0.12 }, symbolSize: 6 },
      { name: t('上一期间', 'Previous period'), type: 'line', data: nowPts.map((_, i) => prevPts[i]?.complaints ?? null), lineStyle: { type: 'dashed' }, symbolSize: 4 }],
  });
  const pctAxis = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (x) => `${Math.round(x * 100)}%` } };
  draw('dash-timely-chart', {
    grid: { ...grid, top: 48 }, legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (x) => (x == null ? '—' : pct(x)) },
    xAxis: { type: 'category', data: periods, axisLabel: { hideOverlap: true } }, yAxis: pctAxis,
    series: [{ name: t('按时答复率', 'Timely-answer rate'), type: 'line', data: nowPts.map((p) => p.timelyRate), connectNulls: true },
      { name: t('给予补救比例', 'Relief rate'), type: 'line', data: nowPts.map((p) => p.reliefRate), connectNulls: true }],
  });
  const vname = (c) => (c === 'NONE' ? t('未指出违规', 'None named') : vlabel(c));
  draw('dash-violations-chart', hbar(viol.map((r) => vname(r.violationType)), viol.map((r) => r.complaints), t('投诉量', 'Complaints')), viol.length);
  const iname = (r) => (r.institution ? instName(r.institution) : t('未匹配机构', 'Not matched'));
  draw('dash-lenders-chart', hbar(lenders.map(iname), lenders.map((r) => r.complaints), t('投诉量', 'Complaints')), lenders.length);
  draw('dash-agencies-chart', hbar(agencies.map(iname), agencies.map((r) => r.complaints), t('投诉量', 'Complaints')), agencies.length);
  const maxP = Math.max(1, ...prov.map((r) => r.complaints));
  draw('dash-map-chart', {
    tooltip: { trigger: 'item', formatter: (p) => `${provinceName(p.name)}: ${p.value == null || Number.isNaN(p.value) ? 0 : p.value}` },
    visualMap: { min: 0, max: maxP, left: 8, bottom: 8, calculable: false, text: [t('多', 'more'), t('少', 'fewer')], inRange: { color: ['#e8f0f5', '#1d4e6b'] }, itemHeight: small ? 80 : 120 },
    series: [{ type: 'map', map: 'china', nameProperty: 'id', roam: false, name: t('投诉量', 'Complaints'), selectedMode: false,
      emphasis: { label: { show: false } }, data: prov.map((r) => ({ name: r.province, value: r.complaints })) }],
  });
  // Categories are named by list and place: an institution may be on both lists when few are ranked.
  const lists = [...cards.redList.map((c, i) => ({ n: `${t('红榜', 'Red')} ${i + 1} · ${instName(c.institution)}`, s: c.serviceScore, red: true })),
    ...cards.blackList.map((c, i) => ({ n: `${t('黑榜', 'Black')} ${i + 1} · ${instName(c.institution)}`, s: c.serviceScore, red: false }))];
  draw('dash-cards-chart', {
    grid, tooltip: { trigger: 'axis' }, xAxis: { type: 'value', min: 0, max: 1 }, yAxis: catAxis(lists.map((x) => x.n)),
    series: [{ type: 'bar', name: t('服务得分', 'Service score'), data: lists.map((x) => ({ value: x.s == null ? null : Math.round(x.s * 1000) / 1000, itemStyle: { color: x.red ? '#2e7d4f' : '#3a3a3a' } })),
      label: { show: true, position: 'right' } }],
  }, lists.length);
  if (!lists.length) {
    const el = document.getElementById('dash-cards-chart');
    if (el) { charts.forEach((c) => { if (c.getDom() === el) { c.dispose(); charts.delete(c); } }); el.remove(); }
  }
  if (v && !alive()) cleanup();
}
