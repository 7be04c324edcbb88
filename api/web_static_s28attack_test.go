package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestOtherVersionsOfStaticFilesAreStoredByNoCache (session 28, attack; round 22's leftover):
// /static/v/<anything>/app.js served today's file, "no-cache", under any version: a shared cache
// could keep today's file under the URL of a version to come (a hash of the public source, asked
// for before the release) and serve it again when the origin fails, and every string was one more
// URL of every file. Another version's URL is answered "no-store"; a version not written as one
// (12 hex digits) is not found; the current version's files are still cached for good.
func TestOtherVersionsOfStaticFilesAreStoredByNoCache(t *testing.T) {
	h := webHandler()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	cur := loadAssets().version
	if rec := get("/static/v/" + cur + "/app.js"); rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("the current version: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	for _, v := range []string{"000000000000", "0123456789ab"} {
		if rec := get("/static/v/" + v + "/app.js"); rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("version %s: %d %q, want 200 no-store", v, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
	for _, v := range []string{"x", "next", "0123456789AB", "0123456789abc", "<script>", "%2e%2e", cur + "x"} {
		if rec := get("/static/v/" + v + "/app.js"); rec.Code != http.StatusNotFound {
			t.Errorf("version %q: %d %q, want 404", v, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
}
