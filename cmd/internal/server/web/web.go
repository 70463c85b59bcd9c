// Package web holds the coordinator dashboard: static HTML, CSS and
// JavaScript modules embedded in the binary (no build step, no CDN). The
// dashboard talks only to the REST API, with the caller's bearer token.
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var static embed.FS

// AssetPrefix is the URL path under which the assets are served.
const AssetPrefix = "/ui/"

// csp allows nothing but this origin's own scripts, styles, images and API.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Register serves the dashboard's page at "/" and its assets under
// AssetPrefix on mux.
func Register(mux *http.ServeMux) {
	assets, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	index, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		panic(err)
	}
	fileServer := http.FileServerFS(assets)
	files := http.StripPrefix(AssetPrefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		fileServer.ServeHTTP(w, r)
	}))
	mux.Handle("GET "+AssetPrefix, headers(files))
	mux.Handle("GET /{$}", headers(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(index)
	})))
}

// headers sets the security and caching headers of every dashboard answer.
// Embedded files carry no modification time, so browsers revalidate.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		next.ServeHTTP(w, r)
	})
}
