package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// protectedServer runs the real HTTP handler over a fresh database and a Redis server of its own,
// configured from the environment like the binary (apptest.Start runs without limits); vars
// override the security variables, which otherwise are unset.
func protectedServer(t *testing.T, vars map[string]string) (*app.App, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	for _, k := range []string{"REDLINE_ENV", "REDLINE_SECRET", "REDLINE_ENCRYPTION_KEYS", "REDLINE_HASH_KEY",
		"REDLINE_RATE_LIMIT_USER", "REDLINE_RATE_LIMIT_ADDR", "REDLINE_LOGIN_MAX_FAILURES", "REDLINE_LOGIN_MAX_ADDR_FAILURES",
		"REDLINE_LOGIN_WINDOW", "REDLINE_LOGIN_LOCKOUT", "REDLINE_TRUSTED_PROXIES", "REDLINE_CORS_ORIGINS",
		"REDLINE_EVIDENCE_RATE_USER", "REDLINE_EVIDENCE_RATE_ADDR", "REDLINE_EVIDENCE_UNATTACHED_MAX",
		"REDLINE_ANALYZE_BUDGET_ADDR", "REDLINE_STATEMENT_TIMEOUT", "REDLINE_RESET_RATE_EMAIL", "REDLINE_RESET_RATE_ADDR", "REDLINE_REGISTER_RATE_EMAIL",
		"REDLINE_MAX_INFLIGHT", "REDLINE_MAX_INFLIGHT_CLIENT", "REDLINE_MAX_INFLIGHT_COSTLY", "REDLINE_MAX_INFLIGHT_WAIT"} {
		t.Setenv(k, vars[k])
	}
	t.Setenv("DATABASE_URL", pgtest.NewURL(t))
	t.Setenv("REDIS_URL", apptest.RedisURL(t))
	t.Setenv("EVIDENCE_DIR", t.TempDir())
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if err := a.DB.Migrate(ctx, "up"); err != nil {
		t.Fatal(err)
	}
	if err := a.Authorize(); err != nil {
		t.Fatal(err)
	}
	h, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return a, srv
}

