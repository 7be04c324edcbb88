// Package api is redline's HTTP edge: GraphQL at /graphql (GraphiQL in a browser), health and
// readiness probes, Prometheus metrics and the web pages. It authenticates the caller, puts the
// actor in the request context and maps errors to the closed set of codes.
package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/redline-regulator/redline/api/graph"
	"github.com/redline-regulator/redline/domain"
)

// Check is a readiness check of one dependency.
type Check struct {
	Name string
	Fn   func(context.Context) error
}

// Server is the HTTP handler of the platform.
type Server struct {
	Graph   *graph.Executor
	Tokens  *Tokens
	Checks  []Check
	Metrics *prometheus.Registry
	// MetricsToken, when set (METRICS_TOKEN), is the bearer token a scraper must send for /metrics;
	// with it the public listener serves /metrics too. Without it the public listener answers 404
	// and the metrics are only on the metrics listener (MetricsHandler, METRICS_ADDR).
	MetricsToken string
	MaxBodyBytes int64
	Evidence     *domain.EvidenceService // serves /evidence; nil turns it off
	Exports      *domain.Exports         // serves /export/*.csv; nil turns them off
	Public       *domain.PublicData      // serves /public/complaints.csv; nil turns it off
	// Actors derives the actor of a signed-in user from their current role bindings, so that a
	// revoked role stops working on the next request. Nil trusts the roles in the token (tests).
	Actors func(ctx context.Context, userID, sessionID int64) (domain.Actor, error)
	// RequestContext prepares the context of a /graphql request before it runs (the app marks it so
	// that its queries run under the statement timeout); nil leaves it as it is.
	RequestContext func(context.Context) context.Context
	// Idempotency keeps the first answer of each mutation sent with an idempotency key
	// (idempotency.go); nil turns keys off.
	Idempotency domain.IdempotencyStore
	// InFlight, when set, bounds the /graphql requests running at once (authentication onwards) by
	// its capacity; the others wait their turn in arrival order (a channel's senders queue first
	// come, first served), until their client goes away or InFlightWait runs out.
	InFlight chan struct{}
	// InFlightShare, when above 0, is the most of InFlight's slots one client (a signed-in user,
	// or a client address) holds at once (inflight.go).
	InFlightShare int
	// InFlightCostly, when set, is the lane of costly reads (statistics, the public dataset, text
	// searches, exports; inflight.go): they wait for and hold its slots instead of InFlight's.
	// Without it they share InFlight with every other request.
	InFlightCostly chan struct{}
	// InFlightCostlyShare, when above 0, is the most of InFlightCostly's slots one client holds.
	InFlightCostlyShare int
	// ExportStallTimeout, when above 0, is the longest a CSV download waits for its client to take
	// the next row before it is cut off (default DefaultExportStallTimeout): a download holds a
	// slot of the costly lane while it streams.
	ExportStallTimeout time.Duration
	// RequestTimeout, when above 0, is the longest a /graphql request may run once it holds its
	// slot (REDLINE_REQUEST_TIMEOUT, default DefaultRequestTimeout): its context carries the
	// deadline into the resolvers and the store, so that its statements are cancelled, its open
	// transaction rolled back and no further field started when it passes (TIMEOUT, reason
	// REQUEST_TIMEOUT), as they are when its client goes away.
	RequestTimeout time.Duration
	// InFlightWait, when above 0, is the longest a request waits for its slots (in either lane)
	// before it is answered 503 UNAVAILABLE with a Retry-After (REDLINE_MAX_INFLIGHT_WAIT).
	InFlightWait         time.Duration
	shares, costlyShares clientShares
	downloads            clientShares // evidence downloads running, per user and per address (evidence.go)
	ready                readiness    // the latest /readyz answer
	mux                  *http.ServeMux
	requests             *prometheus.CounterVec
	latency              *prometheus.HistogramVec
	inflight             *prometheus.GaugeVec
	inflightRefused      *prometheus.CounterVec

	// DevBoxesAnywhere lets /dev/mailbox and /dev/sms answer clients on other machines
	// (REDLINE_DEV_BOXES=any); otherwise they answer loopback peers only. Dev mode only.
	DevBoxesAnywhere bool

	// Protection holds the rate limits, CORS origins, trusted proxies and HSTS switch (security.go).
	Protection
}

