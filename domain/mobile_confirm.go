package domain

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A mobile number given for SMS notifications is confirmed before any SMS goes to it (session 15):
// setting or changing it leaves it unconfirmed and texts a one-time code to it; only when its owner
// types the code back is it confirmed. Until then the dispatcher sends no SMS to it, whatever the
// user chose. So nobody can have the platform text a stranger about their complaint.
//
// A code is six digits derived from the code's random id under the server's secret (as the
// e-mailed links' tokens are), computed again by the worker that writes the SMS; the database keeps
// only an HMAC, under the same secret, of the id, the number it went to and the code, so a code
// confirms only the number it was sent to, and a worker never texts a code meant for a number
// since replaced. A code works once, for MobileCodeTTL and MobileCodeAttempts wrong tries; a user
// gets at most MobileCodesPerWindow codes a MobileCodeWindow, and asks for another at the earliest
// MobileCodeResendAfter after the last. Neither the number nor a code is logged or written to the
// audit log; the outbox message names the code's id only.

// The rules of mobile confirmation codes.
const (
	MobileCodeTTL         = 10 * time.Minute
	MobileCodeAttempts    = 5
	MobileCodeResendAfter = 60 * time.Second
	MobileCodesPerWindow  = 5
	MobileCodeWindow      = time.Hour
	mobileCodeDigits      = 6
)

// SMSMobileCode is the kind of the SMS that carries a confirmation code. Its outbox messages have
// the topic of the account e-mails (TopicRegistrationMail): one task type sends every message
// about an account.
const SMSMobileCode = "MOBILE_CODE"

// Audit actions of mobile confirmation; their details hold neither the number nor a code.
const (
	ActMobileChanged    = "user.mobile.changed"
	ActMobileCodeSent   = "user.mobile.code_sent"
	ActMobileConfirmed  = "user.mobile.confirmed"
	ActMobileCodeLocked = "user.mobile.code_locked"
)

// MobileStatus is where a user's SMS number stands.
type MobileStatus string

// The states of a number.
const (
	MobileNone         MobileStatus = "NONE"          // no number given
	MobileUnconfirmed  MobileStatus = "UNCONFIRMED"   // a number without a live code (given before session 15, or its code expired or ran out of tries)
	MobileAwaitingCode MobileStatus = "AWAITING_CODE" // a code was texted and may still be typed
	MobileConfirmed    MobileStatus = "CONFIRMED"     // SMS go to it
)

// MobileCode is a one-time code texted to a user's number, as stored: never the code, its hash.
type MobileCode struct {
	ID        string
	UserID    int64
	Hash      []byte
	CreatedAt time.Time
	ExpiresAt time.Time
	Attempts  int       // wrong tries so far
	ClosedAt  time.Time // used, replaced, out of tries or its number changed; zero while open
}

// live reports whether the code may still be typed at now.
func (c *MobileCode) live(now time.Time) bool {
	return c.ClosedAt.IsZero() && now.Before(c.ExpiresAt) && c.Attempts < MobileCodeAttempts
}

// MobileState is what confirming a number reads of a user: the stored preferences (the defaults
// when the user never chose) and the codes sent them since the start of the window, newest first.
type MobileState struct {
	Prefs NotificationPreferences
	Codes []MobileCode
}

// MobileChange is what one step of confirming a number writes, in one transaction.
type MobileChange struct {
	At        time.Time
	Prefs     *NotificationPreferences // the new preferences (MobileConfirmedAt included); nil leaves them
	CloseOpen bool                     // close every open code of the user
	Attempt   string                   // count a wrong try on this code
	Close     string                   // close this code
	NewCode   *MobileCode
	Messages  []Message
	Audit     []AuditEntry
}

// MobileStore keeps the confirmation of users' numbers.
type MobileStore interface {
	// ChangeMobile locks the user's preferences (writing the defaults first if they never chose),
	// reads their state with the codes created after since, calls decide, and writes the change it
	// returns in the same transaction, also when it returns an error with it (a wrong code counts a
	// try); then it returns decide's error. A nil change writes nothing.
	ChangeMobile(ctx context.Context, userID int64, since time.Time, decide func(*MobileState) (*MobileChange, error)) error
	// MobileState reads the same without a lock.
	MobileState(ctx context.Context, userID int64, since time.Time) (*MobileState, error)
	// MobileCode returns a code and its user's current number; NOT_FOUND when there is none.
	MobileCode(ctx context.Context, id string) (*MobileCode, string, error)
	// SweepMobileCodes deletes the codes created before t.
	SweepMobileCodes(ctx context.Context, t time.Time) (int64, error)
	MailMarks
}

