package main

import (
	"testing"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// commandDatabase creates a fresh database for a command under test, names it in DATABASE_URL (the
// command opens it itself) and returns the test's own handle on it, migrated when migrate is true.
func commandDatabase(t *testing.T, migrate bool) *postgres.DB {
	t.Helper()
	url := pgtest.NewURL(t)
	t.Setenv("DATABASE_URL", url)
	if migrate {
		return pgtest.Migrated(t, url)
	}
	return pgtest.Open(t, url)
}
