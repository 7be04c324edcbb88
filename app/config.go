// Package app wires redline together: configuration from the environment, the database, Redis,
// the domain services, and the HTTP server, workers and scheduler that `redline` runs.
package app

import (
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/workers"
)

// Config is read from the environment; every value has a default that works on a developer's
// machine.
type Config struct {
	DatabaseURL string
	// DatabaseReadURL is DATABASE_READ_URL: a streaming replica that statistics, the statistics
	// export and the public dataset read from (docs/SCALING.md); empty reads everything from the
	// primary.
	DatabaseReadURL string
	RedisURL        string
	// RedisSentinel, when it names sentinels, is where Redis is found instead of REDIS_URL's host.
	RedisSentinel SentinelConfig
	HTTPAddr      string
	Env           string // "dev" or "production"
	Secret        []byte // signs access tokens
	TokenTTL      time.Duration
	// RefreshReuseGrace is REDLINE_REFRESH_REUSE_GRACE: how long a rotated refresh token still renews
	// its session (a reload or a second tab during a refresh) before reusing it counts as theft
	// (default domain.DefaultRefreshReuseGrace, 30s; 0 turns the grace off).
	RefreshReuseGrace time.Duration
	Concurrency       int // worker goroutines: REDLINE_WORKER_CONCURRENCY, default workers.DefaultConcurrency()
	// WebhookConcurrency is REDLINE_WEBHOOK_CONCURRENCY: the webhook deliveries a worker process
	// attempts at once, apart from Concurrency (default workers.DefaultWebhookConcurrency).
	WebhookConcurrency int
	Security           SecurityConfig
	Evidence           EvidenceConfig
	Notify             NotifyConfig
	// PublicURL is REDLINE_PUBLIC_URL: where people reach the portal (https://redline.example.cn),
	// for the links e-mails carry (registration confirmation, an institution user's invitation).
	// Default http://localhost:8080.
	PublicURL string
	// DeadlineReminders are REDLINE_DEADLINE_REMINDERS: how long before a clock is due its party is
	// reminded ("72h,24h").
	DeadlineReminders []time.Duration
	// MaxAppraisalDays is REDLINE_MAX_APPRAISAL_DAYS: the longest one pause for an outside appraisal
	// may stop an institution's answer clock (1 to 365 days; default domain.DefaultMaxAppraisalDays).
	MaxAppraisalDays int
	// DBPool is REDLINE_DB_MAX_CONNS and REDLINE_DB_MAX_IDLE_TIME: the PostgreSQL connection pool of
	// the process (all kept idle up to the idle time, so full concurrency does not churn sessions).
	DBPool postgres.Pool
	// ShutdownTimeout is REDLINE_SHUTDOWN_TIMEOUT: how long a stopping process waits for its
	// in-flight requests and tasks before it cuts them (default 20s).
	ShutdownTimeout time.Duration
	// ExportMaxRows is REDLINE_EXPORT_MAX_ROWS: the most rows a CSV export or the public download
	// streams (default domain.DefaultExportRows).
	ExportMaxRows int
	// PublicLedgerEvery is how often, at most, a read of the public figures appends to the ledger
	// of published ratings in this process (0: postgres.DefaultLedgerEvery; negative: at every
	// read, as the tests do).
	PublicLedgerEvery time.Duration
	// StatementTimeout is REDLINE_STATEMENT_TIMEOUT: the longest a query of an API request may run
	// before PostgreSQL cancels it (default 5s; 0 turns it off). Workers, migrations, imports and
	// seeds are not limited.
	StatementTimeout time.Duration
	// MetricsAddr is METRICS_ADDR: the listener of /metrics, apart from the public one (default
	// DefaultMetricsAddr, loopback only; "off" turns it off). MetricsAddrSet says it was given: a
	// given address that cannot be listened on stops serve, the default only logs a warning.
	MetricsAddr    string
	MetricsAddrSet bool
	// MetricsToken is METRICS_TOKEN: the bearer token /metrics asks for, on the metrics listener
	// and, only when set, on the public one (which otherwise answers 404).
	MetricsToken string

	// DevBoxesAnywhere is REDLINE_DEV_BOXES=any: /dev/mailbox and /dev/sms (dev mode) answer clients
	// on other machines too; by default ("local") loopback peers only.
	DevBoxesAnywhere bool
	// ReassessDays is REDLINE_REASSESS_DAYS: when above 0, publishing a rule pack revision starts a
	// rule reassessment of the complaints filed in the last ReassessDays days (docs/RULES.md).
	ReassessDays int
	// MaxInFlight is REDLINE_MAX_INFLIGHT: the most /graphql requests serve runs at once, the others
	// waiting their turn in arrival order (default DefaultMaxInFlight; 0: no bound). On two cores,
	// 32 filings at once ran no faster than 16 and made PostgreSQL spend twice the CPU per filing
	// on contention, with a p99 three to five times longer (docs/BENCHMARKS.md, intake).
	MaxInFlight int
	// MaxInFlightClient is REDLINE_MAX_INFLIGHT_CLIENT: the most of those requests one client (a
	// signed-in user, or a client address) runs at once, so that one client's slow requests
	// cannot hold every slot (default a quarter of MaxInFlight, at least 1).
	MaxInFlightClient int
	// MaxInFlightCostly is REDLINE_MAX_INFLIGHT_COSTLY: the most costly reads (statistics, the
	// public dataset, text searches of complaints, message analysis, CSV exports) serve runs at
	// once, in a lane of their own apart from MaxInFlight's, so that slow statistics never hold up
	// a sign-in or a filing (default a quarter of MaxInFlight, at least 1; 0: no lane of their own,
	// they share MaxInFlight's). One client runs at most half of them at once (at least 1, at most
	// MaxInFlightClient).
	MaxInFlightCostly int
	// RequestTimeout is REDLINE_REQUEST_TIMEOUT: the longest a /graphql request may run in its slot
	// before its work is stopped and it answers TIMEOUT (api.DefaultRequestTimeout; between 100ms
	// and api.MaxRequestTimeout, 50s: under the HTTP server's write timeout).
	RequestTimeout time.Duration
	// MaxInFlightWait is REDLINE_MAX_INFLIGHT_WAIT: the longest a request waits for its slots in
	// either lane before it is answered 503 UNAVAILABLE with a Retry-After (default
	// api.DefaultInFlightWait; between 100ms and 5m).
	MaxInFlightWait time.Duration
}