// Status says where the number stands at now.
func (p NotificationPreferences) Status() MobileStatus {
	switch {
	case p.Mobile == "":
		return MobileNone
	case !p.MobileConfirmedAt.IsZero():
		return MobileConfirmed
	case !p.CodeExpiresAt.IsZero():
		return MobileAwaitingCode
	}
	return MobileUnconfirmed
}

// The refusals of confirmation, BAD_USER_INPUT with a reason.
func codeError(field, reason, en, zh string) *Error {
	return &Error{Code: CodeInvalid, Field: field, Reason: reason, Message: en, MessageZH: zh}
}

var (
	errCodeMalformed = codeError("code", "MALFORMED", "the code has 6 digits", "验证码为6位数字")
	errNoMobile      = codeError("mobile", "NO_MOBILE", "give a mobile number first", "请先填写手机号")
	errCodeNone      = codeError("code", "NO_CODE", "no code is waiting for this number: ask for a new one", "该手机号没有待验证的验证码，请重新获取")
	errCodeExpired   = codeError("code", "EXPIRED", "this code has expired (a code works for 10 minutes): ask for a new one", "验证码已过期（有效期10分钟），请重新获取")
	errCodeLocked    = codeError("code", "TOO_MANY_ATTEMPTS", "too many wrong codes: ask for a new one", "验证码错误次数过多，请重新获取")
	errConfirmed     = codeError("mobile", "ALREADY_CONFIRMED", "this number is already confirmed", "该手机号已验证")
)

// CodeLimited refuses another code for now: RATE_LIMITED on field mobile, with when to try again.
type CodeLimited struct {
	RetryAfter time.Duration
	err        *Error
}

func codeLimited(retry time.Duration) *CodeLimited {
	s := max(1, int((retry+time.Second-1)/time.Second))
	wait, waitZH := strconv.Itoa(s)+" seconds", strconv.Itoa(s)+"秒"
	if s > 90 {
		wait, waitZH = strconv.Itoa((s+59)/60)+" minutes", strconv.Itoa((s+59)/60)+"分钟"
	}
	return &CodeLimited{RetryAfter: time.Duration(s) * time.Second, err: &Error{Code: CodeRateLimited, Field: "mobile", Reason: "CODE_LIMIT",
		Message:   fmt.Sprintf("too many codes sent to your number: try again in %s", wait),
		MessageZH: fmt.Sprintf("验证码发送过于频繁，请%s后再试", waitZH)}}
}

func (e *CodeLimited) Error() string { return e.err.Error() }
func (e *CodeLimited) Unwrap() error { return e.err }

// Extensions are the GraphQL error extensions: code, field, reason, messageZh and retryAfterSeconds.
func (e *CodeLimited) Extensions() map[string]any {
	return map[string]any{"code": string(CodeRateLimited), "field": e.err.Field, "reason": e.err.Reason, "messageZh": e.err.MessageZH,
		"retryAfterSeconds": int(e.RetryAfter / time.Second)}
}

// mobileCode is the code of a code id: six digits of an HMAC of the id under the secret.
func (s *Notifications) mobileCode(id string) string {
	m := hmac.New(sha256.New, s.Secret)
	m.Write([]byte("redline mobile code\x00" + id))
	n := binary.BigEndian.Uint64(m.Sum(nil)) % 1_000_000
	return fmt.Sprintf("%0*d", mobileCodeDigits, n)
}

// mobileCodeHash is what is stored of a code: an HMAC of its id, the number it went to and the code.
func (s *Notifications) mobileCodeHash(id, mobile, code string) []byte {
	m := hmac.New(sha256.New, s.Secret)
	m.Write([]byte("redline mobile code hash\x00" + id + "\x00" + mobile + "\x00" + code))
	return m.Sum(nil)
}

// errNoSecret: codes are derived from the server's secret; without one none is issued.
var errNoSecret = errors.New("notify: no server secret to derive mobile codes from")

