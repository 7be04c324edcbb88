package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestNotFoundNamesTheComplaintArgument (attack round 30): the mutations on one complaint named
// their argument in a NOT_FOUND when given an unknown reference (RL-…, session 32) but not when
// given an unknown id — addNote, claimComplaint, escalateComplaint, closeComplaint,
// investigateComplaint, rerouteComplaint, requestInformation and the rest answered NOT_FOUND with
// no field, and revealDebtorIdentity likewise, so a client could not tell which argument was wrong.
// Unknown and out-of-scope ids still answer alike (no oracle).
func TestNotFoundNamesTheComplaintArgument(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S := p.tokens[domain.RoleSupervisor]
	const unknown = "00000000-0000-4000-8000-000000000035"
	for q, field := range map[string]string{
		`mutation($id: ID!) { addNote(id: $id, text: "x") { id } }`:                                  "id",
		`mutation($id: ID!) { claimComplaint(id: $id) { id } }`:                                      "id",
		`mutation($id: ID!) { escalateComplaint(id: $id, reason: "x") { id } }`:                      "id",
		`mutation($id: ID!) { closeComplaint(id: $id, reason: "x") { id } }`:                         "id",
		`mutation($id: ID!) { investigateComplaint(id: $id, reason: "x") { id } }`:                   "id",
		`mutation($id: ID!) { rerouteComplaint(id: $id, team: "east", reason: "x") { id } }`:         "id",
		`mutation($id: ID!) { requestInformation(id: $id, question: "x") { id } }`:                   "id",
		`mutation($id: ID!) { revealDebtorIdentity(complaintId: $id, reason: "核实") { __typename } }`: "complaintId",
	} {
		r := env.Do(t, S, q, map[string]any{"id": unknown})
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" || r.Errors[0].Extensions["field"] != field {
			t.Errorf("%s with an unknown id: %+v, want NOT_FOUND on %s", q, r.Errors, field)
		}
	}
}
