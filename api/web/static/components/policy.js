// The periods of the deadline policy in force (deadlineRules, public), as the pages that explain
// the process to people before any clock runs name them: the start page, the check page and the
// page after filing said "7 个工作日" / "15 日" / "60 日" whatever an admin published (session 26
// and 27 walks). A page asks once for them and words them; without them (the server could not be
// reached) it says "the period the rules set" and no number.

import { gql } from '../core/api.js';
import { t } from '../core/i18n.js';

let cached = null; // { at, j, p }: the policy read less than a minute ago

// policyPeriods is the first stage of each clock of a jurisdiction's policy in force,
// { ACCEPTANCE: { days, working }, INSTITUTION_RESPONSE: …, FEEDBACK: … }, or null. The pages
// that ask wait for it no longer than WAIT_MS (the start page and the check page, with its "call
// 110", stayed blank while a busy server was retried: review of session 27); a late answer still
// fills the cache for the next page.
const WAIT_MS = 3000;

export async function policyPeriods(j = 'CN') {
  if (cached && cached.j === j && Date.now() - cached.at < 60_000) return cached.p;
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), WAIT_MS); });
  const p = await Promise.race([loadPeriods(j), late]);
  clearTimeout(timer);
  return p;
}

async function loadPeriods(j) {
  try {
    const d = await gql('query($j: Jurisdiction) { deadlineRules(jurisdiction: $j) { policy } }', { j });
    const clocks = JSON.parse(d.deadlineRules.policy).clocks || {};
    const p = {};
    for (const [k, c] of Object.entries(clocks)) {
      const days = c && c.stages && c.stages[0] && c.stages[0].days;
      if (Number.isInteger(days) && days > 0) p[k] = { days, working: c.unit === 'WORKING_DAYS' };
    }
    cached = { at: Date.now(), j, p };
    return p;
  } catch {
    return null;
  }
}

// period words a clock's first stage: "7 个工作日" / "7 working days", "15 日" / "15 days"; without
// the policy, "规定期限" / "the period the rules set".
export function period(p, kind) {
  const c = p && p[kind];
  if (!c) return t('规定期限', 'the period the rules set');
  if (c.working) return t(`${c.days} 个工作日`, `${c.days} working day${c.days === 1 ? '' : 's'}`);
  return t(`${c.days} 日`, `${c.days} day${c.days === 1 ? '' : 's'}`);
}

// within is "在 7 个工作日内" / "within 7 working days", or "在规定期限内" / "within the period the
// rules set".
export function within(p, kind) {
  if (!p || !p[kind]) return t('在规定期限内', 'within the period the rules set');
  return t(`在 ${period(p, kind)}内`, `within ${period(p, kind)}`);
}