// issue adds a new code for the number to ch, closing the open ones, unless the user had their
// codes for the window or the number had its codes from every user together (CodeAllowed).
func (s *Notifications) issue(ctx context.Context, ch *MobileChange, st *MobileState, userID int64, mobile, trigger string) error {
	if len(s.Secret) < 16 {
		return errNoSecret
	}
	if n := len(st.Codes); n >= MobileCodesPerWindow {
		return codeLimited(st.Codes[n-1].CreatedAt.Add(MobileCodeWindow).Sub(ch.At))
	}
	if s.CodeAllowed != nil {
		retry, err := s.CodeAllowed(ctx, mobile)
		if err != nil {
			return err
		}
		if retry > 0 {
			return codeLimited(retry)
		}
	}
	id := s.NewID()
	ch.NewCode = &MobileCode{ID: id, UserID: userID, Hash: s.mobileCodeHash(id, mobile, s.mobileCode(id)),
		CreatedAt: ch.At, ExpiresAt: ch.At.Add(MobileCodeTTL)}
	ch.CloseOpen = true
	msg := s.NewID()
	ch.Messages = append(ch.Messages, Message{ID: msg, Topic: TopicRegistrationMail,
		Payload: map[string]any{"kind": SMSMobileCode, "codeId": id, "messageId": msg}})
	ch.Audit = append(ch.Audit, AuditEntry{ActorID: userID, Action: ActMobileCodeSent, Target: strconv.FormatInt(userID, 10),
		Details: map[string]any{"trigger": trigger}, At: ch.At})
	return nil
}

func (s *Notifications) mobiles() (MobileStore, error) {
	if s.Mobiles == nil {
		return nil, errors.New("notify: no mobile store")
	}
	return s.Mobiles, nil
}

// mine returns the signed-in user (UNAUTHENTICATED for none), the store and the time now.
func (s *Notifications) mine(ctx context.Context) (Actor, MobileStore, time.Time, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return a, nil, time.Time{}, ErrUnauthenticated
	}
	ms, err := s.mobiles()
	return a, ms, s.Now(), err
}

