package app_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestHardeningPasswordHashingIsBounded fires logins, registrations, password changes and account
// creations at once: no more password hashes run together than the limiter allows, and work that
// cannot get a slot in time is refused with RATE_LIMITED.
func TestHardeningPasswordHashingIsBounded(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	users := make([]string, 4)
	for i := range users {
		users[i] = env.Register(t, fmt.Sprintf("user%d@example.cn", i))
	}
	old := domain.PasswordWork
	limiter := domain.NewPasswordLimiter(2, time.Minute)
	domain.PasswordWork = limiter
	t.Cleanup(func() { domain.PasswordWork = old })

	var wg sync.WaitGroup
	run := func(token, query string, vars map[string]any) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := env.Do(t, token, query, vars); len(r.Errors) > 0 {
				t.Errorf("%s: %+v", query, r.Errors)
			}
		}()
	}
	for i := range 4 {
		run("", `mutation($e:String!){login(email:$e,password:"redline-demo-2026"){token}}`, map[string]any{"e": app.DemoUsers[i].Email})
		run("", `mutation($e:String!){register(email:$e,password:"correct-horse-42",displayName:"新用户"){checkEmail}}`, map[string]any{"e": fmt.Sprintf("new%d@example.cn", i)})
		run(users[i], `mutation{changePassword(currentPassword:"correct-horse-42",newPassword:"battery-staple-43")}`, nil)
		run(admin, `mutation($e:String!){createUser(email:$e,password:"correct-horse-42",displayName:"分析员",role:analyst){id}}`, map[string]any{"e": fmt.Sprintf("analyst%d@example.cn", i)})
	}
	wg.Wait()
	if p := limiter.Peak(); p < 1 || p > 2 {
		t.Errorf("at most %d password hashes ran at once, want 1..2", p)
	}

	t.Run("RefusedWhenBusy", func(t *testing.T) {
		busy := domain.NewPasswordLimiter(1, 20*time.Millisecond)
		domain.PasswordWork = busy
		held, release := make(chan struct{}), make(chan struct{})
		go func() { _ = busy.Do(context.Background(), func() { close(held); <-release }) }()
		<-held
		defer close(release)
		r := env.Do(t, "", `mutation{login(email:"admin@redline.demo",password:"redline-demo-2026"){token}}`, nil)
		if r.Code() != string(domain.CodeRateLimited) {
			t.Errorf("login while every slot is taken: %+v, want RATE_LIMITED", r.Errors)
		}
	})
}

// TestHardeningProductionRefusesPublishedSecrets: a production configuration with the published dev
// secret or a published dev key does not start, and says which variable to set.
func TestHardeningProductionRefusesPublishedSecrets(t *testing.T) {
	devEnc, devHash := pii.DevKeyMaterial(app.DevSecret)
	b64 := base64.StdEncoding.EncodeToString
	own := strings.Repeat("s", 32)
	cases := []struct {
		name, secret, keys, hash, want string
	}{
		{"DevSecret", app.DevSecret, "k1:" + pii.GenerateKey(), pii.GenerateKey(), "REDLINE_SECRET"},
		{"ComposeSecret", "change-me-in-production-please-32bytes", "k1:" + pii.GenerateKey(), pii.GenerateKey(), "REDLINE_SECRET"},
		{"DevEncryptionKey", own, "k1:" + b64(devEnc), pii.GenerateKey(), "REDLINE_ENCRYPTION_KEYS"},
		{"DevEncryptionKeyAsOldKey", own, "k2:" + pii.GenerateKey() + ",dev1:" + b64(devEnc), pii.GenerateKey(), "REDLINE_ENCRYPTION_KEYS"},
		{"DevHashKey", own, "k1:" + pii.GenerateKey(), b64(devHash), "REDLINE_HASH_KEY"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("REDLINE_ENV", "production")
			t.Setenv("REDLINE_SECRET", c.secret)
			t.Setenv("REDLINE_ENCRYPTION_KEYS", c.keys)
			t.Setenv("REDLINE_HASH_KEY", c.hash)
			_, err := app.ConfigFromEnv()
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "published") {
				t.Errorf("ConfigFromEnv: %v, want a refusal naming %s", err, c.want)
			}
		})
	}
	t.Run("OwnSecretsStart", func(t *testing.T) {
		t.Setenv("REDLINE_ENV", "production")
		t.Setenv("REDLINE_SECRET", own)
		t.Setenv("REDLINE_ENCRYPTION_KEYS", "k1:"+pii.GenerateKey())
		t.Setenv("REDLINE_HASH_KEY", pii.GenerateKey())
		if _, err := app.ConfigFromEnv(); err != nil {
			t.Errorf("own secret and keys: %v", err)
		}
	})
}

