// Admin: the institution registry. Search, create, rename; add and remove the brand and app names
// (aliases) complainants type, and check at once that the filing type-ahead finds a new one.

import { gql } from '../../core/api.js';
import { html, mount, $, $$ } from '../../core/dom.js';
import { t, L, institutionKinds, textLang, instName } from '../../core/i18n.js';
import { field, describedBy, options, submitting, liveClear, showErrors, invalid, errorText } from '../../components/field.js';
import { announce } from '../../components/announcer.js';
import { adminTabs, auditTable, AUDIT_FIELDS } from '../../components/admin.js';

const INST = 'id name nameEn kind aliases';

// aliasCell lists the aliases, each marked with its language: in the English portal a screen
// reader otherwise read the Chinese brand names with an English voice.
// An institution without any says so: a blank cell read as a page that had not finished (session 24).
const aliasCell = (aliases) => ((aliases || []).length
  ? html`${aliases.map((a, k) => html`${k ? t('、', ', ') : ''}<span lang="${textLang(a)}">${a}</span>`)}`
  : html`<span class="muted no-alias">${t('无别名', 'No aliases')}</span>`);

// clashCard lists the names two institutions hold from before the registry refused clashes (the
// server logged them at start, and no screen showed them: attack round 33); the filing type-ahead
// offers both institutions for such a name, until one is renamed or loses the alias.
function clashCard(clashes, search, after) {
  if (!clashes.length) return '';
  const who = (i) => (i ? html`<a href="${link({ q: search, after, id: i.id })}" lang="${textLang(instName(i))}">${instName(i)}</a> <span class="muted small">#${i.id}</span>` : '');
  return html`<section class="card" id="name-clashes" aria-labelledby="clash-title">
    <h2 id="clash-title">${t(`名称冲突（${clashes.length}）`, `Name clashes (${clashes.length})`)}</h2>
    <p class="small">${t('以下名称在两家机构的名称、英文名称或别名中读作相同（忽略大小写、全半角和空格），是名称查重上线前留下的；投诉人输入时两家都会出现。请修改其中一家的名称或删除别名。',
    'These names read the same (case, width and spaces ignored) in the names, English names or aliases of two institutions, left from before clashes were refused; complainants who type one are offered both. Rename either, or remove the alias.')}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('名称冲突列表', 'List of name clashes')}"><table id="clash-list"><caption class="sr-only">${t('名称冲突', 'Name clashes')}</caption>
      <thead><tr><th scope="col">${t('名称（比对形式）', 'Name (as compared)')}</th><th scope="col">${t('保留该名称的机构', 'Institution keeping it')}</th><th scope="col">${t('名称所属机构', 'Institution it belongs to')}</th></tr></thead>
      <tbody>${clashes.map((c) => html`<tr data-key="${c.key}"><td lang="${textLang(c.key)}">${c.key}</td><td>${who(c.institution)}</td><td>${who(c.holder)}</td></tr>`)}</tbody></table></div>
  </section>`;
}

function link(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v) q.set(k, v); });
  const s = q.toString();
  return `#/admin/institutions${s ? `?${s}` : ''}`;
}

