package postgres_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/redline-regulator/redline/domain/deadline"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/migrations"
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

// TestMigrationDeadlinePolicyBasisZh: an edition an admin published before the policies spoke
// Chinese (a copy of the built-in one, English basis only) gets the built-in Chinese beside each
// basis and the source; rolled back, it parses with the fields the binary before knew.
// migratedTo opens a fresh database migrated up to version and returns it with its goose provider,
// to test one migration on rows written before it. The database closes when the test ends.
func migratedTo(t *testing.T, version int64) (*postgres.DB, *goose.Provider) {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := goose.NewProvider(goose.DialectPostgres, db.SQL, migrations.FS, goose.WithAllowOutofOrder(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db, p
}

func TestMigrationDeadlinePolicyBasisZh(t *testing.T) {
	ctx := context.Background()
	const version = 54
	db, p := migratedTo(t, version-1)
	docs, err := deadline.BuiltinPolicyDocuments("CN")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(docs[len(docs)-1], &doc); err != nil {
		t.Fatal(err)
	}
	builtin := map[string]string{"source": doc["sourceZh"].(string)}
	delete(doc, "sourceZh")
	for k, c := range doc["clocks"].(map[string]any) {
		builtin[k] = c.(map[string]any)["basisZh"].(string)
		delete(c.(map[string]any), "basisZh")
	}
	old, _ := json.Marshal(doc)
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO deadline_policies (jurisdiction, revision, version, document, reason, created_at)
		VALUES ('CN', 2, 'CN-2024.1+r2', $1, 'test', now())`, old); err != nil {
		t.Fatal(err)
	}
	stored := func() *deadline.Policy {
		t.Helper()
		var b []byte
		if err := db.SQL.QueryRowContext(ctx, `SELECT document FROM deadline_policies WHERE revision = 2`).Scan(&b); err != nil {
			t.Fatal(err)
		}
		pol, err := deadline.ParsePolicy(b)
		if err != nil {
			t.Fatal(err)
		}
		return pol
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	pol := stored()
	if pol.SourceZh != builtin["source"] {
		t.Errorf("source in Chinese = %q, want %q", pol.SourceZh, builtin["source"])
	}
	for _, k := range deadline.Kinds {
		if got := pol.Clocks[k].BasisZh; got != builtin[string(k)] {
			t.Errorf("%s basis in Chinese = %q, want %q", k, got, builtin[string(k)])
		}
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE deadline_policies SET reason = 'x'`); err == nil {
		t.Error("the editions are no longer append-only after the migration")
	}
	if _, err := p.DownTo(ctx, version-1); err != nil {
		t.Fatal(err)
	}
	var b []byte
	if err := db.SQL.QueryRowContext(ctx, `SELECT document FROM deadline_policies WHERE revision = 2`).Scan(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustCompact(t, b), mustCompact(t, old)) {
		t.Errorf("rolled back: %s, want %s", b, old)
	}
}

func mustCompact(t *testing.T, b []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return out
}
