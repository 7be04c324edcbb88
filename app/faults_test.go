package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// These tests break the platform's services underneath a running platform: a Redis server and a
// path to PostgreSQL that belong to the test alone, stopped and started again while complaints
// are filed (docs/FAULTS.md).

// freePort returns a TCP port on 127.0.0.1 that nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// privateRedis is a redis-server process of the test's own, without persistence: restarting it
// empties it, as a Redis restarted without its data does.
type privateRedis struct {
	port int
	cmd  *exec.Cmd
}

func startPrivateRedis(t *testing.T) *privateRedis {
	t.Helper()
	r := &privateRedis{port: freePort(t)}
	r.start(t)
	t.Cleanup(r.stop)
	return r
}

func (r *privateRedis) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

func (r *privateRedis) start(t *testing.T) {
	t.Helper()
	r.cmd = exec.Command("redis-server", "--port", strconv.Itoa(r.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	apptest.Eventually(t, 10*time.Second, "redis-server to listen", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// stop kills the server (SIGKILL: no chance to save anything) and waits for it to exit.
func (r *privateRedis) stop() {
	if r.cmd == nil {
		return
	}
	_ = r.cmd.Process.Kill()
	_ = r.cmd.Wait()
	r.cmd = nil
}

// platform is a running App whose Run the test watches: exited is closed if Run returns.
type platform struct {
	*apptest.Env
	stop   context.CancelFunc // stops the platform, as SIGTERM does
	exited chan struct{}
	runErr error
}

// startPlatform runs API, workers and scheduler (the `dev` roles) over a fresh database and the
// given Redis, like apptest.Start but on services the test controls.
func startPlatform(t *testing.T, databaseURL, redisURL string) *platform {
	t.Helper()
	if databaseURL == "" {
		databaseURL = pgtest.NewURL(t)
	}
	cfg := app.Config{DatabaseURL: databaseURL, RedisURL: redisURL, HTTPAddr: "127.0.0.1:0", Env: "dev",
		Secret: []byte(app.DevSecret), TokenTTL: 15 * time.Minute, Concurrency: 4,
		Evidence: app.EvidenceConfig{Dir: t.TempDir()}}
	ctx, cancel := context.WithCancel(context.Background())
	a := apptest.Open(ctx, t, cfg, 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &platform{Env: &apptest.Env{App: a, URL: "http://" + ln.Addr().String()}, stop: cancel, exited: make(chan struct{})}
	go func() {
		p.runErr = a.Run(ctx, app.Roles{Serve: true, Work: true, Schedule: true, Listener: ln})
		close(p.exited)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-p.exited:
		case <-time.After(40 * time.Second):
			t.Errorf("the platform did not stop within 40s")
		}
		a.Close()
	})
	return p
}

// running fails the test if the platform's Run has returned.
func (p *platform) running(t *testing.T) {
	t.Helper()
	select {
	case <-p.exited:
		t.Fatalf("the platform exited: %v", p.runErr)
	default:
	}
}

// ready returns /readyz's status and body.
func (p *platform) ready(t *testing.T) (int, map[string]string) {
	t.Helper()
	resp, err := http.Get(p.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

// routedOnce waits until every complaint is in triage, then checks each was routed exactly once.
func (p *platform) routedOnce(t *testing.T, ids []string) {
	t.Helper()
	apptest.Eventually(t, 60*time.Second, "every complaint to be routed", func() bool {
		p.running(t)
		var n int64
		if err := p.App.DB.Gorm.Raw("SELECT count(*) FROM complaints WHERE id IN ? AND status = 'IN_TRIAGE'", ids).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return int(n) == len(ids)
	})
	for _, id := range ids {
		var n int64
		if err := p.App.DB.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND action = 'ROUTED'", id).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("complaint %s was routed %d times, want once", id, n)
		}
	}
}

// TestRedisRestartedEmpty kills the platform's Redis while complaints are filed and starts it
// again empty on the same port: filing goes on throughout, /readyz says Redis is down meanwhile,
// the scheduler steps down instead of exiting and takes the lease again, and every complaint —
// filed before, during and after — is routed exactly once, with no process exiting and nobody
// restarting anything.
func TestRedisRestartedEmpty(t *testing.T) {
	rds := startPrivateRedis(t)
	p := startPlatform(t, "", rds.url())
	p.Register(t, "redis-fault@example.cn")
	tok := p.Login(t, "redis-fault@example.cn", "correct-horse-42")
	file := func() string {
		t.Helper()
		return p.MustDo(t, tok, fileQuery, map[string]any{"i": fileInput()})["fileComplaint"].(map[string]any)["id"].(string)
	}

	before := file()
	p.routedOnce(t, []string{before})

	rds.stop()
	var during []string
	for range 3 {
		during = append(during, file())
	}
	if code, body := p.ready(t); code != http.StatusServiceUnavailable || body["redis"] != "unavailable" || body["postgres"] != "ok" {
		t.Errorf("/readyz with Redis down = %d %v, want 503 with redis unavailable, postgres ok", code, body)
	}
	// Longer than the scheduler's lease (15 s): it can no longer renew it and steps down.
	time.Sleep(17 * time.Second)
	p.running(t)

	rds.start(t)
	after := []string{file(), file()}
	p.routedOnce(t, append(during, after...))
	if code, body := p.ready(t); code != http.StatusOK {
		t.Errorf("/readyz after Redis returned = %d %v, want 200", code, body)
	}
	p.running(t)
}

// pgPath is a TCP proxy between the platform and the real PostgreSQL that the test can cut (every
// connection closed, nothing listening: PostgreSQL is down as far as the platform can tell) and
// restore on the same port.
type pgPath struct {
	port   int
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]bool
	silent bool // accept connections and never answer, like a dropped network path
}

func newPGPath(t *testing.T, target string) *pgPath {
	t.Helper()
	p := &pgPath{port: freePort(t), target: target, conns: map[net.Conn]bool{}}
	p.restore(t)
	t.Cleanup(p.cut)
	return p
}

// startBehindPGPath starts a platform on a fresh database reached through a pgPath the test can
// cut, with a Redis of its own, and signs in a new complainant registered as email.
func startBehindPGPath(t *testing.T, email string) (*platform, *pgPath, string) {
	t.Helper()
	dbURL, err := url.Parse(pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	path := newPGPath(t, dbURL.Host)
	dbURL.Host = fmt.Sprintf("127.0.0.1:%d", path.port)
	rds := startPrivateRedis(t)
	p := startPlatform(t, dbURL.String(), rds.url())
	p.Register(t, email)
	return p, path, p.Login(t, email, "correct-horse-42")
}

func (p *pgPath) restore(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p.port))
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			silent := p.silent
			if silent {
				p.conns[c] = true
			}
			p.mu.Unlock()
			if silent {
				continue
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns[c], p.conns[s] = true, true
			p.mu.Unlock()
			go func() { _, _ = io.Copy(s, c); s.Close(); c.Close() }()
			go func() { _, _ = io.Copy(c, s); s.Close(); c.Close() }()
		}
	}()
}

func (p *pgPath) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// rawFile files a complaint and returns the HTTP status, the Retry-After header and the response.
func rawFile(t *testing.T, url, token string) (int, string, *apptest.Response, error) {
	body, _ := json.Marshal(map[string]any{"query": fileQuery, "variables": map[string]any{"i": fileInput()}})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	var r apptest.Response
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return resp.StatusCode, "", nil, err
	}
	return resp.StatusCode, resp.Header.Get("Retry-After"), &r, nil
}

