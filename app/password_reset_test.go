package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/workers"
)

// rawResetRequest sends requestPasswordReset and returns the response body as it came.
func rawResetRequest(t *testing.T, env *apptest.Env, email string) []byte {
	t.Helper()
	return rawAnswer(t, env, `mutation($e:String!){requestPasswordReset(email:$e){checkEmail expiresInMinutes}}`, email)
}

const resetMutation = `mutation($t:String!,$p:String!){ resetPassword(token:$t, newPassword:$p) }`

// resetRefused checks that resetPassword with the token is refused with the code, on token, with
// the reason.
func resetRefused(t *testing.T, env *apptest.Env, token, code, reason string) {
	t.Helper()
	r := env.Do(t, "", resetMutation, map[string]any{"t": token, "p": "another-horse-77"})
	if r.Code() != code || r.Field() != "token" || len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != reason ||
		r.Errors[0].Message == "" || r.Errors[0].Extensions["messageZh"] == "" {
		t.Fatalf("resetPassword: %+v, want %s on token with reason %s", r.Errors, code, reason)
	}
}

// TestPasswordResetDoesNotRevealAccounts: asking for a reset of an address with an account, one
// without and one whose account is disabled give byte-identical answers, each writes one outbox
// message that names no person, and only the enabled account gets an e-mail (once, however often
// its task runs). The link sets a new password once, ends every session of the account, writes an
// audit record without personal data; no log line holds an address.
func TestPasswordResetDoesNotRevealAccounts(t *testing.T) {
	logs := newLogCapture()
	prev := slog.Default()
	slog.SetDefault(slog.New(logs))
	t.Cleanup(func() { slog.SetDefault(prev) })

	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	ctx := context.Background()
	const owner, nobody, disabled = "forgetful@example.cn", "nobody-here@example.cn", "switched-off@example.cn"
	access := env.Register(t, owner)
	refresh := env.MustDo(t, "", `mutation{ login(email:"`+owner+`", password:"correct-horse-42"){ refreshToken } }`, nil)["login"].(map[string]any)["refreshToken"].(string)
	env.Register(t, disabled)
	if err := env.App.DB.Gorm.Exec("UPDATE users SET disabled_at = now() WHERE email = ?", disabled).Error; err != nil {
		t.Fatal(err)
	}

	known := rawResetRequest(t, env, owner)
	for _, other := range []string{nobody, disabled, "  Forgetful@Example.CN "} {
		if b := rawResetRequest(t, env, other); !bytes.Equal(b, known) {
			t.Fatalf("%q answers differently from an address with an account:\n%s\n%s", other, b, known)
		}
	}
	if r := env.Do(t, "", `mutation{ requestPasswordReset(email:"not an address"){ checkEmail } }`, nil); r.Code() != "BAD_USER_INPUT" || r.Field() != "email" {
		t.Fatalf("a malformed address: %q %q", r.Code(), r.Field())
	}
	var resets, ofAccounts int64
	env.App.DB.Gorm.Raw("SELECT count(*), count(user_id) FROM password_resets").Row().Scan(&resets, &ofAccounts)
	if resets != 4 || ofAccounts != 2 { // a row per request; the owner's two (the second in capitals) name the account
		t.Fatalf("%d password resets stored, %d of an account; want 4, 2", resets, ofAccounts)
	}
	var payloads []string
	env.App.DB.Gorm.Raw("SELECT payload::text FROM outbox WHERE topic = ? AND payload->>'kind' = ? ORDER BY created_at",
		domain.TopicRegistrationMail, domain.MailPasswordReset).Scan(&payloads)
	if len(payloads) != 4 {
		t.Fatalf("%d outbox messages, want one per request", len(payloads))
	}
	for _, p := range payloads {
		var m map[string]any
		_ = json.Unmarshal([]byte(p), &m)
		if len(m) != 3 || m["resetId"] == nil || m["messageId"] == nil || strings.Contains(p, "@") {
			t.Errorf("outbox payload %s: want kind, resetId and messageId only", p)
		}
	}

	// Every message's task runs twice; only the owner gets e-mails, one per request.
	h := env.App.Handlers().Mux()
	for _, p := range payloads {
		for range 2 {
			if err := h.ProcessTask(ctx, asynq.NewTask(workers.TypeRegistrationMail, []byte(p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	mails, err := env.App.DevMailbox.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, m := range mails {
		if m.Kind == domain.MailPasswordReset {
			got[m.To]++
			if len(m.Links) != 1 || !strings.HasPrefix(m.Links[0], "http://localhost:8080/#/reset?token=") {
				t.Errorf("reset e-mail links %v", m.Links)
			}
		}
	}
	if len(got) != 1 || got[owner] != 2 {
		t.Fatalf("reset e-mails by address: %v, want 2 to the owner and none to anyone else", got)
	}
	token := apptest.ResetToken(t, env.App, owner)
	sum := sha256.Sum256([]byte(token))
	var stored, plain int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM password_resets WHERE token_hash = ?", sum[:]).Scan(&stored)
	env.App.DB.Gorm.Raw("SELECT count(*) FROM outbox WHERE payload::text LIKE ?", "%"+token+"%").Scan(&plain)
	if stored != 1 || plain != 0 {
		t.Errorf("the token: %d rows by its hash (want 1), %d outbox messages holding it (want 0)", stored, plain)
	}

	// The password rules apply, and a refused password leaves the link usable.
	if r := env.Do(t, "", resetMutation, map[string]any{"t": token, "p": "short1"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "newPassword" {
		t.Fatalf("a weak password: %q %q", r.Code(), r.Field())
	}
	env.MustDo(t, "", resetMutation, map[string]any{"t": token, "p": "a-new-horse-2026"})
	if r := env.Do(t, access, `{ me { email } }`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("an access token from before the reset: %q, want UNAUTHENTICATED", r.Code())
	}
	if r := env.Do(t, "", `mutation($r:String!){ refreshSession(refreshToken:$r){ token } }`, map[string]any{"r": refresh}); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("a refresh token from before the reset: %q, want UNAUTHENTICATED", r.Code())
	}
	if r := env.Do(t, "", `mutation{ login(email:"`+owner+`", password:"correct-horse-42"){ token } }`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("the old password: %q, want UNAUTHENTICATED", r.Code())
	}
	env.Login(t, owner, "a-new-horse-2026")

	// The link works once; the other link e-mailed before stops working with it.
	resetRefused(t, env, token, "BAD_USER_INPUT", "USED")
	var unused int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM password_resets WHERE used_at IS NULL AND user_id IS NOT NULL").Scan(&unused)
	if unused != 0 {
		t.Errorf("%d links still unused after the reset, want 0", unused)
	}
	resetRefused(t, env, "no-such-link", "BAD_USER_INPUT", "UNKNOWN")
	// A reset written for an address without an account has a token too, and it sets nothing.
	var nobodyReset string
	env.App.DB.Gorm.Raw("SELECT id::text FROM password_resets WHERE user_id IS NULL LIMIT 1").Scan(&nobodyReset)
	if err := env.App.DB.Gorm.Exec("UPDATE password_resets SET token_hash = sha256(convert_to('nobody-link', 'UTF8')) WHERE id = ?::uuid", nobodyReset).Error; err != nil {
		t.Fatal(err)
	}
	resetRefused(t, env, "nobody-link", "BAD_USER_INPUT", "UNKNOWN")

	// The audit record names the account by id, with no personal data.
	var audit []struct {
		ActorID *int64
		Target  string
		Details string
	}
	env.App.DB.Gorm.Raw("SELECT actor_id, target, details::text AS details FROM audit_log WHERE action = ?", domain.ActResetPassword).Scan(&audit)
	u, err := env.App.Accounts.Store.UserByEmail(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 1 || audit[0].ActorID == nil || *audit[0].ActorID != u.ID || audit[0].Target != "user:"+strconv.FormatInt(u.ID, 10) ||
		strings.Contains(audit[0].Details, "@") || strings.Contains(audit[0].Details, "测试用户") {
		t.Errorf("audit records %+v, want one for user:%d without personal data", audit, u.ID)
	}

	// An expired link is refused with its own reason, and the hourly sweep deletes it.
	rawResetRequest(t, env, owner)
	late := apptest.ResetToken(t, env.App, owner)
	lateSum := sha256.Sum256([]byte(late))
	if err := env.App.DB.Gorm.Exec("UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE token_hash = ?", lateSum[:]).Error; err != nil {
		t.Fatal(err)
	}
	resetRefused(t, env, late, "BAD_USER_INPUT", "EXPIRED")
	if err := h.ProcessTask(ctx, workers.NewRegistrationSweepTask()); err != nil {
		t.Fatal(err)
	}
	var left int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM password_resets WHERE expires_at <= now()").Scan(&left)
	env.App.DB.Gorm.Raw("SELECT count(*) FROM password_resets WHERE user_id IS NOT NULL").Scan(&resets)
	if left != 0 || resets != 2 {
		t.Errorf("after the sweep: %d expired links left (want 0), %d links in all (want the 2 used ones, not yet expired)", left, resets)
	}

	// An account disabled after its link was sent cannot reset: the password stays.
	rawResetRequest(t, env, owner)
	tok := apptest.ResetToken(t, env.App, owner)
	if err := env.App.DB.Gorm.Exec("UPDATE users SET disabled_at = now() WHERE email = ?", owner).Error; err != nil {
		t.Fatal(err)
	}
	resetRefused(t, env, tok, "FORBIDDEN", "ACCOUNT_DISABLED")
	if err := env.App.DB.Gorm.Exec("UPDATE users SET disabled_at = NULL WHERE email = ?", owner).Error; err != nil {
		t.Fatal(err)
	}
	env.Login(t, owner, "a-new-horse-2026")

	for _, who := range []string{owner, nobody, disabled, "forgetful", "测试用户"} {
		if strings.Contains(strings.ToLower(logs.String()), strings.ToLower(who)) {
			t.Errorf("the logs hold %q", who)
		}
	}
	var history int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM audit_log WHERE details::text LIKE '%@%' OR target LIKE '%@%'").Scan(&history)
	if history != 0 {
		t.Errorf("%d audit records hold an e-mail address", history)
	}
}

// BenchmarkRequestPasswordReset times requestPasswordReset's work for an address with an enabled
// account and for one without, alternated request by request so that load from elsewhere falls on
// both alike: the same two statements in one transaction, one of which writes a row or none
// (figures in docs/SECURITY.md).
func BenchmarkRequestPasswordReset(b *testing.B) {
	env := apptest.Start(b, apptest.Options{NoWork: true, NoRelay: true})
	ctx := context.Background()
	env.Register(b, "bench-owner@example.cn")
	emails := [2]string{"bench-owner@example.cn", "bench-nobody@example.cn"}
	var spent [2]time.Duration
	var n [2]int
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := env.App.PasswordResets.Request(ctx, emails[i%2]); err != nil {
			b.Fatal(err)
		}
		spent[i%2] += time.Since(start)
		n[i%2]++
	}
	b.ReportMetric(float64(spent[0].Nanoseconds())/float64(max(n[0], 1)), "known-ns/op")
	b.ReportMetric(float64(spent[1].Nanoseconds())/float64(max(n[1], 1)), "unknown-ns/op")
}
