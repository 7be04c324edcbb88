// readAmount reads an amount as the server does (domain.ParseAmount and amountAsWritten): full-width
// digits, point and comma, spaces at the ends, at most one ¥ or ￥ before and 元 after, and groups of
// three digits parted by commas or by single spaces (one kind throughout). It returns the amount as
// the server stores it ("8600.00"), or '' for what the server would refuse.

// AMOUNT_SPACES is domain.AmountSpaces, the same list written out (a Go test compares them): the
// wizard let through every \s and the server read three of them, so "12\u202f800" passed the first
// step and was refused after the last (session 29 review).
export const AMOUNT_SPACES = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const MAX_DIGITS = 12;

export function readAmount(s) {
  let v = '';
  for (const c of String(s ?? '')) {
    const k = c.codePointAt(0);
    if (k >= 0xff10 && k <= 0xff19) v += String.fromCharCode(k - 0xfee0);
    else if (c === '．') v += '.';
    else if (c === '，') v += ',';
    else if (AMOUNT_SPACES.includes(c)) v += ' ';
    else v += c;
  }
  v = v.replace(/^ +| +$/g, '');
  if (v.startsWith('¥') || v.startsWith('￥')) v = v.slice(1).replace(/^ +/, '');
  if (v.endsWith('元')) v = v.slice(0, -1).replace(/ +$/, '');
  const point = v.indexOf('.');
  let whole = point < 0 ? v : v.slice(0, point);
  const frac = point < 0 ? '' : v.slice(point + 1);
  for (const sep of [',', ' ']) {
    const groups = whole.split(sep);
    if (groups.length === 1) continue;
    if (/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g))) whole = groups.join('');
    break;
  }
  if (!/^\d+$/.test(whole) || (point >= 0 && !/^\d{1,2}$/.test(frac))) return '';
  whole = whole.replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_DIGITS) return '';
  return `${whole}.${frac.padEnd(2, '0')}`;
}
