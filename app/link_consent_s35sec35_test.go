package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestInstitutionSeesNoLinkToAWithheldComplaint (attack round 30, session 34's leftover): a reviewer's
// link or merge of a complaint filed without consent to share the identity with one filed with it
// (the same debtor, both forwarded to one institution) showed the institution the two complaints
// linked — in links, on either complaint and on a list page, and in mergedInto — which tied the
// withheld complaint to the named debtor. An institution now reads a link only when both complaints
// share the identity with it; staff read every link as before.
func TestInstitutionSeesNoLinkToAWithheldComplaint(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S, A := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleInstitutionAgent]
	forwarded := func(consent bool) string {
		return newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, consent
		}).ID
	}
	const link = `mutation($d: ID!, $p: ID!, $m: Boolean) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: $m, reason: "同一债务人") { status } }`
	const read = `query($id: ID!) { complaint(id: $id) { merged mergedInto links { complaintId primaryId } } }`
	const page = `{ complaints(first: 100) { edges { node { id mergedInto links { complaintId primaryId } } } } }`

	withheld, named := forwarded(false), forwarded(true)
	env.MustDo(t, S, link, map[string]any{"d": withheld, "p": named})
	withheld2, named2 := forwarded(false), forwarded(true)
	env.MustDo(t, S, link, map[string]any{"d": named2, "p": withheld2})
	mergedW, namedM := forwarded(false), forwarded(true)
	env.MustDo(t, S, link, map[string]any{"d": mergedW, "p": namedM, "m": true})
	both1, both2 := forwarded(true), forwarded(true)
	env.MustDo(t, S, link, map[string]any{"d": both1, "p": both2})

	for _, id := range []string{withheld, named, withheld2, named2, mergedW, namedM} {
		got := env.MustDo(t, A, read, map[string]any{"id": id})["complaint"].(map[string]any)
		if ls := got["links"].([]any); len(ls) != 0 {
			t.Errorf("the institution reads the links %v of %s, tying a complaint filed without consent to a named one", ls, id)
		}
		if got["mergedInto"] != nil {
			t.Errorf("the institution reads mergedInto %v of %s", got["mergedInto"], id)
		}
	}
	if got := env.MustDo(t, A, read, map[string]any{"id": mergedW})["complaint"].(map[string]any); got["merged"] != true {
		t.Errorf("merged of the merged complaint: %v, want true", got["merged"])
	}
	edges := env.MustDo(t, A, page, nil)["complaints"].(map[string]any)["edges"].([]any)
	seen := map[string]bool{}
	for _, e := range edges {
		n := e.(map[string]any)["node"].(map[string]any)
		id := n["id"].(string)
		seen[id] = true
		ls := n["links"].([]any)
		switch id {
		case withheld, named, withheld2, named2, mergedW, namedM:
			if len(ls) != 0 || n["mergedInto"] != nil {
				t.Errorf("on the institution's list, %s has links %v, mergedInto %v", id, ls, n["mergedInto"])
			}
		case both1, both2:
			if len(ls) != 1 {
				t.Errorf("on the institution's list, %s (both shared) has links %v, want the one link", id, ls)
			}
		}
	}
	for _, id := range []string{withheld, both1} {
		if !seen[id] {
			t.Fatalf("the institution's list lacks %s", id)
		}
	}
	// Both complaints share the identity: the link is the institution's to follow, as before.
	if ls := env.MustDo(t, A, read, map[string]any{"id": both1})["complaint"].(map[string]any)["links"].([]any); len(ls) != 1 {
		t.Errorf("the institution reads links %v between two complaints that share the identity, want one", ls)
	}
	// Staff keep every link.
	for _, id := range []string{withheld, named2, mergedW} {
		got := env.MustDo(t, S, read, map[string]any{"id": id})["complaint"].(map[string]any)
		if ls := got["links"].([]any); len(ls) != 1 {
			t.Errorf("the supervisor reads links %v of %s, want one", ls, id)
		}
	}
	if got := env.MustDo(t, S, read, map[string]any{"id": mergedW})["complaint"].(map[string]any); got["mergedInto"] != namedM {
		t.Errorf("the supervisor reads mergedInto %v, want %s", got["mergedInto"], namedM)
	}
}
