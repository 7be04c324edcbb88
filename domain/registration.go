package domain

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
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
	// of e-mails sent before t less RegistrationTTL.
	SweepRegistrations(ctx context.Context, t time.Time) (int64, error)
	// MailSent reports whether the e-mail of an outbox message was sent; MarkMailSent records it.
	MailSent(ctx context.Context, messageID string) (bool, error)
	MarkMailSent(ctx context.Context, messageID string, at time.Time) error
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
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 100 {
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
	messageID := str(payload["messageId"])
	if sent, err := s.Store.MailSent(ctx, messageID); err != nil || sent {
		return err
	}
	var to string
	n := &Notification{Kind: str(payload["kind"]), Channel: NotifyEmail, CreatedAt: s.Now()}
	switch n.Kind {
	case MailConfirmRegistration:
		p, err := s.Store.RegistrationByID(ctx, str(payload["registrationId"]))
		if CodeOf(err) == CodeNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		link := strings.TrimRight(s.PublicURL, "/") + "/#/confirm?token=" + s.token(p.ID)
		to = p.Email
		n.TitleZH, n.TitleEN = "请确认您的邮箱", "Confirm your e-mail address"
		n.BodyZH = "您好，" + p.DisplayName + "：\n\n请在24小时内打开以下链接，完成投诉平台账户注册：\n" + link + "\n\n如果不是您本人操作，请忽略本邮件。"
		n.BodyEN = "Hello " + p.DisplayName + ",\n\nopen this link within 24 hours to finish creating your account on the complaints platform:\n" + link + "\n\nIf you did not register, ignore this e-mail."
	case MailAddressTaken:
		id, _ := payload["userId"].(float64)
		u, err := s.Accounts.Store.UserByID(ctx, int64(id))
		if CodeOf(err) == CodeNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		to, n.RecipientID = u.Email, u.ID
		signIn := strings.TrimRight(s.PublicURL, "/") + "/#/login"
		n.TitleZH, n.TitleEN = "有人尝试用您的邮箱注册", "Someone tried to register with your e-mail address"
		n.BodyZH = "有人尝试用本邮箱地址在投诉平台注册账户。该邮箱已有账户：如果是您本人，请直接登录；忘记密码请联系平台重置。\n" + signIn + "\n\n如果不是您本人操作，您无需做任何事。"
		n.BodyEN = "Someone tried to create an account on the complaints platform with this e-mail address, which already has one. If it was you, sign in, or ask for your password to be reset:\n" + signIn + "\n\nIf it was not you, there is nothing to do."
	default:
		return nil // unknown kind: nothing to send
	}
	mailer := s.Mailer
	if mailer == nil {
		mailer = LogMailer{}
	}
	if err := mailer.SendMail(ctx, to, n); err != nil {
		return err
	}
	return s.Store.MarkMailSent(ctx, messageID, s.Now())
}

// token is the confirmation token of a pending registration: HMAC-SHA256 of its id.
func (s *Registrations) token(id string) string {
	m := hmac.New(sha256.New, s.Secret)
	m.Write([]byte("redline registration confirmation\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
