// The status timeline: what happened to a complaint, newest first, with dates.

import { html } from '../core/dom.js';
import { t, L, actions, statuses, roles, breaches, priorities, textLang } from '../core/i18n.js';
import { vlabel } from '../core/state.js';
import { when } from '../core/format.js';
import { KINDS } from './evidence.js';

// actionLabel names what happened; a breached deadline says which clock ran out (its details).
function actionLabel(e) {
  if (e.action === 'DEADLINE_BREACHED' && e.details) {
    try {
      const kind = JSON.parse(e.details).kind;
      if (breaches[kind]) return L(breaches, kind);
    } catch { /* not JSON: the generic label */ }
  }
  // An outside-appraisal pause the platform ended at the regulator's longest (its details' limit)
  // is no end the institution recorded: the appraisal need not be done (session 36).
  if (e.action === 'APPRAISAL_ENDED' && e.details) {
    try {
      const d = JSON.parse(e.details);
      if (d.limit === 'MAX_APPRAISAL_DAYS') {
        const n = Number(d.maxDays) > 0 ? Number(d.maxDays) : 0;
        return t(`外部鉴定暂停已达监管规定的最长期限${n ? `（${n} 天）` : ''}，恢复计时`,
          `Outside-appraisal pause reached the regulator's limit${n ? ` (${n} days)` : ''}; clock restarted`);
      }
    } catch { /* not JSON: the generic label */ }
  }
  return L(actions, e.action);
}

// classified says what a classification decided (its details): the violations confirmed, added
// and set aside, and the priority.
function classified(e) {
  if (e.action !== 'CLASSIFIED' || !e.details) return '';
  let d;
  try { d = JSON.parse(e.details); } catch { return ''; }
  const list = (xs) => (xs || []).map(vlabel).join(t('、', ', '));
  const parts = [
    (d.confirmed || []).length ? t(`确认：${list(d.confirmed)}`, `confirmed: ${list(d.confirmed)}`) : '',
    (d.added || []).length ? t(`增加：${list(d.added)}`, `added: ${list(d.added)}`) : '',
    (d.rejected || []).length ? t(`驳回：${list(d.rejected)}`, `set aside: ${list(d.rejected)}`) : '',
    d.priority ? t(`优先级：${L(priorities, d.priority)}`, `priority: ${L(priorities, d.priority)}`) : '',
  ].filter(Boolean);
  return parts.length ? html`<p class="t-details">${parts.join(t('；', '; '))}</p>` : '';
}

// reassessed says what a reassessment changed (its details, which staff alone read): the pack's
// revisions, the violations now flagged and no longer flagged, the severity. The entry read only
// 按新版规则包重新评估, and a reviewer could not tell what the new revision had found (session 30 walk).
function reassessed(e) {
  if (e.action !== 'RULES_REASSESSED' || !e.details) return '';
  let d;
  try { d = JSON.parse(e.details); } catch { return ''; }
  const list = (xs) => (xs || []).map(vlabel).join(t('、', ', '));
  const now = d.violations || [];
  const was = d.previousViolations || [];
  const added = now.filter((v) => !was.includes(v));
  const gone = was.filter((v) => !now.includes(v));
  const sev = (x) => (priorities[x] ? L(priorities, x) : x);
  const rev = (p) => (p && p.revision ? p.revision : '');
  const parts = [
    // The revision judged before may be unknown (a complaint judged before revisions were recorded):
    // then only the new one, not "第 ? → 2 次修订" (session 30 walkmend).
    !rev(d.rulePack) ? '' : rev(d.previousRulePack) ? t(`规则包第 ${rev(d.previousRulePack)} → ${rev(d.rulePack)} 次修订`, `rule pack revision ${rev(d.previousRulePack)} → ${rev(d.rulePack)}`)
      : t(`按规则包第 ${rev(d.rulePack)} 次修订`, `by rule pack revision ${rev(d.rulePack)}`),
    added.length ? t(`新标出：${list(added)}`, `now flagged: ${list(added)}`) : '',
    gone.length ? t(`不再标出：${list(gone)}`, `no longer flagged: ${list(gone)}`) : '',
    d.severity && d.previousSeverity && d.severity !== d.previousSeverity ? t(`严重程度：${sev(d.previousSeverity)} → ${sev(d.severity)}`, `severity: ${sev(d.previousSeverity)} → ${sev(d.severity)}`) : '',
  ].filter(Boolean);
  return parts.length ? html`<p class="t-details t-reassessed">${parts.join(t('；', '; '))}</p>` : '';
}

// documents says what an institution's documents were and who may see them: shared with the
// complainant (who finds them among the evidence), or for the regulator only.
function documents(e) {
  if (e.action !== 'INSTITUTION_EVIDENCE_ADDED' || !e.details) return '';
  let d;
  try { d = JSON.parse(e.details); } catch { return ''; }
  const kind = KINDS[d.kind] ? L(KINDS, d.kind) : '';
  const who = d.shared ? t('已提供给投诉人，见“证据”', 'shared with the complainant: see Evidence') : t('仅提交监管部门', 'for the regulator only');
  return html`<p class="t-details" data-shared="${String(!!d.shared)}">${kind ? `${kind} · ` : ''}${who}</p>`;
}

// assigned names whom a complaint was assigned to (its details, which staff alone read): the user
// id until the page puts the name in (.t-assignee, from the teams' people).
function assigned(e) {
  if (e.action !== 'ASSIGNED' || !e.details) return '';
  let d;
  try { d = JSON.parse(e.details); } catch { return ''; }
  if (!d.assigneeId) return '';
  return html`<p class="t-details">${t('指派给 ', 'Assigned to ')}<span class="t-assignee" data-user="${d.assigneeId}">${t(`用户 ${d.assigneeId}`, `user ${d.assigneeId}`)}</span></p>`;
}

// information says what a request for information asked and what the complainant answered (its
// details, which staff and the complainant read; institutions read the bare step). A reviewer who
// asked read only 已补充材料 in the history and could find the answer nowhere on the case page, nor
// could the complainant read back what they had sent (session 34 walk).
function information(e) {
  if (!['INFORMATION_REQUESTED', 'INFORMATION_PROVIDED'].includes(e.action) || !e.details) return '';
  let d;
  try { d = JSON.parse(e.details); } catch { return ''; }
  const quote = (label, text, cls) => (text ? html`<p class="t-details ${cls}"><span class="t-label">${label}</span>“<span lang="${textLang(text)}">${text}</span>”</p>` : '');
  return e.action === 'INFORMATION_REQUESTED'
    ? quote(t('问题：', 'Question: '), d.question, 't-question')
    : html`${quote(t('所答问题：', 'To the question: '), d.question, 't-question')}${quote(t('回答：', 'Answer: '), d.answer, 't-answer')}`;
}

export function timeline(history) {
  const items = (history || []).slice().reverse();
  if (!items.length) return html`<p class="muted">${t('暂无记录。', 'Nothing yet.')}</p>`;
  return html`<ol class="timeline">${items.map((e) => html`<li data-action="${e.action}">
    <p class="t-action">${actionLabel(e)}</p>
    ${e.toStatus && e.toStatus !== e.fromStatus ? html`<p class="t-status">${e.fromStatus ? html`${L(statuses, e.fromStatus)} → ` : ''}<strong>${L(statuses, e.toStatus)}</strong></p>` : ''}
    ${classified(e)}${reassessed(e)}${documents(e)}${assigned(e)}${information(e)}
    ${e.reason ? html`<p class="t-reason" lang="${textLang(e.reason)}">${e.reason}</p>` : ''}
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
