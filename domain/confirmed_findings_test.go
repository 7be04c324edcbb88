package domain_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// ConfirmedFindings gives the narrative's phrases of confirmed violations only, and only those the
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
			got := (&domain.Complaint{Narrative: tc.narrative, Assessment: a, ConfirmedViolations: confirmed}).ConfirmedFindings()
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
	if got := (&domain.Complaint{Narrative: filed, ConfirmedViolations: confirmed}).ConfirmedFindings(); len(got) != 0 || got == nil {
		t.Errorf("no assessment: %+v", got)
	}
}

// ConfirmedFindings on the copy Disclose hands each reader: the complainant who filed sees the
// phrase that names the debtor, the recipient institution without consent to share the identity
// does not (its narrative has the name taken out), and no one sees a phrase of pasted messages.
func TestConfirmedFindingsOfDisclosedCopies(t *testing.T) {
	narrative := "催收员说张伟是老赖"
	c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded,
		Debtor: domain.Debtor{Name: "张伟"}, Narrative: narrative, ConfirmedViolations: []domain.ViolationType{"ABUSIVE_LANGUAGE"},
		Assessment: &domain.Assessment{Violations: []domain.SuggestedViolation{{Type: "ABUSIVE_LANGUAGE", Evidence: []domain.RuleEvidence{
			{Source: "narrative", Phrase: "张伟是老赖", Start: 4, End: 9}, {Source: "messages[0]", Phrase: "老赖", Start: 0, End: 2}}}}}}
	for _, tc := range []struct {
		name  string
		actor domain.Actor
		want  int
	}{
		{"Complainant", domain.Actor{UserID: 7, Role: domain.RoleComplainant}, 1},
		{"RecipientWithoutConsent", domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := domain.Disclose(tc.actor, c).ConfirmedFindings()
			if len(got) != 1 || got[0].Type != "ABUSIVE_LANGUAGE" || len(got[0].Evidence) != tc.want {
				t.Fatalf("findings %+v, want ABUSIVE_LANGUAGE with %d phrase(s)", got, tc.want)
			}
		})
	}
}
