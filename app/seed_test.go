package app_test

import (
	"slices"
	"testing"
	"time"

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
		answered: complaints(filter: {status: [RESPONDED, ACCEPTED, CLOSED]}, first: 100) { edges { node { reference status respondedAt responses { explanation } feedback { satisfaction }
			claimedViolations confirmedViolations history { action actorRole } } } } }`, nil)
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
		// A reviewer classified it before forwarding: confirmed violations, from the claims, in
		// the history as classifyComplaint writes them.
		confirmed, claimed := anyStrings(n["confirmedViolations"]), anyStrings(n["claimedViolations"])
		classified := false
		for _, h := range n["history"].([]any) {
			if h := h.(map[string]any); h["action"] == "CLASSIFIED" && h["actorRole"] == "reviewer" {
				classified = true
			}
		}
		if len(confirmed) == 0 || !classified {
			t.Errorf("forwarded demo complaint %s: confirmed %v, classified in the history %v; want the reviewer's confirmed violations", n["reference"], confirmed, classified)
		}
		for _, v := range confirmed {
			if !slices.Contains(claimed, v) {
				t.Errorf("demo complaint %s confirms %s, which was not claimed (%v)", n["reference"], v, claimed)
			}
		}
	}
	// The public dataset shows confirmed violations only: the demo's has some, and its filter finds them.
	pv := env.MustDo(t, "", `{ publicComplaints(first: 50) { edges { node { violationTypes } } } }`, nil)["publicComplaints"].(map[string]any)["edges"].([]any)
	var shown string
	for _, e := range pv {
		if vs := anyStrings(e.(map[string]any)["node"].(map[string]any)["violationTypes"]); len(vs) > 0 {
			shown = vs[0]
			break
		}
	}
	if shown == "" {
		t.Error("no published demo complaint shows a confirmed violation")
	} else if n := env.MustDo(t, "", `query($v: ViolationType) { publicComplaints(filter: {violationType: $v}) { totalCount } }`,
		map[string]any{"v": shown})["publicComplaints"].(map[string]any)["totalCount"].(float64); n == 0 {
		t.Errorf("the public filter by %s finds no demo complaint", shown)
	}
	pub := env.MustDo(t, "", `{ publicComplaints(first: 1) { totalCount } }`, nil)
	if n := pub["publicComplaints"].(map[string]any)["totalCount"].(float64); n == 0 {
		t.Error("the demo publishes no complaint: the public data page is empty")
	}

	demoClocks(t, env, sup)

	// The pages name teams, not codes: every team has its Chinese and English name.
	d = env.MustDo(t, sup, `{ teams { code name nameEn } }`, nil)
	names := map[string]string{}
	for _, x := range d["teams"].([]any) {
		tm := x.(map[string]any)
		en, _ := tm["nameEn"].(string)
		names[tm["code"].(string)] = tm["name"].(string) + "|" + en
	}
	for code, want := range map[string]string{"east": "华东投诉处理组|East China complaints team", "national": "全国投诉处理组|National complaints desk"} {
		if names[code] != want {
			t.Errorf("team %s is named %q, want %q (all: %v)", code, names[code], want, names)
		}
	}
}

// demoClocks: every seeded complaint carries the clocks its state implies, started when the step
// that starts them happened and counted on the business calendar, so the pages show countdowns,
// and some of them overdue.
func demoClocks(t *testing.T, env *apptest.Env, sup string) {
	t.Helper()
	d := env.MustDo(t, sup, `{ complaints(first: 100) { edges { node { reference status createdAt
		deadlines { kind state startedAt dueAt institutionId workingDays } } } } }`, nil)
	want := map[string]string{"SUBMITTED": "ACCEPTANCE", "IN_TRIAGE": "ACCEPTANCE", "NEEDS_INFORMATION": "ACCEPTANCE",
		"FORWARDED": "INSTITUTION_RESPONSE", "RESPONDED": "FEEDBACK"}
	now := time.Now()
	overdue, running := 0, 0
	for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		ds := n["deadlines"].([]any)
		if len(ds) == 0 {
			t.Errorf("demo complaint %s (%s) has no clocks", n["reference"], n["status"])
			continue
		}
		if first := ds[0].(map[string]any); first["kind"] != "ACCEPTANCE" || first["startedAt"] != n["createdAt"] || first["workingDays"] != true {
			t.Errorf("demo complaint %s: first clock %v, want the acceptance clock in working days from the filing %s", n["reference"], first, n["createdAt"])
		}
		var open []map[string]any
		for _, x := range ds {
			if dl := x.(map[string]any); dl["state"] == "OPEN" {
				open = append(open, dl)
			}
		}
		kind, waits := want[n["status"].(string)]
		switch {
		case !waits && len(open) != 0:
			t.Errorf("demo complaint %s is %s but has open clocks %v", n["reference"], n["status"], open)
		case waits && (len(open) != 1 || open[0]["kind"] != kind):
			t.Errorf("demo complaint %s is %s: open clocks %v, want one %s", n["reference"], n["status"], open, kind)
		case waits:
			due, err := time.Parse(time.RFC3339, open[0]["dueAt"].(string))
			started, _ := time.Parse(time.RFC3339, open[0]["startedAt"].(string))
			if err != nil || !due.After(started.Add(24*time.Hour)) {
				t.Errorf("demo complaint %s: clock %v is not due days after it started", n["reference"], open[0])
			}
			if kind == "INSTITUTION_RESPONSE" && open[0]["institutionId"] == nil {
				t.Errorf("demo complaint %s: the answer clock names no institution", n["reference"])
			}
			if due.Before(now) {
				overdue++
			} else {
				running++
			}
		}
	}
	t.Logf("demo clocks awaited: %d running, %d overdue", running, overdue)
	if overdue == 0 || running == 0 {
		t.Errorf("the demo has %d overdue and %d running clocks, want some of each (countdowns and overdue marks)", overdue, running)
	}
}
