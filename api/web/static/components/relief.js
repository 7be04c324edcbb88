// The relief an institution's answer gives, as a list: what the complainant reads in the answer, and
// what the regulator's staff judge it by.

import { html } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { money, fmtDate } from '../core/format.js';

export function reliefList(r) {
  if (!r) return '';
  const items = [
    r.feeWaiverAmount ? t(`减免费用 ${money(r.feeWaiverAmount)}`, `Fees waived: ${money(r.feeWaiverAmount)}`) : null,
    r.repaymentPlan ? t(`分期还款：${r.repaymentPlan.instalments} 期，每期 ${money(r.repaymentPlan.instalmentAmount)}`, `Repayment plan: ${r.repaymentPlan.instalments} instalments of ${money(r.repaymentPlan.instalmentAmount)}`)
      + (r.repaymentPlan.firstDueOn ? t(`，首期 ${fmtDate(r.repaymentPlan.firstDueOn)}`, `, the first due ${fmtDate(r.repaymentPlan.firstDueOn)}`) : '') : null,
    r.repaymentPlan && r.repaymentPlan.deferredUntil ? t(`延期还款至 ${fmtDate(r.repaymentPlan.deferredUntil)}`, `Repayment deferred until ${fmtDate(r.repaymentPlan.deferredUntil)}`) : null,
    r.repaymentPlan && r.repaymentPlan.penaltyInterestWaived ? t(`减免罚息 ${money(r.repaymentPlan.penaltyInterestWaived)}`, `Penalty interest waived: ${money(r.repaymentPlan.penaltyInterestWaived)}`) : null,
    r.collectionStopped ? t('已停止催收联系', 'Collection contact stopped') : null,
    r.creditRecordCorrected ? t('已更正征信记录', 'Credit record corrected') : null,
    r.apology ? t('已赔礼道歉', 'Apology made') : null,
    r.collectorDisciplined ? t('已处理涉事催收人员', 'Collector disciplined') : null,
    r.agencyContractEnded ? t('已终止与催收机构的合作', 'Agency contract ended') : null,
  ].filter(Boolean);
  return items.length ? html`<ul class="relief">${items.map((x) => html`<li>${x}</li>`)}</ul>` : '';
}
