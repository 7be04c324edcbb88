package postgres_test

import (
	"context"
	"testing"
)

// TestMigrationFlagsAdministratorsPasswordsBeforeMustChange (session 32, sec32): an account an
// administrator created before migration 00067 whose holder never set a password of their own must
// change it after 00068; one whose holder changed or reset it, a seeded, self-registered or invited
// one, and the administrator's own are not flagged. Rolled back and up again, the same.
func TestMigrationFlagsAdministratorsPasswordsBeforeMustChange(t *testing.T) {
	ctx := context.Background()
	const version = 68
	db, p := migratedTo(t, version-1)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	id := func(email string) int64 {
		t.Helper()
		var id int64
		if err := db.SQL.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'x', 'reviewer', 'x') RETURNING id`, email).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	audit := func(actor any, action string, target int64) {
		t.Helper()
		exec(`INSERT INTO audit_log (actor_id, action, target, at) VALUES ($1, $2, 'user:' || $3::bigint, now())`, actor, action, target)
	}
	admin := id("admin-old@example.cn")
	audit(nil, "user.create", admin) // seeded
	made := id("made-old@example.cn")
	audit(admin, "user.create", made)
	changed := id("changed-old@example.cn")
	audit(admin, "user.create", changed)
	audit(changed, "user.password.change", changed)
	reset := id("reset-old@example.cn")
	audit(admin, "user.create", reset)
	audit(reset, "user.password.reset", reset)
	registered := id("registered-old@example.cn")
	audit(nil, "user.create", registered)
	invited := id("invited-old@example.cn")
	audit(invited, "user.invitation.accept", invited)

	flagged := func() map[int64]bool {
		t.Helper()
		rows, err := db.SQL.QueryContext(ctx, `SELECT id FROM users WHERE must_change_password`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int64]bool{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			out[id] = true
		}
		return out
	}
	want := func(when string) {
		t.Helper()
		got := flagged()
		if len(got) != 1 || !got[made] {
			t.Errorf("%s: flagged %v, want only the administrator-made account %d (admin %d, changed %d, reset %d, registered %d, invited %d)",
				when, got, made, admin, changed, reset, registered, invited)
		}
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	want("after the migration")
	if _, err := p.DownTo(ctx, version-1); err != nil {
		t.Fatalf("down: %v", err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	want("after down and up")
}
