// Announcements for screen readers (a polite live region) and short visible toasts.

import { $ } from '../core/dom.js';

export function announce(text) {
  const r = $('#announcer');
  if (!r) return;
  r.textContent = '';
  setTimeout(() => { r.textContent = text; }, 30);
}

export function toast(text, tone = 'ok') {
  const box = $('#toasts');
  if (!box) return;
  const el = document.createElement('div');
  el.className = `toast tone-${tone}`;
  el.setAttribute('role', tone === 'danger' ? 'alert' : 'status');
  el.textContent = text;
  box.appendChild(el);
  setTimeout(() => el.remove(), 6000);
}
