package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestUSPhrasingsSession6: how CFPB consumers state repeated calls, omissions and disputes (session 6, found
// from train errors and written anew here), and the texts that must stay clear.
func TestUSPhrasingsSession6(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"DailyAfterObjectEN", "Since March the agency has been calling me about this account every single day.", domain.ViolationExcessiveContact, none, ""},
		{"HarassedDailyEN", "They keep harassing me and my elderly parents daily over a bill I never owed.", domain.ViolationExcessiveContact, none, ""},
		{"MaskedCountEN", "The collector called more than XXXX times in two weeks.", domain.ViolationExcessiveContact, none, "called more than XXXX times"},
		{"ComplainantCallsEN", "I called them more than 10 times to get a payoff letter.", none, domain.ViolationExcessiveContact, ""},
		{"NotValidatedEN", "They put a collection on my report for a debt they have not validated.", domain.ViolationMissingDisclosure, none, "have not validated"},
		{"WithoutProperNoticeEN", "The account was placed with them without proper notification to me.", domain.ViolationMissingDisclosure, none, ""},
		{"NorDidTheySendEN", "I do not recognise this account, nor did they send me a letter about it.", domain.ViolationMissingDisclosure, none, ""},
		{"StillNothingInWritingEN", "Two months later I have still not received anything in writing.", domain.ViolationMissingDisclosure, none, ""},
		{"FailToShowProofEN", "They sued me but fail to show proof that I owe anything.", domain.ViolationMissingDisclosure, none, ""},
		{"NotRecognisedEN", "I do not recognize the account number or the balance they list.", domain.ViolationDebtDispute, none, ""},
		{"NoAccountWithThemEN", "I told the caller I didn't have any account with them.", domain.ViolationDebtDispute, none, ""},
		{"NotIncurredEN", "They demand payment of a debt that I did not incur.", domain.ViolationDebtDispute, none, ""},
		{"KnewNothingEN", "I knew nothing about the account until the letter came.", domain.ViolationDebtDispute, none, ""},
		{"IllegallyOpenedEN", "The card was illegally opened by my former roommate.", domain.ViolationDebtDispute, none, ""},
		{"InsurancePaidEN", "My insurance company paid the ambulance bill in 2021.", domain.ViolationDebtDispute, none, ""},
		{"OwnAccountEN", "I have an account with them and pay it every month.", none, domain.ViolationDebtDispute, ""},
		{"ValidatedEN", "The debt was validated and I agreed to a payment plan.", none, domain.ViolationMissingDisclosure, ""},
	})
}

