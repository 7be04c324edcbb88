package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestCancelledStatementStopsInTheServer (attack round 20, session 25): when a statement's context
// ends, PostgreSQL is asked to cancel it on its own connection and the call returns once it has
// stopped. pgx's default closed the connection under the statement and sent the cancel request
// afterwards: the call returned while the statement still ran, and the connection was lost (the
// next statement on it failed).
func TestCancelledStatementStopsInTheServer(t *testing.T) {
	db := pgtest.New(t)
	bg := context.Background()
	conn, err := db.SQL.Conn(bg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pid int
	if err := conn.QueryRowContext(bg, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = conn.ExecContext(ctx, "SELECT pg_sleep(10)")
	if err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("pg_sleep(10) with a 300 ms context: %v after %v", err, time.Since(start))
	}
	var running int
	if err := db.SQL.QueryRowContext(bg, `SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, pid).Scan(&running); err != nil {
		t.Fatal(err)
	}
	if running != 0 {
		t.Errorf("the cancelled statement still runs in the server after its call returned")
	}
	var again int
	if err := conn.QueryRowContext(bg, "SELECT pg_backend_pid()").Scan(&again); err != nil || again != pid {
		t.Errorf("the connection after a cancelled statement: pid %d, %v; want the same session (%d)", again, err, pid)
	}
}