// ServeDevMailbox serves GET /dev/mailbox: the e-mails the platform sent, as JSON, newest first.
// Only dev mode calls it (the mailbox holds working sign-up links); production has no such route.
func (s *Server) ServeDevMailbox(list func(context.Context) (any, error)) {
	s.serveDevBox("/dev/mailbox", "the dev mailbox", list)
}

// ServeDevSMS serves GET /dev/sms: the SMS the platform sent (the codes confirming numbers, the
// numbers masked), as JSON, newest first. Only dev mode calls it; production has no such route.
func (s *Server) ServeDevSMS(list func(context.Context) (any, error)) {
	s.serveDevBox("/dev/sms", "the dev SMS box", list)
}

// serveDevBox serves GET path: what list returns, as JSON.
//
// The boxes hold working sign-up and password-reset links, so they answer only a client on this
// machine (a loopback peer) unless DevBoxesAnywhere (REDLINE_DEV_BOXES=any, for a dev container
// reached through its network): a demo started with `redline dev` on a shared network must not
// hand anyone who asks for a reset of admin@redline.demo the link that takes the account.
func (s *Server) serveDevBox(path, what string, list func(context.Context) (any, error)) {
	s.mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
		if !s.DevBoxesAnywhere && !loopbackPeer(r) {
			http.NotFound(w, r)
			return
		}
		msgs, err := list(r.Context())
		if err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": what + " is unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"messages": msgs})
	})
}

// loopbackPeer: the request's connection comes from this machine (127.0.0.0/8 or ::1). The peer of
// the connection, not a forwarded-for header, which any client can write.
func loopbackPeer(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// NewServer wires the routes.
func NewServer(g *graph.Executor, tokens *Tokens, checks []Check, reg *prometheus.Registry) *Server {
	s := &Server{Graph: g, Tokens: tokens, Checks: checks, Metrics: reg, MaxBodyBytes: 1 << 20, mux: http.NewServeMux()}
	f := promauto.With(reg)
	s.requests = f.NewCounterVec(prometheus.CounterOpts{Name: "redline_http_requests_total", Help: "HTTP requests by route and status."}, []string{"route", "status"})
	s.latency = f.NewHistogramVec(prometheus.HistogramOpts{Name: "redline_http_request_seconds", Help: "HTTP request latency by route.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"route"})
	s.inflight = f.NewGaugeVec(prometheus.GaugeOpts{Name: "redline_inflight_requests",
		Help: "Requests running in, or waiting for, a lane of the in-flight bound (general, costly)."}, []string{"lane", "state"})
	s.inflightRefused = f.NewCounterVec(prometheus.CounterOpts{Name: "redline_inflight_refused_total",
		Help: "Requests answered 429 because their client had too many running and waiting in a lane."}, []string{"lane"})

	s.mux.HandleFunc("POST /graphql", s.graphql)
	s.mux.HandleFunc("GET /graphql", s.graphqlGet)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, map[string]string{"status": "ok"}) })
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.HandleFunc("POST /evidence", withDeadline(uploadMaxDuration, s.uploadEvidence))
	s.mux.HandleFunc("GET /evidence/{id}", s.downloadEvidence)
	s.mux.HandleFunc("GET /export/stats.csv", withDeadline(exportMaxDuration, s.costlyRoute(s.exportStats)))
	s.mux.HandleFunc("GET /export/complaints.csv", withDeadline(exportMaxDuration, s.costlyRoute(s.exportComplaints)))
	s.mux.HandleFunc("GET /public/complaints.csv", withDeadline(exportMaxDuration, s.costlyRoute(s.publicComplaints)))
	s.mux.HandleFunc("GET /metrics", s.publicMetrics)
	s.mux.Handle("GET /", webHandler())
	return s
}