// view completes stored preferences with the live code and when another may be asked for.
func view(st *MobileState, now time.Time) NotificationPreferences {
	p := st.Prefs
	if p.Mobile == "" || !p.MobileConfirmedAt.IsZero() {
		return p
	}
	if len(st.Codes) > 0 {
		if c := st.Codes[0]; c.live(now) {
			p.CodeSentAt, p.CodeExpiresAt, p.CodeAttemptsLeft = c.CreatedAt, c.ExpiresAt, MobileCodeAttempts-c.Attempts
		}
		at := st.Codes[0].CreatedAt.Add(MobileCodeResendAfter)
		if n := len(st.Codes); n >= MobileCodesPerWindow {
			at = later(at, st.Codes[n-1].CreatedAt.Add(MobileCodeWindow))
		}
		if at.After(now) {
			p.ResendAt = at
		}
	}
	return p
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// changeMobile runs one step of confirming the signed-in user's number (ChangeMobile, under the
// lock of their preferences) and returns their preferences after it, as Preferences does.
func (s *Notifications) changeMobile(ctx context.Context, decide func(a Actor, now time.Time, st *MobileState) (*MobileChange, error)) (NotificationPreferences, error) {
	a, ms, now, err := s.mine(ctx)
	if err != nil {
		return NotificationPreferences{}, err
	}
	err = ms.ChangeMobile(ctx, a.UserID, now.Add(-MobileCodeWindow), func(st *MobileState) (*MobileChange, error) { return decide(a, now, st) })
	if err != nil {
		return NotificationPreferences{}, err
	}
	return s.Preferences(ctx)
}

// Preferences returns the signed-in user's choice of e-mail and SMS notifications, as stored (e-mail
// on and SMS off until changed), with the mobile number they gave for SMS (theirs to read back),
// whether it is confirmed, the code waiting for it and when another code may be asked for.
func (s *Notifications) Preferences(ctx context.Context) (NotificationPreferences, error) {
	a, ms, now, err := s.mine(ctx)
	if err != nil {
		return NotificationPreferences{}, err
	}
	st, err := ms.MobileState(ctx, a.UserID, now.Add(-MobileCodeWindow))
	if err != nil {
		return NotificationPreferences{}, err
	}
	return view(st, now), nil
}

// SetPreferences stores the signed-in user's choice of e-mail and SMS notifications and returns it
// as Preferences does. A new or changed number is unconfirmed, and a code is texted to it; SMS
// go to it only once it is confirmed (ConfirmMobile). A change that would exceed the codes of the
// window is refused (RATE_LIMITED on mobile) and changes nothing.
func (s *Notifications) SetPreferences(ctx context.Context, p NotificationPreferences) (NotificationPreferences, error) {
	if ActorFrom(ctx).Anonymous() {
		return NotificationPreferences{}, ErrUnauthenticated
	}
	p.Mobile = NormalizeMobile(p.Mobile) // the one form, as a filing stores it (session 16, attack)
	if p.Mobile != "" && !ValidMobile(p.Mobile) {
		return NotificationPreferences{}, Invalid("mobile", "a mobile number has 11 digits and starts with 1", "手机号须为以1开头的11位数字")
	}
	if p.SMS && p.Mobile == "" {
		return NotificationPreferences{}, Invalid("mobile", "give a mobile number to receive SMS", "接收短信须填写手机号")
	}
	return s.changeMobile(ctx, func(a Actor, now time.Time, st *MobileState) (*MobileChange, error) {
		old := st.Prefs
		next := NotificationPreferences{Email: p.Email, SMS: p.SMS, Mobile: p.Mobile, MobileConfirmedAt: old.MobileConfirmedAt}
		ch := &MobileChange{At: now, Prefs: &next}
		if p.Mobile == old.Mobile {
			return ch, nil
		}
		next.MobileConfirmedAt = time.Time{}
		ch.CloseOpen = true
		ch.Audit = append(ch.Audit, AuditEntry{ActorID: a.UserID, Action: ActMobileChanged, Target: strconv.FormatInt(a.UserID, 10),
			Details: map[string]any{"removed": p.Mobile == "", "wasConfirmed": !old.MobileConfirmedAt.IsZero()}, At: now})
		if p.Mobile != "" {
			if err := s.issue(ctx, ch, st, a.UserID, p.Mobile, "changed"); err != nil {
				return nil, err
			}
		}
		return ch, nil
	})
}

// SendMobileCode texts a new code to the signed-in user's unconfirmed number, closing the one
// before. RATE_LIMITED (mobile, CODE_LIMIT) within MobileCodeResendAfter of the last code or past
// the codes of the window; BAD_USER_INPUT NO_MOBILE without a number, ALREADY_CONFIRMED for a
// confirmed one.
func (s *Notifications) SendMobileCode(ctx context.Context) (NotificationPreferences, error) {
	return s.changeMobile(ctx, func(a Actor, now time.Time, st *MobileState) (*MobileChange, error) {
		switch {
		case st.Prefs.Mobile == "":
			return nil, errNoMobile
		case !st.Prefs.MobileConfirmedAt.IsZero():
			return nil, errConfirmed
		case len(st.Codes) > 0 && now.Before(st.Codes[0].CreatedAt.Add(MobileCodeResendAfter)):
			return nil, codeLimited(st.Codes[0].CreatedAt.Add(MobileCodeResendAfter).Sub(now))
		}
		ch := &MobileChange{At: now}
		if err := s.issue(ctx, ch, st, a.UserID, st.Prefs.Mobile, "resend"); err != nil {
			return nil, err
		}
		return ch, nil
	})
}

// normalCode trims a typed code and folds full-width digits; "" when it is not 6 digits.
func normalCode(code string) string {
	var b strings.Builder
	for _, r := range code {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case r == ' ' || r == '-' || r == '\u3000':
		default:
			return ""
		}
	}
	if b.Len() != mobileCodeDigits {
		return ""
	}
	return b.String()
}

