package postgres_test

import (
	"context"
	"crypto/rand"
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

	app := connectAsApplication(ctx, t, owner)
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
		`UPDATE public_rating_ledger SET satisfaction = 1`, // session 30, attackmend (migration 00066)
		`DELETE FROM public_rating_ledger`,
		`TRUNCATE public_rating_ledger`,
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

// connectAsApplication logs in to the owner's database as redline_app with a password, as production
// does, so the test passes on a server that asks for passwords (scram) as well as on one that trusts.
// The role belongs to the whole server: under a lock that every test run on the server shares (an
// advisory lock in the maintenance database), it gives the role a random password of its own for the
// moment of the login and then puts the role's previous password (or none) back.
func connectAsApplication(ctx context.Context, t *testing.T, owner string) *pgx.Conn {
	t.Helper()
	admin, err := pgx.Connect(ctx, pgtest.BaseURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx) // also releases the lock
	const lock = `hashtext('redline test: login as redline_app')`
	if _, err := admin.Exec(ctx, `SELECT pg_advisory_lock(`+lock+`)`); err != nil {
		t.Fatal(err)
	}
	var previous *string
	if err := admin.QueryRow(ctx, `SELECT rolpassword FROM pg_authid WHERE rolname = 'redline_app'`).Scan(&previous); err != nil {
		t.Fatalf("read redline_app's password (the test database user must be a superuser): %v", err)
	}
	setPassword := func(pw *string) {
		t.Helper()
		var stmt string
		if err := admin.QueryRow(ctx, `SELECT format('ALTER ROLE redline_app PASSWORD %L', $1::text)`, pw).Scan(&stmt); err != nil {
			t.Fatal(err)
		}
		if pw == nil {
			stmt = `ALTER ROLE redline_app PASSWORD NULL`
		}
		if _, err := admin.Exec(ctx, stmt); err != nil {
			t.Fatalf("set redline_app's password: %v", err)
		}
	}
	password := rand.Text()
	setPassword(&password)
	u, _ := url.Parse(owner)
	u.User = url.UserPassword("redline_app", password)
	app, err := pgx.Connect(ctx, u.String())
	setPassword(previous) // a connection lives on after its password changes
	if err != nil {
		t.Fatalf("connect as redline_app with its password: %v", err)
	}
	if _, err := admin.Exec(ctx, `SELECT pg_advisory_unlock(`+lock+`)`); err != nil {
		t.Fatal(err)
	}
	return app
}
