package rules

import "testing"

// TestSession24CFPrecThirdParties: session 24 (cfprec). A third party reached by the collector is
// still one when the CFPB's redaction mask or an age stands between "my" and the relative ("my XXXX
// XXXX father", "my XXXX year old grandmother"), when the relative is a step- or in-law compound
// ("my step-son"; "my sister-in-law" was read already), and when the third parties are named without "my" ("calls
// friends, work, relatives", "contacting family members"). The consumer's own call is still not one.
func TestSession24CFPrecThirdParties(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"MaskedKinEN", "Once I disputed the account they began phoning my XXXX XXXX uncle and telling him about the balance.", third, none, ""},
		{"MaskedAgeKinEN", "The agency called my XXXX year old mother three times asking for my new address.", third, none, ""},
		{"StepKinEN", "A collector contacted my step-daughter on Facebook about my unpaid bill.", third, none, ""},
		{"BarePluralEN", "This company keeps contacting relatives and coworkers of mine about the account.", third, none, ""},
		// guards: an in-law compound already read (its head word is kin); the consumer's own contact of kin
		{"InLawKinEN", "The rep called my son-in-law at work and said I was behind on my loan.", third, none, ""},
		{"OwnMaskedKinEN", "I called my XXXX XXXX brother to borrow the money for the settlement.", none, third, ""},
		{"OwnBarePluralEN", "I contacted relatives to help me pay the balance, and the account is now closed.", none, third, ""},
	})
}

// TestSession24CFPrecFalseRepScope: session 24 (cfprec). FALSE_REPRESENTATION's crime claim is the
// collector's claim that the consumer committed one; the consumer's accusation that the company
// commits fraud is not it. The law stated of any collector ("it is illegal for a debt collector to
// pretend to be a lawyer") is a norm, not a fact; a case filed with a payment app is no lawsuit.
func TestSession24CFPrecFalseRepScope(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"TheyCommitFraudEN", "In my view the collector has committed fraud by adding charges I never agreed to.", none, falseRep, ""},
		{"CompanyCommittingFraudEN", "The bank is committing fraud and I want this account deleted.", none, falseRep, ""},
		{"NormOfAnyCollectorEN", "It is unlawful for any debt collector to pretend to be a lawyer, so please investigate this agency.", none, falseRep, ""},
		{"CaseWithPaymentAppEN", "The buyer had filed a case with PayPal, and PayPal then sent my balance to collections.", none, falseRep, ""},
		// guards: the collector's crime claim, an attorney posed as, a lawsuit claimed
		{"SaidICommittedFraudEN", "The agent said I had committed fraud by not paying and could go to jail.", falseRep, none, ""},
		{"PretendedAttorneyEN", "The man on the phone pretended to be an attorney from the county.", falseRep, none, ""},
		{"ClaimedSuitFiledEN", "The collector told me they had already filed a lawsuit against me.", falseRep, none, ""},
	})
}

// TestSession24CFPrecOwnContact: session 24 (cfprec). The consumer's own repeated contact of the
// company's side, said without a subject ("Have repeatedly contacted this billing company") or after
// "and" ("… and had numerous calls with their team"), is no EXCESSIVE_CONTACT; the collector's
// repeated calls still flag.
func TestSession24CFPrecOwnContact(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"SubjectlessOwnEN", "Have constantly called the hospital billing office to fix the claim, still nothing.", none, excess, ""},
		{"AndHadCallsWithEN", "I mailed a dispute and had multiple calls with their support team about the invoice.", none, excess, ""},
		// guard
		{"CollectorRepeatedlyEN", "The collection agency repeatedly called me at home and at work about the card.", excess, none, ""},
	})
}
