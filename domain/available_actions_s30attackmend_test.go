package domain_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestAvailableActionsFeedbackWindowWithoutClock (session 30, attackmend): a RESPONDED complaint
// without a feedback clock (an older one, or its clocks not loaded) was offered ACCEPTED and
// DISPUTED forever, while SubmitFeedback refused them FeedbackWindow after the answer. Both now
// read one end (the clock's due time, else the answer plus the window).
func TestAvailableActionsFeedbackWindowWithoutClock(t *testing.T) {
	now := time.Date(2026, 9, 10, 10, 0, 0, 0, time.UTC)
	me := domain.Actor{UserID: 7, Role: domain.RoleComplainant}
	svc := &domain.Complaints{Now: func() time.Time { return now }}
	ctx := domain.WithActor(context.Background(), me)
	window := domain.DefaultHandlingPolicy.FeedbackWindow
	for _, tc := range []struct {
		name     string
		answered time.Time
		clock    *time.Time
		want     bool
	}{
		{"WithinWindow", now.Add(-window + time.Hour), nil, true},
		{"WindowClosed", now.Add(-window - time.Hour), nil, false},
		{"ClockAheadOfWindow", now.Add(-window - time.Hour), ptr(now.Add(time.Hour)), true},
		{"ClockPassed", now.Add(-time.Hour), ptr(now.Add(-time.Minute)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &domain.Complaint{ComplainantID: 7, Status: domain.StatusResponded, RespondedAt: tc.answered}
			if tc.clock != nil {
				c.Deadlines = []domain.Deadline{{Kind: domain.DeadlineFeedback, State: domain.DeadlineOpen, StartedAt: tc.answered, DueAt: *tc.clock}}
			}
			got := svc.AvailableActions(ctx, c)
			if slices.Contains(got, domain.ActionAccept) != tc.want || slices.Contains(got, domain.ActionDispute) != tc.want {
				t.Errorf("%v: want ACCEPTED and DISPUTED offered %v", got, tc.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
