package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// The bound of requests at once is shared fairly, in two lanes. A request takes its slot only once
// its body has been read (a client that trickles a body, or never finishes it, holds a connection
// and nothing else), and gives it back before its answer is written (a client that does not read
// its answer holds nothing either).
//
// Lanes: a costly read — statistics, the public dataset, a text search of complaints, message
// analysis (graph.Executor.Costly), and the CSV exports — waits for and holds a slot of the costly
// lane (Server.InFlightCostly, REDLINE_MAX_INFLIGHT_COSTLY), never one of the general lane
// (Server.InFlight) where people sign in and file: however many slow statistics run, they hold at
// most the costly lane's slots and the filings go on.
//
// Shares: in each lane one client — a signed-in user, or a client address for callers without a
// token — holds at most its share of the slots at once (InFlightShare, InFlightCostlyShare); its
// further requests wait their turn behind its own, not in front of everyone else's. A client with
// more than shareQueue times its share running and waiting is answered at once with 429
// RATE_LIMITED and a Retry-After, rather than queued without end.
//
// Waiting: a request waits for its slots at most Server.InFlightWait (REDLINE_MAX_INFLIGHT_WAIT),
// then is answered 503 UNAVAILABLE with a Retry-After: a server that cannot start a request within
// that time is overloaded, and a client told when to come back does better than one left hanging
// until its own timeout (and the connection held as long).

// shareQueue bounds a client's requests in a lane, running and waiting, at shareQueue times its
// share: the portal's busiest page (the analyst's dashboard) sends four costly reads at once.
const shareQueue = 4

// inFlightRetryAfter is the Retry-After of a request refused for its client's share: one slot of
// the client's is likely free again by then.
const inFlightRetryAfter = time.Second

// DefaultInFlightWait is the default REDLINE_MAX_INFLIGHT_WAIT: about twice the statement timeout,
// time for the requests ahead in a lane to finish when the server is only busy.
const DefaultInFlightWait = 10 * time.Second

// busyRetryAfter is the Retry-After, in seconds, of a request that waited InFlightWait in vain.
const busyRetryAfter = 5

// errBusy answers a request that waited InFlightWait for a slot in vain.
var errBusy = &domain.Error{Code: domain.CodeUnavailable,
	Message:   fmt.Sprintf("the server is busy; try again in %d seconds", busyRetryAfter),
	MessageZH: fmt.Sprintf("服务器繁忙，请%d秒后重试", busyRetryAfter)}

// writeBusy answers 503 UNAVAILABLE with Retry-After to a request that waited InFlightWait for a
// slot in vain: in GraphQL's error shape, or in the exports' (graphQL false).
func writeBusy(w http.ResponseWriter, contentType string, graphQL bool) {
	w.Header().Set("Retry-After", strconv.Itoa(busyRetryAfter))
	w.Header().Set("Cache-Control", "no-store")
	if !graphQL {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"code": string(errBusy.Code), "message": errBusy.Message,
			"messageZh": errBusy.MessageZH, "retryAfterSeconds": busyRetryAfter})
		return
	}
	writeJSONAs(w, contentType, http.StatusServiceUnavailable, map[string]any{"errors": []map[string]any{{"message": errBusy.Message,
		"extensions": map[string]any{"code": string(errBusy.Code), "messageZh": errBusy.MessageZH, "retryAfterSeconds": busyRetryAfter}}}})
}

// clientShares counts the slots each client holds in a lane: a semaphore per client, made when a
// client's first request arrives and dropped when its last one leaves.
type clientShares struct {
	mu sync.Mutex
	m  map[string]*share
}

type share struct {
	slots   chan struct{}
	waiters int // requests holding or waiting for one of slots
}

// acquire waits for one of the n slots of client key; it answers refused when the client already
// has limit requests holding or waiting, and false if ctx ends first. A successful acquire is
// followed by exactly one release.
func (c *clientShares) acquire(ctx context.Context, key string, n, limit int) (ok, refused bool) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*share{}
	}
	sh := c.m[key]
	if sh == nil {
		sh = &share{slots: make(chan struct{}, n)}
		c.m[key] = sh
	}
	if sh.waiters >= limit {
		c.mu.Unlock()
		return false, true
	}
	sh.waiters++
	c.mu.Unlock()
	select {
	case sh.slots <- struct{}{}:
		return true, false
	case <-ctx.Done():
		c.leave(key, sh)
		return false, false
	}
}

// release gives back a slot of client key.
func (c *clientShares) release(key string) {
	c.mu.Lock()
	sh := c.m[key]
	c.mu.Unlock()
	<-sh.slots
	c.leave(key, sh)
}

func (c *clientShares) leave(key string, sh *share) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sh.waiters--; sh.waiters == 0 {
		delete(c.m, key)
	}
}

// credentials are a request's bearer token, verified once (signature, issuer, expiry) before the
// request takes a slot: its user names the client's share, and authenticate then checks the
// token's session, inside the slot, from them without verifying the token again.
type credentials struct {
	present bool         // an Authorization header was sent
	actor   domain.Actor // the token's claims, when err is nil
	err     error
}

type credentialsKey struct{}

