package postgres_test

import (
	"context"
	"testing"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

func tableCount(t *testing.T, db *postgres.DB) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'goose_db_version'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigrations runs every migration up, all the way down, and up again on a fresh database.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx, "up"); err != nil {
		t.Fatalf("up: %v", err)
	}
	up := tableCount(t, db)
	if up < 8 {
		t.Fatalf("after up: %d tables, want the schema", up)
	}
	if err := db.Migrate(ctx, "reset"); err != nil {
		t.Fatalf("down to zero: %v", err)
	}
	if n := tableCount(t, db); n != 0 {
		t.Fatalf("after down to zero: %d tables left", n)
	}
	if err := db.Migrate(ctx, "up"); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if n := tableCount(t, db); n != up {
		t.Fatalf("after up again: %d tables, want %d", n, up)
	}
}
