package postgres_test

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestUserRowLocksLetOthersReferToTheUser (session 28, attack; round 22's leftover): a sign-in
// (SaveRefresh) and saving a view (SaveView) locked the user's row FOR UPDATE, the lock that
// changes a key. Every insert of a row referring to the user (a complaint, a note, an audit entry,
// an event, a session) takes FOR KEY SHARE on that row, which FOR UPDATE waits for: a sign-in
// waited behind any open transaction that had written something of the user's, and held up every
// such write while it ran. FOR NO KEY UPDATE, which still conflicts with a password change, a reset
// and disabling (UPDATE of non-key columns), lets them through.
func TestUserRowLocksLetOthersReferToTheUser(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	var userID int64
	if err := db.SQL.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash)
		VALUES ('lock@example.cn', 'lock', 'reviewer', 'x') RETURNING id`).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	sessions := &postgres.SessionStore{DB: db}
	views := &postgres.WorkbenchStore{DB: db}
	h := func(s string) []byte { b := sha256.Sum256([]byte(s)); return b[:] }
	now := time.Now().UTC()
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"sign-in", func() error {
			_, err := sessions.SaveRefresh(ctx, userID, 0, "x", h("a"), nil, now, now.Add(time.Hour))
			return err
		}},
		{"saving a view", func() error {
			return views.SaveView(ctx, &domain.SavedView{OwnerID: userID, Name: "mine", Filter: domain.ComplaintFilter{Order: domain.OrderNewest}}, 20)
		}},
	} {
		// Another transaction has written a row that refers to the user and is still open.
		holder, err := db.SQL.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := holder.ExecContext(ctx, `INSERT INTO sessions (user_id, created_at) VALUES ($1, now())`, userID); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.run() }()
		waited := false
	watch:
		for {
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
				break watch
			default:
			}
			var n int
			if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FROM users%'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				waited = true
				break watch
			}
		}
		if waited {
			t.Errorf("%s waited for the user's row behind a transaction that only referred to the user", c.name)
		}
		if err := holder.Rollback(); err != nil {
			t.Fatal(err)
		}
		if waited {
			if err := <-done; err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
		}
	}
	// The sign-in still waits for a password change in flight, and is then refused.
	changer, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := changer.ExecContext(ctx, `UPDATE users SET password_hash = 'y' WHERE id = $1`, userID); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := sessions.SaveRefresh(ctx, userID, 0, "x", h("b"), nil, now, now.Add(time.Hour))
		done <- err
	}()
	for {
		var n int
		if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the sign-in did not wait for the password change: %v", err)
		default:
		}
	}
	if err := changer.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; domain.CodeOf(err) != domain.CodeUnauthenticated {
		t.Errorf("a sign-in overtaken by a password change: %v, want UNAUTHENTICATED", err)
	}
}
