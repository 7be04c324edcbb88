package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
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
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DB.Migrate(ctx, "up"); err != nil {
		t.Fatal(err)
	}
	if err := a.Authorize(); err != nil {
		t.Fatal(err)
	}
	if err := a.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &platform{Env: &apptest.Env{App: a, URL: "http://" + ln.Addr().String()}, exited: make(chan struct{})}
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
