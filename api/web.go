package api

import (
	"embed"
	"io/fs"
	"net/http"
	"os"
	"strings"
)

//go:embed web
var webFS embed.FS

// contentSecurityPolicy keeps the pages to the platform's own origin: no CDN, no web fonts, no
// third-party calls. Inline styles are allowed because GraphiQL sets them at run time; blob: images
// let the app preview evidence before uploading it.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// webHandler serves the web app (index.html and its static files) and /config.json, which tells the
// app whether it runs in dev mode so that it can show the demo notice and demo accounts.
func webHandler() http.Handler {
	sub, _ := fs.Sub(webFS, "web")
	files := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		switch {
		case r.URL.Path == "/config.json":
			h.Set("Cache-Control", "no-store")
			writeJSON(w, http.StatusOK, map[string]any{"env": webEnv()})
			return
		case r.URL.Path == "/" || r.URL.Path == "/index.html":
			// The shell is small; always revalidate so a new release is picked up at once.
			h.Set("Cache-Control", "no-cache")
		case strings.HasPrefix(r.URL.Path, "/static/vendor/"):
			h.Set("Cache-Control", "public, max-age=86400")
		case strings.HasPrefix(r.URL.Path, "/static/"):
			h.Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
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
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, webFS, "web/graphiql.html")
}
