package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// queuePage is a reviewer's queue page: each complaint with its lender, assignee, violations,
// clocks and history.
const queuePage = `query($n: Int) { complaints(first: $n) { edges { node {
  id reference status priority assigneeId claimedViolations confirmedViolations
  lender { id name kind } deadlines { kind state dueAt paused } history { action toStatus at } } } } }`

// TestPageStatements counts the SQL statements of a queue page, of an institution's inbox and of a
// case page: a handful whatever the page size (per-request batch loaders), never one or more per
// complaint.
func TestPageStatements(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 120, NoWork: true, NoRelay: true})
	statements := pgtest.Statements(t, env.App.DB)
	count := func(token, query string, vars map[string]any) (int64, map[string]any) {
		t.Helper()
		before := statements.Load()
		d := env.MustDo(t, token, query, vars)
		return statements.Load() - before, d
	}
	supervisor := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	instadmin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	for _, tc := range []struct {
		name, token string
	}{{"Queue", supervisor}, {"Inbox", instadmin}} {
		for _, n := range []int{10, 50} {
			got, d := count(tc.token, queuePage, map[string]any{"n": n})
			rows := len(d["complaints"].(map[string]any)["edges"].([]any))
			t.Logf("%s page of %d (%d rows): %d statements", tc.name, n, rows, got)
			if rows == 0 {
				t.Errorf("%s page of %d is empty", tc.name, n)
			}
			if got > 5 {
				t.Errorf("%s page of %d (%d rows): %d statements, want at most 5", tc.name, n, rows, got)
			}
		}
	}
	d := env.MustDo(t, supervisor, `{ complaints(first: 1) { edges { node { id } } } }`, nil)
	id := d["complaints"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"]
	got, _ := count(supervisor, `query($id: ID!) { complaint(id: $id) { id status lender { name } deadlines { kind state } history { action at } } }`, map[string]any{"id": id})
	t.Logf("case page: %d statements", got)
	if got > 5 {
		t.Errorf("case page: %d statements, want at most 5", got)
	}
}
