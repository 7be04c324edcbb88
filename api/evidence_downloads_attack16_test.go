package api_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
)

// Session 16 (attack2): the evidence routes attacked by hand.

// heldDownload starts GET link on a raw connection with a small receive buffer and reads only the
// status line and headers, so that the server is left writing the body: a download that runs for
// as long as the connection is held.
func heldDownload(t *testing.T, addr, token, link string) (status int, conn net.Conn) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: redline\r\nAuthorization: Bearer %s\r\n\r\n", link, token)
	_ = c.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReaderSize(c, 512), nil)
	if err != nil {
		c.Close()
		t.Fatalf("download: %v", err)
	}
	return resp.StatusCode, c
}

// downloadsAtOnce is the most downloads of evidence one user runs at once (api.MaxDownloadsPerUser).
const downloadsAtOnce = 4

// TestEvidenceDownloadsAtOnceAreBounded: every download copies the whole file to a temporary file
// to check its hash before a byte is served, and keeps that copy until the client has read it (up
// to 15 minutes). Unbounded, one complainant with a 40 MB file and 20 slow connections held 800 MB
// of temporary disk (found by hand): a user holds at most downloadsAtOnce downloads at
// once, the next is 429 RATE_LIMITED with a Retry-After, and a finished one frees its place.
func TestEvidenceDownloadsAtOnceAreBounded(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "holder@example.cn")
	id := fileComplaint(t, env, owner)
	content := pdfOf(12 << 20) // larger than what the socket buffers take in
	up := upload(t, env, owner, "big.pdf", "application/pdf", content)
	if up.Status != http.StatusCreated {
		t.Fatalf("upload: %d %+v", up.Status, up.Body.Errors)
	}
	env.MustDo(t, owner, addEvidence, map[string]any{"c": id, "t": up.Body.UploadToken, "d": "合同"})
	link := evidenceOf(t, env, owner, id)[0]["downloadUrl"].(string)
	addr := strings.TrimPrefix(env.URL, "http://")

	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for i := range downloadsAtOnce {
		status, c := heldDownload(t, addr, owner, link)
		held = append(held, c)
		if status != http.StatusOK {
			t.Fatalf("download %d: %d, want 200", i+1, status)
		}
	}
	d := get(t, env, owner, link)
	if d.Status != http.StatusTooManyRequests || d.code() != "RATE_LIMITED" || d.Header.Get("Retry-After") == "" {
		t.Fatalf("download %d at once: %d %q Retry-After %q, want 429 RATE_LIMITED", downloadsAtOnce+1, d.Status, d.code(), d.Header.Get("Retry-After"))
	}
	// One held download ends: its place is free again (the server notices the closed connection
	// on its next write).
	held[0].Close()
	held = held[1:]
	apptest.Eventually(t, 10*time.Second, "a finished download to free its place", func() bool {
		d := get(t, env, owner, link)
		return d.Status == http.StatusOK && bytes.Equal(d.Body, content)
	})
}