// TestUSPhrasingsSession7: how CFPB consumers deny a debt, state an omission or count calls, found
// from the train split's misses (session 7), and lawful collection that must stay unflagged.
func TestUSPhrasingsSession7(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		// a denial is a negation itself: an earlier "no" in the clause does not dismiss it
		{"DenialAfterNoEN", "I told him I have no money I am not taking responsibility of debt.", domain.ViolationDebtDispute, none, "not taking responsibility of debt"},
		{"NeverHadAfterNoEN", "There is no way, I never had an account with this bank.", domain.ViolationDebtDispute, none, ""},
		{"CoveredByInsuranceEN", "The scan was covered by my insurance and the hospital confirmed it.", domain.ViolationDebtDispute, none, "covered by my insurance"},
		{"ShouldNotHaveBeenBilledEN", "My plan started that month, so I should not have been billed at all.", domain.ViolationDebtDispute, none, ""},
		{"AccountIDontHaveEN", "They sent a letter to my mother about an account that I dont have with them.", domain.ViolationDebtDispute, none, ""},
		{"NeverUsedEN", "I never used the service because they could not connect my house.", domain.ViolationDebtDispute, none, ""},
		{"NeverResidedEN", "They charged me for an apartment I didnt reside in.", domain.ViolationDebtDispute, none, ""},
		{"NeverRentedEN", "The bill is for a storage unit I never rented.", domain.ViolationDebtDispute, none, "unit I never rented"},
		{"StatuteRunEN", "The statute of limitation has run out on this debt.", domain.ViolationDebtDispute, none, ""},
		{"NoObligationEN", "I am not under any legal obligation to settle the alleged debt.", domain.ViolationDebtDispute, none, ""},
		{"PaidUpEN", "Everything was all paid up when I moved out.", domain.ViolationDebtDispute, none, ""},
		{"NeverReceivedLoanEN", "They approved it on paper but I never received a loan.", domain.ViolationDebtDispute, none, ""},
		{"NotOwedEN", "The balance of $250 is not owed; the creditor was paid in May.", domain.ViolationDebtDispute, none, ""},
		{"NeverHeardOfCompanyEN", "I have never heard of this company and they say I owe $900.", domain.ViolationDebtDispute, none, ""},
		{"PoliceReportEN", "I filed a police report and sent it to them.", domain.ViolationDebtDispute, none, ""},
		{"DidNotCreateEN", "I did not create these PayPal accounts.", domain.ViolationDebtDispute, none, ""},
		{"DisagreeBalanceEN", "I do not agree with the outstanding balance they say I owe.", domain.ViolationDebtDispute, none, ""},
		{"HerDebtEN", "I am not her and I am not responsible for her debt.", domain.ViolationDebtDispute, none, ""},
		{"CurrentOnBillsEN", "I'm current on my bills with the phone company, they confirmed it.", domain.ViolationDebtDispute, none, ""},
		{"NeverAttendedEN", "The debt is for tuition but I never attended the school.", domain.ViolationDebtDispute, none, ""},
		{"HeardOfLawEN", "I had never heard of this law before the agent explained my rights.", none, domain.ViolationDebtDispute, ""},
		{"OweAndPayEN", "I owe this balance and I am paying it every month.", none, domain.ViolationDebtDispute, ""},
		{"InsuranceDidNotCoverEN", "My dental insurance did not cover the crown, so I pay the rest myself.", none, domain.ViolationDebtDispute, ""},
		// omissions
		{"WasntINotifiedEN", "I asked why wasnt I notified about the debt before it was reported.", domain.ViolationMissingDisclosure, none, ""},
		{"NotProperlyValidatedEN", "This account has not been properly validated.", domain.ViolationMissingDisclosure, none, "not been properly validated"},
		{"NoFinalBillEN", "The original creditor did not send me a final bill or statement.", domain.ViolationMissingDisclosure, none, ""},
		{"MisspelledReceivedEN", "I never recieved a validation notice from them.", domain.ViolationMissingDisclosure, none, ""},
		{"LackOfVerificationEN", "I asked for deletion because of the lack of verification.", domain.ViolationMissingDisclosure, none, ""},
		// a validation notice requested and received states no omission
		{"NoticeReceivedEN", "I asked them to validate the debt and they mailed me the validation notice with the amount.", none, domain.ViolationMissingDisclosure, ""},
		// a stop request, then contact (composite over two sentences)
		{"RepToStopEN", "I told the representative to stop calling my job. The next day they called my job again.", domain.ViolationContactAfterStop, none, ""},
		{"WritingOnlyEN", "I asked them to only contact me in writing, but they keep calling my cell.", domain.ViolationContactAfterStop, none, ""},
		{"CeaseThenCalledEN", "I sent a cease and desist letter in March. In April they called me four times.", domain.ViolationContactAfterStop, none, ""},
		{"RevokedCallsDidNotStopEN", "I revoked consent to call my cell phone, yet the robocalls did not stop.", domain.ViolationContactAfterStop, none, ""},
		{"StopPaymentEN", "I asked the representative to stop the automatic payment. They called me to confirm it was stopped.", none, domain.ViolationContactAfterStop, ""},
		{"WritingAnsweredEN", "I asked them to send everything in writing. They mailed me a letter with the balance.", none, domain.ViolationContactAfterStop, ""},
		// counts
		{"ThreeTimesADayEN", "The agency calls me three times a day since June.", domain.ViolationExcessiveContact, none, ""},
		{"DozensOfCallsEN", "I get dozens of calls from them every week.", domain.ViolationExcessiveContact, none, "dozens of calls"},
		{"EveryThirtyMinutesEN", "The calls come in all day long, sometimes every 30 minutes.", domain.ViolationExcessiveContact, none, ""},
		{"FourOrFiveADayEN", "I am getting calls every single day, sometimes 4 or 5 a day.", domain.ViolationExcessiveContact, none, ""},
		{"RobocallsEveryHourEN", "Their robocalls come in every hour.", domain.ViolationExcessiveContact, none, ""},
		{"ReceivedThirtyCallsEN", "I have gotten about 30 calls and 15 voicemails in two weeks.", domain.ViolationExcessiveContact, none, ""},
		{"AtLeastTwiceADayEN", "They call me at least twice a day, every day.", domain.ViolationExcessiveContact, none, ""},
		{"ComplainantMadeCallsEN", "I made about 30 calls to them to fix the error.", none, domain.ViolationExcessiveContact, ""},
		{"TwoLettersEN", "They sent me two letters a month apart with the balance.", none, domain.ViolationExcessiveContact, ""},
		{"TwiceLastMonthEN", "The collector called me twice last month about a payment date.", none, domain.ViolationExcessiveContact, ""},
	})
}

