// The violations the regulator confirmed, as the complainant and the institution see them: each
// with the phrases of the narrative that showed it and the law it breaches (confirmedFindings), and
// the narrative with those phrases marked. A bare list of names told an institution what it had to
// answer for, but not where in the complaint or under which law.

import { html } from '../core/dom.js';
import { textLang } from '../core/i18n.js';
import { state, vlabel } from '../core/state.js';
import { highlight, laws } from './violations.js';

export const CONFIRMED_FIELDS = 'confirmedFindings { type phrases { phrase start end } legalReferences { law article summaryZh summaryEn } }';

// confirmedMarks are the narrative's ranges to mark, each titled with its violation.
export function confirmedMarks(c) {
  return (c.confirmedFindings || []).flatMap((f) => f.phrases.map((p) => ({ start: p.start, end: p.end, code: f.type, title: vlabel(f.type) })));
}

// confirmedNarrative is the narrative with the confirmed findings' phrases marked.
export function confirmedNarrative(c) {
  return highlight(c.narrative, confirmedMarks(c));
}

// confirmedList is one item a confirmed violation: its name, what in the narrative showed it, the law
// (the pack's, else the violation type's).
export function confirmedList(c, heading) {
  const codes = c.confirmedViolations || [];
  if (!codes.length) return '';
  const found = Object.fromEntries((c.confirmedFindings || []).map((f) => [f.type, f]));
  return html`${heading}<ul class="confirmed" id="confirmed-violations">${codes.map((code) => {
    const f = found[code];
    const refs = f && f.legalReferences.length ? f.legalReferences : ((state.violationTypes || []).find((v) => v.code === code) || {}).legalReferences;
    return html`<li data-code="${code}"><strong class="tag">${vlabel(code)}</strong>
      ${f && f.phrases.length ? html`<p class="confirmed-phrases">${f.phrases.map((p) => html`<mark lang="${textLang(p.phrase)}">${p.phrase}</mark> `)}</p>` : ''}
      ${laws(refs)}</li>`;
  })}</ul>`;
}
