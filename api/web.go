package api

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed web
var webFS embed.FS

// webHandler serves the web pages and their static files.
func webHandler() http.Handler {
	sub, _ := fs.Sub(webFS, "web")
	return http.FileServer(http.FS(sub))
}

func (s *Server) graphiql(w http.ResponseWriter, r *http.Request) {
	http.ServeFileFS(w, r, webFS, "web/graphiql.html")
}
