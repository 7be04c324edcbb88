package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 15 (sms): a mobile number given for SMS is confirmed with a code texted to it before any
// SMS goes to it.

const mobilePrefs = `mobile mobileStatus mobileConfirmedAt codeExpiresAt codeAttemptsLeft resendAvailableAt`

// mobileEnv is a platform without workers with two complainants.
type mobileEnv struct {
	*apptest.Env
	alice, bob string // tokens
}

func newMobileEnv(t *testing.T) *mobileEnv {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	return &mobileEnv{Env: env, alice: env.Register(t, "sms-alice@example.cn"), bob: env.Register(t, "sms-bob@example.cn")}
}

func (m *mobileEnv) prefs(t *testing.T, tok string) map[string]any {
	t.Helper()
	return m.MustDo(t, tok, `{ notificationPreferences { `+mobilePrefs+` } }`, nil)["notificationPreferences"].(map[string]any)
}

func (m *mobileEnv) set(t *testing.T, tok, mobile string) *apptest.Response {
	t.Helper()
	return m.Do(t, tok, `mutation($m: String) { setNotificationPreferences(email: true, sms: true, mobile: $m) { `+mobilePrefs+` } }`,
		map[string]any{"m": mobile})
}

func (m *mobileEnv) confirm(t *testing.T, tok, code string) *apptest.Response {
	t.Helper()
	return m.Do(t, tok, `mutation($c: String!) { confirmMobile(code: $c) { `+mobilePrefs+` } }`, map[string]any{"c": code})
}

func (m *mobileEnv) resend(t *testing.T, tok string) *apptest.Response {
	t.Helper()
	return m.Do(t, tok, `mutation { sendMobileConfirmationCode { `+mobilePrefs+` } }`, nil)
}

// confirmed reads whether the dispatcher would text the user (Contacts).
func (m *mobileEnv) confirmed(t *testing.T, email string) bool {
	t.Helper()
	var id int64
	m.App.DB.Gorm.Raw("SELECT id FROM users WHERE email = ?", email).Scan(&id)
	cs, err := m.App.Notifications.Store.Contacts(context.Background(), []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	return cs[id].MobileConfirmed
}

// wrong returns a 6-digit code other than code.
func wrong(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}

func reason(r *apptest.Response) string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["reason"].(string)
	return s
}

// expect checks a refusal's code, field and reason.
func refused(t *testing.T, what string, r *apptest.Response, code, field, why string) {
	t.Helper()
	if r.Code() != code || r.Field() != field || reason(r) != why {
		t.Errorf("%s: %s %s %s (%+v), want %s on %s, reason %s", what, r.Code(), r.Field(), reason(r), r.Errors, code, field, why)
	}
}

// ageCodes moves the user's codes back in time, as if sent d ago.
func (m *mobileEnv) ageCodes(t *testing.T, email, d string) {
	t.Helper()
	if err := m.App.DB.Gorm.Exec(`UPDATE mobile_codes SET created_at = created_at - ?::interval, expires_at = expires_at - ?::interval
		WHERE user_id = (SELECT id FROM users WHERE email = ?)`, d, d, email).Error; err != nil {
		t.Fatal(err)
	}
}

