package rules

import "testing"

// TestSession16USMDMissingDisclosure: session 16 (usmd). What made the US pack flag MISSING_DISCLOSURE
// on CFPB narratives labelled otherwise, by class: "no proof" said of the collector's case by a
// consumer disputing the debt (weak now: it counts only beside a stated omission), a validation notice
// the consumer in fact received, and 1692g(b) quoted from a form letter. The guards keep omissions
// flagged, also when "no proof" stands beside one.
func TestSession16USMDMissingDisclosure(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NoProofItIsMineEN", "They keep saying I owe it, but they have no proof that this account was ever mine.", none, missing, ""},
		{"WithoutProofJudgmentEN", "The collector got a default judgment without proof and now wants my wages.", none, missing, ""},
		{"ValidationLetterThatWasReceivedEN", "The validation letter that was received named a creditor I have never heard of.", none, missing, ""},
		{"AndSentValidationNoticeEN", "The man was polite, gave his company name and sent a validation notice within five days.", none, missing, ""},
		{"StatuteQuotedEN", "Per 15 USC 1692g(b) the debt collector shall cease collection of the debt until the debt collector obtains verification of the debt.", none, missing, ""},
		{"DidGetValidationNoticeEN", "We did get the validation notice in March; I only want to know when it drops off my report.", none, missing, ""},
		// guards: omissions stay flagged
		{"NoProofBesideOmissionEN", "They sent no proof and I never received a validation notice before it hit my credit report.", missing, none, ""},
		{"ValidationLetterNeverReceivedEN", "The validation letter they claim to have mailed was never received, and they refuse to send another copy.", missing, none, ""},
	})
}

// TestSession16USMDCounts: session 16 (usmd). Counts against Regulation F 1006.14(b) (7 calls in 7
// days): a daily range ("between 3 and 5 times a day", "every day … between 4 and 7 calls") and more
// than 7 calls in a week with the count after the verb; fewer calls in a week stay unflagged.
func TestSession16USMDCounts(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"RangeADayEN", "They ring me between 3 and 5 times a day about an old phone bill.", excess, none, ""},
		{"EveryDayRangeEN", "Every day this month I have gotten between 4 and 7 calls from them.", excess, none, ""},
		{"WeekThenCountEN", "Last week they called my cell 12 times about the same account.", excess, none, ""},
		{"CountThenWeekEN", "They phoned me 9 times last week even though I am on a payment plan.", excess, none, ""},
		{"CountFromThemInWeekEN", "There were 10 texts from this agency in a single week, then more calls.", excess, none, ""},
		// guards
		{"FewInWeekEN", "They called me 3 times last week to confirm my payment date.", none, excess, ""},
		{"RangeAWeekEN", "I get between 2 and 3 letters a week from them.", none, excess, ""},
	})
}