// publicMetrics is /metrics on the public listener: not found unless a metrics token is configured,
// and then only for a scraper that sends it.
func (s *Server) publicMetrics(w http.ResponseWriter, r *http.Request) {
	if s.MetricsToken == "" {
		http.NotFound(w, r)
		return
	}
	s.MetricsHandler().ServeHTTP(w, r)
}

// MetricsHandler serves GET /metrics (the Prometheus exposition) and nothing else, for the metrics
// listener (METRICS_ADDR): with a MetricsToken it asks for it as a bearer token (401 without or
// with another).
func (s *Server) MetricsHandler() http.Handler {
	prom := promhttp.HandlerFor(s.Metrics, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/metrics" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if s.MetricsToken != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.MetricsToken)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
				http.Error(w, "a metrics token is required", http.StatusUnauthorized)
				return
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		prom.ServeHTTP(w, r)
	})
}

// ServeHTTP implements http.Handler: security headers, metrics and an access log without personal
// data (method, route, status, duration only).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	s.secure(h, r)
	r = s.withClientAddr(r)
	rw := &statusWriter{ResponseWriter: w, status: 200}
	if name := repeatedHeader(r.Header); name != "" {
		writeErrorsAs(rw, responseType(r), http.StatusBadRequest, domain.Invalid(name, "send the "+name+" header once",
			"请求头"+name+"只能出现一次"))
	} else if !s.preflight(rw, r) {
		s.mux.ServeHTTP(rw, r)
	}
	route := routeOf(r.URL.Path)
	s.requests.WithLabelValues(route, strconv.Itoa(rw.status)).Inc()
	s.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	slog.Debug("http", "method", r.Method, "route", route, "status", rw.status, "took", time.Since(start))
}

// singleHeaders are the request headers that decide who acts and what is replayed. Sent twice,
// the API read the first (Header.Get) while a proxy or a log in front of it may read the last:
// two Authorization headers ran the request as the first token's user (session 26, attack; found
// by hand). A request that repeats one is refused.
var singleHeaders = []string{"Authorization", IdempotencyHeader}

// repeatedHeader names the first of singleHeaders that h holds more than once, or "".
func repeatedHeader(h http.Header) string {
	for _, name := range singleHeaders {
		if len(h.Values(name)) > 1 {
			return name
		}
	}
	return ""
}

func routeOf(p string) string {
	switch {
	case p == "/graphql", p == "/healthz", p == "/readyz", p == "/metrics":
		return p
	case p == "/evidence", strings.HasPrefix(p, "/evidence/"):
		return "/evidence"
	case p == "/export/stats.csv", p == "/export/complaints.csv", p == "/public/complaints.csv":
		return p
	case strings.HasPrefix(p, "/static/"):
		return "/static"
	}
	return "/"
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// Unwrap lets http.ResponseController reach the connection's writer, to flush a streamed CSV and
// to move a long transfer's deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// authenticate returns the request context with the actor of its bearer token, if any.
// A token verified before the request took its slot (credentialsOf) is not verified again.
func (s *Server) authenticate(r *http.Request) (context.Context, error) {
	c := s.credentialsOf(r)
	if !c.present {
		return r.Context(), nil
	}
	if c.err != nil {
		return nil, c.err
	}
	a := c.actor
	var err error
	if s.Actors != nil {
		must := a.MustChangePassword
		if a, err = s.Actors(r.Context(), a.UserID, a.SessionID); err != nil {
			return nil, err
		}
		a.MustChangePassword = must
	}
	return domain.WithActor(r.Context(), a), nil
}

// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): a POST must carry a JSON body
// and say so. Anything else is refused with 415 before it is read: a text/plain or form POST is a
// CORS "simple" request that a browser sends cross-site without asking, the way to forge one.
// The answer is application/graphql-response+json when the client's Accept prefers it, with a 4xx
// status for a request refused before execution (a document that does not parse, validate or fit
// the limits, variables that do not fit); otherwise application/json with 200, as before.
const (
	mediaJSON              = "application/json"
	mediaGraphQLResponse   = "application/graphql-response+json"
	contentTypeJSON        = mediaJSON + "; charset=utf-8"
	contentTypeGQLResponse = mediaGraphQLResponse + "; charset=utf-8"
)

// jsonBody says whether a request's Content-Type is JSON.
func jsonBody(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == mediaJSON
}

// responseType is the media type of the answer: application/graphql-response+json when Accept
// ranks it at least as high as application/json, application/json otherwise (and without Accept).
func responseType(r *http.Request) string {
	gql, js := -1.0, -1.0
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		switch mt {
		case mediaGraphQLResponse:
			gql = max(gql, q)
		case mediaJSON, "application/*", "*/*":
			js = max(js, q)
		}
	}
	if gql > 0 && gql >= js {
		return contentTypeGQLResponse
	}
	return contentTypeJSON
}

