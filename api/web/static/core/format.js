// Dates, amounts and deadlines as people read them, in the current language. Times are shown in
// China time: the regulator's deadlines are China days, whatever the device's zone.

import { html } from './dom.js';
import { t, locale } from './i18n.js';

const TZ = 'Asia/Shanghai';

// fmtDateTime writes a moment as 2026/12/05 14:00 in Chinese and 5 Dec 2026, 14:00 in English: a
// numeric day and month read both ways round by English readers (05/12 is May 12 to some).
//
// zone, when given, is the complaint's calendar's (zoneOf): a moment of a US complaint reads in New
// York time, its zone named ("GMT-5"), as its deadlines' days are that calendar's.
export function fmtDateTime(s, zone = TZ) {
  if (!s) return '';
  const en = locale() === 'en-GB';
  const z = zone || TZ;
  const at = new Date(s);
  const text = new Intl.DateTimeFormat(locale(), { timeZone: z, year: 'numeric', month: en ? 'short' : '2-digit', day: en ? 'numeric' : '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  if (z === TZ) return text;
  const name = new Intl.DateTimeFormat(locale(), { timeZone: z, timeZoneName: 'short' }).formatToParts(at).find((x) => x.type === 'timeZoneName');
  return name ? `${text} ${name.value}` : text;
}

// zoneOf is the time zone of a complaint's calendar, the one its clocks count days in
// (Deadline.timeZone), China time without one: the inbox and queue lists showed a US complaint's
// days and times in China time, its due day the day after the one its case page names (session 27).
export function zoneOf(c) {
  const d = ((c && c.deadlines) || []).find((x) => x.timeZone);
  return d ? d.timeZone : TZ;
}

// readMoments rewrites the moments a server wrote into a sentence as 2026-12-03 12:00 (the rule
// engine's findings: "2026-12-03 12:00 电话联系了借款人的父母") the way fmtDateTime writes them, as
// the wall-clock time they name: the engine writes them in the complaint's own zone. A day written
// alone (2026-12-03: an incident given without its time, a day's calls) reads as the day.
//
// dayOnly, when given, holds the moments ("2026-12-03 12:00") of incidents the complainant gave the
// day of but not the time: those read as the day alone, not as a noon nobody reported (session 23;
// findings recorded before session 24 wrote such a day with 12:00).
export function readMoments(text, dayOnly = null) {
  return String(text || '').replace(/\b(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?\b/g, (all, y, mo, d, h, mi) => {
    const at = new Date(Date.UTC(+y, +mo - 1, +d, +(h || 0), +(mi || 0)));
    if (Number.isNaN(at.getTime())) return all;
    const en = locale() === 'en-GB';
    const time = h == null || (dayOnly && dayOnly.has(all)) ? {} : { hour: '2-digit', minute: '2-digit', hour12: false };
    return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', year: 'numeric', month: en ? 'short' : '2-digit', day: en ? 'numeric' : '2-digit', ...time }).format(at);
  });
}

// fmtDay writes a calendar day (2026-09-07) as 2026年9月7日 or 7 Sept 2026: a period's ends, where
// fmtDate's weekday would only crowd the line.
export function fmtDay(s) {
  if (!s) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T12:00:00+08:00`) : new Date(s);
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, year: 'numeric', month: locale() === 'en-GB' ? 'short' : 'long', day: 'numeric' }).format(d);
}

// fmtSpan writes the calendar days a to b (2026-09-07, 2026-09-13) as 2026年9月7日至13日 or
// 7–13 Sept 2026: a week or part of a month of the dashboard's tables, never two ISO days.
export function fmtSpan(a, b) {
  if (!b || a === b) return fmtDay(a);
  const [ya, ma, da] = a.split('-').map(Number);
  const [yb, mb, db] = b.split('-').map(Number);
  if (locale() !== 'en-GB') {
    return `${ya}年${ma}月${da}日至${ya !== yb ? `${yb}年${mb}月` : ma !== mb ? `${mb}月` : ''}${db}日`;
  }
  const mon = (y, m) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short' }).format(Date.UTC(y, m - 1, 15));
  if (ya !== yb) return `${da} ${mon(ya, ma)} ${ya} – ${db} ${mon(yb, mb)} ${yb}`;
  if (ma !== mb) return `${da} ${mon(ya, ma)} – ${db} ${mon(yb, mb)} ${yb}`;
  return `${da}–${db} ${mon(yb, mb)} ${yb}`;
}

// fmtMonth writes a month (2026-09 or its first day) as 2026年9月 or Sept 2026.
export function fmtMonth(s) {
  const [y, m] = s.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', year: 'numeric', month: locale() === 'en-GB' ? 'short' : 'long' }).format(Date.UTC(y, m - 1, 15));
}

// fmtDate writes a day (2026-12-21) or the day of a moment, in zone (China time by default), as
// 2026年12月21日周一 or Mon 21 December 2026.
export function fmtDate(s, zone = TZ) {
  if (!s) return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const d = day ? new Date(`${s}T12:00:00+08:00`) : new Date(s);
  return new Intl.DateTimeFormat(locale(), { timeZone: day ? TZ : zone || TZ, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(d);
}

// chinaMoment writes an instant as the rule engine writes it into a finding, in China time:
// "2026-12-03 12:00".
export function chinaMoment(s) {
  const d = new Date(Date.parse(s) + 8 * 3_600_000);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16).replace('T', ' ');
}

export function when(s, zone = TZ) {
  return s ? html`<time datetime="${s}">${fmtDateTime(s, zone)}</time>` : '';
}

export function day(s) {
  return s ? html`<time datetime="${s}">${fmtDate(s)}</time>` : '';
}

export function money(s) {
  if (s == null || s === '') return '';
  const n = Number(s);
  return Number.isFinite(n) ? `¥${n.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : String(s);
}

export function pct(x) {
  return x == null ? '—' : `${Math.round(x * 1000) / 10}%`;
}

// daysLeft counts whole days from now to due (negative when overdue).
export function daysLeft(due, now = Date.now()) {
  return Math.ceil((Date.parse(due) - now) / 86_400_000);
}

// remaining says how long is left in words: "还剩 3 天", "今天到期", "已超期 2 天".
export function remaining(due, now = Date.now()) {
  const ms = Date.parse(due) - now;
  if (ms < 0) {
    const d = Math.max(1, Math.floor(-ms / 86_400_000));
    return [t(`已超期 ${d} 天`, `${d} day${d === 1 ? '' : 's'} overdue`), 'danger'];
  }
  const h = Math.floor(ms / 3_600_000);
  if (h < 24) return [t(`还剩 ${Math.max(h, 1)} 小时`, `${Math.max(h, 1)} hour${h === 1 ? '' : 's'} left`), 'warn'];
  const d = Math.floor(ms / 86_400_000);
  return [t(`还剩 ${d} 天`, `${d} day${d === 1 ? '' : 's'} left`), d <= 3 ? 'warn' : 'info'];
}
