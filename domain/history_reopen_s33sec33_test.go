package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestReopenReasonKeepsNoThirdPartyContact (session 33, sec33, session 32's leftover): a reopening's
// new facts reach the institution the complaint is forwarded to again (walk32), redacted as the
// narrative is for it. The contacts the complainant gives of the people on their side — a
// relative beyond the household, the employer or a colleague, named or not, the label in
// brackets — reached that institution as typed; they are taken out now, in the reason and in the
// narrative alike, while the collector's numbers stay.
func TestReopenReasonKeepsNoThirdPartyContact(t *testing.T) {
	text := "办结后催收员（电话 021-55501234）又打到我单位领导李强的电话13800138000，还联系了我的同事王芳（手机13700001111）、" +
		"我表哥的电话是 136-0000-2222，以及我的房东微信 fangdong_88。"
	reopened := domain.Event{Action: domain.ActionReopen, Reason: text, Details: map[string]any{"closedAt": "2026-12-01T00:00:00Z"}}
	first := domain.Event{Action: domain.ActionForward, Details: map[string]any{"recipients": []any{float64(3)}, "target": "LENDER"}}
	again := domain.Event{Action: domain.ActionForward, Details: map[string]any{"recipients": []int64{3}, "target": "LENDER"}}
	lender := domain.Actor{UserID: 9, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	var got string
	for _, e := range domain.DiscloseHistory(lender, []domain.Event{first, reopened, again}) {
		if e.Action == domain.ActionReopen {
			got = e.Reason
		}
	}
	c := &domain.Complaint{ID: "c", Narrative: text, Recipients: []int64{3}, Status: domain.StatusForwarded}
	narrative := domain.Disclose(lender, c).Narrative
	for name, s := range map[string]string{"reason": got, "narrative": narrative} {
		for _, contact := range []string{"13800138000", "13700001111", "136-0000-2222", "fangdong_88"} {
			if strings.Contains(s, contact) {
				t.Errorf("the lender reads %s in the %s: %q", contact, name, s)
			}
		}
		if !strings.Contains(s, "021-55501234") || !strings.Contains(s, "办结后催收员") {
			t.Errorf("the lender lost the collector's number or the facts in the %s: %q", name, s)
		}
	}
	if got != narrative {
		t.Errorf("the reason %q and the narrative %q of the same text differ", got, narrative)
	}
}
