package main

// `redline bench intake|route|queue|sweep`: the platform's throughput and latency measured from
// outside, against the database at DATABASE_URL (or a throwaway one made next to it with --fresh)
// and the Redis at REDIS_URL. serve, work and schedule run as child processes of this binary, so
// their resident size is theirs alone. docs/BENCHMARKS.md gives the method and the figures.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/api/graph"
	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/workers"
)

const perfUsage = `usage: redline bench intake [--clients 1,8,32] [--duration 10s] [--profile FILE] [--fresh]
       redline bench route  [--backlog 10000] [--background 0] [--concurrency 2 a core, at least 4] [--timeout 10m] [--profile FILE] [--fresh]
       redline bench queue  [--page 50] [--runs 50] [--fresh]
       redline bench sweep  [--open 100000] [--due 100] [--runs 5] [--fresh]`

// perfEnv is the platform a benchmark drives: the App of the benchmark process itself (to make
// users, data and tokens) and the URLs its child processes are given.
type perfEnv struct {
	a        *app.App
	dbURL    string
	redisURL string
	drop     func()
}

func (e *perfEnv) close() {
	e.a.Close()
	if e.drop != nil {
		e.drop()
	}
}

// openPerf opens DATABASE_URL (or, with fresh, a new database of a random name on the same server,
// dropped at the end), migrates it, loads the policy and seeds the demo teams, institutions and
// users when the database has none.
func openPerf(ctx context.Context, fresh bool) (*perfEnv, error) {
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return nil, err
	}
	if cfg.Env != "dev" {
		return nil, errors.New("bench: run benchmarks with REDLINE_ENV=dev against a database of their own")
	}
	cfg.Security.Limits.PerUser, cfg.Security.Limits.PerAddr = api.Rate{}, api.Rate{}
	e := &perfEnv{redisURL: cfg.RedisURL}
	if fresh {
		u, err := url.Parse(cfg.DatabaseURL)
		if err != nil {
			return nil, fmt.Errorf("bench: DATABASE_URL: %w", err)
		}
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		name := "redline_bench_" + hex.EncodeToString(b)
		// dropped from the server's "postgres" database, as it is created (postgres.ensureDatabase):
		// DATABASE_URL's own database need not exist
		admin := *u
		admin.Path = "/postgres"
		u.Path = "/" + name
		cfg.DatabaseURL = u.String()
		e.drop = func() {
			c, err := pgx.Connect(context.Background(), admin.String())
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench: drop", name, err)
				return
			}
			defer c.Close(context.Background())
			if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
				fmt.Fprintln(os.Stderr, "bench: drop", name, err)
			}
		}
	}
	e.dbURL = cfg.DatabaseURL
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		if e.drop != nil {
			e.drop()
		}
		return nil, err
	}
	e.a = a
	if err := a.DB.Migrate(ctx, "up"); err != nil {
		e.close()
		return nil, err
	}
	if err := a.Authorize(); err != nil {
		e.close()
		return nil, err
	}
	if err := a.SeedDemo(ctx, 0); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

// child is a `redline serve|work|schedule` process started by a benchmark.
type child struct {
	cmd  *exec.Cmd
	done chan struct{}
	out  *bytes.Buffer
	err  error // how the process ended, set before done is closed
}

// exited says how a child that has ended went: its exit status and what it printed.
func (c *child) exited() string {
	return fmt.Sprintf("%s exited (%v): %s", c.cmd.Args[1], c.err, c.out.String())
}

// spawn starts this binary with the role as its command and the benchmark's database and Redis.
func (e *perfEnv) spawn(role string, extra ...string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, role)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+e.dbURL, "REDIS_URL="+e.redisURL, "REDLINE_ENV=dev",
		"REDLINE_RATE_LIMIT_USER=off", "REDLINE_RATE_LIMIT_ADDR=off", "LOG_LEVEL=error", benchChildEnv+"=1")
	cmd.Env = append(cmd.Env, extra...)
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, &syncWriter{w: out}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, done: make(chan struct{}), out: out}
	go func() { c.err = cmd.Wait(); close(c.done) }()
	return c, nil
}

// benchChildEnv marks a child process of a benchmark (the tests' TestMain runs main() for it).
const benchChildEnv = "REDLINE_BENCH_CHILD"

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// stop sends SIGTERM and waits for the process to exit.
func (c *child) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// rss is the process's resident set size in bytes (VmRSS of /proc/<pid>/status), 0 if unknown.
func (c *child) rss() int64 { return rssOf(c.cmd.Process.Pid) }

func rssOf(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// cpuTime is the CPU time of a process, all its threads (utime + stime of /proc/<pid>/stat, in
// clock ticks of 10 ms), 0 if unknown.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')') // the command name may hold spaces
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is the state, the third field of the line
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// backendsCPU is the CPU time of the PostgreSQL backends connected to database name (their process
// titles name it; one thread each), summed: the database's share of the cores during a phase is the difference of
// two readings (the pools keep their connections, so the backends outlive the phase).
func backendsCPU(name string) time.Duration {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	var sum time.Duration
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmd, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil || !bytes.HasPrefix(cmd, []byte("postgres: ")) || !bytes.Contains(cmd, []byte(" "+name+" ")) {
			continue
		}
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid)); err == nil { // ns on a CPU, not rounded to ticks
			if f := strings.Fields(string(b)); len(f) > 0 {
				ns, _ := strconv.ParseInt(f[0], 10, 64)
				sum += time.Duration(ns)
			}
		}
	}
	return sum
}

// loadAvg is the 1-minute load average (/proc/loadavg), the figure `uptime` prints first.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return f[0] + " " + f[1] + " " + f[2]
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitHTTP waits until GET url answers 200, or the child exits.
func waitHTTP(ctx context.Context, u string, c *child) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-c.done:
			return fmt.Errorf("bench: %s", c.exited())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("bench: %s did not answer %s", c.cmd.Args[1], u)
}

