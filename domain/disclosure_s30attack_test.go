package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestInstitutionsReadNoUnfiledIDNumber (attack round 25, session 30): an institution reads free
// text without the filed values however written, but an ID number nobody filed went through as
// typed — by hand, a dispute's comment "我叫张伟，身份证 110105199001011232" on a complaint whose
// complainant refused to share the identity (WITHHELD) was read by the lender in the feedback and in
// the history's reason. Valid ID numbers standing alone are now redacted for institutions, with or
// without consent; contract and card numbers, and invalid or glued 18-digit runs, stay.
func TestInstitutionsReadNoUnfiledIDNumber(t *testing.T) {
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	for _, consent := range []bool{false, true} {
		c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded, Relation: domain.RelationSpouse,
			ConsentToShareIdentity: consent, Debtor: domain.Debtor{Name: "王小明"},
			Narrative: "我是他姐姐，他的身份证110105199001011232，我的１１０１０５１９９００１０１１２３２。合同号HT20250001，卡号6222021234567890123，流水123456789012345678。",
			Incidents: []domain.Incident{{From: "13900001111", Description: "身份证号110105199001011232被催收员念出来"}},
			Feedback:  &domain.Feedback{Comment: "我叫张伟，身份证 110105199001011232"}}
		got := domain.Disclose(agent, c)
		for _, text := range []string{got.Narrative, got.Incidents[0].Description, got.Feedback.Comment} {
			if strings.Contains(text, "110105199001011232") || strings.Contains(text, "１１０１０５") {
				t.Errorf("consent %v: the institution reads %q", consent, text)
			}
		}
		for _, kept := range []string{"6222021234567890123", "123456789012345678", "13900001111"} {
			if !strings.Contains(got.Narrative+got.Incidents[0].From, kept) {
				t.Errorf("consent %v: %s went from %q", consent, kept, got.Narrative)
			}
		}
		evs := domain.DiscloseHistory(agent, []domain.Event{{Action: domain.ActionDispute, Reason: c.Feedback.Comment}})
		if len(evs) != 1 || strings.Contains(evs[0].Reason, "110105199001011232") {
			t.Errorf("consent %v: the history's reason reads %+v", consent, evs)
		}
	}
}
