package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestStoppedUploadAnswersTimeout: an evidence upload (or download) whose deadline passed while
// its file was being stored failed with whatever the store said — a cancelled statement, a context
// error, an INTERNAL wrapping one — and writeDomainError answered 500 INTERNAL with an ERROR line
// (round 20's leftover). It answers TIMEOUT with reason REQUEST_TIMEOUT (CLIENT_GONE when the
// client went away), logged at debug; an error that is not the stop's doing keeps its own code.
func TestStoppedUploadAnswersTimeout(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	for name, c := range map[string]struct {
		err        error
		cancel     bool // the client goes away instead of the deadline passing
		wantStatus int
		wantCode   string
		wantReason string
	}{
		"deadline":       {fmt.Errorf("store evidence: %w", context.DeadlineExceeded), false, http.StatusServiceUnavailable, "TIMEOUT", "REQUEST_TIMEOUT"},
		"cancelled stmt": {errors.New("ERROR: canceling statement due to user request (SQLSTATE 57014)"), false, http.StatusServiceUnavailable, "TIMEOUT", "REQUEST_TIMEOUT"},
		"unavailable":    {fmt.Errorf("%w: %w", domain.ErrUnavailable, context.DeadlineExceeded), false, http.StatusServiceUnavailable, "TIMEOUT", "REQUEST_TIMEOUT"},
		"client gone":    {fmt.Errorf("copy: %w", context.Canceled), true, http.StatusServiceUnavailable, "TIMEOUT", "CLIENT_GONE"},
		"own error kept": {domain.Invalid("file", "empty", "空"), false, http.StatusBadRequest, "BAD_USER_INPUT", ""},
		"not found kept": {domain.ErrNotFound, false, http.StatusNotFound, "NOT_FOUND", ""},
	} {
		h := withDeadline(20*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
			if c.cancel {
				ctx, cancel := context.WithCancel(r.Context())
				cancel()
				r = r.WithContext(ctx)
			}
			<-r.Context().Done()
			writeDomainError(r, w, c.err)
		})
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest(http.MethodPost, "/evidence", strings.NewReader("")))
		var body struct {
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 {
			t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
		}
		ext := body.Errors[0].Extensions
		reason, _ := ext["reason"].(string)
		if rec.Code != c.wantStatus || ext["code"] != c.wantCode || reason != c.wantReason {
			t.Errorf("%s: %d %v %q, want %d %s %q", name, rec.Code, ext["code"], reason, c.wantStatus, c.wantCode, c.wantReason)
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a stopped upload was logged as an error:\n%s", logs.String())
	}
}
