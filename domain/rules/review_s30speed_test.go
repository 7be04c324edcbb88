package rules

import (
	"testing"
	"time"
)

// TestS30GateReadsTheSameWhateverLiesBeyond: whether a gate's phrase stands before a first fact does
// not depend on first facts further on that no later fact reaches. Before session 30 (speed) the
// gate's phrases were read up to the end of the sentence holding the last first fact anywhere in the
// text, so a clause running across an ASCII ". " sentence end was read whole or cut depending on
// whether an unrelated person or thing of the complainant's ("你家猫") stood later on: the same threat
// was URGENT without the cat and NORMAL with it. The review of session 30's speed work found the
// difference between the two versions (its one inexact case); this test keeps the consistent one.
func TestS30GateReadsTheSameWhateverLiesBeyond(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	p := mustPack(t, CN)
	for _, base := range []string{"他们“狗啊得小心. 「嗯」。", "催收员发来：“你儿子得小心. 「嗯」。"} {
		alone := p.Judge(Facts{Narrative: base}, "", now)
		for _, tail := range []string{"你家猫很好。", "我妈身体很好。我老婆上班去了。"} {
			with := p.Judge(Facts{Narrative: base + tail}, "", now)
			if alone.Severity != with.Severity || alone.SuggestedReferral != with.SuggestedReferral {
				t.Errorf("%q: severity %s referral %q alone, %s %q with %q after it", base, alone.Severity, alone.SuggestedReferral, with.Severity, with.SuggestedReferral, tail)
			}
		}
	}
}
