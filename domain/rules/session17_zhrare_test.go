package rules

import "testing"

// TestSession17ZhRare: session 17 (zhrare), the rare Chinese types by class. Unidentified callers:
// numbers that are never the same (每天都是不一样的号码), many unknown numbers (好多陌生来电), a firm
// looked up that does not exist, a caller who names an identity and cannot prove it, an identity
// item asked for and refused (对方拒绝, 不方便透露), not knowing which firm or whether the caller is the
// lender's. Omissions: nothing shown or issued to the complainant, an item never stated (怎么算的从来
// 不说), not knowing whom the money is owed to, a personal account to pay into, a document named and
// then never seen. Stop requests: "call again later" (过段时间再打), contact by letter only. Hours: 七点
// 不到 (the hour before its bound). Precision: the noun 催收 after 的 (这样的催收方式) is no continued
// contact, the collector blocking the complainant (把我拉黑了) or naming itself a 调解中心, the
// collector's own 律师函 or announced lawyer are no stop request. The guards are look-alikes with no such violation.
func TestSession17ZhRare(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"NumbersNeverSame", "这个月每天都是不一样的号码打过来催我还款。", unident, none},
		{"ManyUnknownCalls", "最近每天好多陌生来电，接起来都是催我还钱的。", unident, none},
		{"FirmDoesNotExist", "说是平台的合作机构，结果我查了根本没有这家机构。", unident, none},
		{"ClaimUnproven", "打电话的人自称是银行委托的专员，却拿不出任何证明。", unident, none},
		{"AuthorisationRefused", "我要求对方出示平台的委托书，对方直接拒绝了。", unident, none},
		{"FirmNameNotDisclosed", "我问他们律所名称和执业证号，他说不方便透露。", unident, none},
		{"WhichFirmUnknown", "到底是哪个催收公司打的我根本不知道。", unident, none},
		{"LenderOrOutsider", "打电话的人我也搞不清是平台的还是外面的。", unident, none},
		{"ItemsNoneGiven", "工号和名字他一个都报不出来，就让我还钱。", unident, none},
		{"NothingShown", "催收一直说我欠钱，可从来没有给我看过任何欠款凭证。", missing, none},
		{"NothingIssued", "平台至今没有给我出具任何还款明细。", missing, none},
		{"OwedToWhom", "我到现在都不清楚这笔钱是欠谁的。", missing, none},
		{"PersonalAccount", "给我的还款账号是一个私人账户，并不是平台的对公账户。", missing, none},
		{"ItemNeverStated", "利息是怎么算的他们从来不说，只让我还。", missing, none},
		{"ContractNotSeen", "借款合同我从来没签过，也没见过。", missing, none},
		{"NobodyMadeClear", "我到底欠了多少钱，一直没有人跟我说清楚。", missing, none},
		{"CallLaterThenNextDay", "我跟催收说我在住院，让他们过段时间再打，可他们第二天又打了。", stop, none},
		{"LettersOnlyThenCalls", "我要求他们以书面形式联系我，他们仍然每天电话骚扰。", stop, none},
		{"BeforeSevenPostposed", "七点不到就打电话过来催款。", hours, none},
		// guards
		{"IdentifiedAgent", "催收员自称是某某公司的，报了工号，还发了委托书给我看。", none, unident},
		{"OwnNumberChanged", "我换了一个不一样的号码，他们就联系不上我了。", none, unident},
		{"OwnCardToPay", "还款账户是我个人的银行卡，每个月自动扣款。", none, missing},
		{"ContractSeen", "借款合同我看过，利息写得很清楚。", none, missing},
		{"NounCollectionNoContact", "我把催收的号码拉黑了。但是这样的催收方式太让人难受了。", none, stop},
		{"CollectorBlockedMe", "我让他报一下工号，他直接把我拉黑了。但是这样的催收方式太让人难受了。", none, stop},
		{"CollectorsLawyerLetter", "逾期后银行给我寄了律师函，写明了欠款金额。现在催收每天打电话。", none, stop},
		{"NineAtNight", "晚上九点多接到一个催收电话，提醒我还款。", none, hours},
	})
}
