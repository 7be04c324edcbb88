package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// The bound of /graphql requests at once (Server.InFlight) is shared fairly: a request takes its
// slot only once its body has been read (a client that trickles a body, or never finishes it,
// holds a connection and nothing else), gives it back before its answer is written (a client that
// does not read its answer holds nothing either), and one client — a signed-in user, or a client
// address for callers without a token — holds at most InFlightShare slots at once; its further
// requests wait their turn behind its own, not in front of everyone else's.

// clientShares counts the slots each client holds: a semaphore per client, made when a client's
// first request arrives and dropped when its last one leaves.
type clientShares struct {
	mu sync.Mutex
	m  map[string]*share
}

type share struct {
	slots   chan struct{}
	waiters int // requests holding or waiting for one of slots
}

// acquire waits for one of the n slots of client key; it answers false if ctx ends first. A
// successful acquire is followed by exactly one release.
func (c *clientShares) acquire(ctx context.Context, key string, n int) bool {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*share{}
	}
	sh := c.m[key]
	if sh == nil {
		sh = &share{slots: make(chan struct{}, n)}
		c.m[key] = sh
	}
	sh.waiters++
	c.mu.Unlock()
	select {
	case sh.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		c.leave(key, sh)
		return false
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

// shareKey names the client a request's slot is counted against: the user its bearer token
// names when the token's signature holds (the session is checked later, inside the slot), else
// its client address.
func (s *Server) shareKey(r *http.Request) string {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && s.Tokens != nil {
		if a, err := s.Tokens.Parse(strings.TrimSpace(tok)); err == nil && a.UserID != 0 {
			return "user:" + strconv.FormatInt(a.UserID, 10)
		}
	}
	return "addr:" + ClientAddr(r.Context())
}

// takeSlot waits for a slot of the client's share and then one of the server's; it answers a
// function that gives both back, or false when the client went away while waiting.
func (s *Server) takeSlot(r *http.Request) (func(), bool) {
	if s.InFlight == nil {
		return func() {}, true
	}
	key, n := s.shareKey(r), s.InFlightShare
	if n <= 0 || n > cap(s.InFlight) {
		n = cap(s.InFlight)
	}
	if !s.shares.acquire(r.Context(), key, n) {
		return nil, false
	}
	select {
	case s.InFlight <- struct{}{}:
		return func() { <-s.InFlight; s.shares.release(key) }, true
	case <-r.Context().Done():
		s.shares.release(key)
		return nil, false
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
