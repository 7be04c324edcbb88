// The start page for people without an account: what the platform does and where to begin.

import { html, mount } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { policyPeriods, within } from '../components/policy.js';

export async function home({ main, flash, alive }) {
  // The periods are the deadline policy's in force, not the release's (session 27 walk).
  const p = await policyPeriods();
  if (alive && !alive()) return;
  mount(main, html`<section class="page" aria-labelledby="home-title">
    ${flash()}
    <h1 id="home-title" tabindex="-1">${t('遭遇暴力催收？我们来帮您', 'Harassed by a debt collector? We can help')}</h1>
    <p class="lede" id="home-lede">${t(`借款人本人以及被骚扰的家人、朋友、同事，都可以在这里投诉违规催收。监管部门${within(p, 'ACCEPTANCE')}决定是否受理，并转交被投诉机构${within(p, 'INSTITUTION_RESPONSE')}答复。`,
      `Borrowers and the relatives, friends and colleagues a collector harasses can complain here. The regulator decides ${within(p, 'ACCEPTANCE')} whether to accept it and forwards it to the institution, which must answer ${within(p, 'INSTITUTION_RESPONSE')}.`)}</p>
    <div class="tiles">
      <a class="tile card" href="#/register"><strong>${t('我要投诉', 'File a complaint')}</strong><span>${t('注册后按步骤填写，可上传截图和录音。', 'Register, then follow the steps; attach screenshots and recordings.')}</span></a>
      <a class="tile card" href="#/check"><strong>${t('查一查催收短信', 'Check a collector\'s message')}</strong><span>${t('粘贴短信，看看哪些说法违法、依据哪条法律。无需登录。', 'Paste a message to see what is unlawful and under which law. No account needed.')}</span></a>
      <a class="tile card" href="#/data"><strong>${t('公开投诉数据', 'Public complaint data')}</strong><span>${t('各机构被投诉的数量、按时答复率和满意度。', 'Complaints per institution, on-time answers and satisfaction.')}</span></a>
      <a class="tile card" href="#/login"><strong>${t('登录', 'Sign in')}</strong><span>${t('查看投诉进度、补充材料、评价答复。', 'Follow your complaint, add information, judge the answer.')}</span></a>
    </div>
    <aside class="safety" aria-label="${t('安全提示', 'Safety')}">
      <p><strong>${t('如遇人身威胁或暴力，请立即拨打 110 报警。', 'If you are threatened or in danger, call the police on 110 now.')}</strong></p>
      <p>${t('保留证据：短信截图（含号码和时间）、通话录音、聊天记录、上门照片。骚扰电话和短信可向 12321 举报。', 'Keep evidence: screenshots of messages with number and time, call recordings, chat logs, photos of visits. Report spam calls and texts to 12321.')}</p>
    </aside>
  </section>`);
}
