package app_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/workers"
)

// /metrics is not the public's: it is served on its own listener (METRICS_ADDR), and on the public
// one only with a token (METRICS_TOKEN), which it then asks for.

// runWithMetrics runs serve with a public and a metrics listener and returns their base URLs.
func runWithMetrics(t *testing.T, token string) (public, metrics string) {
	t.Helper()
	cfg := apptest.Config(t)
	cfg.MetricsToken = token
	ctx, cancel := context.WithCancel(context.Background())
	a := apptest.Open(ctx, t, cfg, 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, app.Roles{Serve: true, Listener: ln, MetricsListener: mln}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(40 * time.Second):
			t.Error("the platform did not stop within 40s")
		}
		a.Close()
	})
	return "http://" + ln.Addr().String(), "http://" + mln.Addr().String()
}

// get sends GET url with the bearer token (none when ""), and returns the status and the body.
func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestMetricsOnTheirOwnListener(t *testing.T) {
	public, metrics := runWithMetrics(t, "")
	if code, _ := get(t, public+"/healthz", ""); code != http.StatusOK {
		t.Fatalf("healthz: %d", code)
	}
	if code, body := get(t, public+"/metrics", ""); code != http.StatusNotFound || strings.Contains(body, "redline_http_requests_total") {
		t.Errorf("public /metrics: %d %.80q, want 404 without metrics", code, body)
	}
	code, body := get(t, metrics+"/metrics", "")
	if code != http.StatusOK || !strings.Contains(body, `redline_http_requests_total{route="/healthz",status="200"} 1`) || !strings.Contains(body, "go_goroutines") {
		t.Errorf("metrics listener /metrics: %d, want 200 with the public listener's request counted: %.300s", code, body)
	}
	for _, p := range []string{"/graphql", "/healthz", "/", "/metrics/x"} {
		if code, _ := get(t, metrics+p, ""); code != http.StatusNotFound {
			t.Errorf("metrics listener %s: %d, want 404 (it serves /metrics only)", p, code)
		}
	}
}

func TestMetricsToken(t *testing.T) {
	const token = "metrics-token-0123456789abcdef"
	public, metrics := runWithMetrics(t, token)
	for _, base := range []string{public, metrics} {
		for _, c := range []struct {
			name, token string
			want        int
		}{{"none", "", http.StatusUnauthorized}, {"wrong", token + "x", http.StatusUnauthorized}, {"prefix", token[:20], http.StatusUnauthorized}, {"right", token, http.StatusOK}} {
			code, body := get(t, base+"/metrics", c.token)
			if code != c.want {
				t.Errorf("%s/metrics with %s token: %d, want %d", base, c.name, code, c.want)
			}
			if got := strings.Contains(body, "go_goroutines"); got != (c.want == http.StatusOK) {
				t.Errorf("%s/metrics with %s token: metrics in the body %v", base, c.name, got)
			}
		}
	}
}

func TestMetricsConfigFromEnv(t *testing.T) {
	t.Setenv("REDLINE_ENV", "dev")
	for _, c := range []struct {
		name, addr, token string
		set               bool
		wantAddr          string
		wantErr           bool
	}{
		{name: "default", wantAddr: app.DefaultMetricsAddr},
		{name: "off", addr: "off", set: true, wantAddr: ""},
		{name: "given", addr: ":9100", set: true, wantAddr: ":9100"},
		{name: "short token", token: "short", wantAddr: app.DefaultMetricsAddr, wantErr: true},
		{name: "token", token: "0123456789abcdef0123", wantAddr: app.DefaultMetricsAddr},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("METRICS_TOKEN", c.token)
			t.Setenv("METRICS_ADDR", c.addr) // restored after the test
			if !c.set {
				os.Unsetenv("METRICS_ADDR")
			}
			cfg, err := app.ConfigFromEnv()
			if (err != nil) != c.wantErr {
				t.Fatalf("err %v, want error %v", err, c.wantErr)
			}
			if err == nil && (cfg.MetricsAddr != c.wantAddr || cfg.MetricsAddrSet != c.set || cfg.MetricsToken != c.token) {
				t.Errorf("addr %q (set %v) token %q, want %q (set %v) %q", cfg.MetricsAddr, cfg.MetricsAddrSet, cfg.MetricsToken, c.wantAddr, c.set, c.token)
			}
		})
	}
}

// TestWebhookPortsFromEnv: REDLINE_WEBHOOK_PORTS lists the ports production webhook URLs may name;
// 443 alone by default.
func TestWebhookPortsFromEnv(t *testing.T) {
	t.Setenv("REDLINE_ENV", "dev")
	for _, tc := range []struct {
		v    string
		want []int
		err  bool
	}{{"", []int{443}, false}, {"443, 8443", []int{443, 8443}, false}, {"8443", []int{8443}, false},
		{"0", nil, true}, {"65536", nil, true}, {"443,443", nil, true}, {"https", nil, true}} {
		t.Setenv("REDLINE_WEBHOOK_PORTS", tc.v)
		c, err := app.ConfigFromEnv()
		if (err != nil) != tc.err || (!tc.err && !slices.Equal(c.Notify.WebhookPorts, tc.want)) {
			t.Errorf("REDLINE_WEBHOOK_PORTS=%q: %v, %v; want %v (error %v)", tc.v, c.Notify.WebhookPorts, err, tc.want, tc.err)
		}
	}
}

// TestWebhookConcurrencyFromEnv: REDLINE_WEBHOOK_CONCURRENCY is a whole number of at least 1
// (default workers.DefaultWebhookConcurrency); anything else stops the process at start with an
// error that names the variable and the value, rather than running with no webhook workers or a
// number read half.
func TestWebhookConcurrencyFromEnv(t *testing.T) {
	t.Setenv("REDLINE_ENV", "dev")
	for _, tc := range []struct {
		v    string
		want int
		err  bool
	}{{"", workers.DefaultWebhookConcurrency, false}, {"1", 1, false}, {"16", 16, false},
		{"0", 0, true}, {"-1", 0, true}, {"4.5", 0, true}, {"1e3", 0, true}, {" 4", 0, true}, {"4 ", 0, true},
		{"four", 0, true}, {"99999999999999999999", 0, true}, {"0x10", 0, true}} {
		t.Setenv("REDLINE_WEBHOOK_CONCURRENCY", tc.v)
		c, err := app.ConfigFromEnv()
		if tc.err {
			if err == nil || !strings.Contains(err.Error(), "REDLINE_WEBHOOK_CONCURRENCY") || !strings.Contains(err.Error(), strconv.Quote(tc.v)) {
				t.Errorf("REDLINE_WEBHOOK_CONCURRENCY=%q: %v; want an error naming the variable and the value", tc.v, err)
			}
			continue
		}
		if err != nil || c.WebhookConcurrency != tc.want {
			t.Errorf("REDLINE_WEBHOOK_CONCURRENCY=%q: %d, %v; want %d", tc.v, c.WebhookConcurrency, err, tc.want)
		}
	}
}
