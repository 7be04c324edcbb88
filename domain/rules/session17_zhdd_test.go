package rules

import "testing"

// TestSession17ZhddDisputeRecall: disputes stated by mechanisms the pack had no slot for before
// session 17 (zhdd) (docs/RULES.md "Chinese, session 17 (zhdd)"): a claim answered by "but I had
// already paid", a guarantor role claimed and denied, a refund requested or made and the instalments
// still demanded, an own small loan against a larger loan or principal claimed, money in the account
// and an overdue recorded, money paid in and "not debited". Texts phrased anew, not copied from the
// labelled sets; each fails on the pack before this session.
func TestSession17ZhddDisputeRecall(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"ClaimThenAlreadyPaid", "催收称我还差一期没还，可我已经都还完了", dispute, none},
		{"ClaimThenAllSettled", "银行说我欠三期，可是我已经全部结清了", dispute, none},
		{"GuarantorDenied", "对方非说我是那笔网贷的保证人，可我从来没给任何人做过担保", dispute, none},
		{"RefundThenStillDemanded", "我当时已经办理了退课，分期公司还是一直要我按月还", dispute, none},
		{"OwnLoanVsClaimedLoan", "我明明只借过一笔三千，他们却说我有一笔三万的借款", dispute, none},
		{"PrincipalClaimed", "借款时本金是四千，现在催收却称本金为八千", dispute, none},
		{"BalanceThenOverdueRecorded", "还款前一天卡里的余额也是够的，平台却给我记了一次逾期", dispute, none},
		{"PaidInNotDebited", "我把钱存进了还款卡里，第二天平台说没扣到", dispute, none},
	})
}

// TestSession17ZhddPaidOffNoDispute: paying off is no dispute by itself (testdata/rules/README.md,
// "Paid off"): the bare paid-off phrase is excepted when the text turns to the time before it (the
// collection happened while the debt was owed) or to a question; a claim made after the payment is
// still a dispute (the guards).
func TestSession17ZhddPaidOffNoDispute(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"PaidThenTheTimeBefore", "我的网贷早已还清了，当时逾期的时候催收骂得很难听", none, dispute},
		{"PaidThenQuestion", "借款已经结清了，只是想问一下征信多久更新", none, dispute},
		{"OverdueThenPaid", "之前因为生病逾期了几天，后来已经还清了，就是想投诉那个催收员的态度", none, dispute},
		{"GuardPaidThenClaimed", "我早就已经还清了，现在又有人打电话说我欠款没还", dispute, none},
		{"GuardPaidStillChased", "我已经结清了这笔借款，却还在催我还钱", dispute, none},
	})
}
