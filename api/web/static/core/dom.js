// Tiny HTML templating: html`...` escapes every interpolated value unless it is itself html`...`.

class Safe {
  constructor(s) { this.s = s; }
  toString() { return this.s; }
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESC[c]);
}

function fmt(v) {
  if (v == null || v === false) return '';
  if (v instanceof Safe) return v.s;
  if (Array.isArray(v)) return v.map(fmt).join('');
  return esc(v);
}

export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += fmt(values[i]) + strings[i + 1];
  return new Safe(out);
}

// raw marks a string built by the caller from escaped parts as safe.
export function raw(s) { return new Safe(s); }

export function mount(el, content) {
  el.innerHTML = fmt(content);
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// on adds a listener to every element that matches sel inside root.
export function on(root, sel, type, fn) {
  $$(sel, root).forEach((el) => el.addEventListener(type, fn));
}
