package api

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// Protection holds the server's abuse limits and browser-security settings. Its zero value limits
// nothing, sends no HSTS, allows no cross-origin calls and trusts no proxy.
type Protection struct {
	// Limiter limits /graphql requests per signed-in user and per client address; nil means none.
	Limiter *RateLimiter
	// UploadLimiter limits POST /evidence uploads per signed-in user and per client address; nil means none.
	UploadLimiter *RateLimiter
	// Production adds Strict-Transport-Security (production runs behind HTTPS; dev does not).
	Production bool
	// CORSOrigins lists the browser origins allowed to call the API (e.g. https://portal.example.cn).
	CORSOrigins []string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header names the client.
	TrustedProxies []netip.Prefix
}

// contentSecurity keeps every page to the platform's own origin; inline styles are allowed because
// GraphiQL sets them at run time; data: and blob: images so that the web app can preview
// evidence before uploading it.
const contentSecurity = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure sets the security headers of every response and, for an allowed origin, the CORS headers.
func (p *Protection) secure(h http.Header, r *http.Request) {
	h.Set("Content-Security-Policy", contentSecurity)
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if p.Production {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	if r.URL.Path == "/graphql" && r.Method == http.MethodPost {
		// Answers hold personal data: no browser or proxy may keep them.
		h.Set("Cache-Control", "no-store")
	}
	if len(p.CORSOrigins) == 0 {
		return
	}
	h.Add("Vary", "Origin")
	if o := r.Header.Get("Origin"); o != "" && p.originAllowed(o) {
		h.Set("Access-Control-Allow-Origin", o)
		h.Set("Access-Control-Expose-Headers", corsExposed)
	}
}

// corsExposed are the answer headers an allowed origin's scripts may read: the wait of a refused
// request, an evidence file's hash (to check the download) and whether an idempotent mutation's
// answer is the first one replayed.
const corsExposed = "Retry-After, X-Evidence-SHA256, Idempotency-Replayed"

// preflight answers a CORS preflight request and reports whether it did. An allowed origin gets the
// methods and headers the API accepts; any other origin gets 403 without CORS headers, so the browser
// refuses the call.
func (p *Protection) preflight(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodOptions || r.Header.Get("Origin") == "" || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Access-Control-Request-Method")
	h.Add("Vary", "Access-Control-Request-Headers")
	if !p.originAllowed(r.Header.Get("Origin")) {
		w.WriteHeader(http.StatusForbidden)
		return true
	}
	h.Set("Access-Control-Allow-Methods", "GET, POST")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, "+IdempotencyHeader)
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

func (p *Protection) originAllowed(origin string) bool {
	return slices.Contains(p.CORSOrigins, strings.ToLower(strings.TrimSuffix(origin, "/")))
}

// ParseOrigins reads a comma-separated list of browser origins (scheme://host[:port]) for
// REDLINE_CORS_ORIGINS. "*" is refused: the API serves personal data, so every origin is named.
func ParseOrigins(s string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(s, ",") {
		o = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(o), "/"))
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
			return nil, fmt.Errorf("origin %q is not scheme://host[:port] (\"*\" is not allowed)", o)
		}
		out = append(out, o)
	}
	return out, nil
}

// ParseTrustedProxies reads a comma-separated list of addresses and CIDR prefixes for
// REDLINE_TRUSTED_PROXIES.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if a, err := netip.ParseAddr(p); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is neither an address nor a CIDR prefix", p)
		}
		out = append(out, pfx.Masked())
	}
	return out, nil
}

func (p *Protection) trusted(a netip.Addr) bool {
	for _, pfx := range p.TrustedProxies {
		if pfx.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddr is the address the request came from: the peer, or, when the peer is a trusted proxy,
// the right-most address in X-Forwarded-For that is not itself a trusted proxy. The left part of
// X-Forwarded-For is written by the client and never believed.
func (p *Protection) clientAddr(r *http.Request) netip.Addr {
	peer := parseAddr(r.RemoteAddr)
	if !peer.IsValid() || !p.trusted(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a := parseAddr(strings.TrimSpace(hops[i]))
		if !a.IsValid() {
			break // a malformed hop: stop believing the header here
		}
		peer = a
		if !p.trusted(a) {
			break
		}
	}
	return peer
}

func parseAddr(s string) netip.Addr {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap()
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap()
	}
	return netip.Addr{}
}

// limitKey is the address as rate limits count it: an IPv4 address, or the /64 network of an IPv6
// address, since one subscriber commonly holds a whole /64.
func limitKey(a netip.Addr) string {
	switch {
	case !a.IsValid():
		return "unknown"
	case a.Is6():
		return netip.PrefixFrom(a, 64).Masked().String()
	}
	return a.String()
}

type clientAddrKey struct{}

// withClientAddr stores the client address (as limits count it) in the request's context.
func (p *Protection) withClientAddr(r *http.Request) *http.Request {
	return r.WithContext(WithClientAddr(r.Context(), limitKey(p.clientAddr(r))))
}

// WithClientAddr returns ctx carrying a client address, for callers outside an HTTP request (tests,
// command-line tools) that sign users in through a LoginGuard.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// ClientAddr returns the client address of the request that ctx belongs to, as rate limits count it
// (an IPv4 address or an IPv6 /64), or "unknown" outside a request.
func ClientAddr(ctx context.Context) string {
	if s, ok := ctx.Value(clientAddrKey{}).(string); ok {
		return s
	}
	return "unknown"
}
