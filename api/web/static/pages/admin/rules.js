// Admin: rule packs. Edit a draft of a jurisdiction's pack (kept on this device), run it against
// example messages before publishing (each message's flagged phrases, what is new against the pack
// in force), see a line diff against the published revision, publish; compare revisions; judge the
// complaints filed since a day again with the packs in force (reassessRules) and follow the jobs.

import { gql } from '../../core/api.js';
import { html, mount, raw, esc, $, $$ } from '../../core/dom.js';
import { t, L, textLang, modifiers } from '../../core/i18n.js';
import { citeLaw } from '../../components/violations.js';
import { when, pct, fmtDay, chinaMoment } from '../../core/format.js';
import { loadViolationTypes, vlabel, setFlash } from '../../core/state.js';
import { field, describedBy, submitting, liveClear, showErrors, clearErrors, invalid } from '../../components/field.js';
import { run, later } from '../../core/router.js';
import { adminTabs, drafts, reason as reasonText } from '../../components/admin.js';
import { diffView } from '../../components/diff.js';
import { announce } from '../../components/announcer.js';
import { packHelp } from './rules-help.js';

const JURISDICTIONS = { CN: ['中国', 'China'], US: ['美国', 'United States'] };
const ANALYSIS = 'packVersion messages { index lines { code phrase start end confidence modifiers legalReferences { law article } } } violations { code confidence }';

const JOBS = 'id since state changed unchanged reason error createdAt finishedAt';
const jobStates = { QUEUED: ['排队中', 'Queued', 'info'], RUNNING: ['进行中', 'Running', 'info'], DONE: ['已完成', 'Done', 'ok'], FAILED: ['失败', 'Failed', 'danger'] };

// reassessCard starts a reassessment and lists the latest jobs with what they changed.
function reassessCard(jobs) {
  const monthAgo = new Date(Date.now() - 30 * 864e5 + 8 * 36e5).toISOString().slice(0, 10);
  return html`<section class="card" aria-labelledby="reassess-title" id="reassess">
    <h2 id="reassess-title">${t('重新评估投诉', 'Judge complaints again')}</h2>
    <p class="hint">${t('用现行规则包（各法域）重新判断某日以来提交的投诉，在后台进行。违规类型或严重程度有变化的投诉会在处理记录中留下说明，统计随之更新。', 'Judges the complaints filed since a day again with the packs in force (every jurisdiction), in the background. A complaint whose flagged violations or severity change gets a note in its history, and the statistics follow.')}</p>
    <form id="reassess-form" novalidate>
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div class="row2">
        ${field('since', t('自哪天起提交的投诉', 'Complaints filed since'), html`<input id="f-since" name="since" type="date" value="${monthAgo}" aria-describedby="${describedBy('since')}" required>`, { required: true, hint: t('北京时间，不晚于今天。', 'China time; not after today.') })}
        ${field('reassessReason', t('原因', 'Why'), html`<input id="f-reassessReason" name="reassessReason" maxlength="2000" autocomplete="off" aria-describedby="${describedBy('reassessReason', false)}">`, { optional: true })}
      </div>
      <button class="btn primary" type="submit">${t('开始重新评估', 'Start')}</button>
    </form>
    <div id="reassess-list">${jobsTable(jobs)}</div>
  </section>`;
}

