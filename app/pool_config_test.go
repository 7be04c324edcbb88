package app

import (
	"runtime"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain/postgres"
)

func TestPoolFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name, conns, idle string
		want              postgres.Pool
		err               bool
	}{
		{"Default", "", "", postgres.DefaultPool, false},
		{"Custom", "64", "90s", postgres.Pool{MaxConns: 64, MaxIdleTime: 90 * time.Second}, false},
		{"ErrZeroConns", "0", "", postgres.Pool{}, true},
		{"ErrNotADuration", "", "five minutes", postgres.Pool{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("REDLINE_DB_MAX_CONNS", tc.conns)
			t.Setenv("REDLINE_DB_MAX_IDLE_TIME", tc.idle)
			got, err := poolFromEnv()
			if tc.err {
				if err == nil {
					t.Fatalf("got %+v, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// TestWorkerConcurrencyFromEnv: without REDLINE_WORKER_CONCURRENCY a work process runs two task
// goroutines per core, at least 4 (workers.DefaultConcurrency: on two cores 4, not 10, each
// goroutine more costing CPU per routed complaint on both sides); the variable still decides.
func TestWorkerConcurrencyFromEnv(t *testing.T) {
	t.Setenv("REDLINE_ENV", "dev")
	for _, tc := range []struct {
		name, env string
		procs     int
		want      int
	}{
		{"TwoCores", "", 2, 4},
		{"OneCore", "", 1, 4},
		{"EightCores", "", 8, 16},
		{"Set", "10", 2, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tc.procs))
			t.Setenv("REDLINE_WORKER_CONCURRENCY", tc.env)
			c, err := ConfigFromEnv()
			if err != nil || c.Concurrency != tc.want {
				t.Fatalf("concurrency %d, %v; want %d", c.Concurrency, err, tc.want)
			}
		})
	}
}
