package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestPublishedRatingBlocksNeverChange (attack round 25, session 30): session 29 counted the first
// 5⌊n/5⌋ ratings of the complaints published at the moment of the read, so a rated complaint that
// left the dataset (its complainant withdrew it) shifted every block after it by one: the figures
// read before and after told the next rating less the one that left — the complainant who withdrew
// their own early-rated complaint read a stranger's rating exactly. Blocks are now appended to a
// ledger once full and never change: a complaint that leaves takes nothing with it.
func TestPublishedRatingBlocksNeverChange(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	lender := strconv.FormatInt(p.lenderID, 10)
	const q = `query($f: PublicComplaintFilter) { publicFigures(filter: $f, first: 10) {
		total { ratings averageSatisfaction satisfiedShare } institutions { institutionId ratings averageSatisfaction satisfiedShare } } }`
	type view struct{ whole, own, page map[string]any }
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
		v.page = d["total"].(map[string]any)
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
	rated := func(rating int) string {
		t.Helper()
		now, day := time.Now().UTC(), 24*time.Hour
		c := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToPublish, c.LenderID = domain.StatusAccepted, []int64{p.lenderID}, true, p.lenderID
			c.ForwardedAt, c.DueAt, c.RespondedAt = now.Add(-2*day), now.Add(13*day), now.Add(-day)
			c.Feedback = &domain.Feedback{Decision: domain.FeedbackAccept, Satisfaction: rating, At: now}
		})
		respond(t, env, p, c.ID, domain.ClosedWithExplanation, now.Add(-day))
		return c.ID
	}
	var first string
	for i := 0; i < 30; i++ { // rates are shown from 30 published complaints
		id := rated(5)
		if i == 0 {
			first = id
		}
	}
	for range 4 { // four ratings wait for a fifth
		rated(1)
	}
	before := read()
	if before.whole["ratings"] != float64(30) || before.own["ratings"] != float64(30) || before.page["ratings"] != float64(30) {
		t.Fatalf("thirty-four ratings: whole %v, the lender's row %v, its page %v; want 30 shown", before.whole, before.own, before.page)
	}
	// The earliest rated complaint leaves the dataset (its complainant withdraws it).
	if _, err := env.App.DB.SQL.ExecContext(ctx, `UPDATE complaints SET status = 'WITHDRAWN' WHERE id = $1`, first); err != nil {
		t.Fatal(err)
	}
	after := read()
	if !same(before.whole, after.whole) || !same(before.own, after.own) || !same(before.page, after.page) {
		t.Errorf("a rated complaint leaving the dataset moved the figures: whole %v → %v, the lender's row %v → %v, its page %v → %v",
			before.whole, after.whole, before.own, after.own, before.page, after.page)
	}
	// A fifth waiting rating fills the next block, of the five ratings that came after the blocks shown.
	rated(1)
	after = read()
	if after.whole["ratings"] != float64(35) || after.own["ratings"] != float64(35) {
		t.Errorf("after a fifth waiting rating: whole %v, the lender's row %v; want 35 shown", after.whole, after.own)
	}
	if avg, _ := after.whole["averageSatisfaction"].(float64); avg != 155.0/35 { // 30×5 + 5×1
		t.Errorf("the average of 35 ratings = %v, want %v", after.whole["averageSatisfaction"], 155.0/35)
	}
	// The ledger is append-only.
	for _, stmt := range []string{`DELETE FROM public_rating_ledger`, `UPDATE public_rating_ledger SET satisfaction = 1`} {
		if _, err := env.App.DB.SQL.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want refused as append-only", stmt, err)
		}
	}
}
