package postgres_test

import (
	"context"
	"testing"
)

// TestMigrationMobileNumbersStartUnconfirmed (session 15, sms): a number given for SMS before
// migration 00059 is unconfirmed after it (mobile_confirmed_at NULL), so no SMS goes to it until
// its owner confirms it with a code; rolled back and up again, the same.
func TestMigrationMobileNumbersStartUnconfirmed(t *testing.T) {
	ctx := context.Background()
	const version = 59
	db, p := migratedTo(t, version-1)
	if _, err := db.SQL.ExecContext(ctx, `WITH u AS (INSERT INTO users (email, display_name, role, password_hash)
		VALUES ('old-sms@example.cn', 'x', 'complainant', 'x') RETURNING id)
		INSERT INTO notification_preferences (user_id, email, sms, mobile, updated_at) SELECT id, true, true, 'sealed-number', now() FROM u`); err != nil {
		t.Fatal(err)
	}
	unconfirmed := func() int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM notification_preferences WHERE sms AND mobile_confirmed_at IS NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	if n := unconfirmed(); n != 1 {
		t.Fatalf("%d unconfirmed numbers after the migration, want the one given before", n)
	}
	if _, err := p.DownTo(ctx, version-1); err != nil {
		t.Fatalf("down: %v", err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	if n := unconfirmed(); n != 1 {
		t.Fatalf("%d unconfirmed numbers after down and up, want 1", n)
	}
}
