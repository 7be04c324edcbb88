// Complaint list items and status badges.

import { html } from '../core/dom.js';
import { t, L, statuses, products, deadlineKinds } from '../core/i18n.js';
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

// caseItem is one complaint of a list: for the complainant (mine) with what they must do, for an
// institution (due) with the answer's due date while it is to answer, then the day it answered.
export function caseItem(c, { due = false, mine = false } = {}) {
  const act = mine ? needsAction(c) : '';
  // What the complainant must do has a date: the feedback window's end.
  const by = act && (c.deadlines || []).find((x) => x.kind === 'FEEDBACK' && x.state === 'OPEN');
  return html`<li><a class="case${act ? ' action' : ''}" href="#/c/${encodeURIComponent(c.reference || c.id)}" data-ref="${c.reference}">
    <span class="case-top"><span class="ref">${c.reference}</span>${statusBadge(c.status)}${act ? html`<span class="badge tone-danger" data-action-needed="true">${act}</span>` : ''}</span>
    <span class="case-main">${c.lenderName}${c.product ? html`<span class="sep" aria-hidden="true">·</span><span class="muted">${L(products, c.product)}</span>` : ''}</span>
    <span class="case-meta muted">${t('提交于', 'Filed')} ${when(c.createdAt)}${due && c.status === 'FORWARDED' && c.dueAt ? html` · ${t('答复期限', 'Answer due')} ${countdown(c.dueAt)}` : ''}${due && c.respondedAt ? html` · ${t('答复于', 'Answered')} ${when(c.respondedAt)}` : ''}${by ? html` · ${L(deadlineKinds, 'FEEDBACK')} ${countdown(by.dueAt)}` : ''}${c.untimely ? html` <span class="badge tone-danger small">${t('已超期', 'Overdue')}</span>` : ''}</span>
  </a></li>`;
}
