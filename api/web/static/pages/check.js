// "Check a message", for anyone: paste what a collector sent and see what is unlawful in it, the
// law, and what to do.

import { html, mount, $ } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { state } from '../core/state.js';
import { messagesHTML, attachMessages } from '../components/evidence.js';
import { policyPeriods, within } from '../components/policy.js';

export async function check({ main, flash, alive }) {
  const rows = [];
  // The periods are the deadline policy's in force, not the release's (session 27 walk).
  const p = await policyPeriods();
  if (alive && !alive()) return;
  mount(main, html`<section class="page" aria-labelledby="check-title">
    ${flash()}
    <h1 id="check-title" tabindex="-1">${t('查一查催收短信', 'Check a collector\'s message')}</h1>
    <p class="lede">${t('粘贴催收短信或微信消息，立即看看哪些说法可能违法、违反哪条规定。无需登录，内容不会保存。', 'Paste a collector\'s SMS or chat message to see at once what may be unlawful and which rule it breaks. No account needed; nothing is stored.')}</p>
    <form id="check-form" class="card" novalidate aria-labelledby="paste-title">
      <h2 id="paste-title">${t('粘贴短信', 'Paste the message')}</h2>
      ${messagesHTML('check')}
    </form>
    <section class="card" aria-labelledby="todo-title">
      <h2 id="todo-title">${t('您可以怎么做', 'What you can do')}</h2>
      <ol class="advice">
        <li>${t('保留证据：短信截图要包含发送号码和时间；保存通话录音、通话记录、聊天记录；上门时拍照或录像，记下证人。', 'Keep evidence: screenshots showing the sender and time; call recordings and logs; chat logs; photos or video of visits; note witnesses.')}</li>
        <li><strong>${t('遇到人身威胁、上门滋扰或暴力，请立即拨打 110 报警。', 'If you are threatened, harassed at home or attacked, call the police on 110.')}</strong></li>
        <li>${t('骚扰电话、垃圾短信可向 12321 举报（网站 12321.cn 或短信 12321）。', 'Report spam calls and texts to 12321 (12321.cn, or SMS to 12321).')}</li>
        <li>${t('要求对方出示工作证和放贷机构的委托书；可与机构协商分期、延期或减免罚息，并要求书面确认。', 'Ask a collector for ID and the lender\'s authorisation letter; negotiate instalments, a deferral or waived penalty interest, and get it in writing.')}</li>
        <li>${state.me && state.me.role === 'complainant' ? html`<a href="#/file">${t('向监管部门投诉', 'Complain to the regulator')}</a>` : html`<a href="#/register">${t('注册并投诉', 'Register and complain')}</a>`}<span id="check-periods">${t(`：我们${within(p, 'ACCEPTANCE')}决定是否受理，并转交机构${within(p, 'INSTITUTION_RESPONSE')}答复。`, `: we decide ${within(p, 'ACCEPTANCE')} and the institution must answer ${within(p, 'INSTITUTION_RESPONSE')}.`)}</span></li>
      </ol>
    </section>
  </section>`);
  $('#check-form').addEventListener('submit', (ev) => ev.preventDefault());
  attachMessages($('#check-form'), 'check', rows, () => {});
}
