package rules

import "testing"

// TestSession18CFDDDisputes: session 18 (cfdd). A debt denied in classes rather than listed wordings:
// any insurer or public plan (the INSURER_EN class: Medicaid, Medicare, Tricare, workers' comp…)
// that paid or covered the bill, a balance that should be zero, the statute of limitations passed in
// any words, a vehicle sold or no longer owned, a deceased relative's debt, liability denied for a
// debt of any holder, a refusal to pay more than owed, a debt paid by a court or trustee on the
// consumer's behalf, a 1099-C received, the same bill collected again after it was closed, an
// amount that moves, a property bought for cash, interest the creditor never charged added by the
// collector. The guards keep look-alikes unflagged: a refusal to pay as such (a 1692c(c) notice),
// a statute of limitations not yet passed, a plan named without a claim of cover, a validation
// request that lists a 1099-C, a car sold by the lender.
func TestSession18CFDDDisputes(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"CoveredByMedicaidEN", "That visit was covered by my Medicaid, the provider knows it.", dispute, none, ""},
		{"TricarePaidEN", "Tricare paid the claim for the surgery in full last year.", dispute, none, ""},
		{"BalanceShouldBeZeroEN", "After the adjustment the balance should be zero.", dispute, none, ""},
		{"BeyondStatuteEN", "This card debt is well beyond the statute of limitations in Ohio.", dispute, none, ""},
		{"StatuteRanOutEN", "The statute of limitations on this debt has long expired.", dispute, none, ""},
		{"NoLongerOwnerEN", "The tolls are from after I was no longer the owner of the car.", dispute, none, ""},
		{"BillOfSaleEN", "I have the bill of sale from when I sold the truck in 2019.", dispute, none, ""},
		{"DeceasedMotherEN", "They keep calling about my mother who passed away in 2015.", dispute, none, ""},
		{"LateFathersCardEN", "The agency wants me to pay my late father's credit card.", dispute, none, ""},
		{"NotLiableAnyHolderEN", "I am not legally responsible for my brother's loan.", dispute, none, ""},
		{"NeverAgreedLiableEN", "I never agreed to be liable for her apartment.", dispute, none, ""},
		{"RefuseToPayMoreEN", "I refuse to pay more than the bed was worth.", dispute, none, ""},
		{"TrusteePaidEN", "The bankruptcy trustee paid the HOA on our behalf.", dispute, none, ""},
		{"Received1099CEN", "The bank sent me a 1099-C for this card in 2020 and I filed it on my taxes.", dispute, none, ""},
		{"SameBillClosedEN", "It is the same bill that was closed by the first agency.", dispute, none, ""},
		{"AmountMovesEN", "The amount of the debt increased and then dropped again between two letters.", dispute, none, ""},
		{"PaidCashEN", "I paid cash for the house, there was no mortgage on it.", dispute, none, ""},
		{"TheirOwnInterestEN", "The agency added their own interest to a medical bill that was not interest-bearing.", dispute, none, ""},
		// guards
		{"RefuseToPayNoticeEN", "I told them in writing that I refuse to pay this debt.", none, dispute, ""},
		{"StatuteNotPassedEN", "The collector said the debt is not beyond the statute of limitations yet.", none, dispute, ""},
		{"PlanNamedEN", "My Medicaid card came in the mail last week.", none, dispute, ""},
		{"ValidationListsFormEN", "Please send the chain of title and IRS Form 1099-C if applicable.", none, dispute, ""},
	})
}

// TestSession18CFDDOwnIntentToSue: a notice of intent to sue that the consumer writes is no false
// claim of the collector's; the collector's own announced intent still is.
func TestSession18CFDDOwnIntentToSue(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"OwnNoticeOfIntentEN", "This letter is to provide you with knowledge of intent to sue.", none, falseRep, ""},
		{"MyIntentToSueEN", "Let this serve as notice of my intent to sue your company.", none, falseRep, ""},
		{"CollectorIntentEN", "The collector sent me a letter of their intent to sue me by Friday.", falseRep, none, ""},
	})
}
