package app_test

import (
	"context"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestMergedIntoNamesNoOneElsesComplaint (attack round 25, session 30): a complainant whose
// complaint was merged into another person's read the other complaint's internal id in mergedInto.
// They now read merged: true and mergedInto null; staff keep the link; a complainant who owns the
// primary too still reads its id.
func TestMergedIntoNamesNoOneElsesComplaint(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S, C := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleComplainant]
	const merge = `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true, reason: "重复") { status } }`
	const read = `query($id: ID!) { complaint(id: $id) { merged mergedInto } }`

	dup, other := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
	// The primary belongs to someone else.
	if _, err := env.App.DB.SQL.ExecContext(context.Background(), `UPDATE complaints SET complainant_id = $1 WHERE id = $2`,
		p.actors[domain.RoleReviewer].UserID, other); err != nil {
		t.Fatal(err)
	}
	env.MustDo(t, S, merge, map[string]any{"d": dup, "p": other})
	if got := env.MustDo(t, C, `query($id: ID!) { complaint(id: $id) { mergedInto } }`, map[string]any{"id": dup})["complaint"].(map[string]any); got["mergedInto"] != nil {
		t.Errorf("the complainant reads mergedInto %v, the id of another person's complaint", got["mergedInto"])
	}
	got := env.MustDo(t, C, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if got["merged"] != true || got["mergedInto"] != nil {
		t.Errorf("the complainant reads %v of a complaint merged into another's, want merged true and mergedInto null", got)
	}
	got = env.MustDo(t, S, read, map[string]any{"id": dup})["complaint"].(map[string]any)
	if got["merged"] != true || got["mergedInto"] != other {
		t.Errorf("the supervisor reads %v, want merged true and mergedInto %s", got, other)
	}

	// Both the complainant's own: the link stays theirs to follow.
	dup2, own := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
	env.MustDo(t, S, merge, map[string]any{"d": dup2, "p": own})
	got = env.MustDo(t, C, read, map[string]any{"id": dup2})["complaint"].(map[string]any)
	if got["merged"] != true || got["mergedInto"] != own {
		t.Errorf("the complainant reads %v of a complaint merged into their own %s", got, own)
	}
	got = env.MustDo(t, C, read, map[string]any{"id": own})["complaint"].(map[string]any)
	if got["merged"] != false || got["mergedInto"] != nil {
		t.Errorf("the primary reads %v, want merged false", got)
	}
}