// DefaultMaxInFlight is the default REDLINE_MAX_INFLIGHT: half the default connection pool.
const DefaultMaxInFlight = 16

// SentinelConfig is REDIS_SENTINEL_ADDRS (host:port,host:port,…), REDIS_SENTINEL_MASTER (the
// monitored primary's name, default "redline") and REDIS_SENTINEL_PASSWORD (the sentinels' own, if
// any).
type SentinelConfig struct {
	Addrs    []string
	Master   string
	Password string
}

// NotifyConfig configures outgoing e-mail; without SMTP_ADDR e-mails are only logged (kind,
// complaint reference and recipient id, never the address).
type NotifyConfig struct {
	SMTPAddr     string // SMTP_ADDR, host:port
	SMTPFrom     string // SMTP_FROM, the sender address
	SMTPUsername string // SMTP_USERNAME, optional
	SMTPPassword string // SMTP_PASSWORD, optional
	// WebhookPorts are the ports a webhook URL may name in production (REDLINE_WEBHOOK_PORTS,
	// comma-separated; default 443 only).
	WebhookPorts []int
}

// DefaultStatementTimeout is how long a query of an API request may run by default.
const DefaultStatementTimeout = 5 * time.Second

// DefaultShutdownTimeout is how long a stopping process waits for in-flight requests and tasks when
// REDLINE_SHUTDOWN_TIMEOUT is not set: within the 30 s an orchestrator usually grants.
const DefaultShutdownTimeout = 20 * time.Second

// DevSecret signs tokens in dev mode when REDLINE_SECRET is not set. Never use it in production.
const DevSecret = "redline-dev-secret-do-not-use-in-production"

// DefaultMetricsAddr is where /metrics is served when METRICS_ADDR is not set: the loopback
// interface only, never the public listener.
const DefaultMetricsAddr = "127.0.0.1:9090"