// TestPostgresUnavailable cuts the platform's path to PostgreSQL while complaints are filed from
// several clients: every answer is either the complaint or HTTP 503 with code UNAVAILABLE and a
// Retry-After (never 401 or INTERNAL), each failed request is logged once as a warning, /readyz
// says PostgreSQL is down; once the path is back filing works again without a restart, and no
// complaint lacks its history entry or outbox message.
func TestPostgresUnavailable(t *testing.T) {
	logs := newLogCapture()
	prev := slog.Default()
	slog.SetDefault(slog.New(logs))
	t.Cleanup(func() { slog.SetDefault(prev) })

	p, path, tok := startBehindPGPath(t, "pg-fault@example.cn")

	// Four clients file until told to stop; each answer is a complaint or a clean 503.
	var (
		mu          sync.Mutex
		filed       []string
		unavailable int
		wrong       []string
	)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				status, retry, r, err := rawFile(t, p.URL, tok)
				mu.Lock()
				switch {
				case err != nil:
					wrong = append(wrong, err.Error())
				case status == http.StatusOK && len(r.Errors) == 0:
					filed = append(filed, r.Data["fileComplaint"].(map[string]any)["id"].(string))
				case status == http.StatusServiceUnavailable && r.Code() == "UNAVAILABLE" && retry != "" && r.Errors[0].Extensions["messageZh"] != nil:
					unavailable++
				default:
					wrong = append(wrong, fmt.Sprintf("HTTP %d, Retry-After %q, %+v", status, retry, r.Errors))
				}
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	counted := func() (int, int) { mu.Lock(); defer mu.Unlock(); return len(filed), unavailable }
	apptest.Eventually(t, 20*time.Second, "complaints filed before the cut", func() bool { n, _ := counted(); return n >= 5 })

	path.cut()
	apptest.Eventually(t, 30*time.Second, "clients told PostgreSQL is unavailable", func() bool { _, u := counted(); return u >= 10 })
	if code, body := p.ready(t); code != http.StatusServiceUnavailable || body["postgres"] != "unavailable" {
		t.Errorf("/readyz with PostgreSQL down = %d %v, want 503 with postgres unavailable", code, body)
	}
	// A request that reads: the sign-in lookup fails the same way, not as 401.
	if r := p.Do(t, tok, `{ me { id } }`, nil); r.Status != http.StatusServiceUnavailable || r.Code() != "UNAVAILABLE" {
		t.Errorf("query with PostgreSQL down: HTTP %d %q, want 503 UNAVAILABLE", r.Status, r.Code())
	}
	_, before := counted()
	path.restore(t)
	apptest.Eventually(t, 30*time.Second, "filing to work again", func() bool {
		n, _ := counted()
		time.Sleep(500 * time.Millisecond)
		m, _ := counted()
		return m > n
	})
	close(stop)
	wg.Wait()
	p.running(t)

	if len(wrong) > 0 {
		t.Errorf("%d answers neither a complaint nor a clean 503, e.g. %s", len(wrong), wrong[0])
	}
	if n := strings.Count(logs.String(), `msg="database unavailable"`); n < before || n > unavailable+1 {
		t.Errorf("%d warnings \"database unavailable\" for %d (at least %d) unavailable answers, want one per request", n, unavailable, before)
	}
	if strings.Contains(logs.String(), "pg-fault@example.cn") {
		t.Errorf("logs hold the complainant's e-mail address")
	}
	var partial int64
	if err := p.App.DB.Gorm.Raw(`SELECT count(*) FROM complaints c
		WHERE NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.action = 'FILED')
		   OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.topic = 'complaint.filed' AND o.payload->>'complaintId' = c.id::text)`).Scan(&partial).Error; err != nil {
		t.Fatal(err)
	}
	var orphans int64
	if err := p.App.DB.Gorm.Raw(`SELECT count(*) FROM outbox o WHERE o.topic = 'complaint.filed'
		AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id::text = o.payload->>'complaintId')`).Scan(&orphans).Error; err != nil {
		t.Fatal(err)
	}
	if partial != 0 || orphans != 0 {
		t.Errorf("%d complaints without their FILED event or outbox message, %d messages without their complaint", partial, orphans)
	}
	var stored int64
	if err := p.App.DB.Gorm.Raw("SELECT count(*) FROM complaints WHERE id IN ?", filed).Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	if int(stored) != len(filed) {
		t.Errorf("%d of %d confirmed complaints stored", stored, len(filed))
	}
	t.Logf("%d complaints filed, %d answers 503 UNAVAILABLE", len(filed), unavailable)
}

