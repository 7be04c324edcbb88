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
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	statements := pgtest.Statements(t, env.App.DB)
	p := demoPeople(t, env)
	S, R := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleReviewer]
	const page = `{ complaints(first: 50) { edges { node { id history { action details } } } } }`
	merge := func(n int) {
		t.Helper()
		for range n {
			dup, primary := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
			env.MustDo(t, S, `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true, reason: "重复") { status } }`,
				map[string]any{"d": dup, "p": primary})
		}
	}
	count := func() (int64, int) {
		t.Helper()
		before := statements.Load()
		d := env.MustDo(t, R, page, nil) // a reviewer: a team scope
		return statements.Load() - before, len(d["complaints"].(map[string]any)["edges"].([]any))
	}
	merge(1)
	one, rows1 := count()
	merge(4)
	five, rows5 := count()
	t.Logf("1 merged (%d rows): %d statements; 5 merged (%d rows): %d statements", rows1, one, rows5, five)
	if rows5 != rows1+8 {
		t.Fatalf("the page holds %d then %d complaints, want every new one on it", rows1, rows5)
	}
	if five > one {
		t.Errorf("a page with 5 merged complaints runs %d statements, with 1 %d: want no more", five, one)
	}
}