// complainants makes n benchmark complainants (once) and returns their ids and tokens.
func (e *perfEnv) complainants(ctx context.Context, n int) ([]int64, []string, error) {
	ids, toks := make([]int64, n), make([]string, n)
	for i := range n {
		u, tok, err := userToken(ctx, e.a, domain.RoleComplainant, fmt.Sprintf("bench-complainant-%d@redline.invalid", i))
		if err != nil {
			return nil, nil, err
		}
		ids[i], toks[i] = u.ID, tok
	}
	return ids, toks, nil
}

func userToken(ctx context.Context, a *app.App, role domain.Role, email string) (*domain.User, string, error) {
	return teamUserToken(ctx, a, role, email, "national")
}

func teamUserToken(ctx context.Context, a *app.App, role domain.Role, email, team string) (*domain.User, string, error) {
	u, err := a.Accounts.Store.UserByEmail(ctx, email)
	if domain.CodeOf(err) == domain.CodeNotFound {
		b := make([]byte, 18)
		_, _ = rand.Read(b)
		nu := domain.NewUser{Email: email, Password: "Bench-" + hex.EncodeToString(b), DisplayName: "Benchmark", Role: role}
		if role == domain.RoleSupervisor || role == domain.RoleReviewer {
			nu.Teams = []string{team}
		}
		u, err = a.Accounts.CreateSeedUser(ctx, nu)
	}
	if err != nil {
		return nil, "", fmt.Errorf("bench user: %w", err)
	}
	_, session, err := a.Sessions.Start(ctx, u)
	if err != nil {
		return nil, "", fmt.Errorf("bench session: %w", err)
	}
	tok, _, err := (&api.Tokens{Secret: a.Config.Secret, TTL: 2 * time.Hour, Now: time.Now}).Issue(u, session)
	return u, tok, err
}

// lender is the first lender of the database (the demo seed's).
func (e *perfEnv) lender(ctx context.Context) (int64, string, error) {
	var id int64
	var name string
	err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT id, name FROM institutions WHERE kind <> 'COLLECTION_AGENCY' ORDER BY id LIMIT 1`).Scan(&id, &name)
	return id, name, err
}

const fileMutation = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id reference status } }`

var benchNarratives = []string{
	"催收员每天给我打二十多个电话，半夜也打，还说要到我家里来。",
	"他们给我父母和同事打电话，说我欠钱不还，还在微信群里发我的照片。",
	"The collector calls my wife at work several times a day and told her I would be arrested.",
}

func fileVars(lenderID int64, lenderName string, i int) map[string]any {
	return map[string]any{"i": map[string]any{
		"relation": "PARENT", "debtor": map[string]any{"name": "张小明"}, "lenderId": strconv.FormatInt(lenderID, 10), "lenderName": lenderName, "product": "CONSUMER_LOAN",
		"province": "310000", "narrative": benchNarratives[i%len(benchNarratives)],
		"violations": []any{"THIRD_PARTY_CONTACT", "IMPROPER_HOURS"},
	}}
}

// latencies summarises one load phase.
type phase struct {
	Clients  int
	OK, Fail int64
	Took     time.Duration
	P50, P99 time.Duration
	Load     string
	FirstErr string
	// CPU time used during the phase by serve, by the benchmark process (its clients, and the
	// plain handler in the plain phases) and by the database's PostgreSQL backends.
	ServeCPU, SelfCPU, DBCPU time.Duration
}

// perReq is a CPU time per successful request, in ms.
func (p phase) perReq(d time.Duration) string {
	if p.OK == 0 {
		return "?"
	}
	return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000/float64(p.OK))
}

func (p phase) rate() float64 { return float64(p.OK) / p.Took.Seconds() }

