package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/api/graph"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/authz"
	"github.com/redline-regulator/redline/domain/deadline"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/workers"
)

// App is the wired platform.
type App struct {
	Config Config
	DB     *postgres.DB
	// ReadDB is the read replica of DATABASE_READ_URL, nil without one.
	ReadDB     *postgres.DB
	Redis      *redis.Client
	RedisOpt   asynq.RedisConnOpt
	Queue      *asynq.Client
	Complaints *domain.Complaints
	Accounts   *domain.Accounts
	// Registrations starts and confirms self-service registrations (e-mail confirmation).
	Registrations *domain.Registrations
	// PasswordResets e-mails password-reset links and sets passwords from them.
	PasswordResets *domain.PasswordResets
	// DevMailbox keeps the e-mails sent in dev mode for GET /dev/mailbox; nil in production.
	DevMailbox *workers.DevMailbox
	// DevSMS keeps the SMS sent in dev mode (numbers masked) for GET /dev/sms; nil in production.
	DevSMS       *workers.DevSMSBox
	Sessions     *domain.Sessions
	Access       *domain.Access // role bindings, actors of requests, the admin audit log
	Institutions *postgres.InstitutionStore
	// InstitutionAdmin edits the institution registry (administrators).
	InstitutionAdmin *domain.InstitutionAdmin
	// InstitutionUsers lets an institution's admin invite, disable and enable its users.
	InstitutionUsers *domain.InstitutionUsers
	Teams            *postgres.TeamRouter
	Outbox           *postgres.Outbox
	Keys             *pii.KeyRing // encrypts personal data at rest and hashes it for lookups
	Evidence         *domain.EvidenceService
	// Stats answers statistics questions and keeps the aggregates current (docs/STATISTICS.md).
	Stats *domain.Statistics
	// Notifications tells the parties of a complaint what happened (in-app, e-mail, SMS, webhooks).
	Notifications *domain.Notifications
	// Routing is the versioned routing table; RulePacks the versioned rule packs the engine uses.
	Routing   *domain.Routing
	RulePacks *rules.Library
	// Deadlines reminds the parties before a complaint's clocks are due and records breaches.
	Deadlines *domain.DeadlineWatch
	// Exports streams CSV exports of statistics and complaint lists to staff; Public serves the
	// public dataset (docs/STATISTICS.md).
	Exports   *domain.Exports
	Public    *domain.PublicData
	Workbench *domain.Workbench
	// Calendars are the business calendars deadlines count with, published by admins.
	Calendars *deadline.Calendars
	// Policies are the deadline policy editions clocks count with, published by admins.
	Policies *deadline.Policies
	// Reassessments re-judges complaints after a rule pack revision (redline rules reassess).
	Reassessments *domain.Reassessments
	miniredis     *miniredis.Miniredis
}

// OpenOptions tune Open.
type OpenOptions struct {
	// FallbackRedis starts an in-process Redis when none is reachable (dev mode only).
	FallbackRedis bool
}

