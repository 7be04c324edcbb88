// The institution's page: its own scorecard for every agent; for the institution admin also the
// webhook (address, secret shown once, test ping, delivery log) and the link to its users.

import { gql } from '../core/api.js';
import { html, mount, $ } from '../core/dom.js';
import { t, L, instName, deliveryStatuses } from '../core/i18n.js';
import { state, vlabel, loadViolationTypes } from '../core/state.js';
import { when, pct } from '../core/format.js';
import { field, describedBy, submitting, liveClear, showErrors, invalid } from '../components/field.js';
import { toast } from '../components/announcer.js';

function period(params) {
  const p = params.get('period');
  if (p && /^\d{4}(-\d{2}|-Q[1-4])?$/.test(p)) return p;
  return String(new Date().getFullYear());
}

// days says a number of calendar days (whole days from forwarding to the answer; a median may be
// a half) with its unit.
function days(n) {
  const v = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return t(`${v} 天`, `${v} day${n === 1 ? '' : 's'}`);
}

export async function institution({ main, params, alive, flash }) {
  await loadViolationTypes();
  const id = state.me.institutionId;
  const per = period(params);
  const admin = state.me.role === 'institution_admin';
  const [inst, deliveries, cards] = await Promise.all([
    gql('query($id: ID!) { institution(id: $id) { id name nameEn kind aliases } }', { id }),
    admin ? gql('query($id: ID!) { webhookDeliveries(institutionId: $id, first: 20) { totalCount edges { node { id event status createdAt deliveredAt attempts { attempt at statusCode error durationMs } } } } }', { id }).catch(() => null) : null,
    gql(`query($p: String!, $id: ID) { institutionScorecards(period: $p, institutionId: $id) { minCount caveat caveatZh from to
      cards { institution { id name nameEn } complaints timelyRate reliefRate disputeRate averageSatisfaction medianDaysToAnswer topViolationTypes { violationType complaints } ranked rank serviceScore } } }`, { p: per, id }).catch(() => null),
  ]);
  if (!alive()) return;
  const dl = deliveries ? deliveries.webhookDeliveries.edges.map((e) => e.node) : [];
  const sc = cards ? cards.institutionScorecards : null;
  const card = sc && sc.cards.find((c) => c.institution.id === id);
  mount(main, html`<section class="page wide" aria-labelledby="inst-title">
    ${flash()}
    <h1 id="inst-title" tabindex="-1">${inst.institution ? instName(inst.institution) : t('本机构', 'Your institution')}</h1>
    <div class="case-grid">
    <section class="card" aria-labelledby="sc-title" id="scorecard">
      <h2 id="sc-title">${t('本机构评分', 'Your scorecard')} · ${per}</h2>
      <form id="period-form" class="filters" role="search"><div class="field"><label for="f-period">${t('期间（年、季度或月）', 'Period (year, quarter or month)')}</label><input id="f-period" name="period" value="${per}" placeholder="2026-Q1"></div><button class="btn" type="submit">${t('查看', 'Show')}</button></form>
      ${card ? html`<div class="kpis">
        <div class="kpi"><span>${t('投诉量', 'Complaints')}</span><strong>${card.complaints}</strong></div>
        <div class="kpi"><span>${t('按时答复率', 'On time')}</span><strong>${pct(card.timelyRate)}</strong></div>
        <div class="kpi"><span>${t('补救比例', 'Relief')}</span><strong>${pct(card.reliefRate)}</strong></div>
        <div class="kpi" id="kpi-satisfaction"><span>${t('平均满意度', 'Satisfaction')}</span><strong>${card.averageSatisfaction == null ? '—' : html`${card.averageSatisfaction.toFixed(1)}<small>${t(' / 5 分', ' / 5')}</small>`}</strong></div>
        <div class="kpi"><span>${t('异议率', 'Disputed')}</span><strong>${pct(card.disputeRate)}</strong></div>
        <div class="kpi" id="kpi-median-answer"><span>${t('答复用时中位数', 'Median time to answer')}</span><strong>${card.medianDaysToAnswer == null ? '—' : days(card.medianDaysToAnswer)}</strong></div>
        <div class="kpi"><span>${t('排名', 'Rank')}</span><strong>${card.ranked && card.rank ? card.rank : '—'}</strong></div>
      </div>
      ${inst.institution && inst.institution.kind === 'COLLECTION_AGENCY' ? html`<p class="small" id="sc-agency-note">${t('本机构为催收机构：统计只计转交本机构的投诉（只转交放贷机构的不计）；同时转交本机构和放贷机构的投诉，按时答复、补救和答复用时按本机构自己的答复和期限计算。',
    'Your institution is a collection agency: the figures count only the complaints forwarded to you (not those sent to the lender alone); where a complaint went to you and the lender, on time, relief and time to answer count your own answer and clock.')}</p>` : ''}
      ${card.topViolationTypes.length ? html`<p>${t('主要投诉类型：', 'Main violations: ')}${card.topViolationTypes.map((v) => `${vlabel(v.violationType)} ${v.complaints}`).join(t('、', ', '))}</p>` : ''}`
    : html`<p class="muted">${t('该期间没有本机构的投诉。', 'No complaints about your institution in that period.')}</p>`}
      ${sc ? html`<p class="caveat" id="sc-caveat">${t(sc.caveatZh, sc.caveat)}</p>` : ''}
    </section>
    ${admin ? html`<section class="card" aria-labelledby="wh-title" id="webhook">
      <h2 id="wh-title">${t('Webhook 推送', 'Webhook')}</h2>
      <p class="hint">${t('新转交的投诉和期限提醒会推送到此地址（HTTPS，带 HMAC 签名）。保存后显示一次签名密钥。', 'New complaints and deadline reminders are posted here (HTTPS, HMAC-signed). The signing secret is shown once, after saving.')}</p>
      <form id="webhook-form" novalidate>
        <div class="form-alert alert" role="alert" tabindex="-1" hidden></div>
        ${field('url', t('推送地址', 'Address'), html`<input id="f-url" name="url" type="url" inputmode="url" placeholder="https://" aria-describedby="${describedBy('url', false)}" required>`, { required: true })}
        <button class="btn primary" type="submit">${t('保存', 'Save')}</button>
        <button class="btn" type="button" id="ping">${t('发送测试推送', 'Send a test ping')}</button>
      </form>
      <div id="secret" aria-live="polite"></div>
      <h3>${t('推送记录', 'Deliveries')}</h3>
      ${dl.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('推送记录', 'Deliveries')}"><table id="deliveries"><thead><tr><th scope="col">${t('事件', 'Event')}</th><th scope="col">${t('状态', 'Status')}</th><th scope="col">${t('时间', 'When')}</th><th scope="col">${t('尝试', 'Attempts')}</th></tr></thead>
        <tbody>${dl.map((x) => html`<tr data-status="${x.status}"><td>${x.event}</td><td><span class="badge small tone-${(deliveryStatuses[x.status] || [])[2]}">${L(deliveryStatuses, x.status)}</span></td><td>${when(x.createdAt)}</td>
          <td>${x.attempts.map((a) => `${a.attempt}: ${a.statusCode || a.error || ''} (${a.durationMs} ms)`).join('; ')}</td></tr>`)}</tbody></table></div>`
    : html`<p class="muted" id="deliveries">${t('暂无推送记录。', 'No deliveries yet.')}</p>`}
    </section>` : ''}
    </div>
    ${admin ? html`<section class="card" aria-labelledby="iu-title"><h2 id="iu-title">${t('机构用户', 'Users of the institution')}</h2><p>${t('邀请本机构的处理人员和管理员，停用或重新启用他们的账户。', 'Invite your institution\'s agents and admins, disable or enable their accounts.')}</p>
      <p><a class="btn" id="users-link" href="#/institution/users">${t('管理机构用户', 'Manage users')}</a></p></section>` : ''}
  </section>`);
  $('#period-form').addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = `/institution?period=${encodeURIComponent($('#f-period').value.trim())}`; });
  if (!admin) return;
  const form = $('#webhook-form');
  liveClear(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const url = form.url.value.trim();
    if (!url) return showErrors(form, [invalid('url', '请填写推送地址。', 'Give the address.')]).focus();
    submitting(form, async () => {
      const r = (await gql('mutation($id: ID!, $u: String!) { setInstitutionWebhook(institutionId: $id, url: $u) { url secret } }', { id, u: url })).setInstitutionWebhook;
      mount($('#secret'), html`<p>${t('签名密钥（只显示这一次，请妥善保存）：', 'Signing secret (shown only now; keep it safe):')}</p><p class="secret" id="webhook-secret">${r.secret}</p>`);
    });
  });
  $('#ping').addEventListener('click', async () => {
    try {
      await gql('mutation($id: ID!) { pingInstitutionWebhook(institutionId: $id) }', { id });
      toast(t('测试推送已发送，结果见推送记录。', 'Test ping queued; see the deliveries.'));
    } catch (err) {
      showErrors(form, err.errors || []).focus();
    }
  });
}