export async function institutions({ main, params, alive, flash }) {
  const search = params.get('q') || '';
  const after = params.get('after') || '';
  const selected = params.get('id') || '';
  const d = await gql(`query($s: String, $a: String) { institutions(search: $s, first: 20, after: $a) { pageInfo { hasNextPage endCursor } edges { node { ${INST} } } }
    institutionNameClashes { key institution { id name nameEn } holder { id name nameEn } } }`,
  { s: search, a: after || null });
  const list = d.institutions;
  const clashes = d.institutionNameClashes || [];
  if (!alive()) return;
  const nodes = list.edges.map((e) => e.node);
  mount(main, html`<section class="page wide" aria-labelledby="inst-title">
    ${flash()}
    <h1 id="inst-title" tabindex="-1">${t('机构、别名与 App 品牌', 'Institutions, aliases and app brands')}</h1>
    ${adminTabs('institutions')}
    ${clashCard(clashes, search, after)}
    <form id="inst-search" class="card filters" role="search">
      <div class="field grow"><label for="f-q">${t('机构名称、别名或 App', 'Name, alias or app')}</label><input id="f-q" name="q" type="search" value="${search}" autocomplete="off"></div>
      <button class="btn primary" type="submit">${t('搜索', 'Search')}</button>
    </form>
    <div class="admin-grid">
      <section class="card" aria-labelledby="ilist-title">
        <h2 id="ilist-title">${t('机构', 'Institutions')}</h2>
        ${nodes.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('机构列表', 'List of institutions')}"><table id="inst-list"><caption class="sr-only">${t('机构列表', 'Institutions')}</caption>
          <thead><tr><th scope="col">${t('名称', 'Name')}</th><th scope="col">${t('别名 / App', 'Aliases / apps')}</th></tr></thead>
          <tbody>${nodes.map((i) => html`<tr data-inst="${i.id}">
            <td><a href="${link({ q: search, after, id: i.id })}" ${i.id === selected ? html`aria-current="true"` : ''} lang="${textLang(i.name)}">${i.name}</a>${i.nameEn ? html`<br><span class="small" lang="en" data-name-en>${i.nameEn}</span>` : ''}<br><span class="muted small">${L(institutionKinds, i.kind)} · #${i.id}</span></td>
            <td>${aliasCell(i.aliases)}</td></tr>`)}</tbody></table></div>
          <div class="pager">${after ? html`<a class="btn small" href="${link({ q: search })}">${t('回到第一页', 'First page')}</a>` : html`<span></span>`}
            ${list.pageInfo.hasNextPage ? html`<a class="btn small" href="${link({ q: search, after: list.pageInfo.endCursor })}">${t('下一页', 'Next page')}</a>` : ''}</div>`
    : html`<p class="muted empty" id="inst-list">${t('没有找到机构。', 'No institutions found.')}</p>`}
        <details class="more" id="create"><summary>${t('新增机构', 'Add an institution')}</summary>
          <form id="create-form" novalidate>
            <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
            ${field('name', t('机构全称', 'Legal name'), html`<input id="f-name" name="name" maxlength="200" autocomplete="off" aria-describedby="${describedBy('name', false)}" required>`, { required: true })}
            ${field('nameEn', t('英文名称', 'English name'), html`<input id="f-nameEn" name="nameEn" maxlength="200" autocomplete="off" lang="en" aria-describedby="${describedBy('nameEn')}">`,
    { optional: true, hint: t('门户切换为英文时显示；不填则显示中文全称。', 'Shown when the portal is in English; without it, the legal name is shown.') })}
            ${field('kind', t('机构类型', 'Kind'), html`<select id="f-kind" name="kind" aria-describedby="${describedBy('kind', false)}" required>${options(institutionKinds, t('请选择', 'Choose'))}</select>`, { required: true })}
            ${field('aliases', t('别名和 App 名称', 'Aliases and app names'), html`<textarea id="f-aliases" name="aliases" rows="3" aria-describedby="${describedBy('aliases')}"></textarea>`,
    { optional: true, hint: t('每行一个。投诉人输入这些名称时也能找到该机构。', 'One a line. Complainants who type these names find the institution.') })}
            <button class="btn primary" type="submit">${t('新增', 'Add')}</button>
          </form>
        </details>
      </section>
      <section class="card" id="inst-panel" aria-labelledby="panel-title">${selected ? html`<p class="loading">${t('正在加载…', 'Loading…')}</p>`
    : html`<h2 id="panel-title">${t('选择一家机构', 'Pick an institution')}</h2><p class="muted">${t('在列表中选择机构，修改名称、类型和别名。', 'Pick an institution to change its name, kind and aliases.')}</p>`}</section>
    </div>
  </section>`);
  $('#inst-search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = link({ q: $('#f-q').value.trim() });
  });
  const cf = $('#create-form');
  liveClear(cf);
  cf.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = cf.name.value.trim();
    const nameEn = cf.nameEn.value.trim();
    const kind = cf.kind.value;
    const aliases = cf.aliases.value.split(/\n/).map((s) => s.trim()).filter(Boolean);
    const errs = [];
    if (!name) errs.push(invalid('name', '请填写机构全称。', 'Give the legal name.'));
    if (!kind) errs.push(invalid('kind', '请选择机构类型。', 'Choose the kind.'));
    if (errs.length) return showErrors(cf, errs).focus();
    submitting(cf, async () => {
      const i = (await gql(`mutation($i: InstitutionInput!) { createInstitution(input: $i) { ${INST} } }`, { i: { name, nameEn, kind, aliases } })).createInstitution;
      announce(t(`已新增 ${i.name}`, `Added ${i.name}`));
      location.hash = link({ q: i.name, id: i.id });
    });
  });
  if (selected) await panel(selected, alive);
}

async function panel(id, alive, status = '') {
  const box = $('#inst-panel');
  let inst;
  let log;
  try {
    [inst, log] = await Promise.all([
      gql(`query($id: ID!) { institution(id: $id) { ${INST} } }`, { id }).then((d) => d.institution),
      gql(`query($t: String) { adminAuditLog(first: 10, target: $t) { edges { node { ${AUDIT_FIELDS} } } } }`, { t: `institution:${id}` }).then((d) => d.adminAuditLog.edges.map((e) => e.node)),
    ]);
  } catch (err) {
    mount(box, html`<p class="alert" role="alert">${errorText((err.errors || [])[0] || {})}</p>`);
    return;
  }
  if (!alive()) return;
  if (!inst) {
    mount(box, html`<h2 id="panel-title">${t('机构不存在', 'No such institution')}</h2>`);
    return;
  }
  const row = $(`#inst-list tr[data-inst="${inst.id}"]`);
  if (row) {
    $('a', row).textContent = inst.name;
    mount(row.cells[1], aliasCell(inst.aliases));
  }
  mount(box, html`<h2 id="panel-title" lang="${textLang(inst.name)}">${inst.name}</h2>
    ${status ? html`<div class="flash tone-ok" role="status" id="inst-status" tabindex="-1">${status}</div>` : ''}
    <form id="edit-form" novalidate></form>
    <div id="alias-area">
    <h3>${t('别名与 App 品牌', 'Aliases and app brands')}</h3>
    ${inst.aliases && inst.aliases.length ? html`<ul class="aliases" id="alias-list">${inst.aliases.map((a) => html`<li data-alias="${a}"><span lang="${textLang(a)}">${a}</span><button type="button" data-remove="${a}" aria-label="${t(`删除别名 ${a}`, `Remove alias ${a}`)}">×</button></li>`)}</ul>`
    : html`<p class="muted" id="alias-list">${t('暂无别名。', 'No aliases yet.')}</p>`}
    <form id="alias-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      ${field('alias', t('新别名或 App 名称', 'New alias or app name'), html`<input id="f-alias" name="alias" maxlength="100" autocomplete="off" aria-describedby="${describedBy('alias')}" required>`,
    { hint: t('例如品牌名、App 名称、常见简称。添加后投诉人填表时即可搜索到。', 'A brand, an app, a common short name. Complainants find it as soon as it is added.') })}
      <button class="btn primary" type="submit">${t('添加别名', 'Add alias')}</button>
    </form>
    <p id="typeahead-check" aria-live="polite"></p>
    </div>
    <h3>${t('此机构的审计记录', 'This institution\'s audit records')}</h3>
    ${log.length ? auditTable(log, 'inst-audit') : html`<p class="muted" id="inst-audit">${t('暂无记录。', 'No records yet.')}</p>`}`);
  // The edit form is rebuilt here rather than templated above, to keep the field ids apart from
  // the create form's.
  const ef = $('#edit-form');
  mount(ef, html`<div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
    <div class="row2">
    <div class="field required" data-field="name"><label for="e-name">${t('机构全称', 'Legal name')}<span class="req" aria-hidden="true">*</span></label>
      <input id="e-name" name="name" value="${inst.name}" maxlength="200" autocomplete="off" aria-describedby="err-e-name" required><p class="field-error" id="err-e-name" hidden></p></div>
    <div class="field" data-field="nameEn"><label for="e-nameEn">${t('英文名称', 'English name')}<span class="opt">${t('选填', 'optional')}</span></label>
      <input id="e-nameEn" name="nameEn" value="${inst.nameEn || ''}" maxlength="200" autocomplete="off" lang="en" aria-describedby="hint-e-nameEn err-e-nameEn">
      <p class="hint" id="hint-e-nameEn">${t('门户切换为英文时显示；清空则显示中文全称。', 'Shown when the portal is in English; empty shows the legal name.')}</p><p class="field-error" id="err-e-nameEn" hidden></p></div>
    <div class="field required" data-field="kind"><label for="e-kind">${t('机构类型', 'Kind')}<span class="req" aria-hidden="true">*</span></label>
      <select id="e-kind" name="kind" aria-describedby="err-e-kind" required>${options(institutionKinds, '', inst.kind)}</select><p class="field-error" id="err-e-kind" hidden></p></div>
    </div>
    <button class="btn" type="submit">${t('保存名称和类型', 'Save names and kind')}</button>`);
  liveClear(ef);
  ef.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = $('#e-name').value.trim();
    if (!name) return showErrors(ef, [invalid('name', '请填写机构全称。', 'Give the legal name.')]).focus();
    submitting(ef, async () => {
      await gql(`mutation($id: ID!, $i: InstitutionInput!) { updateInstitution(id: $id, input: $i) { ${INST} } }`, { id, i: { name, nameEn: $('#e-nameEn').value.trim(), kind: $('#e-kind').value } });
      await panel(id, alive, t('已保存。', 'Saved.'));
      $('#inst-status')?.focus();
    });
  });
  const af = $('#alias-form');
  liveClear(af);
  af.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const alias = af.alias.value.trim();
    if (!alias) return showErrors(af, [invalid('alias', '请填写别名或 App 名称。', 'Give the alias or app name.')]).focus();
    submitting(af, async () => {
      await gql(`mutation($id: ID!, $a: String!) { addInstitutionAlias(id: $id, alias: $a) { ${INST} } }`, { id, a: alias });
      await panel(id, alive, t(`已添加别名“${alias}”。`, `Added the alias “${alias}”.`));
      await typeaheadCheck(id, alias);
      $('#inst-status')?.focus();
    });
  });
  $$('[data-remove]', box).forEach((b) => b.addEventListener('click', async () => {
    const alias = b.dataset.remove;
    b.disabled = true;
    try {
      await gql(`mutation($id: ID!, $a: String!) { removeInstitutionAlias(id: $id, alias: $a) { ${INST} } }`, { id, a: alias });
      await panel(id, alive, t(`已删除别名“${alias}”。`, `Removed the alias “${alias}”.`));
      $('#inst-status')?.focus();
    } catch (err) {
      b.disabled = false;
      showErrors(af, err.errors || []).focus();
    }
  }));
}

// typeaheadCheck asks the public type-ahead (what the filing page asks) for the new alias and says
// whether it finds the institution.
async function typeaheadCheck(id, alias) {
  const d = await gql('query($s: String) { institutions(search: $s, first: 8) { edges { node { id name } } } }', { s: alias });
  const hit = d.institutions.edges.some((e) => e.node.id === id);
  const p = $('#typeahead-check');
  if (!p) return;
  p.className = hit ? 'ok-line' : 'alert';
  p.dataset.found = String(hit);
  p.textContent = hit ? t(`✓ 投诉人在投诉表单中输入“${alias}”即可找到本机构。`, `✓ A complainant who types “${alias}” on the filing form finds this institution.`)
    : t(`投诉表单的搜索还找不到“${alias}”。`, `The filing form's search does not find “${alias}” yet.`);
}
