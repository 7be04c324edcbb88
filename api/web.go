package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed web
var webFS embed.FS

// contentSecurityPolicy keeps the pages to the platform's own origin: no CDN, no web fonts, no
// third-party calls. Inline styles are allowed because GraphiQL sets them at run time; blob: images
// and audio let the portal show evidence fetched with the access token.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// versionedPrefix is where the portal's static files are served under the version of their
// content: /static/v/<version>/app.js. The version is a hash of every file under web/static, so a
// release changes every URL and browsers may keep a file for a year without asking again.
const versionedPrefix = "/static/v/"

// staticFile is one file of web/, ready to serve: its bytes, gzipped bytes when compressing pays,
// its type and its ETag.
type staticFile struct {
	data, gz []byte
	ctype    string
	etag     string
}

// webAssets holds every file of web/ in memory, compressed once at start-up (there is no build
// step to pre-compress them), and the content version of web/static.
type webAssets struct {
	files   map[string]*staticFile // by path under web/, e.g. "static/app.js", "index.html"
	version string
}

var (
	assetsOnce sync.Once
	assets     *webAssets
)

func loadAssets() *webAssets {
	assetsOnce.Do(func() {
		a := &webAssets{files: map[string]*staticFile{}}
		var names []string
		_ = fs.WalkDir(webFS, "web", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				names = append(names, p)
			}
			return nil
		})
		sort.Strings(names)
		all := sha256.New()
		for _, p := range names {
			data, err := webFS.ReadFile(p)
			if err != nil {
				continue
			}
			rel := strings.TrimPrefix(p, "web/")
			if strings.HasPrefix(rel, "static/") {
				all.Write([]byte(rel))
				all.Write(data)
			}
			a.files[rel] = newStaticFile(rel, data)
		}
		a.version = hex.EncodeToString(all.Sum(nil))[:12]
		// The shell names its files under the version, so that they can be cached for good.
		if f, ok := a.files["index.html"]; ok {
			html := bytes.ReplaceAll(f.data, []byte(`="/static/`), []byte(`="`+versionedPrefix+a.version+"/"))
			a.files["index.html"] = newStaticFile("index.html", html)
		}
		assets = a
	})
	return assets
}

func newStaticFile(name string, data []byte) *staticFile {
	sum := sha256.Sum256(data)
	f := &staticFile{data: data, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	f.ctype = mime.TypeByExtension(path.Ext(name))
	if f.ctype == "" {
		f.ctype = http.DetectContentType(data)
	}
	if compressible(f.ctype) && len(data) > 512 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(data)
		_ = zw.Close()
		if buf.Len() < len(data)*9/10 {
			f.gz = buf.Bytes()
		}
	}
	return f
}

func compressible(ctype string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "image/svg+xml", "text/javascript"} {
		if strings.HasPrefix(ctype, p) {
			return true
		}
	}
	return false
}

// serve writes f, gzipped when the client takes gzip, or 304 when the client has it already.
func (f *staticFile) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := f.data, f.etag
	if f.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = f.gz, strings.TrimSuffix(f.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

func etagMatches(header, etag string) bool {
	for _, e := range strings.Split(header, ",") {
		e = strings.TrimPrefix(strings.TrimSpace(e), "W/")
		if e == etag || e == "*" {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// webHandler serves the portal (index.html and its static files) and /config.json, which tells the
// app whether it runs in dev mode so that it can show the demo notice and demo accounts.
//   - /static/v/<version>/... : the current version's files, cached for a year (immutable); an
//     older version's URL gets today's file, stored by no cache; a version not written as one
//     (12 hex digits) is not found;
//   - /static/... : the same files without a version (GraphiQL's page), revalidated with the ETag;
//   - / : the shell, always revalidated so that a new release is picked up at once.
//
// Every text file is gzipped once at start-up and sent gzipped to clients that accept it.
func webHandler() http.Handler {
	a := loadAssets()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		p := r.URL.Path
		switch {
		case p == "/config.json":
			h.Set("Cache-Control", "no-store")
			writeJSON(w, http.StatusOK, map[string]any{"env": webEnv(), "version": a.version})
			return
		case p == "/" || p == "/index.html":
			a.files["index.html"].serve(w, r, "no-cache")
			return
		case strings.HasPrefix(p, versionedPrefix):
			rest := strings.TrimPrefix(p, versionedPrefix)
			ver, file, ok := strings.Cut(rest, "/")
			if f := a.files["static/"+file]; ok && f != nil && !strings.Contains(file, "..") && versionShape(ver) {
				// Another version's URL (a page loaded before a release asking for a module) gets
				// today's file, stored by no cache: "no-cache" let a shared cache keep today's file
				// under a version to come, asked for before its release (its name is a hash of the
				// public source), and serve it on an error of the origin (session 28, attack).
				cc := "no-store"
				if ver == a.version {
					cc = "public, max-age=31536000, immutable"
				}
				f.serve(w, r, cc)
				return
			}
		case strings.HasPrefix(p, "/static/"):
			if f := a.files[strings.TrimPrefix(p, "/")]; f != nil {
				cc := "no-cache"
				if strings.HasPrefix(p, "/static/vendor/") {
					cc = "public, max-age=86400"
				}
				f.serve(w, r, cc)
				return
			}
		}
		http.NotFound(w, r)
	})
}

// versionShape reports whether ver is written as a content version is (12 lower-case hex digits):
// any other name of a version is not found, rather than one more URL of every file.
func versionShape(ver string) bool {
	if len(ver) != 12 {
		return false
	}
	for i := 0; i < len(ver); i++ {
		if c := ver[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// webEnv is the mode the web app shows: "dev" unless REDLINE_ENV says "production", the same default
// as the platform's configuration.
func webEnv() string {
	if os.Getenv("REDLINE_ENV") == "production" {
		return "production"
	}
	return "dev"
}

// graphiql serves GraphiQL, an in-browser GraphQL IDE, with its assets vendored under
// web/static/vendor so that it works offline.
func (s *Server) graphiql(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	loadAssets().files["graphiql.html"].serve(w, r, "no-cache")
}
