// The status timeline: what happened to a complaint, newest first, with dates.

import { html } from '../core/dom.js';
import { t, L, actions, statuses, roles, breaches } from '../core/i18n.js';
import { when } from '../core/format.js';

// actionLabel names what happened; a breached deadline says which clock ran out (its details).
function actionLabel(e) {
  if (e.action === 'DEADLINE_BREACHED' && e.details) {
    try {
      const kind = JSON.parse(e.details).kind;
      if (breaches[kind]) return L(breaches, kind);
    } catch { /* not JSON: the generic label */ }
  }
  return L(actions, e.action);
}

export function timeline(history) {
  const items = (history || []).slice().reverse();
  if (!items.length) return html`<p class="muted">${t('暂无记录。', 'Nothing yet.')}</p>`;
  return html`<ol class="timeline">${items.map((e) => html`<li data-action="${e.action}">
    <p class="t-action">${actionLabel(e)}</p>
    ${e.toStatus && e.toStatus !== e.fromStatus ? html`<p class="t-status">${e.fromStatus ? html`${L(statuses, e.fromStatus)} → ` : ''}<strong>${L(statuses, e.toStatus)}</strong></p>` : ''}
    ${e.reason ? html`<p class="t-reason">${e.reason}</p>` : ''}
    <p class="t-meta muted">${when(e.at)} · ${L(roles, e.actorRole)}</p>
  </li>`)}</ol>`;
}

// statusSteps shows where a complaint is on its main path.
const PATH = ['SUBMITTED', 'IN_TRIAGE', 'FORWARDED', 'RESPONDED', 'CLOSED'];
export function statusSteps(status) {
  const at = { NEEDS_INFORMATION: 1, ACCEPTED: 4, DISPUTED: 4, IN_INVESTIGATION: 4, ESCALATED: 4 }[status] ?? PATH.indexOf(status);
  if (at < 0) return '';
  return html`<ol class="steps" aria-label="${t('处理进度', 'Progress')}">${PATH.map((s, i) => html`<li class="${i < at ? 'done' : i === at ? 'now' : ''}" ${i === at ? html`aria-current="step"` : ''}>${L(statuses, i === at ? status : s)}</li>`)}</ol>`;
}
