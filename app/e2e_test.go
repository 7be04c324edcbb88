package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

const fileQuery = `mutation($i: FileComplaintInput!, $k: String) {
  fileComplaint(input: $i, idempotencyKey: $k) { id reference status } }`

func fileInput() map[string]any {
	return map[string]any{
		"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
		"narrative":  "催收员每天给我打二十多个电话，半夜也打，还说要到我家里来。",
		"violations": []any{"THIRD_PARTY_CONTACT", "IMPROPER_HOURS"},
	}
}

// TestVerticalSlice drives register → login → fileComplaint → complaint:route (worker) → the
// reviewer's queue over HTTP against the real server, database, Redis and workers.
func TestVerticalSlice(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})

	env.Register(t, "borrower@example.cn")
	tok := env.Login(t, "borrower@example.cn", "correct-horse-42")
	d := env.MustDo(t, tok, fileQuery, map[string]any{"i": fileInput(), "k": "first-try"})
	filed := d["fileComplaint"].(map[string]any)
	id := filed["id"].(string)
	if filed["status"] != "SUBMITTED" {
		t.Fatalf("new complaint status = %v, want SUBMITTED", filed["status"])
	}

	// The worker routes it: Shanghai (310000) belongs to the east team's triage queue.
	var c map[string]any
	apptest.Eventually(t, apptest.Patience, "the complaint to be routed", func() bool {
		c = env.MustDo(t, tok, `query($id: ID!){ complaint(id: $id){ status team history { action fromStatus toStatus actorRole } } }`,
			map[string]any{"id": id})["complaint"].(map[string]any)
		return c["status"] == "IN_TRIAGE"
	})
	// The team is the regulator's internal handling: the complainant does not see it.
	if c["team"] != nil {
		t.Errorf("the complainant sees team %v, want none (staff only)", c["team"])
	}
	hist := c["history"].([]any)
	if len(hist) != 2 {
		t.Fatalf("history has %d entries, want FILED and ROUTED: %v", len(hist), hist)
	}
	if a := hist[0].(map[string]any); a["action"] != "FILED" || a["toStatus"] != "SUBMITTED" || a["actorRole"] != "complainant" {
		t.Errorf("first event = %v", a)
	}
	if a := hist[1].(map[string]any); a["action"] != "ROUTED" || a["fromStatus"] != "SUBMITTED" || a["toStatus"] != "IN_TRIAGE" || a["actorRole"] != "system" {
		t.Errorf("second event = %v", a)
	}

	// The same idempotency key returns the same complaint.
	again := env.MustDo(t, tok, fileQuery, map[string]any{"i": fileInput(), "k": "first-try"})["fileComplaint"].(map[string]any)
	if again["id"] != id {
		t.Errorf("refiling with the same key gave %v, want %v", again["id"], id)
	}

	// The east reviewer sees it in the queue; by reference too.
	rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	q := env.MustDo(t, rev, `{ complaints(filter: {status: [IN_TRIAGE]}) { totalCount edges { node { id } } } }`, nil)["complaints"].(map[string]any)
	if !containsID(q, id) {
		t.Errorf("reviewer's queue does not hold the complaint: %v", q)
	}
	ref := env.MustDo(t, rev, `query($id: ID!){ complaint(id: $id){ id team } }`, map[string]any{"id": filed["reference"]})
	if ref["complaint"].(map[string]any)["id"] != id {
		t.Errorf("complaint by reference = %v", ref)
	}
	if team := ref["complaint"].(map[string]any)["team"]; team != "east" {
		t.Errorf("team = %v, want east", team)
	}

	// Another complainant sees neither the complaint nor a count that includes it.
	env.Register(t, "neighbour@example.cn")
	other := env.Login(t, "neighbour@example.cn", "correct-horse-42")
	r := env.Do(t, other, `query($id: ID!){ complaint(id: $id){ id } }`, map[string]any{"id": id})
	if r.Code() != "NOT_FOUND" {
		t.Errorf("other complainant reading the complaint: code %q, want NOT_FOUND (%v)", r.Code(), r.Errors)
	}
	list := env.MustDo(t, other, `{ complaints { totalCount edges { node { id } } } }`, nil)["complaints"].(map[string]any)
	if list["totalCount"].(float64) != 0 || containsID(list, id) {
		t.Errorf("other complainant's list = %v, want empty", list)
	}
	// The owner's list holds exactly theirs.
	own := env.MustDo(t, tok, `{ complaints { totalCount } }`, nil)["complaints"].(map[string]any)
	if own["totalCount"].(float64) != 1 {
		t.Errorf("owner's totalCount = %v, want 1", own["totalCount"])
	}
	// Anonymous callers are told to sign in.
	if r := env.Do(t, "", `{ complaints { totalCount } }`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous list: code %q, want UNAUTHENTICATED", r.Code())
	}
}

func containsID(conn map[string]any, id string) bool {
	for _, e := range conn["edges"].([]any) {
		if e.(map[string]any)["node"].(map[string]any)["id"] == id {
			return true
		}
	}
	return false
}