// ConfirmMobile confirms the signed-in user's number with the code texted to it, compared in
// constant time; the code is used up. A wrong code counts a try (WRONG_CODE, with the tries left);
// the last wrong try closes the code (TOO_MANY_ATTEMPTS), as expiry does (EXPIRED); NO_CODE when
// none is waiting. A confirmed number stays confirmed.
func (s *Notifications) ConfirmMobile(ctx context.Context, code string) (NotificationPreferences, error) {
	if ActorFrom(ctx).Anonymous() {
		return NotificationPreferences{}, ErrUnauthenticated
	}
	code = normalCode(code)
	if code == "" {
		return NotificationPreferences{}, errCodeMalformed
	}
	if len(s.Secret) < 16 {
		return NotificationPreferences{}, errNoSecret
	}
	return s.changeMobile(ctx, func(a Actor, now time.Time, st *MobileState) (*MobileChange, error) {
		p := st.Prefs
		switch {
		case p.Mobile == "":
			return nil, errNoMobile
		case !p.MobileConfirmedAt.IsZero():
			return nil, nil
		case len(st.Codes) == 0 || !st.Codes[0].ClosedAt.IsZero():
			return nil, errCodeNone
		}
		c := st.Codes[0]
		ch := &MobileChange{At: now}
		switch {
		case c.Attempts >= MobileCodeAttempts:
			ch.Close = c.ID
			return ch, errCodeLocked
		case !now.Before(c.ExpiresAt):
			ch.Close = c.ID
			return ch, errCodeExpired
		}
		target := strconv.FormatInt(a.UserID, 10)
		if !hmac.Equal(c.Hash, s.mobileCodeHash(c.ID, p.Mobile, code)) {
			ch.Attempt = c.ID
			left := MobileCodeAttempts - c.Attempts - 1
			if left <= 0 {
				ch.Close = c.ID
				ch.Audit = append(ch.Audit, AuditEntry{ActorID: a.UserID, Action: ActMobileCodeLocked, Target: target,
					Details: map[string]any{"attempts": MobileCodeAttempts}, At: now})
				return ch, errCodeLocked
			}
			return ch, codeError("code", "WRONG_CODE", fmt.Sprintf("the code is not right: %d tries left", left), fmt.Sprintf("验证码不正确，还可尝试%d次", left))
		}
		p.MobileConfirmedAt = now
		ch.Prefs, ch.Close = &p, c.ID
		ch.Audit = append(ch.Audit, AuditEntry{ActorID: a.UserID, Action: ActMobileConfirmed, Target: target,
			Details: map[string]any{"via": "sms code"}, At: now})
		return ch, nil
	})
}

// SendCodeSMS texts the code an outbox message asks for, once per message. Nothing is sent for a
// code that was used, replaced, ran out of tries or expired, or whose number changed since (its
// hash binds it to the number it was issued for).
func (s *Notifications) SendCodeSMS(ctx context.Context, payload map[string]any) error {
	ms, err := s.mobiles()
	if err != nil {
		return err
	}
	msgID := str(payload["messageId"])
	if sent, err := ms.MailSent(ctx, msgID); err != nil || sent {
		return err
	}
	c, mobile, err := ms.MobileCode(ctx, str(payload["codeId"]))
	if err != nil {
		return ignoreNotFound(err)
	}
	now := s.Now()
	if !c.live(now) || mobile == "" || len(s.Secret) < 16 {
		return nil
	}
	code := s.mobileCode(c.ID)
	if !hmac.Equal(c.Hash, s.mobileCodeHash(c.ID, mobile, code)) {
		return nil
	}
	minutes := strconv.Itoa(int(MobileCodeTTL / time.Minute))
	n := &Notification{RecipientID: c.UserID, Channel: NotifySMS, Kind: SMSMobileCode, CreatedAt: now,
		TitleZH: "手机号验证码", TitleEN: "Mobile confirmation code",
		BodyZH: "【投诉平台】您的验证码为" + code + "，" + minutes + "分钟内有效，用于确认接收短信通知的手机号。如非本人操作，请忽略。",
		BodyEN: "Complaints platform: your code is " + code + ", valid " + minutes + " minutes, to confirm this number for SMS notifications. If you did not ask, ignore this."}
	var sms SMSSender = LogSMS{}
	if s.SMS != nil {
		sms = s.SMS
	}
	if err := sms.SendSMS(ctx, mobile, n); err != nil {
		return fmt.Errorf("notify: mobile code SMS: %w", err)
	}
	return ms.MarkMailSent(ctx, msgID, now)
}

// SweepMobileCodes deletes the codes older than a day (they count towards no limit any more).
func (s *Notifications) SweepMobileCodes(ctx context.Context) (int64, error) {
	ms, err := s.mobiles()
	if err != nil {
		return 0, err
	}
	return ms.SweepMobileCodes(ctx, s.Now().Add(-24*time.Hour))
}
