package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestAvailableActionsFollowTheLifecycle checks, for every role in every state, that each action
// listed passes the lifecycle guard, and that every arrow the guard allows is listed unless one of
// the complaint's facts rules it out.
func TestAvailableActionsFollowTheLifecycle(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	window := 90 * 24 * time.Hour
	for _, role := range domain.Roles {
		a := domain.Actor{UserID: 7, Role: role}
		for _, s := range domain.Statuses {
			c := &domain.Complaint{Status: s, PendingExtensionID: "x", ClosedAt: now.Add(-time.Hour), RespondedAt: now.Add(-time.Hour)}
			got := domain.AvailableActions(a, c, now, window, domain.DefaultHandlingPolicy.FeedbackWindow)
			for _, act := range got {
				if _, err := domain.Guard(act, role, c); err != nil {
					t.Errorf("%s in %s: %s is listed but the guard says %v", role, s, act, err)
				}
			}
			for _, tr := range domain.Lifecycle {
				if _, err := domain.Guard(tr.Action, role, c); err != nil || tr.Action == domain.ActionRoute || tr.Action == domain.ActionReassess {
					continue
				}
				if !slices.Contains(got, tr.Action) {
					t.Errorf("%s in %s: the guard allows %s but it is not listed", role, s, tr.Action)
				}
			}
		}
	}
}

func TestAvailableActionsForAReviewer(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	window := 90 * 24 * time.Hour
	rev := domain.Actor{UserID: 7, Role: domain.RoleReviewer}
	triage := &domain.Complaint{Status: domain.StatusInTriage}
	got := domain.AvailableActions(rev, triage, now, window, domain.DefaultHandlingPolicy.FeedbackWindow)
	for _, want := range []domain.Action{domain.ActionClaim, domain.ActionAssign, domain.ActionClassify, domain.ActionRequestInformation,
		domain.ActionForward, domain.ActionEscalate, domain.ActionReject, domain.ActionRefer, domain.ActionAddNote, domain.ActionLink,
		domain.ActionMerge, domain.ActionReroute} {
		if !slices.Contains(got, want) {
			t.Errorf("a reviewer in triage may %s, but the list is %v", want, got)
		}
	}
	for _, not := range []domain.Action{domain.ActionClose, domain.ActionReopen, domain.ActionInvestigate, domain.ActionRespond, domain.ActionWithdraw, domain.ActionRoute} {
		if slices.Contains(got, not) {
			t.Errorf("a reviewer in triage may not %s, but the list is %v", not, got)
		}
	}
	// Someone holds it: no claim, still assign.
	held := &domain.Complaint{Status: domain.StatusInTriage, AssigneeID: 9}
	if got := domain.AvailableActions(rev, held, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); slices.Contains(got, domain.ActionClaim) || !slices.Contains(got, domain.ActionAssign) {
		t.Errorf("a held complaint: %v", got)
	}
	// Closed: reopen within the window only.
	closed := &domain.Complaint{Status: domain.StatusClosed, ClosedAt: now.Add(-89 * 24 * time.Hour)}
	if got := domain.AvailableActions(rev, closed, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); !slices.Contains(got, domain.ActionReopen) {
		t.Errorf("closed 89 days ago: %v, want REOPENED", got)
	}
	closed.ClosedAt = now.Add(-91 * 24 * time.Hour)
	if got := domain.AvailableActions(rev, closed, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); slices.Contains(got, domain.ActionReopen) || !slices.Contains(got, domain.ActionAddNote) {
		t.Errorf("closed 91 days ago: %v, want notes but no reopening", got)
	}
	// A supervisor decides an extension only when one awaits a decision.
	sup := domain.Actor{UserID: 8, Role: domain.RoleSupervisor}
	fwd := &domain.Complaint{Status: domain.StatusForwarded}
	if got := domain.AvailableActions(sup, fwd, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); slices.Contains(got, domain.ActionDecideExtension) {
		t.Errorf("no pending extension, yet %v", got)
	}
	fwd.PendingExtensionID = "ext-1"
	if got := domain.AvailableActions(sup, fwd, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); !slices.Contains(got, domain.ActionDecideExtension) {
		t.Errorf("a pending extension, yet %v", got)
	}
	// A merged duplicate is not linked again; nobody anonymous may do anything; analysts nothing.
	merged := &domain.Complaint{Status: domain.StatusInTriage, MergedInto: "p"}
	if got := domain.AvailableActions(rev, merged, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); slices.Contains(got, domain.ActionLink) {
		t.Errorf("merged: %v", got)
	}
	if got := domain.AvailableActions(domain.Actor{}, triage, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); len(got) != 0 {
		t.Errorf("anonymous: %v", got)
	}
	if got := domain.AvailableActions(domain.Actor{UserID: 3, Role: domain.RoleAnalyst}, triage, now, window, domain.DefaultHandlingPolicy.FeedbackWindow); len(got) != 0 {
		t.Errorf("analyst: %v", got)
	}
}

// TestAvailableActionsOfTheAnswerClock: an institution may pause its running answer clock for an
// appraisal, not once it is paused or its deadline has passed (breached, or past due before the
// sweep marks it); it may end an appraisal only while one is under way. The other recipient's
// clock does not count.
func TestAvailableActionsOfTheAnswerClock(t *testing.T) {
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	agent := domain.Actor{UserID: 7, Role: domain.RoleInstitutionAgent, InstitutionID: 10}
	clock := func(d domain.Deadline) *domain.Complaint {
		d.Kind, d.InstitutionID, d.StartedAt = domain.DeadlineInstitutionResponse, 10, now.AddDate(0, 0, -5)
		other := domain.Deadline{Kind: domain.DeadlineInstitutionResponse, InstitutionID: 20, State: domain.DeadlineOpen, DueAt: now.AddDate(0, 0, 10), StartedAt: d.StartedAt}
		return &domain.Complaint{Status: domain.StatusForwarded, Deadlines: []domain.Deadline{other, d}}
	}
	cases := []struct {
		name       string
		c          *domain.Complaint
		start, end bool
	}{
		{"Running", clock(domain.Deadline{State: domain.DeadlineOpen, DueAt: now.AddDate(0, 0, 3)}), true, false},
		{"PastDueNotYetSwept", clock(domain.Deadline{State: domain.DeadlineOpen, DueAt: now.Add(-time.Minute)}), false, false},
		{"Breached", clock(domain.Deadline{State: domain.DeadlineBreached, DueAt: now.AddDate(0, 0, -1)}), false, false},
		{"PausedForAppraisal", clock(domain.Deadline{State: domain.DeadlineOpen, DueAt: now.AddDate(0, 0, 3), PausedAt: now.AddDate(0, 0, -1),
			PauseReason: domain.PauseOutsideAppraisal}), false, true},
		{"NoClockDueDatePassed", &domain.Complaint{Status: domain.StatusForwarded, DueAt: now.AddDate(0, 0, -1)}, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := domain.AvailableActions(agent, tc.c, now, time.Hour, domain.DefaultHandlingPolicy.FeedbackWindow)
			if slices.Contains(got, domain.ActionStartAppraisal) != tc.start || slices.Contains(got, domain.ActionEndAppraisal) != tc.end {
				t.Errorf("%v: want start %v, end %v", got, tc.start, tc.end)
			}
			if !slices.Contains(got, domain.ActionRespond) {
				t.Errorf("%v lacks the answer itself", got)
			}
		})
	}
}
