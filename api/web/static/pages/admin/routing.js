// Admin: the routing table. Edit a draft (kept on this device), validate it on the server (errors
// at their field), see a row diff against the version in force, publish it as the next version;
// compare any version with the one before it.

import { gql } from '../../core/api.js';
import { html, mount, $, $$ } from '../../core/dom.js';
import { t, L, products } from '../../core/i18n.js';
import { when } from '../../core/format.js';
import { loadProvinces, loadViolationTypes, loadTeams, provinceName, vlabel, teamName } from '../../core/state.js';
import { submitting, liveClear, showErrors, clearErrors, invalid } from '../../components/field.js';
import { announce } from '../../components/announcer.js';
import { adminTabs, drafts, reason as reasonText } from '../../components/admin.js';

const TABLE = 'version reason createdById createdAt rules { province product violation team } teams { team assignLeastLoaded }';
const ANY = '*';

function copy(table) {
  return { base: table.version, rules: table.rules.map((r) => ({ ...r })), teams: table.teams.map((p) => ({ ...p })) };
}

const key = (r) => `${r.province}|${r.product}|${r.violation}`;

// rowDiff compares two tables rule by rule (by province × product × violation) and policy by policy.
export function rowDiff(a, b) {
  const out = [];
  const old = new Map(a.rules.map((r) => [key(r), r]));
  const now = new Map(b.rules.map((r) => [key(r), r]));
  for (const r of b.rules) {
    const o = old.get(key(r));
    if (!o) out.push({ op: '+', rule: r });
    else if (o.team !== r.team) out.push({ op: '~', rule: r, from: o.team });
  }
  for (const r of a.rules) if (!now.has(key(r))) out.push({ op: '-', rule: r });
  const least = (tb) => new Set(tb.teams.filter((p) => p.assignLeastLoaded).map((p) => p.team));
  const la = least(a);
  const lb = least(b);
  for (const team of lb) if (!la.has(team)) out.push({ op: '+', policy: team });
  for (const team of la) if (!lb.has(team)) out.push({ op: '-', policy: team });
  return out;
}

function keyText(v, kind) {
  if (v === ANY) return t('任意', 'any');
  if (kind === 'province') return provinceName(v);
  if (kind === 'product') return L(products, v);
  return vlabel(v);
}