// load runs clients goroutines sending requests for d; send returns nil when the request succeeded.
func load(ctx context.Context, clients int, d time.Duration, send func(client, n int) error) phase {
	p := phase{Clients: clients, Load: loadAvg()}
	var ok, fail atomic.Int64
	var mu sync.Mutex
	var times []time.Duration
	end := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for n := 0; time.Now().Before(end) && ctx.Err() == nil; n++ {
				t0 := time.Now()
				if err := send(c, n); err != nil {
					fail.Add(1)
					mu.Lock()
					if p.FirstErr == "" {
						p.FirstErr = err.Error()
					}
					mu.Unlock()
					continue
				}
				ok.Add(1)
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			times = append(times, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	p.Took = time.Since(start)
	p.OK, p.Fail = ok.Load(), fail.Load()
	slices.Sort(times)
	if len(times) > 0 {
		p.P50 = times[len(times)/2]
		p.P99 = times[min(len(times)-1, len(times)*99/100)]
	}
	return p
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mb(b int64) string         { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

// postJSON posts body and fails on a status other than 200 or a GraphQL error.
func postJSON(client *http.Client, u, token string, body []byte, header map[string]string) ([]byte, error) {
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) {
		return b, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	return b, nil
}

func runPerf(ctx context.Context, kind string, args []string, stdout io.Writer) error {
	switch kind {
	case "intake":
		return benchIntake(ctx, args, stdout)
	case "route":
		return benchRoute(ctx, args, stdout)
	case "queue":
		return benchQueue(ctx, args, stdout)
	case "sweep":
		return benchSweep(ctx, args, stdout)
	}
	return errors.New(perfUsage)
}

// ---- intake ----

func benchIntake(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench intake", flag.ContinueOnError)
	clientsFlag := fs.String("clients", "1,8,32", "concurrent clients, comma-separated")
	dur := fs.Duration("duration", 10*time.Second, "length of each phase")
	fresh := fs.Bool("fresh", false, "use a throwaway database next to DATABASE_URL's")
	persisted := fs.Bool("persisted", true, "send the persisted-query hash instead of the document (as the portal does)")
	withWorkers := fs.Bool("with-workers", false, "run work and schedule during the load (they route what is filed, on the same cores)")
	drain := fs.Duration("drain", 30*time.Second, "after the load, how long work and schedule route the backlog while work's RSS is sampled")
	profile := fs.String("profile", "", "write serve's CPU profile to this file (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var clients []int
	for _, s := range strings.Split(*clientsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 256 {
			return fmt.Errorf("bench intake: --clients %q", *clientsFlag)
		}
		clients = append(clients, n)
	}
	if *dur < 100*time.Millisecond || *dur > 5*time.Minute {
		return errors.New("bench intake: --duration between 100ms and 5m")
	}
	e, err := openPerf(ctx, *fresh)
	if err != nil {
		return err
	}
	defer e.close()
	maxC := slices.Max(clients)
	ids, toks, err := e.complainants(ctx, maxC)
	if err != nil {
		return err
	}
	lenderID, lenderName, err := e.lender(ctx)
	if err != nil {
		return fmt.Errorf("bench intake: no lender: %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	serveEnv := []string{"HTTP_ADDR=" + addr, "METRICS_ADDR=off"}
	if *profile != "" {
		serveEnv = append(serveEnv, cpuProfileEnv+"="+*profile)
	}
	serve, err := e.spawn("serve", serveEnv...)
	if err != nil {
		return err
	}
	defer serve.stop()
	if err := waitHTTP(ctx, "http://"+addr+"/readyz", serve); err != nil {
		return err
	}
	plain, err := startPlain(ctx, e.dbURL)
	if err != nil {
		return err
	}
	defer plain.close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 0}, Timeout: 30 * time.Second}
	gqlURL := "http://" + addr + "/graphql"
	body := func(i int) []byte {
		req := map[string]any{"variables": fileVars(lenderID, lenderName, i)}
		if *persisted {
			req["extensions"] = map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": graph.QueryHash(fileMutation)}}
		} else {
			req["query"] = fileMutation
		}
		b, _ := json.Marshal(req)
		return b
	}
	// Register the document once per client, as Apollo's client does on a miss: persisted queries
	// are kept per caller (one registration for all had every client but the first answered
	// PERSISTED_QUERY_NOT_FOUND, counted as errors, since session 10).
	for i := 0; *persisted && i < len(toks); i++ {
		b, _ := json.Marshal(map[string]any{"query": fileMutation, "variables": fileVars(lenderID, lenderName, 0),
			"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": graph.QueryHash(fileMutation)}}})
		if _, err := postJSON(client, gqlURL, toks[i], b, nil); err != nil {
			return fmt.Errorf("bench intake: register the persisted query: %w", err)
		}
	}
	plainBody := func(c, i int) []byte {
		b, _ := json.Marshal(map[string]any{"complainantId": ids[c], "lenderId": lenderID, "lenderName": lenderName, "debtorName": "张小明",
			"narrative": benchNarratives[i%len(benchNarratives)], "violations": []string{"THIRD_PARTY_CONTACT", "IMPROPER_HOURS"}})
		return b
	}
	type row struct {
		gql, plain        phase
		serveRSS, workRSS int64
	}
	var rows []row
	var work, sched *child
	startWorkers := func() error {
		if work, err = e.spawn("work"); err != nil {
			return err
		}
		sched, err = e.spawn("schedule")
		return err
	}
	defer func() {
		for _, c := range []*child{work, sched} {
			if c != nil {
				c.stop()
			}
		}
	}()
	if *withWorkers {
		if err := startWorkers(); err != nil {
			return err
		}
	}
	rssOrZero := func(c *child) int64 {
		if c == nil {
			return 0
		}
		return c.rss()
	}
	baseServe := serve.rss()
	dbURL, err := url.Parse(e.dbURL)
	if err != nil {
		return err
	}
	dbName := strings.TrimPrefix(dbURL.Path, "/")
	// measured runs a phase and reads the CPU time that serve, this process (the clients, and the
	// plain handler in its phases) and the database's backends used meanwhile.
	measured := func(run func() phase) phase {
		s0, b0, d0 := cpuTime(serve.cmd.Process.Pid), cpuTime(os.Getpid()), backendsCPU(dbName)
		p := run()
		p.ServeCPU, p.SelfCPU, p.DBCPU = cpuTime(serve.cmd.Process.Pid)-s0, cpuTime(os.Getpid())-b0, backendsCPU(dbName)-d0
		return p
	}
	for _, c := range clients {
		var r row
		r.plain = measured(func() phase {
			return load(ctx, c, *dur, func(cl, n int) error {
				_, err := postJSON(client, plain.url, "", plainBody(cl, n), nil)
				return err
			})
		})
		stopSample := make(chan struct{})
		var sampled sync.WaitGroup
		sampled.Add(1)
		go func() { // the largest RSS of serve and work while the load runs
			defer sampled.Done()
			for {
				r.serveRSS, r.workRSS = max(r.serveRSS, serve.rss()), max(r.workRSS, rssOrZero(work))
				select {
				case <-stopSample:
					return
				case <-time.After(200 * time.Millisecond):
				}
			}
		}()
		r.gql = measured(func() phase {
			return load(ctx, c, *dur, func(cl, n int) error {
				_, err := postJSON(client, gqlURL, toks[cl], body(n), nil)
				return err
			})
		})
		close(stopSample)
		sampled.Wait()
		rows = append(rows, r)
		if r.gql.OK == 0 || r.plain.OK == 0 {
			return fmt.Errorf("bench intake: nothing succeeded at %d clients: redline %q, plain %q", c, r.gql.FirstErr, r.plain.FirstErr)
		}
	}
	var n int64
	_ = e.a.DB.SQL.QueryRowContext(ctx, "SELECT count(*) FROM complaints").Scan(&n)
	// work under load: route what the phases filed for a while, sampling its RSS.
	var drainRSS, routed int64
	var drainLoad string
	if !*withWorkers && *drain > 0 {
		if err := startWorkers(); err != nil {
			return err
		}
		var before int64
		_ = e.a.DB.SQL.QueryRowContext(ctx, "SELECT count(*) FROM complaints WHERE status <> 'SUBMITTED'").Scan(&before)
		end := time.Now().Add(*drain)
		for time.Now().Before(end) {
			drainRSS = max(drainRSS, work.rss())
			time.Sleep(200 * time.Millisecond)
		}
		drainLoad = loadAvg()
		_ = e.a.DB.SQL.QueryRowContext(ctx, "SELECT count(*) FROM complaints WHERE status <> 'SUBMITTED'").Scan(&routed)
		routed -= before
	}
	mode := "the document"
	if *persisted {
		mode = "a persisted-query hash (extensions.persistedQuery)"
	}
	fmt.Fprintf(stdout, "intake: fileComplaint over HTTP (%s) vs plain net/http + pgx, same transaction; %s per phase; %d complaints in the database after the run\n",
		mode, *dur, n)
	if *withWorkers {
		fmt.Fprint(stdout, "work and schedule ran during the load, routing what was filed on the same cores\n")
	} else {
		fmt.Fprintf(stdout, "serve alone during the load; then work and schedule routed %d of the filed complaints in %s, work's RSS at most %s (load average %s)\n",
			routed, *drain, mb(drainRSS), drainLoad)
	}
	fmt.Fprintf(stdout, "RSS of serve before the load: %s\n\n", mb(baseServe))
	fmt.Fprint(stdout, "| clients | redline req/s | p50 | p99 | plain req/s | p50 | p99 | ratio | serve RSS max | work RSS max | load avg (redline phase) | errors |\n")
	fmt.Fprint(stdout, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(stdout, "| %d | %.0f | %s | %s | %.0f | %s | %s | %.2f | %s | %s | %s | %d/%d |\n", r.gql.Clients,
			r.gql.rate(), ms(r.gql.P50), ms(r.gql.P99), r.plain.rate(), ms(r.plain.P50), ms(r.plain.P99),
			r.gql.rate()/r.plain.rate(), mb(r.serveRSS), mb(r.workRSS), r.gql.Load, r.gql.Fail, r.plain.Fail)
	}
	// CPU per request: serve's own; the plain handler's is the benchmark process's CPU per request
	// in the plain phase less the clients' alone (the same process's CPU per request in redline's
	// phase); PostgreSQL's is the backends' of the benchmark database (both sides alike).
	fmt.Fprint(stdout, "\nCPU per request (ms): redline = serve; plain = this process in the plain phase less its clients alone\n\n")
	fmt.Fprint(stdout, "| clients | serve | PostgreSQL (redline) | plain handler | PostgreSQL (plain) | clients |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		clientCPU := time.Duration(0)
		if r.gql.OK > 0 {
			clientCPU = r.gql.SelfCPU / time.Duration(r.gql.OK)
		}
		plainCPU := r.plain.SelfCPU - clientCPU*time.Duration(r.plain.OK)
		fmt.Fprintf(stdout, "| %d | %s | %s | %s | %s | %s |\n", r.gql.Clients, r.gql.perReq(r.gql.ServeCPU), r.gql.perReq(r.gql.DBCPU),
			r.plain.perReq(plainCPU), r.plain.perReq(r.plain.DBCPU), r.gql.perReq(r.gql.SelfCPU))
	}
	for _, r := range rows {
		if r.gql.FirstErr != "" || r.plain.FirstErr != "" {
			fmt.Fprintf(stdout, "\nfirst errors at %d clients: redline %q; plain %q\n", r.gql.Clients, r.gql.FirstErr, r.plain.FirstErr)
		}
	}
	return nil
}

// plainServer is the baseline: net/http and pgx, no GraphQL, no authentication, no validation,
// writing the same rows as fileComplaint in one transaction: the complaint, its acceptance clock,
// its FILED history entry and two outbox messages (complaint.filed, deadline.scheduled).
type plainServer struct {
	url  string
	srv  *http.Server
	pool *pgxpool.Pool
}

func (p *plainServer) close() {
	_ = p.srv.Close()
	p.pool.Close()
}

func startPlain(ctx context.Context, dbURL string) (*plainServer, error) {
	pc, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, err
	}
	pc.MaxConns, pc.MinConns = 32, 32 // the same pool size as redline's default
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		pool.Close()
		return nil, err
	}
	p := &plainServer{url: "http://" + ln.Addr().String() + "/file", pool: pool}
	p.srv = &http.Server{Handler: http.HandlerFunc(p.file), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

type plainInput struct {
	ComplainantID int64    `json:"complainantId"`
	LenderID      int64    `json:"lenderId"`
	LenderName    string   `json:"lenderName"`
	Narrative     string   `json:"narrative"`
	DebtorName    string   `json:"debtorName"`
	Violations    []string `json:"violations"`
}

func (p *plainServer) file(w http.ResponseWriter, r *http.Request) {
	var in plainInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	id, dl := uuid.NewString(), uuid.NewString()
	now := time.Now().UTC()
	due := now.AddDate(0, 0, 9)
	var ref string
	err := pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
		var seq int64
		if err := tx.QueryRow(ctx, "SELECT nextval('complaint_reference_seq')").Scan(&seq); err != nil {
			return err
		}
		ref = fmt.Sprintf("RL-%d-%08d", now.Year(), seq)
		if _, err := tx.Exec(ctx, `INSERT INTO complaints (id, reference, status, complainant_id, relation, lender_id, lender_name,
			product, province, narrative, claimed_violations, priority, created_at, updated_at, debtor_name)
			VALUES ($1,$2,'SUBMITTED',$3,'PARENT',$4,$5,'CONSUMER_LOAN','310000',$6,$7,'NORMAL',$8,$8,$9)`,
			id, ref, in.ComplainantID, in.LenderID, in.LenderName, in.Narrative, in.Violations, now, in.DebtorName); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO complaint_deadlines (id, complaint_id, kind, jurisdiction, unit, stage, state,
			started_at, due_at, due_set_at, record, updated_at)
			VALUES ($1,$2,'ACCEPTANCE','CN','WORKING_DAYS','ACCEPTANCE','OPEN',$3,$4,$3,'{}',$3)`, dl, id, now, due); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO complaint_events (complaint_id, action, to_status, actor_id, actor_role, details, at)
			VALUES ($1,'FILED','SUBMITTED',$2,'complainant','{"deadlines":["ACCEPTANCE:STARTED"]}',$3)`, id, in.ComplainantID, now); err != nil {
			return err
		}
		// Marked enqueued: the relay of the benchmark's platform must not route the baseline's rows.
		_, err := tx.Exec(ctx, `INSERT INTO outbox (id, topic, payload, created_at, enqueued_at) VALUES
			($1,'bench.plain.filed',jsonb_build_object('complaintId',$3::text),$5,$5),
			($2,'bench.plain.deadline',jsonb_build_object('deadlineId',$4::text,'dueAt',$6::text),$5,$5)`,
			uuid.NewString(), uuid.NewString(), id, dl, now, due.Format(time.RFC3339))
		return err
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"fileComplaint": map[string]any{"id": id, "reference": ref, "status": "SUBMITTED"}}})
}