// Open connects to PostgreSQL and Redis and builds the domain services. Errors say what was tried
// and how to fix it.
func Open(ctx context.Context, cfg Config, opts OpenOptions) (*App, error) {
	db, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	db.SizePool(cfg.DBPool)
	a := &App{Config: cfg, DB: db}
	if err := db.EnableRequestTimeout(cfg.DatabaseURL, cfg.StatementTimeout); err != nil {
		db.Close()
		return nil, err
	}
	if err := a.openKeys(); err != nil {
		db.Close()
		return nil, err
	}
	db.Keys = a.Keys
	if err := a.openRedis(ctx, opts.FallbackRedis); err != nil {
		db.Close()
		return nil, err
	}
	a.Queue = asynq.NewClient(a.RedisOpt)
	a.Institutions = &postgres.InstitutionStore{DB: db}
	a.Teams = &postgres.TeamRouter{DB: db}
	a.Outbox = &postgres.Outbox{DB: db}
	a.Accounts = &domain.Accounts{Store: &postgres.UserStore{DB: db}, Now: db.Now}
	a.Sessions = &domain.Sessions{Store: &postgres.SessionStore{DB: db}, Accounts: a.Accounts, TTL: 30 * 24 * time.Hour,
		ReuseGrace: cfg.RefreshReuseGrace, Now: db.Now, NewID: uuid.NewString}
	a.Routing = &domain.Routing{Store: &postgres.RoutingStore{DB: db}, Now: db.Now}
	a.RulePacks = &rules.Library{Store: &postgres.PackStore{DB: db}, Now: db.Now}
	complaints := &postgres.ComplaintStore{DB: db}
	a.Calendars = &deadline.Calendars{Store: &postgres.CalendarStore{DB: db}, Now: db.Now}
	a.Policies = &deadline.Policies{Store: &postgres.PolicyStore{DB: db}, Now: db.Now}
	a.Complaints = &domain.Complaints{Store: complaints, Duplicates: complaints, Routing: a.Routing, Institutions: a.Institutions,
		Assessor: &rules.ComplaintAssessor{Packs: a.RulePacks, Now: db.Now},
		Users:    a.Accounts.Store, Policy: domain.DefaultHandlingPolicy, Now: db.Now, NewID: uuid.NewString, Reveals: complaints,
		Clocks: &domain.Clocks{Clock: deadline.Clock{Calendars: a.Calendars, Policies: a.Policies}, Reminders: cfg.DeadlineReminders,
			MaxAppraisalDays: cfg.MaxAppraisalDays},
		Identities: &postgres.UserStore{DB: db}}
	a.Deadlines = &domain.DeadlineWatch{Complaints: a.Complaints.Store, Store: &postgres.DeadlineStore{DB: db},
		Clocks: a.Complaints.Clocks, Now: db.Now, NewID: uuid.NewString}
	notices := &postgres.NotificationStore{DB: db}
	var mailer domain.Mailer = domain.LogMailer{}
	if n := cfg.Notify; n.SMTPAddr != "" {
		mailer = &workers.SMTPMailer{Addr: n.SMTPAddr, From: n.SMTPFrom, Username: n.SMTPUsername, Password: n.SMTPPassword}
	}
	var sms domain.SMSSender = domain.LogSMS{}
	if cfg.Env == "dev" {
		// The e-mails sent are listed at /dev/mailbox, the SMS at /dev/sms (never in production).
		a.DevMailbox = &workers.DevMailbox{Redis: a.Redis, Next: mailer}
		mailer = a.DevMailbox
		a.DevSMS = &workers.DevSMSBox{Redis: a.Redis, Next: sms}
		sms = a.DevSMS
	}
	publicURL := cfg.PublicURL
	if publicURL == "" {
		publicURL = "http://localhost:8080"
	}
	a.Registrations = &domain.Registrations{Accounts: a.Accounts, Store: postgres.NewRegistrationStore(db), Secret: cfg.Secret,
		PublicURL: publicURL, Mailer: mailer, Now: db.Now, NewID: uuid.NewString}
	a.PasswordResets = &domain.PasswordResets{Accounts: a.Accounts, Store: postgres.NewPasswordResetStore(db), Secret: cfg.Secret,
		PublicURL: publicURL, Mailer: mailer, Now: db.Now, NewID: uuid.NewString}
	a.Notifications = &domain.Notifications{Complaints: complaints, Store: notices, Webhooks: notices,
		Institutions: a.Institutions, Transport: workers.NewHTTPTransport(cfg.Env == "production", cfg.Notify.WebhookPorts...), Mailer: mailer,
		SMS: sms, Mobiles: notices, Secret: cfg.Secret, Production: cfg.Env == "production", WebhookPorts: cfg.Notify.WebhookPorts, Now: db.Now, NewID: uuid.NewString}
	read := db
	if cfg.DatabaseReadURL != "" {
		if read, err = postgres.Open(ctx, cfg.DatabaseReadURL); err != nil {
			a.Close()
			return nil, fmt.Errorf("DATABASE_READ_URL: %w", err)
		}
		read.SizePool(cfg.DBPool)
		read.Keys = a.Keys
		a.ReadDB = read
	}
	a.Stats = &domain.Statistics{Store: &postgres.StatsStore{DB: db, Read: a.ReadDB}, Institutions: a.Institutions, Notices: notices,
		Policy: domain.DefaultStatsPolicy, Now: db.Now, NewID: uuid.NewString}
	a.Exports = &domain.Exports{Stats: a.Stats, Complaints: a.Complaints, Log: &postgres.ExportLog{DB: db}, MaxRows: cfg.ExportMaxRows, Now: db.Now}
	publicStore := &postgres.PublicStore{DB: read, Ledger: db, LedgerEvery: cfg.PublicLedgerEvery} // the ledger of published ratings is written to the primary
	a.Public = &domain.PublicData{Store: publicStore, Figs: publicStore, MaxRows: cfg.ExportMaxRows, Now: db.Now,
		Identities: &postgres.UserStore{DB: db}}
	a.Workbench = &domain.Workbench{Store: &postgres.WorkbenchStore{DB: db}, Complaints: a.Complaints}
	if err := a.openEvidence(ctx); err != nil {
		a.Close()
		return nil, err
	}
	a.Complaints.Messages = a.Evidence.Records
	a.Reassessments = &domain.Reassessments{Store: &postgres.ReassessStore{DB: db}, Complaints: a.Complaints, Stats: a.Stats,
		Queue: workers.ReassessQueue{Client: a.Queue, Redis: a.RedisOpt}, Now: db.Now, NewID: uuid.NewString}
	if days := cfg.ReassessDays; days > 0 {
		a.RulePacks.Published = a.ReassessOnPublish(days)
	}
	return a, nil
}