function jobsTable(jobs) {
  return html`${jobs.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('重新评估任务', 'Reassessment jobs')}"><table id="reassess-jobs" class="stack-table"><caption class="sr-only">${t('最近的重新评估任务', 'The latest reassessment jobs')}</caption>
      <thead><tr><th scope="col">${t('开始于', 'Started')}</th><th scope="col">${t('投诉提交自', 'Filed since')}</th><th scope="col">${t('状态', 'State')}</th><th scope="col">${t('有变化', 'Changed')}</th><th scope="col">${t('无变化', 'Unchanged')}</th><th scope="col">${t('原因', 'Why')}</th></tr></thead>
      <tbody>${jobs.map((x) => html`<tr data-job="${x.id}" data-state="${x.state}"><td data-label="${t('开始于', 'Started')}">${when(x.createdAt)}</td><td data-label="${t('投诉提交自', 'Filed since')}" data-since><time datetime="${x.since}">${fmtDay(x.since)}</time></td>
        <td data-label="${t('状态', 'State')}"><span class="badge small tone-${(jobStates[x.state] || [])[2] || 'muted'}">${L(jobStates, x.state)}</span>${x.finishedAt ? html`<br><span class="small muted job-finished">${t('结束于 ', 'ended ')}${when(x.finishedAt)}</span>` : ''}${x.error ? html`<br><span class="small tone-danger">${x.error}</span>` : ''}${x.state === 'DONE' && x.changed > 0 ? html`<br><a class="small job-stats" href="#/dashboard?from=${chinaMoment(x.since).slice(0, 10)}">${t('查看统计', 'See the statistics')}<span class="sr-only">${t(`（${fmtDay(x.since)}以来提交的投诉）`, ` (complaints filed since ${fmtDay(x.since)})`)}</span></a>` : ''}</td>
        <td data-label="${t('有变化', 'Changed')}">${x.changed}</td><td data-label="${t('无变化', 'Unchanged')}">${x.unchanged}</td><td data-label="${t('原因', 'Why')}">${x.reason ? html`<span lang="${textLang(x.reason)}">${x.reason}</span>` : ''}</td></tr>`)}</tbody></table></div>`
    : html`<p class="muted" id="reassess-jobs">${t('还没有重新评估过。', 'No reassessment yet.')}</p>`}`;
}

// followJobs draws the jobs again every few seconds while one is queued or running, until each has
// ended, and says so when one ends: the list said 排队中 after the start and kept saying it, so the
// administrator learnt of the end, and of what changed, only by opening the page again (session 30
// walk). It draws them only when something changed (the table region, which takes the keyboard
// focus, was drawn anew every 2 s: focus and a screen reader's place were lost), keeps the focus in
// the region when it does, says in one message every job that ended in one look and none already
// ended when the page opened; it waits while the tab is hidden, looks less often after a failure
// (2, 4, 8… up to 30 s) and gives up after a few, saying to refresh; the router's timer, so that no
// look survives leaving the page (session 30 walkmend).
const live = (jobs) => (jobs || []).some((x) => x.state === 'QUEUED' || x.state === 'RUNNING');
const jobKey = (jobs) => (jobs || []).map((x) => [x.id, x.state, x.changed, x.unchanged, x.finishedAt || '', x.error || ''].join('|')).join(';');
const MAX_FAILURES = 4;
function followJobs(jobs, alive, wait = 2000, failures = 0) {
  if (!live(jobs)) return;
  later(async () => {
    if (!alive()) return;
    if (document.hidden) return followJobs(jobs, alive, wait, failures); // look again once shown
    let now;
    try {
      now = (await gql(`{ reassessJobs(first: 5) { ${JOBS} } }`)).reassessJobs;
    } catch {
      if (!alive()) return;
      if (failures + 1 >= MAX_FAILURES) {
        const box = $('#reassess-list');
        if (box && !$('#reassess-stale')) box.insertAdjacentHTML('beforeend', String(html`<p class="small alert" id="reassess-stale" role="status">${t('无法获取任务的最新状态，请刷新页面查看。', 'The jobs\' latest state could not be fetched: refresh the page to see it.')}</p>`));
        return;
      }
      return followJobs(jobs, alive, Math.min(wait * 2, 30000), failures + 1);
    }
    const box = $('#reassess-list');
    if (!alive() || !box) return;
    if (jobKey(now) !== jobKey(jobs)) {
      const was = new Map(jobs.map((x) => [x.id, x.state]));
      const focused = box.contains(document.activeElement);
      mount(box, jobsTable(now));
      if (focused) box.querySelector('.table-wrap')?.focus();
      const ended = now.filter((x) => ['DONE', 'FAILED'].includes(x.state) && was.has(x.id) && was.get(x.id) !== x.state);
      if (ended.length) {
        announce(ended.map((x) => (x.state === 'DONE'
          ? t(`重新评估已完成：${x.changed} 件投诉有变化，${x.unchanged} 件无变化。${x.changed ? '统计已随之更新。' : ''}`, `Reassessment done: ${x.changed} complaints changed, ${x.unchanged} unchanged.${x.changed ? ' The statistics follow.' : ''}`)
          : t('重新评估失败。', 'The reassessment failed.'))).join(t('', ' ')));
      }
    }
    followJobs(now, alive);
  }, wait);
}

function wireReassess() {
  const form = $('#reassess-form');
  if (!form) return;
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const since = form.since.value;
    if (!since) return showErrors(form, [invalid('since', '请选择日期。', 'Choose a day.')]).focus();
    submitting(form, async () => {
      try {
        await gql(`mutation($s: String!, $r: String) { reassessRules(since: $s, reason: $r) { ${JOBS} } }`, { s: since, r: form.reassessReason.value.trim() || null });
      } catch (err) {
        throw { errors: (err.errors || [{}]).map((e) => (e.extensions?.field === 'reason' ? { ...e, extensions: { ...e.extensions, field: 'reassessReason' } } : e)) };
      }
      // The day as a day (2026年11月1日), not the field's 2026-11-01; "since" a day is its start, China time.
      setFlash(`已开始重新评估 ${fmtDay(since)}以来提交的投诉。`, `Started judging the complaints filed since ${fmtDay(since)} again.`);
      run();
    }, t('正在开始…', 'Starting…'));
  });
}

const pretty = (doc) => { try { return JSON.stringify(JSON.parse(doc), null, 1); } catch { return doc; } };

// marked shows a message with its flagged phrases marked.
function marked(text, lines) {
  const chars = Array.from(text);
  const spans = [...lines].filter((l) => l.end > l.start).sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const l of spans) {
    if (l.start < pos) continue;
    out += esc(chars.slice(pos, l.start).join(''));
    out += `<mark title="${esc(vlabel(l.code))}">${esc(chars.slice(l.start, l.end).join(''))}</mark>`;
    pos = l.end;
  }
  out += esc(chars.slice(pos).join(''));
  return raw(out);
}

function results(texts, draft, live) {
  return html`<div class="try-results" id="try-results">${texts.map((m, i) => {
    const lines = draft.messages[i]?.lines || [];
    const before = new Set((live?.messages[i]?.lines || []).map((l) => `${l.code}|${l.phrase}`));
    const after = new Set(lines.map((l) => `${l.code}|${l.phrase}`));
    const gone = (live?.messages[i]?.lines || []).filter((l) => !after.has(`${l.code}|${l.phrase}`));
    return html`<article class="try-result" data-index="${i}" data-codes="${[...new Set(lines.map((l) => l.code))].join(' ')}">
      <h3>${t(`示例 ${i + 1}`, `Example ${i + 1}`)}</h3>
      <p class="msg-text" lang="${textLang(m.text)}">${marked(m.text, lines)}</p>
      ${lines.length ? html`<ul class="findings">${lines.map((l) => html`<li data-code="${l.code}" data-phrase="${l.phrase}"><p><strong>${vlabel(l.code)}</strong> · “<span lang="${textLang(l.phrase)}">${l.phrase}</span>” · ${t('置信度', 'confidence')} ${pct(l.confidence)}
        ${live && !before.has(`${l.code}|${l.phrase}`) ? html` <span class="badge small tone-warn new">${t('草稿新增', 'new in the draft')}</span>` : ''}
        ${l.modifiers.length ? html` <span class="muted small modifiers">${t('（', '(')}${l.modifiers.map((x) => L(modifiers, x)).join(t('、', ', '))}${t('）', ')')}</span>` : ''}</p>
        ${l.legalReferences.length ? html`<p class="muted small">${l.legalReferences.map((r, i) => html`${i ? t('；', '; ') : ''}${citeLaw(r.law, r.article)}`)}</p>` : ''}</li>`)}</ul>`
    : html`<p class="muted">${t('草稿未发现违规用语。', 'The draft flags nothing here.')}</p>`}
      ${gone.length ? html`<p class="small">${t('现行规则包标记、草稿不再标记：', 'Flagged by the pack in force, not by the draft: ')}${gone.map((l, k) => html`${k ? t('、', ', ') : ''}${vlabel(l.code)} “<span lang="${textLang(l.phrase)}">${l.phrase}</span>”`)}</p>` : ''}
    </article>`;
  })}</div>`;
}

// packsInForce lists every jurisdiction's pack in force (rulePacks), each a link to its page.
function packsInForce(packs, j) {
  return html`<section class="card" aria-labelledby="packs-title"><h2 id="packs-title">${t('各法域现行规则包', 'Packs in force')}</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('规则包列表', 'List of packs')}"><table id="packs-in-force" class="stack-table"><thead><tr><th scope="col">${t('法域', 'Jurisdiction')}</th><th scope="col">${t('现行修订', 'Revision in force')}</th><th scope="col">${t('版本', 'Version')}</th><th scope="col">${t('发布时间', 'Published')}</th><th scope="col">${t('原因', 'Reason')}</th></tr></thead>
    <tbody>${packs.map((p) => html`<tr data-jurisdiction="${p.jurisdiction}"><th scope="row"><a class="btn small" href="#/admin/rules?j=${p.jurisdiction}" ${p.jurisdiction === j ? html`aria-current="page"` : ''}>${JURISDICTIONS[p.jurisdiction] ? t(...JURISDICTIONS[p.jurisdiction]) : p.jurisdiction} (${p.jurisdiction})</a></th>
      <td data-label="${t('现行修订', 'Revision in force')}">${p.revision}</td><td data-label="${t('版本', 'Version')}">${p.version}</td><td data-label="${t('发布时间', 'Published')}">${when(p.createdAt)}</td><td data-label="${t('原因', 'Reason')}">${reasonText(p.reason) || '—'}</td></tr>`)}</tbody></table></div></section>`;
}

// jsonProblem is the document's JSON syntax error as the admin can act on it — where (line and
// column, the caret put there) and what to check — or null: the server's answer was the Go parser's
// "规则包无效：parse pack: invalid character 'n' looking for beginning of object key string", in
// English on the Chinese page, with no place (session 27 walk).
function jsonProblem(box) {
  const text = box.value;
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    const m = String(err && err.message);
    let line = 0;
    let col = 0;
    const lc = m.match(/line (\d+) column (\d+)/);
    const pos = m.match(/position (\d+)/);
    if (lc) [line, col] = [Number(lc[1]), Number(lc[2])];
    else if (pos) {
      const before = text.slice(0, Number(pos[1])).split('\n');
      [line, col] = [before.length, before[before.length - 1].length + 1];
    }
    if (!line) {
      return invalid('document', '规则包不是有效的 JSON（可能不完整）：请检查引号、逗号和括号是否成对，或点“放弃草稿”从现行修订重新开始。',
        'The pack is not valid JSON (it may be cut short): check that the quotes, commas and brackets pair up, or choose "Discard the draft" to start again from the revision in force.');
    }
    const at = text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
    try { box.setSelectionRange(at, at); } catch { /* not focused yet */ }
    return invalid('document', `规则包的 JSON 在第 ${line} 行第 ${col} 列附近有误：请检查该处的引号、逗号和括号（键名须用英文双引号）。`,
      `The pack's JSON is malformed near line ${line}, column ${col}: check the quotes, commas and brackets there (keys need double quotes).`);
  }
}

