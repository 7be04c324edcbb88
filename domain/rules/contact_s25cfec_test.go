package rules

import "testing"

// TestSession25CFECFrequencyForms: session 25 (cfec). Frequency as CFPB narratives word it beyond a
// contact verb and its adverb: a count the CFPB masked ("up to XXXX times per day": a masked count of
// calls is at least two), "or more" after the unit ("40 times or more per week"), a count "an hour", the daily adverbial
// first and the collector's call after it with words between ("Each day for the last two weeks the
// agency has called"), calls "one after another" (or "one time after another"), calls "from morning
// until night", and "every morning / every night" beside a contact verb. Look-alikes hold: the
// consumer's own daily calls, bills paid one after another, a masked count of payments a month, a
// count of times a week under Regulation F's seven in seven days.
func TestSession25CFECFrequencyForms(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"MaskedCountPerDayEN", "This agency leaves voicemails on my cell up to XXXX times per day about a hospital bill.", excess, none, ""},
		{"OrMorePerWeekEN", "Their office calls me 40 times or more per week about the car loan.", excess, none, ""},
		{"DailyFirstGapEN", "Each day for the last two weeks the agency has called my work number about this account.", excess, none, ""},
		{"OneAfterAnotherEN", "Once the account went to collections the robocalls started coming in one after another.", excess, none, ""},
		{"OneTimeAfterAnotherEN", "The collector rang my phone one time after another from blocked numbers.", excess, none, ""},
		{"MorningUntilNightEN", "Midland calls from early morning until late night on my only phone line.", excess, none, ""},
		{"CallsAnHourEN", "Yesterday the agency placed 5 calls an hour to my cell phone.", excess, none, ""},
		{"EveryNightEN", "The servicer has been texting me every night about the missed payment.", excess, none, ""},
		// guards: the consumer's own daily calls, bills paid in a row, masked counts of other things,
		// a weekly count under the presumption
		{"OwnDailyCallsEN", "Each day for two weeks I called the agency to confirm my settlement had posted.", none, excess, ""},
		{"OwnEveryMorningEN", "I phoned them every morning to ask whether the refund was sent.", none, excess, ""},
		{"BillsInARowEN", "I paid the medical bills one after another until the balance was gone.", none, excess, ""},
		{"MaskedPaymentsEN", "I only get paid XXXX times a month, so I asked for a payment plan over the phone.", none, excess, ""},
		{"MaskedWeekEN", "The collector calls me XXXX times a week and is polite each time.", none, excess, ""},
	})
}

// TestSession25CFECNotFrequency: session 25 (cfec). What looks like frequency and is not: the
// consumer's own numerous calls with the company's team when words stand between ("had numerous
// calls often over an hour long with their advocate team") or the calls are long conversations;
// "harassment by calling my phone" (the means of one act, where "harass me with calls" names many);
// one past call given with its date beside "harassed". The collector's calls still flag.
func TestSession25CFECNotFrequency(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"OwnCallsWordsBetweenEN", "I filed two appeals and had numerous calls usually over an hour long with their member services team.", none, excess, ""},
		{"LongConversationsEN", "We had numerous calls, each lasting more than 45 minutes, with the billing office about coding.", none, excess, ""},
		{"HarassmentByCallingEN", "The agency engaged in harassment by calling my phone about a bill that is not mine.", none, excess, ""},
		{"DatedCallHarassedEN", "I feel harassed. The collector called my cell phone from a blocked number on XX/XX/XXXX and demanded payment.", none, excess, ""},
		// guards
		{"HarassWithCallsEN", "They harass me with calls at home about a debt I already paid.", excess, none, ""},
		{"CollectorNumerousCallsEN", "I have received numerous calls from this collector every day this month.", excess, none, ""},
	})
}

// TestSession25CFECOmissionScope: session 25 (cfec). MISSING_DISCLOSURE is the debt's papers or
// facts withheld; a collector's own promise it will not put in writing ("agreed to delete it … but
// refused to put it in writing") and a stop request made in writing and ignored are not it. A
// request for validation left unanswered, and a refusal to send the debt in writing, still are.
func TestSession25CFECOmissionScope(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"PromiseNotInWritingEN", "The agent promised to take the late fees off if I paid today, but she would not put that in writing.", none, missing, ""},
		{"StopRequestInWritingEN", "I asked them in writing to stop calling my job and they ignored it.", none, missing, ""},
		{"StopRequestThatTheAgencyEN", "I requested in writing that the agency cease all contact. They ignored my request.", none, missing, ""},
		// guards
		{"ValidationUnansweredEN", "I requested validation of the debt in writing and they never responded.", missing, none, ""},
		{"RefusedDebtInWritingEN", "The collector refused to send me anything in writing about the balance.", missing, none, ""},
	})
}