// ReassessOnPublish is the publish hook of REDLINE_REASSESS_DAYS: each revision an admin publishes
// starts a rule reassessment of the complaints filed in the last days days, in the admin's name. A
// failure is logged; the revision stays in force.
func (a *App) ReassessOnPublish(days int) func(ctx context.Context, sp *rules.StoredPack) {
	return func(ctx context.Context, sp *rules.StoredPack) {
		j, err := a.Reassessments.StartForPublish(ctx, a.DB.Now().AddDate(0, 0, -days),
			fmt.Sprintf("pack %s revision %d published (REDLINE_REASSESS_DAYS=%d)", sp.ID, sp.Revision, days))
		if err != nil {
			slog.ErrorContext(ctx, "rule reassessment after publishing a pack", "pack", sp.ID, "revision", sp.Revision, "err", err)
			return
		}
		slog.InfoContext(ctx, "rule reassessment started", "job", j.ID, "pack", sp.ID, "revision", sp.Revision, "days", days)
	}
}

// quietRedisLog drops go-redis's own connection-pool log lines; Open reports failures itself.
type quietRedisLog struct{}

func (quietRedisLog) Printf(context.Context, string, ...any) {}

func init() { redis.SetLogger(quietRedisLog{}) }

func (a *App) openRedis(ctx context.Context, fallback bool) error {
	ropt, err := redis.ParseURL(a.Config.RedisURL)
	if err != nil {
		return fmt.Errorf("redis: REDIS_URL %q is not a URL like redis://127.0.0.1:6379/0: %w", a.Config.RedisURL, err)
	}
	if s := a.Config.RedisSentinel; len(s.Addrs) > 0 {
		return a.openRedisSentinel(ctx, ropt)
	}
	rdb := redis.NewClient(ropt)
	pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		rdb.Close()
		if !fallback {
			return fmt.Errorf("redis: cannot connect to %s (%v); start Redis with `bash deploy/local.sh services` or set REDIS_URL", ropt.Addr, err)
		}
		mr, merr := miniredis.Run()
		if merr != nil {
			return fmt.Errorf("redis: %s unreachable and the in-process fallback failed: %w", ropt.Addr, merr)
		}
		slog.Warn("!!! NO REDIS REACHABLE: USING AN IN-PROCESS REDIS (miniredis). Queued tasks are lost when this process stops. Dev mode only. !!!", "tried", ropt.Addr)
		a.miniredis = mr
		ropt = &redis.Options{Addr: mr.Addr()}
		rdb = redis.NewClient(ropt)
	}
	a.Redis = rdb
	a.RedisOpt = asynq.RedisClientOpt{Network: ropt.Network, Addr: ropt.Addr, Username: ropt.Username, Password: ropt.Password, DB: ropt.DB, TLSConfig: ropt.TLSConfig}
	return nil
}