// ---- background data ----

// padComplaints adds n closed complaints cloned from an existing one, each with its own id,
// reference, debtor hashes and filing time spread over the past year, in batches of 50,000
// (INSERT … SELECT, so it takes seconds per million, not the service's milliseconds per complaint).
func (e *perfEnv) padComplaints(ctx context.Context, n int, stdout io.Writer) error {
	if n <= 0 {
		return nil
	}
	var template string
	if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT id FROM complaints ORDER BY created_at LIMIT 1`).Scan(&template); err != nil {
		return fmt.Errorf("bench: no complaint to clone: %w", err)
	}
	rows, err := e.a.DB.SQL.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'complaints' AND is_generated = 'NEVER' ORDER BY ordinal_position`)
	if err != nil {
		return err
	}
	var cols, sel []string
	over := map[string]string{
		"id": "gen_random_uuid()", "reference": "'BG-' || $2::text || '-' || g", "status": "'CLOSED'", "idempotency_key": "NULL",
		"debtor_id_hash": "sha256(('id' || $2::text || g)::bytea)", "debtor_mobile_hash": "sha256(('m' || $2::text || g)::bytea)",
		"created_at": "now() - (g % 525600) * interval '1 minute'", "updated_at": "now() - (g % 525600) * interval '1 minute'",
		"assignee_id": "NULL",
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, c)
		if v, ok := over[c]; ok {
			sel = append(sel, v)
		} else {
			sel = append(sel, "t."+c)
		}
	}
	rows.Close()
	q := "INSERT INTO complaints (" + strings.Join(cols, ", ") + ") SELECT " + strings.Join(sel, ", ") +
		" FROM complaints t, generate_series(1, $3) g WHERE t.id = $1"
	start := time.Now()
	batch := 50000
	for done := 0; done < n; done += batch {
		k := min(batch, n-done)
		if _, err := e.a.DB.SQL.ExecContext(ctx, q, template, fmt.Sprintf("%d%d", time.Now().UnixNano()%1e9, done), k); err != nil {
			return fmt.Errorf("bench: pad complaints: %w", err)
		}
	}
	if _, err := e.a.DB.SQL.ExecContext(ctx, "VACUUM ANALYZE complaints"); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %d background complaints in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// fileBacklog files n complaints through the domain service (validation, clocks, outbox) with no
