package app_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

const loginQ = `mutation($e:String!,$p:String!){ login(email:$e, password:$p){ token refreshToken } }`
const refreshQ = `mutation($r:String!){ refreshSession(refreshToken:$r){ token refreshToken user { email } } }`

func refreshOf(d map[string]any, field string) (string, string) {
	m := d[field].(map[string]any)
	return m["token"].(string), m["refreshToken"].(string)
}

// sessionClock lets a test move the sessions' clock forward (past the refresh-token reuse grace).
func sessionClock(env *apptest.Env) func(time.Duration) {
	var offset atomic.Int64
	env.App.Sessions.Now = func() time.Time { return time.Now().UTC().Add(time.Duration(offset.Load())) }
	return func(d time.Duration) { offset.Add(int64(d)) }
}

func TestSessions(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	advance := sessionClock(env)
	env.Register(t, "sessions@example.cn")
	vars := map[string]any{"e": "sessions@example.cn", "p": "correct-horse-42"}

	t.Run("RefreshRotatesAndReuseRevokesTheFamily", func(t *testing.T) {
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, r2 := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		if r2 == r1 {
			t.Fatal("refresh returned the same refresh token")
		}
		// The old token was stolen and replayed after the reuse grace: refused, and the new one dies
		// with it.
		advance(domain.DefaultRefreshReuseGrace + time.Second)
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

// TestRefreshReuseGrace: presenting a refresh token again within the reuse grace after its rotation
// (a page reloaded while its refresh was in flight, two tabs refreshing at once) renews the same
// session and revokes nothing; after the grace the same reuse revokes every session of the user.
func TestRefreshReuseGrace(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	advance := sessionClock(env)
	env.Register(t, "grace@example.cn")
	vars := map[string]any{"e": "grace@example.cn", "p": "correct-horse-42"}
	alive := func(t *testing.T, access string) bool {
		t.Helper()
		return len(env.Do(t, access, `{ me { id } }`, nil).Errors) == 0
	}

	t.Run("WithinTheGraceTheSessionLives", func(t *testing.T) {
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		a2, r2 := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		advance(domain.DefaultRefreshReuseGrace / 2)
		a3, r3 := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		if r3 == r2 || r3 == r1 {
			t.Fatal("the second presentation returned a token already issued")
		}
		if !alive(t, a2) || !alive(t, a3) {
			t.Fatal("an access token of the session stopped working after a reuse within the grace")
		}
		// The page that presented r1 again lost r2 and goes on with r3: the session lives.
		a4, _ := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r3}), "refreshSession")
		if !alive(t, a4) {
			t.Fatal("the session ended")
		}
	})

	// A thief who copied the refresh token replays it within the grace after the owner's refresh:
	// they get a successor of their own, but as soon as both holders go on with their successors
	// (whichever refreshes second), every session of the user ends, the thief's included.
	t.Run("BothSuccessorsUsedRevokeEverything", func(t *testing.T) {
		other, _ := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, owner := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		_, stolen := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		advance(10 * time.Minute)
		thief, thiefNext := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": stolen}), "refreshSession")
		if r := env.Do(t, "", refreshQ, map[string]any{"r": owner}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("the second successor of one token used: %q, want UNAUTHENTICATED", r.Code())
		}
		if alive(t, thief) || alive(t, other) {
			t.Fatal("a session of the user survived two holders of one token")
		}
		if r := env.Do(t, "", refreshQ, map[string]any{"r": thiefNext}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("the thief's next token: %q, want UNAUTHENTICATED", r.Code())
		}
	})

	// A token presented again within the grace after one of its successors was already used is a
	// copy: the page that lost its successor never used it.
	t.Run("GraceEndsOnceASuccessorIsUsed", func(t *testing.T) {
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, r2 := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		a3, _ := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r2}), "refreshSession")
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r1}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("a token presented again after its successor was used: %q, want UNAUTHENTICATED", r.Code())
		}
		if alive(t, a3) {
			t.Fatal("the session survived")
		}
	})

	t.Run("ConcurrentPresentationsKeepTheSession", func(t *testing.T) {
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		var wg sync.WaitGroup
		codes := make([]string, 4)
		access := make([]string, 4)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := env.Do(t, "", refreshQ, map[string]any{"r": r1})
				codes[i] = r.Code()
				if r.Code() == "" {
					access[i], _ = refreshOf(r.Data, "refreshSession")
				}
			}()
		}
		wg.Wait()
		for i, c := range codes {
			if c != "" {
				t.Fatalf("refresh %d of the same token at once: %q, want success", i, c)
			}
			if !alive(t, access[i]) {
				t.Fatalf("access token %d does not work", i)
			}
		}
	})

	t.Run("AfterTheGraceReuseRevokesEverything", func(t *testing.T) {
		other, _ := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		_, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		a2, r2 := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		advance(domain.DefaultRefreshReuseGrace + time.Second)
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r1}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("reuse after the grace: %q, want UNAUTHENTICATED", r.Code())
		}
		if alive(t, a2) || alive(t, other) {
			t.Fatal("a session of the user survived a reuse after the grace")
		}
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r2}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("the successor after theft detection: %q, want UNAUTHENTICATED", r.Code())
		}
	})

	t.Run("ALoggedOutTokenGetsNoGrace", func(t *testing.T) {
		access, r1 := refreshOf(env.MustDo(t, "", loginQ, vars), "login")
		env.MustDo(t, access, `mutation($r:String){ logout(refreshToken:$r) }`, map[string]any{"r": r1})
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r1}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("refresh right after logout: %q, want UNAUTHENTICATED", r.Code())
		}
	})
}
