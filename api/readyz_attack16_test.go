package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/redline-regulator/redline/api"
)

// TestReadyzFloodDoesNotReachTheDatabase: /readyz answers anyone without a limit, and each request
// pinged PostgreSQL and Redis: 64 anonymous clients sent 4,100 pings in 3.5 s (found by hand,
// session 16 attack2), each taking a database connection from the pool the requests need. A check
// runs at most once at a time and its result is reused for a second: 200 requests at once run the
// checks once or twice, and the answer is still the checks' (503 while one fails).
func TestReadyzFloodDoesNotReachTheDatabase(t *testing.T) {
	var calls atomic.Int64
	failing := atomic.Bool{}
	check := api.Check{Name: "postgres", Fn: func(context.Context) error {
		calls.Add(1)
		if failing.Load() {
			return context.DeadlineExceeded
		}
		return nil
	}}
	s := api.NewServer(nil, nil, []api.Check{check}, prometheus.NewRegistry())
	get := func() int {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return rec.Code
	}
	var wg sync.WaitGroup
	var bad atomic.Int64
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if get() != http.StatusOK {
				bad.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n > 2 || bad.Load() > 0 {
		t.Errorf("200 requests at once ran the check %d times (%d not 200), want at most 2", n, bad.Load())
	}
	// A failing dependency shows within a second.
	failing.Store(true)
	time.Sleep(1100 * time.Millisecond)
	if code := get(); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the check failing: %d, want 503", code)
	}
}
