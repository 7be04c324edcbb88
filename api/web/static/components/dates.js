// Date fields in the reader's language. A browser draws <input type=date> in its own locale
// (mm/dd/yyyy in an English Chrome, whatever language the page is in), so each date, date-time and
// time field spells out under it, in the page's language, the day (and time) it holds: no one
// mistakes 03/04 for 4 March or for 3 April.

import { t } from '../core/i18n.js';
import { fmtDate } from '../core/format.js';

const SEL = 'input[type=date], input[type=datetime-local], input[type=time]';

// spelled is what a field's value means, in words: "2026年3月4日周三 23:40（北京时间）",
// "Wed 4 March 2026, 23:40 (China time)".
export function spelled(type, value) {
  if (!value) return '';
  if (type === 'time') return /^\d{2}:\d{2}/.test(value) ? t(`时间：${value.slice(0, 5)}`, `Time: ${value.slice(0, 5)}`) : '';
  const [d, hm] = value.split('T');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return '';
  const day = fmtDate(d);
  return hm ? t(`${day} ${hm.slice(0, 5)}（北京时间）`, `${day}, ${hm.slice(0, 5)} (China time)`) : day;
}

function sync(el) {
  let echo = el.dataset.echo && document.getElementById(el.dataset.echo);
  if (!echo) {
    if (!el.id) return;
    echo = document.createElement('span');
    echo.className = 'date-echo small';
    echo.id = `echo-${el.id}`;
    el.dataset.echo = echo.id;
    el.after(echo);
    el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') || ''} ${echo.id}`.trim());
  }
  const text = spelled(el.type, el.value);
  if (echo.textContent !== text) echo.textContent = text; // an unchanged text touches nothing (the observer)
}

// echoDates keeps the spelled-out dates of the fields inside root up to date: fields drawn later
// (a wizard's next step, a form opened) included.
export function echoDates(root) {
  const scan = () => root.querySelectorAll(SEL).forEach(sync);
  new MutationObserver(scan).observe(root, { childList: true, subtree: true });
  for (const type of ['input', 'change']) root.addEventListener(type, (ev) => { if (ev.target.matches && ev.target.matches(SEL)) sync(ev.target); });
  scan();
}
