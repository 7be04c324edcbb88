package domain

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// SessionStore keeps refresh tokens by their hash.
type SessionStore interface {
	// SaveRefresh stores a new refresh token of a session, rotated from the token whose hash is
	// parent (nil for a sign-in's first token); session 0 starts a new session, for a user whose
	// password hash is still checked (the one the sign-in verified: a password changed or reset
	// meanwhile, or the account disabled, ends nothing the sign-in could start after it). It
	// returns the session; an ended session, or a sign-in overtaken so, is UNAUTHENTICATED.
	SaveRefresh(ctx context.Context, userID, sessionID int64, checked string, hash, parent []byte, created, expires time.Time) (int64, error)
	// UseRefresh revokes a live refresh token and returns its user and session (0 for a token from
	// before sessions). A token that was already revoked is a sign of theft: every session of its
	// user is revoked and UNAUTHENTICATED returned; except a token rotated no longer than grace
	// ago whose session is still live (see Sessions.ReuseGrace), which returns its user and session
	// again and revokes nothing, unless a successor of the token has been used already. Using a
	// token when another successor of its parent has been used (two holders each going on with
	// their own successor) is theft as well.
	UseRefresh(ctx context.Context, hash []byte, now time.Time, grace time.Duration) (userID, sessionID int64, err error)
	// RevokeRefresh ends the session of one refresh token (if hash is given) and the user's session
	// sessionID (if not 0); RevokeAllRefresh every session of a user.
	RevokeRefresh(ctx context.Context, userID, sessionID int64, hash []byte, now time.Time) error
	RevokeAllRefresh(ctx context.Context, userID int64, now time.Time) error
	// SetPasswordHash replaces a user's password hash, if it is still was, revokes all their
	// sessions, uses up their reset links and writes the audit entry and the outbox message
	// notice, in one unit; ErrPasswordChangedMeanwhile if the hash is no longer was.
	SetPasswordHash(ctx context.Context, userID int64, was, hash string, audit AuditEntry, notice Message) error
}

// Sessions issues and rotates refresh tokens. Access tokens are short-lived and signed elsewhere;
// a refresh token is the revocable part of a sign-in.
type Sessions struct {
	Store    SessionStore
	Accounts *Accounts
	TTL      time.Duration
	// ReuseGrace is how long after a rotation the refresh token it replaced still renews the same
	// session instead of counting as stolen: a page reloaded while its refresh was in flight, or
	// two tabs refreshing at once, present the old token a second time and must not sign the
	// person out. Later reuse revokes every session of the user, and so does using both
	// successors (one holder goes on with each: a thief who replayed a token within the grace
	// is found at the owner's next refresh, or the owner at the thief's), or presenting the token
	// again after one of its successors was used. 0 turns the grace off.
	ReuseGrace time.Duration
	Now        func() time.Time
	// NewID names outbox messages (the "your password was changed" e-mail).
	NewID func() string
	// CheckPassword, when set, is how ChangePassword checks the current password: the sign-in with
	// its guard (app wires api.LoginGuard around Accounts.Authenticate), so that wrong current
	// passwords count towards the account's lockout like wrong sign-ins. Without it a stolen
	// access token could guess the password at the request rate, lockout or not (session 15).
	CheckPassword func(ctx context.Context, email, password string) (*User, error)
}

// DefaultRefreshReuseGrace is ReuseGrace unless REDLINE_REFRESH_REUSE_GRACE says otherwise.
const DefaultRefreshReuseGrace = 30 * time.Second

var errSessionEnded = &Error{Code: CodeUnauthenticated, Message: "this session has ended; sign in again", MessageZH: "会话已结束，请重新登录"}

func hashToken(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}

// Start begins a session for a user who just signed in: it returns a refresh token and the
// session's id, which the user's access tokens carry.
func (s *Sessions) Start(ctx context.Context, u *User) (string, int64, error) {
	return s.issue(ctx, u, 0, nil)
}

func (s *Sessions) issue(ctx context.Context, u *User, sessionID int64, parent []byte) (string, int64, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", 0, err
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now()
	sid, err := s.Store.SaveRefresh(ctx, u.ID, sessionID, u.PasswordHash, hashToken(tok), parent, now, now.Add(s.TTL))
	if err != nil {
		return "", 0, err
	}
	return tok, sid, nil
}

