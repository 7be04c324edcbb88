package rules

import "testing"

// TestSession23ZhddMechanisms: session 23 (zhdd), Chinese disputes by mechanism. A plan kept by
// instalments (按月还了) and then not recognised; a court's or mediator's paper as the contract a demand is set
// against; a sum demanded with 催 against the smaller sum borrowed or left (不到); another person's
// debt demanded and disowned in the next sentence; an account said to be current and the whole
// balance demanded at once; terms the borrower never agreed to; transactions or loans that
// appeared on the account; money never reaching the borrower's card with words between.
func TestSession23ZhddMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"PlanKeptNotRecognised", "跟平台说好分三期，我按月还了两期，现在他们不承认这个方案了。", dispute, none},
		{"CourtPaper", "银行现在要的钱跟判决书上写的完全不一样。", dispute, none},
		{"DemandWithCui", "催收催我还款两万，可我一共只借过五千。", dispute, none},
		{"LeftUnder", "他们说我欠九千，我算了一下剩下的不到两千。", dispute, none},
		{"OthersDebtNextSentence", "催收说这是夫妻共同债务要我还。那都是他一个人借的。", dispute, none},
		{"CurrentAccelerated", "我的账户一直是正常的。催收却要求我一次性还清剩余的分期。", dispute, none},
		{"NeverAgreedExtension", "贷款期限被改长了，我从来没有同意过延期。", dispute, none},
		{"TransactionsAppeared", "这个月的账单里冒出来两笔网购消费。", dispute, none},
		{"MoneyNeverOnCard", "借款一直没有打到我绑定的农业银行卡上。", dispute, none},
		// guards
		{"PaidOffNothingClaimed", "我的贷款已经还清了，想问问多久可以再借。", none, dispute},
		{"OthersPaidThisLate", "以前借过的几个平台都已经还清了，这次是真的没钱了。", none, dispute},
		{"NeverAgreedContact", "我没有同意过他们给我家人打电话。", none, dispute},
		{"DemandOwned", "催我还款三千，我知道是我欠的，下个月发工资就还。", none, dispute},
		{"CurrentOwnPlan", "账户一直正常，我打算下个月一次性还清剩余分期。", none, dispute},
		{"FeeAppeared", "账单里每个月都多了一笔会员费，我没开通过会员。", none, dispute},
	})
}
