package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain/postgres"
)

const rotateKeysUsage = `usage: redline rotate-keys [--batch N] [--rehash]

Re-encrypts every encrypted personal-data column under the current key (the first of
REDLINE_ENCRYPTION_KEYS), encrypts values still in plaintext, and fills missing debtor hashes.
Keep the old key listed after the new one until this has finished; then it may be removed.
--rehash recomputes every keyed hash, after REDLINE_HASH_KEY changed. Safe to interrupt and rerun.`

// runRotateKeys is `redline rotate-keys`. It needs PostgreSQL and the keys, not Redis.
func runRotateKeys(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rotate-keys", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	batch := fs.Int("batch", 500, "rows per transaction")
	rehash := fs.Bool("rehash", false, "recompute every keyed hash (after REDLINE_HASH_KEY changed)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, rotateKeysUsage)
		}
		return fmt.Errorf("%w\n%s", err, rotateKeysUsage)
	}
	if fs.NArg() != 0 || *batch <= 0 {
		return usageError(rotateKeysUsage)
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	db, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	db.Keys = cfg.Security.Keys
	fmt.Fprintf(stdout, "rotate-keys: current key %s, batches of %d\n", db.Keys.CurrentKeyID(), *batch)
	rep, err := db.RotateKeys(ctx, postgres.RotateOptions{Batch: *batch, Rehash: *rehash}, func(r postgres.RotationReport) {
		done := r.Rehashed
		for _, c := range r.Columns {
			done += c.Rotated + c.Encrypted
		}
		fmt.Fprintf(stdout, "  … %d values done\n", done)
	})
	for _, c := range rep.Columns {
		fmt.Fprintf(stdout, "%-34s %6d re-encrypted %6d plaintext encrypted\n", c.Field, c.Rotated, c.Encrypted)
	}
	fmt.Fprintf(stdout, "%-34s %6d hashed\n", "complaints.debtor_*_hash", rep.Rehashed)
	if err != nil {
		return fmt.Errorf("rotate-keys stopped (rerun to resume): %w", err)
	}
	fmt.Fprintf(stdout, "rotate-keys: done; every personal-data value is under key %s\n", rep.KeyID)
	return nil
}
