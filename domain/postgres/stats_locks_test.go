package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestStatisticsLockNoComplaintRow: staging a routed complaint's statistics contribution writes
// nothing into the complaint's row (migration 00057): its xmax, the routing transaction's lock,
// is the same before and after ApplyMany. With the foreign key of stats_contributions each
// inserted contribution checked its complaint `FOR KEY SHARE`, a new tuple lock (the row's header
// rewritten, a WAL record) on the row routing had just written.
func TestStatisticsLockNoComplaintRow(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	c := fileTestComplaint(t, db, testDebtor)
	now := time.Now().UTC()
	routed, err := (&postgres.ComplaintStore{DB: db}).UpdateComplaints(ctx, []string{c.ID}, func(c *domain.Complaint) (domain.Change, error) {
		c.Status, c.Priority = domain.StatusInTriage, domain.PriorityHigh
		return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, FromStatus: domain.StatusSubmitted,
			ToStatus: domain.StatusInTriage, ActorRole: domain.RoleSystem, At: now}}}, nil
	})
	if err != nil || len(routed) != 1 || routed[0].Status != domain.StatusInTriage {
		t.Fatalf("UpdateComplaints: %v, %v", routed, err)
	}
	xmax := func() string {
		t.Helper()
		var x string
		if err := db.SQL.QueryRowContext(ctx, `SELECT xmax::text FROM complaints WHERE id = $1`, c.ID).Scan(&x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	before := xmax()
	if err := (&postgres.StatsStore{DB: db}).ApplyMany(ctx, []string{c.ID}); err != nil {
		t.Fatal(err)
	}
	if after := xmax(); after != before {
		t.Fatalf("staging the statistics locked the complaint row: xmax %s before, %s after; want it untouched", before, after)
	}
	var contributions int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM stats_contributions WHERE complaint_id = $1`, c.ID).Scan(&contributions); err != nil || contributions != 1 {
		t.Fatalf("contributions = %d, %v; want 1", contributions, err)
	}
}
