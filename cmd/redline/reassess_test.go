package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestRulesReassessCommand: `redline rules reassess --since` records a job, queues its first batch
// and prints the job's id; --resume queues a job again; bad arguments are refused.
func TestRulesReassessCommand(t *testing.T) {
	ctx := context.Background()
	db := commandDatabase(t, true)
	t.Setenv("REDIS_URL", apptest.RedisURL(t))
	for _, args := range [][]string{{}, {"--since", "2026-01-01", "--resume", uuid.NewString()}} {
		if err := runRules(append([]string{"reassess"}, args...), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "usage") {
			t.Errorf("reassess %v: %v, want the usage", args, err)
		}
	}
	if err := runRules([]string{"reassess", "--since", "1/1/2026"}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad date: %v", err)
	}
	var out bytes.Buffer
	if err := runRules([]string{"reassess", "--since", "2026-01-01"}, &out); err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(out.String())
	var state, reason string
	if err := db.SQL.QueryRowContext(ctx, "SELECT state, reason FROM rule_reassessments WHERE id = $1", id).Scan(&state, &reason); err != nil {
		t.Fatalf("job %q: %v", id, err)
	}
	if state != "QUEUED" || !strings.Contains(reason, "--since 2026-01-01") {
		t.Errorf("job %s: state %s reason %q", id, state, reason)
	}
	// a job queued a moment ago is not resumed twice (session 33: one batch per job at a time)
	out.Reset()
	if err := runRules([]string{"reassess", "--resume", id}, &out); err == nil || !strings.Contains(err.Error(), "CONFLICT") {
		t.Errorf("resume of a job just queued: %q, %v, want CONFLICT", out.String(), err)
	}
	// one that has not moved for longer than the watch waits is queued again
	if _, err := db.SQL.ExecContext(ctx, "UPDATE rule_reassessments SET updated_at = now() - interval '1 hour' WHERE id = $1", id); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := runRules([]string{"reassess", "--resume", id}, &out); err != nil || strings.TrimSpace(out.String()) != id {
		t.Errorf("resume: %q, %v", out.String(), err)
	}
}
