package rules

import "testing"

// TestSession27ZhrealMechanisms: session 27 (zhreal), how real complainants state four types the
// held-out 黑猫 complaints missed, each in a fresh wording: a debt paid as agreed (a payment verb after
// 按约定, or on the agreed day) and then claimed again; the sum claimed differing from one telling to
// the next; a lost identity document used for a loan; a transfer or contract asked to be seen and not
// shown; a request to wait before calling, ignored; terms agreed down and more demanded, an agreement
// called void; only the borrower to be called, or after work; an identity asked and the caller hanging
// up or waving the question away; a repayment plan agreed is no stop request. Guards: part of the agreed sum paid, other dates
// differing, a lost document only replaced, a document shown, a wait respected, a promise broken by
// the caller ("说好了不再打了" is no payment).
func TestSession27ZhrealMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"PaidAsAgreedThenClaimed", "跟客服谈好一次性还八千就结清，我按约定把钱汇过去了，过了一周又有人打电话说我还欠三千。", dispute, none},
		{"PaidOnAgreedDayThenClaimed", "我在说好的那天转进去了，结果又收到短信说我逾期未还。", dispute, none},
		{"SumsDifferEachTelling", "催收、客服和app三个地方三个数，我到底欠多少也没人说得清。", dispute, none},
		{"EachCollectorOtherSum", "每个催收报的金额都不一样，今天说九千明天说一万二。", dispute, none},
		{"LostIDUsedForLoan", "这钱肯定是别人拿我丢的身份证弄的，我从来不用这个app。", dispute, none},
		{"AskedToSeeTransferRefused", "我要求看债权转让协议，对方一直拿不出来。", missing, none},
		{"AskedToWaitIgnored", "我请他们等我做完手术再联系，他们还是天天打。", stop, none},
		{"AgreedLessThenMore", "跟客服商量好了只还本金，结果他们又来要罚息。", dispute, none},
		{"AgreementCalledVoid", "我和银行签了停息挂账协议，现在催收却说协议作废了。", dispute, none},
		{"OnlyWithMeThenKin", "我跟平台讲过只同意和我本人联系，他们还是打给了我姐姐。", stop, none},
		{"CallMeAfterWorkIgnored", "我在车间上班接不了电话，晚上再打给我，他们照样白天一直打。", stop, none},
		{"IDAskedThenHungUp", "我说你先报一下你的工号，那边直接挂了。", unident, none},
		{"FirmAskedNoneOfYourBusiness", "我问他是哪个公司的，他说你管那么多干嘛。", unident, none},
		// guards
		{"PartOfAgreedSumPaid", "在约定的那天我转了一半，剩下的说好下周还，结果催收又来催了。", none, dispute},
		{"OtherDatesDiffer", "每个客服说的还款日都不一样，有点乱。", none, dispute},
		{"LostIDReplaced", "他拿我丢的身份证去派出所补办了一张。", none, dispute},
		{"LostWalletReturned", "朋友拿了我丢的钱包还给我了。", none, dispute},
		{"AskedToSeeAndShown", "我要求看借款合同，客服当天就发到我邮箱了。", none, missing},
		{"WaitRespected", "我请他们等我出院再联系，他们也确实等到我出院才打来。", none, stop},
		{"CallerPromiseIsNoPayment", "每次都说好了不再打了，可没隔两天又来。", none, dispute},
		{"AgreedLessThenOwnDefault", "协商好了只还本金，结果我又逾期了，他们要我还全部。", none, dispute},
		{"AgreementSaidInForce", "签了协议以后，客服说协议已经生效了。", none, dispute},
		{"CollectorWillCallLater", "他说下班后再打给我，结果晚上真的打了。", none, stop},
		{"QuestionNotAboutIdentity", "我问催收什么时候能减免，他说不用你管，先还钱。", none, unident},
		{"PlanAgreedIsNoStopRequest", "和平台协商一致分三个月还清，三期都按时还完了，结果又收到短信说我逾期。", dispute, stop},
	})
}
