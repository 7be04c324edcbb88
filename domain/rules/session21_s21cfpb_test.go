package rules

import "testing"

// TestSession21CFPBOmissionByClass: session 21 (cfpb). An omission as any consumer words it: a
// negated giving verb of the class GIVE_EN (handed, forwarded, gave…) with an adverb between, what
// 1692g owes of the class PAPER_EN, "nobody ever …", a notice that never came, "have yet to receive",
// and a request answered by nothing that came. Guards: a payoff letter not yet arrived, a validation
// notice given, the complainant's own unsent papers.
func TestSession21CFPBOmissionByClass(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NeverOnceHandedEN", "The agency never once handed us a copy of the signed contract.", missing, none, ""},
		{"NobodyForwardedEN", "Nobody at that law firm ever forwarded me any paperwork.", missing, none, ""},
		{"NoLetterArrivedEN", "Not a single letter ever arrived before the account showed up on my report.", missing, none, ""},
		{"YetToReceiveEN", "I have yet to receive any paperwork from this collector.", missing, none, ""},
		{"NeverToldRightEN", "They never told us we had the right to dispute the balance.", missing, none, ""},
		{"NothingEverCameEN", "I wrote asking for proof of the debt in May. Nothing has ever come.", missing, none, ""},
		// guards
		{"PayoffLetterPendingEN", "I asked for a payoff letter on Monday and it has not arrived yet.", none, missing, ""},
		{"GaveValidationNoticeEN", "The collector gave me the receipt and the validation notice at the same time.", none, missing, ""},
		{"OwnUnsentPapersEN", "I did not send them my bank statements yet.", none, missing, ""},
	})
}

// TestSession21CFPBContactByClass: session 21 (cfpb). Contact again and again as a contact verb of
// CALL_EN (ring, phone, pester…) with a frequency of OFTEN_EN (every hour on the hour, day and night,
// a hundred times), contact that "just never stops"; a stop request worded as "take me off their call
// list" or "leave me alone", then more contact by any verb. Guards: the complainant's own calls, and
// calls that never stopped after a request (contact after the request, no frequency).
func TestSession21CFPBContactByClass(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"EveryHourOnTheHourEN", "They ring my landline every hour on the hour.", excess, none, ""},
		{"HundredTimesEN", "This agency has phoned me a hundred times since spring.", excess, none, ""},
		{"PestersDayAndNightEN", "The collector pesters me day and night about a gym bill.", excess, none, ""},
		{"JustNeverStopEN", "Honestly the calls just never stop.", excess, none, ""},
		{"OffTheListEN", "I asked the agent to take me off their call list, but they keep phoning me.", stop, none, ""},
		{"LeaveMeAloneEN", "I told the rep to leave me alone and they rang me again the next day.", stop, none, ""},
		{"KeptDialingEN", "I told them to leave me alone and they kept dialing my number.", stop, none, ""},
		// guards
		{"OwnCallsOverAndOverEN", "I phoned the agency over and over to settle the account.", none, excess, ""},
		{"NeverStoppedAfterRequestEN", "I asked them in writing to stop. After my letter the robocalls never stopped.", stop, excess, ""},
	})
}
