package rules

import "testing"

// TestSession17USMDContactAfterStop: session 17 (usmd). Stop requests as CFPB consumers word them —
// a participle ("a letter telling them to stop calling"), a request to "this company", contact only
// by mail or email, "remove my number", a "STOP" reply — then more contact; a stop request limited
// to work that was honoured stays unflagged.
func TestSession17USMDContactAfterStop(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"ParticipleTellingEN", "I faxed a letter on XX/XX/2022 telling them to stop contacting me. They texted me again on Monday.", stop, none, ""},
		{"ParticipleAskingEN", "My wife emailed them in June asking them to stop calling our house. It has been two months. They call every week still.", stop, none, ""},
		{"ThisCompanyRepeatedlyEN", "I have asked this agency again and again to stop texting me. They continue to send texts.", stop, none, ""},
		{"OnlyByEmailEN", "I asked them to only communicate by email, and they kept calling my cell.", stop, none, ""},
		{"RemoveMyNumberEN", "I requested that they remove my phone number, but they keep calling me anyway.", stop, none, ""},
		{"RepliedStopEN", "The texts keep coming even though I replied STOP to every one of them.", stop, none, ""},
		{"OneOfTheirCollectorsEN", "My attorney notified them that I am represented. On Monday one of their collectors phoned me at home.", stop, none, ""},
		// guard: the limited request was honoured
		{"StopAtWorkHonouredEN", "I wrote asking them to stop calling me at my office. I haven't heard from them since.", none, stop, ""},
	})
}

// TestSession17USMDCounts: session 17 (usmd). More than 7 calls in one day stated with the day first
// (Regulation F 1006.14: more than 7 in 7 days), calls nonstop with the numbers called between,
// robocalls seven days a week, calls every couple of hours; a few calls in a day stay unflagged.
func TestSession17USMDCounts(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"TodayCountEN", "Today alone I got 11 calls from this collector, all before noon.", excess, none, ""},
		{"NumbersThenNonstopEN", "They call my work line and my cell nonstop about a medical bill.", excess, none, ""},
		{"RobocallsSevenDaysEN", "They send robocalls to my cell seven days a week.", excess, none, ""},
		{"EveryCoupleOfHoursEN", "The phone rings every couple of hours with their number.", excess, none, ""},
		// guard
		{"TwoCallsTodayEN", "Today they called me 2 times to confirm the payment I had scheduled.", none, excess, ""},
	})
}

// TestSession17USMDMissingDisclosure: session 17 (usmd). The omission said as a list of what never
// came ("no letter, no call"), a letter or notice never sent, nobody ever wrote; an unanswered request
// answered only by a printout, "they don't send that", a refusal, "instead of validating"; "heard
// nothing" is no hearsay; a letter with "no information about my right to dispute" is an omission,
// not a notice of the right. Guards: the notice and its contents received stay unflagged.
func TestSession17USMDMissingDisclosure(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NoLetterNoCallEN", "The account was just sold to them and reported. No letter, no phone call, no email.", missing, none, ""},
		{"NeverAnyLetterOrNoticeEN", "There was never a single letter or notice from this agency before the collection appeared.", missing, none, ""},
		{"NobodyEverWroteEN", "No one from the collection agency ever wrote to me about this balance.", missing, none, ""},
		{"PrintoutAnswerEN", "I asked for a copy of the signed contract. They only sent me a computer printout with a balance.", missing, none, ""},
		{"DontSendThatEN", "I asked the rep for an itemized statement of the fees. She said they don't send that.", missing, none, ""},
		{"RefusalAtClauseEndEN", "I asked them to mail me proof of the debt and they refused.", missing, none, ""},
		{"InsteadOfValidatingEN", "I sent a dispute letter within 30 days. Instead of verifying it they sent the account to a law firm.", missing, none, ""},
		{"HeardNothingEN", "I mailed them a letter asking for the original contract in May. I have heard nothing from them.", missing, none, ""},
		{"NoInfoRightToDisputeEN", "Their letter had no information about my right to dispute the debt.", missing, none, ""},
		{"AlsoRequiredToDiscloseEN", "The collector was also required to disclose the itemization date and the amount then owed.", missing, none, ""},
		// guards
		{"NoticeWithRightsEN", "Their letter explained my right to dispute and listed the creditor; I only want a payment plan.", none, missing, ""},
		{"GotValidationNoticeEN", "I received the validation notice in April and it looks correct, so I am paying it.", none, missing, ""},
	})
}

// TestSession17USMDInflectionsKept: session 17 (usmd). A misspelling of a stem ending in -ion read at
// any ending ("validatin" for validation) is also how the right spelling of its verb begins, so
// "validating" and "collecting" were rewritten to "validationg" and "collectiong" and no pattern read
// them; such variants are left out, and the misspelling "validaton" is still read.
func TestSession17USMDInflectionsKept(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"InsteadOfValidatingEN", "I asked them for proof of the debt. Instead of validating they reported it.", missing, none, ""},
		{"CollectingSameDebtEN", "They keep collecting the same debt twice.", dispute, none, ""},
		{"ValidatonStillReadEN", "I asked for the validaton letter twice and they never sent it.", missing, none, ""},
	})
}
