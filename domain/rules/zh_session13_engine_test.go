package rules

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestSession13ScopeHearsayInsideMatch: a hearsay cue that begins at or before a hit and ends inside
// it ("听同事说…" where a {THIRD} hit starts at 听) scopes the hit as hearsay; a cue that shares only
// its last rune with the hit (the 说 of "找我朋友说她借了钱", reported speech) does not.
func TestSession13ScopeHearsayInsideMatch(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	for _, legacy := range []bool{false, true} {
		doc, _ := BuiltinDocument(CN)
		q, _ := Parse(doc)
		q.legacyScan = legacy
		for _, pk := range []*Pack{p, q} {
			a := pk.Judge(Facts{Narrative: "听同事说她也接到了催收电话。"}, "", now)
			v := findViolation(a.Violations, domain.ViolationThirdPartyContact)
			if v == nil || v.Confidence >= 0.45 || len(v.Evidence) == 0 || !slices.Contains(v.Evidence[0].Modifiers, "hearsay") {
				t.Fatalf("legacy=%v: hearsay cue inside the match not scoped: %+v", legacy, a.Violations)
			}
			a = pk.Judge(Facts{Narrative: "催收找我朋友说她借了钱不还。"}, "", now)
			if v := findViolation(a.Violations, domain.ViolationPrivacyDisclosure); v == nil || v.Confidence < 0.45 {
				t.Fatalf("legacy=%v: reported speech taken for hearsay: %+v", legacy, a.Violations)
			}
		}
	}
}

func findViolation(vs []domain.SuggestedViolation, typ domain.ViolationType) *domain.SuggestedViolation {
	for i := range vs {
		if vs[i].Type == typ {
			return &vs[i]
		}
	}
	return nil
}