// packLang is the language of a jurisdiction's pack, its phrases and the messages it is tried on:
// the Chinese pack's JSON, read out in an English voice on the English page, was not marked (session
// 26 and 27 walks).
function packLang(j) { return j === 'CN' ? 'zh-CN' : 'en'; }

export async function rules({ main, params, alive, flash }) {
  const j = JURISDICTIONS[params.get('j')] ? params.get('j') : 'CN';
  const [, data, jobs] = await Promise.all([loadViolationTypes(),
    gql('query($j: Jurisdiction!) { rulePack(jurisdiction: $j) { revision version reason createdAt document } rulePackRevisions(jurisdiction: $j) { revision version reason createdById createdAt } rulePacks { jurisdiction revision version reason createdAt } }', { j }),
    // null where the platform runs no reassessments (the field is then absent).
    gql(`{ reassessJobs(first: 5) { ${JOBS} } }`).then((d) => d.reassessJobs).catch(() => null)]);
  if (!alive()) return;
  const cur = data.rulePack;
  const published = pretty(cur.document);
  const dkey = `rulepack.${j}`;
  const saved = drafts.get(dkey);
  const draft = saved || { base: cur.revision, document: published, texts: '' };
  mount(main, html`<section class="page wide" aria-labelledby="rules-title">
    ${flash()}
    <h1 id="rules-title" tabindex="-1">${t('规则包', 'Rule packs')}</h1>
    ${adminTabs('rules')}
    ${packsInForce(data.rulePacks, j)}
    <p class="lede" id="pack-current">${t(`${t(...JURISDICTIONS[j])}现行：第 ${cur.revision} 次修订，版本 ${cur.version}`, `${t(...JURISDICTIONS[j])}, in force: revision ${cur.revision}, version ${cur.version}`)}${cur.reason ? html` · ${reasonText(cur.reason)}` : ''} · ${when(cur.createdAt)}</p>
    <form id="pack-form" class="card" novalidate aria-labelledby="pdraft-title">
      <h2 id="pdraft-title">${t('草稿修订', 'Draft revision')} <span class="muted small">${t(`基于第 ${draft.base} 次修订，保存在本机`, `from revision ${draft.base}, kept on this device`)}</span></h2>
      ${draft.base !== cur.revision ? html`<p class="alert" role="alert">${t(`草稿基于第 ${draft.base} 次修订，现行已是第 ${cur.revision} 次。`, `The draft was made from revision ${draft.base}; revision ${cur.revision} is now in force.`)}</p>` : ''}
      <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
      <div class="field" data-field="document"><label for="f-document">${t('规则包 JSON', 'Pack document (JSON)')}</label>
        <p class="hint" id="hint-document">${t('词表、时段、上限和法律依据都在这里；写法见文档框下方的“如何编写规则包”。', 'Lexicons, hours, caps and legal references; "How to write a pack", below the document, explains the format.')}</p>
        <textarea id="f-document" name="document" class="pack-doc" lang="${packLang(j)}" spellcheck="false" autocapitalize="off" aria-describedby="hint-document err-document">${draft.document}</textarea>
        <p class="field-error" id="err-document" hidden></p></div>
      ${packHelp()}
      <div class="row-actions"><button type="button" class="btn" id="show-diff">${t('查看与现行修订的差异', 'Show changes against the revision in force')}</button>
        <button type="button" class="btn" id="reset-pack">${t('放弃草稿', 'Discard the draft')}</button></div>
      <div id="pack-diff-box" aria-live="polite"></div>
      <h3>${t('用示例短信试运行', 'Try it on example messages')}</h3>
      <div class="field" data-field="texts"><label for="f-texts">${t('示例短信（每行一条）', 'Example messages (one a line)')}</label>
        <textarea id="f-texts" name="texts" rows="4" lang="${packLang(j)}" aria-describedby="err-texts">${draft.texts}</textarea><p class="field-error" id="err-texts" hidden></p></div>
      <div class="row-actions"><button type="button" class="btn primary" id="try-pack">${t('用草稿试运行', 'Run the draft')}</button></div>
      <div id="try-box" aria-live="polite"></div>
      <h3>${t('发布', 'Publish')}</h3>
      <div class="field required" data-field="reason"><label for="f-reason">${t('修改原因', 'Why it changes')}<span class="req" aria-hidden="true">*</span></label>
        <textarea id="f-reason" name="reason" rows="2" maxlength="2000" aria-describedby="err-reason" required></textarea><p class="field-error" id="err-reason" hidden></p></div>
      <button class="btn primary" type="submit">${t(`发布为第 ${cur.revision + 1} 次修订`, `Publish as revision ${cur.revision + 1}`)}</button>
    </form>
    <section class="card" aria-labelledby="revs-title">
      <h2 id="revs-title">${t('修订历史', 'Revisions')}</h2>
      <div class="table-wrap" tabindex="0" role="region" aria-label="${t('修订列表', 'List of revisions')}"><table id="revisions" class="stack-table"><caption class="sr-only">${t('修订历史', 'Revisions')}</caption><thead><tr><th scope="col">${t('修订', 'Revision')}</th><th scope="col">${t('版本', 'Version')}</th><th scope="col">${t('原因', 'Reason')}</th><th scope="col">${t('时间', 'When')}</th><th scope="col"><span class="sr-only">${t('比较', 'Compare')}</span></th></tr></thead>
      <tbody>${data.rulePackRevisions.map((r) => html`<tr><td data-label="${t('修订', 'Revision')}">${r.revision}${r.revision === cur.revision ? html` <span class="badge small tone-ok">${t('现行', 'in force')}</span>` : ''}</td><td data-label="${t('版本', 'Version')}">${r.version}</td><td data-label="${t('原因', 'Reason')}">${reasonText(r.reason)}</td><td data-label="${t('时间', 'When')}">${when(r.createdAt)}</td>
        <td>${r.revision > 1 ? html`<button type="button" class="btn small" data-compare="${r.revision}">${t('与上一修订比较', 'Compare with the one before')}<span class="sr-only"> ${r.revision}</span></button>` : ''}</td></tr>`)}</tbody></table></div>
      <div id="revision-diff" aria-live="polite"></div>
    </section>
    ${jobs ? reassessCard(jobs) : ''}
  </section>`);
  wireReassess();
  followJobs(jobs, alive);

  const form = $('#pack-form');
  liveClear(form);
  const save = () => {
    draft.document = $('#f-document').value;
    draft.texts = $('#f-texts').value;
    if (draft.document === published && !draft.texts.trim()) drafts.drop(dkey);
    else drafts.set(dkey, draft);
  };
  form.addEventListener('input', save);
  $('#reset-pack').addEventListener('click', () => {
    drafts.drop(dkey);
    draft.base = cur.revision;
    $('#f-document').value = published;
    clearErrors(form);
    mount($('#pack-diff-box'), '');
    mount($('#try-box'), '');
  });
  $('#show-diff').addEventListener('click', () => {
    save();
    mount($('#pack-diff-box'), html`<h4 tabindex="-1" id="pack-diff-title">${t(`草稿与第 ${cur.revision} 次修订的差异`, `The draft against revision ${cur.revision}`)}</h4>${diffView(published.split('\n'), pretty(draft.document).split('\n'), { id: 'pack-diff' })}`);
    $('#pack-diff-title').focus();
  });
  const examples = () => draft.texts.split('\n').map((s) => s.trim()).filter(Boolean)
    .map((text) => ({ sender: '13800000000', sentAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), text }));
  $('#try-pack').addEventListener('click', async () => {
    save();
    clearErrors(form);
    const texts = examples();
    const bad = jsonProblem($('#f-document'));
    if (bad) return showErrors(form, [bad]).focus();
    if (!texts.length) return showErrors(form, [invalid('texts', '请至少填写一条示例短信。', 'Give at least one example message.')]).focus();
    const btn = $('#try-pack');
    btn.disabled = true;
    try {
      const [d, live] = await Promise.all([
        gql(`query($j: Jurisdiction!, $d: String!, $t: [CollectorMessageInput!]!) { testRulePack(jurisdiction: $j, document: $d, texts: $t) { ${ANALYSIS} } }`, { j, d: draft.document, t: texts }),
        gql(`query($j: Jurisdiction, $t: [CollectorMessageInput!]!) { analyzeMessages(jurisdiction: $j, texts: $t) { ${ANALYSIS} } }`, { j, t: texts }).catch(() => null),
      ]);
      mount($('#try-box'), html`<p class="ok-line" id="try-title" tabindex="-1">${t(`草稿（版本 ${d.testRulePack.packVersion}）的结果：`, `What the draft (version ${d.testRulePack.packVersion}) finds:`)}</p>
        ${results(texts, d.testRulePack, live && live.analyzeMessages)}`);
      $('#try-title').focus();
    } catch (err) {
      if (!err.errors) throw err;
      mount($('#try-box'), '');
      showErrors(form, err.errors).focus();
    } finally {
      btn.disabled = false;
    }
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    save();
    const reason = $('#f-reason').value.trim();
    const bad = jsonProblem($('#f-document'));
    if (bad) return showErrors(form, [bad]).focus();
    if (!reason) return showErrors(form, [invalid('reason', '请说明修改原因。', 'Say why the pack changes.')]).focus();
    submitting(form, async () => {
      const p = (await gql('mutation($j: Jurisdiction!, $d: String!, $r: String!, $v: Int) { updateRulePack(jurisdiction: $j, document: $d, reason: $r, expectedRevision: $v) { revision } }',
        { j, d: draft.document, r: reason, v: draft.base })).updateRulePack;
      drafts.drop(dkey);
      setFlash(`已发布第 ${p.revision} 次修订。`, `Revision ${p.revision} published.`);
      run();
    }, t('正在发布…', 'Publishing…'));
  });
  $$('[data-compare]', main).forEach((b) => b.addEventListener('click', async () => {
    const r = Number(b.dataset.compare);
    const d = await gql('query($j: Jurisdiction, $a: Int, $b: Int) { a: rulePack(jurisdiction: $j, revision: $a) { document } b: rulePack(jurisdiction: $j, revision: $b) { document } }', { j, a: r - 1, b: r });
    mount($('#revision-diff'), html`<h3 tabindex="-1" id="revision-diff-title">${t(`第 ${r} 次修订与第 ${r - 1} 次的差异`, `Revision ${r} against revision ${r - 1}`)}</h3>${diffView(pretty(d.a.document).split('\n'), pretty(d.b.document).split('\n'), { id: 'revision-lines' })}`);
    $('#revision-diff-title').focus();
  }));
}
