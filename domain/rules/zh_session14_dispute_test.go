package rules

import "testing"

// TestZHSession14Dispute: the session 14 (zhdispute) mechanisms for disputes, omissions and fees
// (docs/RULES.md "Chinese, session 14 (zhdispute): mechanisms for disputes, omissions and fees"),
// phrased anew for the test (not copied from the blind batches): a settled basis (a figure paid, a
// mediation, an agreement) then a re-collection or an agreement called void; a record shown settled
// against a claim; a recycled number; a contract sum then a changed instalment; a negated hearsay cue
// (没听说过) that no longer weakens the evidence after it; the creditor unknown, a payee class, charges
// never itemised, a blank field, refusals as 给不了 / 被拒绝; a fee judged excessive, a paid product as
// the payout's condition, a short term annualised; and the look-alikes that are no dispute (a debit
// failed for the borrower's own empty account, a settlement the lender certified, a double debit
// already refunded, an old loan set against a new one, a relative's loan).
func TestZHSession14Dispute(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// DEBT_DISPUTE: a settled basis, then the debt claimed again
		{"PaidTheQuotedFigure", "客服报给我的一次性结清是5300，我照那个金额转了，半年后竟然接到电话说还欠六百多", dispute, none},
		{"MediationThenChased", "这笔账去年经过法院和解已经履行完毕，今年又有人打电话来催款", dispute, none},
		{"AgreementCalledVoid", "我按分期协议还了半年，现在他们称那份协议作废，要我全额还", dispute, none},
		{"LenderDisowns", "客服答应减免利息，我当天就按减免后的数还清了，后来银行却不认可", dispute, none},
		{"RecordShowsSettled", "非说我欠他们钱，我调了征信报告，上面全是已结清的记录", dispute, none},
		{"RecycledNumber", "说我借钱不还，这个号码我去年才换的，以前谁在用我不知道", dispute, none},
		{"InstalmentChanged", "合同上写着分24期，每期620。可从上个月起扣款成了每期980", dispute, none},
		{"ShownPaidThenClaimed", "app里明明显示本期已还款，催收却说我这期还没还", dispute, none},
		{"NeverHeardOfThePlatform", "这个平台我听都没听说过，他们却一口咬定我在那借了八千", dispute, none},
		{"TimeBarred", "这笔钱早就超过诉讼时效了，还天天来要", dispute, none},
		// DEBT_DISPUTE: look-alikes
		{"OwnEmptyAccount", "这个月卡里钱不够，扣款失败了，我隔天补上了", none, dispute},
		{"OwnCardCancelled", "是我自己换了工资卡没改绑定，才扣款失败的", none, dispute},
		{"SettledAndCertified", "去年已经还清了，银行也出具了结清证明，想问征信多久更新", none, dispute},
		{"DoubleDebitRefunded", "那天被重复扣了一次款，第二天客服就给我退回了", none, dispute},
		{"OldLoanNewLoan", "上次借的早就还清了，这次是新借的，确实逾期了几天", none, dispute},
		{"BrotherIsTheBorrower", "是我表哥借的网贷，我告诉他们我不是借款人，他们还天天打我电话", none, dispute},
		// MISSING_DISCLOSURE
		{"WhomToPay", "打电话的公司和我借钱的平台不是一家，我根本不知道钱该给谁", missing, none},
		{"TransferNeverNotified", "从没收到过任何通知说这笔债已经转让给别的公司", missing, none},
		{"PayeeCompany", "他给的收款账户户名是个什么商贸公司，跟放款的平台完全不一样", missing, none},
		{"NeverItemised", "罚息和手续费分别多少，账单上从来没有列出来", missing, none},
		{"OnlyATotal", "问了三次，客服只能给一个总数", missing, none},
		{"NowhereToDownload", "合同在app里没有地方可以下载", missing, none},
		{"BlankField", "那份合同上利率一栏是空白的", missing, none},
		{"CannotGiveBreakdown", "我让客服把每期的明细发给我，客服说给不了", missing, none},
		{"DisclosedIsFine", "合同和账单在app上随时能看，欠款金额也写得清楚", none, missing},
		// UNLAWFUL_FEES
		{"FeeJudgedExcessive", "本金两千，光滞纳金就收了五百，这个收费简直离谱", fees, none},
		{"ProductBeforePayout", "必须先充一个399的会员才能放款", fees, none},
		{"NoBuyNoPayout", "客服说不开通保障服务就不给下款", fees, none},
		{"ShortTermAnnualised", "借了2000，期限14天，到期要还2400", fees, none},
		{"FeeOverTerm", "借了1500，借期一周，服务费就要150", fees, none},
		{"OrdinaryRateIsFine", "借款一万，期限12个月，一共还10800，利率合同上写得很清楚", none, fees},
	})
}
