package postgres_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestStoppedTransactionKeepsItsConnection (round 20's leftover; session 26, attack): when a
// transaction's context ended — a request past its deadline, a client gone — database/sql rolled
// it back on that ended context, pgx could not send the ROLLBACK and closed the connection: every
// stopped mutation cost the pool a connection. The transaction is still rolled back (nothing it
// wrote is kept), and the pool's one connection is the same session afterwards.
func TestStoppedTransactionKeepsItsConnection(t *testing.T) {
	db := pgtest.New(t)
	db.SQL.SetMaxOpenConns(1)
	db.SQL.SetMaxIdleConns(1)
	bg := context.Background()
	if _, err := db.SQL.ExecContext(bg, `CREATE TABLE s26_txend (x int)`); err != nil {
		t.Fatal(err)
	}
	pid := func() int {
		t.Helper()
		var p int
		if err := db.SQL.QueryRowContext(bg, "SELECT pg_backend_pid()").Scan(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	written := func() int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(bg, "SELECT count(*) FROM s26_txend").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := pid()
	for name, run := range map[string]func(ctx context.Context) error{
		// A statement of the transaction is cancelled when the deadline passes.
		"statement stopped": func(ctx context.Context) error {
			tx, err := db.SQL.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO s26_txend VALUES (1)"); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, "SELECT pg_sleep(10)")
			_ = tx.Rollback()
			return err
		},
		// The deadline passes between statements: database/sql rolls back by itself.
		"idle in transaction": func(ctx context.Context) error {
			tx, err := db.SQL.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO s26_txend VALUES (2)"); err != nil {
				return err
			}
			<-ctx.Done()
			time.Sleep(100 * time.Millisecond)
			if err := tx.Commit(); err == nil {
				t.Errorf("a transaction whose context ended committed")
			}
			return ctx.Err()
		},
		// gorm's Transaction, as the stores run their writes.
		"gorm": func(ctx context.Context) error {
			return db.Gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
				if err := tx.Exec("INSERT INTO s26_txend VALUES (3)").Error; err != nil {
					return err
				}
				return tx.Exec("SELECT pg_sleep(10)").Error
			})
		},
	} {
		ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
		start := time.Now()
		err := run(ctx)
		cancel()
		if err == nil || time.Since(start) > 3*time.Second {
			t.Fatalf("%s: %v after %v, want an error within the deadline", name, err, time.Since(start))
		}
		time.Sleep(50 * time.Millisecond) // database/sql's rollback on the context's end runs in a goroutine
		if n := written(); n != 0 {
			t.Errorf("%s: %d rows written by a stopped transaction, want none", name, n)
		}
		if p := pid(); p != first {
			t.Errorf("%s: the pool's connection was closed (session %d, then %d)", name, first, p)
		}
		if st := db.SQL.Stats(); st.MaxLifetimeClosed+st.MaxIdleClosed+st.MaxIdleTimeClosed != 0 {
			t.Logf("%s: %+v", name, st)
		}
	}
}
