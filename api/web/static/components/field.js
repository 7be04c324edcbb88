// Form fields: a label, an optional hint and an error slot tied to the control by
// aria-describedby. An error is shown next to its field, announced, and removed as soon as the
// person changes the field (liveClear), so that nothing stale stays on screen.

import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, errorCodes } from '../core/i18n.js';

// field renders a labelled control. The control must carry id="f-<name>" and
// aria-describedby="hint-<name> err-<name>" (describedBy(name) writes that).
export function field(name, label, control, { hint = '', required = false, optional = false, cls = '' } = {}) {
  return html`<div class="field${required ? ' required' : ''} ${cls}" data-field="${name}">
    <label for="f-${name}">${label}${required ? html`<span class="req" aria-hidden="true">*</span>` : ''}${optional ? html`<span class="opt">${t('选填', 'optional')}</span>` : ''}</label>
    ${hint ? html`<p class="hint" id="hint-${name}">${hint}</p>` : ''}
    ${control}
    <p class="field-error" id="err-${name}" hidden></p>
  </div>`;
}

export function describedBy(name, hint = true) {
  return hint ? `hint-${name} err-${name}` : `err-${name}`;
}

// newPasswordField is where a person chooses a password (an invitation, a reset), with the
// platform's password rules as its hint.
export function newPasswordField(name) {
  return field(name, t('新密码', 'New password'), html`<input id="f-${name}" name="${name}" type="password" autocomplete="new-password" aria-describedby="${describedBy(name)}" required>`,
    { required: true, hint: t('10 至 128 个字符，同时包含字母和数字或符号。', '10 to 128 characters, letters mixed with digits or symbols.') });
}

