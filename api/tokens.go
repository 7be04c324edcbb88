package api

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/redline-regulator/redline/domain"
)

// Tokens signs and checks short-lived access tokens (HS256 JWTs). The token carries the actor, so
// authenticating a request needs no database round trip.
type Tokens struct {
	Secret []byte
	TTL    time.Duration
	Now    func() time.Time
}

type claims struct {
	Role  string   `json:"role"`
	Inst  int64    `json:"inst,omitempty"`
	Teams []string `json:"teams,omitempty"`
	// Session is the sign-in session; a request is refused once it has ended.
	Session int64 `json:"sid,omitempty"`
	// MustChange: the account still has an administrator's first password (domain.User's
	// MustChangePassword at sign-in or refresh). Clearing it ends every session, so a token
	// carrying it never outlives the obligation.
	MustChange bool `json:"pwc,omitempty"`
	jwt.RegisteredClaims
}

const issuer = "redline"

// Issue signs an access token for u in the session.
func (t *Tokens) Issue(u *domain.User, session int64) (string, time.Time, error) {
	now := t.Now()
	exp := now.Add(t.TTL)
	c := claims{Role: string(u.Role), Inst: u.InstitutionID, Teams: u.Teams, Session: session, MustChange: u.MustChangePassword, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: issuer, Subject: strconv.FormatInt(u.ID, 10), IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
	}}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.Secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign token: %w", err)
	}
	return s, exp, nil
}

// Parse checks a token and returns the actor it names.
func (t *Tokens) Parse(token string) (domain.Actor, error) {
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.Secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(issuer), jwt.WithTimeFunc(t.Now), jwt.WithExpirationRequired())
	if err != nil {
		return domain.Actor{}, &domain.Error{Code: domain.CodeUnauthenticated, Message: "the access token is invalid or expired; sign in again", MessageZH: "登录已失效，请重新登录"}
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	role, ok := domain.ParseRole(c.Role)
	if err != nil || !ok || id <= 0 {
		return domain.Actor{}, errors.New("token without a valid subject or role")
	}
	return domain.Actor{UserID: id, Role: role, InstitutionID: c.Inst, Teams: c.Teams, SessionID: c.Session, MustChangePassword: c.MustChange}, nil
}
