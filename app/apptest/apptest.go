// Package apptest starts the real platform for tests: a fresh database, a Redis server of the
// test's own, and the same App.Run the binary uses (API, workers, scheduler) on a free port.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/domain/rules"
)

// RedisURL starts a Redis server of the test's own and returns its URL: redis-server on a free
// loopback port, without persistence, its files in a temporary folder, stopped when the test ends.
// Tests never use the Redis that REDIS_URL names, so they cannot touch data that is not theirs.
func RedisURL(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		tb.Fatalf("apptest: the tests start Redis servers of their own and need redis-server on PATH (%v); "+
			"install it (Debian: apt-get install redis-server) or run `bash deploy/local.sh test`", err)
	}
	dir := tb.TempDir()
	var last error
	for range 5 { // another process may take the free port before redis-server binds it
		port, err := freePort()
		if err != nil {
			tb.Fatalf("apptest: %v", err)
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		var out bytes.Buffer
		cmd := exec.Command(bin, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--save", "", "--appendonly", "no",
			"--dir", dir, "--daemonize", "no", "--loglevel", "warning")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			tb.Fatalf("apptest: start redis-server: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		if last = waitRedis(addr, exited); last == nil {
			tb.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return "redis://" + addr + "/0"
		}
		cmd.Process.Kill()
		<-exited
		last = fmt.Errorf("%w; redis-server said: %s", last, bytes.TrimSpace(out.Bytes()))
	}
	tb.Fatalf("apptest: a private redis-server did not start: %v", last)
	return ""
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitRedis waits until the Redis server at addr answers PING, or its process exits.
func waitRedis(addr string, exited <-chan struct{}) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("redis-server on %s exited", addr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis-server on %s: %w", addr, err)
		}
	}
}

// Env is a running platform.
type Env struct {
	App *app.App
	URL string // base URL of the HTTP server, e.g. http://127.0.0.1:41234
}

// Options choose what Start runs.
type Options struct {
	Seed    int // demo complaints to seed; teams, institutions and demo users are always seeded
	NoWork  bool
	NoRelay bool
	// TokenTTL is the access tokens' lifetime; 0 means 15 minutes. The portal's tests make it short
	// to show that a session is renewed with the refresh token while someone types.
	TokenTTL time.Duration
}

// Config is the configuration Start runs with: a fresh database, a private Redis database, the
// `dev` environment and evidence in a temporary folder.
func Config(tb testing.TB) app.Config {
	return app.Config{DatabaseURL: pgtest.NewURL(tb), RedisURL: RedisURL(tb), HTTPAddr: "127.0.0.1:0", Env: "dev",
		Secret: []byte(app.DevSecret), TokenTTL: 15 * time.Minute, RefreshReuseGrace: domain.DefaultRefreshReuseGrace, Concurrency: 4,
		Evidence: app.EvidenceConfig{Dir: tb.TempDir()}, PublicLedgerEvery: -1}
}

// Open opens a platform with cfg and prepares its database as Start does: migrated, the
// authorization policies loaded, the demo institutions, teams and users seeded with seed demo
// complaints. The caller runs it and closes it.
func Open(ctx context.Context, tb testing.TB, cfg app.Config, seed int) *app.App {
	tb.Helper()
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		tb.Fatalf("apptest: %v", err)
	}
	if err := a.DB.Migrate(ctx, "up"); err != nil {
		a.Close()
		tb.Fatalf("apptest: migrate: %v", err)
	}
	if err := a.Authorize(); err != nil {
		a.Close()
		tb.Fatalf("apptest: %v", err)
	}
	if err := a.SeedDemo(ctx, seed); err != nil {
		a.Close()
		tb.Fatalf("apptest: seed: %v", err)
	}
	return a
}

