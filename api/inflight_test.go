package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-regulator/redline/api"
)

// TestInFlightSlotsAreSharedFairly (fourth attack pass): sixteen anonymous connections that sent
// the headers of a /graphql request and part of its body held every REDLINE_MAX_INFLIGHT slot
// until the server's read timeout (60 s), so every other caller waited; and one client with slow
// requests could hold every slot too. A request now takes its slot only once its body is read,
// and one client (user or address) holds at most REDLINE_MAX_INFLIGHT_CLIENT slots at once.
func TestInFlightSlotsAreSharedFairly(t *testing.T) {
	_, ts := protectedServer(t, map[string]string{"REDLINE_MAX_INFLIGHT": "2", "REDLINE_MAX_INFLIGHT_CLIENT": "1",
		"REDLINE_TRUSTED_PROXIES": "127.0.0.1/32,::1/128"})
	srv := ts.Config.Handler.(*api.Server)
	if cap(srv.InFlight) != 2 || srv.InFlightShare != 1 {
		t.Fatalf("in flight %d, share %d: want 2 and 1", cap(srv.InFlight), srv.InFlightShare)
	}
	client := &http.Client{Timeout: 20 * time.Second}
	ask := func(addr string) (int, string, error) {
		r, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
		r.Header.Set("Content-Type", "application/json")
		if addr != "" {
			r.Header.Set("X-Forwarded-For", addr)
		}
		resp, err := client.Do(r)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), nil
	}

	t.Run("UnfinishedBodiesHoldNoSlot", func(t *testing.T) {
		for i := 0; i < 4; i++ { // twice the slots, from as many addresses
			c, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			head := "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n" +
				"X-Forwarded-For: 192.0.2." + string(rune('1'+i)) + "\r\n\r\n{\"query\":\""
			if _, err := c.Write([]byte(head)); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(200 * time.Millisecond) // let the server start reading them
		if code, body, err := ask("198.51.100.9"); err != nil || code != http.StatusOK || !strings.Contains(body, "Query") {
			t.Fatalf("while others trickle their bodies: %d %s %v, want the answer", code, body, err)
		}
	})

	t.Run("OneClientHoldsAtMostItsShare", func(t *testing.T) {
		held, entered := make(chan struct{}), make(chan string, 4)
		next := srv.RequestContext
		srv.RequestContext = func(ctx context.Context) context.Context {
			if addr := api.ClientAddr(ctx); addr == "203.0.113.7" {
				entered <- addr
				<-held
			}
			if next != nil {
				return next(ctx)
			}
			return ctx
		}
		t.Cleanup(func() { srv.RequestContext = next })
		var wg sync.WaitGroup
		for i := 0; i < 2; i++ { // as many slow requests as there are slots
			wg.Add(1)
			go func() {
				defer wg.Done()
				if code, body, err := ask("203.0.113.7"); err != nil || code != http.StatusOK {
					t.Errorf("slow client: %d %s %v", code, body, err)
				}
			}()
		}
		<-entered
		if code, body, err := ask("198.51.100.9"); err != nil || code != http.StatusOK || !strings.Contains(body, "Query") {
			t.Errorf("while another client's requests are slow: %d %s %v, want the answer", code, body, err)
		}
		select {
		case <-entered:
			t.Errorf("the slow client ran a second request at once; its share is one")
		default:
		}
		close(held)
		wg.Wait()
		if n := len(srv.InFlight); n != 0 {
			t.Errorf("%d slots still taken", n)
		}
	})
}