// Refresh exchanges a refresh token for its user, a new refresh token of the same session and the
// session's id; the old refresh token stops working, but for ReuseGrace after its rotation, when
// presenting it again gives another new refresh token of the same session.
func (s *Sessions) Refresh(ctx context.Context, tok string) (*User, string, int64, error) {
	if tok == "" {
		return nil, "", 0, errSessionEnded
	}
	id, sid, err := s.Store.UseRefresh(ctx, hashToken(tok), s.Now(), s.ReuseGrace)
	if err != nil {
		return nil, "", 0, err
	}
	u, err := s.Accounts.Store.UserByID(ctx, id)
	if err != nil {
		return nil, "", 0, err
	}
	if !u.DisabledAt.IsZero() {
		return nil, "", 0, errDisabled
	}
	next, sid, err := s.issue(ctx, u, sid, hashToken(tok))
	return u, next, sid, err
}

// End ends the session of a refresh token and the signed-in user's current session (sign out on
// this device), or every session of the signed-in user; their access tokens stop working at once.
func (s *Sessions) End(ctx context.Context, tok string, everywhere bool) error {
	a := ActorFrom(ctx)
	if everywhere {
		if a.Anonymous() {
			return ErrUnauthenticated
		}
		return s.Store.RevokeAllRefresh(ctx, a.UserID, s.Now())
	}
	var hash []byte
	if tok != "" {
		hash = hashToken(tok)
	}
	return s.Store.RevokeRefresh(ctx, a.UserID, a.SessionID, hash, s.Now())
}

// checkCurrent checks a signed-in user's current password: through CheckPassword (the guarded
// sign-in) when set, so a refused or locked attempt is answered as a sign-in would be.
func (s *Sessions) checkCurrent(ctx context.Context, u *User, current string) error {
	wrong := Invalid("currentPassword", "the current password is wrong", "当前密码错误")
	if s.CheckPassword == nil {
		ok, err := verifyPassword(ctx, u.PasswordHash, current)
		if err != nil {
			return err
		}
		if !ok {
			return wrong
		}
		return nil
	}
	v, err := s.CheckPassword(ctx, u.Email, current)
	switch {
	case err == nil && v != nil && v.ID == u.ID:
		return nil
	case err == nil || err == errDisabled:
		return ErrUnauthenticated
	case CodeOf(err) == CodeUnauthenticated:
		return wrong
	}
	return err // RATE_LIMITED while the account is locked, or the guard's own failure
}

// ErrPasswordChangedMeanwhile refuses a password change whose current password was replaced (by a
// reset link, another change) after it was checked.
var ErrPasswordChangedMeanwhile = &Error{Code: CodeConflict, Field: "currentPassword", Reason: "PASSWORD_CHANGED",
	Message: "the password was changed meanwhile; sign in again", MessageZH: "密码已被更改，请重新登录"}

// ErrSamePassword refuses a new password that is the current one (changePassword; a reset link of
// an account that must change its first password): BAD_USER_INPUT on newPassword, reason
// SAME_PASSWORD (the reason since session 31, secmend).
var ErrSamePassword = &Error{Code: CodeInvalid, Field: "newPassword", Reason: "SAME_PASSWORD",
	Message: "choose a new password other than the current one", MessageZH: "新密码不能与当前密码相同"}

// ChangePassword checks the current password, sets the new one and signs the user out everywhere;
// the user is told by e-mail (MailPasswordChanged).
func (s *Sessions) ChangePassword(ctx context.Context, current, next string) error {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return ErrUnauthenticated
	}
	u, err := s.Accounts.Store.UserByID(ctx, a.UserID)
	if err != nil {
		return err
	}
	if err := s.checkCurrent(ctx, u, current); err != nil {
		return err
	}
	if err := CheckPassword(next); err != nil {
		err.(*Error).Field = "newPassword"
		return err
	}
	if next == current {
		// The first password an administrator gave is replaced by another, not by itself.
		return ErrSamePassword
	}
	hash, err := hashPassword(ctx, next)
	if err != nil {
		return err
	}
	now := s.Now()
	// Only over the password just checked: a reset by link (or another change) that lands between
	// the check and this write wins, and this change is refused, rather than overwriting it.
	return s.Store.SetPasswordHash(ctx, u.ID, u.PasswordHash, hash, AuditEntry{ActorID: u.ID, Action: "user.password.change", At: now},
		passwordChangedMessage(s.NewID(), u.ID, PasswordChangedOnAccountPage, now))
}
