package rules

import "testing"

// TestZHSession9Mechanisms: the session 9 mechanisms (docs/RULES.md "Chinese, session 9"), one or more
// cases each, phrased anew for the test (not copied from the blind batches): scopes for hearsay about
// someone else's own case, fear and later days; items then refusal; whose phone and whose debt; and the
// look-alikes that must stay clear (a visit announced, one's own door, a question about a mishap).
func TestZHSession9Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		// scopes: another person's own case told to the complainant; fear; a later day
		{"FriendsOwnLoan", "我同学跟我说他借了这家的钱，催收直接上门堵他了", none, visit},
		{"CousinsOldCollector", "我堂哥说他以前的催收扬言要卸他一条腿", none, threat},
		{"ManyOnline", "网上很多人说这家会爆通讯录，给联系人发短信", none, privacy},
		{"FearOfAVisit", "我现在每天都怕他们找到我租的房子来", none, visit},
		{"VisitArrangedLater", "客服说过几天会安排同事上门核实一下情况", none, visit},
		{"VisitMayBeArranged", "对方说可能会派工作人员外访", none, visit},
		{"OwnDoor", "我走到家门口才看到手机里一堆未接来电", none, visit},
		{"VisitAsLaw", "外访催收是违规的，希望银行管一管", none, visit},
		{"KnockedForReal", "前天夜里有人砸我家门，喊着让我还钱", visit, none},
		// missing disclosure: items then refusal, whose debt, a personal payee
		{"HowComputedNotSaid", "一万多是怎么算的也不跟我说，只让我赶紧转", missing, none},
		{"WhichLoanUnknown", "我连欠的是哪家平台的钱都不清楚，他们也不讲", missing, none},
		{"ExplainNotNeeded", "我要求他们给明细，他们说不用和我解释", missing, none},
		{"DetailsAfterPayment", "让他们把每一期的明细发我，说要先还清了才能给", missing, none},
		{"OnlyCollecting", "我问他们要减免协议作废的依据，他说他只负责催收", missing, none},
		{"PersonalPayeeHanded", "他发给我一个私人银行卡号，让我转账", missing, none},
		{"RecipientIsDebtor", "我让他们把合同发给我看一下", none, privacy},
		// collectors who do not say which platform
		{"PlatformNotSaid", "打来的人不说是哪家平台，只让我今天处理", unident, none},
		{"CannotSay", "问他是什么机构的，他说这个不能说", unident, none},
		// third parties: whose phone, a relative's debt, staff
		{"GotCousinsNumber", "他们不知道从哪查到了我表姐的电话，给她打了好几次", third, none},
		{"HusbandsPhoneRang", "半夜我爱人的手机也接到了催收电话", third, none},
		{"EmployeeAsked", "我们店里老是有人打电话来找我们的一个员工要账", third, none},
		{"ExBorrowed", "借款人其实是他，我们早就离婚了，催收却天天找我", third, none},
		{"PostedAtTheDoor", "他们在我家门上贴了张纸条，写着欠债不还", privacy, none},
		{"ToldTheSum", "他们联系了我舅舅，把我借的钱数都告诉他了", privacy, none},
		{"BossWasTold", "我们主管被告知我在外面有欠款", privacy, none},
		{"CompanyAskedToUrge", "他们打到我公司，让我们领导督促我还钱", privacy, none},
		// stop requests and promises for a period
		{"PromiseForThePeriod", "说好了分期期间不会再催，可这周又有别的公司的人打电话来", stop, none},
		{"RaisedNotToCall", "我提出不要打给我父母，客服也答应了。可第二天就又给我们的老家打了", stop, none},
		// hours and counts
		{"HolidayDaysOff", "五一假期也不消停，一直在打", hours, none},
		{"HolidayMorning", "正月初一一早，催收就打电话过来了", hours, none},
		{"BurstOfCalls", "他们一连打了八个电话", excess, none},
		{"TickedService", "办卡的时候默认勾选了一个保险，每个月扣我钱", fees, none},
		// disputes
		{"NeverUsedPlatform", "我从来没下载过这个app，怎么会欠他们钱", dispute, none},
		{"NeverReceived", "我没有收到过这笔贷款，现在却让我还", dispute, none},
		// session 38 (zh38): a relative who says the debt is the borrower's says who the writer is, not
		// that the debt is disputed (thirteen independent writers: not DEBT_DISPUTE); it is one when the
		// collector holds the writer to be the debtor
		{"RelativesDebtNotMine", "钱是我弟弟借的，跟我没有任何关系", none, dispute},
		{"RelativesDebtClaimedMine", "钱是我弟弟借的，跟我没有任何关系，催收却硬说我是借款人", dispute, none},
		{"DebitFailedThenOverdue", "那个月银行扣款没成功，我马上补上了。平台却说我逾期了", dispute, none},
		{"OnlyBorrowed", "他们说我欠两万多，可我总共只借了八千", dispute, none},
		{"TheySayNotThePerson", "催收说不是本人接的电话就不算数", none, dispute},
		// precision in abuse and threats
		{"MotherAsSubject", "催收说你妈在哪上班我们都知道", none, abuse},
		{"AshamedMyself", "现在我都没脸见亲戚了", none, abuse},
		{"AskedWhatHappened", "我同事打电话来问我出了什么事", none, threat},
	})
}