// relay running, 8 at a time, as the benchmark's complainants. Half of them name the debtor's
// mobile (benchMobile): every run finds the same likely duplicates, whatever ran before.
func (e *perfEnv) fileBacklog(ctx context.Context, n int) error {
	run := benchRun()
	ids, _, err := e.complainants(ctx, 8)
	if err != nil {
		return err
	}
	lenderID, lenderName, err := e.lender(ctx)
	if err != nil {
		return err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			actx := domain.WithActor(ctx, domain.Actor{UserID: ids[w], Role: domain.RoleComplainant})
			for {
				i := int(next.Add(1))
				if i > n || ctx.Err() != nil {
					return
				}
				in := domain.FileComplaint{Relation: domain.RelationParent, Debtor: domain.Debtor{Name: "张小明"}, LenderID: lenderID, LenderName: lenderName,
					Product: domain.Product("CONSUMER_LOAN"), Province: "310000", Narrative: benchNarratives[i%len(benchNarratives)],
					Violations: []domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationImproperHours}}
				in.Debtor.Mobile = benchMobile(run, i)
				if _, err := e.a.Complaints.File(actx, in, ""); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// benchRun is a number of this run for benchMobile, from the clock: two runs share one once in
// 10,000.
func benchRun() int { return int(time.Now().UnixNano()/1e6) % 10000 }

// benchMobile is the debtor's mobile of the i-th complaint of a backlog, "" for odd i (no
// duplicate lookup). The numbers hold the run's number, so that no run finds the complaints of
// earlier runs as likely duplicates (with one number per i, as before, the duplicates found, and
// written, grew from run to run: 1,000 in a database's first run, 41,000 in its ninth); every
// tenth number with a mobile repeats the one before, so that each run finds the same few
// (n/20 pairs).
func benchMobile(run, i int) string {
	if i%2 != 0 {
		return ""
	}
	if i%20 == 0 {
		i -= 2
	}
	return fmt.Sprintf("13%04d%05d", run, i%100000)
}

// ---- route ----

func benchRoute(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench route", flag.ContinueOnError)
	backlog := fs.Int("backlog", 10000, "complaints filed before the relay and workers start")
	background := fs.Int("background", 0, "closed complaints added behind them first (cloned by SQL)")
	concurrency := fs.Int("concurrency", workers.DefaultConcurrency(), "worker goroutines (REDLINE_WORKER_CONCURRENCY; default work's)")
	profile := fs.String("profile", "", "write work's CPU profile to this file and schedule's to FILE.schedule (go tool pprof)")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after")
	fresh := fs.Bool("fresh", false, "use a throwaway database next to DATABASE_URL's")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *backlog < 1 || *background < 0 || *concurrency < 1 {
		return errors.New(perfUsage)
	}
	e, err := openPerf(ctx, *fresh)
	if err != nil {
		return err
	}
	defer e.close()
	if err := e.fileBacklog(ctx, 1); err != nil { // a complaint to clone, if the database has none
		return err
	}
	if err := e.padComplaints(ctx, *background, stdout); err != nil {
		return err
	}
	var pending int64 // messages of earlier runs: relayed too, so they are reported
	if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE enqueued_at IS NULL`).Scan(&pending); err != nil {
		return err
	}
	since := e.a.DB.Now()
	t0 := time.Now()
	if err := e.fileBacklog(ctx, *backlog); err != nil {
		return fmt.Errorf("bench route: file the backlog: %w", err)
	}
	filing := time.Since(t0)
	// The planner's statistics of the tables the backlog grew, as autovacuum would gather them in
	// production (the shared test server runs with autovacuum off): without them PostgreSQL plans
	// the routing's look-ups by complaint as scans of whole tables.
	if _, err := e.a.DB.SQL.ExecContext(ctx, "ANALYZE complaints, complaint_deadlines, complaint_events, outbox, notifications, stats_contributions"); err != nil {
		return err
	}
	var total int64
	_ = e.a.DB.SQL.QueryRowContext(ctx, "SELECT count(*) FROM complaints").Scan(&total)
	startLoad := loadAvg()
	workEnv := []string{fmt.Sprintf("REDLINE_WORKER_CONCURRENCY=%d", *concurrency)}
	if *profile != "" {
		workEnv = append(workEnv, cpuProfileEnv+"="+*profile)
	}
	t0 = time.Now()
	work, err := e.spawn("work", workEnv...)
	if err != nil {
		return err
	}
	defer work.stop()
	// work compiles the rule pack in force before it takes tasks: its start-up is not routing, and
	// a worker runs for days. The clock and work's CPU count from the moment it takes tasks.
	if err := e.waitWorker(ctx, work); err != nil {
		return err
	}
	startup, startCPU := time.Since(t0), cpuSeconds(work.cmd.Process.Pid)
	redisStart := redisCPU(ctx, e.a.Redis)
	start := time.Now()
	schedEnv := []string{}
	if *profile != "" {
		schedEnv = append(schedEnv, cpuProfileEnv+"="+*profile+".schedule")
	}
	sched, err := e.spawn("schedule", schedEnv...)
	if err != nil {
		return err
	}
	defer sched.stop()
	watch, err := newPGWatch(ctx, e.a.DB.SQL)
	if err != nil {
		return err
	}
	var first time.Duration
	var maxRSS int64
	for {
		if err := watch.sample(ctx); err != nil {
			return err
		}
		var left int64
		if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE status = 'SUBMITTED' AND created_at >= $1`, since).Scan(&left); err != nil {
			return err
		}
		maxRSS = max(maxRSS, work.rss())
		if first == 0 && left < int64(*backlog) {
			first = time.Since(start)
		}
		if left == 0 {
			break
		}
		select {
		case <-work.done:
			return fmt.Errorf("bench route: %s", work.exited())
		case <-sched.done:
			return fmt.Errorf("bench route: %s", sched.exited())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pollWait(*backlog, left, time.Since(start))):
		}
		if time.Since(start) > *timeout {
			return fmt.Errorf("bench route: %d of %d still not routed after %s", left, *backlog, *timeout)
		}
	}
	took := time.Since(start)
	workCPU, schedCPU := cpuSeconds(work.cmd.Process.Pid)-startCPU, cpuSeconds(sched.cmd.Process.Pid)
	redisUsed := redisCPU(ctx, e.a.Redis) - redisStart
	fmt.Fprintf(stdout, "route: %d complaints filed (%s, %.0f/s through the service), then routed by the real relay and %d worker goroutines\n",
		*backlog, filing.Round(time.Millisecond), float64(*backlog)/filing.Seconds(), *concurrency)
	fmt.Fprintf(stdout, "%d complaints in the database, %d outbox messages of earlier runs pending; load average %s at the start, %s at the end\n\n",
		total, pending, startLoad, loadAvg())
	fmt.Fprint(stdout, "| backlog | database | worker goroutines | all routed after | first routed after | complaints routed/s (start to end) | /s (first to last) | work RSS max |\n")
	fmt.Fprint(stdout, "|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(stdout, "| %d | %d | %d | %s | %s | %.0f | %.0f | %s |\n", *backlog, total, *concurrency, took.Round(time.Millisecond),
		first.Round(time.Millisecond), float64(*backlog)/took.Seconds(), float64(*backlog)/max(0.001, (took-first).Seconds()), mb(maxRSS))
	fmt.Fprintf(stdout, "\nwork started in %s (%.2f s of CPU, not counted below: compiling the rule pack in force)", startup.Round(time.Millisecond), startCPU)
	fmt.Fprintf(stdout, "\nCPU until all were routed: work %.2f s (%.2f ms per complaint), schedule %.2f s (%.2f ms per complaint)\n",
		workCPU, 1000*workCPU/float64(*backlog), schedCPU, 1000*schedCPU/float64(*backlog))
	if redisStart >= 0 && redisUsed >= 0 {
		fmt.Fprintf(stdout, "Redis server (INFO cpu, its other clients included): %.2f s (%.3f ms per complaint)\n", redisUsed, 1000*redisUsed/float64(*backlog))
	}
	fmt.Fprintf(stdout, "%s\n", watch.report(ctx, *backlog))
	return nil
}

