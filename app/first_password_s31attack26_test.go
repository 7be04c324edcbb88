package app_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestAdminCreatedAccountMustChangeItsFirstPassword (session 31, attack26; round 25's leftover d):
// an account an administrator created carries a password the administrator chose and knows. Its
// holder may sign in, read who they are and change the password — nothing else, however the
// operation is written (an alias, a fragment, a mutation, the CSV export, evidence) — until they
// have; the change ends every session, and a sign-in with the new password may do all its role may.
// A password changed to itself is no change. On main the new account did everything at once.
func TestAdminCreatedAccountMustChangeItsFirstPassword(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	const email, first = "new.analyst@redline.demo", "admin-chose-this-42"
	d := env.MustDo(t, admin, `mutation($e:String!,$p:String!){ createUser(email:$e, password:$p, displayName:"新分析员", role: analyst){ id mustChangePassword } }`,
		map[string]any{"e": email, "p": first})
	if d["createUser"].(map[string]any)["mustChangePassword"] != true {
		t.Errorf("createUser: %v, want mustChangePassword true", d)
	}

	d = env.MustDo(t, "", `mutation($e:String!,$p:String!){ login(email:$e, password:$p){ token user { mustChangePassword } } }`,
		map[string]any{"e": email, "p": first})
	login := d["login"].(map[string]any)
	tok := login["token"].(string)
	if login["user"].(map[string]any)["mustChangePassword"] != true {
		t.Errorf("login: %v, want mustChangePassword true", login)
	}

	refused := func(what, query string) {
		t.Helper()
		r := env.Do(t, tok, query, nil)
		if len(r.Errors) == 0 || r.Code() != "FORBIDDEN" || r.Errors[0].Extensions["reason"] != "PASSWORD_CHANGE_REQUIRED" || r.Field() != "" {
			t.Errorf("%s before the first change: %+v, want FORBIDDEN PASSWORD_CHANGE_REQUIRED, no field (session 31, secmend)", what, r.Errors)
		}
	}
	refused("notifications", `{ notifications(first: 1){ totalCount } }`)
	refused("an alias beside me", `{ me { id } n: notifications(first: 1){ totalCount } }`)
	refused("a fragment", `query { ...F } fragment F on Query { notifications(first: 1){ totalCount } }`)
	refused("a mutation", `mutation { markNotificationsRead(ids: []) }`)
	refused("createUser's neighbour", `{ stats(groupBy: [INSTITUTION]){ rows { complaints } } }`)

	req, _ := http.NewRequest(http.MethodGet, env.URL+"/export/stats.csv", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || body["code"] != "FORBIDDEN" || body["reason"] != "PASSWORD_CHANGE_REQUIRED" || body["field"] != nil {
		t.Errorf("/export/stats.csv before the first change: %d %v, want 403 FORBIDDEN, reason PASSWORD_CHANGE_REQUIRED, no field (session 31, secmend)", resp.StatusCode, body)
	}

	if d := env.MustDo(t, tok, `{ me { email mustChangePassword } }`, nil); d["me"].(map[string]any)["mustChangePassword"] != true {
		t.Errorf("me before the change: %v", d)
	}
	r := env.Do(t, tok, `mutation($p:String!){ changePassword(currentPassword:$p, newPassword:$p) }`, map[string]any{"p": first})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "newPassword" {
		t.Errorf("a change to the same password: %+v, want BAD_USER_INPUT on newPassword", r.Errors)
	}
	env.MustDo(t, tok, `mutation($p:String!){ changePassword(currentPassword:$p, newPassword:"my-own-choice-43") }`, map[string]any{"p": first})
	if r := env.Do(t, tok, `{ me { id } }`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("the first token after the change: %+v, want UNAUTHENTICATED", r.Errors)
	}

	tok = env.Login(t, email, "my-own-choice-43")
	d = env.MustDo(t, tok, `{ me { mustChangePassword } notifications(first: 1){ totalCount } }`, nil)
	if d["me"].(map[string]any)["mustChangePassword"] != false {
		t.Errorf("me after the change: %v, want mustChangePassword false", d)
	}

	// Accounts that chose their own password were never held: a registered complainant, the seeded demo users.
	own := env.Register(t, "self.made@example.cn")
	if d := env.MustDo(t, own, `{ me { mustChangePassword } notifications(first: 1){ totalCount } }`, nil); d["me"].(map[string]any)["mustChangePassword"] != false {
		t.Errorf("a registered complainant: %v", d)
	}
	if d := env.MustDo(t, admin, `{ me { mustChangePassword } }`, nil); d["me"].(map[string]any)["mustChangePassword"] != false {
		t.Errorf("the demo admin: %v", d)
	}
}
