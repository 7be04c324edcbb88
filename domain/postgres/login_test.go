package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestOpenSaysWhyItCannotConnect: a server that is up but refuses DATABASE_URL's role (here a
// role that may not log in, SQLSTATE 28000; a wrong or missing password is class 28 too) is told
// apart from a server that cannot be reached: the first says to fix the role and password in
// DATABASE_URL, not to start PostgreSQL, and neither shows the password.
func TestOpenSaysWhyItCannotConnect(t *testing.T) {
	ctx := context.Background()
	admin := pgtest.Open(t, pgtest.BaseURL())
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	role := "redline_nologin_" + hex.EncodeToString(b)
	if err := admin.Gorm.Exec("CREATE ROLE " + role + " NOLOGIN").Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Gorm.Exec("DROP ROLE IF EXISTS " + role) })

	u, err := url.Parse(pgtest.BaseURL())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(role, "s3cret pass")
	_, err = postgres.Open(ctx, u.String())
	if err == nil || !strings.Contains(err.Error(), "cannot sign in") || !strings.Contains(err.Error(), "DATABASE_URL") ||
		strings.Contains(err.Error(), "start PostgreSQL") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("a refused role: %v\nwant: cannot sign in, set DATABASE_URL, no advice to start PostgreSQL, no password", err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now
	u.Host = "127.0.0.1:" + strconv.Itoa(port)
	_, err = postgres.Open(ctx, u.String())
	if err == nil || !strings.Contains(err.Error(), "cannot connect") || !strings.Contains(err.Error(), "start PostgreSQL") ||
		strings.Contains(err.Error(), "s3cret") {
		t.Errorf("no server: %v\nwant: cannot connect, start PostgreSQL, no password", err)
	}
}
