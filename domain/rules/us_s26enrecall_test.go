package rules

import "testing"

// TestSession26EnrecallThirdParties: session 26 (enrecall). A third party is still one with a
// modifier between the possessive and the relative ("my adult daughter", "my next-door neighbour",
// "my 16 year old nephew's phone"), at the front desk or HR of the consumer's work, when the relative
// "has received calls", or tagged in a post; the own-subject scope passes over an "I" of a
// subordinate clause ("… while I was out and told my roommate"). The consumer's own call is still
// the consumer's.
func TestSession26EnrecallThirdParties(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"ModifiedKinEN", "The agency keeps phoning my grown daughter at her apartment to ask where I am.", third, none, ""},
		{"NumberAgeKinEN", "A collector texted my 16 year old nephew's phone about the car loan.", third, none, ""},
		{"FrontDeskEN", "Their rep called the receptionist at my office twice on Tuesday looking for me.", third, none, ""},
		{"KinHasReceivedEN", "My uncle has also received several calls from the collection agency about me.", third, none, ""},
		{"TaggedKinEN", "The company posted about the loan on Instagram and tagged my cousin in it.", third, none, ""},
		{"SubordinateIEN", "A collector came by the house while I was out and told my roommate to have me call about the balance.", third, none, ""},
		// guards: the consumer's own act, with or without a subordinate clause before it
		{"OwnCallEN", "I phoned my grown daughter to ask her to lend me the money for the settlement.", none, third, ""},
		{"OwnAfterWhileEN", "While I was on hold with the agency, I texted my brother and asked him for advice.", none, third, ""},
	})
}

// TestSession26EnrecallDisclosure: session 26 (enrecall). Once a third party is reached, the debt
// told to them with its kind ("my overdue hospital bill"), its amount ("the amount I owe"), a
// request that they pay it, or "that I owed" after their name is PRIVACY_DISCLOSURE; a slur or the
// debt shouted at the door with neighbours watching is one too.
func TestSession26EnrecallDisclosure(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"KindOfDebtEN", "The collector phoned my boss and went over my overdue hospital bill with him.", privacy, none, ""},
		{"AmountOwedEN", "They contacted my grandmother and disclosed the amount I owe to her.", privacy, none, ""},
		{"AskedToPayEN", "A rep called my father and kept asking him to pay off my student loan.", privacy, none, ""},
		{"ThatIOwedAfterNameEN", "The agent emailed my supervisor that I owed them for a credit card.", privacy, none, ""},
		{"ShoutedNeighboursEN", "He stood in the parking lot screaming that I was a thief. The neighbours watched from their windows.", privacy, none, ""},
		// guards: a relative's own debt; a slur on the phone with nobody around
		{"RelativesOwnDebtEN", "My sister says a collector phoned her office about her car payments.", none, privacy, ""},
		{"SlurOnPhoneEN", "The caller shouted that I was a liar and hung up.", none, privacy, ""},
	})
}

// TestSession26EnrecallIdentity: session 26 (enrecall). The caller's or sender's own name missing,
// said as a noun phrase ("a voicemail with no company name", "without any name of the agency"), and
// the question who they work for answered with a refusal or a hang-up, are UNIDENTIFIED_COLLECTOR;
// the creditor's name missing stays MISSING_DISCLOSURE's only.
func TestSession26EnrecallIdentity(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NoCompanyNameEN", "The voicemail asked me to call back about a file, with no company name at all.", unident, none, ""},
		{"NoNameOfAgencyEN", "I got a collection notice in the mail without any name of the agency on it.", unident, none, ""},
		{"AskedWhoRefusedEN", "I asked the woman which agency she was calling from and she declined to say.", unident, none, ""},
		{"AskedNameHungUpEN", "When I asked for the name of his company, the man hung up.", unident, none, ""},
		// guards: the creditor's name withheld; an identity given
		{"NoCreditorNameEN", "The notice gave no creditor name, only a balance.", none, unident, ""},
		{"IdentifiedEN", "I asked which company he worked for and he told me XXXX Recovery and gave his extension.", none, unident, ""},
	})
}

// TestSession26EnrecallFalseRep: session 26 (enrecall). A collector who claims to work for an office
// of the state, threatens criminal charges, or threatens to take exempt benefits or a tax refund
// misrepresents (1692e(4), (5), (7)); a benefit actually levied after a judgment is not a threat.
func TestSession26EnrecallFalseRep(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"StateOfficeEN", "The caller claimed to work for the federal government and said I owed a penalty.", falseRep, none, ""},
		{"CriminallyEN", "She told me I was going to be criminally prosecuted over the phone bill.", falseRep, none, ""},
		{"BenefitsThreatEN", "The agent said they could cut off my disability benefits if I kept ignoring them.", falseRep, none, ""},
		{"RefundPassiveEN", "The letter says my tax refunds will be intercepted unless I pay this store card.", falseRep, none, ""},
		// guard: a levy that happened, told as a fact
		{"LevyHappenedEN", "After the judgment the bank froze my account and I lost a week of groceries.", none, falseRep, ""},
	})
}

// TestSession26EnrecallCountsAndFees: session 26 (enrecall). A count in one day ("5 more times
// that same day"), more than seven calls in a span of seven days or fewer, and calls logged by the
// dozen are EXCESSIVE_CONTACT; fees added onto the balance are UNLAWFUL_FEES; a letter that included
// the validation notice is no omission.
func TestSession26EnrecallCountsAndFees(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"MoreTimesSameDayEN", "After I hung up they rang me 5 more times the same day.", excess, none, ""},
		{"SpanEN", "I counted 9 calls from them in what was a five-day span.", excess, none, ""},
		{"LoggedEN", "Over two months I documented 41 calls from this agency.", excess, none, ""},
		{"FeesOntoBalanceEN", "The agency tacked on {$95.00} of collection costs to my original balance.", fees, none, ""},
		{"NoticeIncludedEN", "Their letter contained the validation notice, and I just want to set up a plan.", none, missing, ""},
		// guard: the consumer's own sums
		{"OwnAddedUpEN", "I added up all the payments on my account to check the balance.", none, fees, ""},
	})
}