// TestSlowReadsLeaveIntakeItsSlots (issue 14, hardening): every /graphql request held a slot of
// REDLINE_MAX_INFLIGHT for its whole run, so as many slow statistics as there were slots, from a
// few clients each within its share, made every sign-in and filing wait for them. Costly reads
// now run in a lane of their own (REDLINE_MAX_INFLIGHT_COSTLY): here two clients' public figures
// are held in a real slow query (pg_sleep) while a complainant signs in and files; and a client
// with more than four times its share running and waiting is answered 429 at once.
func TestSlowReadsLeaveIntakeItsSlots(t *testing.T) {
	a, ts := protectedServer(t, map[string]string{"REDLINE_MAX_INFLIGHT": "2", "REDLINE_MAX_INFLIGHT_CLIENT": "1",
		"REDLINE_MAX_INFLIGHT_COSTLY": "2", "REDLINE_TRUSTED_PROXIES": "127.0.0.1/32,::1/128"})
	srv := ts.Config.Handler.(*api.Server)
	register(t, a, ts.URL, "alice@example.cn")

	slow := map[string]bool{"203.0.113.7": true, "203.0.113.8": true}
	held, entered := make(chan struct{}), make(chan string, 16)
	var release sync.Once
	let := func() { release.Do(func() { close(held) }) }
	t.Cleanup(let)
	var finished sync.WaitGroup
	next := srv.RequestContext
	srv.RequestContext = func(ctx context.Context) context.Context {
		if slow[api.ClientAddr(ctx)] {
			entered <- api.ClientAddr(ctx)
			// A real slow read: a database connection busy in pg_sleep until the test lets go.
			qctx, cancel := context.WithCancel(ctx)
			go func() { <-held; cancel() }()
			_, _ = a.DB.SQL.ExecContext(qctx, "SELECT pg_sleep(60)")
		}
		if next != nil {
			return next(ctx)
		}
		return ctx
	}
	t.Cleanup(func() { srv.RequestContext = next })
	client := &http.Client{Timeout: 15 * time.Second}
	ask := func(addr, token, query string, vars map[string]any) (int, string, http.Header) {
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		r, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", bytes.NewReader(b))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Forwarded-For", addr)
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(r)
		if err != nil {
			return 0, err.Error(), nil
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), resp.Header
	}
	const figures = `{ publicFigures { __typename } }`
	for addr := range slow { // as many slow reads as the server has slots, one per client
		finished.Add(1)
		go func() {
			defer finished.Done()
			if code, body, _ := ask(addr, "", figures, nil); code != http.StatusOK {
				t.Errorf("slow read of %s: %d %s", addr, code, body)
			}
		}()
	}
	<-entered
	<-entered

	code, body, _ := ask("198.51.100.9", "", `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`,
		map[string]any{"e": "alice@example.cn", "p": "correct-horse-42"})
	var login struct {
		Data struct{ Login struct{ Token string } }
	}
	if _ = json.Unmarshal([]byte(body), &login); code != http.StatusOK || login.Data.Login.Token == "" {
		t.Fatalf("sign-in while two clients' statistics are slow: %d %s, want a token", code, body)
	}
	code, body, _ = ask("198.51.100.9", login.Data.Login.Token, `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
			"narrative": "催收员每天打二十多个电话，还给我父母发短信说我是老赖。", "violations": []any{"THIRD_PARTY_CONTACT"}}})
	if code != http.StatusOK || !strings.Contains(body, `"fileComplaint":{"id"`) {
		t.Fatalf("filing while two clients' statistics are slow: %d %s", code, body)
	}

	// One slow client: one running, three waiting behind it (its share is one, its queue four) ...
	for range 3 {
		finished.Add(1)
		go func() {
			defer finished.Done()
			if code, body, _ := ask("203.0.113.7", "", figures, nil); code != http.StatusOK {
				t.Errorf("queued slow read: %d %s", code, body)
			}
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); gauge(t, srv, "costly", "waiting") < 3; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%v costly requests waiting, want 3", gauge(t, srv, "costly", "waiting"))
		}
	}
	// ... and its fifth is refused at once.
	code, body, h := ask("203.0.113.7", "", figures, nil)
	if code != http.StatusTooManyRequests || h.Get("Retry-After") != "1" || !strings.Contains(body, `"code":"RATE_LIMITED"`) ||
		!strings.Contains(body, "messageZh") {
		t.Errorf("a client's fifth request at once: %d %s (Retry-After %q), want 429 RATE_LIMITED, Retry-After 1", code, body, h.Get("Retry-After"))
	}
	let()
	finished.Wait()
	if n := len(srv.InFlight) + len(srv.InFlightCostly); n != 0 {
		t.Errorf("%d slots still taken", n)
	}
}

// gauge reads redline_inflight_requests of a lane and state.
func gauge(t *testing.T, srv *api.Server, lane, state string) float64 {
	t.Helper()
	mfs, err := srv.Metrics.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "redline_inflight_requests" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["lane"] == lane && labels["state"] == state {
				return m.GetGauge().GetValue()
			}
		}
	}
	return 0
}

// TestTokenIsVerifiedOnce (issue 14, hardening): a request's bearer token was verified twice, once
// to name its client's share of the slots and once more to authenticate it inside the slot. It is
// now verified once and the result passed along: the verifications are counted by the clock they
// read (the expiry check reads it once per verification).
func TestTokenIsVerifiedOnce(t *testing.T) {
	a, ts := protectedServer(t, map[string]string{"REDLINE_MAX_INFLIGHT": "4"})
	srv := ts.Config.Handler.(*api.Server)
	token := register(t, a, ts.URL, "alice@example.cn")
	var reads atomic.Int64
	now := srv.Tokens.Now
	srv.Tokens.Now = func() time.Time { reads.Add(1); return now() }
	t.Cleanup(func() { srv.Tokens.Now = now })
	if _, err := srv.Tokens.Parse(token); err != nil {
		t.Fatal(err)
	}
	perVerification := reads.Swap(0)
	if perVerification == 0 {
		t.Fatal("a verification reads no clock")
	}
	for _, q := range []string{`{ me { email } }`, `{ publicFigures { __typename } }`} { // either lane
		reads.Store(0)
		if resp, errs, _ := post(t, ts.URL, token, q, nil); resp.StatusCode != http.StatusOK || len(errs) > 0 {
			t.Fatalf("%s: %d %+v", q, resp.StatusCode, errs)
		}
		if n := reads.Load(); n != perVerification {
			t.Errorf("%s: the token was verified %d times, want once", q, n/perVerification)
		}
	}
}

// TestQueuedRequestsWaitABoundedTime (session 12's attack by hand): a request queued for a slot
// waited until its client gave up — with every slot held by slow requests, a sign-in hung for as
// long as they ran and its connection with it. It now waits at most REDLINE_MAX_INFLIGHT_WAIT, in
// either lane, and is then answered 503 UNAVAILABLE with a Retry-After and a message in both
// languages; the slots it waited for are untouched, and the server answers again once they are free.
func TestQueuedRequestsWaitABoundedTime(t *testing.T) {
	_, ts := protectedServer(t, map[string]string{"REDLINE_MAX_INFLIGHT": "1", "REDLINE_MAX_INFLIGHT_CLIENT": "1",
		"REDLINE_MAX_INFLIGHT_COSTLY": "1", "REDLINE_MAX_INFLIGHT_WAIT": "200ms", "REDLINE_TRUSTED_PROXIES": "127.0.0.1/32,::1/128"})
	srv := ts.Config.Handler.(*api.Server)
	if srv.InFlightWait != 200*time.Millisecond {
		t.Fatalf("InFlightWait %v, want 200ms", srv.InFlightWait)
	}
	held, entered := make(chan struct{}), make(chan string, 4)
	var release sync.Once
	let := func() { release.Do(func() { close(held) }) }
	t.Cleanup(let)
	next := srv.RequestContext
	srv.RequestContext = func(ctx context.Context) context.Context {
		if addr := api.ClientAddr(ctx); addr == "203.0.113.7" {
			entered <- addr
			<-held // a request that runs until the test lets go
		}
		if next != nil {
			return next(ctx)
		}
		return ctx
	}
	t.Cleanup(func() { srv.RequestContext = next })
	client := &http.Client{Timeout: 20 * time.Second}
	do := func(method, path, addr, body string) (int, http.Header, map[string]any) {
		r, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Forwarded-For", addr)
		resp, err := client.Do(r)
		if err != nil {
			t.Error(err)
			return 0, http.Header{}, nil
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, resp.Header, out
	}
	graphQL := func(addr, query string) (int, http.Header, map[string]any) {
		return do(http.MethodPost, "/graphql", addr, `{"query":"`+query+`"}`)
	}
	var finished sync.WaitGroup
	for _, q := range []string{"{ __typename }", "{ publicFigures { __typename } }"} { // one slow request in each lane
		finished.Add(1)
		go func() {
			defer finished.Done()
			if code, _, body := graphQL("203.0.113.7", q); code != http.StatusOK {
				t.Errorf("the slow request %s: %d %v", q, code, body)
			}
		}()
	}
	<-entered
	<-entered

	busy := func(t *testing.T, code int, h http.Header, code2, zh any) {
		t.Helper()
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") != "5" || code2 != "UNAVAILABLE" || zh == nil || zh == "" {
			t.Errorf("a request that waited too long: %d, Retry-After %q, code %v, messageZh %v; want 503, 5, UNAVAILABLE and a Chinese message",
				code, h.Get("Retry-After"), code2, zh)
		}
	}
	ext := func(body map[string]any) map[string]any {
		errs, _ := body["errors"].([]any)
		if len(errs) == 0 {
			return map[string]any{}
		}
		e, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
		return e
	}
	t.Run("GeneralLane", func(t *testing.T) {
		code, h, body := graphQL("198.51.100.9", "{ __typename }")
		busy(t, code, h, ext(body)["code"], ext(body)["messageZh"])
	})
	t.Run("BehindItsOwnRequest", func(t *testing.T) {
		code, h, body := graphQL("203.0.113.7", "{ __typename }")
		busy(t, code, h, ext(body)["code"], ext(body)["messageZh"])
	})
	t.Run("CostlyLane", func(t *testing.T) {
		code, h, body := graphQL("198.51.100.9", "{ publicFigures { __typename } }")
		busy(t, code, h, ext(body)["code"], ext(body)["messageZh"])
	})
	t.Run("Export", func(t *testing.T) {
		code, h, body := do(http.MethodGet, "/public/complaints.csv", "198.51.100.9", "")
		busy(t, code, h, body["code"], body["messageZh"])
	})
	let()
	finished.Wait()
	if n := len(srv.InFlight) + len(srv.InFlightCostly); n != 0 {
		t.Errorf("%d slots still taken", n)
	}
	if code, _, body := graphQL("198.51.100.9", "{ __typename }"); code != http.StatusOK {
		t.Errorf("once the slots are free: %d %v, want the answer", code, body)
	}
}
