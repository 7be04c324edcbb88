// Package pgtest gives tests a fresh, migrated PostgreSQL database of their own, on the server
// named by REDLINE_TEST_DATABASE_URL (default: the local server, trust or postgres/postgres).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres"
)

// Keys is the key ring of test databases: fixed dev keys, so that a test can decrypt what another
// part of it wrote.
var Keys = pii.DevKeyRing("redline-pgtest")

// BaseURL is the maintenance database URL tests create their databases from.
func BaseURL() string {
	if u := os.Getenv("REDLINE_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// redacted is a URL for messages: its password, if any, replaced.
func redacted(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	return "(REDLINE_TEST_DATABASE_URL is not a URL)"
}

// NewURL creates an empty database and returns its URL; it is dropped when the test ends.
func NewURL(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "redline_test_" + hex.EncodeToString(b)
	base := BaseURL()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("pgtest: connect to %s: %v (start PostgreSQL with `bash deploy/local.sh services`; REDLINE_TEST_DATABASE_URL names a role that may create databases, with its password)", redacted(base), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

// New returns a fresh database with every migration applied.
func New(tb testing.TB) *postgres.DB {
	tb.Helper()
	return Migrated(tb, NewURL(tb))
}

// Open opens the database at url with the test keys; it is closed when the test ends.
func Open(tb testing.TB, url string) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	db.Keys = Keys
	tb.Cleanup(func() { db.Close() })
	return db
}

// Migrated opens the database at url (see Open) and applies every migration.
func Migrated(tb testing.TB, url string) *postgres.DB {
	tb.Helper()
	db := Open(tb, url)
	if err := db.Migrate(context.Background(), "up"); err != nil {
		tb.Fatalf("pgtest: migrate: %v", err)
	}
	return db
}

// Statements counts the SQL statements gorm runs on db from now on (queries, inserts, updates,
// deletes, raw statements); read it with Load. Tests use it to hold the number of round trips of
// a page or a task to a bound.
func Statements(tb testing.TB, db *postgres.DB) *atomic.Int64 {
	tb.Helper()
	n := &atomic.Int64{}
	count := func(*gorm.DB) { n.Add(1) }
	name := fmt.Sprintf("pgtest:count:%p", n)
	cb := db.Gorm.Callback()
	for _, err := range []error{
		cb.Create().Before("gorm:create").Register(name, count),
		cb.Query().Before("gorm:query").Register(name, count),
		cb.Update().Before("gorm:update").Register(name, count),
		cb.Delete().Before("gorm:delete").Register(name, count),
		cb.Row().Before("gorm:row").Register(name, count),
		cb.Raw().Before("gorm:raw").Register(name, count),
	} {
		if err != nil {
			tb.Fatalf("pgtest: count statements: %v", err)
		}
	}
	return n
}