// TestMobileConfirmation walks the code's life through the API: a new number is unconfirmed and
// gets a code; wrong codes count tries; the right one confirms it once; changing the number
// unconfirms it and the old code is worth nothing; expiry, the limit of tries and the limits of
// codes sent; another user cannot confirm someone else's number; nothing personal in the outbox,
// the stored code, the audit log or the logs.
func TestMobileConfirmation(t *testing.T) {
	logs := newLogCapture()
	prev := slog.Default()
	slog.SetDefault(slog.New(logs))
	t.Cleanup(func() { slog.SetDefault(prev) })
	m := newMobileEnv(t)
	const aliceMail = "sms-alice@example.cn"
	var codes []string // every code texted, to look for in the logs
	defer func() {
		out := logs.String()
		if !strings.Contains(out, "SMS notification") {
			t.Errorf("no SMS logged: the log check saw nothing")
		}
		for _, s := range []string{"13812345678", "13912345678", "13900001111", "13700001234"} {
			if strings.Contains(out, s) {
				t.Errorf("the log holds the number %q", s)
			}
		}
		// A code is six digits: looked for outside the timings of the access lines, whose digits
		// could hold any six.
		for _, line := range strings.Split(out, "\n") {
			for _, c := range codes {
				if !strings.Contains(line, "took=") && strings.Contains(line, c) {
					t.Errorf("a log line holds the code %s: %s", c, line)
				}
			}
		}
	}()

	for name, r := range map[string]*apptest.Response{
		"confirmMobile": m.confirm(t, "", "123456"), "sendMobileConfirmationCode": m.resend(t, ""),
		"setNotificationPreferences": m.set(t, "", "13812345678"),
	} {
		if r.Code() != "UNAUTHENTICATED" {
			t.Errorf("anonymous %s: %q, want UNAUTHENTICATED", name, r.Code())
		}
	}
	if p := m.prefs(t, m.alice); p["mobileStatus"] != "NONE" || p["mobile"] != nil {
		t.Errorf("before any number: %v", p)
	}
	refused(t, "code without a number", m.resend(t, m.alice), "BAD_USER_INPUT", "mobile", "NO_MOBILE")
	refused(t, "confirm without a number", m.confirm(t, m.alice, "123456"), "BAD_USER_INPUT", "mobile", "NO_MOBILE")

	// A new number is unconfirmed and a code goes to it.
	r := m.set(t, m.alice, "+86 138-1234-5678")
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	p := r.Data["setNotificationPreferences"].(map[string]any)
	if p["mobileStatus"] != "AWAITING_CODE" || p["mobile"] != "13812345678" || p["codeExpiresAt"] == nil || p["codeAttemptsLeft"] != 5.0 ||
		p["resendAvailableAt"] == nil || p["mobileConfirmedAt"] != nil {
		t.Fatalf("after setting a number: %v", p)
	}
	if m.confirmed(t, aliceMail) {
		t.Fatal("a number nobody confirmed is confirmed")
	}
	code := apptest.MobileCode(t, m.App, aliceMail)
	codes = append(codes, code)
	if len(code) != 6 {
		t.Fatalf("code %q", code)
	}
	// Neither the code nor the number in clear at rest or in the outbox.
	var hashes [][]byte
	m.App.DB.Gorm.Raw("SELECT code_hash FROM mobile_codes").Scan(&hashes)
	var outbox []string
	m.App.DB.Gorm.Raw("SELECT payload::text FROM outbox WHERE payload->>'kind' = ?", domain.SMSMobileCode).Scan(&outbox)
	var plain []string
	m.App.DB.Gorm.Raw("SELECT mobile FROM notification_preferences").Scan(&plain)
	for _, h := range hashes {
		if len(h) != 32 || strings.Contains(string(h), code) {
			t.Errorf("a stored code hash is %d bytes or holds the code", len(h))
		}
	}
	if len(hashes) != 1 || len(outbox) != 1 {
		t.Fatalf("%d codes stored, %d outbox messages, want 1 and 1", len(hashes), len(outbox))
	}
	for _, s := range append(outbox, plain...) {
		if strings.Contains(s, code) || strings.Contains(s, "13812345678") {
			t.Errorf("the database holds the code or the number in clear: %s", s)
		}
	}

	// Another user cannot confirm alice's number, with her code or otherwise.
	if r := m.set(t, m.bob, "13900001111"); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := m.confirm(t, m.bob, code); r.Code() != "BAD_USER_INPUT" || reason(r) != "WRONG_CODE" {
		t.Errorf("bob with alice's code: %v", r.Errors)
	}
	if m.confirmed(t, aliceMail) {
		t.Fatal("bob's attempt confirmed alice's number")
	}

	// Malformed, wrong, then the right code (typed with a space and full-width digits).
	refused(t, "malformed", m.confirm(t, m.alice, "12ab56"), "BAD_USER_INPUT", "code", "MALFORMED")
	r = m.confirm(t, m.alice, wrong(code))
	refused(t, "wrong", r, "BAD_USER_INPUT", "code", "WRONG_CODE")
	if p := m.prefs(t, m.alice); p["codeAttemptsLeft"] != 4.0 || p["mobileStatus"] != "AWAITING_CODE" {
		t.Errorf("after a wrong code: %v", p)
	}
	typed := code[:3] + " " + strings.Map(func(r rune) rune { return r - '0' + '０' }, code[3:])
	r = m.confirm(t, m.alice, typed)
	if len(r.Errors) > 0 || r.Data["confirmMobile"].(map[string]any)["mobileStatus"] != "CONFIRMED" {
		t.Fatalf("the right code: %+v %v", r.Errors, r.Data)
	}
	if !m.confirmed(t, aliceMail) {
		t.Fatal("confirmed number not confirmed for the dispatcher")
	}
	if p := m.prefs(t, m.alice); p["mobileConfirmedAt"] == nil || p["codeExpiresAt"] != nil {
		t.Errorf("after confirming: %v", p)
	}
	refused(t, "a code for a confirmed number", m.resend(t, m.alice), "BAD_USER_INPUT", "mobile", "ALREADY_CONFIRMED")
	// Saving the same number keeps it confirmed.
	if r := m.set(t, m.alice, "13812345678"); len(r.Errors) > 0 || r.Data["setNotificationPreferences"].(map[string]any)["mobileStatus"] != "CONFIRMED" {
		t.Fatalf("saving the same number: %+v %v", r.Errors, r.Data)
	}

	// Changing the number unconfirms it; the used code confirms neither the new number nor, after
	// changing back, the old one.
	m.ageCodes(t, aliceMail, "2 minutes")
	if r := m.set(t, m.alice, "13912345678"); len(r.Errors) > 0 || r.Data["setNotificationPreferences"].(map[string]any)["mobileStatus"] != "AWAITING_CODE" {
		t.Fatalf("changing the number: %+v %v", r.Errors, r.Data)
	}
	if m.confirmed(t, aliceMail) {
		t.Fatal("a changed number stayed confirmed")
	}
	refused(t, "the old code for a new number", m.confirm(t, m.alice, code), "BAD_USER_INPUT", "code", "WRONG_CODE")
	if r := m.set(t, m.alice, "13812345678"); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	refused(t, "a used code again", m.confirm(t, m.alice, code), "BAD_USER_INPUT", "code", "WRONG_CODE")
	if m.confirmed(t, aliceMail) {
		t.Fatal("a used code confirmed the number again")
	}

	// Resending: not within a minute of the last code.
	r = m.resend(t, m.alice)
	refused(t, "resend at once", r, "RATE_LIMITED", "mobile", "CODE_LIMIT")
	if len(r.Errors) > 0 {
		if s, _ := r.Errors[0].Extensions["retryAfterSeconds"].(float64); s < 1 || s > 60 {
			t.Errorf("retryAfterSeconds %v", r.Errors[0].Extensions["retryAfterSeconds"])
		}
	}

	// Five wrong tries close the code; the right one then does nothing.
	m.ageCodes(t, aliceMail, "61 seconds")
	if r := m.resend(t, m.alice); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	code = apptest.MobileCode(t, m.App, aliceMail)
	codes = append(codes, code)
	for i := 1; i <= 5; i++ {
		want := "WRONG_CODE"
		if i == 5 {
			want = "TOO_MANY_ATTEMPTS"
		}
		refused(t, fmt.Sprintf("wrong try %d", i), m.confirm(t, m.alice, wrong(code)), "BAD_USER_INPUT", "code", want)
	}
	refused(t, "the right code after five wrong", m.confirm(t, m.alice, code), "BAD_USER_INPUT", "code", "NO_CODE")
	if p := m.prefs(t, m.alice); p["mobileStatus"] != "UNCONFIRMED" {
		t.Errorf("after the tries ran out: %v", p)
	}

	// Expiry: a code older than ten minutes is refused.
	m.ageCodes(t, aliceMail, "61 seconds")
	if r := m.resend(t, m.alice); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	code = apptest.MobileCode(t, m.App, aliceMail)
	codes = append(codes, code)
	m.ageCodes(t, aliceMail, "11 minutes")
	refused(t, "an expired code", m.confirm(t, m.alice, code), "BAD_USER_INPUT", "code", "EXPIRED")

	// At most five codes an hour: the sixth is refused, and so is a change of number that would
	// need one (the number stays as it was).
	var sent int64
	m.App.DB.Gorm.Raw("SELECT count(*) FROM mobile_codes WHERE user_id = (SELECT id FROM users WHERE email = ?)", aliceMail).Scan(&sent)
	for ; sent < 5; sent++ {
		m.ageCodes(t, aliceMail, "61 seconds")
		if r := m.resend(t, m.alice); len(r.Errors) > 0 {
			t.Fatalf("code %d: %v", sent+1, r.Errors)
		}
	}
	m.ageCodes(t, aliceMail, "61 seconds")
	refused(t, "a sixth code in the hour", m.resend(t, m.alice), "RATE_LIMITED", "mobile", "CODE_LIMIT")
	refused(t, "a change past the limit", m.set(t, m.alice, "13700001234"), "RATE_LIMITED", "mobile", "CODE_LIMIT")
	if p := m.prefs(t, m.alice); p["mobile"] != "13812345678" || p["resendAvailableAt"] == nil {
		t.Errorf("after a refused change: %v", p)
	}

	// The audit log records the steps, without the number or any code.
	var audit []struct {
		Action  string
		Details string
	}
	m.App.DB.Gorm.Raw("SELECT action, details::text AS details FROM audit_log WHERE action LIKE 'user.mobile.%' ORDER BY id").Scan(&audit)
	seen := map[string]bool{}
	for _, a := range audit {
		seen[a.Action] = true
		for _, s := range []string{"138", "139", "1234", code} {
			if strings.Contains(a.Details, s) {
				t.Errorf("audit %s details %s hold %q", a.Action, a.Details, s)
			}
		}
	}
	for _, a := range []string{domain.ActMobileChanged, domain.ActMobileCodeSent, domain.ActMobileConfirmed, domain.ActMobileCodeLocked} {
		if !seen[a] {
			t.Errorf("no %s in the audit log (%v)", a, audit)
		}
	}
	// The dev SMS box shows the number masked only.
	texts, err := m.App.DevSMS.List(context.Background())
	if err != nil || len(texts) == 0 {
		t.Fatal(err)
	}
	for _, s := range texts {
		if strings.Contains(s.To, "1234") || s.To != "138****5678" && s.To != "139****5678" && s.To != "139****1111" {
			t.Errorf("dev SMS box shows %q", s.To)
		}
	}
}

