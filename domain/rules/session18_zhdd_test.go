package rules

import "testing"

// TestSession18ZhddDisputeRecall: disputes stated by mechanisms the pack had no slot for before
// session 18 (zhdd) (docs/RULES.md "Chinese, session 18 (zhdd)"): a loan that never reached the
// borrower with an adverb between, a surplus or a second loan disowned, a claimed borrowing against
// the complainant's smaller one, the contract's principal named field first, the sum demanded stated
// before the contract's, a dated settlement then a debt revived, a repayment shown successful and not
// credited. Texts phrased anew, not copied from the labelled sets; each fails on the pack before this
// session.
func TestSession18ZhddDisputeRecall(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"NeverReachedAdverb", "这笔借款压根就没有到过我的银行卡，平台却让我每个月还款", dispute, none},
		{"SurplusDisowned", "合同是两万，现在账上成了两万六，多出来的六千我坚决不认", dispute, none},
		{"SecondLoanDisowned", "系统里显示两笔借款，另一笔我从来没见过", dispute, none},
		{"ClaimedBorrowingVsOwn", "对方称我借了五万，我只借了一万", dispute, none},
		{"ContractPrincipalFieldFirst", "借款合同上的借款金额写的是六千，他们却说本金是九千", dispute, none},
		{"DemandBeforeContract", "要我还的总额是两万三，可借款合同里约定的还款总额是一万八", dispute, none},
		{"DatedSettlementRevived", "去年年底就结清了，结果又冒出来一笔余款要我处理", dispute, none},
		{"ShownSuccessfulNotCredited", "那次还款显示成功了，客服却说没收到我的还款", dispute, none},
	})
}

// TestSession18ZhddLookAlikes: no dispute of the debt (testdata/rules/README.md, "Paid off", "Fees"):
// a fee whose nature the complainant does not know is a fee complaint, paid off and then the time of
// the arrears, a late payer's credit record after settling; a claim after the payment and a loan
// never applied for beside a fee objection are still disputes (the guards).
func TestSession18ZhddLookAlikes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"FeeNatureUnknown", "这个月账单里有一项权益费，我压根就不知道是什么，借的时候也没人说", none, dispute},
		{"PaidThenButBefore", "我早就还清了所有借款，但是之前逾期那几个月催收天天骚扰我父母", none, dispute},
		{"LatePayerCreditRecord", "之前有一次逾期，后来都结清了，现在房贷被拒，银行说我征信上有逾期记录", none, dispute},
		{"GuardPaidThenClaimed", "我早就还清了，他们现在又说我还有一笔没还", dispute, none},
		{"GuardFeeThenNeverBorrowed", "服务费我有异议，而且那笔两千的借款我根本没有申请过", dispute, none},
	})
}
