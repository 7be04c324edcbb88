// What the rule pack finds in collector messages: each phrase highlighted in its message, the
// violation it shows and the law it breaches; the sender kind; the disclosures a lawful message
// would carry and these lack.

import { html, raw, esc } from '../core/dom.js';
import { t, L, lang, senderKinds, disclosureItems, lawParts, modifiers, textLang } from '../core/i18n.js';

// highlight marks [start, end) rune ranges of text (the API counts runes, not UTF-16 units); a range
// may carry code, title and cls (a class for the mark). Overlapping ranges keep the first.
export function highlight(text, ranges) {
  const runes = Array.from(text || '');
  const sorted = (ranges || []).filter((r) => r.start != null && r.end > r.start).sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) continue;
    out += esc(runes.slice(pos, r.start).join(''));
    out += `<mark data-code="${esc(r.code || '')}"${r.cls ? ` class="${esc(r.cls)}"` : ''} title="${esc(r.title || '')}">${esc(runes.slice(r.start, r.end).join(''))}</mark>`;
    pos = r.end;
  }
  out += esc(runes.slice(pos).join(''));
  return raw(out);
}

// quoted is a phrase someone wrote (a collector's words, a narrative's), marked with its language:
// a Chinese phrase on an English page is read out in a Chinese voice, and the reverse.
export function quoted(s, cls = '') {
  return html`<mark lang="${textLang(s)}"${cls ? html` class="${cls}"` : ''}>${s}</mark>`;
}

// dismissedReason says in the reader's language why the engine set a match aside: the engine gives
// "negated by 没有" or "exception: 说要上门" (English words around the pack's cue).
export function dismissedReason(r) {
  const cue = (s) => html`“<span lang="${textLang(s)}">${s}</span>”`;
  let m = /^negated by (.+)$/s.exec(r || '');
  if (m) return html`<span data-reason="negated">${t('被否定词', 'negated by ')}${cue(m[1])}${t('排除', '')}</span>`;
  m = /^exception: (.+)$/s.exec(r || '');
  if (m) return html`<span data-reason="exception">${t('属于例外：', 'an exception: ')}${cue(m[1])}</span>`;
  return html`<span lang="${textLang(r)}">${r || ''}</span>`;
}

export function laws(refs) {
  if (!refs || !refs.length) return '';
  return html`<ul class="laws">${refs.map((r) => html`<li><strong>${citeLaw(r.law, r.article)}</strong> ${t(r.summaryZh, r.summaryEn)}</li>`)}</ul>`;
}

// citeLaw is lawCitation marked up: on an English page the Chinese original of the citation is
// marked as Chinese (a screen reader read it in an English voice).
export function citeLaw(law, article = '') {
  const { en, zh } = lawParts(law, article);
  if (en) return html`${en} (<span lang="zh-CN">${zh}</span>)`;
  return lang() === 'en' && /[\u4e00-\u9fff]/.test(zh) ? html`<span lang="zh-CN">${zh}</span>` : zh;
}

// analysisView renders analyzeMessages' answer for the messages that were sent.
export function analysisView(a, messages, vlabel) {
  if (!a) return '';
  const found = (a.violations || []).length;
  return html`<div class="analysis" data-violations="${found}">
    <p class="analysis-sum ${found ? 'tone-danger' : 'tone-ok'}">${found
      ? t(`发现 ${found} 类可能违规的催收行为：`, `${found} kind${found === 1 ? '' : 's'} of possibly unlawful collection found:`)
      : t('未发现明显违规用语。如有威胁、辱骂、骚扰亲友等情况，仍可投诉。', 'No clearly unlawful wording found. You can still complain about threats, insults or calls to your contacts.')}</p>
    ${a.messages.map((m) => {
      const text = (messages[m.index] || {}).text || '';
      return html`<div class="msg-report" data-index="${m.index}">
        <p class="msg-text" lang="${textLang(text)}">${highlight(text, m.lines.map((l) => ({ start: l.start, end: l.end, code: l.code, title: vlabel(l.code) })))}</p>
        <p class="small muted">${t('发送方', 'Sender')}: ${L(senderKinds, m.senderKind)}</p>
        ${m.lines.length ? html`<ul class="findings">${m.lines.map((l) => html`<li data-code="${l.code}">
          <p>${quoted(l.phrase)} → <strong>${vlabel(l.code)}</strong>${l.modifiers.length ? html` <span class="muted small">(${l.modifiers.map((x) => L(modifiers, x)).join(t('、', ', '))})</span>` : ''}</p>
          ${laws(l.legalReferences)}</li>`)}</ul>` : ''}
      </div>`;
    })}
    ${(a.missing || []).length ? html`<p class="missing">${t('短信未写明：', 'The messages do not state: ')}${a.missing.map((d) => L(disclosureItems, d)).join(t('、', ', '))}${t('。合规的催收短信应写明债权人、欠款金额、合同编号和官方还款账户，否则无法核实债务。', '. A lawful collection message names the creditor, amount, contract and official account; otherwise the debt cannot be verified.')}</p>` : ''}
    ${found ? html`<h3 class="found-title">${t('涉及的违规类型', 'Violations found')}</h3><ul class="found-types">${a.violations.map((v) => html`<li data-code="${v.code}"><strong>${vlabel(v.code)}</strong>${a.messages.some((m) => m.lines.some((l) => l.code === v.code)) ? '' : laws(v.legalReferences)}</li>`)}</ul>` : ''}
  </div>`;
}
