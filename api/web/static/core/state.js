// What the pages share: the signed-in user, the mode, and reference data loaded once.

import { gql } from './api.js';
import { t } from './i18n.js';

export const state = { me: null, env: 'production', violationTypes: null, provinces: null, teams: null, flash: null, unread: 0 };

export const isStaff = () => !!state.me && ['reviewer', 'supervisor', 'admin', 'analyst'].includes(state.me.role);
export const isInstitution = () => !!state.me && state.me.role.startsWith('institution');
export const isComplainant = () => !!state.me && state.me.role === 'complainant';

export async function loadViolationTypes() {
  if (!state.violationTypes) {
    state.violationTypes = (await gql('{ violationTypes { code labelZh labelEn legalReferences { law article summaryZh summaryEn } } }')).violationTypes;
  }
  return state.violationTypes;
}

export function vlabel(code) {
  const v = (state.violationTypes || []).find((x) => x.code === code);
  return v ? t(v.labelZh, v.labelEn) : code;
}

export async function loadProvinces() {
  if (!state.provinces) {
    const res = await fetch(new URL('../provinces.json', import.meta.url));
    state.provinces = await res.json();
  }
  return state.provinces;
}

export function provinceName(code) {
  const p = (state.provinces || []).find((x) => x.code === code);
  return p ? t(p.zh, p.en) : code;
}

// flash keeps one message for the next page (after a redirect).
// loadTeams loads the teams' names once, for the regulator's staff (others are not shown teams).
export async function loadTeams() {
  if (!state.teams && isStaff()) {
    state.teams = await gql('{ teams { code name nameEn } }').then((x) => x.teams).catch(() => null);
  }
  return state.teams || [];
}

// teamName is a team's name in the reader's language, its code when the names are not loaded.
export function teamName(code) {
  const x = (state.teams || []).find((tm) => tm.code === code);
  return x ? t(x.name, x.nameEn || x.name) : code;
}

export function setFlash(zh, en, tone = 'ok') { state.flash = { zh, en, tone }; }
export function takeFlash() {
  const f = state.flash;
  state.flash = null;
  return f;
}
