package rules

import "testing"

// TestSession20ZhddDisputeRecall: disputes as real borrowers word them, by class, that the pack
// missed before session 20 (zhdd) (docs/RULES.md "Chinese, session 20 (zhdd)"): never borrowed
// from a named party with words between, a transaction not made by the complainant, a platform never
// heard of, only the sum received acknowledged, the complainant's own loan against a larger one
// claimed, no dealings at all, a borrowing the collector wants admitted, a settlement then still
// claimed or debited, a refund never returned and the loan counted overdue, the term of a contract
// changed. Texts phrased anew, not copied from the labelled sets; each fails on the pack before this
// session.
func TestSession20ZhddDisputeRecall(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"NamedPartyWordsBetween", "本人从未在中银消费金融办理过任何贷款", dispute, none},
		{"NamedPartyAfterVerb", "我从未办理过宜信普惠的任何贷款", dispute, none},
		{"NamedPartyHadAny", "本人并未在某某消费金融有限公司有过任何借款，为什么催我", dispute, none},
		{"TransactionNotMade", "账单里那几笔网购我没有消费过这笔，银行让我还", dispute, none},
		{"PlatformNeverHeard", "说我在什么钱包有欠款，这个平台我听都没听说过", dispute, none},
		{"OnlySumReceived", "合同写两万，到账一万六，我只认到手的一万六", dispute, none},
		{"OwnLoanThenLargerClaimed", "我借的是三千，催收却说我借了六千", dispute, none},
		{"NoDealingsAtAll", "我和这家消费金融没打过任何交道，凭什么找我", dispute, none},
		{"NoRelationAtAll", "我跟这家网贷一点关系都没有，为什么找我还钱", dispute, none},
		{"AdmitBorrowingDemanded", "催收非要我承认在他们那里借过钱，我压根就没借", dispute, none},
		{"SettledMoneyPaidInStillOwing", "说好把两万还进去就销卡，钱我还进去了，现在账单显示还欠着", dispute, none},
		{"RefundNotReturnedOverdue", "退货的退款一直没退回来，现在反而算我逾期", dispute, none},
		{"ContractTermChanged", "合同上明明是24期，后来莫名变成48期了", dispute, none},
	})
}

// TestSession20ZhddLookAlikes: no dispute of the debt (testdata/rules/README.md, "Paid off", "Fees"):
// a first-time borrower's "never borrowed before"; a plea to reduce, a wish to pay in instalments.
// Guards: "never borrowed" that answers a claim, and a claim made after the settlement, are disputes.
func TestSession20ZhddLookAlikes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"FirstTimeBorrower", "以前从没借过网贷，这次因为孩子住院才借的，结果逾期了催收天天打电话", none, dispute},
		{"PleaToReduce", "本人失业了实在还不上，希望平台减免一部分罚息，本金我会分期还", none, dispute},
		{"GuardNeverBorrowedClaimed", "我从来没借过网贷，他们却说我欠了八千", dispute, none},
		{"GuardSettledThenDebited", "我已经全部还清了，还清后他们还继续扣我的钱", dispute, none},
	})
}
