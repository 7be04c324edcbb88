package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestStatsApplyTakesApplyManysLock (session 25, attack): Apply took its advisory lock on the id as
// given and ApplyMany on the id in lower case, so Apply of a complaint named in capitals ran beside
// an ApplyMany of the same complaint. While ApplyMany's lock of the complaint is held (here by
// another session, taking it as ApplyMany does), Apply of the same id in capitals must wait for it.
func TestStatsApplyTakesApplyManysLock(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	id := uuid.NewString()
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT count(pg_advisory_xact_lock(hashtextextended(x.id, 11))) FROM"+
		" (SELECT unnest(string_to_array($1, ',')) AS id ORDER BY 1) x", id); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- (&postgres.StatsStore{DB: db}).Apply(ctx, strings.ToUpper(id)) }()
	select {
	case err := <-done:
		t.Fatalf("Apply of %s ran while ApplyMany's lock of the complaint was held (err %v)", strings.ToUpper(id), err)
	case <-time.After(time.Second):
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Apply after the lock was released: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Apply still waits after the lock was released")
	}
	// ApplyMany and Apply take one id spelling only.
	if err := (&postgres.StatsStore{DB: db}).ApplyMany(ctx, []string{"urn:uuid:" + id}); err == nil {
		t.Error("ApplyMany took urn:uuid:…, which names no complaint (Apply refuses it)")
	}
}
