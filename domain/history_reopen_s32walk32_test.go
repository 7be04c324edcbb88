package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestReopenReasonReachesTheInstitutionAskedAgain: a reopening's reason is the complainant's new
// facts. The institution the complaint is forwarded to again is asked to answer them and reads
// them (its withheld values and ID numbers taken out, as in the narrative); the other recipient
// of the first round, not forwarded to again, and any institution before the forwarding, read
// only that the complaint was reopened (session 32 walk32: the lender answered again without the
// facts it was reopened for).
func TestReopenReasonReachesTheInstitutionAskedAgain(t *testing.T) {
	reopened := domain.Event{Action: domain.ActionReopen, Reason: "办结后催收员又在晚上十一点打电话，联系了我的同事王芳，身份证110101199003074514。",
		Details: map[string]any{"closedAt": "2026-12-01T00:00:00Z"}}
	first := domain.Event{Action: domain.ActionForward, Details: map[string]any{"recipients": []any{float64(3), float64(8)}, "target": "BOTH"}}
	again := domain.Event{Action: domain.ActionForward, Details: map[string]any{"recipients": []int64{3}, "target": "LENDER"}}
	lender := domain.Actor{UserID: 9, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	agency := domain.Actor{UserID: 10, Role: domain.RoleInstitutionAgent, InstitutionID: 8}
	reason := func(a domain.Actor, evs []domain.Event) string {
		for _, e := range domain.DiscloseHistory(a, evs, "王芳") {
			if e.Action == domain.ActionReopen {
				return e.Reason
			}
		}
		t.Fatalf("%v does not see the reopening", a)
		return ""
	}
	if got := reason(lender, []domain.Event{first, reopened}); got != "" {
		t.Errorf("not yet forwarded again, the lender reads %q", got)
	}
	got := reason(lender, []domain.Event{first, reopened, again})
	if got == "" || got == reopened.Reason {
		t.Errorf("forwarded again, the lender reads %q (the new facts, the withheld name and ID number taken out)", got)
	}
	for _, s := range []string{"王芳", "110101199003074514"} {
		if strings.Contains(got, s) {
			t.Errorf("the lender reads %q in %q", s, got)
		}
	}
	if !strings.Contains(got, "晚上十一点打电话") {
		t.Errorf("the lender reads %q", got)
	}
	if got := reason(agency, []domain.Event{first, reopened, again}); got != "" {
		t.Errorf("not forwarded again, the agency reads %q", got)
	}
	if got := reason(domain.Actor{UserID: 7, Role: domain.RoleComplainant}, []domain.Event{first, reopened, again}); !strings.Contains(got, "晚上十一点打电话") {
		t.Errorf("the complainant reads %q", got)
	}
}