// Start migrates a fresh database, optionally seeds demo data, and runs API, workers and scheduler
// until the test ends.
func Start(tb testing.TB, o Options) *Env {
	tb.Helper()
	cfg := Config(tb)
	if o.TokenTTL > 0 {
		cfg.TokenTTL = o.TokenTTL
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := Open(ctx, tb, cfg, o.Seed)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- a.Run(ctx, app.Roles{Serve: true, Work: !o.NoWork, Schedule: !o.NoRelay, Listener: ln})
	}()
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("apptest: run: %v", err)
			}
		case <-time.After(40 * time.Second):
			tb.Errorf("apptest: platform did not stop within 40s")
		}
		a.Close()
	})
	return &Env{App: a, URL: "http://" + ln.Addr().String()}
}

// Response is a GraphQL response.
type Response struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Status int `json:"-"`
}

// Code returns the extensions.code of the first error, or "".
func (r *Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["code"].(string)
	return s
}

// Field returns the extensions.field of the first error, or "".
func (r *Response) Field() string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["field"].(string)
	return s
}

// Do sends a GraphQL request with an optional bearer token.
func (e *Env) Do(tb testing.TB, token, query string, vars map[string]any) *Response {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("graphql: %v", err)
	}
	defer resp.Body.Close()
	var r Response
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		tb.Fatalf("graphql: decode: %v", err)
	}
	r.Status = resp.StatusCode
	return &r
}

// MustDo is Do that fails the test on any GraphQL error.
func (e *Env) MustDo(tb testing.TB, token, query string, vars map[string]any) map[string]any {
	tb.Helper()
	r := e.Do(tb, token, query, vars)
	if len(r.Errors) > 0 {
		tb.Fatalf("graphql: %s: %+v", query, r.Errors)
	}
	return r.Data
}

