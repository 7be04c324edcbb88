package api_test

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// Session 16 (attack2): the evidence routes attacked by hand.

// captureLogs sends the default logger's lines to the returned buffer until the test ends.
func captureLogs(t *testing.T) *syncBuffer {
	t.Helper()
	logs := &syncBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(logs, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return logs
}

// TestTruncatedUploadIsTheClientsError: an upload whose body ends before the multipart form does
// (a phone that lost its connection, or a forged request) was answered 500 INTERNAL and logged as
// an ERROR "internal error" line (found by hand): it is the client's fault, 400 BAD_USER_INPUT on
// "file", and no ERROR line.
func TestTruncatedUploadIsTheClientsError(t *testing.T) {
	logs := captureLogs(t)
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "truncated@example.cn")
	body := "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n" + string(pdfOf(4096)) // no closing boundary
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/evidence", strings.NewReader(body))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=XyZ")
	r := sendUpload(t, req, owner)
	if r.Status != http.StatusBadRequest || r.code() != "BAD_USER_INPUT" || r.field() != "file" {
		t.Errorf("truncated upload: %d %q %q, want 400 BAD_USER_INPUT on file", r.Status, r.code(), r.field())
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a truncated upload was logged as an error:\n%s", logs.String())
	}
	// The whole file still goes through.
	if up := upload(t, env, owner, "a.pdf", "application/pdf", pdfOf(4096)); up.Status != http.StatusCreated {
		t.Errorf("upload after: %d %+v", up.Status, up.Body.Errors)
	}
}
