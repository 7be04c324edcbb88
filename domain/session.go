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
	// SaveRefresh stores a new refresh token.
	SaveRefresh(ctx context.Context, userID int64, hash []byte, created, expires time.Time) error
	// UseRefresh revokes a live refresh token and returns its user. A token that was already revoked
	// is a sign of theft: every session of its user is revoked and UNAUTHENTICATED returned.
	UseRefresh(ctx context.Context, hash []byte, now time.Time) (userID int64, err error)
	// RevokeRefresh revokes one token; RevokeAllRefresh every token of a user.
	RevokeRefresh(ctx context.Context, hash []byte, now time.Time) error
	RevokeAllRefresh(ctx context.Context, userID int64, now time.Time) error
	// SetPasswordHash replaces a user's password hash and revokes all their sessions, in one unit.
	SetPasswordHash(ctx context.Context, userID int64, hash string, audit AuditEntry) error
}

// Sessions issues and rotates refresh tokens. Access tokens are short-lived and signed elsewhere;
// a refresh token is the revocable part of a sign-in.
type Sessions struct {
	Store    SessionStore
	Accounts *Accounts
	TTL      time.Duration
	Now      func() time.Time
}

var errSessionEnded = &Error{Code: CodeUnauthenticated, Message: "this session has ended; sign in again", MessageZH: "会话已结束，请重新登录"}

func hashToken(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}

// Start issues a refresh token for a user who just signed in.
func (s *Sessions) Start(ctx context.Context, u *User) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now()
	if err := s.Store.SaveRefresh(ctx, u.ID, hashToken(tok), now, now.Add(s.TTL)); err != nil {
		return "", err
	}
	return tok, nil
}

// Refresh exchanges a refresh token for its user and a new refresh token; the old one stops working.
func (s *Sessions) Refresh(ctx context.Context, tok string) (*User, string, error) {
	if tok == "" {
		return nil, "", errSessionEnded
	}
	id, err := s.Store.UseRefresh(ctx, hashToken(tok), s.Now())
	if err != nil {
		return nil, "", err
	}
	u, err := s.Accounts.Store.UserByID(ctx, id)
	if err != nil {
		return nil, "", err
	}
	next, err := s.Start(ctx, u)
	return u, next, err
}

// End revokes one refresh token (sign out on this device), or every session of the signed-in user.
func (s *Sessions) End(ctx context.Context, tok string, everywhere bool) error {
	a := ActorFrom(ctx)
	if everywhere {
		if a.Anonymous() {
			return ErrUnauthenticated
		}
		return s.Store.RevokeAllRefresh(ctx, a.UserID, s.Now())
	}
	return s.Store.RevokeRefresh(ctx, hashToken(tok), s.Now())
}

// ChangePassword checks the current password, sets the new one and signs the user out everywhere.
func (s *Sessions) ChangePassword(ctx context.Context, current, next string) error {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return ErrUnauthenticated
	}
	u, err := s.Accounts.Store.UserByID(ctx, a.UserID)
	if err != nil {
		return err
	}
	ok, err := verifyPassword(ctx, u.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		return Invalid("currentPassword", "the current password is wrong", "当前密码错误")
	}
	if err := CheckPassword(next); err != nil {
		err.(*Error).Field = "newPassword"
		return err
	}
	hash, err := hashPassword(ctx, next)
	if err != nil {
		return err
	}
	return s.Store.SetPasswordHash(ctx, u.ID, hash, AuditEntry{ActorID: u.ID, Action: "user.password.change", At: s.Now()})
}
