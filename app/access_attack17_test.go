package app_test

import (
	"fmt"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 17 (attack): RoleBinding.grantedByName names the administrator who granted a role, to
// administrators only. Tried as the user who holds the granted role, through an alias, a fragment
// and an inline fragment: it stays null; the grantor's id (grantedBy) stays as it was.
func TestGrantorNameOnlyToAdministrators(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	admin, analyst := p.tokens[domain.RoleAdmin], p.tokens[domain.RoleAnalyst]
	uid := fmt.Sprint(p.actors[domain.RoleAnalyst].UserID)
	env.MustDo(t, admin, `mutation($u: ID!) { grantRole(userId: $u, role: reviewer, domain: "team:east", reason: "attack17 测试") { grantedBy } }`, map[string]any{"u": uid})
	const q = `{ me { roles { domain grantedBy grantedByName n: grantedByName ...F ... on RoleBinding { m: grantedByName } } } }
fragment F on RoleBinding { f: grantedByName }`
	roles := env.MustDo(t, analyst, q, nil)["me"].(map[string]any)["roles"].([]any)
	granted := false
	for _, r := range roles {
		r := r.(map[string]any)
		if r["domain"] != "team:east" {
			continue
		}
		granted = r["grantedBy"] != nil
		for _, k := range []string{"grantedByName", "n", "f", "m"} {
			if r[k] != nil {
				t.Errorf("the analyst reads %s = %v on its own binding, want null (administrators only)", k, r[k])
			}
		}
	}
	if !granted {
		t.Fatalf("the granted binding is not among the analyst's roles: %v", roles)
	}
	// The administrator reads the name (the field is not null for everyone).
	users := env.MustDo(t, admin, `query($s: String) { users(search: $s) { edges { node { roles { domain grantedByName } } } } }`,
		map[string]any{"s": uid})["users"].(map[string]any)["edges"].([]any)
	named := false
	for _, e := range users {
		for _, r := range e.(map[string]any)["node"].(map[string]any)["roles"].([]any) {
			if r := r.(map[string]any); r["domain"] == "team:east" && r["grantedByName"] == "孙管理员" {
				named = true
			}
		}
	}
	if !named {
		t.Errorf("the administrator does not read the grantor's name: %v", users)
	}
}
