package rules

import "testing"

// TestS34Enprec34FalseFlags: session 34 (enprec34), the US pack's false flags by mechanism, as the tenth
// writer's predecessor (blind-s33 en) showed them: a police report of a threat is no debt dispute, nor is the
// right to dispute merely described; a fee disclosed in the agreement or a rate allowed by law is no unlawful
// fee; a relative's insult is not the collector's. Each of these flagged on session 33's main.
func TestS34Enprec34FalseFlags(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"PoliceReportOfThreat", "After the voicemail about my kids I filed a police report at the sheriff's office.", none, dispute},
		{"RightToDisputeDescribed", "Their notice gave me thirty days in which I could dispute the balance, and the balance is correct.", none, dispute},
		{"FeeDisclosed", "They added a late fee of {$25.00}, which is disclosed in my loan agreement.", none, fees},
		{"RateAllowedByLaw", "The lender charges interest at the rate allowed by state law, and I accepted it when I signed.", none, fees},
		{"KinInsult", "My cousin called me a freeloader when I asked to borrow money for the payment.", none, abuse},
		// still flagged, as they should be
		{"DisputeIgnored", "I disputed the balance in writing on May 2 and they never answered, they just kept calling for the full amount.", dispute, none},
		{"CollectorInsult", "The collector called me a freeloader and a deadbeat on the phone.", abuse, none},
	})
}
