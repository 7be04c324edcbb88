package domain

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// User is a person who signs in: a complainant, regulator staff, an institution's staff, an analyst
// or an administrator.
type User struct {
	ID            int64
	Email         string
	DisplayName   string
	Role          Role
	InstitutionID int64
	Teams         []string
	PasswordHash  string
	CreatedAt     time.Time
	// DisabledAt is when the account was disabled (an institution's admin disabled an agent); zero
	// while it may sign in.
	DisabledAt time.Time
	// MustChangePassword marks an account an administrator created: its first password is one the
	// administrator chose, and its holder may do nothing but replace it (changePassword) or sign
	// out until they have. A new password (changed, or reset by link) clears it.
	MustChangePassword bool
}

// errDisabled refuses a sign-in or refresh of a disabled account.
var errDisabled = &Error{Code: CodeUnauthenticated, Message: "this account has been disabled; ask your institution's administrator",
	MessageZH: "该账户已停用，请联系本机构管理员"}

// Actor returns the actor a signed-in user acts as.
func (u *User) Actor() Actor {
	return Actor{UserID: u.ID, Role: u.Role, InstitutionID: u.InstitutionID, Teams: u.Teams, MustChangePassword: u.MustChangePassword}
}

// UserStore is what accounts need from storage.
type UserStore interface {
	// CreateUser inserts a user; a taken e-mail address is a CONFLICT on field "email".
	CreateUser(ctx context.Context, u *User, audit AuditEntry) error
	UserByEmail(ctx context.Context, email string) (*User, error)
	UserByID(ctx context.Context, id int64) (*User, error)
}

// AuditEntry records an administrative act (account creation, role grants) outside case history.
type AuditEntry struct {
	ActorID int64
	Action  string
	Target  string
	Details map[string]any
	At      time.Time
}

// Accounts registers users and checks their passwords.
type Accounts struct {
	Store UserStore
	Now   func() time.Time
}

// NewUser is an account to create.
type NewUser struct {
	Email         string
	Password      string
	DisplayName   string
	Role          Role
	InstitutionID int64
	Teams         []string
}

// Register creates a complainant's account (self-service).
func (s *Accounts) Register(ctx context.Context, email, password, displayName string) (*User, error) {
	return s.create(ctx, Actor{}, NewUser{Email: email, Password: password, DisplayName: displayName, Role: RoleComplainant})
}

// CreateUser creates an account of any role; only administrators may.
func (s *Accounts) CreateUser(ctx context.Context, nu NewUser) (*User, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return nil, ErrUnauthenticated
	}
	if a.Role != RoleAdmin {
		return nil, ErrForbidden
	}
	return s.create(ctx, a, nu)
}

// CreateSeedUser creates an account without an acting administrator; used by seeding only.
func (s *Accounts) CreateSeedUser(ctx context.Context, nu NewUser) (*User, error) {
	return s.create(ctx, Actor{}, nu)
}

// checkNewAccount validates and normalises the e-mail address, password and name of a new account.
func checkNewAccount(email, password, displayName string) (string, string, error) {
	email, err := checkEmail(email)
	if err != nil {
		return "", "", err
	}
	if err := CheckPassword(password); err != nil {
		return "", "", err
	}
	name := strings.TrimSpace(displayName)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return "", "", Invalid("displayName", "enter a name of 1 to 100 characters", "请输入1至100个字符的称呼")
	}
	if !plainLine(name) {
		return "", "", Invalid("displayName", "the name must be one line of visible text without control characters", "称呼须为一行可见文字，不能含控制字符或不可见字符")
	}
	return email, name, nil
}

func (s *Accounts) create(ctx context.Context, by Actor, nu NewUser) (*User, error) {
	u, err := s.newUser(ctx, nu)
	if err != nil {
		return nil, err
	}
	// An administrator chose this password and knows it: the holder replaces it at first sign-in.
	u.MustChangePassword = !by.Anonymous()
	audit := AuditEntry{ActorID: by.UserID, Action: "user.create", Details: map[string]any{"role": string(nu.Role)}, At: u.CreatedAt}
	if err := s.Store.CreateUser(ctx, u, audit); err != nil {
		return nil, err
	}
	return u, nil
}

// newUser checks a new account's details and hashes its password; the errors are BAD_USER_INPUT
// on email, password, displayName, role or institutionId.
func (s *Accounts) newUser(ctx context.Context, nu NewUser) (*User, error) {
	email, name, err := checkNewAccount(nu.Email, nu.Password, nu.DisplayName)
	if err != nil {
		return nil, err
	}
	if _, ok := ParseRole(string(nu.Role)); !ok {
		return nil, Invalid("role", "unknown role", "角色无效")
	}
	if nu.Role.IsInstitution() && nu.InstitutionID == 0 {
		return nil, Invalid("institutionId", "institution users need an institution", "机构用户须指定所属机构")
	}
	hash, err := hashPassword(ctx, nu.Password)
	if err != nil {
		return nil, err
	}
	return &User{Email: email, DisplayName: name, Role: nu.Role, InstitutionID: nu.InstitutionID, Teams: nu.Teams,
		PasswordHash: hash, CreatedAt: s.Now()}, nil
}

// Authenticate checks an e-mail address and password. Both a wrong address and a wrong password
// give the same UNAUTHENTICATED error, after the same amount of work.
func (s *Accounts) Authenticate(ctx context.Context, email, password string) (*User, error) {
	u, err := s.Store.UserByEmail(ctx, NormalEmail(email))
	if err != nil && CodeOf(err) != CodeNotFound {
		return nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := verifyPassword(ctx, hash, password)
	if err != nil {
		return nil, err
	}
	if !ok || u == nil {
		return nil, &Error{Code: CodeUnauthenticated, Message: "wrong e-mail address or password", MessageZH: "邮箱或密码错误"}
	}
	if !u.DisabledAt.IsZero() {
		return nil, errDisabled
	}
	return u, nil
}

// CheckPassword enforces the password rules: 10 to 128 characters, not all of one kind.
func CheckPassword(p string) error {
	n := utf8.RuneCountInString(p)
	if n < 10 || n > 128 {
		return Invalid("password", "use 10 to 128 characters", "密码须为10至128个字符")
	}
	var letters, others bool
	for _, r := range p {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			letters = true
		} else {
			others = true
		}
	}
	if !letters || !others {
		return Invalid("password", "mix letters with digits or symbols", "密码须同时包含字母和数字或符号")
	}
	return nil
}

// argon2id parameters (OWASP's minimum recommendation: 19 MiB, 2 passes, 1 lane).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword hashes a password with argon2id in the PHC string format.
func HashPassword(p string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(p), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var dummyHash, _ = HashPassword("not-a-real-password-0")

// VerifyPassword checks a password against a hash made by HashPassword, in constant time.
func VerifyPassword(hash, p string) bool {
	var m, t uint32
	var threads uint8
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(p), salt, t, m, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
