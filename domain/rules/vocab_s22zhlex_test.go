package rules

import "testing"

// TestSession22ZhlexChineseVocabulary: session 22 (zhlex). The weak types read against a borrower's
// own words for them, not against labelled texts: a debt paid off said other ways (SETTLED: 平账,
// 账平了, 结过了, 付清, 全部偿还), identity misused (MISUSE_ZH: 冒名, 拿去), a loan never taken named
// first (这个贷款我从来没有办理过); a caller who hides behind a vague department (VAGUE_ORG_ZH: 第三方),
// a masked line (HIDDEN_LINE_ZH: 显示未知) or a refusal (REFUSE: 不肯透露); a notice without a
// signature (NOTICE_ITEM_ZH: 落款) or a repayment channel, a creditor not named (替谁催收); a
// complaint as the stop request, contact that ignores it (IGNORED_ZH: 一条接一条). Guards: the
// borrower's own intent to close or pay, their own lack of a channel, an impostor of a friend,
// money a friend lost, the payoff paperwork asked for.
func TestSession22ZhlexChineseVocabulary(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"AccountBalanced", "账早就平了，还说我欠钱", dispute, none},
		{"BalancedWithLender", "我跟平台已经平账了，现在又来催", dispute, none},
		{"BankSaysBalanced", "银行说账已经平了，催收公司还打电话要钱", dispute, none},
		{"SettledBefore", "那笔我结过了，他们还在催收", dispute, none},
		{"ThisMoneyPaid", "这钱我付清了的，现在又说我没还", dispute, none},
		{"PaidInFullStillChased", "欠款我上个月已全额还款，还是天天有人催", dispute, none},
		{"NothingOwedAnyMore", "我已经不欠他们一分钱了，还在打电话", dispute, none},
		{"SomeoneBorrowedInMyName", "有人冒名在这个平台借了钱，我根本不知道", dispute, none},
		{"PaidLongAgoNoRecord", "早就还了，他们说没有记录", dispute, none},
		{"ClearlyPaid", "明明还过了，还说我逾期", dispute, none},
		{"RepaidInFull", "借款已经全部偿还，还收到催收短信", dispute, none},
		{"LoanNeverTaken", "这个贷款我从来没有办理过，不知道怎么就有了", dispute, none},
		{"TakenToBorrow", "我的信息被人泄露了，被人拿去贷了款", dispute, none},
		{"JobNumberWithheld", "问他工号，他不肯透露", unident, none},
		{"OnlyThirdParty", "对方只说是第三方，其他什么都不说", unident, none},
		{"WhereFromNotSaid", "打电话的人说话含糊，不说自己是哪的", unident, none},
		{"NumberShownUnknown", "号码显示未知，接了就让我还钱", unident, none},
		{"NoChannelGiven", "也不给还款渠道，就让我转账", missing, none},
		{"CreditorNotNamed", "没说是替谁催收的", missing, none},
		{"NoSignature", "催款短信没有落款", missing, none},
		{"NoWayToRepay", "没有任何还款方式，只给了个电话", missing, none},
		{"AfterComplaint", "投诉后还在打电话催", stop, none},
		{"AfterComplaintTo12378", "在12378投诉之后还是有人打电话", stop, none},
		{"MessagesOneAfterAnother", "跟他们说过不要再发短信，短信还是一条接一条", stop, none},
		// guards
		{"WantsToCloseAccount", "我想销户，客服说要先还清欠款", none, dispute},
		{"PlansToBalance", "我准备下个月把账平了，现在催收天天说我逾期", none, dispute},
		{"FriendImpostor", "有人冒充我朋友借钱，我已经报警了", none, dispute},
		{"FriendGambledLoan", "我借钱给朋友，被他拿去赌博了，现在我还不上网贷", none, dispute},
		{"PayoffPaperwork", "客服说还清了才能告诉我怎么开结清证明", none, missing},
		{"OwnChannelGone", "我没有还款渠道了，app下架了，想还都还不了", none, missing},
		{"HonouredStop", "他们答应不再催收之后，确实没有再打了", none, stop},
	})
}

// TestSession22ZhlexEnglishVocabulary: session 22 (zhlex). The US pack's paid-off words as a class
// (SETTLED_EN: zeroed out, squared away, closed with a zero balance), a zero balance, the agreed
// settlement paid, a payment taken twice; a masked line or a hang-up at "who are you"; the sum never
// told. Guards: a doubled instalment, an account closed out, a payoff question.
func TestSession22ZhlexEnglishVocabulary(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"ZeroBalanceEN", "I have a zero balance with the original creditor and they are still collecting.", dispute, none, ""},
		{"SquaredAwayEN", "That account was squared away years ago and they keep calling.", dispute, none, ""},
		{"AgreedSettlementPaidEN", "I paid the settlement amount we agreed on and now they say I owe the rest.", dispute, none, ""},
		{"ChargedTwiceEN", "They charged my card twice for the same payment and now say I am late.", dispute, none, ""},
		{"PrivateNumberHangUpEN", "They call from private numbers and hang up when I ask who they are.", unident, none, ""},
		{"AmountNeverToldEN", "They never told me the amount of the debt.", missing, none, ""},
		// guards
		{"DoubledInstalmentEN", "They counted my partial payment as the first one, which made the last one a double payment.", none, dispute, ""},
		{"ClosedOutEN", "Then the account was closed out and sent to different companies.", none, dispute, ""},
		{"PayoffQuestionEN", "I called to ask how much I needed to pay to settle the account and they told me the amount.", none, dispute, ""},
	})
}