// redisCPU is the CPU time the Redis server has used (INFO cpu: used_cpu_sys + used_cpu_user,
// seconds, its main thread and the others), or -1 when it cannot tell: what the queue costs the
// server, on whatever machine it runs.
func redisCPU(ctx context.Context, r *redis.Client) float64 {
	info, err := r.Info(ctx, "cpu").Result()
	if err != nil {
		return -1
	}
	total, seen := 0.0, 0
	for line := range strings.Lines(info) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if ok && (k == "used_cpu_sys" || k == "used_cpu_user") {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return -1
			}
			total += f
			seen++
		}
	}
	if seen != 2 {
		return -1
	}
	return total
}

// waitWorker waits until the work process has registered with asynq (it has compiled the rule
// pack in force and takes tasks), or exits.
func (e *perfEnv) waitWorker(ctx context.Context, work *child) error {
	in := asynq.NewInspector(e.a.RedisOpt)
	defer in.Close()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		servers, _ := in.Servers()
		for _, s := range servers {
			if s.PID == work.cmd.Process.Pid {
				return nil
			}
		}
		select {
		case <-work.done:
			return fmt.Errorf("bench route: %s", work.exited())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return errors.New("bench route: work did not start taking tasks within 2 minutes")
}

// pollWait is how long bench route waits before it counts the complaints left again: half the
// time the rest should take at the rate so far, between 100 ms and 3 s. The count reads the
// backlog's rows (~50-100 ms of a loaded server's CPU): counted every 100 ms it took a quarter of
// a core from the platform it measured; this way a run counts ~20 times, and often only near the end.
func pollWait(backlog int, left int64, elapsed time.Duration) time.Duration {
	done := int64(backlog) - left
	if done <= 0 {
		return 250 * time.Millisecond
	}
	rest := time.Duration(float64(elapsed) * float64(left) / float64(done))
	return min(max(rest/2, 100*time.Millisecond), 3*time.Second)
}

// ---- queue ----

const queuePage = `query($n: Int) { complaints(first: $n) { edges { node {
  id reference status priority assigneeId claimedViolations confirmedViolations
  lender { id name kind } deadlines { kind state dueAt } history { action toStatus at } } } } }`

func benchQueue(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench queue", flag.ContinueOnError)
	page := fs.Int("page", 50, "complaints per page")
	runs := fs.Int("runs", 50, "timed requests")
	fresh := fs.Bool("fresh", false, "use a throwaway database next to DATABASE_URL's")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *page < 1 || *runs < 1 {
		return errors.New(perfUsage)
	}
	e, err := openPerf(ctx, *fresh)
	if err != nil {
		return err
	}
	defer e.close()
	var open int64
	if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaints`).Scan(&open); err != nil {
		return err
	}
	var team string
	var routed int64
	_ = e.a.DB.SQL.QueryRowContext(ctx, `SELECT coalesce(team, ''), count(*) FROM complaints WHERE team IS NOT NULL
		GROUP BY team ORDER BY count(*) DESC LIMIT 1`).Scan(&team, &routed)
	if routed < int64(*page) { // file and route (in this process) enough complaints for a page
		if err := e.fileBacklog(ctx, *page-int(routed)); err != nil {
			return err
		}
		rows, err := e.a.DB.SQL.QueryContext(ctx, `SELECT id FROM complaints WHERE status = 'SUBMITTED'`)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			_ = rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if _, err := e.a.Complaints.Route(ctx, id); err != nil {
				return fmt.Errorf("bench queue: route: %w", err)
			}
		}
		if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT team, count(*) FROM complaints WHERE team IS NOT NULL
			GROUP BY team ORDER BY count(*) DESC LIMIT 1`).Scan(&team, &routed); err != nil {
			return err
		}
	}
	_, tok, err := teamUserToken(ctx, e.a, domain.RoleSupervisor, "bench-supervisor-"+team+"@redline.invalid", team)
	if err != nil {
		return err
	}
	h, err := e.a.Handler()
	if err != nil {
		return err
	}
	var statements atomic.Int64
	cb := e.a.DB.Gorm.Callback()
	count := func(*gorm.DB) { statements.Add(1) }
	for _, err := range []error{
		cb.Create().Before("gorm:create").Register("bench:count", count), cb.Query().Before("gorm:query").Register("bench:count", count),
		cb.Update().Before("gorm:update").Register("bench:count", count), cb.Delete().Before("gorm:delete").Register("bench:count", count),
		cb.Row().Before("gorm:row").Register("bench:count", count), cb.Raw().Before("gorm:raw").Register("bench:count", count),
	} {
		if err != nil {
			return err
		}
	}
	body, _ := json.Marshal(map[string]any{"query": queuePage, "variables": map[string]any{"n": *page}})
	var times []time.Duration
	var stmts []int64
	rowsSeen := 0
	for i := 0; i < *runs+5; i++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		before := statements.Load()
		t := time.Now()
		h.ServeHTTP(rec, req)
		took := time.Since(t)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			return fmt.Errorf("bench queue: HTTP %d: %.300s", rec.Code, rec.Body.String())
		}
		if i >= 5 {
			times, stmts = append(times, took), append(stmts, statements.Load()-before)
		}
		rowsSeen = bytes.Count(rec.Body.Bytes(), []byte(`"reference"`))
	}
	slices.Sort(times)
	fmt.Fprintf(stdout, "queue: a supervisor's queue page through the HTTP handler, %d runs after 5 warm-up; %d complaints in the database; load average %s\n\n",
		*runs, open, loadAvg())
	fmt.Fprint(stdout, "| page | rows | SQL statements | p50 | p99 |\n|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(stdout, "| %d | %d | %d–%d | %s | %s |\n", *page, rowsSeen, slices.Min(stmts), slices.Max(stmts), ms(times[len(times)/2]), ms(times[min(len(times)-1, len(times)*99/100)]))
	return nil
}

