package domain_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestReopenReasonOfAnotherRoundStaysUnread: a reopening's reason reaches only the institution
// forwarded to in that reopening's own round. Reopened with R1, closed without a forward, reopened
// with R2 and forwarded to the agency: the agency reads R2, never R1 (session 32 review of
// walk32: the scan for a forward ran past the round's end).
func TestReopenReasonOfAnotherRoundStaysUnread(t *testing.T) {
	fwd := func(ids ...int64) domain.Event {
		return domain.Event{Action: domain.ActionForward, Details: map[string]any{"recipients": ids}}
	}
	r1 := domain.Event{Action: domain.ActionReopen, Reason: "第一次重新处理的新情况"}
	r2 := domain.Event{Action: domain.ActionReopen, Reason: "第二次重新处理的新情况"}
	lender := domain.Actor{UserID: 9, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	agency := domain.Actor{UserID: 10, Role: domain.RoleInstitutionAgent, InstitutionID: 8}
	for _, end := range []domain.Action{domain.ActionClose, domain.ActionReject, domain.ActionWithdraw} {
		evs := []domain.Event{fwd(3), r1, {Action: end}, r2, fwd(8)}
		var read []string
		for _, e := range domain.DiscloseHistory(agency, evs, "张伟") {
			if e.Action == domain.ActionReopen && e.Reason != "" {
				read = append(read, e.Reason)
			}
		}
		if len(read) != 1 || read[0] != r2.Reason {
			t.Errorf("round ended by %s: the agency reads %q, want only the second round's reason", end, read)
		}
		for _, e := range domain.DiscloseHistory(lender, evs, "张伟") {
			if e.Action == domain.ActionReopen && e.Reason != "" {
				t.Errorf("round ended by %s: the lender, never forwarded to after a reopening, reads %q", end, e.Reason)
			}
		}
	}
}