// TestUSPhrasingsSession8: omissions as consumers state them (session 8, from the train split's misses,
// phrased anew here), and proof of the consumer's own payment, which is no omission of the collector.
func TestUSPhrasingsSession8(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		// omissions stated in other words
		{"NoDocumentsFromThemEN", "I have no documents from them about this medical account.", domain.ViolationMissingDisclosure, none, ""},
		{"DontHaveDocumentationOfEN", "I do not have any documentation of what is owed or to whom.", domain.ViolationMissingDisclosure, none, ""},
		{"SupposedToNotifyEN", "The agency was supposed to notify me before reporting it.", domain.ViolationMissingDisclosure, none, ""},
		{"RightToBeNotifiedEN", "I have a right to be notified in writing of any collection.", domain.ViolationMissingDisclosure, none, ""},
		{"CouldNotProduceContractEN", "When I asked, they could not produce a signed contract.", domain.ViolationMissingDisclosure, none, ""},
		{"NoProofOfPaymentEN", "I have no proof of payment because I paid the nurse in cash.", none, domain.ViolationMissingDisclosure, ""},
	})
}

// TestUSPhrasingsSession9: counts and frequencies in English the parser and the lexicon missed
// (session 9, phrasings written for the purpose: no train text changed), counts that stay within
// the pack's limit, and a threatened future contact, which is not contact made (one otherwise-labelled
// train narrative, "stated she will call everyday for a year").
func TestUSPhrasingsSession9(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"TimesThisMonthEN", "They called me at least 40 times this month.", domain.ViolationExcessiveContact, none, "40 times this month"},
		{"TimesInAnHourEN", "They called my phone, sometimes 8 times in an hour.", domain.ViolationExcessiveContact, none, "8 times in an hour"},
		{"TimesLastWeekEN", "The agency texted me 25 times last week.", domain.ViolationExcessiveContact, none, ""},
		{"HundredsOfTimesEN", "This collector has called me hundreds of times.", domain.ViolationExcessiveContact, none, ""},
		{"EverySingleDayEN", "The collector calls every single day.", domain.ViolationExcessiveContact, none, ""},
		{"OncePerDayIsWithinEN", "They called 30 times in one month.", none, domain.ViolationExcessiveContact, ""},
		{"HundredsOfTimesToldEN", "I have told them hundreds of times that I moved.", none, domain.ViolationExcessiveContact, ""},
		// a threatened future contact is not contact made; past habit ("would call") and a threat after
		// real calls stay excessive contact
		{"SaidWillCallEverydayEN", "She laughed and stated she will call everyday for a year.", none, domain.ViolationExcessiveContact, ""},
		{"ThreatenedToCallDailyEN", "The agent threatened to call me daily at work.", none, domain.ViolationExcessiveContact, ""},
		{"WouldCallEveryDayEN", "Back then they would call me every day.", domain.ViolationExcessiveContact, none, ""},
		{"CalledAndSaidWillCallEN", "They called me every day and said they will call every day until I pay.", domain.ViolationExcessiveContact, none, "called me every day"},
	})
}

