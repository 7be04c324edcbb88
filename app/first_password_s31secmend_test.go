package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestResetLinkDoesNotKeepTheAdministratorsPassword (session 31, secmend; review of attack26): an
// account that must change the first password an administrator gave it could ask for a reset link
// and set that same password again, which cleared the flag and left the administrator's password in
// force. The link now refuses it (BAD_USER_INPUT on newPassword, reason SAME_PASSWORD) as
// changePassword does, sets nothing and stays usable for another password.
func TestResetLinkDoesNotKeepTheAdministratorsPassword(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	const email, first = "reset.analyst@redline.demo", "admin-chose-this-42"
	env.MustDo(t, admin, `mutation($e:String!,$p:String!){ createUser(email:$e, password:$p, displayName:"新分析员", role: analyst){ id } }`,
		map[string]any{"e": email, "p": first})
	env.MustDo(t, "", `mutation($e:String!){ requestPasswordReset(email:$e){ checkEmail } }`, map[string]any{"e": email})
	token := apptest.ResetToken(t, env.App, email)

	r := env.Do(t, "", resetMutation, map[string]any{"t": token, "p": first})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "newPassword" || len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != "SAME_PASSWORD" {
		t.Fatalf("a reset to the administrator's password: %+v, want BAD_USER_INPUT on newPassword, reason SAME_PASSWORD", r.Errors)
	}
	login := func(p string) map[string]any {
		t.Helper()
		return env.MustDo(t, "", `mutation($e:String!,$p:String!){ login(email:$e, password:$p){ user { mustChangePassword } } }`,
			map[string]any{"e": email, "p": p})["login"].(map[string]any)["user"].(map[string]any)
	}
	if u := login(first); u["mustChangePassword"] != true {
		t.Errorf("after the refused reset: %v, want mustChangePassword still true", u)
	}
	env.MustDo(t, "", resetMutation, map[string]any{"t": token, "p": "my-own-choice-43"})
	if u := login("my-own-choice-43"); u["mustChangePassword"] != false {
		t.Errorf("after a reset to another password: %v, want mustChangePassword false", u)
	}
}
