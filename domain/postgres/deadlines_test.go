package postgres_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// planNode is the part of PostgreSQL's JSON plan the test reads.
type planNode struct {
	NodeType      string     `json:"Node Type"`
	RelationName  string     `json:"Relation Name"`
	IndexName     string     `json:"Index Name"`
	ActualRows    float64    `json:"Actual Rows"`
	ActualLoops   float64    `json:"Actual Loops"`
	RemovedFilter float64    `json:"Rows Removed by Filter"`
	Plans         []planNode `json:"Plans"`
}

func (n planNode) walk(f func(planNode)) {
	f(n)
	for _, c := range n.Plans {
		c.walk(f)
	}
}

// TestSweepQueryReadsOnlyDueDeadlines checks the plan of the sweep's query: with 20,000 open clocks
// due in a month and 5 due now (3 past due, 2 due for a reminder), it reads the partial index on
// the due instant and touches those 5 rows only — the cost follows the due clocks, not the open ones.
func TestSweepQueryReadsOnlyDueDeadlines(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	u := newComplainant(t, db, "wang@example.cn")
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusForwarded, Version: 1, ComplainantID: u.ID, Relation: domain.RelationSelf,
		LenderName: "甲行", Product: domain.ProductCreditCard, Province: "310000", Narrative: "催收员每天打二十多个电话。",
		Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	if _, _, err := (&postgres.ComplaintStore{DB: db}).CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: now}, nil); err != nil {
		t.Fatal(err)
	}
	const open = 20000
	// One open institution clock per institution (at most one open clock per complaint, kind and
	// institution); the last five are due now or soon.
	if err := db.Gorm.Exec(`INSERT INTO institutions (name, kind) SELECT 'bank ' || g, 'BANK' FROM generate_series(1, 20005) g`).Error; err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO complaint_deadlines (id, complaint_id, kind, institution_id, jurisdiction, unit, stage, state, started_at,
		   due_at, due_set_at, record, updated_at)
		 SELECT gen_random_uuid(), @c, 'INSTITUTION_RESPONSE', i.id, 'CN', 'CALENDAR_DAYS', 'STANDARD', 'OPEN', CAST(@start AS timestamptz),
		   CASE WHEN i.rn > CAST(@open AS int) + 2 THEN CAST(@now AS timestamptz) - interval '1 hour' * (i.rn - CAST(@open AS int))   -- 3 past due
		        WHEN i.rn > CAST(@open AS int) THEN CAST(@now AS timestamptz) + interval '23 hours'                      -- 2 due for the 24h reminder
		        ELSE CAST(@now AS timestamptz) + interval '30 days' + interval '1 second' * i.rn END,       -- the rest: a month away
		   CAST(@start AS timestamptz), '{}', CAST(@now AS timestamptz)
		 FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM institutions) i`,
	} {
		if err := db.Gorm.Exec(q, map[string]any{"c": c.ID, "now": now, "start": now.AddDate(0, 0, -14), "open": open}).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Gorm.Exec(`ANALYZE complaint_deadlines`).Error; err != nil {
		t.Fatal(err)
	}
	reminders := []time.Duration{72 * time.Hour, 24 * time.Hour}

	due, err := (&postgres.DeadlineStore{DB: db}).DueDeadlines(ctx, now, reminders, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 5 {
		t.Fatalf("the sweep found %d clocks, want the 5 due", len(due))
	}

	var planJSON string
	if err := db.Gorm.Raw("EXPLAIN (ANALYZE, FORMAT JSON) "+postgres.DueDeadlinesSQL, postgres.DueDeadlinesArgs(now, reminders, 100)).Row().Scan(&planJSON); err != nil {
		t.Fatal(err)
	}
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(planJSON), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("plan %s: %v", planJSON, err)
	}
	var scans []planNode
	plans[0].Plan.walk(func(n planNode) {
		if n.RelationName == "complaint_deadlines" {
			scans = append(scans, n)
		}
	})
	if len(scans) != 1 || scans[0].IndexName != "complaint_deadlines_due" {
		t.Fatalf("the sweep reads complaint_deadlines through %+v, want the partial index complaint_deadlines_due\n%s", scans, planJSON)
	}
	if touched := scans[0].ActualRows + scans[0].RemovedFilter; touched > 5 {
		t.Errorf("the index scan touched %.0f rows of %d open clocks, want only the 5 due", touched, open+5)
	}
	t.Logf("%s on %s: %.0f rows read, %.0f removed by filter, %d open clocks", scans[0].NodeType, scans[0].IndexName, scans[0].ActualRows, scans[0].RemovedFilter, open+5)
}
