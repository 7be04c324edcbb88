package postgres_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestApplicationRoleCannotRewriteHistory connects as redline_app, the least-privileged role the
// migrations create for the application, and checks that it works the tables but may not change or
// delete the append-only records, whatever triggers say.
func TestApplicationRoleCannotRewriteHistory(t *testing.T) {
	ctx := context.Background()
	owner := pgtest.NewURL(t)
	db, err := postgres.Open(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx, "up"); err != nil {
		t.Fatal(err)
	}
	// Running the role's migration again (another database of the same server) finds the role there.
	if err := db.Gorm.Exec(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'redline_app') THEN RAISE 'no role'; END IF; END $$`).Error; err != nil {
		t.Fatal(err)
	}

	u, _ := url.Parse(owner)
	u.User = url.User("redline_app")
	app, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatalf("connect as redline_app: %v", err)
	}
	defer app.Close(ctx)

	var userID int64
	if err := app.QueryRow(ctx, `INSERT INTO users (email, display_name, role, password_hash) VALUES ('a@t.test', 'x', 'admin', 'x') RETURNING id`).Scan(&userID); err != nil {
		t.Fatalf("redline_app may not create a user: %v", err)
	}
	if _, err := app.Exec(ctx, `UPDATE users SET display_name = 'y' WHERE id = $1`, userID); err != nil {
		t.Fatalf("redline_app may not update a user: %v", err)
	}
	for _, q := range []string{
		`INSERT INTO audit_log (actor_id, action, at) VALUES ($1, 'test', now())`,
		`INSERT INTO admin_audit_log (actor_id, actor_role, action, address, at) VALUES ($1, 'admin', 'test', '127.0.0.1', now())`,
	} {
		if _, err := app.Exec(ctx, q, userID); err != nil {
			t.Fatalf("redline_app may not append: %s: %v", q, err)
		}
	}

	for _, q := range []string{
		`UPDATE complaint_events SET reason = 'rewritten'`,
		`DELETE FROM complaint_events`,
		`TRUNCATE complaint_events`,
		`UPDATE audit_log SET action = 'rewritten'`,
		`DELETE FROM audit_log`,
		`UPDATE admin_audit_log SET reason = 'rewritten'`,
		`DELETE FROM admin_audit_log`,
	} {
		_, err := app.Exec(ctx, q)
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as redline_app: %v, want permission denied", q, err)
		}
	}
	// Every table, including those of migrations numbered after the role's, is granted.
	var missing []string
	rows, err := app.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
		AND NOT has_table_privilege('redline_app', 'public.' || quote_ident(tablename), 'SELECT, INSERT')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		_ = rows.Scan(&name)
		missing = append(missing, name)
	}
	rows.Close()
	if len(missing) > 0 {
		t.Errorf("redline_app may not read or insert into %v", missing)
	}
}
