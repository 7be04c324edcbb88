// Line diffs for the admin pages: what a draft changes against the version in force. Common lines
// at both ends are trimmed first (an edit is usually local), then the middle is aligned by the
// longest common subsequence; a middle too large to align is shown as removed then added.

import { html } from '../core/dom.js';
import { t, textLang } from '../core/i18n.js';

const MAX_CELLS = 4_000_000;

// diffLines returns [{op: ' ' | '-' | '+', text}] turning a into b.
export function diffLines(a, b) {
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) { ea--; eb--; }
  const out = a.slice(0, s).map((x) => ({ op: ' ', text: x }));
  const ma = a.slice(s, ea);
  const mb = b.slice(s, eb);
  const n = ma.length;
  const m = mb.length;
  if (n * m > MAX_CELLS) {
    ma.forEach((x) => out.push({ op: '-', text: x }));
    mb.forEach((x) => out.push({ op: '+', text: x }));
  } else {
    const w = m + 1;
    const L = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        L[i * w + j] = ma[i] === mb[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ma[i] === mb[j]) { out.push({ op: ' ', text: ma[i] }); i++; j++; } else if (j < m && (i === n || L[i * w + j + 1] >= L[(i + 1) * w + j])) { out.push({ op: '+', text: mb[j] }); j++; } else { out.push({ op: '-', text: ma[i] }); i++; }
    }
  }
  a.slice(ea).forEach((x) => out.push({ op: ' ', text: x }));
  return out;
}

// diffView shows the changed lines with `context` unchanged lines around each change, and counts.
export function diffView(a, b, { context = 3, id = 'diff' } = {}) {
  const d = diffLines(a, b);
  const added = d.filter((x) => x.op === '+').length;
  const removed = d.filter((x) => x.op === '-').length;
  if (!added && !removed) return html`<p class="muted" id="${id}" data-added="0" data-removed="0">${t('没有变化。', 'No changes.')}</p>`;
  const keep = new Array(d.length).fill(false);
  d.forEach((x, i) => {
    if (x.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(d.length - 1, i + context); k++) keep[k] = true;
  });
  const rows = [];
  let skipped = false;
  d.forEach((x, i) => {
    if (!keep[i]) { skipped = true; return; }
    if (skipped) { rows.push(html`<li class="d-skip" aria-hidden="true">…</li>`); skipped = false; }
    const cls = x.op === '+' ? 'd-add' : x.op === '-' ? 'd-del' : 'd-same';
    const sr = x.op === '+' ? t('新增：', 'added: ') : x.op === '-' ? t('删除：', 'removed: ') : '';
    rows.push(html`<li class="${cls}"><span class="sr-only">${sr}</span><span aria-hidden="true" class="d-op">${x.op}</span><span lang="${textLang(x.text)}">${x.text}</span></li>`);
  });
  return html`<div id="${id}" class="diff" data-added="${added}" data-removed="${removed}">
    <p class="diff-sum"><span class="d-add-n">+${added}</span> <span class="d-del-n">−${removed}</span> ${t('行', 'lines')}</p>
    <ol class="diff-lines" tabindex="0" aria-label="${t('变化的行', 'Changed lines')}">${rows}</ol></div>`;
}
