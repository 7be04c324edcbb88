package app_test

import (
	"fmt"
	"testing"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app"
)

// Session 15 (attack2): the per-address limits on mail (invitations, registrations, resets) counted
// the address as written, lower-cased, so one mailbox under sub-addresses (debtor+1@…, debtor+2@…)
// or Gmail's dotted forms took every limit again: an institution's admin mailed one inbox ten
// invitations in a row, and anyone could have it sent registration mail without bound.

// TestMailLimitsCountTheMailbox: invitations and registrations to sub-address and dotted variants
// of one mailbox share its limit; another mailbox is not held back.
func TestMailLimitsCountTheMailbox(t *testing.T) {
	env := guardedEnv(t)
	admin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	const invite = `mutation($e: String!) { inviteInstitutionUser(input: {email: $e, name: "孙八", role: institution_agent}) { email } }`
	count := func(what string, max int, f func(i int) string) {
		t.Helper()
		sent := 0
		for i := range 2 * max {
			switch c := f(i); c {
			case "":
				sent++
			case "RATE_LIMITED":
			default:
				t.Fatalf("%s %d: %q, want sent or RATE_LIMITED", what, i, c)
			}
		}
		if sent != max {
			t.Errorf("%d %s to variants of one mailbox: %d sent, want %d", 2*max, what, sent, max)
		}
	}
	count("invitations", api.DefaultLimits().InvitePerEmail.N, func(i int) string {
		addr := fmt.Sprintf("debtor.inbox+%d@example.cn", i)
		if i%2 == 1 {
			addr = fmt.Sprintf("Debtor.Inbox+x%d@Example.cn", i)
		}
		return env.Do(t, admin, invite, map[string]any{"e": addr}).Code()
	})
	count("Gmail invitations", api.DefaultLimits().InvitePerEmail.N, func(i int) string {
		addr := []string{"zhang.san@gmail.com", "zhangsan@gmail.com", "z.h.a.n.g.s.a.n@gmail.com", "zhangsan+a@googlemail.com", "zhang.san+b@gmail.com"}[i%5]
		if i >= 5 {
			addr = fmt.Sprintf("zhangsan+%d@gmail.com", i)
		}
		return env.Do(t, admin, invite, map[string]any{"e": addr}).Code()
	})
	const register = `mutation($e: String!) { register(email: $e, password: "correct-horse-42", displayName: "测试") { checkEmail } }`
	count("registrations", api.DefaultLimits().RegisterPerEmail.N, func(i int) string {
		return env.Do(t, "", register, map[string]any{"e": fmt.Sprintf("victim+r%d@example.cn", i)}).Code()
	})
	// Other mailboxes are not held back.
	if c := env.Do(t, admin, invite, map[string]any{"e": "other.inbox@example.cn"}).Code(); c != "" {
		t.Errorf("another mailbox: %q, want sent", c)
	}
	if c := env.Do(t, "", register, map[string]any{"e": "victim2@example.cn"}).Code(); c != "" {
		t.Errorf("another mailbox's registration: %q, want sent", c)
	}
}
