package domain_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestInternalHandlingIsForStaffOnly (session 12's attack by hand): the regulator's internal
// handling — team, assignee, priority — was withheld from institutions only. The complainant read
// all three on their complaint (the history hides them from routing on), could filter their list
// by them, and every party read the handler's user id in the history (a CLAIMED entry named the
// assignee to the institution that Disclose withholds it from). Now only staff see them; outside
// the staff a history entry names its actor by role, and by id only when it is the caller.
func TestInternalHandlingIsForStaffOnly(t *testing.T) {
	c := &domain.Complaint{ID: "c1", ComplainantID: 7, Team: "east", Priority: domain.PriorityUrgent, AssigneeID: 2, Recipients: []int64{3}}
	owner := domain.Actor{UserID: 7, Role: domain.RoleComplainant}
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	reviewer := domain.Actor{UserID: 2, Role: domain.RoleReviewer, Teams: []string{"east"}}
	for _, tc := range []struct {
		name  string
		actor domain.Actor
		shown bool
	}{{"Complainant", owner, false}, {"Institution", agent, false}, {"Reviewer", reviewer, true},
		{"Admin", domain.Actor{UserID: 1, Role: domain.RoleAdmin}, true}} {
		t.Run(tc.name, func(t *testing.T) {
			got := domain.Disclose(tc.actor, c)
			if shown := got.Team != "" || got.Priority != "" || got.AssigneeID != 0; shown != tc.shown {
				t.Errorf("team %q, priority %q, assignee %d; want shown %v", got.Team, got.Priority, got.AssigneeID, tc.shown)
			}
			for _, f := range []domain.ComplaintFilter{{Priority: domain.PriorityUrgent}, {Team: "east"}, {AssigneeID: 2},
				{Mine: true}, {Unassigned: true}, {Order: domain.OrderPriority}} {
				if err := f.CheckInternalHandling(tc.actor, "filter."); (err == nil) != tc.shown {
					t.Errorf("filter %+v: %v; want refused %v", f, err, !tc.shown)
				}
			}
			evs := domain.DiscloseHistory(tc.actor, []domain.Event{
				{Action: domain.ActionFile, ActorID: 7, ActorRole: domain.RoleComplainant},
				{Action: domain.ActionClaim, ActorID: 2, ActorRole: domain.RoleReviewer},
				{Action: domain.ActionForward, ActorID: 2, ActorRole: domain.RoleReviewer},
				{Action: domain.ActionRespond, ActorID: 5, ActorRole: domain.RoleInstitutionAgent, Details: map[string]any{"institutionId": int64(3)}},
			})
			for _, e := range evs {
				own := e.ActorID == tc.actor.UserID
				if !tc.shown && e.ActorID != 0 && !own {
					t.Errorf("%s entry names user %d (%s) to %s", e.Action, e.ActorID, e.ActorRole, tc.actor.Role)
				}
				if e.ActorRole == "" {
					t.Errorf("%s entry lost its actor's role", e.Action)
				}
			}
			if tc.shown && (len(evs) != 4 || evs[1].ActorID != 2) {
				t.Errorf("staff read %+v, want every entry with its actor", evs)
			}
			if tc.name == "Complainant" && (len(evs) == 0 || evs[0].ActorID != 7) {
				t.Errorf("the complainant's own entry lost its id: %+v", evs)
			}
		})
	}
}
