package rules

import "testing"

// TestSession16ContactAfterStop: session 16 (cas). A stop request joined to the contact that follows
// it in the next sentences, in both languages: a voicemail left after a cease and desist, calls that
// "have not let up", contact "the following week" or "days later", a signed repayment agreement
// (签了还款协议) followed by more calls. The guards: a request whose own object is the contact
// ("asking them to stop calling me at work") with nothing after it, contact with no request,
// blocking a number and a new number calling (拉黑…换号: no request was made), and a settlement
// agreed and paid followed by a new collector (a dispute, not a stop request).
func TestSession16ContactAfterStop(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"VoicemailAfterCeaseEN", "My lawyer faxed them a cease and desist. A month later their office left me another voicemail about the balance.", stop, none, ""},
		{"CallsHaveNotLetUpEN", "I revoked consent for calls to my cell in writing. The calls have not let up at all.", stop, none, ""},
		{"FollowingWeekEN", "I asked the company in writing to stop contacting me. The following Tuesday somebody from there rang my house phone.", stop, none, ""},
		{"DaysLaterTextedEN", "I told the agent over the phone that I did not want to be contacted anymore. Three days later they texted my cell.", stop, none, ""},
		// guards
		{"StopAtWorkRequestOnlyEN", "I mailed a letter asking them to stop calling me at my job, and that was the end of it.", none, stop, ""},
		{"ContactOnlyEN", "The agency called me once in May about a hospital bill and was polite about it.", none, stop, ""},
	})
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"SignedAgreementThenCallsZH", "我跟平台签订了分期还款协议，一直按月在还。这两天催收公司还是天天打电话让我一次还清。", stop, none},
		// guards
		{"BlockedThenNewNumberZH", "我把那个催收号码屏蔽了，结果他们又用新的号码打来。", none, stop},
		{"SettledThenNewCollectorZH", "前年跟银行协商好减免利息一次性还清了，今年又有一家催收公司打电话说我还欠钱。", none, stop},
		{"RequestOnlyZH", "我已经书面要求平台停止催收，目前还在等他们处理。", none, stop},
	})
}