// TestUSPhrasingsSession10: how CFPB consumers contest a debt, state an omission or count calls in
// words the pack missed before session 10 (no balance owed, no contract signed, an amount padded or
// said to be false, the same debt collected again, a dispute then still reported; who it is owed to
// withheld, no chance to dispute; counts since a weekday, before noon, per weeks), and what must stay
// unflagged (a paid-in-full letter asked for, a validation letter sent, a demand to pay).
func TestUSPhrasingsSession10(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NoOutstandingDebtsEN", "I have no outstanding debts with any collection agency.", dispute, none, "have no outstanding debts"},
		{"NeverSignedContractEN", "I never signed a contract with this company or the original lender.", dispute, none, "never signed a contract"},
		{"InflatedBalanceEN", "They inflated the balance from 200 to 650 dollars.", dispute, none, "inflated the balance"},
		{"TackedOnFeesEN", "The agency tacked on extra fees that were never on my statement.", dispute, none, ""},
		{"SameDebtTwiceEN", "Two agencies are now reporting the same debt on my report.", dispute, none, ""},
		{"WhatDebtEN", "When the man called I asked him what debt are you talking about.", dispute, none, ""},
		{"NotMinesEN", "The account is not mines and I sent them the police report.", dispute, none, "is not mines"},
		{"ClaimedThenFalseEN", "The letter claims that I owe 900 dollars which is not true.", dispute, none, ""},
		{"ObjectionStillReportedEN", "I filed an objection. They still report it as past due.", dispute, none, "still report"},
		{"InHisNameOnlyEN", "The loan was in my father's name only and I am not a co-signer.", dispute, none, ""},
		{"CheckCashedEN", "They cashed my check for the settlement last spring.", dispute, none, "cashed my check"},
		{"WhoItIsOwedToEN", "The rep refused to tell me who it was owed to.", missing, none, ""},
		{"NoticeWithoutCreditorEN", "The notice they sent does not list the name of the original creditor.", missing, none, ""},
		{"NoChanceToDisputeEN", "I was never given a chance to dispute before it hit my report.", missing, none, ""},
		{"UnawareOfDebtEN", "I am completely unaware of this debt and got nothing from them.", missing, none, ""},
		{"TimesSinceWeekdayEN", "The collector called 12 times since Tuesday.", excess, none, "12 times since Tuesday"},
		{"CallsBeforeNoonEN", "I got 5 calls before noon from the same agency.", excess, none, "5 calls before noon"},
		{"CallsInWeeksEN", "My log shows 40 calls from their numbers in two weeks.", excess, none, ""},
		{"MorningsAndWeekendsEN", "They ring me early mornings and weekends.", excess, none, ""},
		{"PaidInFullLetterEN", "Please send me a paid in full letter for my records.", none, dispute, ""},
		{"ValidationLetterSentEN", "Their rep sent me the validation letter within a week.", none, missing, ""},
		{"DemandFullBalanceEN", "They want me to pay the full balance by Friday.", none, dispute, ""},
	})
}

