// The public complaint data, for anyone (like the CFPB's database): consented, scrubbed complaints
// with search and filters, the trend by month, per-institution pages with volume, timely answers,
// relief and satisfaction, and the CSV download of the same selection. The figures and the trend
// are the server's aggregates over every published complaint of the selection (publicFigures), with
// the scorecards' minimum counts; only the list is a page of complaints.

import { gql } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, instName, lang, products, responseCategories, textLang } from '../core/i18n.js';
import { loadProvinces, loadViolationTypes, provinceName, vlabel } from '../core/state.js';
import { day, pct, fmtMonth } from '../core/format.js';
import { go } from '../core/router.js';
import { options } from '../components/field.js';

// A text search filters the latest published complaints of the selection, this many at most.
const MAX_LOADED = 500;

const FIG = `query($f: PublicComplaintFilter, $n: Int) { publicFigures(filter: $f, first: $n) { minCount minRatings caveat caveatZh
  months { month complaints }
  total { complaints answered enough timelyRate reliefRate ratings averageSatisfaction satisfiedShare }
  institutions { institutionId institutionName institutionNameEn complaints answered enough timelyRate reliefRate ratings averageSatisfaction satisfiedShare } } }`;

const Q = `query($f: PublicComplaintFilter, $first: Int, $after: String) { publicComplaints(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { reference receivedOn sentOn publishedOn respondedOn lender agency lenderEn agencyEn product province violationTypes narrative response timely } } } }`;

async function fetchAll(filter, limit = MAX_LOADED) {
  let after = null;
  const out = [];
  let total = 0;
  for (;;) {
    const d = (await gql(Q, { f: filter, first: 100, after })).publicComplaints;
    total = d.totalCount ?? total;
    out.push(...d.edges.map((e) => e.node));
    if (!d.pageInfo.hasNextPage || out.length >= limit) break;
    after = d.pageInfo.endCursor;
  }
  return { nodes: out, total };
}

function filterFrom(params) {
  const f = {};
  for (const k of ['from', 'to', 'province', 'product', 'violationType', 'institutionId']) if (params.get(k)) f[k] = params.get(k);
  return f;
}

function csvLink(filter) {
  const p = new URLSearchParams(filter);
  p.set('bom', '1');
  return `/public/complaints.csv?${p}`;
}

// monthRow is a month's line of the trend table: the month as people read it (2026年11月, Nov 2026),
// its ISO form in the datetime attribute.
const monthRow = ([k, v]) => html`<tr><td><time datetime="${k}">${fmtMonth(k)}</time></td><td>${v}</td></tr>`;

function byMonth(figs) {
  return figs.months.map((m) => [m.month, m.complaints]);
}

async function drawChart(el, months) {
  if (!months.length) return;
  if (!$('link[data-uplot]')) {
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = new URL('../vendor/uPlot.min.css', import.meta.url).href;
    l.dataset.uplot = '1';
    document.head.appendChild(l);
  }
  const { default: UPlot } = await import('../vendor/uPlot.esm.js');
  if (!el.isConnected) return;
  // Months are categories here (one point each), not a time axis: a single month stays readable.
  const xs = months.map((_, i) => i);
  const ys = months.map(([, v]) => v);
  const width = Math.max(280, Math.min(el.clientWidth || 320, 720));
  const label = (v) => (Number.isInteger(v) && months[v] ? fmtMonth(months[v][0]) : '');
  // eslint-disable-next-line no-new
  new UPlot({
    width, height: 220,
    scales: { x: { time: false, range: () => [-0.5, months.length - 0.5] }, y: { range: () => [0, Math.max(...ys) + 1] } },
    axes: [{ splits: () => xs, values: (u, vals) => vals.map(label) }, { splits: (u, i, min, max) => Array.from({ length: Math.min(max, 5) + 1 }, (_, k) => Math.round((k * max) / Math.min(max, 5))) }],
    series: [{ value: (u, v) => label(v) }, { label: t('投诉数', 'Complaints'), stroke: '#1d4e6b', fill: 'rgba(29,78,107,0.12)', width: 2, points: { show: true, size: 8 } }],
    legend: { show: false },
  }, [xs, ys], el);
}

