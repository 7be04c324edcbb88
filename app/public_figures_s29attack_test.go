package app_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestPublicFiguresDoNotMoveByOneRating (attack round 24, session 29): the public figures summed
// every rating the moment it was given, so an anonymous caller who read them before and after one
// complainant rated an answer read that rating off the difference — the count up by one, the sum
// by the rating (by hand on the demo data: 73 ratings averaging 4.0411, then 74 averaging 4.0135,
// two seconds after complainant33 rated RL-2026-00000280 a 2; institution 1's own page moved
// alike). Ratings are now taken in blocks of five, the earliest first: one rating more moves no
// figure, and five more move it by five ratings at once.
func TestPublicFiguresDoNotMoveByOneRating(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	lender := strconv.FormatInt(p.lenderID, 10)
	const q = `query($f: PublicComplaintFilter) { publicFigures(filter: $f, first: 10) {
		total { ratings averageSatisfaction satisfiedShare } institutions { institutionId ratings averageSatisfaction satisfiedShare } } }`
	type view struct{ whole, own map[string]any }
	read := func() view {
		t.Helper()
		now := time.Now().UTC()
		if err := env.App.Stats.Store.Rebuild(ctx, now.AddDate(0, 0, -2), now.AddDate(0, 0, 2)); err != nil {
			t.Fatal(err)
		}
		var v view
		d := env.MustDo(t, "", q, map[string]any{"f": map[string]any{}})["publicFigures"].(map[string]any)
		v.whole = d["total"].(map[string]any)
		d = env.MustDo(t, "", q, map[string]any{"f": map[string]any{"institutionId": lender}})["publicFigures"].(map[string]any)
		for _, x := range d["institutions"].([]any) {
			if i := x.(map[string]any); i["institutionId"] == lender {
				v.own = i
			}
		}
		return v
	}
	same := func(a, b map[string]any) bool {
		return a["ratings"] == b["ratings"] && a["averageSatisfaction"] == b["averageSatisfaction"] && a["satisfiedShare"] == b["satisfiedShare"]
	}
	for i := 0; i < 30; i++ { // rates are shown from 30 published complaints
		ratedAnswer(t, env, p, p.lenderID, domain.ProductCreditCard, true, 5, domain.ClosedWithExplanation)
	}
	before := read()
	if before.whole["ratings"] != float64(30) || before.own["ratings"] != float64(30) {
		t.Fatalf("thirty ratings: whole %v, the lender's page %v; want 30 shown", before.whole, before.own)
	}
	// Four more, each read after it is given: nothing moves, so none of them can be read off.
	for i, rating := range []int{1, 2, 3, 4} {
		ratedAnswer(t, env, p, p.lenderID, domain.ProductCreditCard, true, rating, domain.ClosedWithExplanation)
		after := read()
		if !same(before.whole, after.whole) || !same(before.own, after.own) {
			t.Errorf("rating %d (%d of 4) moved the figures: whole %v → %v, the lender's page %v → %v", rating, i+1,
				before.whole, after.whole, before.own, after.own)
		}
	}
	// The fifth completes a block: the figures move by five ratings.
	ratedAnswer(t, env, p, p.lenderID, domain.ProductCreditCard, true, 5, domain.ClosedWithExplanation)
	after := read()
	if after.whole["ratings"] != float64(35) || after.own["ratings"] != float64(35) {
		t.Errorf("thirty-five ratings: whole %v, the lender's page %v; want 35 shown", after.whole, after.own)
	}
	if avg, _ := after.whole["averageSatisfaction"].(float64); avg != 165.0/35 { // 30×5 + 1+2+3+4+5 = 165 over 35
		t.Errorf("the average of 35 ratings = %v, want %v", after.whole["averageSatisfaction"], 165.0/35)
	}
}
