package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestAvailableActionsOfferNoLateExtension: an institution is offered an extension of its answer
// clock only while that clock runs and its due day has not passed; the portal drew the control
// after the deadline was missed and RequestExtension then refused it (attack round 24's leftover).
// The other recipient's clock does not count.
func TestAvailableActionsOfferNoLateExtension(t *testing.T) {
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	agent := domain.Actor{UserID: 7, Role: domain.RoleInstitutionAgent, InstitutionID: 10}
	forwarded := now.AddDate(0, 0, -5)
	clock := func(d domain.Deadline) *domain.Complaint {
		d.Kind, d.InstitutionID, d.StartedAt = domain.DeadlineInstitutionResponse, 10, forwarded
		other := domain.Deadline{Kind: domain.DeadlineInstitutionResponse, InstitutionID: 20, State: domain.DeadlineBreached, DueAt: now.AddDate(0, 0, -1), StartedAt: forwarded}
		return &domain.Complaint{Status: domain.StatusForwarded, ForwardedAt: forwarded, Deadlines: []domain.Deadline{other, d}}
	}
	cases := []struct {
		name string
		c    *domain.Complaint
		want bool
	}{
		{"Running", clock(domain.Deadline{State: domain.DeadlineOpen, DueAt: now.AddDate(0, 0, 3)}), true},
		{"PastDueNotYetSwept", clock(domain.Deadline{State: domain.DeadlineOpen, DueAt: now.Add(-time.Minute)}), false},
		{"Breached", clock(domain.Deadline{State: domain.DeadlineBreached, DueAt: now.AddDate(0, 0, -1)}), false},
		{"Met", clock(domain.Deadline{State: domain.DeadlineMet, DueAt: now.AddDate(0, 0, 3), MetAt: now.Add(-time.Hour)}), false},
		{"NoClockDueDatePassed", &domain.Complaint{Status: domain.StatusForwarded, DueAt: now.AddDate(0, 0, -1)}, false},
		{"NoClockDueDateAhead", &domain.Complaint{Status: domain.StatusForwarded, DueAt: now.AddDate(0, 0, 4)}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := domain.AvailableActions(agent, tc.c, now, time.Hour, domain.DefaultHandlingPolicy.FeedbackWindow)
			if slices.Contains(got, domain.ActionRequestExtension) != tc.want {
				t.Errorf("%v: want the extension offered %v", got, tc.want)
			}
		})
	}
}