// MinMetricsTokenBytes is the shortest METRICS_TOKEN accepted.
const MinMetricsTokenBytes = 16

// publishedSecrets are token secrets anyone can read in this repository (the dev secret and the
// example in docker-compose.yml); production refuses them, and the dev keys derived from them.
var publishedSecrets = []string{DevSecret, "change-me-in-production-please-32bytes"}

// ConfigFromEnv reads the configuration.
func ConfigFromEnv() (Config, error) {
	var err error
	c := Config{
		DatabaseURL:       env("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/redline?sslmode=disable"),
		RedisURL:          env("REDIS_URL", "redis://127.0.0.1:6379/0"),
		DatabaseReadURL:   os.Getenv("DATABASE_READ_URL"),
		HTTPAddr:          env("HTTP_ADDR", ":8080"),
		Env:               env("REDLINE_ENV", "dev"),
		PublicURL:         strings.TrimRight(env("REDLINE_PUBLIC_URL", "http://localhost:8080"), "/"),
		Secret:            []byte(os.Getenv("REDLINE_SECRET")),
		TokenTTL:          15 * time.Minute,
		Concurrency:       workers.DefaultConcurrency(),
		RefreshReuseGrace: domain.DefaultRefreshReuseGrace,

		ShutdownTimeout: DefaultShutdownTimeout,
	}
	if c.Env != "dev" && c.Env != "production" {
		return c, fmt.Errorf("config: REDLINE_ENV must be dev or production, not %q", c.Env)
	}
	if len(c.Secret) == 0 && c.Env == "dev" {
		c.Secret = []byte(DevSecret)
		slog.Warn("REDLINE_SECRET is not set; using the dev secret (dev mode only)")
	}
	if len(c.Secret) < 32 {
		return c, fmt.Errorf("config: REDLINE_SECRET must be at least 32 bytes in production")
	}
	if c.Env == "production" && slices.Contains(publishedSecrets, string(c.Secret)) {
		return c, fmt.Errorf("config: REDLINE_SECRET is a published example secret, which lets anyone sign access tokens; set REDLINE_SECRET to a secret of your own (`openssl rand -base64 48`)")
	}
	if v := os.Getenv("REDLINE_TOKEN_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute {
			return c, fmt.Errorf("config: REDLINE_TOKEN_TTL %q is not a duration of at least 1m", v)
		}
		c.TokenTTL = d
	}
	if v := os.Getenv("REDLINE_REFRESH_REUSE_GRACE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > 5*time.Minute {
			return c, fmt.Errorf("config: REDLINE_REFRESH_REUSE_GRACE %q is not a duration between 0s and 5m", v)
		}
		c.RefreshReuseGrace = d
	}
	if err := positiveEnv("REDLINE_WORKER_CONCURRENCY", &c.Concurrency); err != nil {
		return c, err
	}
	c.WebhookConcurrency = workers.DefaultWebhookConcurrency
	if err := positiveEnv("REDLINE_WEBHOOK_CONCURRENCY", &c.WebhookConcurrency); err != nil {
		return c, err
	}
	if v := strings.TrimSpace(os.Getenv("REDIS_SENTINEL_ADDRS")); v != "" {
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a != "" {
				c.RedisSentinel.Addrs = append(c.RedisSentinel.Addrs, a)
			}
		}
		c.RedisSentinel.Master = env("REDIS_SENTINEL_MASTER", "redline")
		c.RedisSentinel.Password = os.Getenv("REDIS_SENTINEL_PASSWORD")
	}
	if c.DBPool, err = poolFromEnv(); err != nil {
		return c, err
	}
	if v := os.Getenv("REDLINE_SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return c, fmt.Errorf("config: REDLINE_SHUTDOWN_TIMEOUT %q is not a duration of at least 1s", v)
		}
		c.ShutdownTimeout = d
	}
	c.ExportMaxRows = domain.DefaultExportRows
	if err := positiveEnv("REDLINE_EXPORT_MAX_ROWS", &c.ExportMaxRows); err != nil {
		return c, err
	}
	c.StatementTimeout = DefaultStatementTimeout
	if v := os.Getenv("REDLINE_STATEMENT_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if v == "0" || v == "off" {
			d, err = 0, nil
		}
		if err != nil || (d != 0 && d < 10*time.Millisecond) {
			return c, fmt.Errorf("config: REDLINE_STATEMENT_TIMEOUT %q is not a duration like 5s (or 0 to turn it off)", v)
		}
		c.StatementTimeout = d
	}
	if _, err := rules.ModelFromSetting(os.Getenv("REDLINE_MODEL")); err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	if v := os.Getenv("REDLINE_REASSESS_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 3660 {
			return c, fmt.Errorf("config: REDLINE_REASSESS_DAYS %q is not a number of days (0 to 3660)", v)
		}
		c.ReassessDays = n
	}
	if c.DeadlineReminders, err = remindersFromEnv(); err != nil {
		return c, err
	}
	if v := os.Getenv("REDLINE_MAX_APPRAISAL_DAYS"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > 365 {
			return c, fmt.Errorf("config: REDLINE_MAX_APPRAISAL_DAYS %q is not a number of days (1 to 365)", v)
		}
		c.MaxAppraisalDays = n
	}
	ev, err := evidenceConfigFromEnv()
	if err != nil {
		return c, err
	}
	c.Evidence = ev
	c.Notify = NotifyConfig{SMTPAddr: os.Getenv("SMTP_ADDR"), SMTPFrom: os.Getenv("SMTP_FROM"),
		SMTPUsername: os.Getenv("SMTP_USERNAME"), SMTPPassword: os.Getenv("SMTP_PASSWORD")}
	if c.Notify.SMTPAddr != "" && c.Notify.SMTPFrom == "" {
		return c, fmt.Errorf("config: SMTP_FROM must be set when SMTP_ADDR is")
	}
	if c.Notify.WebhookPorts, err = webhookPortsFromEnv(); err != nil {
		return c, err
	}
	c.MetricsAddr = DefaultMetricsAddr
	if v, ok := os.LookupEnv("METRICS_ADDR"); ok {
		c.MetricsAddr, c.MetricsAddrSet = strings.TrimSpace(v), true
		if c.MetricsAddr == "off" {
			c.MetricsAddr = ""
		}
	}
	switch v := os.Getenv("REDLINE_DEV_BOXES"); v {
	case "", "local":
	case "any":
		c.DevBoxesAnywhere = true
	default:
		return c, fmt.Errorf("config: REDLINE_DEV_BOXES %q must be local (the dev mailbox and SMS box answer this machine only) or any", v)
	}
	if c.MetricsToken = os.Getenv("METRICS_TOKEN"); c.MetricsToken != "" && len(c.MetricsToken) < MinMetricsTokenBytes {
		return c, fmt.Errorf("config: METRICS_TOKEN must be at least %d bytes (`openssl rand -hex 24`)", MinMetricsTokenBytes)
	}
	c.MaxInFlight = DefaultMaxInFlight
	if v := os.Getenv("REDLINE_MAX_INFLIGHT"); v != "" {
		if c.MaxInFlight, err = strconv.Atoi(v); err != nil || c.MaxInFlight < 0 {
			return c, fmt.Errorf("config: REDLINE_MAX_INFLIGHT %q is not a number of requests (0: no bound)", v)
		}
	}
	c.MaxInFlightClient = max(1, c.MaxInFlight/4)
	if v := os.Getenv("REDLINE_MAX_INFLIGHT_CLIENT"); v != "" {
		if c.MaxInFlightClient, err = strconv.Atoi(v); err != nil || c.MaxInFlightClient < 1 {
			return c, fmt.Errorf("config: REDLINE_MAX_INFLIGHT_CLIENT %q is not a number of requests (at least 1)", v)
		}
	}
	if c.MaxInFlight > 0 {
		c.MaxInFlightCostly = max(1, c.MaxInFlight/4)
	}
	if v := os.Getenv("REDLINE_MAX_INFLIGHT_COSTLY"); v != "" {
		if c.MaxInFlightCostly, err = strconv.Atoi(v); err != nil || c.MaxInFlightCostly < 0 {
			return c, fmt.Errorf("config: REDLINE_MAX_INFLIGHT_COSTLY %q is not a number of requests (0: no lane of their own)", v)
		}
	}
	c.RequestTimeout = api.DefaultRequestTimeout
	if v := os.Getenv("REDLINE_REQUEST_TIMEOUT"); v != "" {
		if c.RequestTimeout, err = time.ParseDuration(v); err != nil || c.RequestTimeout < 100*time.Millisecond || c.RequestTimeout > api.MaxRequestTimeout {
			return c, fmt.Errorf("config: REDLINE_REQUEST_TIMEOUT %q is not a duration between 100ms and %s (how long a GraphQL request may run; "+
				"it must end before the HTTP server's %s write timeout cuts the client off)", v, api.MaxRequestTimeout, api.HTTPWriteTimeout)
		}
	}
	c.MaxInFlightWait = api.DefaultInFlightWait
	if v := os.Getenv("REDLINE_MAX_INFLIGHT_WAIT"); v != "" {
		if c.MaxInFlightWait, err = time.ParseDuration(v); err != nil || c.MaxInFlightWait < 100*time.Millisecond || c.MaxInFlightWait > 5*time.Minute {
			return c, fmt.Errorf("config: REDLINE_MAX_INFLIGHT_WAIT %q is not a duration between 100ms and 5m (how long a request waits for a slot)", v)
		}
	}
	sec, err := securityConfigFromEnv(c.Env, c.Secret)
	if err != nil {
		return c, err
	}
	c.Security = sec
	return c, nil
}