// onlySpace reads r to its end, or to the first byte that is not JSON white space (false).
func onlySpace(r io.Reader) (bool, error) {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if len(bytes.Trim(buf[:n], " \t\r\n")) != 0 {
			return false, nil
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
}

func (s *Server) graphql(w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(context.WithValue(r.Context(), arrivedKey{}, time.Now()))
	ct := responseType(r)
	if !jsonBody(r) {
		writeErrorsAs(w, ct, http.StatusUnsupportedMediaType, domain.Invalid("Content-Type",
			"send the request as application/json: {\"query\": ..., \"variables\": {...}}", "请求须以application/json格式发送"))
		return
	}
	// The body is read before the request takes a slot (inflight.go): a client that sends it
	// slowly, or never finishes it, must not hold one.
	var req graph.Request
	body := http.MaxBytesReader(w, r.Body, s.MaxBodyBytes)
	var raw bytes.Buffer // what the decoder read, for duplicateKey
	dec := json.NewDecoder(io.TeeReader(body, &raw))
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeErrorsAs(w, ct, http.StatusRequestEntityTooLarge, domain.Invalid("body", "the request is larger than allowed", "请求体过大"))
			return
		}
		writeErrorsAs(w, ct, http.StatusBadRequest, domain.Invalid("body", "send JSON: {\"query\": ..., \"variables\": {...}}", "请求须为JSON"))
		return
	}
	// One JSON object and nothing after it but white space: a second object (or anything else)
	// after the first was ignored, so the request run was not all the request said (session 15).
	blank, err := onlySpace(io.MultiReader(dec.Buffered(), body))
	if err != nil {
		writeErrorsAs(w, ct, http.StatusRequestEntityTooLarge, domain.Invalid("body", "the request is larger than allowed", "请求体过大"))
		return
	}
	if !blank {
		writeErrorsAs(w, ct, http.StatusBadRequest, domain.Invalid("body", "send one JSON object, with nothing after it", "请求须为单个JSON对象，其后不得有其他内容"))
		return
	}
	// Text only: invalid UTF-8 and lone surrogates became U+FFFD in what was stored (session 33).
	if reason := brokenText(raw.Bytes()); reason != "" {
		e := domain.Invalid("body", "the request holds text that is not valid Unicode (invalid UTF-8 bytes or a lone surrogate escape); send the text again as UTF-8",
			"请求中的文本不是有效的Unicode（无效的UTF-8字节或孤立的代理项转义），请以UTF-8重新发送")
		e.Reason = reason
		writeErrorsAs(w, ct, http.StatusBadRequest, e)
		return
	}
	// Each key once: of two equal keys the decoder kept the last, which a proxy or a log in front
	// may not (session 29, attack).
	if key := duplicateKey(raw.Bytes()); key != "" {
		writeErrorsAs(w, ct, http.StatusBadRequest, domain.Invalid(key, "the request names this key twice in one object; send each key once",
			"请求的同一对象中该键出现了两次，每个键只能出现一次"))
		return
	}
	// The token is verified once, here: its user names the client's share of the slots; the
	// document is resolved (and cached for Run) to choose the lane.
	c := s.credentialsOf(r)
	r = r.WithContext(graph.WithDocumentMemo(r.Context())) // the document is parsed once for the lane, the idempotency and the run
	costly := false
	if s.InFlightCostly != nil {
		pre := domain.WithRequestAddress(r.Context(), ClientAddr(r.Context()))
		if c.present && c.err == nil {
			pre = domain.WithActor(pre, c.actor) // whose persisted queries (the session is checked later)
		}
		costly = s.Graph.Costly(pre, req)
	}
	r, release, refused, ok := s.takeSlot(r, c, costly)
	if refused != nil && refused.busy {
		writeBusy(w, ct, true)
		return
	}
	if refused != nil {
		writeRateLimited(w, refused.limited)
		return
	}
	if !ok {
		return // the client went away while waiting
	}
	held := &heldResponse{w: w}
	s.serveGraphQL(held, r, ct, req)
	release() // before the answer is written: a client that does not read it holds no slot
	held.send()
}