function kpis(f) {
  const stars = f.averageSatisfaction == null ? '—' : f.averageSatisfaction.toFixed(1);
  return html`<div class="kpis">
    <div class="kpi"><span>${t('投诉量', 'Complaints')}</span><strong data-kpi="count">${f.complaints}</strong></div>
    <div class="kpi"><span>${t('已答复', 'Answered')}</span><strong data-kpi="answered">${f.answered}</strong></div>
    <div class="kpi"><span>${t('按时答复率', 'Answered on time')}</span><strong data-kpi="timely">${pct(f.timelyRate)}</strong></div>
    <div class="kpi"><span>${t('给予补救比例', 'With relief')}</span><strong data-kpi="relief">${pct(f.reliefRate)}</strong></div>
    <div class="kpi"><span>${t('平均满意度（1–5）', 'Satisfaction (1–5)')}</span><strong data-kpi="satisfaction">${stars}</strong></div>
    <div class="kpi"><span>${t('满意比例（4–5 分）', 'Satisfied (4–5)')}</span><strong data-kpi="satisfied">${pct(f.satisfiedShare)}</strong>${f.ratings != null ? html`<small class="muted">${t(`${f.ratings} 个评价`, `${f.ratings} ratings`)}</small>` : ''}</div>
  </div>`;
}

function caveat(figs) {
  return html`<p class="caveat">${t(figs.caveatZh, figs.caveat)} ${t('个人信息已删去（XXXX）。', 'Personal data removed (XXXX).')}</p>`;
}

// named is an institution's name in the page's language: the English one in English when it has
// one, else the registered (Chinese) name. Links keep the registered name, which the institution
// page looks up.
function named(name, nameEn) {
  return instName({ name, nameEn });
}

function list(nodes) {
  return html`<ul class="cases" id="public-list">${nodes.map((n) => html`<li class="card public-item" data-ref="${n.reference}">
    <p class="case-top"><span class="ref">${n.reference}</span> ${n.response ? html`<span class="badge tone-info">${L(responseCategories, n.response)}</span>` : html`<span class="badge tone-muted">${t('尚未答复', 'Not answered')}</span>`}
      ${n.timely === false ? html`<span class="badge tone-danger">${t('未按时答复', 'Late')}</span>` : ''}</p>
    <p class="case-main">${n.lender ? html`<a href="#/data/institution/${encodeURIComponent(n.lender)}">${named(n.lender, n.lenderEn)}</a>` : t('未登记机构', 'Unregistered lender')}${n.agency ? html` · <a href="#/data/institution/${encodeURIComponent(n.agency)}">${named(n.agency, n.agencyEn)}</a>` : ''}</p>
    <p class="small muted">${L(products, n.product)} · ${provinceName(n.province)} · ${t('收到', 'received')} ${day(n.receivedOn)}</p>
    ${n.violationTypes.length ? html`<ul class="tags">${n.violationTypes.map((v) => html`<li class="tag">${vlabel(v)}</li>`)}</ul>` : ''}
    <details><summary>${t('投诉内容', 'Narrative')}</summary><p class="narrative" lang="${textLang(n.narrative)}">${n.narrative}</p></details>
  </li>`)}</ul>`;
}