// TestGracefulShutdown stops the platform while complaints are being filed and held up inside
// their transactions (the test locks the outbox table): Run does not return while they are in
// flight, every one of them is answered with its complaint once the lock goes, no client sees a
// cut connection, and then Run returns cleanly.
func TestGracefulShutdown(t *testing.T) {
	rds := startPrivateRedis(t)
	p := startPlatform(t, "", rds.url())
	p.Register(t, "shutdown@example.cn")
	tok := p.Login(t, "shutdown@example.cn", "correct-horse-42")

	lock, err := p.App.DB.SQL.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback()
	if _, err := lock.Exec("LOCK TABLE outbox IN SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	const inFlight = 6
	type answer struct {
		status int
		r      *apptest.Response
		err    error
	}
	answers := make(chan answer, inFlight)
	for range inFlight {
		go func() {
			status, _, r, err := rawFile(t, p.URL, tok)
			answers <- answer{status, r, err}
		}()
	}
	apptest.Eventually(t, 20*time.Second, "every filing to wait on the outbox lock", func() bool {
		var n int64
		p.App.DB.Gorm.Raw("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO outbox%'").Scan(&n)
		return n == inFlight
	})

	p.stop()
	time.Sleep(time.Second) // the stop has begun: the listener is closed, the requests still wait
	select {
	case <-p.exited:
		t.Fatalf("Run returned with %d requests in flight: %v", inFlight, p.runErr)
	default:
	}
	if err := lock.Commit(); err != nil {
		t.Fatal(err)
	}
	for range inFlight {
		a := <-answers
		if a.err != nil || a.status != http.StatusOK || len(a.r.Errors) > 0 {
			t.Errorf("in-flight filing: HTTP %d, %v, %v; want its complaint", a.status, a.err, a.r)
		}
	}
	select {
	case <-p.exited:
		if p.runErr != nil {
			t.Errorf("Run: %v", p.runErr)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("Run did not return after the requests were answered")
	}
}

// TestPostgresSilent drops the path to PostgreSQL without refusing connections (they are accepted
// and never answered, as when a machine or a network path goes away): requests end as 503
// UNAVAILABLE after the connect timeout instead of hanging.
func TestPostgresSilent(t *testing.T) {
	p, path, tok := startBehindPGPath(t, "pg-silent@example.cn")

	// No idle connection is left to fail fast: the request has to open one into the silence.
	p.App.DB.SQL.SetMaxIdleConns(0)
	path.mu.Lock()
	path.silent = true
	path.mu.Unlock()
	path.cut()
	path.restore(t)
	client := &http.Client{Timeout: 30 * time.Second} // a bound against hanging, not a speed assertion
	body, _ := json.Marshal(map[string]any{"query": fileQuery, "variables": map[string]any{"i": fileInput()}})
	req, _ := http.NewRequest(http.MethodPost, p.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("filing with PostgreSQL silent: %v", err)
	}
	defer resp.Body.Close()
	var r apptest.Response
	_ = json.NewDecoder(resp.Body).Decode(&r)
	if resp.StatusCode != http.StatusServiceUnavailable || r.Code() != "UNAVAILABLE" || resp.Header.Get("Retry-After") == "" {
		t.Errorf("filing with PostgreSQL silent: HTTP %d, code %q, Retry-After %q; want 503 UNAVAILABLE with Retry-After",
			resp.StatusCode, r.Code(), resp.Header.Get("Retry-After"))
	}
	p.running(t)
}