// DefaultRequestTimeout is the default Server.RequestTimeout: with the longest wait for a slot
// (DefaultInFlightWait) it ends before the HTTP server's write timeout (60 s) cuts the client off,
// so that the client is told.
const DefaultRequestTimeout = 45 * time.Second

// HTTPWriteTimeout is the HTTP server's write timeout (app): a response not written by then is cut
// off, and its client is told nothing.
const HTTPWriteTimeout = 60 * time.Second

// MaxRequestTimeout is the longest REDLINE_REQUEST_TIMEOUT accepted: 10 s under HTTPWriteTimeout,
// so that a request stopped at its deadline is still answered TIMEOUT (a longer one was accepted up
// to 10 minutes, and its client was cut off at 60 s while the work went on; session 26, attack).
const MaxRequestTimeout = HTTPWriteTimeout - 10*time.Second

// Deadlines of the handlers beside GraphQL that do heavy work: an upload's reading is given 15
// minutes (a large file on a phone connection), then checked and stored; an export streams for at
// most exportMaxDuration.
const uploadMaxDuration = 20 * time.Minute

// answerReserve is the time a request stopped at its deadline may still need to be answered: a
// COMMIT begun just before the deadline runs on a context of its own for up to 10 s
// (domain/postgres's txEndTimeout), and the answer is then written.
const answerReserve = 12 * time.Second

// uploadWriteTimeout is an upload's write deadline, set when its reading starts: past the upload's
// own deadline by answerReserve, so that an upload stopped at its deadline is told TIMEOUT (it was
// 15 minutes, under the 20-minute deadline: a stopped upload's answer could not be written;
// round 21's leftover, mended in session 27).
const uploadWriteTimeout = uploadMaxDuration + answerReserve

// graphQLDeadline is when a /graphql request that arrived at arrived (its headers read, when the
// HTTP server's write timeout starts) and took its slot at now must stop: timeout after it took its
// slot, but never later than answerReserve before the write timeout cuts its client off. The slot
// wait (REDLINE_MAX_INFLIGHT_WAIT, up to 5 minutes) and the body's reading came before the clock
// started, so 45 s in the slot after a 10 s wait, and a COMMIT at the end, passed the 60 s write
// timeout and the client was cut off untold (round 21's leftover, mended in session 27).
func graphQLDeadline(arrived, now time.Time, timeout time.Duration) time.Time {
	d := now.Add(timeout)
	if latest := arrived.Add(HTTPWriteTimeout - answerReserve); !arrived.IsZero() && latest.Before(d) {
		return latest
	}
	return d
}

// arrivedKey is the context key of the time a /graphql request's handler started.
type arrivedKey struct{}

// withDeadline runs h with a request context that ends after d (cause domain.ErrRequestTimeout), as
// it ends when the client goes away: the handler's statements are cancelled and its transactions
// rolled back.
func withDeadline(d time.Duration, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeoutCause(r.Context(), d, domain.ErrRequestTimeout)
		defer cancel()
		h(w, r.WithContext(ctx))
		logStopped(ctx, r)
	}
}

