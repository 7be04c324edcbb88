package rules

import "testing"

// TestSession27EnweakThirdParties: session 27 (enweak). A third party is one behind a quantifier
// ("a few of my coworkers") or beside the pronoun of the person first reached ("texted her and two of
// her cousins"), one named with an article ("contacted a relative"), the staff of the workplace asked
// ("asked the receptionist"); the complainant is one when called about a relative's debt ("about my
// nephew's car loan"), by a relative's creditor, or after being listed as someone's reference; and
// anyone asked to pay another person's debt ("asking her to pay his loan"). The consumer's own acts,
// and a neighbour found on a social site, are no contact.
func TestSession27EnweakThirdParties(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"QuantifierEN", "The agency texted a couple of my coworkers about the account last week.", third, none, ""},
		{"PronounAndHerKinEN", "They tracked my niece down on Instagram and messaged her and two of her cousins.", third, none, ""},
		{"ArticleRelativeEN", "On XX/XX/XXXX the lender contacted a relative of mine about the payments.", third, none, ""},
		{"ReceptionistEN", "A man from the agency came to the clinic and asked the receptionist where I was.", third, none, ""},
		{"AboutKinsDebtEN", "XXXX keeps calling me about my nephew's car loan even though I never signed anything.", third, none, ""},
		{"KinsCreditorEN", "My ex-wife's creditor has been texting me every week since XXXX.", third, none, ""},
		{"ListedReferenceEN", "My coworker listed me as a reference on his payday loan. Now the lender calls me every afternoon.", third, none, ""},
		{"AskedToPayHisEN", "The collector keeps phoning my aunt and asking her to pay his balance, as if she owed it.", third, none, ""},
		// guards: own acts and a quantifier of the consumer's own
		{"OwnQuantifierEN", "I asked a few of my friends whether they knew a good lawyer.", none, third, ""},
		{"OwnReceptionistEN", "I asked the receptionist at the clinic for a copy of my bill.", none, third, ""},
		{"ReferenceOnlyEN", "My cousin put me down as a reference when he applied, which is fine with me.", none, third, ""},
		{"OwnRentShareEN", "I asked her to pay his share of the rent while he was away.", none, third, ""},
		{"AgentOperatorEN", "The agent asked the operator to transfer my call to the billing department.", none, third, ""},
		{"CreditorsSecretaryEN", "The collector spoke to the secretary of the law firm that represents the creditor.", none, third, ""},
	})
}

// TestSession27EnweakDisclosure: session 27 (enweak). Once a third party is reached, the debt told
// as a relative's ("saying her father owes money"), the debtor called a thief or a fraud, "a debt I
// owe", "to discuss this matter", a demand that she pay it; a voicemail on a shared or work line that
// a colleague or relative got, or loud words at the workplace others heard, publish it. Others told
// of the weather, a message left by one's son, the consumer's own talk are no disclosure.
func TestSession27EnweakDisclosure(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"KinOwesEN", "The collector messaged my son on Facebook saying his father owes them money.", privacy, none, ""},
		{"CalledThiefEN", "They phoned my sister and told her my husband was a thief.", privacy, none, ""},
		{"DebtIOweEN", "Their agent called my supervisor about a debt I owe to a furniture store.", privacy, none, ""},
		{"DiscussMatterEN", "The branch manager admitted she called my employer to discuss the matter.", privacy, none, ""},
		{"DemandedSheEN", "They called my mother and demanded that she pay my credit card balance.", privacy, none, ""},
		{"VoicemailGotEN", "The company left a voicemail on our family phone about the loan. My brother got the message before I did.", privacy, none, ""},
		{"LoudHeardEN", "The collector stood at my desk talking loudly about the balance. My coworkers heard every word.", privacy, none, ""},
		// guards
		{"OwnSonMessageEN", "My son left a message for me at work about dinner, and my manager got the message.", none, privacy, ""},
		{"LoudLineEN", "The agent said loudly that he could not hear me.", none, privacy, ""},
		{"FacebookOwnPostEN", "I saw on Facebook that other people get these calls too.", none, privacy, ""},
	})
}

// TestSession27EnweakFalseRep: session 27 (enweak). Jail told as the consumer's or a relative's
// future by the collector, an arrest threatened in quotes, a third party told of a legal duty to pay
// another's debt or of being responsible for it, misrepresent (1692e(4), (2)(A)); the complainant's
// own fear and a relative's real sentence do not.
func TestSession27EnweakFalseRep(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"ToldGoingToJailEN", "The rep told my mother that I was going to jail if the balance was not paid.", falseRep, none, ""},
		{"InsultWhoJailEN", "He called me a deadbeat who was going to prison.", falseRep, none, ""},
		{"QuotedArrestEN", "The woman said they would \"have me arrested\" at work on Monday.", falseRep, none, ""},
		{"LegalObligationEN", "She insisted that I have a legal obligation to pay his loan because we are related.", falseRep, none, ""},
		{"ResponsibleForHisEN", "The agent told me that I was personally responsible for his credit card since I am his sister.", falseRep, none, ""},
		// guards
		{"OwnFearJailEN", "I was afraid I was going to jail.", none, falseRep, ""},
		{"RelativeSentenceEN", "My son is going to prison next month for an unrelated case, and I handle his mail.", none, falseRep, ""},
		{"OwnObligationEN", "I had a legal obligation to pay my own loan and I paid it.", none, falseRep, ""},
	})
}

// TestSession27EnweakUnknownNumber: session 27 (enweak). A caller's number the consumer does not
// recognise is no debt denied; an address or a number the consumer never had, on an application,
// still is.
func TestSession27EnweakUnknownNumber(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"TextsUnknownNumberEN", "They texted me from a number I don't recognize saying my file was escalated.", none, dispute, ""},
		{"CallerIDUnknownEN", "The caller ID showed a phone number I did not recognize, so I let it ring.", none, dispute, ""},
		// guard: the identity-theft form stays
		{"NeverHadNumberEN", "The application lists an address I never lived at and a phone number I never had.", dispute, none, ""},
	})
}
