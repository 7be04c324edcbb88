package api_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebAssets checks how the portal's files are served: the shell names them under the content
// version; those URLs are cached for a year and sent gzipped to clients that take gzip; an ETag
// answers a revalidation with 304; a URL of another version is not cached for long; the browser
// tests' axe-core is not among the files served.
func TestWebAssets(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	get := func(path string, hdr map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, env.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		req.Header.Set("Accept-Encoding", hdr["Accept-Encoding"]) // no transparent gzip from the client
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}

	resp, shell := get("/", nil)
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("/ Cache-Control = %q, want no-cache", cc)
	}
	var cfg struct{ Version string }
	_, cfgBody := get("/config.json", nil)
	_ = json.Unmarshal(cfgBody, &cfg)
	if !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(cfg.Version) {
		t.Fatalf("config.json version = %q", cfg.Version)
	}
	if !strings.Contains(string(shell), `src="/static/v/`+cfg.Version+`/app.js"`) || strings.Contains(string(shell), `="/static/app`) {
		t.Errorf("the shell does not name its files under the version %s:\n%s", cfg.Version, shell)
	}

	app := "/static/v/" + cfg.Version + "/app.js"
	resp, gz := get(app, map[string]string{"Accept-Encoding": "gzip, br"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("%s: status %d, encoding %q, vary %q", app, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("%s Cache-Control = %q", app, cc)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("%s Content-Type = %q", app, ct)
	}
	zr, err := gzip.NewReader(strings.NewReader(string(gz)))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	_, raw := get(app, map[string]string{"Accept-Encoding": "identity"})
	if string(plain) != string(raw) || len(gz) >= len(raw) {
		t.Errorf("gzipped app.js (%d bytes) does not inflate to the plain one (%d bytes)", len(gz), len(raw))
	}
	resp, _ = get(app, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": resp.Header.Get("ETag")})
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating with the ETag: status %d, want 304", resp.StatusCode)
	}
	resp, _ = get("/static/v/000000000000/app.js", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("another version's URL: status %d, Cache-Control %q, want 200 no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	for _, p := range []string{"/static/v/" + cfg.Version + "/../web.go", "/static/testdata/axe.min.js", "/testdata/axe.min.js", "/static/v/" + cfg.Version + "/nothing.js"} {
		if resp, body := get(p, nil); resp.StatusCode == http.StatusOK {
			t.Errorf("%s: status 200 (%d bytes), want it not served", p, len(body))
		}
	}
	if resp, _ := get("/static/vendor/graphiql.min.js", map[string]string{"Accept-Encoding": "gzip"}); resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("GraphiQL's vendored script is not gzipped")
	}
	// The dashboard's ECharts and map, under the version like every file of the portal, gzipped.
	for _, f := range []string{"vendor/echarts.esm.min.js", "vendor/china.json"} {
		p := "/static/v/" + cfg.Version + "/" + f
		resp, body := get(p, map[string]string{"Accept-Encoding": "gzip"})
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: status %d, encoding %q, Cache-Control %q", p, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Cache-Control"))
		}
		if _, plain := get(p, nil); len(body) >= len(plain) {
			t.Errorf("%s: %d bytes gzipped of %d", p, len(body), len(plain))
		}
	}
}
