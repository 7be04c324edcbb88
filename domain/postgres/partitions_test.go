package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/domain/synthetic"
)

// monthPartition names the partition of parent that holds instant t (migration 00031).
func monthPartition(parent string, t time.Time) string {
	return parent + "_y" + t.UTC().Format("2006") + "m" + t.UTC().Format("01")
}

// TestHistoryAndOutboxPartitionedByMonth checks migration 00031 and the periodic task that keeps
// the partitions ahead: both tables are partitioned, rows land in their month's partition (also
// next month's, created ahead), the task creates nothing when run again, a row dated past the
// created months waits in the default partition and moves into its month's partition when that is
// created, and history stays append-only in every partition.
func TestHistoryAndOutboxPartitionedByMonth(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	sqlDB := db.SQL

	for _, table := range []string{"complaint_events", "outbox"} {
		var strategy string
		if err := sqlDB.QueryRowContext(ctx, `SELECT partstrat FROM pg_partitioned_table WHERE partrelid = $1::regclass`, table).Scan(&strategy); err != nil {
			t.Fatalf("%s is not partitioned: %v", table, err)
		}
		if strategy != "r" {
			t.Errorf("%s partitioned by %q, want range", table, strategy)
		}
	}

	// The migration created this month and the three after it; the task finds nothing to do.
	parts := func() int {
		var n int
		if err := sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM pg_inherits WHERE inhparent IN ('complaint_events'::regclass, 'outbox'::regclass)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := parts(); n != 2*(postgres.MonthsAhead+1)+2 {
		t.Fatalf("%d partitions after the migration, want %d", n, 2*(postgres.MonthsAhead+1)+2)
	}
	keeper := &postgres.Partitions{DB: db}
	for range 2 {
		if n, err := keeper.CreateAhead(ctx); err != nil || n != 0 {
			t.Fatalf("CreateAhead again: created %d, %v; want 0", n, err)
		}
	}
	if n := parts(); n != 2*(postgres.MonthsAhead+1)+2 {
		t.Fatalf("%d partitions after running the task twice", n)
	}

	if _, err := db.LoadSynthetic(ctx, postgres.SyntheticLoad{Options: synthetic.Options{Complaints: 3, Institutions: 2, Years: 1, Seed: 5}}); err != nil {
		t.Fatal(err)
	}
	var complaintID string
	if err := sqlDB.QueryRowContext(ctx, `SELECT id FROM complaints LIMIT 1`).Scan(&complaintID); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	nextMonth := time.Date(now.Year(), now.Month()+1, 1, 0, 0, 30, 0, time.UTC)
	farMonth := time.Date(now.Year(), now.Month()+postgres.MonthsAhead+2, 10, 0, 0, 0, 0, time.UTC)
	insertEvent := func(at time.Time) int64 {
		var id int64
		if err := sqlDB.QueryRowContext(ctx, `INSERT INTO complaint_events (complaint_id, action, actor_role, at)
			VALUES ($1, 'NOTE', 'system', $2) RETURNING id`, complaintID, at).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	eventPartition := func(id int64) string {
		var p string
		if err := sqlDB.QueryRowContext(ctx, `SELECT tableoid::regclass::text FROM complaint_events WHERE id = $1`, id).Scan(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// An imported complaint's history from years back has no month of its own: the default keeps it.
	oldID := insertEvent(time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC))
	thisID, nextID, farID := insertEvent(now), insertEvent(nextMonth), insertEvent(farMonth)
	for id, want := range map[int64]string{thisID: monthPartition("complaint_events", now), oldID: "complaint_events_default",
		nextID: monthPartition("complaint_events", nextMonth), farID: "complaint_events_default"} {
		if got := eventPartition(id); got != want {
			t.Errorf("history entry %d in %s, want %s", id, got, want)
		}
	}

	outbox := &postgres.Outbox{DB: db}
	if err := outbox.Write(ctx, domain.Message{Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": complaintID}}); err != nil {
		t.Fatal(err)
	}
	var outboxPart string
	if err := sqlDB.QueryRowContext(ctx, `SELECT tableoid::regclass::text FROM outbox`).Scan(&outboxPart); err != nil {
		t.Fatal(err)
	}
	if want := monthPartition("outbox", now); outboxPart != want {
		t.Errorf("outbox message in %s, want %s", outboxPart, want)
	}
	if _, err := sqlDB.ExecContext(ctx, `INSERT INTO outbox (id, topic, payload, created_at) VALUES (gen_random_uuid(), 'x', '{}', $1)`, farMonth); err != nil {
		t.Fatal(err)
	}

	// Creating further months ahead moves the far rows out of the default partition, keeping them whole.
	var created int
	if err := sqlDB.QueryRowContext(ctx, `SELECT redline_create_monthly_partitions($1)`, postgres.MonthsAhead+3).Scan(&created); err != nil {
		t.Fatal(err)
	}
	if created != 6 {
		t.Errorf("created %d partitions for three more months, want 6", created)
	}
	if got, want := eventPartition(farID), monthPartition("complaint_events", farMonth); got != want {
		t.Errorf("far history entry in %s after its month was created, want %s", got, want)
	}
	var inDefault, farOutbox int
	if err := sqlDB.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM complaint_events_default) + (SELECT count(*) FROM outbox_default),
		(SELECT count(*) FROM `+monthPartition("outbox", farMonth)+`)`).Scan(&inDefault, &farOutbox); err != nil {
		t.Fatal(err)
	}
	if inDefault != 1 || farOutbox != 1 {
		t.Errorf("%d rows left in the default partitions, %d outbox rows in the far month; want 1 (from 2015) and 1", inDefault, farOutbox)
	}
	var action string
	if err := sqlDB.QueryRowContext(ctx, `SELECT action FROM complaint_events WHERE id = $1 AND complaint_id = $2`, farID, complaintID).Scan(&action); err != nil || action != "NOTE" {
		t.Errorf("moved history entry: %q, %v", action, err)
	}

	// History stays append-only in a partition made by the task and in the default partition.
	for _, q := range []string{
		`UPDATE ` + monthPartition("complaint_events", farMonth) + ` SET reason = 'rewritten'`,
		`DELETE FROM complaint_events WHERE id = ` + "$1",
		`DELETE FROM complaint_events_default`,
	} {
		var err error
		if strings.Contains(q, "$1") {
			_, err = sqlDB.ExecContext(ctx, q, farID)
		} else {
			_, err = sqlDB.ExecContext(ctx, q)
		}
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want the append-only refusal", q, err)
		}
	}
	var apps int
	if err := sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM pg_class WHERE relname LIKE 'complaint_events_y%' AND relkind = 'r'
		AND (has_table_privilege('redline_app', oid, 'UPDATE') OR has_table_privilege('redline_app', oid, 'DELETE'))`).Scan(&apps); err != nil {
		t.Fatal(err)
	}
	if apps != 0 {
		t.Errorf("redline_app may update or delete in %d history partitions", apps)
	}
}

// TestPartitionedHotPathsUseIndexes loads a month of history and outbox rows and checks that the
// history of one complaint and the relay's poll for pending messages read indexes, not every row.
func TestPartitionedHotPathsUseIndexes(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	if _, err := db.LoadSynthetic(ctx, postgres.SyntheticLoad{Options: synthetic.Options{Complaints: 2000, Institutions: 5, Years: 1, Seed: 9}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO complaint_events (complaint_id, action, actor_role, at)
			SELECT id, 'NOTE', 'system', now() - (g || ' minutes')::interval FROM complaints, generate_series(1, 10) g`,
		`INSERT INTO outbox (id, topic, payload, created_at, enqueued_at)
			SELECT gen_random_uuid(), 'complaint.filed', '{}', now() - (g || ' seconds')::interval,
				CASE WHEN g > 50 THEN now() END FROM generate_series(1, 20000) g`,
		`ANALYZE complaint_events`, `ANALYZE outbox`,
	} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var complaintID string
	if err := db.SQL.QueryRowContext(ctx, `SELECT id FROM complaints LIMIT 1`).Scan(&complaintID); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"history of a complaint": `EXPLAIN SELECT * FROM complaint_events WHERE complaint_id = '` + complaintID + `' ORDER BY id`,
		"relay poll":             `EXPLAIN SELECT * FROM outbox WHERE enqueued_at IS NULL ORDER BY created_at, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
	} {
		rows, err := db.SQL.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			_ = rows.Scan(&line)
			plan = append(plan, line)
		}
		rows.Close()
		text := strings.Join(plan, "\n")
		month := monthPartition("complaint_events", time.Now())
		if name == "relay poll" {
			month = monthPartition("outbox", time.Now())
		}
		for _, line := range plan {
			if strings.Contains(line, "Seq Scan on "+month) {
				t.Errorf("%s reads the whole month:\n%s", name, text)
			}
		}
		if !strings.Contains(text, "Index") {
			t.Errorf("%s uses no index:\n%s", name, text)
		}
	}
}