function rowDiffView(d, id) {
  if (!d.length) return html`<p class="muted" id="${id}" data-changes="0">${t('与现行版本相比没有变化。', 'No change from the version in force.')}</p>`;
  const sym = { '+': ['新增', 'added', 'd-add'], '-': ['删除', 'removed', 'd-del'], '~': ['修改', 'changed', 'd-chg'] };
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('路由表变化', 'Routing changes')}"><table class="row-diff" id="${id}" data-changes="${d.length}"><caption class="sr-only">${t('路由表变化', 'Routing changes')}</caption>
    <thead><tr><th scope="col">${t('变化', 'Change')}</th><th scope="col">${t('省份', 'Province')}</th><th scope="col">${t('产品', 'Product')}</th><th scope="col">${t('违规类型', 'Violation')}</th><th scope="col">${t('处理组', 'Team')}</th></tr></thead>
    <tbody>${d.map((x) => html`<tr class="${sym[x.op][2]}" data-op="${x.op}"><td class="op"><span aria-hidden="true">${x.op === '~' ? '±' : x.op}</span> ${t(sym[x.op][0], sym[x.op][1])}</td>
      ${x.rule ? html`<td>${keyText(x.rule.province, 'province')}</td><td>${keyText(x.rule.product, 'product')}</td><td>${keyText(x.rule.violation, 'violation')}</td>
        <td>${x.op === '~' ? html`<del>${teamLabel(x.from)}</del> → <ins>${teamLabel(x.rule.team)}</ins>` : teamLabel(x.rule.team)}</td>`
    : html`<td colspan="4">${t(`处理组 ${x.policy}：自动分派给负荷最低的审核员`, `Team ${x.policy}: assign to the least-loaded reviewer`)}</td>`}</tr>`)}</tbody></table></div>`;
}

// teamLabel is a team's name with the code the table holds.
function teamLabel(code) {
  const name = teamName(code);
  return name && name !== code ? html`${name} <code>${code}</code>` : html`<code>${code}</code>`;
}

function ruleRow(r, i, provinces, violations, teams) {
  const p = `rules.${i}`;
  const sel = (name, label, opts) => html`<div class="field" data-field="${p}.${name}"><label for="r-${i}-${name}">${label}</label>
    <select id="r-${i}-${name}" data-k="${name}" aria-describedby="err-${p}.${name}">${opts}</select><p class="field-error" id="err-${p}.${name}" hidden></p></div>`;
  const opt = (v, text, cur) => html`<option value="${v}" ${v === cur ? 'selected' : ''}>${text}</option>`;
  return html`<li class="rule-row" data-index="${i}">
    <span class="rule-no" aria-hidden="true">${i + 1}</span>
    ${sel('province', t('省份', 'Province'), [opt(ANY, t('任意省份 *', 'Any province *'), r.province), ...provinces.map((x) => opt(x.code, t(x.zh, x.en), r.province))])}
    ${sel('product', t('产品', 'Product'), [opt(ANY, t('任意产品 *', 'Any product *'), r.product), ...Object.keys(products).map((c) => opt(c, L(products, c), r.product))])}
    ${sel('violation', t('违规类型', 'Violation'), [opt(ANY, t('任意类型 *', 'Any violation *'), r.violation), ...violations.map((v) => opt(v.code, t(v.labelZh, v.labelEn), r.violation))])}
    <div class="field" data-field="${p}.team"><label for="r-${i}-team">${t('处理组', 'Team')}</label>
      <input id="r-${i}-team" data-k="team" value="${r.team}" list="team-names" autocomplete="off" spellcheck="false" aria-describedby="err-${p}.team"><p class="field-error" id="err-${p}.team" hidden></p></div>
    <button type="button" class="btn small rm" data-remove-rule="${i}">${t('删除', 'Remove')}<span class="sr-only"> ${t(`第 ${i + 1} 条规则`, `rule ${i + 1}`)}</span></button>
  </li>`;
}

export async function routing({ main, alive, flash }) {
  const [provinces, violations, , data] = await Promise.all([loadProvinces(), loadViolationTypes(), loadTeams(),
    gql(`{ routingTable { ${TABLE} } routingTableVersions { version reason createdById createdAt } }`)]);
  if (!alive()) return;
  const cur = data.routingTable;
  const versions = data.routingTableVersions;
  let draft = drafts.get('routing');
  const stale = draft && draft.base !== cur.version;
  if (!draft) draft = copy(cur);
  const teamNames = [...new Set([...cur.teams.map((p) => p.team), ...cur.rules.map((r) => r.team)])].sort();

  mount(main, html`<section class="page wide" aria-labelledby="routing-title">
    ${flash()}
    <h1 id="routing-title" tabindex="-1">${t('路由表', 'Routing table')}</h1>
    ${adminTabs('routing')}
    <p class="lede" id="routing-current">${t(`现行第 ${cur.version} 版`, `Version ${cur.version} in force`)}${cur.reason ? html` · ${reasonText(cur.reason)}` : ''} · ${when(cur.createdAt)}</p>
    <p class="hint">${t('每条规则把某省份 × 产品 × 违规类型的投诉分给一个处理组；* 表示任意。条件最具体的规则优先，必须有一条全为 * 的兜底规则。', 'Each rule sends complaints of a province × product × violation type to a team; * matches anything. The most specific rule wins; a catch-all rule (all *) is required.')}</p>
    <form id="routing-form" class="card" novalidate aria-labelledby="draft-title">
      <h2 id="draft-title">${t('草稿', 'Draft')} <span class="muted small">${t(`基于第 ${draft.base} 版，保存在本机`, `from version ${draft.base}, kept on this device`)}</span></h2>
      ${stale ? html`<p class="alert" role="alert">${t(`草稿基于第 ${draft.base} 版，现行已是第 ${cur.version} 版。发布前请放弃草稿重新编辑，或确认覆盖。`, `The draft was made from version ${draft.base}; version ${cur.version} is now in force. Discard it, or publish knowing it replaces the newer version.`)}</p>` : ''}
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div data-field="rules"><p class="field-error" id="err-rules" hidden></p>
        <ol class="rule-rows" id="rule-rows" aria-label="${t('规则', 'Rules')}"></ol></div>
      <datalist id="team-names">${teamNames.map((n) => html`<option value="${n}">${teamName(n)}</option>`)}</datalist>
      <div class="row-actions"><button type="button" class="btn" id="add-rule">${t('添加规则', 'Add a rule')}</button>
        <button type="button" class="btn" id="reset-draft">${t('放弃草稿', 'Discard the draft')}</button></div>
      <fieldset class="checks" data-field="teams"><legend>${t('自动分派给负荷最低的审核员', 'Assign to the least-loaded reviewer')}</legend>
        <div class="check-grid" id="team-policies"></div><p class="field-error" id="err-teams" hidden></p></fieldset>
      <div class="row-actions"><button type="button" class="btn primary" id="validate">${t('校验并查看变化', 'Validate and show changes')}</button></div>
      <div id="routing-check" aria-live="polite"></div>
      <h3>${t('发布', 'Publish')}</h3>
      <div class="field required" data-field="reason"><label for="f-reason">${t('修改原因', 'Why it changes')}<span class="req" aria-hidden="true">*</span></label>
        <textarea id="f-reason" name="reason" rows="2" maxlength="2000" aria-describedby="err-reason" required></textarea><p class="field-error" id="err-reason" hidden></p></div>
      <button class="btn primary" type="submit" id="publish">${t(`发布为第 ${cur.version + 1} 版`, `Publish as version ${cur.version + 1}`)}</button>
    </form>
    <section class="card" aria-labelledby="versions-title">
      <h2 id="versions-title">${t('历史版本', 'Versions')}</h2>
      <div class="table-wrap" tabindex="0" role="region" aria-label="${t('版本列表', 'List of versions')}"><table id="versions"><caption class="sr-only">${t('历史版本', 'Versions')}</caption><thead><tr><th scope="col">${t('版本', 'Version')}</th><th scope="col">${t('原因', 'Reason')}</th><th scope="col">${t('时间', 'When')}</th><th scope="col"><span class="sr-only">${t('比较', 'Compare')}</span></th></tr></thead>
      <tbody>${versions.map((v) => html`<tr><td>${v.version}${v.version === cur.version ? html` <span class="badge small tone-ok">${t('现行', 'in force')}</span>` : ''}</td><td>${reasonText(v.reason)}</td><td>${when(v.createdAt)}</td>
        <td>${v.version > 1 ? html`<button type="button" class="btn small" data-compare="${v.version}">${t('与上一版比较', 'Compare with the one before')}<span class="sr-only"> ${v.version}</span></button>` : ''}</td></tr>`)}</tbody></table></div>
      <div id="version-diff" aria-live="polite"></div>
    </section>
  </section>`);

  const form = $('#routing-form');
  liveClear(form);
  const readDOM = () => {
    draft.rules = $$('#rule-rows .rule-row').map((li) => {
      const r = {};
      $$('[data-k]', li).forEach((c) => { r[c.dataset.k] = c.value.trim(); });
      return r;
    });
    draft.teams = $$('#team-policies input').filter((c) => c.checked).map((c) => ({ team: c.value, assignLeastLoaded: true }));
  };
  const save = () => { readDOM(); drafts.set('routing', draft); };
  const changed = (r) => {
    const o = cur.rules.find((x) => key(x) === key(r));
    return !o || o.team !== r.team;
  };
  const drawRules = () => {
    mount($('#rule-rows'), draft.rules.map((r, i) => ruleRow(r, i, provinces, violations, teamNames)));
    $$('#rule-rows .rule-row').forEach((li, i) => li.classList.toggle('changed', changed(draft.rules[i])));
    const names = [...new Set([...teamNames, ...draft.rules.map((r) => r.team).filter(Boolean)])].sort();
    const on = new Set(draft.teams.filter((p) => p.assignLeastLoaded).map((p) => p.team));
    mount($('#team-policies'), names.map((n) => html`<label class="check inline-check"><input type="checkbox" value="${n}" ${on.has(n) ? 'checked' : ''}> <span>${teamLabel(n)}</span></label>`));
  };
  drawRules();
  form.addEventListener('input', save);
  form.addEventListener('change', (ev) => {
    save();
    const li = ev.target.closest('.rule-row');
    if (li) li.classList.toggle('changed', changed(draft.rules[Number(li.dataset.index)]));
  });
  form.addEventListener('click', (ev) => {
    const rm = ev.target.closest('[data-remove-rule]');
    if (!rm) return;
    save();
    draft.rules.splice(Number(rm.dataset.removeRule), 1);
    drafts.set('routing', draft);
    drawRules();
    clearErrors(form);
    announce(t('已删除规则', 'Rule removed'));
    ($('#rule-rows .rule-row:last-child select') || $('#add-rule')).focus();
  });
  $('#add-rule').addEventListener('click', () => {
    save();
    draft.rules.push({ province: ANY, product: ANY, violation: ANY, team: '' });
    drafts.set('routing', draft);
    drawRules();
    $('#rule-rows .rule-row:last-child select').focus();
  });
  $('#reset-draft').addEventListener('click', () => {
    drafts.drop('routing');
    draft = copy(cur);
    drawRules();
    clearErrors(form);
    mount($('#routing-check'), '');
    announce(t('草稿已恢复为现行版本', 'The draft is back to the version in force'));
  });
  const input = () => ({ rules: draft.rules, teams: draft.teams });
  const emptyTeams = () => draft.rules.map((r, i) => (r.team ? null : invalid(`rules.${i}.team`, '请填写处理组。', 'Name the team.'))).filter(Boolean);
  $('#validate').addEventListener('click', async () => {
    save();
    mount($('#routing-check'), '');
    const local = emptyTeams();
    if (local.length) return showErrors(form, local).focus();
    clearErrors(form);
    try {
      await gql('query($in: RoutingTableInput!) { validateRoutingTable(input: $in) }', { in: input() });
    } catch (err) {
      if (!err.errors) throw err;
      showErrors(form, err.errors).focus();
      mount($('#routing-check'), html`<p class="alert" id="routing-invalid">${t('草稿有误，请按提示修改。', 'The draft has a problem; see the highlighted field.')}</p>`);
      return;
    }
    mount($('#routing-check'), html`<p class="ok-line" id="routing-valid" tabindex="-1">✓ ${t('草稿有效，可以发布。与现行版本相比：', 'The draft is valid and may be published. Compared with the version in force:')}</p>
      ${rowDiffView(rowDiff(cur, { rules: draft.rules, teams: draft.teams }), 'routing-diff')}`);
    $('#routing-valid').focus();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    save();
    const reason = $('#f-reason').value.trim();
    const errs = emptyTeams();
    if (!reason) errs.push(invalid('reason', '请说明修改原因。', 'Say why the routing changes.'));
    if (errs.length) return showErrors(form, errs).focus();
    submitting(form, async () => {
      const v = (await gql('mutation($in: RoutingTableInput!, $r: String!, $v: Int) { updateRoutingTable(input: $in, reason: $r, expectedVersion: $v) { version } }',
        { in: input(), r: reason, v: draft.base })).updateRoutingTable;
      drafts.drop('routing');
      const { setFlash } = await import('../../core/state.js');
      setFlash(`已发布第 ${v.version} 版路由表。`, `Routing table version ${v.version} published.`);
      const { run } = await import('../../core/router.js');
      run();
    }, t('正在发布…', 'Publishing…'));
  });
  $$('[data-compare]', main).forEach((b) => b.addEventListener('click', async () => {
    const v = Number(b.dataset.compare);
    const d = await gql(`query($a: Int, $b: Int) { a: routingTable(version: $a) { ${TABLE} } b: routingTable(version: $b) { ${TABLE} } }`, { a: v - 1, b: v });
    mount($('#version-diff'), html`<h3 tabindex="-1" id="version-diff-title">${t(`第 ${v} 版与第 ${v - 1} 版的变化`, `Version ${v} against version ${v - 1}`)}</h3>${rowDiffView(rowDiff(d.a, d.b), 'version-rows')}`);
    $('#version-diff-title').focus();
  }));
}
