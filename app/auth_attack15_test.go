package app_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// guardedEnv is a platform (API only) with the request and sign-in limits of production's
// defaults, which apptest.Start leaves off.
func guardedEnv(t *testing.T) *apptest.Env {
	t.Helper()
	cfg := apptest.Config(t)
	cfg.Security.Limits = api.DefaultLimits()
	a := apptest.Open(context.Background(), t, cfg, 0)
	t.Cleanup(a.Close)
	h, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &apptest.Env{App: a, URL: srv.URL}
}

// atOnce runs f(0) … f(n-1) at once and returns their answers.
func atOnce(n int, f func(i int) string) []string {
	out := make([]string, n)
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = f(i)
		}()
	}
	wg.Wait()
	return out
}

// Session 15's attack by hand: changePassword checked the current password without the sign-in's
// guard, so whoever held an access token (a shared computer, a token copied from a log or a
// browser) could guess the account's password at the request rate — 40 wrong guesses in 4 s, then
// the right one accepted — where sign-in locks the account after 5. The password is what outlives
// the session. Wrong current passwords now count towards the account's lockout like wrong sign-ins.
func TestChangePasswordCountsTowardsTheLockout(t *testing.T) {
	env := guardedEnv(t)
	const email = "complainant@redline.demo"
	tok := env.Login(t, email, app.DemoPassword)
	const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`
	max := api.DefaultLimits().LoginMaxFailures
	codes := atOnce(4*max, func(i int) string {
		r := env.Do(t, tok, change, map[string]any{"c": fmt.Sprintf("a-wrong-guess-%d", i), "n": "taken-over-2026"})
		return r.Code() + " " + r.Field()
	})
	wrong := 0
	for _, c := range codes {
		switch c {
		case "BAD_USER_INPUT currentPassword":
			wrong++
		case "RATE_LIMITED ":
		default:
			t.Errorf("a wrong current password: %q, want BAD_USER_INPUT on currentPassword or RATE_LIMITED", c)
		}
	}
	if wrong > max {
		t.Errorf("%d wrong current passwords checked, want at most %d (the lockout)", wrong, max)
	}
	// The right password is refused while the account is locked, in changePassword and sign-in.
	r := env.Do(t, tok, change, map[string]any{"c": app.DemoPassword, "n": "taken-over-2026"})
	if r.Code() != "RATE_LIMITED" || !strings.Contains(fmt.Sprint(r.Errors), "failed sign-ins") {
		t.Errorf("the right current password on a locked account: %s %v, want RATE_LIMITED", r.Code(), r.Errors)
	}
	r = env.Do(t, "", `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
		map[string]any{"e": email, "p": app.DemoPassword})
	if r.Code() != "RATE_LIMITED" {
		t.Errorf("sign-in after the guesses: %s %v, want RATE_LIMITED", r.Code(), r.Errors)
	}
	if _, err := env.App.Accounts.Authenticate(context.Background(), email, app.DemoPassword); err != nil {
		t.Errorf("the password changed: %v", err)
	}
}

// A right current password still changes it, and a wrong one is answered on its field.
func TestChangePasswordWithTheGuard(t *testing.T) {
	env := guardedEnv(t)
	const email = "analyst@redline.demo"
	tok := env.Login(t, email, app.DemoPassword)
	const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`
	if r := env.Do(t, tok, change, map[string]any{"c": "not-the-password", "n": "a-new-password-2026"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "currentPassword" {
		t.Fatalf("wrong current password: %s on %q, want BAD_USER_INPUT on currentPassword", r.Code(), r.Field())
	}
	env.MustDo(t, tok, change, map[string]any{"c": app.DemoPassword, "n": "a-new-password-2026"})
	env.Login(t, email, "a-new-password-2026")
}

// Session 15's attack by hand: inviteInstitutionUser e-mailed the address it was given every time
// it was asked — 10 invitations of one address at once made 10 invitations and 10 e-mails, and
// resendInstitutionInvitation sent the link again on every call — so an institution's admin (a
// lender or a collection agency) could have the regulator's mail server write to anyone, a debtor
// included, hundreds of times a minute. Invitation e-mails to one address are now limited like
// registrations (REDLINE_INVITE_RATE_EMAIL, 5 an hour), counted before anything is written.
func TestInvitationMailsPerAddressAreBounded(t *testing.T) {
	env := guardedEnv(t)
	admin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	const invite = `mutation($e: String!) { inviteInstitutionUser(input: {email: $e, name: "孙八", role: institution_agent}) { email } }`
	const target = "debtor.inbox@example.cn"
	invitations := func() int {
		var n int
		if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM institution_invitations").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	max := api.DefaultLimits().InvitePerEmail.N
	codes := atOnce(2*max, func(int) string { return env.Do(t, admin, invite, map[string]any{"e": target}).Code() })
	sent := 0
	for _, c := range codes {
		switch c {
		case "":
			sent++
		case "RATE_LIMITED":
		default:
			t.Errorf("an invitation: %q, want sent or RATE_LIMITED", c)
		}
	}
	if sent != max || invitations() != max {
		t.Fatalf("%d invitations of one address at once: %d sent, %d stored, want %d", len(codes), sent, invitations(), max)
	}
	// Sending one of them again is an e-mail to the address too: refused, nothing changed.
	var id int64
	var hash []byte
	if err := env.App.DB.Gorm.Raw("SELECT id, token_hash FROM institution_invitations ORDER BY id LIMIT 1").Row().Scan(&id, &hash); err != nil {
		t.Fatal(err)
	}
	r := env.Do(t, admin, `mutation($id: ID!) { resendInstitutionInvitation(id: $id) { id } }`, map[string]any{"id": fmt.Sprintf("invitation:%d", id)})
	if r.Code() != "RATE_LIMITED" {
		t.Errorf("sending an invitation again to the address: %s %v, want RATE_LIMITED", r.Code(), r.Errors)
	}
	var after []byte
	if err := env.App.DB.Gorm.Raw("SELECT token_hash FROM institution_invitations WHERE id = ?", id).Row().Scan(&after); err != nil || string(after) != string(hash) {
		t.Errorf("the refused resend changed the invitation's link (%v)", err)
	}
	// The same address spelt otherwise counts as the same; another address has its own count.
	if r := env.Do(t, admin, invite, map[string]any{"e": " Debtor.Inbox@EXAMPLE.cn "}); r.Code() != "RATE_LIMITED" {
		t.Errorf("the address in capitals: %s, want RATE_LIMITED", r.Code())
	}
	env.MustDo(t, admin, invite, map[string]any{"e": "another.person@example.cn"})
	if n := invitations(); n != max+1 {
		t.Errorf("%d invitations stored, want %d", n, max+1)
	}
}