export async function data({ main, params, alive }) {
  const [provinces, violations] = await Promise.all([loadProvinces(), loadViolationTypes()]);
  const filter = filterFrom(params);
  const text = (params.get('q') || '').trim();
  const [figs, { nodes: all, total }] = await Promise.all([
    gql(FIG, { f: filter, n: 10 }).then((d) => d.publicFigures),
    fetchAll(filter, text ? MAX_LOADED : 50),
  ]);
  if (!alive()) return;
  const nodes = text ? all.filter((n) => `${n.lender || ''} ${n.agency || ''} ${n.lenderEn || ''} ${n.agencyEn || ''} ${n.narrative} ${n.reference}`.toLowerCase().includes(text.toLowerCase())) : all;
  const months = byMonth(figs);
  const league = figs.institutions;
  mount(main, html`<section class="page wide" aria-labelledby="data-title">
    <h1 id="data-title" tabindex="-1">${t('公开投诉数据', 'Public complaint data')}</h1>
    <p class="lede">${t('查询已公开的催收投诉：哪些机构被投诉、投诉了什么、是否按时答复。', 'Search published collection complaints: which institutions, about what, and whether they answered on time.')}</p>
    <form id="data-filter" class="filters card" role="search">
      <div class="field grow"><label for="d-q">${t('关键词', 'Search')}</label><input id="d-q" name="q" type="search" value="${text}" placeholder="${t('机构、内容或编号', 'institution, text or reference')}"></div>
      <div class="field"><label for="d-from">${t('起始日期', 'From')}</label><input id="d-from" name="from" type="date" value="${filter.from || ''}"></div>
      <div class="field"><label for="d-to">${t('截止日期', 'To')}</label><input id="d-to" name="to" type="date" value="${filter.to || ''}"></div>
      <div class="field"><label for="d-province">${t('省份', 'Province')}</label><select id="d-province" name="province"><option value="">${t('全部', 'All')}</option>${provinces.map((p) => html`<option value="${p.code}" ${p.code === filter.province ? 'selected' : ''}>${t(p.zh, p.en)}</option>`)}</select></div>
      <div class="field"><label for="d-product">${t('借款类型', 'Kind of credit')}</label><select id="d-product" name="product">${options(products, t('全部', 'All'), filter.product)}</select></div>
      <div class="field"><label for="d-violationType">${t('违规类型', 'Violation')}</label><select id="d-violationType" name="violationType"><option value="">${t('全部', 'All')}</option>${violations.map((v) => html`<option value="${v.code}" ${v.code === filter.violationType ? 'selected' : ''}>${t(v.labelZh, v.labelEn)}</option>`)}</select></div>
      <button class="btn primary" type="submit">${t('查询', 'Search')}</button>
    </form>
    <p class="count" id="data-count" aria-live="polite">${t(`共 ${total} 件公开投诉${text ? `，最近 ${all.length} 件中有 ${nodes.length} 件含"${text}"` : ''}`, `${total} published complaints${text ? `, ${nodes.length} of the latest ${all.length} matching "${text}"` : ''}`)}
      · <a href="${csvLink(filter)}" id="csv-link" download>${t('下载 CSV', 'Download CSV')}</a></p>
    ${kpis(figs.total)}
    ${caveat(figs)}
    <div class="case-grid">
      <section class="card" aria-labelledby="trend-title">
        <h2 id="trend-title">${t('按月投诉量', 'Complaints by month')}</h2>
        <div class="chart" id="trend-chart" role="img" aria-label="${t('按月投诉量折线图，数据见下表', 'Line chart of complaints by month; the table below has the figures')}"></div>
        <details><summary>${t('数据表', 'Table')}</summary><div class="table-wrap" tabindex="0" role="region" aria-label="${t('按月投诉数', 'Complaints by month')}"><table id="trend-table"><thead><tr><th scope="col">${t('月份', 'Month')}</th><th scope="col">${t('投诉数', 'Complaints')}</th></tr></thead>
          <tbody>${months.map(monthRow)}</tbody></table></div></details>
      </section>
      <section class="card" aria-labelledby="league-title">
        <h2 id="league-title">${t('被投诉最多的机构', 'Most complained about')}</h2>
        ${league.length ? html`<ol id="league">${league.map((x) => html`<li><a href="#/data/institution/${encodeURIComponent(x.institutionName)}">${named(x.institutionName, x.institutionNameEn)}</a> <span class="muted">${x.complaints}${x.averageSatisfaction != null ? t(` · 满意度 ${x.averageSatisfaction.toFixed(1)}`, ` · satisfaction ${x.averageSatisfaction.toFixed(1)}`) : ''}</span></li>`)}</ol>` : html`<p class="muted">${t('暂无数据。', 'No data yet.')}</p>`}
      </section>
    </div>
    <h2>${t('投诉', 'Complaints')}</h2>
    ${nodes.length ? list(nodes.slice(0, 50)) : html`<p class="empty card">${t('没有符合条件的公开投诉。', 'No published complaints match.')}</p>`}
  </section>`);
  const form = $('#data-filter');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    $$('input, select', form).forEach((el) => { if (el.value.trim()) p.set(el.name, el.value.trim()); });
    go(`/data?${p}`);
  });
  drawChart($('#trend-chart'), months).catch(() => {});
}

