package app_test

import (
	"context"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestMergedIntoNamesNoComplaintOutsideTheTeam (session 31, attack26; round 25's leftover c): a
// reviewer of the east team read, in mergedInto, the id of the primary a duplicate of their queue
// was merged into when the primary sat in another team's queue — a complaint their scope does not
// open (complaint(id:) answers NOT_FOUND). They now read merged true and mergedInto null; once the
// primary is in their team again they read its id; the administrator reads it wherever it is.
func TestMergedIntoNamesNoComplaintOutsideTheTeam(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S, R := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleReviewer]
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	const read = `query($id: ID!) { complaint(id: $id) { merged mergedInto } }`

	dup, primary := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
	env.MustDo(t, S, `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true, reason: "重复") { status } }`,
		map[string]any{"d": dup, "p": primary})
	move := func(team string) {
		t.Helper()
		if _, err := env.App.DB.SQL.ExecContext(context.Background(), `UPDATE complaints SET team = $1 WHERE id = $2`, team, primary); err != nil {
			t.Fatal(err)
		}
	}
	move("west") // re-routed to another team after the merge
	if r := env.Do(t, R, read, map[string]any{"id": primary}); r.Code() != "NOT_FOUND" {
		t.Fatalf("the east reviewer opens the west primary: %+v, want NOT_FOUND", r.Errors)
	}
	got := env.MustDo(t, R, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if got["merged"] != true || got["mergedInto"] != nil {
		t.Errorf("the east reviewer reads %v of a duplicate merged into a west complaint, want merged true and mergedInto null", got)
	}
	got = env.MustDo(t, admin, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if got["merged"] != true || got["mergedInto"] != primary {
		t.Errorf("the administrator reads %v, want mergedInto %s", got, primary)
	}
	move("east")
	got = env.MustDo(t, R, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if got["mergedInto"] != primary {
		t.Errorf("the east reviewer reads %v of a duplicate merged into an east complaint, want mergedInto %s", got, primary)
	}
}
