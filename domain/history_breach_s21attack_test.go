package domain_test

import (
	"encoding/json"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// Attack round 16 (session 21): every missed deadline was a history entry the recipient institution
// read with its clock's kind and due date — also the complainant's feedback window lapsing (kind
// FEEDBACK: when the window closed, and that the complainant said nothing, which the
// feedbackLapsed filter stopped telling an institution in session 15) and the regulator's own
// clocks. An institution reads the breach of its own answer's clock only, as its deadlines.

// TestInstitutionsReadOnlyTheirOwnClocksBreaches: of five breaches, as recorded and as read back
// from the database (JSON numbers), the lender reads its own; the agency its own, also one recorded
// with institutionIds only; the complainant and staff read all five.
func TestInstitutionsReadOnlyTheirOwnClocksBreaches(t *testing.T) {
	const lender, agency = 1, 13
	breach := func(kind string, extra map[string]any) domain.Event {
		d := map[string]any{"kind": kind, "dueAt": "2026-09-09T15:59:59Z", "institutionIds": []int64{}}
		for k, v := range extra {
			d[k] = v
		}
		return domain.Event{Action: domain.ActionDeadlineBreached, ActorRole: domain.RoleSystem, Details: d}
	}
	recorded := []domain.Event{
		breach("FEEDBACK", nil),
		breach("ACCEPTANCE", nil),
		breach("INSTITUTION_RESPONSE", map[string]any{"institutionId": int64(lender), "institutionIds": []int64{lender}}),
		breach("INSTITUTION_RESPONSE", map[string]any{"institutionId": int64(agency), "institutionIds": []int64{agency}}),
		breach("INSTITUTION_RESPONSE", map[string]any{"institutionIds": []int64{agency}}),
	}
	// The same entries as the store reads them back: details through JSON.
	read := make([]domain.Event, len(recorded))
	for i, e := range recorded {
		b, _ := json.Marshal(e.Details)
		var d map[string]any
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		e.Details = d
		read[i] = e
	}
	actors := map[string]domain.Actor{
		"lender":      {UserID: 7, Role: domain.RoleInstitutionAgent, InstitutionID: lender},
		"agency":      {UserID: 8, Role: domain.RoleInstitutionAdmin, InstitutionID: agency},
		"complainant": {UserID: 9, Role: domain.RoleComplainant},
		"supervisor":  {UserID: 10, Role: domain.RoleSupervisor, Teams: []string{"east"}},
	}
	want := map[string]int{"lender": 1, "agency": 2, "complainant": 5, "supervisor": 5}
	for who, a := range actors {
		for name, evs := range map[string][]domain.Event{"recorded": recorded, "read back": read} {
			got := domain.DiscloseHistory(a, evs)
			if len(got) != want[who] {
				t.Errorf("%s, %s: %d breach entries, want %d", who, name, len(got), want[who])
			}
			if !a.Role.IsInstitution() {
				continue
			}
			for _, e := range got {
				if e.Details["kind"] != "INSTITUTION_RESPONSE" {
					t.Errorf("%s, %s: reads a breach of the %v clock", who, name, e.Details["kind"])
				}
			}
		}
	}
}