// logStopped notes a request whose deadline passed or whose client went away while it ran.
func logStopped(ctx context.Context, r *http.Request) {
	if stop := domain.Stopped(ctx); stop != nil {
		slog.InfoContext(ctx, "request stopped", "route", r.Pattern, "reason", stop.Reason)
	}
}

func (s *Server) requestTimeout() time.Duration {
	if s.RequestTimeout > 0 {
		return s.RequestTimeout
	}
	return DefaultRequestTimeout
}

// serveGraphQL answers a /graphql request whose body is read, in its slot.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request, ct string, req graph.Request) {
	arrived, _ := r.Context().Value(arrivedKey{}).(time.Time)
	rctx, cancel := context.WithDeadlineCause(r.Context(), graphQLDeadline(arrived, time.Now(), s.requestTimeout()), domain.ErrRequestTimeout)
	defer cancel()
	r = r.WithContext(rctx)
	defer logStopped(rctx, r)
	ctx, err := s.authenticate(r)
	if err != nil {
		if !s.replayAfterSessionEnded(w, r, ct, req, err) {
			writeErrorsAs(w, ct, http.StatusUnauthorized, err)
		}
		return
	}
	if limited := s.Limiter.Allow(ctx, domain.ActorFrom(ctx), ClientAddr(ctx)); limited != nil {
		writeRateLimited(w, limited)
		return
	}
	ctx = domain.WithRequestAddress(ctx, ClientAddr(ctx)) // for the audit records of the domain
	if s.RequestContext != nil {
		ctx = s.RequestContext(ctx) // e.g. the statement timeout of request queries
	}
	if strings.TrimSpace(req.Query) == "" && req.Extensions.PersistedQuery == nil {
		writeErrorsAs(w, ct, http.StatusBadRequest, domain.Invalid("query", "the query is empty", "查询为空"))
		return
	}
	if key, ok := s.idempotencyKey(w, r, ct, req); !ok {
		return
	} else if key != "" {
		// A sign-in's answer (tokens) is never kept: a retry signs in again.
		if op, mutation := s.Graph.Operation(ctx, req); mutation && !s.Graph.IssuesCredentials(op) {
			s.idempotent(ctx, w, ct, req, key, op)
			return
		}
	}
	res, status := s.execute(ctx, w, ct, req)
	writeJSONAs(w, ct, status, res)
}

// execute runs a GraphQL request and chooses the HTTP status of its answer.
func (s *Server) execute(ctx context.Context, w http.ResponseWriter, ct string, req graph.Request) (*graphql.Result, int) {
	res, refused := s.Graph.Run(ctx, req)
	status := http.StatusOK
	if cause := graph.Unavailable(res); cause != nil {
		status = http.StatusServiceUnavailable
		unavailableHeaders(w, cause)
	} else if refused && ct == contentTypeGQLResponse {
		status = http.StatusBadRequest
		if len(res.Errors) > 0 && res.Errors[0].Extensions["code"] == string(domain.CodeForbidden) {
			status = http.StatusForbidden
		}
	}
	return res, status
}

// graphqlGet serves GraphiQL to a browser. GraphQL is not executed over GET (a GET must not change
// anything, and this API offers no GET execution): a client asking for JSON with a query gets 405.
func (s *Server) graphqlGet(w http.ResponseWriter, r *http.Request) {
	// Nothing is executed over GET, but a request's parameters are held to what a POST body is
	// held to (session 29's duplicate keys; round 24's leftover, session 30): a parameter given twice,
	// or a key named twice in the JSON of variables or extensions, is refused with its path, before
	// anything in front reads the first and the server the last.
	if field := duplicateParam(r.URL.Query()); field != "" {
		writeErrorsAs(w, responseType(r), http.StatusBadRequest, domain.Invalid(field, "the request names this key twice in one object; send each key once",
			"请求的同一对象中该键出现了两次，每个键只能出现一次"))
		return
	}
	if r.URL.Query().Has("query") && !strings.Contains(r.Header.Get("Accept"), "text/html") {
		w.Header().Set("Allow", http.MethodPost)
		writeErrorsAs(w, responseType(r), http.StatusMethodNotAllowed, domain.Invalid("method",
			"GraphQL is served over POST with a JSON body", "请使用POST方法发送JSON格式的GraphQL请求"))
		return
	}
	s.graphiql(w, r)
}