// ---- sweep ----

func benchSweep(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench sweep", flag.ContinueOnError)
	open := fs.Int("open", 100000, "open cases (complaints with a running acceptance clock)")
	due := fs.Int("due", 100, "of which past due when the sweep runs")
	runs := fs.Int("runs", 5, "sweeps timed (the due clocks are made due again before each)")
	fresh := fs.Bool("fresh", false, "use a throwaway database next to DATABASE_URL's")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *open < *due || *due < 1 || *runs < 1 {
		return errors.New(perfUsage)
	}
	e, err := openPerf(ctx, *fresh)
	if err != nil {
		return err
	}
	defer e.close()
	if err := e.fileBacklog(ctx, 1); err != nil {
		return err
	}
	var have int64
	if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaint_deadlines WHERE state = 'OPEN'`).Scan(&have); err != nil {
		return err
	}
	if int(have) < *open {
		var before int64
		_ = e.a.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaints`).Scan(&before)
		if err := e.padComplaints(ctx, *open-int(have), stdout); err != nil {
			return err
		}
		// One open acceptance clock per cloned complaint, due in 5 to 60 days (none due yet).
		t := time.Now()
		if _, err := e.a.DB.SQL.ExecContext(ctx, `INSERT INTO complaint_deadlines (id, complaint_id, kind, jurisdiction, unit,
			stage, state, started_at, due_at, due_set_at, record, updated_at)
			SELECT gen_random_uuid(), c.id, 'ACCEPTANCE', 'CN', 'WORKING_DAYS', 'ACCEPTANCE', 'OPEN', now(),
			       now() + interval '5 days' + (random() * interval '55 days'), now(), d.record, now()
			FROM complaints c CROSS JOIN LATERAL (SELECT record FROM complaint_deadlines ORDER BY started_at LIMIT 1) d
			WHERE c.status = 'CLOSED' AND c.reference LIKE 'BG-%'
			  AND NOT EXISTS (SELECT 1 FROM complaint_deadlines x WHERE x.complaint_id = c.id)`); err != nil {
			return fmt.Errorf("bench sweep: clocks: %w", err)
		}
		if _, err := e.a.DB.SQL.ExecContext(ctx, "VACUUM ANALYZE complaint_deadlines"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added open clocks in %s\n", time.Since(t).Round(time.Millisecond))
	}
	if err := e.a.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaint_deadlines WHERE state = 'OPEN'`).Scan(&have); err != nil {
		return err
	}
	// The plan of the sweep's query with nothing due: an index scan on complaint_deadlines_due.
	var plan strings.Builder
	prow, err := e.a.DB.Gorm.WithContext(ctx).Raw("EXPLAIN "+postgres.DueDeadlinesSQL,
		postgres.DueDeadlinesArgs(time.Now(), domain.DefaultReminders, 200)).Rows()
	if err != nil {
		return fmt.Errorf("bench sweep: explain: %w", err)
	}
	for prow.Next() {
		var l string
		_ = prow.Scan(&l)
		plan.WriteString("    " + l + "\n")
	}
	prow.Close()
	// How many of the sweeps' complaint row updates were HOT (the row rewritten on its page, no
	// index touched): the cumulative statistics of the table before and after the runs.
	hot := func() (upd, hot int64) {
		_ = e.a.DB.SQL.QueryRowContext(ctx, `SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'complaints'`).Scan(&upd, &hot)
		return upd, hot
	}
	upd0, hot0 := hot()
	var times, empties []time.Duration
	breached := 0
	for range *runs {
		// Make `due` clocks past due: the earliest open ones, moved to an hour ago.
		if _, err := e.a.DB.SQL.ExecContext(ctx, `UPDATE complaint_deadlines SET due_at = now() - interval '1 hour', due_set_at = now() - interval '2 hours'
			WHERE id IN (SELECT id FROM complaint_deadlines WHERE state = 'OPEN' AND paused_at IS NULL ORDER BY due_at DESC LIMIT $1)`, *due); err != nil {
			return err
		}
		t := time.Now()
		res, err := e.a.Deadlines.Sweep(ctx)
		if err != nil {
			return fmt.Errorf("bench sweep: %w", err)
		}
		times = append(times, time.Since(t))
		breached += res.Breached
		t = time.Now()
		if _, err := e.a.Deadlines.Sweep(ctx); err != nil {
			return err
		}
		empties = append(empties, time.Since(t))
	}
	load := loadAvg()
	// A backend reports its table statistics when idle, at most every 10 s: wait for them.
	time.Sleep(11 * time.Second)
	upd1, hot1 := hot()
	slices.Sort(times)
	slices.Sort(empties)
	fmt.Fprintf(stdout, "sweep: DeadlineWatch.Sweep in process, %d runs; load average %s\nplan of the due-clock query:\n%s\n", *runs, load, plan.String())
	fmt.Fprintf(stdout, "complaint row updates during the runs: %d, of which HOT (no index entry): %d\n", upd1-upd0, hot1-hot0)
	fmt.Fprint(stdout, "| open clocks | due per sweep | breaches recorded | sweep with due (median, max) | sweep with none due (median) |\n|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(stdout, "| %d | %d | %d | %s, %s | %s |\n", have, *due, breached, ms(times[len(times)/2]), ms(times[len(times)-1]), ms(empties[len(empties)/2]))
	return nil
}
