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

// TestRefreshRacingTheSessionsEndSavesNoLiveToken (session 27, attack; found by hand): a refresh
// uses its token (UseRefresh, one transaction) and then saves the successor (SaveRefresh, another).
// A sign-out everywhere, a password change or disabling the account that ended the session
// between the two left the successor unrevoked on the ended session: by hand, 9 of 15
// refreshSession calls raced against logout(everywhere: true) were answered with a refresh token
// that went on refreshing afterwards (its access tokens were refused, the session being ended,
// but the sign-out said every session was over, and the refresh answered the user's account).
// Now the successor of an ended session is not saved (UNAUTHENTICATED, SESSION_ENDED), and a
// token found unrevoked on an ended session is refused.
//
// The same race at sign-in: a login with the old password, still verifying it (a slow hash) when
// the owner changed the password, started its session after the change had ended every session:
// by hand, three clients signing in with the old password in a loop each kept a working session
// after changePassword. A sign-in now saves its session only while the password it verified is
// still the account's (and the account is enabled), under the user's row lock.
func TestSignInAndRefreshRacingTheSessionsEndSaveNothingLive(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	var userID int64
	if err := db.SQL.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash)
		VALUES ('race@example.cn', 'race', 'complainant', 'x') RETURNING id`).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	store := &postgres.SessionStore{DB: db}
	h := func(s string) []byte { b := sha256.Sum256([]byte(s)); return b[:] }
	now := time.Now().UTC()
	sid, err := store.SaveRefresh(ctx, userID, 0, "x", h("first"), nil, now, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// The refresh uses its token…
	if _, got, err := store.UseRefresh(ctx, h("first"), now, 30*time.Second); err != nil || got != sid {
		t.Fatalf("UseRefresh: %d %v", got, err)
	}
	// …the user signs out everywhere…
	if err := store.RevokeAllRefresh(ctx, userID, now); err != nil {
		t.Fatal(err)
	}
	// …and the refresh saves the successor.
	_, err = store.SaveRefresh(ctx, userID, sid, "x", h("second"), h("first"), now, now.Add(time.Hour))
	if domain.CodeOf(err) != domain.CodeUnauthenticated {
		t.Errorf("saving the successor of an ended session: %v, want UNAUTHENTICATED", err)
	}
	var live int64
	db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM refresh_tokens WHERE session_id = $1 AND revoked_at IS NULL`, sid).Scan(&live)
	if live != 0 {
		t.Errorf("%d live refresh tokens on the ended session", live)
	}
	// A token left unrevoked on an ended session (saved before this check existed) is refused.
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO refresh_tokens (token_hash, user_id, created_at, expires_at, session_id, parent_hash)
		VALUES ($1, $2, $3, $4, $5, $6)`, h("zombie"), userID, now, now.Add(time.Hour), sid, h("first")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.UseRefresh(ctx, h("zombie"), now.Add(time.Minute), 30*time.Second); domain.CodeOf(err) != domain.CodeUnauthenticated {
		t.Errorf("a live token of an ended session refreshed: %v", err)
	}
	// A sign-in that verified the password "x" while the owner changed it to "y": no session.
	if _, err := db.SQL.ExecContext(ctx, `UPDATE users SET password_hash = 'y' WHERE id = $1`, userID); err != nil {
		t.Fatal(err)
	}
	var before, after int64
	db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE user_id = $1`, userID).Scan(&before)
	if _, err := store.SaveRefresh(ctx, userID, 0, "x", h("late"), nil, now, now.Add(time.Hour)); domain.CodeOf(err) != domain.CodeUnauthenticated {
		t.Errorf("a sign-in overtaken by a password change: %v, want UNAUTHENTICATED", err)
	}
	db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE user_id = $1`, userID).Scan(&after)
	if after != before {
		t.Errorf("the overtaken sign-in started a session (%d → %d)", before, after)
	}
	// A disabled account: none either.
	if _, err := db.SQL.ExecContext(ctx, `UPDATE users SET disabled_at = now() WHERE id = $1`, userID); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SaveRefresh(ctx, userID, 0, "y", h("disabled"), nil, now, now.Add(time.Hour)); domain.CodeOf(err) != domain.CodeUnauthenticated {
		t.Errorf("a sign-in overtaken by disabling the account: %v, want UNAUTHENTICATED", err)
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE users SET disabled_at = NULL WHERE id = $1`, userID); err != nil {
		t.Fatal(err)
	}
	// A live session still refreshes.
	sid2, err := store.SaveRefresh(ctx, userID, 0, "y", h("third"), nil, now, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, got, err := store.UseRefresh(ctx, h("third"), now, 30*time.Second); err != nil || got != sid2 {
		t.Fatalf("UseRefresh of a live session: %d %v", got, err)
	}
	if _, err := store.SaveRefresh(ctx, userID, sid2, "x", h("fourth"), h("third"), now, now.Add(time.Hour)); err != nil {
		t.Errorf("saving the successor in a live session: %v", err)
	}
}
