package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/redline-regulator/redline/api"
)

// TestCORSLetsAPortalElsewhereFileAndCheck: with REDLINE_CORS_ORIGINS naming a portal on another
// origin, the preflight allowed Authorization and Content-Type only, so the portal's filing (which
// sends an Idempotency-Key header on every try) was refused by the browser before it left, and the
// answers exposed Retry-After only, so it could not read an evidence file's X-Evidence-SHA256 or
// whether an answer was Idempotency-Replayed (session 16, attack2).
func TestCORSLetsAPortalElsewhereFileAndCheck(t *testing.T) {
	const portal = "https://portal.example.cn"
	s := api.NewServer(nil, nil, nil, prometheus.NewRegistry())
	s.Protection = api.Protection{CORSOrigins: []string{portal}}

	req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	req.Header.Set("Origin", portal)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	allowed := strings.ToLower(rec.Header().Get("Access-Control-Allow-Headers"))
	for _, h := range []string{"authorization", "content-type", "idempotency-key"} {
		if rec.Code != http.StatusNoContent || !strings.Contains(allowed, h) {
			t.Errorf("preflight: %d, Access-Control-Allow-Headers %q, want 204 allowing %s", rec.Code, allowed, h)
		}
	}

	req = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Header.Set("Origin", portal)
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	exposed := strings.ToLower(rec.Header().Get("Access-Control-Expose-Headers"))
	for _, h := range []string{"retry-after", "x-evidence-sha256", "idempotency-replayed"} {
		if !strings.Contains(exposed, h) {
			t.Errorf("Access-Control-Expose-Headers %q, want %s", exposed, h)
		}
	}
	// Another origin still gets nothing.
	req.Header.Set("Origin", "https://evil.example")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Header().Get("Access-Control-Allow-Origin") != "" || rec.Header().Get("Access-Control-Expose-Headers") != "" {
		t.Errorf("another origin: %v", rec.Header())
	}
}
