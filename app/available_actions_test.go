package app_test

import (
	"slices"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestAvailableActionsThroughGraphQL asks Complaint.availableActions as each role and after a
// claim: the list follows the caller's role, the state and the assignee, and every action listed
// for the reviewer can be taken (the claim, then a forward).
func TestAvailableActionsThroughGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	c := newComplaint(t, env, p, nil)
	actions := func(role domain.Role) []string {
		t.Helper()
		d := env.MustDo(t, p.tokens[role], `query($id: ID!) { complaint(id: $id) { availableActions } }`, map[string]any{"id": c.ID})
		var out []string
		for _, a := range d["complaint"].(map[string]any)["availableActions"].([]any) {
			out = append(out, a.(string))
		}
		return out
	}
	rev := actions(domain.RoleReviewer)
	for _, want := range []string{"CLAIMED", "ASSIGNED", "CLASSIFIED", "INFORMATION_REQUESTED", "FORWARDED", "REJECTED", "REFERRED",
		"ESCALATED", "NOTE_ADDED", "LINKED", "MERGED", "REROUTED"} {
		if !slices.Contains(rev, want) {
			t.Errorf("reviewer in triage: %v lacks %s", rev, want)
		}
	}
	if slices.Contains(rev, "CLOSED") || slices.Contains(rev, "ROUTED") {
		t.Errorf("reviewer in triage: %v", rev)
	}
	if got := actions(domain.RoleComplainant); !slices.Equal(got, []string{"WITHDRAWN", "EVIDENCE_ADDED"}) {
		t.Errorf("complainant in triage: %v, want withdrawing and adding evidence", got)
	}
	env.MustDo(t, p.tokens[domain.RoleReviewer], `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, map[string]any{"id": c.ID})
	if got := actions(domain.RoleReviewer); slices.Contains(got, "CLAIMED") || !slices.Contains(got, "FORWARDED") {
		t.Errorf("after the claim: %v, want no claim but a forward", got)
	}
	env.MustDo(t, p.tokens[domain.RoleReviewer], `mutation($id: ID!) { forwardComplaint(id: $id, target: LENDER) { id } }`, map[string]any{"id": c.ID})
	got := actions(domain.RoleReviewer)
	if slices.Contains(got, "FORWARDED") || !slices.Contains(got, "ESCALATED") || !slices.Contains(got, "ASSIGNED") {
		t.Errorf("forwarded: %v", got)
	}
	if got := actions(domain.RoleInstitutionAgent); !slices.Contains(got, "RESPONDED") || slices.Contains(got, "CLAIMED") {
		t.Errorf("the institution, forwarded: %v", got)
	}
}
