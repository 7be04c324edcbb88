package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestUSSession14Phrasings: how CFPB consumers write the five weak types, read by the mechanisms of
// session 14 (us): a negation before "and" no longer reaches a phrase that opens with it ("asked
// them not to call and they do"), English "and"-lists in classes and list commas inside a clause
// ("the calls and the letters continue", "calls, texts and emails from them every day"), an
// elliptical answer after a stop request ("they won't", "they ignore me") or after a claimed debt
// ("I don't."), and the frames beside them. Every case to flag is missed on main; the look-alikes
// stay unflagged on both.
func TestUSSession14Phrasings(t *testing.T) {
	cas, md, dd := domain.ViolationContactAfterStop, domain.ViolationMissingDisclosure, domain.ViolationDebtDispute
	fr, ec := domain.ViolationFalseRepresentation, domain.ViolationExcessiveContact
	runUSPhrasings(t, []usPhrasing{
		// a stop request, then the contact said briefly
		{"AskedNotToCallAndTheyDoEN", "I have asked them not to call me and they do.", cas, none, ""},
		{"RequestedThatTheyStopListContinueEN", "I requested more than once that they stop calling me. Despite that, the texts and the voicemails continue.", cas, none, ""},
		{"OnlyInWritingThenKeepCallingEN", "i told them i only want to be contacted by mail, they keep calling anyway", cas, none, ""},
		{"AskedToStopTheyWontEN", "I have begged them to stop calling me, they won't.", cas, none, ""},
		{"DoNotWantCallsThenCalledEN", "I sent a letter saying I do not want any more calls from them. They called me on Monday.", cas, none, ""},
		{"ToldNotToCallNoContactAfterEN", "I told them not to call my job and they have respected that.", none, cas, ""},
		// frequency named through a list
		{"ChannelsListEveryDayEN", "I receive calls, voicemails and texts from XXXX every day about this account.", ec, none, ""},
		{"KeepCallingTextingEN", "they keep calling me, texting me and emailing me about a bill from XXXX", ec, none, ""},
		{"DifferentNumbersAllDayEN", "They call my cell from different numbers all day.", ec, none, ""},
		{"WontLeaveMeAloneEN", "This agency will not leave me alone about a {$90.00} bill.", ec, none, ""},
		// the collector's legal claims
		{"RedactedLegalStepEN", "they said they would file a XXXX against me if I did not pay by friday", fr, none, ""},
		{"SaidTheyAreAttorneysEN", "The caller stated that they were attorneys handling my case.", fr, none, ""},
		{"LegalMatterNowEN", "They left a voicemail: this is now a legal matter and you must call back today.", fr, none, ""},
		{"FilingChargesEN", "She told me they were pressing charges against me for the unpaid loan.", fr, none, ""},
		{"LockedUpEN", "He said I would be locked up if the balance was not paid.", fr, none, ""},
		{"SheriffToHouseEN", "They told me they were sending a sheriff to my house to collect.", fr, none, ""},
		{"LicenseSuspendedEN", "The collector said my drivers license would be suspended.", fr, none, ""},
		{"LawyerSaysSuingNotFalseEN", "My lawyer told me that I was being sued by the landlord and he will handle it.", none, fr, ""},
		// validation asked for and never given
		{"ProofCannotProvideEN", "I asked for proof of the debt twice and they cannot provide it.", md, none, ""},
		{"NeverGotAnythingInMailEN", "I never got anything in the mail from this collector.", md, none, ""},
		{"RefusedInWritingEN", "The rep refused to send me anything in writing.", md, none, ""},
		{"NeverGotInitialLetterEN", "I never got an initial letter from them.", md, none, ""},
		// the debt denied
		{"SayIOweIDontEN", "They say I owe {$700.00}. I don't.", dd, none, ""},
		{"SaysIOweButMovedOutEN", "The collector says I owe for the apartment but I moved out in XXXX.", dd, none, ""},
		{"FinalBillZeroEN", "My final bill from the cable company was zero when I cancelled.", dd, none, ""},
		{"NotResponsibleEN", "The account was my late mother's and I am not responsible for it.", dd, none, ""},
		{"DuplicateCollectionEN", "The same debt is being collected by two different agencies.", dd, none, ""},
		{"NotThePersonEN", "I am not the person they are looking for, I just have this phone number now.", dd, none, ""},
		{"PaidAndHappyEN", "They explained the debt and I set up a payment plan that works for me.", none, dd, ""},
	})
}

// TestUSSession14ListComma: a comma inside an English list does not end the clause (so patterns and
// class lists reach the list's members), while a comma between clauses still does, and no Chinese
// text is read as a list.
func TestUSSession14ListComma(t *testing.T) {
	cases := []struct {
		name, text string
		clauses    int
	}{
		{"ThreeItems", "they call my cell, my home phone and my work phone", 1},
		{"SerialComma", "calls, texts, and emails from them every day", 1},
		{"MiddleItems", "my mother, my sister, my boss, my neighbor and my friend", 1},
		{"TwoClauses", "i told them to stop, they kept calling me anyway every single day", 2},
		{"ClauseAfterAnd", "i told them to stop calling me right away, and they called again", 2},
		{"Amount", "they want {$1,200.00}, which i do not owe", 2}, // session 17 (usdd): the thousands comma is part of the number
		{"Chinese", "他们打电话给我妈,我爸和我老婆", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := clauseSpans(c.text); len(got) != c.clauses {
				t.Errorf("%q: %d clauses %v, want %d", c.text, len(got), got, c.clauses)
			}
		})
	}
}

// TestUSSession14NegationStopsAtBreak: a negation cue before a clause break that opens the matched
// phrase does not negate the phrase; one inside the phrase's own clause still does.
func TestUSSession14NegationStopsAtBreak(t *testing.T) {
	p := mustPack(t, US)
	assertFlagged(t, p, "I asked them not to text me and they still do.", domain.ViolationContactAfterStop, "")
	assertFlagged(t, p, "I asked them to stop, and they do not call me every day anymore.", "", domain.ViolationExcessiveContact)
	if !p.Language["en"].opensClause("and they do", "en") || p.Language["en"].opensClause("android users", "en") {
		t.Error("opensClause: want a whole clause-break word at the phrase's start")
	}
}