// openRedisSentinel connects through Redis Sentinel (REDIS_SENTINEL_ADDRS, REDIS_SENTINEL_MASTER):
// the sentinels name the current primary, and both go-redis and asynq ask them again after a
// failover. REDIS_URL still gives the password and database number.
func (a *App) openRedisSentinel(ctx context.Context, ropt *redis.Options) error {
	s := a.Config.RedisSentinel
	rdb := redis.NewFailoverClient(&redis.FailoverOptions{MasterName: s.Master, SentinelAddrs: s.Addrs,
		SentinelPassword: s.Password, Username: ropt.Username, Password: ropt.Password, DB: ropt.DB})
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		rdb.Close()
		return fmt.Errorf("redis: no primary %q through the sentinels %s (%v); check REDIS_SENTINEL_ADDRS and REDIS_SENTINEL_MASTER",
			s.Master, strings.Join(s.Addrs, ","), err)
	}
	a.Redis = rdb
	a.RedisOpt = asynq.RedisFailoverClientOpt{MasterName: s.Master, SentinelAddrs: s.Addrs, SentinelPassword: s.Password,
		Username: ropt.Username, Password: ropt.Password, DB: ropt.DB}
	return nil
}

// Close releases connections.
func (a *App) Close() {
	a.Queue.Close()
	a.Redis.Close()
	a.DB.Close()
	if a.ReadDB != nil {
		a.ReadDB.Close()
	}
	if a.miniredis != nil {
		a.miniredis.Close()
	}
}

// Authorize loads the casbin policy; it must run after migrations.
func (a *App) Authorize() error {
	enf, err := authz.New(a.DB.Gorm)
	if err != nil {
		return err
	}
	a.Complaints.Authz = enf
	a.Stats.Authz = enf
	a.Routing.Authz, a.RulePacks.Authz = enf, enf
	a.Calendars.Authz, a.Policies.Authz = enf, enf
	a.Reassessments.Authz = enf
	a.Access = &domain.Access{Store: &postgres.AccessStore{DB: a.DB}, Users: a.Accounts.Store, Authz: enf, Cache: enf, Now: a.DB.Now}
	a.InstitutionAdmin = &domain.InstitutionAdmin{Store: a.Institutions, Authz: enf, Now: a.DB.Now}
	a.InstitutionUsers = &domain.InstitutionUsers{Store: &postgres.InstitutionUserStore{DB: a.DB}, Accounts: a.Accounts, Authz: enf,
		Mailer: a.Notifications.Mailer, Link: func(token string) string { return a.Config.PublicURL + "/#/invite/" + token }, Now: a.DB.Now,
		MailAllowed: a.InviteGuard().Allow}
	a.Notifications.CodeAllowed = a.MobileGuard().Allow
	if a.Evidence != nil {
		a.Evidence.Access = a.Access
	}
	return nil
}

// Handlers builds the task handlers the workers run.
func (a *App) Handlers() *workers.Handlers {
	return &workers.Handlers{Complaints: a.Complaints, Outbox: a.Outbox, Notifications: a.Notifications, Deadlines: a.Deadlines, Stats: a.Stats,
		Evidence: a.Evidence, Registrations: a.Registrations, PasswordResets: a.PasswordResets, Reassessments: a.Reassessments, Partitions: &postgres.Partitions{DB: a.DB},
		InstitutionUsers: a.InstitutionUsers}
}

// Roles says which parts of the platform a process runs.
type Roles struct {
	Serve, Work, Schedule bool
	// Listener, when set, is used instead of listening on Config.HTTPAddr (tests pass ":0").
	Listener net.Listener
	// MetricsListener, when set, serves /metrics instead of listening on Config.MetricsAddr.
	MetricsListener net.Listener
}