// positiveEnv reads the variable name, when set, into dst: a whole number of at least 1.
func positiveEnv(name string, dst *int) error {
	v := os.Getenv(name)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return fmt.Errorf("config: %s %q is not a positive number", name, v)
	}
	*dst = n
	return nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// webhookPortsFromEnv reads REDLINE_WEBHOOK_PORTS, the ports production webhook URLs may name
// ("443,8443"); empty means domain.DefaultWebhookPorts.
func webhookPortsFromEnv() ([]int, error) {
	v := strings.TrimSpace(os.Getenv("REDLINE_WEBHOOK_PORTS"))
	if v == "" {
		return slices.Clone(domain.DefaultWebhookPorts), nil
	}
	var out []int
	for _, part := range strings.Split(v, ",") {
		p, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || p < 1 || p > 65535 || slices.Contains(out, p) {
			return nil, fmt.Errorf("config: REDLINE_WEBHOOK_PORTS %q: want distinct port numbers 1-65535, like 443,8443", v)
		}
		out = append(out, p)
	}
	return out, nil
}

// remindersFromEnv reads REDLINE_DEADLINE_REMINDERS, a comma-separated list of durations before
// due ("72h,24h", the default); "none" sends no reminders.
func remindersFromEnv() ([]time.Duration, error) {
	v := strings.TrimSpace(os.Getenv("REDLINE_DEADLINE_REMINDERS"))
	switch v {
	case "":
		return domain.DefaultReminders, nil
	case "none":
		return []time.Duration{}, nil
	}
	var out []time.Duration
	for _, part := range strings.Split(v, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(part))
		if err != nil || d < time.Minute || slices.Contains(out, d) {
			return nil, fmt.Errorf("config: REDLINE_DEADLINE_REMINDERS %q: want distinct durations of at least 1m, like 72h,24h", v)
		}
		out = append(out, d)
	}
	return out, nil
}

// poolFromEnv reads REDLINE_DB_MAX_CONNS (connections open and kept idle, default 32) and
// REDLINE_DB_MAX_IDLE_TIME (how long an unused connection is kept, default 5m).
func poolFromEnv() (postgres.Pool, error) {
	p := postgres.DefaultPool
	if v := os.Getenv("REDLINE_DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, fmt.Errorf("config: REDLINE_DB_MAX_CONNS %q is not a positive number", v)
		}
		p.MaxConns = n
	}
	if v := os.Getenv("REDLINE_DB_MAX_IDLE_TIME"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return p, fmt.Errorf("config: REDLINE_DB_MAX_IDLE_TIME %q is not a duration of at least 1s", v)
		}
		p.MaxIdleTime = d
	}
	return p, nil
}