// credentialsOf verifies a request's bearer token, or answers those that the request's context
// already carries.
func (s *Server) credentialsOf(r *http.Request) credentials {
	if c, ok := r.Context().Value(credentialsKey{}).(credentials); ok {
		return c
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return credentials{}
	}
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return credentials{present: true, err: &domain.Error{Code: domain.CodeUnauthenticated,
			Message: "use an Authorization: Bearer <token> header", MessageZH: "请使用Bearer令牌"}}
	}
	a, err := s.Tokens.Parse(strings.TrimSpace(tok))
	return credentials{present: true, actor: a, err: err}
}

// shareKey names the client a request's slot is counted against: the user its bearer token
// names when the token's signature holds (the session is checked later, inside the slot), else
// its client address.
func shareKey(r *http.Request, c credentials) string {
	if c.present && c.err == nil && c.actor.UserID != 0 {
		return "user:" + strconv.FormatInt(c.actor.UserID, 10)
	}
	return "addr:" + ClientAddr(r.Context())
}

// lane is one of the server's two lanes: its slots, a client's share of them, the shares held.
type lane struct {
	name   string
	slots  chan struct{}
	share  int
	shares *clientShares
}

// lane is the lane of a request: the costly one for a costly request when the server has one.
func (s *Server) lane(costly bool) lane {
	if costly && s.InFlightCostly != nil {
		return lane{"costly", s.InFlightCostly, s.InFlightCostlyShare, &s.costlyShares}
	}
	return lane{"general", s.InFlight, s.InFlightShare, &s.shares}
}

// slotRefusal is why a request got no slot: its client has too many requests in the lane
// already (limited), or it waited InFlightWait in vain (busy).
type slotRefusal struct {
	limited *RateLimitedError
	busy    bool
}

// takeSlot waits for a slot of the client's share in the request's lane and then one of the
// lane's, at most InFlightWait in all; it answers a function that gives both back. It answers a
// refusal when the client has too many requests in the lane already or the wait ran out, and
// false (neither slot nor refusal) when the client went away while waiting. The request's
// context then carries its verified credentials.
func (s *Server) takeSlot(r *http.Request, c credentials, costly bool) (*http.Request, func(), *slotRefusal, bool) {
	r = r.WithContext(context.WithValue(r.Context(), credentialsKey{}, c))
	l := s.lane(costly)
	if l.slots == nil {
		return r, func() {}, nil, true
	}
	key, n := shareKey(r, c), l.share
	if n <= 0 || n > cap(l.slots) {
		n = cap(l.slots)
	}
	wait := r.Context()
	if s.InFlightWait > 0 {
		// A /graphql request waits no longer than it could still be answered in (graphQLDeadline):
		// a longer REDLINE_MAX_INFLIGHT_WAIT is told busy rather than cut off by the write timeout.
		until := time.Now().Add(s.InFlightWait)
		if arrived, ok := r.Context().Value(arrivedKey{}).(time.Time); ok {
			until = graphQLDeadline(arrived, time.Now(), s.InFlightWait)
		}
		var cancel context.CancelFunc
		wait, cancel = context.WithDeadline(wait, until)
		defer cancel()
	}
	// gaveUp answers a wait that ended without a slot: refused as busy when the bound ran out,
	// nothing when the client went away.
	gaveUp := func() (*http.Request, func(), *slotRefusal, bool) {
		if r.Context().Err() != nil {
			return r, nil, nil, false
		}
		s.inflightRefused.WithLabelValues(l.name).Inc()
		slog.WarnContext(r.Context(), "request waited too long for a slot", "lane", l.name, "waited", s.InFlightWait)
		return r, nil, &slotRefusal{busy: true}, false
	}
	s.inflight.WithLabelValues(l.name, "waiting").Inc()
	defer s.inflight.WithLabelValues(l.name, "waiting").Dec()
	ok, refused := l.shares.acquire(wait, key, n, shareQueue*n)
	if refused {
		s.inflightRefused.WithLabelValues(l.name).Inc()
		return r, nil, &slotRefusal{limited: newRateLimited(inFlightRetryAfter, "too many of your requests are running at once; wait for them, or try again in %s",
			"您同时发出的请求过多，请等待已发出的请求完成，或%s后再试")}, false
	}
	if !ok {
		return gaveUp()
	}
	select {
	case l.slots <- struct{}{}:
		s.inflight.WithLabelValues(l.name, "running").Inc()
		return r, func() {
			s.inflight.WithLabelValues(l.name, "running").Dec()
			<-l.slots
			l.shares.release(key)
		}, nil, true
	case <-wait.Done():
		l.shares.release(key)
		return gaveUp()
	}
}

// costlyRoute runs a costly handler (a CSV export) in the costly lane.
func (s *Server) costlyRoute(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r, release, refused, ok := s.takeSlot(r, s.credentialsOf(r), true)
		if refused != nil && refused.busy {
			writeBusy(w, contentTypeJSON, false)
			return
		}
		if refused != nil {
			w.Header().Set("Retry-After", strconv.Itoa(refused.limited.RetryAfterSeconds()))
			writeExportError(w, refused.limited)
			return
		}
		if !ok {
			return // the client went away while waiting
		}
		defer release()
		h(w, r)
	}
}

// heldResponse keeps an answer in memory while the request holds its slot, to be written after
// the slot is given back.
type heldResponse struct {
	w      http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header { return h.w.Header() }

func (h *heldResponse) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}

func (h *heldResponse) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return h.body.Write(b)
}

// send writes the kept answer, if any.
func (h *heldResponse) send() {
	if h.status == 0 {
		return
	}
	h.w.WriteHeader(h.status)
	_, _ = h.w.Write(h.body.Bytes())
}
