// Command redline runs the regulator's platform for complaints about abusive debt collection. One
// binary, one subcommand per mode; `redline help` explains each.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/redline-regulator/redline/app"
)

const usage = `redline — complaints about abusive debt collection, for a financial regulator.

Usage: redline <command> [flags]

Commands:
  dev              everything in one process: migrate, seed demo data if the database is empty,
                   serve the API and web UI, run the workers and the scheduler (development)
  serve            serve the HTTP API (GraphQL at /graphql, GraphiQL in a browser), /healthz,
                   /readyz and the web UI on HTTP_ADDR; /metrics on METRICS_ADDR
  work             run the asynq workers (routing, deadlines, notifications, statistics)
  schedule         run the periodic scheduler and the outbox relay; exactly one runs at a time
                   (a second one stands by until the first stops)
  migrate up|down|reset|status
                   apply, roll back one, roll back all, or list the database migrations
  seed --demo [--complaints N]
                   fill an empty database with demo institutions, users and complaints
  seed --complaints N [--institutions 2000] [--years 3] [--seed 1] [--workers 2]
                   load N made-up complaints by COPY (skewed like real data) and rebuild the
                   statistics: load tests and benchmarks (docs/BENCHMARKS.md)
  import cfpb [--product NAME]... FILE...
                   load CFPB Consumer Complaint Database exports (docs/IMPORT.md); re-running adds
                   no duplicates
  bench stats [--runs 200] [--warmup 20]
                   time the statistics queries through the GraphQL executor against DATABASE_URL
                   (p50/p95/p99 per query; docs/BENCHMARKS.md)
  bench intake|route|queue|sweep [--fresh] ...
                   filing throughput against a plain net/http + pgx handler, routing throughput
                   through the relay and workers, a queue page, the deadline sweep (docs/BENCHMARKS.md)
  rules judge|eval|perturb|eval-cfpb|check|show   judge texts (JSON lines), score labelled sets, measure robustness to evasions, measure on CFPB exports, validate or print a pack
  rules train      fit the statistical second opinion on the labelled sets' train split and write
                   domain/rules/model/model.bin.gz (deterministic)
  rules reassess --since YYYY-MM-DD
                   judge the complaints filed since the day again with the rule packs in force, in
                   the background (workers); prints the job id (docs/RULES.md#reassessment)
  rotate-keys [--batch N] [--rehash]
                   re-encrypt personal data under the current key (REDLINE_ENCRYPTION_KEYS' first),
                   encrypt leftover plaintext; resumable; --rehash after REDLINE_HASH_KEY changed
  help             show this text

Environment (defaults work on a developer machine):
  DATABASE_URL     postgres://postgres:postgres@127.0.0.1:5432/redline?sslmode=disable
                   (the database is created if missing)
  DATABASE_READ_URL  a streaming replica that statistics and the public dataset read (optional)
  REDIS_URL        redis://127.0.0.1:6379/0
  HTTP_ADDR        :8080
  METRICS_ADDR     127.0.0.1:9090: /metrics, apart from HTTP_ADDR (off: none)
  METRICS_TOKEN    bearer token /metrics asks for (16 bytes or more); when set, HTTP_ADDR serves
                   /metrics too (with the token); when not, HTTP_ADDR answers 404 for it
  REDLINE_ENV      dev | production (production requires REDLINE_SECRET)
  REDLINE_SECRET   at least 32 bytes; signs access tokens
  LOG_LEVEL        debug | info | warn | error (default info)
  REDLINE_ENCRYPTION_KEYS  k2:<base64 32 bytes>,k1:<older key>  (required in production)
  REDLINE_HASH_KEY         <base64 32 bytes>                    (required in production)
  REDLINE_MEMORY_LIMIT_MB  soft memory limit of serve, work and schedule in MiB (default 100;
                           0: none; GOMEMLIMIT, when set, wins)
  REDLINE_MAX_INFLIGHT     the most /graphql requests serve runs at once, the others waiting
                           in arrival order (default 16; 0: no bound)
  REDLINE_MAX_INFLIGHT_CLIENT  the most of those one user or client address runs at once
                           (default a quarter of REDLINE_MAX_INFLIGHT, at least 1)
  REDLINE_MAX_INFLIGHT_COSTLY  the most costly reads (statistics, public dataset, text
                           searches, exports) serve runs at once, in a lane of their own
                           (default a quarter of REDLINE_MAX_INFLIGHT, at least 1; 0: no own lane)
  REDLINE_MODEL            auto | builtin | off (default auto: for the US pack only, where it
                           measurably helps): the statistical second opinion beside the rule
                           packs (docs/RULES.md#statistical-second-opinion)
  REDLINE_REASSESS_DAYS    N: publishing a rule pack revision re-judges the complaints of the
                           last N days (default 0: off)
`

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()})))
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stopProfile := startCPUProfile(os.Getenv(cpuProfileEnv))
	err := setMemoryLimit(os.Args[1])
	if err == nil {
		err = run(ctx, os.Args[1], os.Args[2:])
	}
	stopProfile()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "redline:", err)
		os.Exit(1)
	}
}

