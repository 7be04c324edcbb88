package api_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
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
