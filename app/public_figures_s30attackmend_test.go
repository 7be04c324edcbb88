package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
)

// ledgerFixture starts a platform whose public figures read rated, published complaints of the
// demo lender; rate adds n ratings, read reads the whole dataset's figures (folding the statistics
// first), ledger counts the whole dataset's ratings in the ledger.
type ledgerFixture struct {
	env *apptest.Env
	p   *people
}

func newLedgerFixture(t *testing.T) *ledgerFixture {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	return &ledgerFixture{env: env, p: demoPeople(t, env)}
}

func (x *ledgerFixture) rate(t *testing.T, n, rating int) {
	t.Helper()
	for range n {
		now, day := time.Now().UTC(), 24*time.Hour
		c := newComplaint(t, x.env, x.p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToPublish, c.LenderID = domain.StatusAccepted, []int64{x.p.lenderID}, true, x.p.lenderID
			c.ForwardedAt, c.DueAt, c.RespondedAt = now.Add(-2*day), now.Add(13*day), now.Add(-day)
			c.Feedback = &domain.Feedback{Decision: domain.FeedbackAccept, Satisfaction: rating, At: now}
		})
		respond(t, x.env, x.p, c.ID, domain.ClosedWithExplanation, now.Add(-day))
	}
	now := time.Now().UTC()
	if err := x.env.App.Stats.Store.Rebuild(context.Background(), now.AddDate(0, 0, -2), now.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
}

// read reads the figures of a filter and returns the total's ratings, or the errors' text.
func (x *ledgerFixture) read(t *testing.T, f map[string]any) (any, string) {
	t.Helper()
	r := x.env.Do(t, "", `query($f: PublicComplaintFilter) { publicFigures(filter: $f, first: 10) { total { ratings } } }`, map[string]any{"f": f})
	if len(r.Errors) > 0 {
		var msgs []string
		for _, e := range r.Errors {
			msgs = append(msgs, e.Message)
		}
		return nil, strings.Join(msgs, "; ")
	}
	return r.Data["publicFigures"].(map[string]any)["total"].(map[string]any)["ratings"], ""
}

func (x *ledgerFixture) ledger(t *testing.T) int {
	t.Helper()
	var n int
	if err := x.env.App.DB.SQL.QueryRow(`SELECT count(*) FROM public_rating_ledger WHERE scope = 0`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPublicFiguresSurviveAFailedLedgerWrite (session 30, attackmend): every read of the figures
// appended to the ledger on the primary first and failed on any error of that write (a read-only
// primary: "cannot execute INSERT in a read-only transaction"), so one failed write took the public
// figures down for everyone. The append is now logged when it fails and the figures are read from the
// ledger as it stands; a selection whose satisfaction is withheld appends nothing.
func TestPublicFiguresSurviveAFailedLedgerWrite(t *testing.T) {
	x := newLedgerFixture(t)
	ctx := context.Background()
	x.rate(t, 30, 5) // rates are shown from 30 published complaints
	if got, errs := x.read(t, map[string]any{}); errs != "" || got != float64(30) {
		t.Fatalf("thirty ratings: %v %s", got, errs)
	}
	// The ledger refuses every append from now on (as a read-only primary would).
	if _, err := x.env.App.DB.SQL.ExecContext(ctx, `CREATE TRIGGER s30attackmend_refuse BEFORE INSERT ON public_rating_ledger
		FOR EACH STATEMENT EXECUTE FUNCTION public_rating_ledger_append_only()`); err != nil {
		t.Fatal(err)
	}
	x.rate(t, 5, 1)
	if got, errs := x.read(t, map[string]any{}); errs != "" || got != float64(30) {
		t.Errorf("the ledger refusing an append: whole dataset %v, errors %q; want the 30 ratings of the ledger as it stands", got, errs)
	}
	if got, errs := x.read(t, map[string]any{"institutionId": strconv.FormatInt(x.p.lenderID, 10)}); errs != "" || got != float64(30) {
		t.Errorf("the ledger refusing an append: the lender's page %v, errors %q; want 30", got, errs)
	}
	if _, err := x.env.App.DB.SQL.ExecContext(ctx, `DROP TRIGGER s30attackmend_refuse ON public_rating_ledger`); err != nil {
		t.Fatal(err)
	}
	// A narrower selection withholds satisfaction: its read appends nothing.
	if _, errs := x.read(t, map[string]any{"product": "ONLINE_LOAN"}); errs != "" {
		t.Fatalf("a narrower selection: %s", errs)
	}
	if n := x.ledger(t); n != 30 {
		t.Errorf("a read whose satisfaction is withheld appended to the ledger: %d ratings in it, want 30", n)
	}
	if got, errs := x.read(t, map[string]any{}); errs != "" || got != float64(35) {
		t.Errorf("the ledger writable again: whole dataset %v, errors %q; want 35", got, errs)
	}
}

// TestPublicFiguresAppendAtMostOncePerInterval (session 30, attackmend): every anonymous read of the
// figures ran the ledger's INSERT…SELECT over the published complaints on the primary. A process now
// appends at most once per LedgerEvery (30 s by default); the reads in between only read.
func TestPublicFiguresAppendAtMostOncePerInterval(t *testing.T) {
	x := newLedgerFixture(t)
	store := x.env.App.Public.Figs.(*postgres.PublicStore)
	store.LedgerEvery = time.Hour // before any read of the figures
	x.rate(t, 30, 5)
	if got, errs := x.read(t, map[string]any{}); errs != "" || got != float64(30) {
		t.Fatalf("the first read: %v %s; want 30", got, errs)
	}
	x.rate(t, 5, 1)
	for range 3 {
		if got, errs := x.read(t, map[string]any{}); errs != "" || got != float64(30) {
			t.Errorf("a read within the interval: %v %s; want the 30 of the ledger as it stands", got, errs)
		}
	}
	if n := x.ledger(t); n != 30 {
		t.Errorf("reads within the interval appended to the ledger: %d ratings in it, want 30", n)
	}
	store.LedgerEvery = -1
	if got, errs := x.read(t, map[string]any{}); errs != "" || got != float64(35) {
		t.Errorf("the interval passed: %v %s; want 35", got, errs)
	}
}
