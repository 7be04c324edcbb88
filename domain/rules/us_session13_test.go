package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestUSSession13CrossClause: facts a consumer states in separate clauses or sentences and that only
// together are a violation (us.json composites of session 13 (us) and the frames beside them): the
// contact told first and the stop request after it, a stop request stated as a wish then letters or
// texts sent, a question about the debt then the refusal to answer, a claimed amount then the
// consumer's records, a time-barred debt and a threat to sue in either order; and the sentence
// splitter reading a run of marks ("!!!") as one end. Every case to flag is missed on main; the
// look-alikes stay unflagged on both.
func TestUSSession13CrossClause(t *testing.T) {
	cas, md, dd := domain.ViolationContactAfterStop, domain.ViolationMissingDisclosure, domain.ViolationDebtDispute
	fr, ec := domain.ViolationFalseRepresentation, domain.ViolationExcessiveContact
	runUSPhrasings(t, []usPhrasing{
		// the contact first, the stop request after it
		{"KeepCallingEventhoughToldEN", "they keep calling my phone, eventhough I already told them in writing to stop", cas, none, ""},
		{"NotStoppedWhenClearEN", "The agency has not stopped emailing me when I have been very clear that they must only write by mail.", cas, none, ""},
		{"TextingRegardlessOfRequestsEN", "the agency kept texting me regardless of my requests that they only write", cas, none, ""},
		{"WishNotContactedThenLettersEN", "I wrote that I do not want to be contacted about this account. Two weeks later they sent me another letter.", cas, none, ""},
		{"StopRunOfMarksEN", "TOLD THEM TO STOP CALLING ME!!! MY DOCTOR SAYS NO STRESS. THEY CALLED ME AGAIN FRIDAY", cas, none, ""},
		{"NotEvenADayLaterEN", "I told the rep do not contact me again. not even a day later i get a text from them", cas, none, ""},
		{"ContinueCallingNoRequestEN", "They continue calling me about a bill I paid.", none, cas, ""},
		// a question about the debt, then the refusal
		{"AskedWhatForCouldntSayEN", "I asked the agent what this debt was for and who it was with, she said she could not tell me that.", md, none, ""},
		{"AskedThenReceivedNothingEN", "I asked them to send proof of the balance in writing. It has been 60 days and I received nothing.", md, none, ""},
		{"SaidDontHaveToSendEN", "the collector told me they dont have to send me any proof and i just need to pay", md, none, ""},
		{"AskedAndToldEN", "I asked the agent what the debt was for and she explained it was my old gym membership.", none, md, ""},
		// the claimed amount, then the consumer's records
		{"ClaimedButStatementEN", "The balance they claim is {$1900.00} but my final statement from the dentist showed {$300.00}.", dd, none, ""},
		{"AmountWordsThenWrongEN", "The amount they keep asking me for is wrong.", dd, none, ""},
		{"NeverAPatientEN", "I have never been a patient at that clinic.", dd, none, ""},
		// time-barred and a threat, either order
		{"TimeBarredThenThreatsEN", "This debt is from XXXX, over 9 years old. They are now making threats.", fr, none, ""},
		{"ThreatThenTimeBarredEN", "They are threatening me over this account. It is past the statute of limitations.", fr, none, ""},
		{"CreditReportNotFalseRepEN", "They said they would report it to my credit. The account is time barred.", none, fr, ""},
		{"TimeBarredNoThreatEN", "The debt is over 12 years old and I asked them to remove it.", none, fr, ""},
		// frequency after the contact named, and other frames
		{"CallsAreConstantEN", "The calls are constant, morning and night.", ec, none, ""},
		{"PhoneRingsOffTheHookEN", "my phone rings off the hook from this agency", ec, none, ""},
		{"LetterLookedLikeLawFirmEN", "They mailed a letter that looked like it came from a law firm.", fr, none, ""},
		{"DistrictAttorneyCallerEN", "A man called saying he was with the district attorneys office about my account.", fr, none, ""},
	})
}
