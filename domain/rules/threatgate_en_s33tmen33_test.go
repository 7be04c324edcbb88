package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Session 33 (tmen33): the English admission gate of the THREAT model (threatgate_en.go). With the
// model forced on, look-alikes the ungated model ranked URGENT stay below it, and collector-side veiled
// threats the rules alone miss are still found.
func TestThreatModelGateENLookAlikes(t *testing.T) {
	t.Setenv("REDLINE_THREAT_MODEL", "")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := tm33Pack(t, US, tm33On)
	for _, text := range []string{
		"In the TV show the mob guy ends up sleeping with the fishes",               // fiction (session 27)
		"Grandpa said he'd go fishing and never come back if grandma let him",       // family talk (session 27)
		"The collector said \"we'll find a solution that works for you.\"",          // an offer
		"He said \"I'll wait for your payment by Friday\" and sent a payment link.", // an offer
		"My husband said he would leave and never come back if we lost the house to this debt.",
	} {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if ev := tm33ModelEvidence(a); len(ev) > 0 || a.Severity == domain.PriorityUrgent {
			t.Errorf("%s: %s with model evidence %v, want neither", text, a.Severity, ev)
		}
	}
	for _, text := range []string{
		"The debt collector left a voicemail saying my house would look different with the windows broken and that I should pay before Friday.",
		"The company keeps calling my work. The man said they know what time I leave the building and that he might come by to have a conversation I will not enjoy.",
	} {
		off := tm33Pack(t, US, &ThreatModelUse{Model: "off"}).Judge(Facts{Narrative: text}, "", now)
		a := p.Judge(Facts{Narrative: text}, "", now)
		if off.Severity == domain.PriorityUrgent || a.Severity != domain.PriorityUrgent || len(tm33ModelEvidence(a)) == 0 {
			t.Errorf("%s: rules alone %s, with the gated model %s evidence %v; want not URGENT, then URGENT by model.threat", text, off.Severity, a.Severity, tm33ModelEvidence(a))
		}
	}
}
