package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestMergedHistoriesOfAPageInOneRead (session 31, secmend; review of attack26): a staff member's
// page of histories checked, for each LINKED or MERGED entry, whether the staff member opens the
// primary with one read per entry (and a fresh cache per complaint). The page's primaries are
// now read at once: more merged complaints on the page cost no more statements.
func TestMergedHistoriesOfAPageInOneRead(t *testing.T) {
	one, d1, five, d5 := pageAfterMerges(t, `{ complaints(first: 50) { edges { node { id history { action details } } } } }`)
	rows1, rows5 := len(d1["complaints"].(map[string]any)["edges"].([]any)), len(d5["complaints"].(map[string]any)["edges"].([]any))
	t.Logf("1 merged (%d rows): %d statements; 5 merged (%d rows): %d statements", rows1, one, rows5, five)
	if rows5 != rows1+8 {
		t.Fatalf("the page holds %d then %d complaints, want every new one on it", rows1, rows5)
	}
	if five > one {
		t.Errorf("a page with 5 merged complaints runs %d statements, with 1 %d: want no more", five, one)
	}
}

// pageAfterMerges reads a reviewer's page (a team scope) after a supervisor merged one complaint
// into another, and again after four more merges: the statements each read ran and what it read
// (the statement-count tests of sessions 31 and 32).
func pageAfterMerges(t *testing.T, page string) (one int64, d1 map[string]any, five int64, d5 map[string]any) {
	t.Helper()
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	statements := pgtest.Statements(t, env.App.DB)
	p := demoPeople(t, env)
	S, R := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleReviewer]
	merge := func(n int) {
		t.Helper()
		for range n {
			dup, primary := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
			env.MustDo(t, S, `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true, reason: "重复") { status } }`,
				map[string]any{"d": dup, "p": primary})
		}
	}
	count := func() (int64, map[string]any) {
		t.Helper()
		before := statements.Load()
		d := env.MustDo(t, R, page, nil)
		return statements.Load() - before, d
	}
	merge(1)
	one, d1 = count()
	merge(4)
	five, d5 = count()
	return one, d1, five, d5
}
