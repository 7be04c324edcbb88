// Complaint list items and status badges.

import { html } from '../core/dom.js';
import { t, L, statuses, products } from '../core/i18n.js';
import { when } from '../core/format.js';
import { countdown } from './countdown.js';

export function statusBadge(code, cls = 'badge') {
  const tone = (statuses[code] || [])[2] || 'muted';
  return html`<span class="${cls} tone-${tone}" data-status="${code}">${L(statuses, code)}</span>`;
}

// needsAction says what the complainant must do about a complaint, if anything.
export function needsAction(c) {
  if (c.status === 'NEEDS_INFORMATION') return t('请补充材料', 'Answer the question');
  if (c.status === 'RESPONDED' && !c.feedback) return t('请评价机构答复', 'Judge the answer');
  return '';
}

export function caseItem(c, { due = false } = {}) {
  const act = needsAction(c);
  return html`<li><a class="case${act ? ' action' : ''}" href="#/c/${encodeURIComponent(c.reference || c.id)}" data-ref="${c.reference}">
    <span class="case-top"><span class="ref">${c.reference}</span>${statusBadge(c.status)}${act ? html`<span class="badge tone-danger" data-action-needed="true">${act}</span>` : ''}</span>
    <span class="case-main">${c.lenderName}${c.product ? html`<span class="sep" aria-hidden="true">·</span><span class="muted">${L(products, c.product)}</span>` : ''}</span>
    <span class="case-meta muted">${t('提交于', 'Filed')} ${when(c.createdAt)}${due && c.dueAt ? html` · ${t('答复期限', 'Answer due')} ${countdown(c.dueAt)}` : ''}${c.untimely ? html` <span class="badge tone-danger small">${t('已超期', 'Overdue')}</span>` : ''}</span>
  </a></li>`;
}
