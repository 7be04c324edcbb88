package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Attack round 16 (session 21): a complaint stays in a recipient institution's scope after it is
// closed and reopened; asked for more information then, the complainant's open question was read
// by the institution in Complaint.informationRequest, as typed — a question the history shows it
// neither of (INFORMATION_REQUESTED is bare for institutions).

// TestInstitutionsDoNotReadTheQuestionToTheComplainant: on a reopened complaint awaiting the
// complainant's information, the lender's agent and admin read no question (in the complaint and
// in the list); the complainant and the reviewer read it.
func TestInstitutionsDoNotReadTheQuestionToTheComplainant(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	const question = "请提供您的工作单位名称和家庭住址。"
	c := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.InformationRequest = domain.StatusNeedsInformation, []int64{p.lenderID}, question
	})
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleReviewer, domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
		d := env.MustDo(t, p.tokens[role], `query($id: ID!) { complaint(id: $id) { status informationRequest }
			complaints(first: 100, filter: {status: [NEEDS_INFORMATION]}) { edges { node { id informationRequest } } } }`, map[string]any{"id": c.ID})
		got := d["complaint"].(map[string]any)["informationRequest"]
		listed := false
		var inList any
		for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
			if n := e.(map[string]any)["node"].(map[string]any); n["id"] == c.ID {
				listed, inList = true, n["informationRequest"]
			}
		}
		if !listed {
			t.Fatalf("%s: the complaint is not in its list", role)
		}
		if role.IsInstitution() {
			if got != nil || inList != nil {
				t.Errorf("%s reads the question to the complainant: %v / %v", role, got, inList)
			}
			continue
		}
		if got != question || inList != question {
			t.Errorf("%s reads %v / %v, want the question", role, got, inList)
		}
	}
}
