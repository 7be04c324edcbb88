package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

const loginQ = `mutation($e:String!,$p:String!){ login(email:$e, password:$p){ token refreshToken } }`
const refreshQ = `mutation($r:String!){ refreshSession(refreshToken:$r){ token refreshToken user { email } } }`

func refreshOf(d map[string]any, field string) (string, string) {
	m := d[field].(map[string]any)
	return m["token"].(string), m["refreshToken"].(string)
}

func TestSessions(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Register(t, "sessions@example.cn")
	vars := map[string]any{"e": "sessions@example.cn", "p": "correct-horse-42"}

	t.Run("RefreshRotatesAndReuseRevokesTheFamily", func(t *testing.T) {
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, r2 := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		if r2 == r1 {
			t.Fatal("refresh returned the same refresh token")
		}
		// The old token was stolen and replayed: refused, and the new one dies with it.
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r1}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("reused refresh token: %q, want UNAUTHENTICATED", r.Code())
		}
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r2}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("refresh after theft detection: %q, want UNAUTHENTICATED", r.Code())
		}
	})

	t.Run("LogoutRevokes", func(t *testing.T) {
		access, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		env.MustDo(t, access, `mutation($r:String){ logout(refreshToken:$r) }`, map[string]any{"r": r1})
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r1}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("refresh after logout: %q, want UNAUTHENTICATED", r.Code())
		}
	})

	t.Run("PasswordChangeEndsEverySession", func(t *testing.T) {
		access, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, r2 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		bad := env.Do(t, access, `mutation{ changePassword(currentPassword:"wrong-one-123", newPassword:"another-horse-43") }`, nil)
		if bad.Code() != "BAD_USER_INPUT" || bad.Field() != "currentPassword" {
			t.Fatalf("wrong current password: %q %q", bad.Code(), bad.Field())
		}
		weak := env.Do(t, access, `mutation{ changePassword(currentPassword:"correct-horse-42", newPassword:"short") }`, nil)
		if weak.Code() != "BAD_USER_INPUT" || weak.Field() != "newPassword" {
			t.Fatalf("weak new password: %q %q", weak.Code(), weak.Field())
		}
		env.MustDo(t, access, `mutation{ changePassword(currentPassword:"correct-horse-42", newPassword:"another-horse-43") }`, nil)
		for _, r := range []string{r1, r2} {
			if res := env.Do(t, "", refreshQ, map[string]any{"r": r}); res.Code() != "UNAUTHENTICATED" {
				t.Fatalf("refresh after password change: %q, want UNAUTHENTICATED", res.Code())
			}
		}
		if r := env.Do(t, "", loginQ, vars); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("login with the old password: %q", r.Code())
		}
		env.MustDo(t, "", loginQ, map[string]any{"e": "sessions@example.cn", "p": "another-horse-43"})
	})
}