// cpuProfileEnv names a file the process writes its CPU profile to until it exits (`go tool pprof`),
// and its heap profile to the same name with ".heap" added as it exits (`go tool pprof
// -sample_index=inuse_space`: what it still holds); the benchmarks set it for their children with
// --profile.
const cpuProfileEnv = "REDLINE_CPU_PROFILE"

// startCPUProfile starts the CPU profile into path, when set, and returns what stops it.
func startCPUProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		slog.Error("cpu profile not started", "path", path, "err", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
		if h, err := os.Create(path + ".heap"); err == nil {
			_ = pprof.Lookup("heap").WriteTo(h, 0)
			_ = h.Close()
		}
	}
}

func logLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(os.Getenv("LOG_LEVEL"))); err != nil {
		return slog.LevelInfo
	}
	return l
}

func run(ctx context.Context, cmd string, args []string) error {
	switch cmd {
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	case "dev", "serve", "work", "schedule", "migrate":
	case "rules":
		return runRules(args, os.Stdout)
	case "rotate-keys":
		return runRotateKeys(ctx, args, os.Stdout)
	case "import":
		return runImport(ctx, args, os.Stdout)
	case "bench":
		return runBench(ctx, args, os.Stdout)
	case "seed":
		// Synthetic data needs only PostgreSQL; the demo seed goes on below with the whole platform.
		if sa, err := parseSeed(args); err != nil || !sa.demo {
			return runSeedSynthetic(ctx, sa, err, os.Stdout)
		}
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, app.OpenOptions{FallbackRedis: cmd == "dev" && cfg.Env == "dev"})
	if err != nil {
		return err
	}
	defer a.Close()

	switch cmd {
	case "migrate":
		if len(args) != 1 {
			return errors.New("usage: redline migrate up|down|reset|status")
		}
		return a.DB.Migrate(ctx, args[0])
	case "seed":
		sa, err := parseSeed(args)
		if err != nil {
			return err
		}
		if err := a.Authorize(); err != nil {
			return err
		}
		if err := a.SeedDemo(ctx, sa.complaints); err != nil {
			return err
		}
		return a.SeedDemoTrail(ctx)
	case "dev":
		if err := a.DB.Migrate(ctx, "up"); err != nil {
			return err
		}
		if err := a.Authorize(); err != nil {
			return err
		}
		if err := a.SeedDemo(ctx, 300); err != nil {
			return err
		}
		if err := a.SeedDemoTrail(ctx); err != nil {
			return err
		}
		if err := a.EncryptPlaintext(ctx); err != nil {
			return err
		}
		base := devBase(cfg.HTTPAddr)
		slog.Info("redline is up", "web", base+"/", "graphiql", base+"/graphql",
			"mailbox", base+"/dev/mailbox", "demo_logins", "complainant|reviewer|supervisor|agent|agency|instadmin|analyst|admin @redline.demo / "+app.DemoPassword)
		return a.Run(ctx, app.Roles{Serve: true, Work: true, Schedule: true})
	case "serve", "work", "schedule":
		if err := a.EncryptPlaintext(ctx); err != nil {
			return err
		}
	}
	switch cmd {
	case "serve":
		return a.Run(ctx, app.Roles{Serve: true})
	case "work":
		return a.Run(ctx, app.Roles{Work: true})
	case "schedule":
		return a.Run(ctx, app.Roles{Schedule: true})
	}
	return nil
}

// devBase is the address a developer opens for HTTP_ADDR: ":8080" is http://localhost:8080,
// "127.0.0.1:18777" is http://127.0.0.1:18777.
func devBase(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
