package rules

import "testing"

// TestSession18CFMDMissingDisclosureLookAlikes: session 18 (cfmd). Words of an omission that name no
// notice of the debt withheld by the collector: a court step without notice (a judgment, a court date,
// a motion — 1692g asks for a notice of the debt, not of a pleading), the statute said as a rule ("any
// attempt to collect without validation violates …"), a provider's pre-service notice of cost or
// network status, the consumer's own lack of information, "ignoring the facts", and a validation
// request that was answered. Guards: the omission stated of the collector still flags.
func TestSession18CFMDMissingDisclosureLookAlikes(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"JudgmentWithoutNotificationEN", "The law firm got a default judgement against me in 2015 without any notification, and now they garnish my pay for a debt I do not owe.", none, missing, ""},
		{"CourtDateNotMailedEN", "The collector was supposed to mail me the court date for the hearing but never did.", none, missing, ""},
		{"ChanceToRespondToMotionEN", "I was not given the chance to respond to the motion they filed against me.", none, missing, ""},
		{"StatuteAsRuleEN", "It is unlawful to collect a debt without proper validation, and I dispute that this account is mine.", none, missing, ""},
		{"OwnLackOfInformationEN", "I never had an account with that bank, nor do I have any information about these charges.", none, missing, ""},
		{"PreServiceCostEN", "At the lab nobody told me about the estimated cost before the test, and now the bill is in collections.", none, missing, ""},
		{"OutOfNetworkEN", "I was never informed that the doctor was out of network, so the bill should go to my insurer.", none, missing, ""},
		{"IgnoringTheFactsEN", "I asked them for proof that I owe the balance. The lawyer filed for the full amount ignoring the facts of my payments.", none, missing, ""},
		{"ValidationAnsweredEN", "The agency replied to my validation request within ten days and enclosed the statements and the original creditor's name.", none, missing, ""},
		{"ValidationSentCopiesEN", "I requested validation and they mailed me copies of the account statements and the bill of sale.", none, missing, ""},
		// guards: the omission of the collector itself
		{"NeverNotifiedOfDebtEN", "I was never notified of this debt before it appeared on my credit report.", missing, none, ""},
		{"ValidationUnansweredEN", "I requested validation by certified mail in March and they never responded.", missing, none, ""},
	})
}

// TestSession18CFMDMissingDisclosureRecall: session 18 (cfmd). Omissions in forms the pack missed: a
// "written" or "prior" notice never received, a collector who "never said" it was a debt collector,
// a breakdown of the balance asked for and refused.
func TestSession18CFMDMissingDisclosureRecall(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NeverGotWrittenNoticeEN", "I never received any written notice from them before they reported the account.", missing, none, ""},
		{"NeverGotPriorLetterEN", "We did not get a prior letter about this balance at all.", missing, none, ""},
		{"NeverSaidDebtCollectorEN", "The man on the phone never said he was a debt collector; he pretended to be from the hospital.", missing, none, ""},
		{"BreakdownRefusedEN", "I asked for a breakdown of the fees on the account and they refused to send it.", missing, none, ""},
	})
}

// TestSession18CFMDOwnCalls: session 18 (cfmd). The consumer's own repeated calls and voicemails are
// no contact by the collector; the collector's repeated calls still flag.
func TestSession18CFMDOwnCalls(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"IKeepCallingEN", "I keep calling their billing office to ask them to bill my insurance instead.", none, excess, ""},
		{"LeavingVoicemailsEN", "Despite leaving numerous voicemails for the account manager, I have had no answer.", none, excess, ""},
		// guard
		{"TheyKeepCallingDailyEN", "They call me several times a day and leave numerous voicemails.", excess, none, ""},
	})
}

// TestSession18CFMDAfterBatchB: session 18 (cfmd), the classes of batch B's misses, added after its
// one honest measurement: the mini-Miranda refused with the agency named, more than 35 calls in a
// month (Regulation F 1006.14(b): more than 7 in any 7 days), "calling … over and over"; a court date
// not notified is no missing validation notice.
func TestSession18CFMDAfterBatchB(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"WouldNotSayCollectionAgencyEN", "The woman refused to say she worked for a collection agency when I asked her who she was.", missing, none, ""},
		{"FortyCallsInAMonthEN", "I counted 48 calls from this collector in one month.", excess, none, ""},
		{"CallingOverAndOverEN", "The agency is calling us over and over about a bill from 2019.", excess, none, ""},
		{"HearingDateNotNotifiedEN", "The trial was moved and I was not notified of the date, so I missed it.", none, missing, ""},
		// guard: a month's count the limit does not exceed
		{"TwentyCallsInAMonthEN", "They sent 20 texts in one month about the payment plan I had already agreed to.", none, excess, ""},
	})
}