export async function institution({ main, m, alive }) {
  await Promise.all([loadProvinces(), loadViolationTypes()]);
  const name = decodeURIComponent(m[1]);
  const found = (await gql('query($s: String) { institutions(search: $s, first: 5) { edges { node { id name nameEn kind aliases } } } }', { s: name })).institutions.edges.map((e) => e.node);
  const inst = found.find((n) => n.name === name) || found[0];
  if (!alive()) return;
  if (!inst) {
    mount(main, html`<section class="card"><h1 tabindex="-1">${name}</h1><p>${t('未找到该机构。', 'No such institution.')}</p><p><a href="#/data">${t('返回公开数据', 'Back to the data')}</a></p></section>`);
    return;
  }
  const [figs, { nodes, total }] = await Promise.all([
    gql(FIG, { f: { institutionId: inst.id }, n: 100 }).then((d) => d.publicFigures),
    fetchAll({ institutionId: inst.id }, 100),
  ]);
  if (!alive()) return;
  // The institution's own figures (a complaint may name it as lender or as agency).
  const own = figs.institutions.find((x) => x.institutionId === inst.id) || figs.total;
  const vcount = new Map();
  nodes.forEach((n) => n.violationTypes.forEach((v) => vcount.set(v, (vcount.get(v) || 0) + 1)));
  const months = byMonth(figs);
  mount(main, html`<section class="page wide" aria-labelledby="inst-title" id="institution-page" data-institution="${inst.id}">
    <nav class="crumbs" aria-label="${t('返回', 'Back')}"><a href="#/data">← ${t('公开投诉数据', 'Public complaint data')}</a></nav>
    <h1 id="inst-title" tabindex="-1">${instName(inst)}</h1>
    ${lang() === 'en' && inst.nameEn ? html`<p class="muted" id="inst-legal-name">${t('登记名称：', 'Registered name: ')}<span lang="zh-CN">${inst.name}</span></p>` : ''}
    ${(inst.aliases || []).length ? html`<p class="muted">${t('又称', 'Also known as')}: ${inst.aliases.join(t('、', ', '))}</p>` : ''}
    <p class="count">${t(`公开投诉 ${total} 件`, `${total} published complaints`)} · <a href="${csvLink({ institutionId: inst.id })}" download>${t('下载 CSV', 'Download CSV')}</a></p>
    <section aria-labelledby="fig-title" id="institution-figures"><h2 id="fig-title" class="sr-only">${t('数据', 'Figures')}</h2>
    ${kpis(own)}
    ${own.enough ? '' : html`<p class="caveat" id="too-few">${t(`公开投诉少于 ${figs.minCount} 件，不计算比率和满意度。`, `Fewer than ${figs.minCount} published complaints: no rates or satisfaction are shown.`)}</p>`}
    ${own.enough && own.averageSatisfaction == null ? html`<p class="caveat">${t(`评价少于 ${figs.minRatings} 个，不公布满意度。`, `Fewer than ${figs.minRatings} ratings: satisfaction is not shown.`)}</p>` : ''}
    ${caveat(figs)}</section>
    <div class="case-grid">
      <section class="card" aria-labelledby="iv-title"><h2 id="iv-title">${t('投诉的违规类型', 'Violations complained of')}</h2>
        <ul>${[...vcount.entries()].sort((a, b) => b[1] - a[1]).map(([v, n]) => html`<li>${vlabel(v)} <span class="muted">${n}</span></li>`)}</ul></section>
      <section class="card" aria-labelledby="im-title"><h2 id="im-title">${t('按月投诉量', 'Complaints by month')}</h2>
        <div class="chart" id="trend-chart" role="img" aria-label="${t('按月投诉量折线图，数据见下表', 'Line chart of complaints by month; the table below has the figures')}"></div>
        <details><summary>${t('数据表', 'Table')}</summary><div class="table-wrap" tabindex="0" role="region" aria-label="${t('按月投诉数', 'Complaints by month')}"><table id="trend-table"><thead><tr><th scope="col">${t('月份', 'Month')}</th><th scope="col">${t('投诉数', 'Complaints')}</th></tr></thead>
          <tbody>${months.map(monthRow)}</tbody></table></div></details></section>
    </div>
    <h2>${t('最近的公开投诉', 'Latest published complaints')}</h2>
    ${nodes.length ? list(nodes.slice(0, 20)) : html`<p class="empty card">${t('暂无公开投诉。', 'No published complaints.')}</p>`}
  </section>`);
  drawChart($('#trend-chart'), months).catch(() => {});
}


