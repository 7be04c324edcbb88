package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestDemoSeedFillsStatistics: the demo complaints are written straight to storage, so the seed
// must compute their statistics itself; an analyst opening the demo sees every seeded complaint.
func TestDemoSeedFillsStatistics(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 60, NoWork: true, NoRelay: true})
	analyst := env.Login(t, "analyst@redline.demo", app.DemoPassword)
	d := env.MustDo(t, analyst, `{ stats(filter: {from: "2020-01-01", to: "2030-12-31"}, groupBy: [PROVINCE]) { rows { complaints } } }`, nil)
	total := 0
	for _, r := range d["stats"].(map[string]any)["rows"].([]any) {
		total += int(r.(map[string]any)["complaints"].(float64))
	}
	if total != 60 {
		t.Fatalf("statistics count %d complaints after seeding 60: %v", total, d)
	}

	// Every page of the demo has something to show: the rules' findings on triaged complaints, the
	// institution's answer in full on answered ones, a rating on accepted ones, published complaints.
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	d = env.MustDo(t, sup, `{ triaged: complaints(filter: {status: [IN_TRIAGE]}, first: 100) { edges { node { reference assessment { violations { type } } } } }
		answered: complaints(filter: {status: [RESPONDED, ACCEPTED, CLOSED]}, first: 100) { edges { node { reference status respondedAt responses { explanation } feedback { satisfaction } } } } }`, nil)
	triaged := d["triaged"].(map[string]any)["edges"].([]any)
	answered := d["answered"].(map[string]any)["edges"].([]any)
	if len(triaged) == 0 || len(answered) == 0 {
		t.Fatalf("the demo has %d triaged and %d answered complaints, want some of each", len(triaged), len(answered))
	}
	for _, e := range triaged {
		n := e.(map[string]any)["node"].(map[string]any)
		if a, _ := n["assessment"].(map[string]any); a == nil || len(a["violations"].([]any)) == 0 {
			t.Errorf("triaged demo complaint %s has no findings of the rules: %v", n["reference"], n["assessment"])
		}
	}
	for _, e := range answered {
		n := e.(map[string]any)["node"].(map[string]any)
		rs := n["responses"].([]any)
		if len(rs) != 1 || rs[0].(map[string]any)["explanation"] == "" || n["respondedAt"] == nil {
			t.Errorf("answered demo complaint %s: responses %v, respondedAt %v, want the answer in full", n["reference"], rs, n["respondedAt"])
		}
		if n["status"] == "ACCEPTED" && n["feedback"] == nil {
			t.Errorf("accepted demo complaint %s has no rating", n["reference"])
		}
	}
	pub := env.MustDo(t, "", `{ publicComplaints(first: 1) { totalCount } }`, nil)
	if n := pub["publicComplaints"].(map[string]any)["totalCount"].(float64); n == 0 {
		t.Error("the demo publishes no complaint: the public data page is empty")
	}
}
