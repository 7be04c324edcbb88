package rules

import "testing"

// TestSession26CFPBDisputeForms: session 26 (cfpb). The consumer's own missed payments ("I was
// missing payments", a verb) are not payments missing from the ledger, and an amount paid so far
// ("on top of the $9,000 we already paid them") claims no payment of the debt. Payments the ledger
// lost and a payment of the debt claimed still flag.
func TestSession26CFPBDisputeForms(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"OwnMissedPaymentsEN", "Nobody told me autopay was off, so I was missing payments for three months before I noticed.", none, dispute, ""},
		{"KeptMissingPaymentsEN", "After the servicer changed, I kept missing payments because the new portal never showed a due date.", none, dispute, ""},
		{"AmountSoFarEN", "The lender wants another {$4000.00} on top of the {$9000.00} we already paid them before it will release the title.", none, dispute, ""},
		// guards: payments missing from the ledger; a payment of the debt claimed
		{"LedgerMissingEN", "Their statement shows missing payments for June and July that my bank shows they cashed.", dispute, none, ""},
		{"AlreadyPaidEN", "They are collecting {$700.00} that I already paid them in full last spring.", dispute, none, ""},
	})
}

// TestSession26CFPBCoordinatedRefusal: session 26 (cfpb). A refusal of proof coordinated after
// another refusal ("refused to remove the collection … and provide sufficient proof the debt was
// owed") is MISSING_DISCLOSURE as "refused to provide proof" is; a refusal to delete alone is not.
func TestSession26CFPBCoordinatedRefusal(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"CoordinatedRefusalEN", "The agency refused to delete the collection and provide adequate proof that I owed it.", missing, none, ""},
		{"FailedCoordinatedEN", "Each time the collector failed to correct my file and send any documentation for the balance.", missing, none, ""},
		// guard: a refusal to delete, with no proof asked
		{"RefusedDeleteOnlyEN", "The agency refused to delete the late payment from my report after I paid the balance.", none, missing, ""},
	})
}
