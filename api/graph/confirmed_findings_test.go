package graph

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// confirmedFindings gives the narrative's phrases of confirmed violations only, and only those the
// caller's copy of the narrative holds at their place: an institution's copy has withheld values
// taken out, and a phrase holding one (or moved by one's removal) is dropped.
func TestConfirmedFindingsOnlyWhatTheCallerReads(t *testing.T) {
	filed := "催收员打给我同事张伟，说我是老赖"
	ev := func(src, phrase string, start int) domain.RuleEvidence {
		return domain.RuleEvidence{Source: src, Phrase: phrase, Start: start, End: start + len([]rune(phrase)), Rule: "X.1", Confidence: .9}
	}
	a := &domain.Assessment{Violations: []domain.SuggestedViolation{
		{Type: domain.ViolationType("THIRD_PARTY_CONTACT"), Evidence: []domain.RuleEvidence{ev("narrative", "打给我同事张伟", 3), ev("messages[0]", "找你同事", 0)},
			Legal: []domain.LegalReference{{Law: "民法典", Article: "第1033条"}}},
		{Type: domain.ViolationType("ABUSIVE_LANGUAGE"), Evidence: []domain.RuleEvidence{ev("narrative", "老赖", 14), ev("narrative", "老赖", 14)}},
		{Type: domain.ViolationType("THREAT"), Evidence: []domain.RuleEvidence{ev("narrative", "说我", 11)}},
	}}
	confirmed := []domain.ViolationType{"THIRD_PARTY_CONTACT", "ABUSIVE_LANGUAGE"}
	for _, tc := range []struct {
		name, narrative string
		want            map[domain.ViolationType][]string
	}{
		{"AsFiled", filed, map[domain.ViolationType][]string{"THIRD_PARTY_CONTACT": {"打给我同事张伟"}, "ABUSIVE_LANGUAGE": {"老赖"}}},
		// The name withheld from an institution: the phrase that held it, and the one it moved, go.
		{"NameWithheld", "催收员打给我同事，说我是老赖", map[domain.ViolationType][]string{"THIRD_PARTY_CONTACT": {}, "ABUSIVE_LANGUAGE": {}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := confirmedFindings(&domain.Complaint{Narrative: tc.narrative, Assessment: a, ConfirmedViolations: confirmed})
			if len(got) != len(tc.want) {
				t.Fatalf("%d findings, want %d (confirmed only): %+v", len(got), len(tc.want), got)
			}
			for _, f := range got {
				var phrases []string
				for _, e := range f.Evidence {
					if e.Source != "" || e.Rule != "" || e.Confidence != 0 {
						t.Errorf("%s: evidence carries more than the phrase: %+v", f.Type, e)
					}
					phrases = append(phrases, e.Phrase)
				}
				if w := tc.want[f.Type]; len(phrases) != len(w) || (len(w) > 0 && phrases[0] != w[0]) {
					t.Errorf("%s: phrases %q, want %q", f.Type, phrases, w)
				}
			}
		})
	}
	if got := confirmedFindings(&domain.Complaint{Narrative: filed, ConfirmedViolations: confirmed}); len(got) != 0 {
		t.Errorf("no assessment: %+v", got)
	}
}
