package rules

import "testing"

// TestSession23CFFlagContinuationNotFrequency: session 23 (cfflag). "They continue to call" after a
// request to stop is continued contact (CONTACT_AFTER_STOP), not a frequency: "continu*" no longer
// counts as a frequency word for EXCESSIVE_CONTACT; "continuous / continual calls" and a stated count
// still flag.
func TestSession23CFFlagContinuationNotFrequency(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"ContinueAfterStopEN", "I sent a cease and desist letter in May and they continue to call me.", stop, excess, ""},
		{"ContinuedToCallEN", "I told the rep not to contact me again but the company continued to call.", stop, excess, ""},
		// guards: frequency words and counts still flag
		{"ContinuousCallsEN", "They make continuous calls to my cell every day about the card.", excess, none, ""},
		{"MultipleADayEN", "The agency has been calling me multiple times a day for the past month about a medical bill.", excess, none, ""},
	})
}

// TestSession23CFFlagOwnCalls: session 23 (cfflag). The consumer's own repeated calls to the company
// ("I have repeatedly contacted the billing office", "I had numerous calls with their billing
// department") are not the collector's contact; the collector's repeated calls still flag.
func TestSession23CFFlagOwnCalls(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"OwnRepeatedlyContactedEN", "I have repeatedly contacted the hospital billing office to get them to bill my insurer.", none, excess, ""},
		{"OwnNumerousCallsWithEN", "I had numerous calls with their billing department trying to get the insurance to pay.", none, excess, ""},
		// guard: the collector's repeated calls
		{"TheyRepeatedlyCalledEN", "The collector has repeatedly called me at work about this account.", excess, none, ""},
	})
}

// TestSession23CFFlagConditionAndMention: session 23 (cfflag). A condition on payment ("until the
// balance is paid") is no payment claimed; the 1692e(11) disclosure omitted said with mention, or of
// every message, is MISSING_DISCLOSURE.
func TestSession23CFFlagConditionAndMention(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"UntilPaidEN", "They will continue to report the account to the credit bureaus until the balance is paid.", none, dispute, ""},
		{"NoneMentionCollectorEN", "None of their voicemails mention that they are a debt collector.", missing, none, ""},
		// guards: a payment claimed still disputes, a disclosure made is not missing
		{"PaidInFullEN", "The collector is calling about a debt I paid in full in 2019.", dispute, none, ""},
		{"DisclosedEN", "The letter stated it was from a debt collector and this was an attempt to collect a debt.", none, missing, ""},
	})
}
