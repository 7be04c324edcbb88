package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

const reassessUsage = `usage: redline rules reassess --since YYYY-MM-DD [--reason TEXT]   (judge complaints filed since the day again)
       redline rules reassess --resume JOB-ID                         (queue a stopped job again from its cursor)`

// runReassess is `redline rules reassess`: it records a rule reassessment job, queues its first
// batch for the workers and prints the job's id. It needs the database and Redis.
func runReassess(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules reassess", flag.ContinueOnError)
	since := fs.String("since", "", "first day (YYYY-MM-DD, China time) of the complaints to judge again")
	reason := fs.String("reason", "", "why (recorded with the job)")
	resume := fs.String("resume", "", "id of a job to queue again from its cursor")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || (*since == "") == (*resume == "") {
		return errors.New(reassessUsage)
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, app.OpenOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
	sys := domain.WithActor(ctx, domain.Actor{Role: domain.RoleSystem})
	var j *domain.RuleReassessment
	if *resume != "" {
		j, err = a.Reassessments.Resume(sys, *resume)
	} else {
		t, perr := domain.ParseReassessSince(*since)
		if perr != nil {
			return fmt.Errorf("--since: %w", perr)
		}
		if *reason == "" {
			*reason = "redline rules reassess --since " + *since
		}
		j, err = a.Reassessments.Start(sys, t, *reason)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, j.ID)
	return nil
}
