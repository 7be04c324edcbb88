package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestMergedIntoNamesNoComplaintOutsideTheTeam (session 31, attack26; round 25's leftover c): a
// reviewer of the east team read, in mergedInto, in links and in the MERGED entry of the history
// (primaryId, primaryReference), the id and reference of the primary a duplicate of their queue
// was merged into when the primary sat in another team's queue — a complaint their scope does not
// open (complaint(id:) answers NOT_FOUND). They now read merged true, mergedInto null, no such
// link and the entry without them; once the primary is in their team again they read all of it;
// the administrator reads it wherever it is.
func TestMergedIntoNamesNoComplaintOutsideTheTeam(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S, R := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleReviewer]
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	const read = `query($id: ID!) { complaint(id: $id) { merged mergedInto links { primaryId } history { action details } } }`
	names := func(got map[string]any, primary string) (link, history bool) {
		for _, l := range got["links"].([]any) {
			link = link || l.(map[string]any)["primaryId"] == primary
		}
		for _, e := range got["history"].([]any) {
			d, _ := e.(map[string]any)["details"].(string)
			history = history || strings.Contains(d, primary) || strings.Contains(d, "primaryReference")
		}
		return link, history
	}

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
	if link, history := names(got, primary); link || history {
		t.Errorf("the east reviewer reads the west primary in links (%v) or the history (%v): %v", link, history, got)
	}
	got = env.MustDo(t, admin, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if link, history := names(got, primary); got["merged"] != true || got["mergedInto"] != primary || !link || !history {
		t.Errorf("the administrator reads %v, want mergedInto %s, the link and the history's primary", got, primary)
	}
	move("east")
	got = env.MustDo(t, R, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if link, history := names(got, primary); got["mergedInto"] != primary || !link || !history {
		t.Errorf("the east reviewer reads %v of a duplicate merged into an east complaint, want mergedInto %s, the link and the history's primary", got, primary)
	}
}
