package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestMain lets a benchmark's child processes (`redline serve|work|schedule`, started from this
// test binary, which is then os.Executable) run the command instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestBenchSmoke runs each `redline bench` subcommand at a tiny size against a database and a
// Redis of its own, so that the benchmarks keep working: each must finish and print its table.
func TestBenchSmoke(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.NewURL(t))
	t.Setenv("REDIS_URL", apptest.RedisURL(t))
	t.Setenv("REDLINE_ENV", "dev")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"intake", "--clients", "1,2", "--duration", "300ms", "--drain", "1s"}, []string{"| 1 |", "| 2 |", "serve RSS", "persisted-query"}},
		{[]string{"route", "--backlog", "20", "--background", "200", "--concurrency", "2", "--timeout", "2m"}, []string{"| 20 |", "routed/s"}},
		{[]string{"queue", "--page", "10", "--runs", "3"}, []string{"| 10 | 10 |", "SQL statements"}},
		{[]string{"sweep", "--open", "300", "--due", "5", "--runs", "2"}, []string{"complaint_deadlines_due", "| 5 |"}},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			var out bytes.Buffer
			if err := runBench(ctx, tc.args, &out); err != nil {
				t.Fatalf("bench %v: %v\n%s", tc.args, err, out.String())
			}
			t.Logf("%s", out.String())
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("bench %s output lacks %q", tc.args[0], w)
				}
			}
		})
	}
}

// TestBenchFreshDatabaseDropped: `--fresh` drops its throwaway database at the end even when
// DATABASE_URL names a database that does not exist (it is dropped from the server's "postgres"
// database, as it was created); before, the drop connected to DATABASE_URL's database, failed, and
// left a redline_bench_* database behind on every run.
func TestBenchFreshDatabaseDropped(t *testing.T) {
	u, err := url.Parse(pgtest.BaseURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/redline_bench_test_absent"
	t.Setenv("DATABASE_URL", u.String())
	t.Setenv("REDIS_URL", apptest.RedisURL(t))
	t.Setenv("REDLINE_ENV", "dev")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e, err := openPerf(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	fu, err := url.Parse(e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(fu.Path, "/")
	exists := func(db string) bool {
		c, err := pgx.Connect(ctx, pgtest.BaseURL())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		var n int
		if err := c.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", db).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	if !strings.HasPrefix(name, "redline_bench_") || !exists(name) {
		t.Fatalf("fresh database %q was not created", name)
	}
	e.close()
	if exists(name) {
		t.Errorf("fresh database %s is still there after close", name)
	}
	if exists("redline_bench_test_absent") {
		t.Errorf("DATABASE_URL's own database was created")
	}
}

// TestPollWait: bench route counts rarely while much is left and often near the end.
func TestPollWait(t *testing.T) {
	for _, c := range []struct {
		left    int64
		elapsed time.Duration
		want    time.Duration
	}{
		{10000, time.Second, 250 * time.Millisecond}, // nothing routed yet
		{5000, 10 * time.Second, 3 * time.Second},    // 10 s left: capped
		{8000, time.Second, 2 * time.Second},         // 4 s left: half of it
		{10, 10 * time.Second, 100 * time.Millisecond},
	} {
		if got := pollWait(10000, c.left, c.elapsed); got != c.want {
			t.Errorf("pollWait(10000, %d, %s) = %s, want %s", c.left, c.elapsed, got, c.want)
		}
	}
}

// TestBenchMobile: the backlog's debtor mobiles are valid, half of the complaints have one, each
// run finds the same n/20 pairs of likely duplicates within itself and none of another run's.
func TestBenchMobile(t *testing.T) {
	const n = 10000
	seen := map[string]int{}
	withMobile := 0
	for i := 1; i <= n; i++ {
		m := benchMobile(42, i)
		if m == "" {
			continue
		}
		withMobile++
		if !domain.ValidMobile(m) {
			t.Fatalf("complaint %d: %q is not a valid mobile", i, m)
		}
		seen[m]++
	}
	pairs := 0
	for _, k := range seen {
		if k > 2 {
			t.Fatalf("a mobile used %d times", k)
		}
		pairs += k - 1
	}
	if withMobile != n/2 || pairs != n/20 {
		t.Fatalf("%d complaints with a mobile, %d pairs; want %d and %d", withMobile, pairs, n/2, n/20)
	}
	for i := 1; i <= n; i++ {
		if m := benchMobile(43, i); m != "" && seen[m] > 0 {
			t.Fatalf("runs 42 and 43 share the mobile %s", m)
		}
	}
}
