package app_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/pii"
)

// TestWebhookURLChecksOnAProductionServer (session 12's attack by hand): the production webhook
// checks — https only, port 443, public addresses, no credentials or fragment — were unit-tested
// in domain and workers only. Here they hold on a whole platform started with REDLINE_ENV=production
// (API, workers and relay wired as `serve` and `work` wire them): every hostile URL is refused over
// GraphQL with its reason and nothing is stored, a public address is accepted, and a loopback URL
// already stored (as one saved before a rule tightened) is never connected to when a ping is
// delivered: the delivery fails for good, and the receiver listening there sees no connection.
func TestWebhookURLChecksOnAProductionServer(t *testing.T) {
	ctx := context.Background()
	kr, err := pii.ParseKeyRing("k1:"+pii.GenerateKey(), pii.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	cfg := apptest.Config(t)
	cfg.Security.Keys = kr
	seeded := apptest.Open(ctx, t, cfg, 0) // the demo accounts, written in dev (production refuses them)
	seeded.Close()
	cfg.Env, cfg.Secret = "production", []byte(strings.Repeat("p", 32))
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Authorize(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx, app.Roles{Serve: true, Work: true, Schedule: true, Listener: ln}) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		a.Close()
	})
	env := &apptest.Env{App: a, URL: "http://" + ln.Addr().String()}
	if h := env.Do(t, "", `{ __schema { queryType { name } } }`, nil); h.Code() != "FORBIDDEN" {
		t.Fatalf("anonymous introspection: %q, want FORBIDDEN (is the server in production?)", h.Code())
	}
	admin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	inst := env.MustDo(t, admin, `{ me { institutionId } }`, nil)["me"].(map[string]any)["institutionId"].(string)
	const set = `mutation($i: ID!, $u: String!){ setInstitutionWebhook(institutionId: $i, url: $u){ url } }`
	stored := func() int64 {
		var n int64
		a.DB.Gorm.Raw(`SELECT count(*) FROM institution_webhooks`).Scan(&n)
		return n
	}

	for _, tc := range []struct{ url, reason string }{
		{"http://93.184.216.34/hook", "HTTPS_REQUIRED"},
		{"https://127.0.0.1/hook", "NOT_PUBLIC"},
		{"https://localhost/hook", "NOT_PUBLIC"},
		{"https://api.localhost/hook", "NOT_PUBLIC"},
		{"https://10.1.2.3/hook", "NOT_PUBLIC"},
		{"https://169.254.169.254/latest/meta-data/", "NOT_PUBLIC"},
		{"https://100.64.0.1/hook", "NOT_PUBLIC"},
		{"https://[::1]/hook", "NOT_PUBLIC"},
		{"https://[::ffff:127.0.0.1]/hook", "NOT_PUBLIC"},
		{"https://[64:ff9b::a00:1]/hook", "NOT_PUBLIC"},
		{"https://[fe80::1%25eth0]/hook", "NOT_PUBLIC"},
		{"https://93.184.216.34:8443/hook", "PORT_NOT_ALLOWED"},
		{"https://93.184.216.34:25/hook", "PORT_NOT_ALLOWED"},
		{"https://user:pw@93.184.216.34/hook", "MALFORMED"},
		{"https://93.184.216.34:443@127.0.0.1/hook", "MALFORMED"},
		{"https://93.184.216.34/hook#x", "MALFORMED"},
		{"ftp://93.184.216.34/hook", "MALFORMED"},
		{"https:///hook", "MALFORMED"},
		{"https://no-such-host.invalid/hook", "UNRESOLVABLE"},
	} {
		r := env.Do(t, admin, set, map[string]any{"i": inst, "u": tc.url})
		reason := ""
		if len(r.Errors) > 0 {
			reason, _ = r.Errors[0].Extensions["reason"].(string)
		}
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "url" || reason != tc.reason {
			t.Errorf("%s: %s on %q, reason %q; want BAD_USER_INPUT on url, %s", tc.url, r.Code(), r.Field(), reason, tc.reason)
		}
	}
	if n := stored(); n != 0 {
		t.Fatalf("%d webhooks stored after the refusals, want 0", n)
	}
	env.MustDo(t, admin, set, map[string]any{"i": inst, "u": "https://93.184.216.34/hook"}) // a public address, port 443
	if n := stored(); n != 1 {
		t.Fatalf("%d webhooks stored, want the public one", n)
	}

	// A loopback receiver, stored as if before the checks: a ping's delivery never reaches it.
	var connections atomic.Int64
	receiver := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	receiver.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			connections.Add(1)
		}
	}
	receiver.StartTLS()
	t.Cleanup(receiver.Close)
	if err := a.DB.Gorm.Exec(`UPDATE institution_webhooks SET url = ? WHERE institution_id = ?`, receiver.URL+"/hook", inst).Error; err != nil {
		t.Fatal(err)
	}
	env.MustDo(t, admin, `mutation($i: ID!){ pingInstitutionWebhook(institutionId: $i) }`, map[string]any{"i": inst})
	status := func() string {
		d := env.MustDo(t, admin, `query($i: ID!){ webhookDeliveries(institutionId: $i) { edges { node { status } } } }`, map[string]any{"i": inst})
		edges := d["webhookDeliveries"].(map[string]any)["edges"].([]any)
		if len(edges) == 0 {
			return ""
		}
		return edges[0].(map[string]any)["node"].(map[string]any)["status"].(string)
	}
	apptest.Eventually(t, 30*time.Second, "the ping's delivery to fail", func() bool { return status() == "FAILED" })
	if n := connections.Load(); n != 0 {
		t.Errorf("the loopback receiver saw %d connections, want none", n)
	}
}
