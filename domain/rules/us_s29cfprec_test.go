package rules

import "testing"

// TestSession29CFPrecFeeMentions: session 29 (cfprec). A fee or rate only named is no fee charged:
// a fee asked about and denied, a fee waived or promised waived, fees that stopped, a refund asked
// for a service fee the consumer paid, a fixed or low rate described. A fee added, a fee never
// agreed to and a fixed rate of 36 % or more still flag.
func TestSession29CFPrecFeeMentions(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"FeeAskedEN", "When I closed the account I asked the agent if there were any additional fees. I was told no.", none, fees, ""},
		{"FeeWaivedEN", "The supervisor said the late fees would be waived because the mistake was on their side.", none, fees, ""},
		{"FeeWaiveAgreedEN", "The servicer agreed to waive all interest and late fees while my claim was reviewed.", none, fees, ""},
		{"FeesStoppedEN", "Interest and late fees stopped the month the account went into the forbearance program.", none, fees, ""},
		{"ServiceFeeRefundEN", "I want a refund of the monthly membership fee for the app I cancelled in May.", none, fees, ""},
		{"FixedRateEN", "Our loan has a fixed interest rate of 6 % for the whole term, and the payment never changes.", none, fees, ""},
		// guards: a fee added, a fee never agreed, a fixed rate that is usurious, a waiver refused
		{"FeeAddedEN", "The agency added a {$45.00} collection fee to my balance that I never agreed to.", fees, none, ""},
		{"FixedHighRateEN", "The lender gave me a fixed interest rate of 160 % on a {$900.00} loan.", fees, none, ""},
		{"FeesNotWaivedEN", "They charged me late fees every month even though my payment was early.", fees, none, ""},
	})
}

// TestSession29CFPrecDisputeLookAlikes: session 29 (cfprec). A card transaction disputed with a
// bank or card issuer, the consumer's accusation that the lender commits fraud, and earlier loans
// paid off are no debt disputed with a collector. A charge disputed with the collector, identity
// theft by someone else and a paid debt still flag.
func TestSession29CFPrecDisputeLookAlikes(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"CardDisputeBankEN", "I filed a chargeback with my credit card company for a duplicate charge from an airline.", none, dispute, ""},
		{"DisputeChargeOnCardEN", "I disputed a double charge on my credit card with the issuer and it was reversed.", none, dispute, ""},
		{"AccusationEN", "The lender has a fraudulent lien on my truck and is committing fraud and identity theft with my signature.", none, dispute, ""},
		{"EarlierLoansEN", "My three previous loans with them had been paid in full before I took this one, so I expected better terms.", none, dispute, ""},
		// guards: a charge disputed with the collector; identity theft by another; a debt paid
		{"ChargeWithCollectorEN", "I disputed the charges with the collection agency because I never had an account with that clinic.", dispute, none, ""},
		{"SomeoneElseEN", "Someone committed identity theft and opened this account in my name; the collector still calls.", dispute, none, ""},
		{"PaidDebtEN", "The collector is demanding a loan that I already paid in full in 2020.", dispute, none, ""},
	})
}

// TestSession29CFPrecAmountsTaken: session 29 (cfprec). A sum taken or billed beyond what was
// authorised, agreed or owed, the collector's sum set against the sum a bill or creditor states,
// and the collector's claim disputed are a disputed amount. A sum asked with no contrast is not.
func TestSession29CFPrecAmountsTaken(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"TookMoreThanAuthorizedEN", "The collector withdrew more from my savings account than I authorized on the phone.", dispute, none, ""},
		{"DeductedMoreThanShouldEN", "They deducted more than they were supposed to from my paycheck last Friday.", dispute, none, ""},
		{"AmountsContrastedEN", "The agency is billing me for {$1200.00} but the clinic's invoice says I owe {$480.00}.", dispute, none, ""},
		{"ClaimDisputedEN", "I have disputed their claim that the account is mine three times by certified mail.", dispute, none, ""},
		// guards: an amount asked alone; the consumer paying more than the minimum
		{"AmountAskedEN", "The agency is asking me for {$1200.00} and offered a payment plan of {$100.00} a month.", none, dispute, ""},
		{"PaidMoreThanMinimumEN", "I always paid more than the minimum because I wanted the card paid down by summer.", none, dispute, ""},
	})
}

// TestSession29CFPrecOwnCountedContact: session 29 (cfprec). A counted frequency whose subject is
// the consumer ("I have emailed their billing department multiple times a week", "my husband and I
// phoned the agency several times a day") is the consumer's own contact, not the collector's; the
// collector's counted calls, also when the consumer is the object of a passive, still flag.
func TestSession29CFPrecOwnCountedContact(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"OwnEmailsWeekEN", "I have emailed their customer support team multiple times a week since June about the wrong due date.", none, excess, ""},
		{"OwnCallsCoupleEN", "My sister and I called the loan servicer several times a day to get the escrow fixed.", none, excess, ""},
		// guards: the collector's counted calls; the consumer called by them
		{"TheirCallsEN", "The collector and his manager called me five times a day for a month.", excess, none, ""},
		{"PassiveCalledEN", "I was called by them several times a day for a month.", excess, none, ""},
	})
}
