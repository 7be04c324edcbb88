package rules

import "testing"

// TestSession20ZhRare: session 20 (zhrare), the rare Chinese types by class. False representation: a
// legal step claimed (仲裁, 告上法庭, 走法律程序) and then refuted (没有任何仲裁, 从没收到过任何仲裁通知),
// the blacklist by any verb of reporting (上报到征信黑名单), the family's future barred; a real summons
// the complainant confirms (确实收到了…传票, 案号都有) is none. Unidentified callers: an organisation
// of unknown origin (不知道哪里来的调解中心), numbers dropped after one use. Omissions: a receipt never
// given (连个收据都没有), the creditor asked for and "他们不说", items and then 一概不知. Stop requests:
// "go and sue me" (让他们去起诉, 你们去告我吧), 以后别给我打电话, 别天天打电话. The guards are
// look-alikes with no such violation.
func TestSession20ZhRare(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"CourtClaimRefuted", "他们说已经把我告上法庭了，我查了没有任何案件。", falseRep, none},
		{"ArbitrationClaimRefuted", "催收说已经向仲裁委提交了仲裁申请，可是我从来没收到过任何仲裁通知。", falseRep, none},
		{"LegalProcedureRefuted", "对方声称已经走了法律程序，我去法院问了，根本没有任何立案。", falseRep, none},
		{"BlacklistReported", "对方说再不还款就把我上报到征信黑名单。", falseRep, none},
		{"FamilyFutureBarred", "催收说我再不还，以后家里人都不能考公务员。", falseRep, none},
		{"AgencyOfUnknownOrigin", "一个不知道哪里来的调解中心天天打电话给我。", unident, none},
		{"NumbersDroppedAfterOneUse", "他们用的号码乱七八糟，一个号打一次就不用了。", unident, none},
		{"ReceiptNeverGiven", "钱转过去以后连个收据都没有。", missing, none},
		{"CreditorAskedTheyWontSay", "我问钱是欠谁的，他们不说。", missing, none},
		{"ItemsUnknownAltogether", "金额是多少、怎么构成的，一概不知。", missing, none},
		{"GoAndSueMe", "我都说了让他们去起诉我，他们还是天天发短信。", stop, none},
		{"FromNowOnDoNotCall", "我说以后别给我打电话了，有事发短信。结果当天下午又打了三个。", stop, none},
		{"NotEveryDay", "我跟他们说了别天天打电话了。可是过了两天又开始打。", stop, none},
		// guards
		{"SummonsConfirmed", "我上个月确实收到了区法院寄来的传票，是平台起诉我的，想问能不能庭外和解。", none, falseRep},
		{"CaseNumberReal", "平台起诉了我，法院的传票上案号都有，我也查到了。", none, falseRep},
		{"SarcasticSoCalled", "让我联系他们的催收专员，所谓的专员打过去态度更硬。", none, unident},
		{"StopClosingWish", "希望以后别给我打电话了，我会尽快还款。", none, stop},
		{"OwnReceiptKept", "还款的收据我都留着。", none, missing},
	})
}
