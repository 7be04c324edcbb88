package rules

import "testing"

// TestSession28ZhfoldMechanisms: session 28 (zhfold), the types the independent blind set s27 (folded
// as batch A) showed missing, each in a fresh wording: "no money, go and sell" as an insult of
// prostitution; the debtor to be taken in (抓进去), his identity card frozen, his file passed to the
// police, his children barred from the civil service, a legal claim found to be only a scare; a
// caller declining to name the firm, saying his side is not a regular collector, or answering "which
// firm?" with "you know what you borrowed"; a bare overdue message leaving the lender unknown; an
// unexplained part of the sum, only the contract's sum owned, a loan not remembered; the debt known to
// the family; a third party told his friend's debt; a knock at the door of the home at night (敲我家大门). Guards: selling a house or car, a friend's joke,
// the complainant's own worry for his child, the complainant's own report to the police, a lost card
// replaced, a step said not to be a scare, a complainant who cannot tell which of his friend's
// lenders, a polite visit with credentials.
func TestSession28ZhfoldMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"NoMoneyGoSell", "我说这个月工资没发，催收回了一句没钱就去卖啊，还笑。", abuse, none},
		{"SendWifeToSell", "对方语音里说还不上就叫你媳妇出去卖。", abuse, none},
		{"TakenIn", "催收给我妈打电话说再不还我就要被抓进去了。", falseRep, none},
		{"IDCardFrozen", "他们说我的身份证明天就会被冻结，火车都坐不了。", falseRep, none},
		{"FilePassedToPolice", "催收员称已经把我的材料移交到经侦了。", falseRep, none},
		{"ChildrenBarred", "对方在电话里说，你不还钱，你儿子以后当兵政审都过不了。", falseRep, none},
		{"FoundOnlyAScare", "催收说下周就去法院立案，结果半年了什么都没有，原来是吓唬人的。", falseRep, none},
		{"FirmNotDisclosed", "打来的人说他是外包的，不方便告知公司名字。", unident, none},
		{"NotRegularCollector", "那人直接说我们又不是正规催收，别跟我讲法律。", unident, none},
		{"YouKnowWhatYouBorrowed", "我问他是哪家的，他说你欠了哪家自己不清楚吗。", missing, none},
		{"BareMessage", "短信只说了一句请尽快还款，我在四个平台都有借款，不知道是哪一家。", missing, none},
		{"UnexplainedExtra", "账单比合同多出了两千三，问客服也不清楚是什么钱。", dispute, none},
		{"OnlyContractSum", "他们要我还一万五，我只认借条上的八千。", dispute, none},
		{"LoanNotRemembered", "我根本没印象申请过这笔贷款，对方也拿不出合同。", dispute, none},
		{"FamilyKnows", "自从催收打了我舅舅电话，家里人都知道我欠网贷了。", privacy, none},
		{"FriendsDebtToThird", "我收到短信说您的同事李某在本平台逾期未还，请他尽快联系。", privacy, none},
		{"KnockAtNight", "晚上十一点半两个陌生男人来敲我家大门，说是来核实住址的。", hours, none},
		// guards
		{"SellHouse", "实在没钱就去卖房子吧，我自己也在考虑，想问能不能先停息。", none, abuse},
		{"FriendJoke", "我朋友开玩笑说没钱就去卖啊，我知道他是逗我的。", none, abuse},
		{"OwnWorryForChild", "我担心以后孩子考编会不会受我征信影响，想咨询一下。", none, falseRep},
		{"OwnReportToPolice", "我已经把催收的号码和录音提交给派出所了。", none, falseRep},
		{"LostCardReplaced", "我的身份证上个月丢了，已经补办好了。", none, falseRep},
		{"NotAScare", "客服说逾期可能会被起诉，我知道这不是吓唬人，我会按时还。", none, falseRep},
		{"FriendsLenderUnknown", "我朋友借了网贷不还，我也不知道是哪个平台的。", none, missing},
		{"PoliteVisit", "两位工作人员上门前打了电话，上门后出示了工作证，态度挺好，我们谈了分期。", none, visit},
	})
}
