package app_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/synthetic"
)

// smallBuffers is a listener whose connections have small send buffers, so that a client that
// does not read blocks the server's writes after a few kilobytes, not megabytes.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}

// TestStalledExportsGiveBackTheirSlot (session 12's attack by hand): a CSV download holds a slot
// of the costly lane while it streams, and its write deadline was 30 minutes from its start: two
// downloads of the public dataset whose client stopped reading held half the lane's slots (one
// address's share) for 30 minutes, and a few addresses held them all — statistics, the public
// data and every export waited. Now a client that takes none of the download for
// ExportStallTimeout is cut off and the slot given back.
func TestStalledExportsGiveBackTheirSlot(t *testing.T) {
	ctx := context.Background()
	cfg := apptest.Config(t)
	cfg.MaxInFlight, cfg.MaxInFlightClient, cfg.MaxInFlightCostly = 4, 1, 2
	a := apptest.Open(ctx, t, cfg, 0)
	t.Cleanup(a.Close)
	if _, err := a.DB.LoadSynthetic(ctx, postgres.SyntheticLoad{Options: synthetic.Options{Complaints: 2000, Institutions: 20, Years: 1, Seed: 7}}); err != nil {
		t.Fatal(err)
	}
	h, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := h.(*api.Server)
	srv.ExportStallTimeout = time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(h)
	ts.Listener.Close()
	ts.Listener = smallBuffers{ln}
	ts.Start()
	t.Cleanup(ts.Close)
	env := &apptest.Env{App: a, URL: ts.URL}
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)

	// A download whose client never reads past its first bytes.
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.(*net.TCPConn).SetReadBuffer(1024)
	if _, err := fmt.Fprintf(c, "GET /export/complaints.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", admin); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 20*time.Second, "the download to take its slot", func() bool { return len(srv.InFlightCostly) == 1 })
	apptest.Eventually(t, 20*time.Second, "the stalled download to give its slot back", func() bool { return len(srv.InFlightCostly) == 0 })

	// A client that reads still gets the whole file.
	r, _ := http.NewRequest(http.MethodGet, ts.URL+"/export/complaints.csv", nil)
	r.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n, _ := countLines(resp)
	if resp.StatusCode != http.StatusOK || n < 2000 || resp.Trailer.Get("X-Redline-Truncated") != "false" {
		t.Errorf("a reading client: %d, %d lines, trailers %v; want the whole file", resp.StatusCode, n, resp.Trailer)
	}
}

// countLines reads a response to its end and counts its lines.
func countLines(resp *http.Response) (int, error) {
	buf, n := make([]byte, 64<<10), 0
	for {
		k, err := resp.Body.Read(buf)
		for _, b := range buf[:k] {
			if b == '\n' {
				n++
			}
		}
		if err != nil {
			return n, err
		}
	}
}
