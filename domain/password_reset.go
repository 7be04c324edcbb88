package domain

import (
	"context"
	"strconv"
	"time"
)

// A password reset tells nobody whether an address has an account, like registration: Request
// answers the same for every valid address after the same work (one transaction with the same two
// statements, each writing one row: the reset, naming the enabled account with the address or
// none, and the outbox message). Only the owner of an enabled account gets an e-mail, with a single-use link
// valid PasswordResetTTL. The link's token is an HMAC of the reset's id under the server's secret,
// computed again by the worker that writes the e-mail; the database keeps its SHA-256, and the
// outbox message names the reset, never an address or a user.

// PasswordResetTTL is how long a password-reset link works.
const PasswordResetTTL = time.Hour

// MailPasswordReset is the kind of the e-mail with a password-reset link. Its outbox messages have
// the topic of the other account e-mails, TopicRegistrationMail.
const MailPasswordReset = "PASSWORD_RESET"

// ActResetPassword is the audit action of a password set from a reset link; its details hold no
// personal data.
const ActResetPassword = "user.password.reset"

// PasswordReset is a password-reset link as stored (its token only as a hash).
type PasswordReset struct {
	ID string
	// UserID is the account; 0 when the address asked for had no enabled account (such a reset is
	// kept only so that every request costs the same: it is never e-mailed and sets no password).
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero while unused
}

// PasswordResetStore keeps password resets.
type PasswordResetStore interface {
	// SaveReset writes, in one transaction, r for the enabled account whose address is email (for
	// no account when there is none, by the same statements) and the outbox message m.
	SaveReset(ctx context.Context, email string, r *PasswordReset, tokenHash []byte, m Message) error
	// ResetByID returns a reset; NOT_FOUND when there is none.
	ResetByID(ctx context.Context, id string) (*PasswordReset, error)
	// ResetByToken returns the reset whose token has the hash; NOT_FOUND when there is none.
	ResetByToken(ctx context.Context, tokenHash []byte) (*PasswordReset, error)
	// UseReset locks the reset of an account whose token has the hash and its user, and calls check with both;
	// when check passes it marks the reset and the user's other unused resets used, sets the
	// user's password hash, ends every session of the user and writes the audit entry, in one
	// transaction with the outbox message notice. NOT_FOUND when no reset of an account has the
	// hash; check's error as it is.
	UseReset(ctx context.Context, tokenHash []byte, check func(*PasswordReset, *User) error, passwordHash string, audit AuditEntry, notice Message) error
	// SweepResets deletes the resets whose links expired before t.
	SweepResets(ctx context.Context, t time.Time) (int64, error)
	MailMarks
}

// PasswordResets lets a person who forgot their password set a new one from an e-mailed link.
type PasswordResets struct {
	Accounts *Accounts
	Store    PasswordResetStore
	// Secret keys the link tokens (the server's secret).
	Secret []byte
	// PublicURL is the portal's address the links point to (REDLINE_PUBLIC_URL).
	PublicURL string
	Mailer    Mailer
	Now       func() time.Time
	NewID     func() string
}

// The errors of a reset link that sets no password: BAD_USER_INPUT (FORBIDDEN for a disabled
// account) on token, with the reason as a code.
var (
	errResetUnknown = &Error{Code: CodeInvalid, Field: "token", Reason: "UNKNOWN",
		Message: "this password-reset link is not valid: ask for a new one", MessageZH: "重置密码链接无效，请重新申请"}
	errResetUsed = &Error{Code: CodeInvalid, Field: "token", Reason: "USED",
		Message: "this password-reset link was already used: sign in, or ask for a new one", MessageZH: "该重置密码链接已使用：请登录，或重新申请"}
	errResetExpired = &Error{Code: CodeInvalid, Field: "token", Reason: "EXPIRED",
		Message: "this password-reset link has expired (a link works for one hour): ask for a new one", MessageZH: "重置密码链接已过期（有效期1小时），请重新申请"}
	errResetDisabled = &Error{Code: CodeForbidden, Field: "token", Reason: "ACCOUNT_DISABLED",
		Message:   "this account has been disabled, so its password cannot be reset; ask your institution's administrator",
		MessageZH: "该账户已停用，无法重置密码，请联系本机构管理员"}
)

// Request asks for a password-reset link for the account with the e-mail address. Its answer (nil,
// or a validation error about the address itself) never depends on whether the address has an
// account, or whether that account is disabled.
func (s *PasswordResets) Request(ctx context.Context, email string) error {
	email, err := checkEmail(email)
	if err != nil {
		return err
	}
	now := s.Now()
	r := &PasswordReset{ID: s.NewID(), CreatedAt: now, ExpiresAt: now.Add(PasswordResetTTL)}
	id := s.NewID()
	return s.Store.SaveReset(ctx, email, r, hashToken(s.token(r.ID)), Message{ID: id, Topic: TopicRegistrationMail,
		Payload: map[string]any{"kind": MailPasswordReset, "resetId": r.ID, "messageId": id}})
}