// duplicateParam is the path of the first of a GraphQL request's parameters given twice in a URL
// (query, operationName, variables, extensions), or of a key named twice in the JSON of variables
// or extensions ("variables.f.text"), as duplicateKey reads a body; "" when there is none.
func duplicateParam(q url.Values) string {
	for _, name := range []string{"query", "operationName", "variables", "extensions"} {
		vs := q[name]
		if len(vs) > 1 {
			return name
		}
		if len(vs) == 1 && (name == "variables" || name == "extensions") && json.Valid([]byte(vs[0])) {
			// Wrapped as a request's body, so that the path and the folding are a body's.
			if key := duplicateKey([]byte(`{"` + name + `":` + vs[0] + `}`)); key != "" {
				return key
			}
		}
	}
	return ""
}

// RetryAfterUnavailable is the Retry-After, in seconds, of an answer that a service the platform
// needs is unavailable: long enough for a restarted PostgreSQL to accept connections again.
const RetryAfterUnavailable = 5

// unavailableHeaders logs, once per request, that a service was unreachable (the cause names the
// service and the failure, never the request's data) and asks the client to retry.
func unavailableHeaders(w http.ResponseWriter, cause error) {
	slog.Warn("database unavailable", "err", cause, "retry_after", RetryAfterUnavailable)
	w.Header().Set("Retry-After", strconv.Itoa(RetryAfterUnavailable))
}

// readyTTL is how long a readiness answer is reused. /readyz answers anyone, without a limit, and
// each check pings PostgreSQL and Redis: a flood of it took the connections the requests need
// (session 16, attack2). Probes come every few seconds; a second old answer serves them as well.
const readyTTL = time.Second

// readiness is the latest readiness answer; its lock lets one request run the checks at a time,
// the others waiting for and reusing its answer.
type readiness struct {
	mu     sync.Mutex
	at     time.Time
	status int
	out    map[string]string
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	s.ready.mu.Lock()
	if s.ready.out == nil || time.Since(s.ready.at) >= readyTTL {
		// Not the request's context: a client that goes away must not leave a failed answer.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
		out := map[string]string{}
		status := http.StatusOK
		for _, c := range s.Checks {
			if err := c.Fn(ctx); err != nil {
				slog.Warn("readiness check failed", "check", c.Name, "err", err)
				out[c.Name] = "unavailable"
				status = http.StatusServiceUnavailable
			} else {
				out[c.Name] = "ok"
			}
		}
		cancel()
		s.ready.at, s.ready.status, s.ready.out = time.Now(), status, out
	}
	status, out := s.ready.status, s.ready.out
	s.ready.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) { writeJSONAs(w, contentTypeJSON, status, v) }

func writeJSONAs(w http.ResponseWriter, contentType string, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeErrors answers a request that failed before GraphQL ran, in GraphQL's error shape.
func writeErrors(w http.ResponseWriter, status int, err error) {
	writeErrorsAs(w, contentTypeJSON, status, err)
}

func writeErrorsAs(w http.ResponseWriter, contentType string, status int, err error) {
	de, ok := domain.AsError(err)
	if !ok {
		de = &domain.Error{Code: domain.CodeInternal, Message: "internal error"}
	}
	if de.Code == domain.CodeUnavailable { // never 401 or 500 because the database is down
		status = http.StatusServiceUnavailable
		unavailableHeaders(w, err)
	}
	ext := map[string]any{"code": string(de.Code)}
	if de.Field != "" {
		ext["field"] = de.Field
	}
	if de.MessageZH != "" {
		ext["messageZh"] = de.MessageZH
	}
	if de.Reason != "" { // e.g. SESSION_ENDED: why a session was refused, which the portal says
		ext["reason"] = de.Reason
	}
	writeJSONAs(w, contentType, status, map[string]any{"errors": []map[string]any{{"message": de.Message, "extensions": ext}}})
}
