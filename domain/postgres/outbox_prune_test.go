package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestOutboxPruneDropsRelayedMonths: pruning the outbox drops a past month's partition whole when
// every message in it was relayed before the cutoff, keeps whole a month with a message not relayed
// or relayed since the cutoff (and drops it once that is no longer so), never touches the current
// month, and deletes row by row only in the default partition. The application role may run it.
func TestOutboxPruneDropsRelayedMonths(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	now := time.Now().UTC()
	month := func(back int) time.Time {
		return time.Date(now.Year(), now.Month()-time.Month(back), 1, 0, 0, 0, 0, time.UTC)
	}
	// Three past months (created as the migration of 00031 would for months holding rows).
	for _, back := range []int{4, 5, 6} {
		if err := db.Gorm.Exec(`SELECT redline_create_month_partition('outbox', 'created_at', CAST(? AS date))`, month(back).Format("2006-01-02")).Error; err != nil {
			t.Fatal(err)
		}
	}
	put := func(created time.Time, enqueued *time.Time) string {
		id := uuid.NewString()
		if err := db.Gorm.Exec(`INSERT INTO outbox (id, topic, payload, created_at, enqueued_at) VALUES (?, 'test', '{}', ?, ?)`,
			id, created, enqueued).Error; err != nil {
			t.Fatal(err)
		}
		return id
	}
	ago := func(d time.Duration) *time.Time { at := now.Add(-d); return &at }
	// Six months back: all relayed long ago (three messages) -> dropped.
	for range 3 {
		put(month(6).Add(time.Hour), ago(150*24*time.Hour))
	}
	// Five months back: one relayed, one not -> kept whole.
	put(month(5).Add(time.Hour), ago(120*24*time.Hour))
	pending := put(month(5).Add(2*time.Hour), nil)
	// Four months back: relayed, but one only yesterday (inside the 7 days kept) -> kept whole.
	put(month(4).Add(time.Hour), ago(100*24*time.Hour))
	put(month(4).Add(2*time.Hour), ago(24*time.Hour))
	// This month: not ended -> kept, whatever its messages.
	put(now, ago(time.Minute))
	// Default partition (dated before every partition): an old relayed message goes, a pending stays.
	put(time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC), ago(200*24*time.Hour))
	defaultPending := put(time.Date(2019, 5, 2, 0, 0, 0, 0, time.UTC), nil)

	exists := func(rel string) bool {
		var ok bool
		if err := db.SQL.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, rel).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	count := func(q string, args ...any) int {
		var n int
		if err := db.SQL.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Run as the application role, on one connection.
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET ROLE redline_app`); err != nil {
		t.Fatal(err)
	}
	var dropped int64
	if err := conn.QueryRowContext(ctx, `SELECT redline_prune_outbox(now() - interval '7 days')`).Scan(&dropped); err != nil {
		t.Fatalf("redline_app may not prune the outbox: %v", err)
	}
	if dropped != 3 {
		t.Errorf("pruned %d messages by dropping months, want 3", dropped)
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM outbox_default WHERE enqueued_at < now() - interval '7 days'`); err != nil {
		t.Fatalf("redline_app may not prune the default partition: %v", err)
	}
	if _, err := conn.ExecContext(ctx, `RESET ROLE`); err != nil {
		t.Fatal(err)
	}

	for back, want := range map[int]bool{6: false, 5: true, 4: true, 0: true} {
		if got := exists(monthPartition("outbox", month(back))); got != want {
			t.Errorf("partition %s exists: %v, want %v", monthPartition("outbox", month(back)), got, want)
		}
	}
	if n := count(`SELECT count(*) FROM outbox_default`); n != 1 {
		t.Errorf("%d messages in the default partition, want the pending one", n)
	}

	// Through the store, as the task does: nothing more while those months hold what they hold;
	// once the pending message is relayed long enough ago and the recent one ages, both go.
	ob := &postgres.Outbox{DB: db}
	if n, err := ob.Prune(ctx, 7*24*time.Hour); err != nil || n != 0 {
		t.Errorf("second prune: %d, %v; want nothing", n, err)
	}
	if err := db.Gorm.Exec(`UPDATE outbox SET enqueued_at = now() - interval '30 days' WHERE id IN (?, ?)`, pending, defaultPending).Error; err != nil {
		t.Fatal(err)
	}
	if n, err := ob.Prune(ctx, 7*24*time.Hour); err != nil || n != 3 {
		t.Errorf("prune after relaying: %d, %v; want 3 (month -5 dropped, the default's message deleted)", n, err)
	}
	if exists(monthPartition("outbox", month(5))) || !exists(monthPartition("outbox", month(4))) {
		t.Error("want month -5 dropped and month -4 (a message relayed yesterday) kept")
	}
	if n, err := ob.Prune(ctx, 12*time.Hour); err != nil || n != 2 {
		t.Errorf("prune keeping 12 hours: %d, %v; want month -4's 2 messages", n, err)
	}
	if exists(monthPartition("outbox", month(4))) || !exists(monthPartition("outbox", month(0))) {
		t.Error("want month -4 dropped and this month kept")
	}
	// The partitions ahead are still made after months were dropped, and filing goes on.
	if _, err := (&postgres.Partitions{DB: db}).CreateAhead(ctx); err != nil {
		t.Fatal(err)
	}
	put(now, nil)
}