// usable refuses a reset that cannot set a password any more, or whose account is disabled.
func (s *PasswordResets) usable(r *PasswordReset, u *User) error {
	switch {
	case !r.UsedAt.IsZero():
		return errResetUsed
	case !s.Now().Before(r.ExpiresAt):
		return errResetExpired
	case !u.DisabledAt.IsZero():
		return errResetDisabled
	}
	return nil
}

// Reset sets the password of the account of a reset link's token (the platform's password rules,
// argon2id), uses the link up and ends every session of the account, and tells the owner by
// e-mail (MailPasswordChanged). An unknown, used or expired
// link, or one of a disabled account, sets nothing.
func (s *PasswordResets) Reset(ctx context.Context, token, password string) error {
	token, ok := linkTokenOK(token)
	if !ok {
		return errResetUnknown
	}
	if err := CheckPassword(password); err != nil {
		e := *err.(*Error)
		e.Field = "newPassword"
		return &e
	}
	// Refuse a dead link before the costly hash; UseReset checks again under lock.
	r, err := s.Store.ResetByToken(ctx, hashToken(token))
	if CodeOf(err) == CodeNotFound || err == nil && r.UserID == 0 {
		return errResetUnknown
	} else if err != nil {
		return err
	}
	u, err := s.Accounts.Store.UserByID(ctx, r.UserID)
	if err != nil {
		return err
	}
	if err := s.usable(r, u); err != nil {
		return err
	}
	if u.MustChangePassword {
		// The first password an administrator gave is replaced by another, not by itself: a link
		// setting it again cleared the flag and left the administrator's password in force
		// (session 31, secmend; review of attack26). The link stays usable.
		same, err := verifyPassword(ctx, u.PasswordHash, password)
		if err != nil {
			return err
		}
		if same {
			return ErrSamePassword
		}
	}
	hash, err := hashPassword(ctx, password)
	if err != nil {
		return err
	}
	now := s.Now()
	err = s.Store.UseReset(ctx, hashToken(token), s.usable, hash, AuditEntry{ActorID: u.ID, Action: ActResetPassword,
		Details: map[string]any{"via": "email link"}, At: now}, passwordChangedMessage(s.NewID(), u.ID, PasswordChangedByResetLink, now))
	if CodeOf(err) == CodeNotFound {
		return errResetUnknown
	}
	return err
}

// Sweep deletes the resets whose links expired.
func (s *PasswordResets) Sweep(ctx context.Context) (int64, error) {
	return s.Store.SweepResets(ctx, s.Now())
}

// SendMail writes the password-reset e-mail an outbox message asks for, once. A message whose
// reset does not exist (the address had no enabled account, or the reset was swept) sends nothing.
func (s *PasswordResets) SendMail(ctx context.Context, payload map[string]any) error {
	return sendOnce(ctx, s.Store, s.Mailer, str(payload["messageId"]), s.Now, func() (string, *Notification, error) {
		r, err := s.Store.ResetByID(ctx, str(payload["resetId"]))
		if err != nil || r.UserID == 0 {
			return "", nil, ignoreNotFound(err)
		}
		u, err := s.Accounts.Store.UserByID(ctx, r.UserID)
		if err != nil {
			return "", nil, ignoreNotFound(err)
		}
		if !r.UsedAt.IsZero() || !u.DisabledAt.IsZero() {
			return "", nil, nil
		}
		link := portalLink(s.PublicURL, "reset", s.token(r.ID))
		minutes := strconv.Itoa(int(PasswordResetTTL / time.Minute))
		return u.Email, &Notification{RecipientID: u.ID, Channel: NotifyEmail, Kind: MailPasswordReset, CreatedAt: s.Now(),
			TitleZH: "重置您的密码", TitleEN: "Reset your password",
			BodyZH: "有人（希望是您本人）申请重置您在投诉平台的账户密码。请在" + minutes + "分钟内打开以下链接设置新密码，链接只能使用一次：\n" + link +
				"\n\n设置新密码后，您在所有设备上的登录都会退出。如果不是您本人申请，请忽略本邮件，您的密码不会改变。",
			BodyEN: "Someone (we hope you) asked to reset the password of your account on the complaints platform. Open this link within " + minutes +
				" minutes to set a new password; it works once:\n" + link +
				"\n\nSetting a new password signs you out on every device. If you did not ask, ignore this e-mail: your password stays as it is."}, nil
	})
}

// token is the token of a reset's link: an HMAC of its id.
func (s *PasswordResets) token(id string) string {
	return linkToken(s.Secret, "redline password reset", id)
}
