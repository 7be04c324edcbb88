package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/synthetic"
)

const seedUsage = `usage: redline seed --demo [--complaints N]
       redline seed --complaints N [--institutions 2000] [--years 3] [--seed 1] [--workers 2]`

// seedArgs are the flags of `redline seed`.
type seedArgs struct {
	demo                   bool
	complaints             int
	institutions, years    int
	seed                   uint64
	workers                int
	complaintsGiven, extra bool // --complaints was given; a synthetic-only flag was given
}

func parseSeed(args []string) (seedArgs, error) {
	var sa seedArgs
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.BoolVar(&sa.demo, "demo", false, "add demo institutions, users and complaints to an empty database")
	fs.IntVar(&sa.complaints, "complaints", 300, "number of complaints")
	fs.IntVar(&sa.institutions, "institutions", 2000, "synthetic: lenders and collection agencies")
	fs.IntVar(&sa.years, "years", 3, "synthetic: years the complaints are spread over, up to now")
	fs.Uint64Var(&sa.seed, "seed", 1, "synthetic: random seed (the same seed gives the same data)")
	fs.IntVar(&sa.workers, "workers", 2, "synthetic: parallel COPY streams")
	if err := fs.Parse(args); err != nil {
		return sa, err
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "complaints":
			sa.complaintsGiven = true
		case "institutions", "years", "seed", "workers":
			sa.extra = true
		}
	})
	switch {
	case fs.NArg() > 0:
		return sa, errors.New(seedUsage)
	case sa.demo && sa.extra:
		return sa, errors.New("--institutions, --years, --seed and --workers are for synthetic data, not --demo\n" + seedUsage)
	case !sa.demo && !sa.complaintsGiven:
		return sa, errors.New(seedUsage)
	case sa.complaints < 0 || sa.institutions < 2 || sa.years < 1 || sa.workers < 1:
		return sa, errors.New("--complaints must be ≥ 0, --institutions ≥ 2, --years and --workers ≥ 1")
	}
	return sa, nil
}

// runSeedSynthetic is `redline seed --complaints N`: made-up data in bulk, for load tests and
// benchmarks. It needs only PostgreSQL.
func runSeedSynthetic(ctx context.Context, sa seedArgs, parseErr error, stdout io.Writer) error {
	if parseErr != nil {
		return parseErr
	}
	db, err := openMigrated(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	load := postgres.SyntheticLoad{Options: synthetic.Options{Complaints: sa.complaints, Institutions: sa.institutions,
		Years: sa.years, Seed: sa.seed}, Workers: sa.workers}
	if isTerminal(stdout) {
		load.Progress = func(done int) {
			fmt.Fprintf(stdout, "\r%d / %d complaints  %.0f rows/s   ", done, sa.complaints, float64(done)/time.Since(start).Seconds())
		}
	}
	rep, err := db.LoadSynthetic(ctx, load)
	if err != nil {
		return err
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "loaded %d complaints (%d answers) of %d institutions by %d complainants, %s to %s\n",
		rep.Complaints, rep.Responses, rep.Institutions, rep.Complainants, day(rep.From), day(rep.To))
	fmt.Fprintf(stdout, "COPY %s (%.0f complaints/s); statistics rebuilt in %s; total %s\n", rep.Generate.Round(time.Millisecond),
		float64(rep.Complaints)/max(rep.Generate.Seconds(), 0.001), rep.Rebuild.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	return nil
}

// openMigrated opens the configured database with the key ring for personal data, and refuses one
// whose migrations are not all applied (bulk writers need the whole schema).
func openMigrated(ctx context.Context) (*postgres.DB, error) {
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return nil, err
	}
	db, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	db.Keys = cfg.Security.Keys
	if err := db.RequireMigrated(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
