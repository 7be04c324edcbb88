package rules

import "testing"

// TestSession16ZhDisputeScope: what is no dispute of the debt, each beside a guard that must still be
// flagged (docs/RULES.md "Chinese, session 16 (zh)"): an objection to a fee or to the interest is
// UNLAWFUL_FEES; a relative named as the borrower makes the complainant a third party; a payout below
// the contract is a fee. Texts phrased anew, not copied from the labelled sets.
func TestSession16ZhDisputeScope(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"InterestObjected", "我对这笔借款的罚息有异议，一天就收了五十", none, dispute},
		{"GuardAmountObjected", "我对他们报的欠款金额有异议，跟我自己算的差了三千", dispute, none},
		{"GuardSettledClaimed", "这笔钱上个月已经还清了，今天又有人打电话说我逾期", dispute, none},
		{"RelativeBorrower", "借钱的是我表弟，他把我填成了联系人，钱又不是我借的凭什么天天打给我", none, dispute},
		{"GuardNotMine", "我从来没有在这个平台借过钱，也没有收到过任何放款", dispute, none},
		{"PayoutBelowContract", "授信金额与实际放款金额不符，利息还照全额算", none, dispute},
	})
}

// TestSession16ZhDisputeRecall: disputes as borrowers state them that the pack missed before session
// 16 (zh): the last instalment or every instalment paid, payment on the due date then an overdue,
// a claim answered by a full term paid, the contract's sum against the sum demanded, an account the
// complainant never opened, a surplus nobody can explain.
func TestSession16ZhDisputeRecall(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"LastInstalmentPaid", "最后一期也已经扣了，现在又说我还有一期没还", dispute, none},
		{"DueDatePaid", "还款日当天中午我就还了，系统却显示我逾期一天", dispute, none},
		{"FullTermAnswers", "客服说我还要再还两期，可我明明已经还满24期了", dispute, none},
		{"NeverOverdueClaimed", "我每个月都是自动扣款从没断过，现在却说我欠了两期", dispute, none},
		{"ContractVsDemand", "按借款合同我一共应该还九千六，现在他们要我还一万二", dispute, none},
		{"AccountNotMine", "那个借款账户压根不是我开的", dispute, none},
		{"SurplusUnexplained", "多出来的三千块不清楚是怎么来的", dispute, none},
	})
}

// TestSession16ZhOmissionAndIdentity: omissions and hidden collectors with words between the parts
// (一份完整的账单, 任何债权转让的通知, the object first) and organisation nouns beyond 公司/平台.
func TestSession16ZhOmissionAndIdentity(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"NoCompleteStatement", "到今天也没有给过我一份详细的还款明细", missing, none},
		{"TransferNeverNotified", "我从来没有接到过任何关于债权转让的书面通知", missing, none},
		{"ContractObjectFirst", "借款合同我至今都没有见过", missing, none},
		{"MessageWithoutName", "催收短信里没有任何平台名称，只让我尽快处理", missing, none},
		{"GuardLawfulReminder", "银行短信写明了欠款金额、还款账户和客服电话，提醒我按时还款", none, missing},
		{"WhichCentreWithheld", "对方说是调解员，问他是哪个调解中心的也不说", unident, none},
		{"LenderOrOutsourcer", "不清楚这到底是平台的人还是外包的", unident, none},
		{"GuardNamedAgent", "催收员报了姓名、工号和公司全称，说是受银行委托", none, unident},
	})
}
