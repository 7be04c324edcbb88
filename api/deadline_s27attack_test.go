package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// TestGraphQLDeadlineLeavesTimeToAnswer (session 27, attack; round 21's leftover): a /graphql
// request's clock started once it held its slot, so the body's reading and the slot wait (up to
// REDLINE_MAX_INFLIGHT_WAIT, 5 minutes at most) came on top of REDLINE_REQUEST_TIMEOUT, and a COMMIT
// begun just before the deadline may take 10 s more: 45 s after a 10 s wait, plus the COMMIT, passed
// the HTTP server's 60 s write timeout (counted from the request's headers), and the client was cut
// off without its TIMEOUT answer. The deadline is now never later than answerReserve before the
// write timeout, counted from the request's arrival.
func TestGraphQLDeadlineLeavesTimeToAnswer(t *testing.T) {
	at := time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC)
	latest := at.Add(HTTPWriteTimeout - answerReserve)
	for _, c := range []struct {
		name    string
		waited  time.Duration
		timeout time.Duration
		want    time.Time
	}{
		{"no wait, the default timeout", 0, DefaultRequestTimeout, at.Add(DefaultRequestTimeout)},
		{"the default 10 s wait and timeout", 10 * time.Second, DefaultRequestTimeout, latest},
		{"the longest timeout", 0, MaxRequestTimeout, latest},
		{"a wait past the write timeout", 70 * time.Second, DefaultRequestTimeout, latest},
		{"a short timeout after a wait", 20 * time.Second, time.Second, at.Add(21 * time.Second)},
	} {
		got := graphQLDeadline(at, at.Add(c.waited), c.timeout)
		if !got.Equal(c.want) {
			t.Errorf("%s: deadline %v after arrival, want %v", c.name, got.Sub(at), c.want.Sub(at))
		}
		// Stopped at the deadline, a COMMIT of 10 s and the answer still fit in the write timeout.
		if end := got.Add(answerReserve); end.After(at.Add(HTTPWriteTimeout)) {
			t.Errorf("%s: answered at the latest %v after arrival, past the %v write timeout", c.name, end.Sub(at), HTTPWriteTimeout)
		}
	}
	// Without an arrival (a caller outside the handler), the timeout alone.
	if got := graphQLDeadline(time.Time{}, at, time.Second); !got.Equal(at.Add(time.Second)) {
		t.Errorf("without an arrival: %v", got)
	}
	// An upload stopped at its deadline is still answered before its write deadline.
	if uploadWriteTimeout < uploadMaxDuration+answerReserve {
		t.Errorf("an upload's write deadline %v is not past its %v deadline by %v", uploadWriteTimeout, uploadMaxDuration, answerReserve)
	}
}

// TestSlotWaitEndsWhileTheAnswerFits: a /graphql request waiting for its slot under a
// REDLINE_MAX_INFLIGHT_WAIT longer than the write timeout is told busy once an answer would no
// longer fit, not cut off by the write timeout.
func TestSlotWaitEndsWhileTheAnswerFits(t *testing.T) {
	s := NewServer(nil, nil, nil, prometheus.NewRegistry())
	s.InFlight, s.InFlightShare, s.InFlightWait = make(chan struct{}, 1), 1, 5*time.Minute
	first := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	first.RemoteAddr = "192.0.2.1:1234"
	_, release, _, ok := s.takeSlot(first, credentials{}, false)
	if !ok {
		t.Fatal("the first request got no slot")
	}
	defer release()
	// A request that arrived 47.5 s ago may wait 0.5 s more.
	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	r.RemoteAddr = "192.0.2.2:1234"
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second) // without the bound, the client gives up first
	defer cancel()
	r = r.WithContext(context.WithValue(ctx, arrivedKey{}, time.Now().Add(-(HTTPWriteTimeout - answerReserve - 500*time.Millisecond))))
	start := time.Now()
	_, _, refused, ok := s.takeSlot(r, credentials{}, false)
	if ok || refused == nil || !refused.busy {
		t.Errorf("the waiting request: ok %v, refused %+v; want refused as busy", ok, refused)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("it waited %v, want about 0.5 s", took)
	}
}
