package domain

import (
	"context"
	"strings"
	"time"
)

// Self-service registration confirms the e-mail address before an account exists, so that
// registering tells nobody whether an address already has an account: Register answers the same
// whether the address is new or taken, after the same work (the password is hashed, one lookup,
// one write of an outbox message). A new address gets a link that creates the account; a taken
// one gets a warning that someone tried to register with it. Only the owner of the mailbox learns
// which.
//
// The link's token is never stored: it is an HMAC of the pending registration's id under the
// server's secret, computed again by the worker that writes the e-mail. The database keeps its
// SHA-256 only, and the outbox message names the registration or the user, never an address.

// RegistrationTTL is how long a confirmation link works.
const RegistrationTTL = 24 * time.Hour

// TopicRegistrationMail is the outbox topic of a registration e-mail to send.
const TopicRegistrationMail = "registration.mail"

// The kinds of registration e-mail.
const (
	MailConfirmRegistration = "CONFIRM_REGISTRATION"
	MailAddressTaken        = "REGISTRATION_ADDRESS_TAKEN"
)

// PendingRegistration is a registration awaiting its confirmation link.
type PendingRegistration struct {
	ID           string
	TokenHash    []byte
	Email        string
	DisplayName  string
	PasswordHash string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

// RegistrationStore keeps pending registrations.
type RegistrationStore interface {
	// SaveRegistration writes p (when not nil) and the outbox message m in one transaction.
	SaveRegistration(ctx context.Context, p *PendingRegistration, m Message) error
	// TakeRegistration deletes the pending registration whose token has the hash and returns it;
	// NOT_FOUND when there is none.
	TakeRegistration(ctx context.Context, tokenHash []byte) (*PendingRegistration, error)
	// RegistrationByID returns a pending registration; NOT_FOUND when confirmed or swept.
	RegistrationByID(ctx context.Context, id string) (*PendingRegistration, error)
	// SweepRegistrations deletes the pending registrations that expired before t, and the marks
	// of account e-mails sent before t less RegistrationTTL.
	SweepRegistrations(ctx context.Context, t time.Time) (int64, error)
	MailMarks
}

// Registrations is self-service registration with e-mail confirmation.
type Registrations struct {
	Accounts *Accounts
	Store    RegistrationStore
	// Secret keys the confirmation tokens (the server's secret).
	Secret []byte
	// PublicURL is the portal's address the links point to (REDLINE_PUBLIC_URL).
	PublicURL string
	Mailer    Mailer
	Now       func() time.Time
	NewID     func() string
}

// Register starts a complainant's registration. Its answer (nil, or a validation error about the
// input itself) never depends on whether the address has an account.
func (s *Registrations) Register(ctx context.Context, email, password, displayName string) error {
	email, name, err := checkNewAccount(email, password, displayName)
	if err != nil {
		return err
	}
	hash, err := hashPassword(ctx, password) // also for a taken address: the same work either way
	if err != nil {
		return err
	}
	u, err := s.Accounts.Store.UserByEmail(ctx, email)
	if err != nil && CodeOf(err) != CodeNotFound {
		return err
	}
	now := s.Now()
	if u != nil {
		id := s.NewID()
		return s.Store.SaveRegistration(ctx, nil, Message{ID: id, Topic: TopicRegistrationMail,
			Payload: map[string]any{"kind": MailAddressTaken, "userId": u.ID, "messageId": id}})
	}
	p := &PendingRegistration{ID: s.NewID(), Email: email, DisplayName: name, PasswordHash: hash, CreatedAt: now, ExpiresAt: now.Add(RegistrationTTL)}
	p.TokenHash = hashToken(s.token(p.ID))
	id := s.NewID()
	return s.Store.SaveRegistration(ctx, p, Message{ID: id, Topic: TopicRegistrationMail,
		Payload: map[string]any{"kind": MailConfirmRegistration, "registrationId": p.ID, "messageId": id}})
}

// The errors of a confirmation link that does not create an account.
var (
	errLinkUnknown = &Error{Code: CodeInvalid, Field: "token", Message: "this confirmation link is not valid or was already used: sign in, or register again",
		MessageZH: "确认链接无效或已使用：请登录，或重新注册"}
	errLinkExpired = &Error{Code: CodeInvalid, Field: "token", Message: "this confirmation link has expired: register again",
		MessageZH: "确认链接已过期，请重新注册"}
	errLinkTaken = &Error{Code: CodeConflict, Field: "token", Message: "an account with this e-mail address already exists: sign in, or reset your password",
		MessageZH: "该邮箱已有账户：请登录或重置密码"}
)

// Confirm creates the account of a pending registration from its link's token; a link works once.
func (s *Registrations) Confirm(ctx context.Context, token string) (*User, error) {
	token, ok := linkTokenOK(token)
	if !ok {
		return nil, errLinkUnknown
	}
	p, err := s.Store.TakeRegistration(ctx, hashToken(token))
	if CodeOf(err) == CodeNotFound {
		return nil, errLinkUnknown
	}
	if err != nil {
		return nil, err
	}
	if !s.Now().Before(p.ExpiresAt) {
		return nil, errLinkExpired
	}
	u := &User{Email: p.Email, DisplayName: p.DisplayName, Role: RoleComplainant, PasswordHash: p.PasswordHash, CreatedAt: s.Now()}
	err = s.Accounts.Store.CreateUser(ctx, u, AuditEntry{Action: "user.create", Details: map[string]any{"role": string(RoleComplainant), "confirmed": "email"}, At: u.CreatedAt})
	if err != nil {
		if de, ok := AsError(err); ok && de.Field == "email" {
			return nil, errLinkTaken // registered twice, and the other link was used first
		}
		return nil, err
	}
	return u, nil
}

// Sweep deletes the pending registrations whose links expired.
func (s *Registrations) Sweep(ctx context.Context) (int64, error) {
	return s.Store.SweepRegistrations(ctx, s.Now())
}

// SendMail writes the registration e-mail an outbox message asks for, once. A registration
// confirmed or swept since needs no e-mail any more.
func (s *Registrations) SendMail(ctx context.Context, payload map[string]any) error {
	return sendOnce(ctx, s.Store, s.Mailer, str(payload["messageId"]), s.Now, func() (string, *Notification, error) {
		n := &Notification{Kind: str(payload["kind"]), Channel: NotifyEmail, CreatedAt: s.Now()}
		switch n.Kind {
		case MailConfirmRegistration:
			p, err := s.Store.RegistrationByID(ctx, str(payload["registrationId"]))
			if err != nil {
				return "", nil, ignoreNotFound(err)
			}
			link := portalLink(s.PublicURL, "confirm", s.token(p.ID))
			n.TitleZH, n.TitleEN = "请确认您的邮箱", "Confirm your e-mail address"
			// No word the registering person chose: register mails any address, unconfirmed, and
			// a name ("…\n\n您的账户存在风险，请访问 http://…") would be phishing in the
			// regulator's name.
			n.BodyZH = "您好：\n\n请在24小时内打开以下链接，完成投诉平台账户注册：\n" + link + "\n\n如果不是您本人操作，请忽略本邮件。"
			n.BodyEN = "Hello,\n\nopen this link within 24 hours to finish creating your account on the complaints platform:\n" + link + "\n\nIf you did not register, ignore this e-mail."
			return p.Email, n, nil
		case MailAddressTaken:
			id, _ := payload["userId"].(float64)
			u, err := s.Accounts.Store.UserByID(ctx, int64(id))
			if err != nil {
				return "", nil, ignoreNotFound(err)
			}
			n.RecipientID = u.ID
			base := strings.TrimRight(s.PublicURL, "/")
			signIn, forgot := base+"/#/login", base+"/#/forgot"
			n.TitleZH, n.TitleEN = "有人尝试用您的邮箱注册", "Someone tried to register with your e-mail address"
			n.BodyZH = "有人尝试用本邮箱地址在投诉平台注册账户。该邮箱已有账户：如果是您本人，请直接登录：\n" + signIn + "\n忘记密码可在此重置：\n" + forgot + "\n\n如果不是您本人操作，您无需做任何事。"
			n.BodyEN = "Someone tried to create an account on the complaints platform with this e-mail address, which already has one. If it was you, sign in:\n" + signIn +
				"\nor, if you forgot your password, reset it:\n" + forgot + "\n\nIf it was not you, there is nothing to do."
			return u.Email, n, nil
		}
		return "", nil, nil // unknown kind: nothing to send
	})
}

// ignoreNotFound is nil for NOT_FOUND and err otherwise: a record gone since its e-mail was asked for
// needs no e-mail.
func ignoreNotFound(err error) error {
	if CodeOf(err) == CodeNotFound {
		return nil
	}
	return err
}

// token is the confirmation token of a pending registration: HMAC-SHA256 of its id.
func (s *Registrations) token(id string) string {
	return linkToken(s.Secret, "redline registration confirmation", id)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
