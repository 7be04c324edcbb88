package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestAssessmentStoredWithLZ4: the assessment routing writes (several KB of JSON) is compressed
// with lz4, not pglz (migration 00053: cheaper for the server to write in routing's batch UPDATE
// and to read back), and reads back unchanged.
func TestAssessmentStoredWithLZ4(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	c := fileTestComplaint(t, db, testDebtor)
	now := time.Now().UTC()
	a := &domain.Assessment{PackID: "CN", PackRevision: 1, PackVersion: "2024.1", Severity: domain.PriorityHigh, AssessedAt: now}
	for i := range 60 { // ~4 KB of JSON: past the size at which PostgreSQL compresses a row's values
		a.Notes = append(a.Notes, fmt.Sprintf("第%d条：催收员在晚上十一点以后来电，并称将联系单位领导。", i))
	}
	if _, err := store.UpdateComplaints(ctx, []string{c.ID}, func(c *domain.Complaint) (domain.Change, error) {
		c.Assessment = a
		return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, At: now}}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	var method string
	if err := db.SQL.QueryRowContext(ctx, `SELECT coalesce(pg_column_compression(assessment), 'none') FROM complaints WHERE id = $1`, c.ID).Scan(&method); err != nil {
		t.Fatal(err)
	}
	if method != "lz4" {
		t.Errorf("assessment compressed with %s, want lz4", method)
	}
	got, err := store.FindComplaint(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Assessment == nil || !slices.Equal(got.Assessment.Notes, a.Notes) || got.Assessment.Severity != a.Severity {
		t.Errorf("assessment read back %+v, want %+v", got.Assessment, a)
	}
}
