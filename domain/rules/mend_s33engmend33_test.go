package rules

import "testing"

// TestSession33Engmend33ToldWriterCaller: session 33 (engmend33), review mend of
// PRIVACY_DISCLOSURE.s33-told-writer-zh: the caller must be the collector's side and the writer the
// one told; the writer (or a lawyer) calling the collector about a relative's debt, a friend or
// relative calling about his own debt, the police or a court calling are none.
func TestSession33Engmend33ToldWriterCaller(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"CollectorToldLandlord", "本人是房东，催收公司的人连着两天打我电话，称我的租客借了他们的钱不还，要我去敲他的门催他还款。", privacy, none},
		{"StrangerToldEx", "我和他离婚三年了，最近总接到陌生号码，对方告诉我他欠了信用卡五万块，让我帮忙劝劝他尽快还上。", privacy, none},
		// look-alikes
		{"WriterCallsCollector", "我给催收公司打电话，说我儿子欠的钱我们会分期还，请他们不要再打了。", none, privacy},
		{"WriterDialsCollector", "我拨通了催收公司的电话，讲我老公借的网贷我们认，但要求减免罚息。", none, privacy},
		{"LawyerCallsCollector", "律师打电话给催收公司，说他的当事人欠的钱有争议，要求提供合同。", none, privacy},
		{"FriendOwnDebt", "我同学打电话给我，说他欠了网贷两万，问我有没有办法。", none, privacy},
		{"CousinSaysOwnDebt", "我接到一个电话，对方自称是我堂哥，说他欠了网贷，想找我借钱。", none, privacy},
		{"PoliceCall", "我接到派出所的电话，说我女儿欠了别人钱被起诉了，让我去一趟。", none, privacy},
	})
}

// TestSession33Engmend33USCallerAndStop: session 33 (engmend33), review mends of the enrecall33
// rules: a count of calls the consumer placed, or another person's calls about her own affairs, is
// no excessive contact; a stop request honoured (no contact after it in the sentence) is no contact
// after the stop.
func TestSession33Engmend33USCallerAndStop(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"CountedCallsReceived", "I counted 14 calls from the agency in one week.", excess, none},
		{"StopThenVoicemail", "After my written request to stop calling they left a voicemail at my job.", stop, none},
		// look-alikes
		{"CallsIPlaced", "I counted 16 calls that I placed to their billing office.", none, excess},
		{"OthersOwnCalls", "My father received 13 calls from his own dentist about a checkup.", none, excess},
		{"StopHonoured", "After my written request to stop calling, they stopped calling and only wrote to me.", none, stop},
		{"StopNeverHeard", "After my written request to stop calling, I never heard from them by phone again.", none, stop},
	})
}