// production is the environment of a production server with its own secret and keys.
func production() map[string]string {
	return map[string]string{"REDLINE_ENV": "production", "REDLINE_SECRET": strings.Repeat("s", 32),
		"REDLINE_ENCRYPTION_KEYS": "k1:" + pii.GenerateKey(), "REDLINE_HASH_KEY": pii.GenerateKey()}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// post sends a GraphQL request and returns the response and its decoded errors.
func post(t *testing.T, url, token, query string, vars map[string]any) (*http.Response, []gqlError, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []gqlError     `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return resp, out.Errors, out.Data
}

// register registers email, follows the e-mailed confirmation link and returns the access token.
func register(t *testing.T, a *app.App, url, email string) string {
	t.Helper()
	_, errs, _ := post(t, url, "", `mutation($e:String!){register(email:$e,password:"correct-horse-42",displayName:"测试用户"){checkEmail}}`,
		map[string]any{"e": email})
	if len(errs) > 0 {
		t.Fatalf("register: %+v", errs)
	}
	_, errs, data := post(t, url, "", `mutation($t:String!){confirmRegistration(token:$t){token}}`,
		map[string]any{"t": apptest.ConfirmationToken(t, a, email)})
	if len(errs) > 0 {
		t.Fatalf("confirmRegistration: %+v", errs)
	}
	return data["confirmRegistration"].(map[string]any)["token"].(string)
}

// checkLimited checks a 429 answer: Retry-After within (0, max] seconds and a GraphQL error with
// code RATE_LIMITED and the same retryAfterSeconds.
func checkLimited(t *testing.T, resp *http.Response, errs []gqlError, max int) {
	t.Helper()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429 (%+v)", resp.StatusCode, errs)
	}
	ra, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || ra < 1 || ra > max {
		t.Errorf("Retry-After %q, want 1..%d", resp.Header.Get("Retry-After"), max)
	}
	if len(errs) != 1 || errs[0].Extensions["code"] != "RATE_LIMITED" || errs[0].Extensions["retryAfterSeconds"] != float64(ra) ||
		errs[0].Message == "" || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("errors = %+v, want one RATE_LIMITED with retryAfterSeconds %d", errs, ra)
	}
}

func TestRateLimitPerAddress(t *testing.T) {
	_, srv := protectedServer(t, map[string]string{"REDLINE_RATE_LIMIT_ADDR": "3/2s", "REDLINE_RATE_LIMIT_USER": "off"})
	for i := range 3 {
		if resp, errs, _ := post(t, srv.URL, "", `{__typename}`, nil); resp.StatusCode != 200 || len(errs) > 0 {
			t.Fatalf("request %d: %d %+v", i+1, resp.StatusCode, errs)
		}
	}
	resp, errs, _ := post(t, srv.URL, "", `{__typename}`, nil)
	checkLimited(t, resp, errs, 2)

	ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	time.Sleep(time.Duration(ra) * time.Second)
	if resp, errs, _ := post(t, srv.URL, "", `{__typename}`, nil); resp.StatusCode != 200 {
		t.Errorf("after Retry-After: %d %+v, want 200", resp.StatusCode, errs)
	}
}

func TestRateLimitPerUser(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_RATE_LIMIT_USER": "2/1m", "REDLINE_RATE_LIMIT_ADDR": "off"})
	alice := register(t, a, srv.URL, "alice@example.cn")
	bob := register(t, a, srv.URL, "bob@example.cn")
	for i := range 2 {
		if resp, errs, _ := post(t, srv.URL, alice, `{me{email}}`, nil); resp.StatusCode != 200 || len(errs) > 0 {
			t.Fatalf("alice's request %d: %d %+v", i+1, resp.StatusCode, errs)
		}
	}
	resp, errs, _ := post(t, srv.URL, alice, `{me{email}}`, nil)
	checkLimited(t, resp, errs, 60)
	if resp, errs, _ := post(t, srv.URL, bob, `{me{email}}`, nil); resp.StatusCode != 200 {
		t.Errorf("bob is limited by alice's requests: %d %+v", resp.StatusCode, errs)
	}
	for range 3 {
		if resp, errs, _ := post(t, srv.URL, "", `{__typename}`, nil); resp.StatusCode != 200 {
			t.Errorf("anonymous request under a per-user limit only: %d %+v", resp.StatusCode, errs)
		}
	}
}

func TestLoginLockout(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_LOGIN_WINDOW": "10s", "REDLINE_LOGIN_LOCKOUT": "1500ms"})
	limits := a.Config.Security.Limits
	if limits.LoginMaxFailures != 5 {
		t.Fatalf("default failures before lockout = %d, want 5", limits.LoginMaxFailures)
	}
	register(t, a, srv.URL, "borrower@example.cn")
	login := a.LoginGuard().Guard(a.Accounts.Authenticate)
	ctx := api.WithClientAddr(context.Background(), "203.0.113.7")
	try := func(email, password string) error {
		t.Helper()
		_, err := login(ctx, email, password)
		return err
	}

	t.Run("LockedAfterFiveFailures", func(t *testing.T) {
		for i := range 5 {
			if err := try("borrower@example.cn", "wrong-password-1"); domain.CodeOf(err) != domain.CodeUnauthenticated {
				t.Fatalf("failure %d: %v, want UNAUTHENTICATED", i+1, err)
			}
		}
		err := try("Borrower@Example.cn ", "correct-horse-42")
		var limited *api.RateLimitedError
		if !errors.As(err, &limited) || domain.CodeOf(err) != domain.CodeRateLimited {
			t.Fatalf("right password while locked: %v, want RATE_LIMITED", err)
		}
		if s := limited.RetryAfterSeconds(); s < 1 || s > 2 {
			t.Errorf("retry after %ds, want 1..2", s)
		}
		if strings.Contains(err.Error(), "borrower") {
			t.Errorf("error %q names the account", err)
		}
		if err := try("someone-else@example.cn", "wrong-password-1"); domain.CodeOf(err) != domain.CodeUnauthenticated {
			t.Errorf("another e-mail address from the same client: %v, want UNAUTHENTICATED", err)
		}
	})
	t.Run("ReleasedAfterLockout", func(t *testing.T) {
		time.Sleep(limits.LoginLockout + 100*time.Millisecond)
		if err := try("borrower@example.cn", "correct-horse-42"); err != nil {
			t.Fatalf("after the lockout: %v", err)
		}
	})
	t.Run("SuccessForgetsFailures", func(t *testing.T) {
		for range 4 {
			_ = try("borrower@example.cn", "wrong-password-1")
		}
		if err := try("borrower@example.cn", "correct-horse-42"); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			_ = try("borrower@example.cn", "wrong-password-1")
		}
		if err := try("borrower@example.cn", "correct-horse-42"); err != nil {
			t.Fatalf("4 + 4 failures around a success locked the account: %v", err)
		}
	})
	t.Run("UnknownEmailCounts", func(t *testing.T) {
		for range 5 {
			_ = try("nobody@example.cn", "wrong-password-1")
		}
		if err := try("nobody@example.cn", "wrong-password-1"); domain.CodeOf(err) != domain.CodeRateLimited {
			t.Errorf("unknown e-mail address after 5 failures: %v, want RATE_LIMITED like a known one", err)
		}
	})
}

func TestLoginLimitPerAddress(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_LOGIN_MAX_FAILURES": "100", "REDLINE_LOGIN_MAX_ADDR_FAILURES": "3",
		"REDLINE_LOGIN_WINDOW": "2s"})
	limits := a.Config.Security.Limits
	register(t, a, srv.URL, "borrower@example.cn")
	login := a.LoginGuard().Guard(a.Accounts.Authenticate)
	guesser := api.WithClientAddr(context.Background(), "198.51.100.9")
	for i, email := range []string{"a@example.cn", "b@example.cn", "c@example.cn"} {
		if _, err := login(guesser, email, "wrong-password-1"); domain.CodeOf(err) != domain.CodeUnauthenticated {
			t.Fatalf("guess %d: %v", i+1, err)
		}
	}
	if _, err := login(guesser, "borrower@example.cn", "correct-horse-42"); domain.CodeOf(err) != domain.CodeRateLimited {
		t.Errorf("4th attempt from the guessing address: %v, want RATE_LIMITED", err)
	}
	if _, err := login(api.WithClientAddr(context.Background(), "192.0.2.1"), "borrower@example.cn", "correct-horse-42"); err != nil {
		t.Errorf("the same account from another address: %v", err)
	}
	time.Sleep(limits.LoginWindow + 100*time.Millisecond)
	if _, err := login(guesser, "borrower@example.cn", "correct-horse-42"); err != nil {
		t.Errorf("the guessing address after the window: %v", err)
	}
}

// TestPasswordResetRequestLimits: password-reset requests are limited per e-mail address and per
// client address, whether or not the address has an account, and the answer over the limit is the
// same RATE_LIMITED for both; the limits are kept in Redis under a keyed hash of the address.
func TestPasswordResetRequestLimits(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_RESET_RATE_EMAIL": "2/1h", "REDLINE_RESET_RATE_ADDR": "4/1h"})
	register(t, a, srv.URL, "borrower@example.cn")
	request := a.ResetGuard().Guard(a.PasswordResets.Request)
	from := func(addr string) context.Context { return api.WithClientAddr(context.Background(), addr) }
	one, other := from("198.51.100.9"), from("192.0.2.1")
	for _, email := range []string{"borrower@example.cn", "nobody@example.cn"} {
		for i := range 2 {
			if err := request(other, email); err != nil {
				t.Fatalf("request %d for %s: %v", i+1, email, err)
			}
		}
		if err := request(one, email); domain.CodeOf(err) != domain.CodeRateLimited {
			t.Errorf("a 3rd request for %s, from another address: %v, want RATE_LIMITED", email, err)
		}
	}
	// other has made 4 requests: its limit.
	if err := request(other, "third@example.cn"); domain.CodeOf(err) != domain.CodeRateLimited {
		t.Errorf("a 5th request from one client address: %v, want RATE_LIMITED", err)
	}
	if err := request(one, "third@example.cn"); err != nil {
		t.Errorf("a first request for a new address from another client: %v", err)
	}
	// Through the API, like a locked sign-in: RATE_LIMITED with retryAfterSeconds.
	_, errs, _ := post(t, srv.URL, "", `mutation{ requestPasswordReset(email:"borrower@example.cn"){ checkEmail } }`, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != "RATE_LIMITED" || errs[0].Extensions["retryAfterSeconds"] == nil || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("over the limit through the API: %+v", errs)
	}
	keysNameNoAddress(t, a, "*reset*")
}

// TestRegistrationsPerEmailLimit: register e-mails the address it is given (a link, or a note that
// someone tried), and 30 anonymous registrations of one address at once mailed it 13 times in a few
// seconds, bounded only by the password-hashing slots (found by hand). REDLINE_REGISTER_RATE_EMAIL
// (5 an hour) counts every registration of an address, with or without an account, before anything
// is looked up or hashed: the refusal is the same for both.
func TestRegistrationsPerEmailLimit(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_REGISTER_RATE_EMAIL": "2/1h"})
	register(t, a, srv.URL, "borrower@example.cn") // 1 registration of the address, and an account
	const q = `mutation($e:String!){register(email:$e,password:"correct-horse-42",displayName:"测试用户"){checkEmail}}`
	answers := map[string][]string{}
	for _, email := range []string{"borrower@example.cn", "ＮＥＷ@example.cn", "new@example.cn", "new@example.cn"} {
		_, errs, data := post(t, srv.URL, "", q, map[string]any{"e": email})
		answers[domain.NormalEmail(email)] = append(answers[domain.NormalEmail(email)], fmt.Sprint(errs, data))
	}
	want := "[] map[register:map[checkEmail:true]]"
	if got := answers["borrower@example.cn"]; got[0] != want {
		t.Errorf("the 2nd registration of a taken address: %v", got)
	}
	if got := answers["new@example.cn"]; got[0] != want || got[1] != want || !strings.Contains(got[2], "RATE_LIMITED") {
		t.Errorf("3 registrations of a new address (one written in full width): %v, want 2 answered and the 3rd RATE_LIMITED", got)
	}
	_, errs, _ := post(t, srv.URL, "", q, map[string]any{"e": "borrower@example.cn"})
	if len(errs) != 1 || errs[0].Extensions["code"] != "RATE_LIMITED" || errs[0].Extensions["retryAfterSeconds"] == nil || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("the 3rd registration of a taken address: %+v, want RATE_LIMITED like a new one", errs)
	}
	if _, errs, _ := post(t, srv.URL, "", q, map[string]any{"e": "other@example.cn"}); len(errs) > 0 {
		t.Errorf("another address: %+v", errs)
	}
	keysNameNoAddress(t, a, "*register*")
}

// keysNameNoAddress checks that Redis holds keys matching pattern, none naming an e-mail address.
func keysNameNoAddress(t *testing.T, a *app.App, pattern string) {
	t.Helper()
	keys, err := a.Redis.Keys(context.Background(), pattern).Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) == 0 || strings.Contains(strings.Join(keys, " "), "example.cn") {
		t.Errorf("keys %s: %v, want some, none naming an address", pattern, keys)
	}
}

func TestLoginGuardFailsOpen(t *testing.T) {
	down := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	defer down.Close()
	g := &api.LoginGuard{Redis: down, Limits: api.DefaultLimits()}
	called := false
	login := g.Guard(func(context.Context, string, string) (*domain.User, error) {
		called = true
		return &domain.User{ID: 1}, nil
	})
	if u, err := login(context.Background(), "a@example.cn", "pw"); err != nil || u == nil || !called {
		t.Errorf("with Redis down: %v, %v, called %v; want the sign-in to proceed", u, err, called)
	}
	var nilGuard *api.LoginGuard
	if nilGuard.Guard(login) == nil {
		t.Error("a nil guard must hand back the function")
	}
}

func TestSecurityHeaders(t *testing.T) {
	for _, tc := range []struct {
		env  string
		vars map[string]string
		hsts bool
	}{{"dev", nil, false}, {"production", production(), true}} {
		t.Run(tc.env, func(t *testing.T) {
			_, srv := protectedServer(t, tc.vars)
			for _, path := range []string{"/", "/graphql", "/healthz"} {
				resp, err := http.Get(srv.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				h := resp.Header
				csp := h.Get("Content-Security-Policy")
				for _, d := range []string{"default-src 'self'", "frame-ancestors 'none'", "style-src 'self' 'unsafe-inline'"} {
					if !strings.Contains(csp, d) {
						t.Errorf("%s: CSP %q lacks %q", path, csp, d)
					}
				}
				if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
					t.Errorf("%s: headers %v", path, h)
				}
				if got := h.Get("Strict-Transport-Security") != ""; got != tc.hsts {
					t.Errorf("%s: HSTS present = %v, want %v", path, got, tc.hsts)
				}
			}
			resp, _, _ := post(t, srv.URL, "", `{__typename}`, nil)
			if resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("POST /graphql Cache-Control = %q, want no-store", resp.Header.Get("Cache-Control"))
			}
		})
	}
}

func TestCORS(t *testing.T) {
	const portal = "https://portal.example.cn"
	preflight := func(t *testing.T, url, origin string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodOptions, url+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	simple := func(t *testing.T, url, origin string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, url+"/graphql", strings.NewReader(`{"query":"{__typename}"}`))
		req.Header.Set("Origin", origin)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}

	t.Run("ClosedByDefault", func(t *testing.T) {
		_, srv := protectedServer(t, nil)
		if resp := preflight(t, srv.URL, portal); resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight: %d, ACAO %q; want 403 without ACAO", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
		if resp := simple(t, srv.URL, portal); resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("POST: ACAO %q, want none", resp.Header.Get("Access-Control-Allow-Origin"))
		}
	})
	t.Run("ConfiguredOrigin", func(t *testing.T) {
		_, srv := protectedServer(t, map[string]string{"REDLINE_CORS_ORIGINS": portal + "/, https://other.example.cn"})
		resp := preflight(t, srv.URL, portal)
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != portal ||
			!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
			t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
		}
		if resp.Header.Get("Access-Control-Allow-Credentials") != "" {
			t.Error("credentials allowed: the API uses bearer tokens, not cookies")
		}
		resp = simple(t, srv.URL, portal)
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != portal || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Origin") {
			t.Errorf("POST: %d %v", resp.StatusCode, resp.Header)
		}
		if resp := preflight(t, srv.URL, "https://evil.example.com"); resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight from an unlisted origin: %d %v", resp.StatusCode, resp.Header)
		}
		if resp := simple(t, srv.URL, "https://evil.example.com"); resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("POST from an unlisted origin: ACAO %q", resp.Header.Get("Access-Control-Allow-Origin"))
		}
	})
}

// TestLoginLockoutCountsBeforeVerifying sends 100 wrong passwords for one account at once: the
// attempt is counted in Redis before the password is checked, so at most the limit are verified,
// the rest get RATE_LIMITED, and the right password is refused while the account is locked.
func TestLoginLockoutCountsBeforeVerifying(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_LOGIN_WINDOW": "1m", "REDLINE_LOGIN_LOCKOUT": "1m"})
	limits := a.Config.Security.Limits
	register(t, a, srv.URL, "borrower@example.cn")
	var verified atomic.Int64
	login := a.LoginGuard().Guard(func(ctx context.Context, email, password string) (*domain.User, error) {
		verified.Add(1)
		return a.Accounts.Authenticate(ctx, email, password)
	})
	var wg sync.WaitGroup
	var limited, unauth atomic.Int64
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := api.WithClientAddr(context.Background(), fmt.Sprintf("198.51.100.%d", i))
			_, err := login(ctx, "borrower@example.cn", "wrong-password-1")
			switch domain.CodeOf(err) {
			case domain.CodeRateLimited:
				limited.Add(1)
			case domain.CodeUnauthenticated:
				unauth.Add(1)
			default:
				t.Errorf("wrong password: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := verified.Load(); n > int64(limits.LoginMaxFailures) {
		t.Errorf("%d passwords verified for one account, want at most %d", n, limits.LoginMaxFailures)
	}
	if unauth.Load() > int64(limits.LoginMaxFailures) || limited.Load() < int64(100-limits.LoginMaxFailures) {
		t.Errorf("%d UNAUTHENTICATED and %d RATE_LIMITED, want at most %d wrong-password answers", unauth.Load(), limited.Load(), limits.LoginMaxFailures)
	}
	before := verified.Load()
	if _, err := login(api.WithClientAddr(context.Background(), "192.0.2.1"), "borrower@example.cn", "correct-horse-42"); domain.CodeOf(err) != domain.CodeRateLimited {
		t.Errorf("right password while locked: %v, want RATE_LIMITED", err)
	}
	if verified.Load() != before {
		t.Error("the password of a locked account was verified")
	}
}
