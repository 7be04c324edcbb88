package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestDevBoxesAnswerThisMachineOnly: the dev mailbox holds working password-reset links, so a client
// on another machine gets 404 (a demo on a shared network must not hand out the link that takes
// admin@redline.demo), a loopback peer (IPv4 or IPv6) gets the box, a forged X-Forwarded-For
// changes nothing, and REDLINE_DEV_BOXES=any opens it to every client.
func TestDevBoxesAnswerThisMachineOnly(t *testing.T) {
	s := &Server{mux: http.NewServeMux()}
	s.ServeDevMailbox(func(context.Context) (any, error) { return []string{"reset link"}, nil })
	get := func(remote string, hdr map[string]string) int {
		r := httptest.NewRequest(http.MethodGet, "/dev/mailbox", nil)
		r.RemoteAddr = remote
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.mux.ServeHTTP(w, r)
		return w.Code
	}
	for _, c := range []struct {
		remote string
		hdr    map[string]string
		want   int
	}{
		{"127.0.0.1:50000", nil, http.StatusOK},
		{"[::1]:50000", nil, http.StatusOK},
		{"[::ffff:127.0.0.1]:50000", nil, http.StatusOK},
		{"192.0.2.7:50000", nil, http.StatusNotFound},
		{"10.1.2.3:50000", map[string]string{"X-Forwarded-For": "127.0.0.1", "X-Real-IP": "127.0.0.1"}, http.StatusNotFound},
		{"[2001:db8::1]:50000", nil, http.StatusNotFound},
		{"garbage", nil, http.StatusNotFound},
	} {
		if got := get(c.remote, c.hdr); got != c.want {
			t.Errorf("GET /dev/mailbox from %s %v: %d, want %d", c.remote, c.hdr, got, c.want)
		}
	}
	s.DevBoxesAnywhere = true
	if got := get("192.0.2.7:50000", nil); got != http.StatusOK {
		t.Errorf("REDLINE_DEV_BOXES=any, GET /dev/mailbox from another machine: %d, want 200", got)
	}
}