// fieldset renders a group of checkboxes or radios with a legend and an error slot.
export function group(name, legend, items, { type = 'checkbox', checked = [], hint = '', cls = 'check-grid' } = {}) {
  return html`<fieldset class="checks" data-field="${name}" aria-describedby="${hint ? `hint-${name} ` : ''}err-${name}">
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint" id="hint-${name}">${hint}</p>` : ''}
    <div class="${cls}">${items.map(([value, text]) => html`<label class="check"><input type="${type}" name="${name}" value="${value}" ${checked.includes(value) ? 'checked' : ''}> <span>${text}</span></label>`)}</div>
    <p class="field-error" id="err-${name}" hidden></p>
  </fieldset>`;
}

export function options(table, placeholder, selected = '') {
  return html`${placeholder ? html`<option value="">${placeholder}</option>` : ''}${Object.keys(table).map((code) => html`<option value="${code}" ${code === selected ? 'selected' : ''}>${L(table, code)}</option>`)}`;
}

export function errorText(e) {
  const ext = e.extensions || {};
  const code = ext.code || 'INTERNAL';
  if (['NETWORK', 'INTERNAL'].includes(code)) return L(errorCodes, code);
  if (code === 'RATE_LIMITED' || code === 'UNAVAILABLE') return busyText(ext, e.message);
  return t(ext.messageZh || L(errorCodes, code), e.message || L(errorCodes, code));
}

// busyText explains a refusal for now (429 RATE_LIMITED, 503 UNAVAILABLE): why, when to try again
// (the server's Retry-After), and, for what was not sent again by itself (a form, an upload), that
// nothing was done and what was typed is still on the page.
function busyText(ext, message) {
  const s = Number(ext.retryAfterSeconds) || 0;
  const wait = s > 90 ? [`${Math.ceil(s / 60)} 分钟`, `${Math.ceil(s / 60)} minutes`] : [`${s} 秒`, `${s} second${s === 1 ? '' : 's'}`];
  let why;
  if (ext.code === 'UNAVAILABLE') {
    why = s ? t(`服务暂时不可用，请在 ${wait[0]}后再试。`, `The service is unavailable for a moment; try again in ${wait[1]}.`) : L(errorCodes, 'UNAVAILABLE');
  } else if (ext.messageZh) { // the server's own words name what was too much (sign-ins, uploads…) and the wait
    const en = String(message || '').replace(/^./, (c) => c.toUpperCase()).replace(/([^.])$/, '$1.');
    why = t(`${ext.messageZh.replace(/[。.]$/, '')}。`, en);
  } else {
    why = s ? t(`请求过于频繁，请在 ${wait[0]}后再试。`, `Too many requests; try again in ${wait[1]}.`) : L(errorCodes, 'RATE_LIMITED');
  }
  return ext.notDone ? `${why}${t('此次操作没有执行；页面上已填写的内容都还在。', ' Nothing was done; anything you typed is still on the page.')}` : why;
}

function clearOne(box) {
  const p = $('.field-error', box);
  if (p) { p.hidden = true; p.textContent = ''; p.shownError = null; }
  $$('[aria-invalid]', box).forEach((c) => c.removeAttribute('aria-invalid'));
}

export function clearErrors(form) {
  $$('[data-field]', form).forEach(clearOne);
  const a = $('.form-alert', form);
  if (a) { a.hidden = true; a.textContent = ''; a.shownErrors = null; }
}

// fieldError shows the error e (with its words in both languages: invalid() or the server's
// messageZh and message) in the error slot p, and keeps e there, so that the language switch can
// draw it again in the other language (errorsShown, showAgain).
export function fieldError(p, e) {
  mount(p, html`<span class="icon" aria-hidden="true">!</span> ${errorText(e)}`);
  p.hidden = false;
  p.shownError = e;
  const box = p.closest('[data-field]');
  const ctl = box && (box.matches('input, select, textarea') ? box : box.querySelector('input, select, textarea'));
  if (ctl) ctl.setAttribute('aria-invalid', 'true');
  return ctl;
}

// errorsShown notes the errors on screen under root, by their slot's id (a field's err-<name>, a
// form's alert by the form's id): the language switch draws the page again, which dropped them —
// a form refused, switched to English, showed no error at all and its fields unmarked (session
// 30 walk). showAgain draws them again, in the language now chosen, where the same ids are.
export function errorsShown(root) {
  const kept = [];
  $$('.field-error[id]', root).forEach((p) => { if (!p.hidden && p.shownError) kept.push({ id: p.id, error: p.shownError }); });
  $$('form[id] .form-alert', root).forEach((a) => { if (!a.hidden && a.shownErrors) kept.push({ form: a.closest('form').id, errors: a.shownErrors }); });
  return kept;
}

export function showAgain(root, kept) {
  for (const k of kept) {
    if (k.id) {
      const p = document.getElementById(k.id);
      if (p && root.contains(p) && p.hidden) fieldError(p, k.error);
      continue;
    }
    const form = document.getElementById(k.form);
    const a = form && root.contains(form) ? $('.form-alert', form) : null;
    if (a && a.hidden) {
      mount(a, k.errors.map((e) => html`<p>${errorText(e)}</p>`));
      a.hidden = false;
      a.shownErrors = k.errors;
    }
  }
}

// liveClear removes a field's error as soon as the field changes.
export function liveClear(form) {
  const handler = (ev) => {
    const box = ev.target.closest('[data-field]');
    if (box && $('.field-error', box) && !$('.field-error', box).hidden) clearOne(box);
  };
  form.addEventListener('input', handler);
  form.addEventListener('change', handler);
}

// boxFor finds the field of an error path such as input.narrative, input.incidents.2.occurredAt or
// messages.0.sender: the most specific [data-field] that exists.
export function boxFor(form, path) {
  const p = String(path || '').replace(/^input\./, '');
  if (!p) return null;
  const parts = p.split('.');
  for (let i = parts.length; i > 0; i--) {
    const box = form.querySelector(`[data-field="${CSS.escape(parts.slice(0, i).join('.'))}"]`);
    if (box) return box;
  }
  return null;
}

// showErrors puts each error next to its field (extensions.field) or, without one, at the top of
// the form; then focuses the first. It returns the first field's path, so that a wizard can open
// the step that holds it.
export function showErrors(form, errors) {
  clearErrors(form);
  let first = null;
  let firstPath = '';
  const general = [];
  for (const e of errors) {
    const path = (e.extensions || {}).field || '';
    const box = boxFor(form, path);
    if (box && $('.field-error', box)) {
      const ctl = fieldError($('.field-error', box), e);
      if (!first) { first = ctl || box; firstPath = path; }
    } else {
      general.push(e);
    }
  }
  const alert = $('.form-alert', form);
  if (general.length && alert) {
    mount(alert, general.map((e) => html`<p>${errorText(e)}</p>`));
    alert.hidden = false;
    alert.shownErrors = general;
    if (!first) first = alert;
  }
  return { first, path: firstPath, focus: () => first && first.focus() };
}

export function invalid(field, messageZh, message) {
  return { message, extensions: { code: 'BAD_USER_INPUT', field, messageZh } };
}

// submitting disables the form's submit button while fn runs (a double tap sends one request) and
// shows the errors fn throws.
const busyForms = new WeakSet();
export async function submitting(form, fn, busyText = t('正在提交…', 'Sending…')) {
  if (busyForms.has(form)) return;
  busyForms.add(form);
  const btn = $('button[type=submit]', form);
  const label = btn ? btn.innerHTML : '';
  if (btn) {
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    btn.innerHTML = html`<span class="spinner" aria-hidden="true"></span>${busyText}`.toString();
  }
  try {
    await fn();
  } catch (err) {
    const errs = err && err.errors ? err.errors : [{ message: String(err), extensions: { code: 'INTERNAL' } }];
    showErrors(form, errs).focus();
  } finally {
    busyForms.delete(form);
    if (btn && btn.isConnected) {
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
      btn.innerHTML = label;
    }
  }
}