// TestMobileNumbersBeforeConfirmationAreUnconfirmed: a number stored before session 15 (no
// mobile_confirmed_at) is unconfirmed: no SMS go to it until its owner asks for a code and types it.
func TestMobileNumbersBeforeConfirmationAreUnconfirmed(t *testing.T) {
	m := newMobileEnv(t)
	const mail = "sms-alice@example.cn"
	var id int64
	m.App.DB.Gorm.Raw("SELECT id FROM users WHERE email = ?", mail).Scan(&id)
	// As the migration leaves a row written before it: the number, SMS on, the new column NULL.
	store := m.App.Notifications.Mobiles
	if err := store.ChangeMobile(context.Background(), id, m.App.DB.Now(), func(st *domain.MobileState) (*domain.MobileChange, error) {
		return &domain.MobileChange{At: m.App.DB.Now(), Prefs: &domain.NotificationPreferences{Email: true, SMS: true, Mobile: "13812345678"}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	var nulls int64
	m.App.DB.Gorm.Raw("SELECT count(*) FROM notification_preferences WHERE user_id = ? AND mobile_confirmed_at IS NULL", id).Scan(&nulls)
	if nulls != 1 || m.confirmed(t, mail) {
		t.Fatal("a stored number without a confirmation counts as confirmed")
	}
	if p := m.prefs(t, m.alice); p["mobileStatus"] != "UNCONFIRMED" || p["resendAvailableAt"] != nil {
		t.Fatalf("an old number reads %v, want UNCONFIRMED with a code to ask for now", p)
	}
	if r := m.resend(t, m.alice); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := m.confirm(t, m.alice, apptest.MobileCode(t, m.App, mail)); len(r.Errors) > 0 || !m.confirmed(t, mail) {
		t.Fatalf("confirming an old number: %v", r.Errors)
	}
}

// TestMobileCodesInParallel: requests of one user take turns on the lock of their preferences, so
// eight parallel requests for a code send one, and a right code sent with four wrong ones in
// parallel confirms the number.
func TestMobileCodesInParallel(t *testing.T) {
	m := newMobileEnv(t)
	const mail = "sms-alice@example.cn"
	if r := m.set(t, m.alice, "13812345678"); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	m.ageCodes(t, mail, "61 seconds")
	codes := func() (n int64) {
		m.App.DB.Gorm.Raw("SELECT count(*) FROM mobile_codes").Scan(&n)
		return n
	}
	results := make(chan *apptest.Response, 8)
	for range 8 {
		go func() { results <- m.resend(t, m.alice) }()
	}
	ok := 0
	for range 8 {
		r := <-results
		switch {
		case len(r.Errors) == 0:
			ok++
		case r.Code() != "RATE_LIMITED":
			t.Errorf("a parallel request: %+v", r.Errors)
		}
	}
	if ok != 1 || codes() != 2 {
		t.Fatalf("%d parallel requests sent a code, %d codes in all; want 1 and 2", ok, codes())
	}
	// One right code and four wrong ones (within the five tries, whatever their order).
	code := apptest.MobileCode(t, m.App, mail)
	for i := range 5 {
		c := wrong(code)
		if i == 0 {
			c = code
		}
		go func() { results <- m.confirm(t, m.alice, c) }()
	}
	for range 5 {
		<-results
	}
	if !m.confirmed(t, mail) {
		t.Fatal("the right code among wrong ones did not confirm the number")
	}
	var attempts, used int64
	m.App.DB.Gorm.Raw("SELECT attempts, (closed_at IS NOT NULL)::int FROM mobile_codes ORDER BY created_at DESC LIMIT 1").Row().Scan(&attempts, &used)
	if used != 1 || attempts > 4 {
		t.Errorf("the code: %d wrong tries counted, closed %d", attempts, used)
	}
}
