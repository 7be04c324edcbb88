package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
)

// TestPublicFiguresFillOutlivesTheCaller: the append to the ledger of published ratings on the read
// path is the process's, not the anonymous caller's — a caller who drops the request (its context
// cancelled) does not cancel the append and so hold the published ratings back for another interval
// (the final review of session 30: the fill ran on the request's context).
func TestPublicFiguresFillOutlivesTheCaller(t *testing.T) {
	x := newLedgerFixture(t)
	store := x.env.App.Public.Figs.(*postgres.PublicStore)
	store.LedgerEvery = -1
	x.rate(t, 30, 5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the caller is gone before the store is read
	_, _, _ = store.PublishedFigures(ctx, domain.PublicFilter{}, time.Now(), 10, 5)
	if n := x.ledger(t); n != 30 {
		t.Errorf("a dropped request's read left %d ratings in the ledger, want 30", n)
	}
}
