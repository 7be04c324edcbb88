package rules

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestSession17USDDDisputes: session 17 (usdd). A debt denied in classes the US lexicon lacked: the
// wrong person of the same name, a bill never sent to the insurer that was to pay it (or an insurer
// or a workers' compensation claim that was responsible), a date of delinquency called false or an
// entry that should have come off, a service cancelled in time, damage already there at move-in, a
// loan paid off by the lender that refinanced it, a settlement agreed, the consumer's information
// used by another, a dispute of an entry's inclusion, financial assistance that covered a bill,
// balance billing, a mixed-up file. The guards keep look-alikes unflagged: a card cancelled as a
// choice, a settlement asked for, an insurer named without a claim of cover.
func TestSession17USDDDisputes(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"PersonWhoIsNotMeEN", "The hospital says I rode in their ambulance, but the patient was a man who is not me.", dispute, none, ""},
		{"SameNameOtherBirthdateEN", "The judgment is for somebody with the same name but a different date of birth.", dispute, none, ""},
		{"NeverBilledInsuranceEN", "The clinic never billed my insurance for the visit and sent the full charge to a collector.", dispute, none, ""},
		{"SupposedToBeBilledToInsuranceEN", "That x-ray was supposed to be billed to my health insurance.", dispute, none, ""},
		{"InsurerResponsibleEN", "The other driver's auto insurance company was responsible for the ER bill.", dispute, none, ""},
		{"WorkersCompEN", "The surgery was a claim with workers compensation, it should never have come to me.", dispute, none, ""},
		{"DelinquencyDateFalseEN", "The date of first delinquency on the collection is wrong, they moved it forward by six years.", dispute, none, ""},
		{"ShouldHaveFallenOffEN", "This entry should have fallen off my report in 2019.", dispute, none, ""},
		{"CancelledInWritingEN", "I cancelled the membership in writing in March and still got a collection letter.", dispute, none, ""},
		{"CancellationNumberEN", "I have the cancellation number from the cable company.", dispute, none, ""},
		{"DamageAlreadyThereEN", "The landlord billed me for scratches that were already there when I moved in.", dispute, none, ""},
		{"WearAndTearEN", "They charged me for normal wear and tear on a four year old carpet.", dispute, none, ""},
		{"PaidOffByNewLenderEN", "That auto loan was paid off by the new lender when I refinanced.", dispute, none, ""},
		{"AgreedSettlementEN", "They will not honor the agreed settlement amount from last spring.", dispute, none, ""},
		{"SettledInFullEN", "The account was marked settled in full by the bank, and a new agency wants the rest.", dispute, none, ""},
		{"UsingMyInformationEN", "My cousin took the loan using my personal and banking information.", dispute, none, ""},
		{"DisputeInclusionEN", "I dispute the inclusion of this medical collection on my file.", dispute, none, ""},
		{"CharityCareEN", "I was approved for charity care at the hospital, yet they sent the bill to collections.", dispute, none, ""},
		{"BalanceBillingEN", "The anesthesiologist is balance billing me for an in-network surgery.", dispute, none, ""},
		{"MixedUpFilesEN", "The bureau mixed up our files, my father and I have the same name.", dispute, none, ""},
		// guards
		{"CancelledCardChoiceEN", "I cancelled my credit card last year because I did not use it.", none, dispute, ""},
		{"SettlementAskedEN", "I would like to reach a settlement on this balance, I know I owe it.", none, dispute, ""},
		{"InsurerNamedEN", "My insurance company gave me the number of a collector to call.", none, dispute, ""},
	})
}

// TestSession17USDDWeakFalseRepresentation: FALSE_REPRESENTATION's weak words (a suit or garnishment
// that happened, credit reporting, the statute's own words) never flag the type by themselves, however
// many of them a narrative holds (the pack's weakCap); one stated claim beside them still does.
func TestSession17USDDWeakFalseRepresentation(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"WeakWordsOnlyEN", "They sued me in 2019 and garnished my paycheck. The agency lied about the balance and reported it to the credit bureaus.", none, falseRep, ""},
		{"StatuteWordsAndSuitEN", "The collector made false and misleading statements, and later there was a lawsuit and a garnishment of my wages.", none, falseRep, ""},
		{"ClaimBesideWeakWordsEN", "They sued me last year, and now the caller said I would be arrested if I did not pay today.", falseRep, none, ""},
	})
	p := mustPack(t, US)
	a := p.Assess(Facts{Narrative: "They sued me in 2019 and garnished my paycheck. The agency lied about the balance and reported it to the credit bureaus."})
	if f, ok := a.Find(falseRep); !ok || f.Confidence > 0.45 || f.Firsthand > f.Confidence {
		t.Errorf("weak words alone: want FALSE_REPRESENTATION found at most 0.45 (firsthand no higher), got %+v", f)
	}
}

// TestSession17USDDWeakCapParsed: a pack's weakCap lies below the routing confidence.
func TestSession17USDDWeakCapParsed(t *testing.T) {
	doc := usPackJSON(t)
	bad := strings.Replace(string(doc), `"weakCap": 0.45`, `"weakCap": 0.5`, 1)
	if bad == string(doc) {
		t.Fatal("the US pack holds no weakCap")
	}
	if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), "weakCap") {
		t.Errorf("a weakCap at the routing confidence (%.1f): want an error, got %v", domain.RoutingConfidence, err)
	}
}

// TestSession17USDDAmountInGap: an English " ... " gap spans a CFPB amount ({$1,200.00}): a point or
// comma before a digit is part of a number, while ", " still ends the clause.
func TestSession17USDDAmountInGap(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"TwoSumsEN", "The original balance was {$420.00} but they are trying to collect {$1,900.00}.", dispute, none, "original balance was {$420.00} but they are"},
		{"BalanceKeepsGoingUpEN", "The balance of {$1,200.00} keeps going up every month.", dispute, none, ""},
		{"CommaStillEndsClauseEN", "The balance was {$1,200.00}, and it keeps going up with their interest.", none, none, ""},
	})
	p := mustPack(t, US)
	a := p.Assess(Facts{Narrative: "The original balance was 420, but they are happy to wait."})
	if f, ok := a.Find(dispute); ok && f.Confidence >= domain.RoutingConfidence {
		t.Errorf("a comma and a space end the clause: want no DEBT_DISPUTE, got %+v", f)
	}
}
