package rules

import "testing"

// TestSession19CFPBThiefContact: session 19 (cfpb). A contact with the consumer's job made by a thief,
// an impostor or "someone" who stole the consumer's identity is no collector's contact with a third
// party (1692c(b) binds the collector): the class is the contact's subject, not the words of one text.
// Guard: the collector's call to the employer still flags.
func TestSession19CFPBThiefContact(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"StoleIdentityContactedJobEN", "Last year someone stole my identity, emptied my savings and even contacted my job to change my direct deposit.", none, third, ""},
		{"ScammerCalledEmployerEN", "A scammer who had my information called my employer and asked about my salary.", none, third, ""},
		{"ImpostorPretendingToBeMeEN", "The person who had my wallet phoned my boss pretending to be me and asked for an advance.", none, third, ""},
		// guard: the collector's own call
		{"CollectorCalledEmployerEN", "The collector called my employer and told my manager I owe them money.", third, none, ""},
	})
}

// TestSession19CFPBAdjustableRate: session 19 (cfpb). A rate that adjusts as the note says is the
// contract's own term, no fee or interest unlawfully collected (1692f(1) asks for an amount not
// authorised by the agreement). Guard: a rate the consumer calls illegal still flags.
func TestSession19CFPBAdjustableRate(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"AdjustableInterestRateEN", "My payments went up because of the adjustable interest rate on the mortgage.", none, fees, ""},
		{"VariableRateEN", "The loan has a variable interest rate and the monthly amount changed this year.", none, fees, ""},
		// guard
		{"IllegalInterestEN", "They charged me an illegal interest rate on top of the balance.", fees, none, ""},
	})
}

// TestSession19CFPBConsumersOwnLegalWords: session 19 (cfpb). Legal words that are the consumer's, not
// the collector's claim: the consumer's own threat ("I even threatened to call the police"), a notice
// of intent to sue that was never sent, the consumer's own call to a legal department. Guards: the
// collector's threat and a caller who claims to be from a legal department still flag.
func TestSession19CFPBConsumersOwnLegalWords(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"IThreatenedPoliceEN", "Nobody would tell me who broke into the house, and I even threatened to call the police to get an answer.", none, falseRep, ""},
		{"NoNoticeOfIntentToSueEN", "They never reached out to me nor did they send any mail to inform me of their intent to sue.", none, falseRep, ""},
		{"ISpokeToLegalDepartmentEN", "I called and spoke with a representative in their Legal Department today about the balance.", none, falseRep, ""},
		// guards
		{"CollectorThreatenedArrestEN", "The collector threatened to have me arrested at work if I did not pay today.", falseRep, none, ""},
		{"CallerFromLegalDepartmentEN", "The caller said she was from the legal department of the sheriff and a warrant would be issued unless I paid.", falseRep, none, ""},
	})
}