// Handler builds the HTTP handler.
func (a *App) Handler() (http.Handler, error) {
	tokens := &api.Tokens{Secret: a.Config.Secret, TTL: a.Config.TokenTTL, Now: time.Now}
	// Sign-in and changePassword's current password share the guard: wrong current passwords count
	// towards the account's lockout (session 15's attack by hand).
	authenticate := a.LoginGuard().Guard(a.Accounts.Authenticate)
	a.Sessions.CheckPassword = authenticate
	g, err := graph.New(graph.Deps{Complaints: a.Complaints, Accounts: a.Accounts, Sessions: a.Sessions, Institutions: a.Institutions, InstitutionAdmin: a.InstitutionAdmin, InstitutionUsers: a.InstitutionUsers, Evidence: a.Evidence, Notifications: a.Notifications, Access: a.Access, Stats: a.Stats, Public: a.Public, Workbench: a.Workbench, IssueToken: tokens.Issue,
		Registrations:  a.Registrations,
		Register:       a.RegisterGuard().GuardRegister(a.Registrations.Register),
		PasswordResets: a.PasswordResets, RequestPasswordReset: a.ResetGuard().Guard(a.PasswordResets.Request),
		AnalysisBudget: a.analysisBudget(),
		Routing:        a.Routing, RulePacks: a.RulePacks, Calendars: a.Calendars, Policies: a.Policies, Reassessments: a.Reassessments,
		Limits:       graph.QueryLimits{StaffIntrospection: a.Config.Env == "production"},
		Authenticate: authenticate})
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), newStatsBacklog(a.Stats))
	checks := []api.Check{
		{Name: "postgres", Fn: a.DB.Ping},
		{Name: "redis", Fn: func(ctx context.Context) error { return a.Redis.Ping(ctx).Err() }},
	}
	srv := api.NewServer(g, tokens, checks, reg)
	srv.Protection = a.protection()
	srv.Evidence = a.Evidence
	srv.Exports, srv.Public = a.Exports, a.Public
	srv.Actors = a.Access.ActorFor
	srv.MetricsToken = a.Config.MetricsToken
	srv.DevBoxesAnywhere = a.Config.DevBoxesAnywhere
	srv.Idempotency = &postgres.IdempotencyStore{DB: a.DB}
	if a.DevMailbox != nil {
		srv.ServeDevMailbox(func(ctx context.Context) (any, error) { return a.DevMailbox.List(ctx) })
	}
	if a.DevSMS != nil {
		srv.ServeDevSMS(func(ctx context.Context) (any, error) { return a.DevSMS.List(ctx) })
	}
	if a.DB.Requests != nil {
		srv.RequestContext = postgres.ForRequest
	}
	if a.Config.MaxInFlight > 0 {
		srv.InFlight = make(chan struct{}, a.Config.MaxInFlight)
		srv.InFlightShare = a.Config.MaxInFlightClient
	}
	srv.InFlightWait = a.Config.MaxInFlightWait
	srv.RequestTimeout = a.Config.RequestTimeout
	if n := a.Config.MaxInFlightCostly; n > 0 {
		srv.InFlightCostly = make(chan struct{}, n)
		srv.InFlightCostlyShare = max(1, min(n/2, a.Config.MaxInFlightClient))
	}
	return srv, nil
}

// serveMetrics serves /metrics on its own listener (METRICS_ADDR, or ln), apart from the public
// one, until ctx is done. A default address that is taken (two processes on one machine) only
// costs the metrics of this one, with a warning; an address the operator gave is an error.
func (a *App) serveMetrics(ctx context.Context, h http.Handler, ln net.Listener, wg *sync.WaitGroup, fail func(error)) error {
	as, ok := h.(*api.Server)
	if !ok || (ln == nil && a.Config.MetricsAddr == "") {
		return nil
	}
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", a.Config.MetricsAddr); err != nil {
			if a.Config.MetricsAddrSet {
				return fmt.Errorf("metrics: listen on %s: %w (set METRICS_ADDR to a free address, or off)", a.Config.MetricsAddr, err)
			}
			slog.Warn("metrics: not served: the default address is taken (set METRICS_ADDR)", "addr", a.Config.MetricsAddr, "err", err)
			return nil
		}
	}
	slog.Info("metrics on their own listener", "token", as.MetricsToken != "")
	a.serve(ctx, "metrics", &http.Server{Handler: as.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second},
		ln, wg, fail)
	return nil
}

// serve runs srv on ln until ctx is done; then it stops accepting, lets the requests in flight
// finish, and only then lets Run return (and the process exit), cutting what is still running
// after the shutdown timeout.
func (a *App) serve(ctx context.Context, what string, srv *http.Server, ln net.Listener, wg *sync.WaitGroup, fail func(error)) {
	wg.Add(2)
	go func() {
		defer wg.Done()
		slog.Info("serving "+what, "addr", ln.Addr().String())
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fail(fmt.Errorf("%s: %w", what, err))
		}
	}()
	go func() {
		defer wg.Done()
		<-ctx.Done()
		sctx, c := context.WithTimeout(context.Background(), a.shutdownTimeout())
		defer c()
		if err := srv.Shutdown(sctx); err != nil {
			slog.Warn(what+": requests still running after the shutdown timeout were cut", "timeout", a.shutdownTimeout(), "err", err)
			_ = srv.Close()
		}
	}()
}