// TestHardeningProductionRefusesDemoSeed: `seed --demo` and `dev` in production do not create the
// demo accounts with their published password.
func TestHardeningProductionRefusesDemoSeed(t *testing.T) {
	ctx := context.Background()
	kr, err := pii.ParseKeyRing("k1:"+pii.GenerateKey(), pii.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.Config{DatabaseURL: pgtest.NewURL(t), RedisURL: apptest.RedisURL(t), Env: "production",
		Secret: []byte(strings.Repeat("s", 32)), TokenTTL: 15 * time.Minute, Evidence: app.EvidenceConfig{Dir: t.TempDir()},
		Security: app.SecurityConfig{Keys: kr}}
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.DB.Migrate(ctx, "up"); err != nil {
		t.Fatal(err)
	}
	if err := a.Authorize(); err != nil {
		t.Fatal(err)
	}
	err = a.SeedDemo(ctx, 0)
	if err == nil || !strings.Contains(err.Error(), "REDLINE_ENV=production") {
		t.Errorf("demo seed in production: %v, want a refusal", err)
	}
	var users int64
	if err := a.DB.Gorm.Table("users").Count(&users).Error; err != nil || users != 0 {
		t.Errorf("%d users after the refused seed (%v), want 0", users, err)
	}
}

// TestHardeningSessionRevocationIsImmediate: the access token of a session stops working at once
// after logout, a password change and refresh-token reuse, not when it expires.
func TestHardeningSessionRevocationIsImmediate(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	advance := sessionClock(env)
	env.Register(t, "revoke@example.cn")
	password := "correct-horse-42"
	login := func() (string, string) {
		return refreshOf(env.MustDo(t, "", loginQ, map[string]any{"e": "revoke@example.cn", "p": password}), "login")
	}
	alive := func(t *testing.T, access, when string, want bool) {
		t.Helper()
		r := env.Do(t, access, `{ me { id } }`, nil)
		if got := len(r.Errors) == 0; got != want {
			t.Errorf("%s: access token works = %v (%+v), want %v", when, got, r.Errors, want)
		} else if !want && r.Code() != "UNAUTHENTICATED" {
			t.Errorf("%s: %q, want UNAUTHENTICATED", when, r.Code())
		}
	}
	t.Run("Logout", func(t *testing.T) {
		access, refresh := login()
		other, _ := login()
		alive(t, access, "before logout", true)
		env.MustDo(t, access, `mutation($r:String){ logout(refreshToken:$r) }`, map[string]any{"r": refresh})
		alive(t, access, "after logout", false)
		alive(t, other, "another session after logout", true)
	})
	t.Run("LogoutWithoutRefreshToken", func(t *testing.T) {
		access, _ := login()
		env.MustDo(t, access, `mutation{ logout }`, nil)
		alive(t, access, "after logout", false)
	})
	t.Run("RefreshKeepsTheSession", func(t *testing.T) {
		access, refresh := login()
		access2, _ := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": refresh}), "refreshSession")
		alive(t, access, "the previous access token after a refresh", true)
		alive(t, access2, "the new access token", true)
	})
	t.Run("RefreshReuse", func(t *testing.T) {
		_, r1 := login()
		access2, _ := refreshOf(env.MustDo(t, "", refreshQ, map[string]any{"r": r1}), "refreshSession")
		advance(domain.DefaultRefreshReuseGrace + time.Second) // within the grace a reuse renews the session
		if r := env.Do(t, "", refreshQ, map[string]any{"r": r1}); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("reused refresh token: %q", r.Code())
		}
		alive(t, access2, "after refresh-token reuse", false)
	})
	t.Run("PasswordChange", func(t *testing.T) {
		access, _ := login()
		other, _ := login()
		env.MustDo(t, access, `mutation{ changePassword(currentPassword:"correct-horse-42", newPassword:"another-horse-43") }`, nil)
		password = "another-horse-43"
		alive(t, access, "after a password change", false)
		alive(t, other, "another session after a password change", false)
		fresh, _ := login()
		alive(t, fresh, "a new sign-in", true)
	})
}

// TestHardeningMeRoleFollowsBindings: me.role, me.teams and me.institutionId come from the role
// bindings the request's actor is built from, so a grant or a revocation shows at once.
func TestHardeningMeRoleFollowsBindings(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	reviewer := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	u, err := env.App.Accounts.Store.UserByEmail(context.Background(), "reviewer@redline.demo")
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprint(u.ID)
	const grantQ = `mutation($u:ID!,$r:Role!,$d:String!){ grantRole(userId:$u, role:$r, domain:$d, reason:"工单 RL-7"){ role } }`
	const revokeQ = `mutation($u:ID!,$r:Role!,$d:String!){ revokeRole(userId:$u, role:$r, domain:$d, reason:"工单 RL-7") }`
	me := func(when string, wantRole any, wantTeams int) {
		t.Helper()
		r := env.Do(t, reviewer, `{ me { role teams } }`, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", when, r.Errors)
		}
		m := r.Data["me"].(map[string]any)
		teams, _ := m["teams"].([]any)
		if m["role"] != wantRole || len(teams) != wantTeams {
			t.Errorf("%s: me = %v, want role %v and %d teams", when, m, wantRole, wantTeams)
		}
	}
	me("at first", "reviewer", 1)
	env.MustDo(t, admin, grantQ, map[string]any{"u": id, "r": "supervisor", "d": "*"})
	me("after granting supervisor", "supervisor", 5)
	env.MustDo(t, admin, revokeQ, map[string]any{"u": id, "r": "supervisor", "d": "*"})
	me("after revoking supervisor", "reviewer", 1)
	env.MustDo(t, admin, revokeQ, map[string]any{"u": id, "r": "reviewer", "d": "team:east"})
	me("after revoking every role", nil, 0)
}