// Login signs in and returns the access token.
func (e *Env) Login(tb testing.TB, email, password string) string {
	tb.Helper()
	d := e.MustDo(tb, "", `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, map[string]any{"e": email, "p": password})
	return d["login"].(map[string]any)["token"].(string)
}

// Register creates a complainant account as a person would — register, open the e-mailed link,
// confirm — and returns the access token.
func (e *Env) Register(tb testing.TB, email string) string {
	tb.Helper()
	e.MustDo(tb, "", `mutation($e:String!){register(email:$e,password:"correct-horse-42",displayName:"测试用户"){checkEmail}}`, map[string]any{"e": email})
	d := e.MustDo(tb, "", `mutation($t:String!){confirmRegistration(token:$t){token}}`, map[string]any{"t": ConfirmationToken(tb, e.App, email)})
	return d["confirmRegistration"].(map[string]any)["token"].(string)
}

// ConfirmationToken returns the token of the confirmation link last e-mailed to email, as the dev
// mailbox shows it. The e-mail is sent here if no worker has sent it yet (tests without workers).
func ConfirmationToken(tb testing.TB, a *app.App, email string) string {
	tb.Helper()
	return mailedToken(tb, a, email, a.Registrations.SendMail, domain.MailConfirmRegistration, "#/confirm?token=",
		`SELECT o.payload::text FROM outbox o JOIN pending_registrations p ON p.id::text = o.payload->>'registrationId'
		WHERE o.topic = ? AND p.email = ? ORDER BY o.created_at`)
}

// ResetToken returns the token of the password-reset link last e-mailed to email, as the dev
// mailbox shows it. The e-mail is sent here if no worker has sent it yet (tests without workers).
func ResetToken(tb testing.TB, a *app.App, email string) string {
	tb.Helper()
	return mailedToken(tb, a, email, a.PasswordResets.SendMail, domain.MailPasswordReset, "#/reset?token=",
		`SELECT o.payload::text FROM outbox o JOIN password_resets r ON r.id::text = o.payload->>'resetId' JOIN users u ON u.id = r.user_id
		WHERE o.topic = ? AND u.email = ? ORDER BY o.created_at`)
}

// mailedToken sends the account e-mails to email that the outbox messages the query finds ask for
// (query takes the topic and the address), then returns the token after marker in the newest link
// of the kind in the dev mailbox.
func mailedToken(tb testing.TB, a *app.App, email string, send func(context.Context, map[string]any) error, kind, marker, query string) string {
	tb.Helper()
	ctx := context.Background()
	sendOutbox(tb, a, email, send, kind, query)
	if a.DevMailbox == nil {
		tb.Fatal("apptest: no dev mailbox: the platform does not run in dev mode")
	}
	mails, err := a.DevMailbox.List(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, m := range mails {
		if m.To == email && m.Kind == kind {
			for _, l := range m.Links {
				if _, tok, ok := strings.Cut(l, marker); ok {
					return tok
				}
			}
		}
	}
	tb.Fatalf("no %s link e-mailed to %s", kind, email)
	return ""
}

// sendOutbox sends the account messages to email that the outbox messages the query finds ask
// for (query takes the topic and the address).
func sendOutbox(tb testing.TB, a *app.App, email string, send func(context.Context, map[string]any) error, kind, query string) {
	tb.Helper()
	var payloads []string
	if err := a.DB.Gorm.Raw(query, domain.TopicRegistrationMail, email).Scan(&payloads).Error; err != nil {
		tb.Fatalf("%s of %s: %v", kind, email, err)
	}
	for _, raw := range payloads {
		var p map[string]any
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			tb.Fatal(err)
		}
		if err := send(context.Background(), p); err != nil {
			tb.Fatalf("%s of %s: %v", kind, email, err)
		}
	}
}

// MobileCode returns the newest code confirming the SMS number of the account with the e-mail
// address, as the dev SMS box (GET /dev/sms) shows it; "" when none was texted. The SMS are sent
// here if no worker has sent them yet (tests without workers).
func MobileCode(tb testing.TB, a *app.App, email string) string {
	tb.Helper()
	sendOutbox(tb, a, email, a.Notifications.SendCodeSMS, domain.SMSMobileCode,
		`SELECT o.payload::text FROM outbox o JOIN mobile_codes c ON c.id::text = o.payload->>'codeId' JOIN users u ON u.id = c.user_id
		WHERE o.topic = ? AND u.email = ? ORDER BY o.created_at`)
	if a.DevSMS == nil {
		tb.Fatal("apptest: no dev SMS box: the platform does not run in dev mode")
	}
	var id int64
	if err := a.DB.Gorm.Raw("SELECT id FROM users WHERE email = ?", email).Scan(&id).Error; err != nil {
		tb.Fatal(err)
	}
	texts, err := a.DevSMS.List(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, m := range texts {
		if m.UserID == id && m.Kind == domain.SMSMobileCode && len(m.Codes) == 1 {
			return m.Codes[0]
		}
	}
	return ""
}

// Patience bounds a test's wait for asynchronous work: a worker's task, the relay, a line a worker
// logs after the state the test polls was committed. CI runs the whole suite on a clean clone on a
// shared 2-core machine at a load of ~20, where what takes a second on a quiet machine has taken
// well over the 15–20 s such waits used to allow (session 19). It is a bound against hanging, not a
// speed assertion: a passing run waits no longer; a wait whose bound is part of what it checks (a
// task that must run while another still holds its worker) keeps its own.
const Patience = 2 * time.Minute

// Eventually polls cond until it is true or the timeout passes.
func Eventually(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("timed out after %s waiting for %s", timeout, what)
}

// PackWithPhrase is j's built-in rule pack, decoded, with phrase (e.g. {"weight": 0.8, "zh":
// ["紫色长颈鹿"]}) added to violation's phrases: the revision a test publishes or tries.
func PackWithPhrase(tb testing.TB, j rules.Jurisdiction, violation string, phrase map[string]any) map[string]any {
	tb.Helper()
	doc, err := rules.BuiltinDocument(j)
	if err != nil {
		tb.Fatal(err)
	}
	var pack map[string]any
	if err := json.Unmarshal(doc, &pack); err != nil {
		tb.Fatal(err)
	}
	v := pack["violations"].(map[string]any)[violation].(map[string]any)
	v["phrases"] = append(v["phrases"].([]any), phrase)
	return pack
}
