// Paging through a connection by URL (?p=2&after=<cursor>): the cursors of the pages seen are kept
// per list and filter in the session, so that "previous" works after a reload too.

import { html } from '../core/dom.js';
import { t } from '../core/i18n.js';

const store = (list) => `redline.${list}.cursors`;

// pageCursors returns the cursors (null for page 1) of the pages up to page of the list under its
// filter key, with this page's after cursor, and keeps them.
export function pageCursors(list, key, page, after) {
  let seen;
  try { seen = JSON.parse(sessionStorage.getItem(store(list)) || '{}')[key] || [null]; } catch { seen = [null]; }
  const stack = seen.slice(0, page);
  if (page > 1 && stack.length < page) { stack.length = page - 1; stack[page - 1] = after; }
  keepCursors(list, key, stack);
  return stack;
}

export function keepCursors(list, key, stack) {
  try { sessionStorage.setItem(store(list), JSON.stringify({ [key]: stack })); } catch { /* paging back starts over */ }
}

// pager is the previous and next buttons.
export function pager(page, hasNext) {
  return html`<nav class="pager" aria-label="${t('翻页', 'Pages')}">
      <button class="btn" type="button" id="prev" ${page === 1 ? 'disabled' : ''}>← ${t('上一页', 'Previous')}</button>
      <button class="btn" type="button" id="next" ${hasNext ? '' : 'disabled'}>${t('下一页', 'Next')} →</button>
    </nav>`;
}
