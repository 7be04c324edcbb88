package rules

import "testing"

// TestSession28EnfoldForms: session 28 (enfold), the US pack by mechanism after the second
// independent writer's English set (blind-s27) was folded in and the CFPB train narratives labelled
// with no required type were read. Flags: quoted insults and slurs named by kind; a third party who
// heard or read the collector's message; "a coworker" and "two of my friends" told that the consumer
// owes; the complainant told of a relative's debt; a lawsuit claimed and shown never filed; a "law
// firm" no attorney of which reviewed the account; a caller posing as a government office; a logged
// count of ten or more calls by the collector. Look-alikes: repaying more than was borrowed; "their
// time, not mine"; a door or envelope not opened; a fee never told of; a payment arrangement or a
// call back awaited; the servicer's "you are not a co-signer on"; "this is humiliating"; the company's manager asked for; a count the collector
// claims of its own calls.
func TestSession28EnfoldForms(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"QuotedInsult", `The agent told me I was a "lazy deadbeat" and hung up on me.`, abuse, none},
		{"SlurByKind", "On the second call the man used an ethnic slur when I asked for his name.", abuse, none},
		{"ThirdPartyHeardMessage", "They left a voicemail on our home machine about the past due balance, and my roommate heard the entire message.", privacy, none},
		{"CoworkerToldOwes", "The collector phoned my job and told a coworker who picked up that I owe money on a loan.", privacy, none},
		{"CoworkerReached", "The collector phoned my job and told a coworker who picked up that I owe money on a loan.", third, none},
		{"FriendsMessaged", "They sent texts to two of my friends saying that I owe {$900.00} to their client.", third, none},
		{"ToldRelativesDebt", "A man from the agency called my landline and told me my nephew owes them {$2,000.00}.", privacy, none},
		{"SuitNeverFiled", "The collector said the papers were going to the judge that week, but nothing was ever filed.", falseRep, none},
		{"NoAttorneyReviewed", "The letters come on law firm letterhead, but no attorney has ever reviewed my file.", falseRep, none},
		{"PosingAsDOJ", `A caller said she was with the "Department of Justice" and that I had to settle the loan today.`, falseRep, none},
		{"CountWithoutPeriod", "Since I mailed my dispute they have called me 19 times.", excess, none},
		// look-alikes
		{"RepaidMoreThanBorrowed", "The rate is what I signed for, but by now I have paid far more than I borrowed.", none, dispute},
		{"TheirTimeNotMine", "They ring me at 7 in the morning, which is their time zone, not mine.", none, dispute},
		{"DoorNotOpened", "Someone from the agency knocked for ten minutes, but I did not open the door.", none, dispute},
		{"FeeNeverToldOf", "There is a {$12.00} processing fee on every payment and I was never told about the fee.", none, missing},
		{"PaymentArrangementAwaited", "They promised to mail the payment arrangement, and about the payment plan I have not received anything yet.", none, missing},
		{"OwnFeelingHumiliating", "The agency called my sister about the account. It is humiliating.", none, abuse},
		{"CompanyManagerAsked", "The representative was unhelpful, so I asked to speak to a manager about the fee.", none, third},
		{"CallBackAwaited", "I asked them to send the settlement terms in writing. I keep leaving voicemails and have never gotten a call back.", none, missing},
		{"LenderSaysNotCosigner", "The servicer wrote that you are not a co-signer on the note, so they could not review me for a modification.", none, dispute},
		{"CollectorClaimsCount", "The woman told me they had called me 25 times before, but this was the first call I ever got.", none, excess},
	})
}