func (a *App) shutdownTimeout() time.Duration {
	if a.Config.ShutdownTimeout > 0 {
		return a.Config.ShutdownTimeout
	}
	return DefaultShutdownTimeout
}

// Run runs the chosen parts until ctx is done, then shuts them down gracefully: the HTTP server
// stops accepting and answers the requests in flight, the workers finish their tasks or hand them
// back to the queue, each within the shutdown timeout, and only then does Run return.
func (a *App) Run(ctx context.Context, roles Roles) error {
	if a.Complaints.Authz == nil {
		if err := a.Authorize(); err != nil {
			return err
		}
	}
	// Read the business calendars in force before the first clock is counted (a failure here is
	// retried by the first clock that needs them).
	for _, j := range []string{"CN", "US"} {
		_, _ = a.Calendars.Calendar(j)
		_, _ = a.Policies.InForce(j, a.DB.Now())
	}
	a.logNameClashes(ctx)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	fail := func(err error) { errs <- err; cancel() }

	if roles.Serve {
		h, err := a.Handler()
		if err != nil {
			return err
		}
		ln := roles.Listener
		if ln == nil {
			if ln, err = net.Listen("tcp", a.Config.HTTPAddr); err != nil {
				return fmt.Errorf("http: listen on %s: %w (set HTTP_ADDR to a free address)", a.Config.HTTPAddr, err)
			}
		}
		if err := a.serveMetrics(ctx, h, roles.MetricsListener, &wg, fail); err != nil {
			_ = ln.Close()
			return err
		}
		a.serve(ctx, "HTTP", &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, WriteTimeout: api.HTTPWriteTimeout},
			ln, &wg, fail)
	}
	if roles.Work {
		// The rule pack in force is compiled before the first task is taken (~0.6 s of CPU), not
		// by the first batches to judge, which would wait for it; routing fails over to it anyway.
		if _, err := a.RulePacks.Current(ctx, rules.CN); err != nil {
			slog.Warn("worker: the rule pack in force could not be compiled ahead; the first routing will", "err", err)
		}
		cfg := workers.ServerConfig(a.Config.Concurrency)
		cfg.ShutdownTimeout = a.shutdownTimeout()
		srv := asynq.NewServer(a.RedisOpt, cfg)
		mux := a.Handlers().Mux()
		if err := srv.Start(mux); err != nil {
			return fmt.Errorf("worker: %w", err)
		}
		// Webhook deliveries run on a server of their own (workers.QueueWebhooks).
		hooks := a.Config.WebhookConcurrency
		if hooks < 1 {
			hooks = workers.DefaultWebhookConcurrency
		}
		wcfg := workers.WebhookServerConfig(hooks)
		wcfg.ShutdownTimeout = cfg.ShutdownTimeout
		wsrv := asynq.NewServer(a.RedisOpt, wcfg)
		if err := wsrv.Start(mux); err != nil {
			srv.Shutdown()
			return fmt.Errorf("worker: webhooks: %w", err)
		}
		slog.Info("worker started", "concurrency", a.Config.Concurrency, "webhook_concurrency", hooks)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ctx.Done()
			var both sync.WaitGroup // finish or return in-flight tasks, both servers at once
			both.Go(srv.Shutdown)
			both.Go(wsrv.Shutdown)
			both.Wait()
		}()
	}
	if roles.Schedule {
		relay := &workers.Relay{Outbox: a.Outbox, Client: a.Queue}
		host, _ := os.Hostname()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := workers.RunScheduler(ctx, a.RedisOpt, a.Redis, relay, fmt.Sprintf("%s/%d", host, os.Getpid())); err != nil {
				fail(err)
			}
		}()
	}
	<-ctx.Done()
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// logNameClashes warns of institution names that clashed before the database refused clashes
// (migration 00070 keeps them rather than fail): one WARN line each, until an administrator
// renames one of the two. Institution names are the registry's, not personal data.
func (a *App) logNameClashes(ctx context.Context) {
	clashes, err := a.Institutions.NameClashes(ctx)
	if err != nil {
		slog.Warn("institution names clash: cannot list them", "err", err)
		return
	}
	for _, c := range clashes {
		slog.Warn("institution names clash", "key", c.Key, "institution", c.ID, "name", c.Name, "holder", c.HolderID, "holderName", c.HolderName,
			"fix", "rename the name or remove the alias of either institution (updateInstitution, removeInstitutionAlias)")
	}
}