// TestUSSession11RealPhrasings: how the real loan-complaint narratives of cfpb-extra (session 11) deny a
// debt, state an omission, list calls across commas, report a third party's contact, name unlawful
// interest or a lawyer about to act, written anew in their manner; and the consumer's own calls, rules
// that "did not apply", a balance that "has to be paid in full" and a threat of lawful action, which
// must stay unflagged. Every case fails on main.
func TestUSSession11RealPhrasings(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"DebtNotOwedEN", "Koala keeps chasing me for a debt not owed.", dispute, none, "debt not owed"},
		{"PayForItemNeverReceivedEN", "They want me to pay for a laptop that I never received.", dispute, none, ""},
		{"NeverDepositedEN", "The cash advance was never deposited into my account.", dispute, none, ""},
		{"NeverRequestedEN", "I never requested this line of credit.", dispute, none, ""},
		{"UsingMyInformationEN", "Someone has been using my personal information to take out loans.", dispute, none, ""},
		{"NotBelieveBelongsEN", "I do not believe the account belongs to me.", dispute, none, ""},
		{"BillUnawareOfEN", "There is a collection for a bill that I was unaware of.", dispute, none, ""},
		{"AsIfNeverPaidEN", "They charged it off as if I had never made any payments.", dispute, none, ""},
		{"SameDebtTwoAgenciesEN", "Two collection agencies are attempting to collect on the same debt.", dispute, none, ""},
		{"PaidThenBalanceEN", "I paid off the loan in March. Now they say I still have a balance.", dispute, none, ""},
		{"NotCreditedEN", "My payments were never credited to the account.", dispute, none, ""},
		{"LettersNoBalanceEN", "Their letters have no balance on them at all.", missing, none, ""},
		{"DoesNotSendLettersEN", "The rep told me her department does not send letters.", missing, none, ""},
		{"NeverInformedAttemptEN", "They never informed me that the call was an attempt to collect a debt.", missing, none, ""},
		{"NumbersListEN", "The agents were calling my home, my cell phone, while harassing me.", excess, none, ""},
		{"TimesListEN", "They call early mornings, late nights and on weekends.", excess, none, ""},
		{"StopThenTheyDoEN", "I asked them not to call, and they do.", stop, none, ""},
		{"PowerOfAttorneyEN", "My aunt has power of attorney for me. They refuse to talk to her and continue to call me.", stop, none, ""},
		{"ReportedByEmployerEN", "I got a call from my former employer saying a debt collector contacted them asking about my wages.", third, none, ""},
		{"DaughtersPluralEN", "The collector phoned my daughters about my loan.", third, none, ""},
		{"PersonalCellPhonesEN", "The calls came from their own personal cell phones.", unident, none, ""},
		{"NeverStatedNameEN", "The caller never stated the name of their company.", unident, none, ""},
		{"RateNotDisclosedEN", "The lender never disclosed the interest rate on the loan.", fees, none, ""},
		{"TripleDigitRateEN", "The rate was 180 % on a small loan.", fees, none, ""},
		{"TripleTheLoanEN", "They have collected triple the original loan amount.", fees, none, ""},
		{"NothingToPrincipalEN", "None of my payments went toward the principal.", fees, none, ""},
		{"AttorneysWillReachOutEN", "She said attorneys will reach out to me tomorrow if I do not pay.", falseRep, none, ""},
		{"PresentedAsAttorneyEN", "She presented herself as an attorney on the phone.", falseRep, none, ""},
		{"OwnCallsDailyEN", "I have called every day and nobody picks up.", none, excess, ""},
		{"RulesDidNotApplyEN", "The agent said the federal rules didn't apply to them.", none, dispute, ""},
		{"MustBePaidInFullEN", "The balance has to be paid in full by Friday.", none, dispute, ""},
		{"LawfulThreatEN", "They threatened me with sending the account to collections, which would hurt me badly.", none, threat, ""},
	})
}

// TestUSSession11HearsaySubjects: another person's own case told with that person as the sentence's
// subject and no cue word ("my neighbor's son was told…", "my cousin is getting calls…") is hearsay:
// below the routing threshold and NORMAL; the same subject with the complainant's own debt named
// ("about my loan") is the complainant's case reaching a third party. (language.en.hearsaySubjects,
// hearsayOwn; session 11.)
func TestUSSession11HearsaySubjects(t *testing.T) {
	us := mustPack(t, US)
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	hearsay := map[string]domain.ViolationType{
		"My neighbor's son was told by a debt collector that he would be arrested if he did not pay.": domain.ViolationFalseRepresentation,
		"My cousin is getting calls every day from a collector about his car loan.":                   domain.ViolationExcessiveContact,
		"My coworker's wife was threatened by a collector who said they would hurt her kids.":         domain.ViolationThreat,
		"My brother-in-law says a collector called his boss and told him about the debt.":             domain.ViolationThirdPartyContact,
	}
	for text, typ := range hearsay {
		if f, ok := us.Assess(Facts{Narrative: text}).Find(typ); !ok || f.Confidence >= 0.5 || f.Firsthand > 0 {
			t.Errorf("%q: want %s as hearsay below 0.5, got %+v", text, typ, f)
		}
		if a := us.Judge(Facts{Narrative: text}, "", now); a.Severity != domain.PriorityNormal {
			t.Errorf("%q: severity %s, want NORMAL", text, a.Severity)
		}
	}
	own := map[string]domain.ViolationType{
		"My cousin is getting calls every day about my loan.":                  domain.ViolationExcessiveContact,
		"My neighbor's daughter got a call asking if she knew me and my debt.": domain.ViolationThirdPartyContact,
	}
	for text, typ := range own {
		if f, ok := us.Assess(Facts{Narrative: text}).Find(typ); !ok || f.Confidence < 0.5 {
			t.Errorf("%q: want %s ≥ 0.5 (the complainant's own debt), got %+v", text, typ, f)
		}
	}
}
