package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestMaxInFlight: REDLINE_MAX_INFLIGHT reads as the bound of /graphql requests at once (default
// 16, 0 for none, anything else refused); with the bound reached a request waits, and one whose
// client went away meanwhile leaves without running (its authentication is never looked at);
// with a slot free it runs, and gives the slot back.
func TestMaxInFlight(t *testing.T) {
	t.Setenv("REDLINE_ENV", "dev")
	for _, tc := range []struct {
		v    string
		want int
		err  bool
	}{{"", app.DefaultMaxInFlight, false}, {"0", 0, false}, {"4", 4, false}, {"-1", 0, true}, {"many", 0, true}} {
		t.Setenv("REDLINE_MAX_INFLIGHT", tc.v)
		c, err := app.ConfigFromEnv()
		if (err != nil) != tc.err || (!tc.err && c.MaxInFlight != tc.want) {
			t.Errorf("REDLINE_MAX_INFLIGHT=%q: %d, %v; want %d (error %v)", tc.v, c.MaxInFlight, err, tc.want, tc.err)
		}
	}
	// One client's share: a quarter of the slots by default, at least one.
	for _, tc := range []struct {
		all, client string
		want        int
		err         bool
	}{{"", "", 4, false}, {"2", "", 1, false}, {"16", "8", 8, false}, {"16", "0", 0, true}, {"16", "x", 0, true}} {
		t.Setenv("REDLINE_MAX_INFLIGHT", tc.all)
		t.Setenv("REDLINE_MAX_INFLIGHT_CLIENT", tc.client)
		c, err := app.ConfigFromEnv()
		if (err != nil) != tc.err || (!tc.err && c.MaxInFlightClient != tc.want) {
			t.Errorf("REDLINE_MAX_INFLIGHT=%q REDLINE_MAX_INFLIGHT_CLIENT=%q: %d, %v; want %d (error %v)", tc.all, tc.client, c.MaxInFlightClient, err, tc.want, tc.err)
		}
	}
	t.Setenv("REDLINE_MAX_INFLIGHT_CLIENT", "")
	// The costly reads' lane: a quarter of the slots by default, at least one; 0 for none (and
	// none by default without a bound).
	for _, tc := range []struct {
		all, costly string
		want        int
		err         bool
	}{{"", "", 4, false}, {"2", "", 1, false}, {"0", "", 0, false}, {"16", "0", 0, false}, {"16", "6", 6, false}, {"16", "-1", 0, true}, {"16", "x", 0, true}} {
		t.Setenv("REDLINE_MAX_INFLIGHT", tc.all)
		t.Setenv("REDLINE_MAX_INFLIGHT_COSTLY", tc.costly)
		c, err := app.ConfigFromEnv()
		if (err != nil) != tc.err || (!tc.err && c.MaxInFlightCostly != tc.want) {
			t.Errorf("REDLINE_MAX_INFLIGHT=%q REDLINE_MAX_INFLIGHT_COSTLY=%q: %d, %v; want %d (error %v)", tc.all, tc.costly, c.MaxInFlightCostly, err, tc.want, tc.err)
		}
	}
	t.Setenv("REDLINE_MAX_INFLIGHT_COSTLY", "")
	// How long a request waits for its slots: 10 s by default, a duration between 100ms and 5m.
	for _, tc := range []struct {
		v    string
		want time.Duration
		err  bool
	}{{"", api.DefaultInFlightWait, false}, {"2s", 2 * time.Second, false}, {"100ms", 100 * time.Millisecond, false},
		{"0", 0, true}, {"0s", 0, true}, {"-1s", 0, true}, {"10", 0, true}, {"6m", 0, true}, {"soon", 0, true}} {
		t.Setenv("REDLINE_MAX_INFLIGHT_WAIT", tc.v)
		c, err := app.ConfigFromEnv()
		if (err != nil) != tc.err || (!tc.err && c.MaxInFlightWait != tc.want) ||
			(tc.err && (err == nil || !strings.Contains(err.Error(), "REDLINE_MAX_INFLIGHT_WAIT"))) {
			t.Errorf("REDLINE_MAX_INFLIGHT_WAIT=%q: %v, %v; want %v (error %v, naming the variable)", tc.v, c.MaxInFlightWait, err, tc.want, tc.err)
		}
	}
	t.Setenv("REDLINE_MAX_INFLIGHT_WAIT", "")
	ctx := context.Background()
	cfg := apptest.Config(t)
	cfg.MaxInFlight = 1
	a := apptest.Open(ctx, t, cfg, 0)
	t.Cleanup(a.Close)
	h, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv, ok := h.(*api.Server)
	if !ok || cap(srv.InFlight) != 1 {
		t.Fatalf("handler %T, in flight %d: want an *api.Server bounded at 1", h, cap(srv.InFlight))
	}
	request := func(ctx context.Context) *httptest.ResponseRecorder {
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ me { id } }"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer not-a-token")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	srv.InFlight <- struct{}{} // another request runs
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if w := request(gone); w.Body.Len() != 0 {
		t.Errorf("a request whose client left while waiting was answered %d %s", w.Code, w.Body)
	}
	<-srv.InFlight // it ends
	if w := request(ctx); w.Code != http.StatusUnauthorized {
		t.Errorf("with a free slot: %d %s, want 401 for the bad token", w.Code, w.Body)
	}
	if n := len(srv.InFlight); n != 0 {
		t.Errorf("%d slots still taken after the request", n)
	}
}
