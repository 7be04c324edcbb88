package app_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// startSentinel runs a private redis-sentinel (redis-server --sentinel) watching the Redis at
// primaryAddr under the name master, and returns its address.
func startSentinel(t *testing.T, primaryAddr, master string) string {
	t.Helper()
	host, port, _ := net.SplitHostPort(primaryAddr)
	dir := t.TempDir()
	sp := freeTCPPort(t)
	conf := filepath.Join(dir, "sentinel.conf")
	body := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor %s %s %s 1\nsentinel down-after-milliseconds %s 2000\n",
		sp, dir, master, host, port, master)
	if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("redis-server", conf, "--sentinel")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-sentinel: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(sp))
	sc := redis.NewSentinelClient(&redis.Options{Addr: addr})
	defer sc.Close()
	apptest.Eventually(t, 20*time.Second, "the sentinel to know the primary", func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		got, err := sc.GetMasterAddrByName(ctx, master).Result()
		return err == nil && len(got) == 2 && got[1] == port
	})
	return addr
}

// TestRedisSentinel runs the whole platform (API, workers, scheduler) with REDIS_SENTINEL_ADDRS
// naming a private sentinel instead of a Redis address: a complaint filed over HTTP is relayed
// through asynq and routed, so the queue, the workers, the scheduler's lease and the rate limits
// all found the primary through the sentinel.
func TestRedisSentinel(t *testing.T) {
	u, err := url.Parse(apptest.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	sentinel := startSentinel(t, u.Host, "redline-test")
	cfg := app.Config{DatabaseURL: pgtest.NewURL(t), RedisURL: "redis://127.0.0.1:1/0", // unreachable: only the sentinel may lead to Redis
		RedisSentinel: app.SentinelConfig{Addrs: []string{sentinel}, Master: "redline-test"},
		HTTPAddr:      "127.0.0.1:0", Env: "dev", Secret: []byte(app.DevSecret), TokenTTL: 15 * time.Minute, Concurrency: 2,
		Evidence: app.EvidenceConfig{Dir: t.TempDir()}}
	ctx, cancel := context.WithCancel(context.Background())
	a := apptest.Open(ctx, t, cfg, 0)
	defer a.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, app.Roles{Serve: true, Work: true, Schedule: true, Listener: ln}) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()
	env := &apptest.Env{App: a, URL: "http://" + ln.Addr().String()}
	tok := env.Register(t, "sentinel@example.cn")
	d := env.MustDo(t, tok, `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id status } }`, map[string]any{"i": map[string]any{
		"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
		"narrative": "催收员每天给我打二十多个电话，半夜也打。", "violations": []any{"EXCESSIVE_CONTACT"}}})
	id := d["fileComplaint"].(map[string]any)["id"].(string)
	apptest.Eventually(t, 60*time.Second, "the complaint to be routed through asynq via the sentinel", func() bool {
		var status string
		_ = a.DB.SQL.QueryRow(`SELECT status FROM complaints WHERE id = $1`, id).Scan(&status)
		return status != "" && status != "SUBMITTED"
	})
	// The primary the queue used is the sentinel's: asynq's keys are in it.
	rc := redis.NewClient(&redis.Options{Addr: u.Host})
	defer rc.Close()
	keys, err := rc.Keys(context.Background(), "asynq:*").Result()
	if err != nil || len(keys) == 0 {
		t.Errorf("no asynq keys in the primary (%v, %v)", keys, err)
	}
}
