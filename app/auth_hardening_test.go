package app_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
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
		run("", `mutation($e:String!){register(email:$e,password:"correct-horse-42",displayName:"新用户"){token}}`, map[string]any{"e": fmt.Sprintf("new%d@example.cn", i)})
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
