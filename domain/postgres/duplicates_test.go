package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/domain/synthetic"
)

// TestLikelyDuplicates loads made-up complaints, gives a third of them debtor hashes (a few
// debtors with several complaints each), and checks the duplicate lookup: what it finds, that a
// complaint without the debtor's identity costs no statement, and that the plan looks the hashes
// up on their indexes instead of reading the lender's complaints.
func TestLikelyDuplicates(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	if _, err := db.LoadSynthetic(ctx, postgres.SyntheticLoad{Options: synthetic.Options{Complaints: 6000, Institutions: 10, Years: 1, Seed: 3}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE complaints SET debtor_id_hash = sha256(('id' || (abs(hashtext(id::text)) % 700))::bytea) WHERE abs(hashtext(id::text)) % 3 = 0`,
		`UPDATE complaints SET debtor_mobile_hash = sha256(('m' || (abs(hashtext(id::text)) % 500))::bytea) WHERE abs(hashtext(id::text)) % 5 = 0`,
		`ANALYZE complaints`,
	} {
		if err := db.Gorm.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	store := &postgres.ComplaintStore{DB: db}
	since := func(c *domain.Complaint) time.Time { return c.CreatedAt.Add(-domain.DuplicateWindow) }
	// The newest complaint with an ID-number hash whose debtor complained about the same lender before.
	var probe struct {
		ID       string
		LenderID int64
		At       time.Time
	}
	if err := db.Gorm.Raw(`SELECT c.id, c.lender_id, c.created_at AS at FROM complaints c
		WHERE c.debtor_id_hash IS NOT NULL AND c.lender_id IS NOT NULL AND EXISTS (SELECT 1 FROM complaints d
			WHERE d.debtor_id_hash = c.debtor_id_hash AND d.lender_id = c.lender_id AND d.created_at < c.created_at
			  AND d.created_at >= c.created_at - ? * interval '1 second')
		ORDER BY c.created_at DESC LIMIT 1`, domain.DuplicateWindow.Seconds()).Scan(&probe).Error; err != nil || probe.ID == "" {
		t.Fatalf("no complaint with an earlier one of the same debtor: %v", err)
	}
	c := &domain.Complaint{ID: probe.ID, LenderID: probe.LenderID, CreatedAt: probe.At, Debtor: domain.Debtor{IDNumber: "given"}}

	t.Run("OK", func(t *testing.T) {
		var want []string
		if err := db.Gorm.Raw(`SELECT d.id::text FROM complaints c JOIN complaints d ON d.id <> c.id
			AND ((d.debtor_id_hash = c.debtor_id_hash) OR (d.debtor_mobile_hash = c.debtor_mobile_hash))
			AND d.lender_id = c.lender_id AND d.created_at >= ? AND d.created_at <= c.created_at
			WHERE c.id = ? ORDER BY d.created_at DESC, d.id LIMIT 20`, since(c), c.ID).Scan(&want).Error; err != nil {
			t.Fatal(err)
		}
		got, err := store.LikelyDuplicates(ctx, c, since(c))
		if err != nil || len(got) == 0 || !slices.Equal(got, want) {
			t.Fatalf("likely duplicates = %v, %v; want %v", got, err, want)
		}
		other := *c
		other.LenderID = -1
		if got, err := store.LikelyDuplicates(ctx, &other, since(c)); err != nil || len(got) != 0 {
			t.Errorf("against another lender: %v, %v; want none", got, err)
		}
	})

	t.Run("NoIdentityNoQuery", func(t *testing.T) {
		n := pgtest.Statements(t, db)
		anonymous := *c
		anonymous.Debtor = domain.Debtor{Name: "只有姓名"}
		if got, err := store.LikelyDuplicates(ctx, &anonymous, since(c)); err != nil || len(got) != 0 {
			t.Errorf("without ID number and mobile: %v, %v; want none", got, err)
		}
		if n.Load() != 0 {
			t.Errorf("%d statements for a complaint without the debtor's identity, want 0", n.Load())
		}
	})

	// A batch's lookup (RouteMany) finds for each complaint what LikelyDuplicates finds for it
	// alone: complaints with an ID-number hash, a mobile hash or both, with a lender, an agency,
	// another lender or none, one without the debtor's identity (not looked up), each since its
	// own time.
	t.Run("ManyAsOneByOne", func(t *testing.T) {
		var rows []struct {
			ID                 string
			LenderID, AgencyID int64
			At                 time.Time
			IDHash, Mobile     bool
		}
		if err := db.Gorm.Raw(`SELECT id, coalesce(lender_id, 0) AS lender_id, coalesce(agency_id, 0) AS agency_id, created_at AS at,
			debtor_id_hash IS NOT NULL AS id_hash, debtor_mobile_hash IS NOT NULL AS mobile FROM complaints
			WHERE debtor_id_hash IS NOT NULL OR debtor_mobile_hash IS NOT NULL ORDER BY created_at DESC LIMIT 60`).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		var probes []*domain.Complaint
		var times []time.Time
		found := 0
		for i, r := range rows {
			p := &domain.Complaint{ID: r.ID, LenderID: r.LenderID, AgencyID: r.AgencyID, CreatedAt: r.At}
			if r.IDHash {
				p.Debtor.IDNumber = "given"
			}
			if r.Mobile {
				p.Debtor.Mobile = "given"
			}
			switch i % 7 {
			case 3:
				p.LenderID = -1
			case 4:
				p.LenderID, p.AgencyID = 0, p.LenderID // the lender's id as an agency's: none found
			case 5:
				p.Debtor = domain.Debtor{Name: "只有姓名"}
			}
			probes, times = append(probes, p), append(times, p.CreatedAt.Add(-time.Duration(1+i%3)*domain.DuplicateWindow/3))
		}
		got, err := store.LikelyDuplicatesOf(ctx, probes, times)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range probes {
			want, err := store.LikelyDuplicates(ctx, p, times[i])
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got[p.ID], want) {
				t.Errorf("complaint %d (%s): %v in a batch, %v alone", i, p.ID, got[p.ID], want)
			}
			found += len(want)
		}
		if found == 0 {
			t.Fatal("no complaint of the batch has a likely duplicate: the comparison says nothing")
		}
		if _, err := store.LikelyDuplicatesOf(ctx, probes, times[1:]); err == nil {
			t.Error("probes and times of different lengths accepted")
		}
	})

	t.Run("BatchPlanUsesHashIndexes", func(t *testing.T) {
		twice := since(c).Format(time.RFC3339Nano) + "," + since(c).Format(time.RFC3339Nano)
		assertHashIndexPlan(t, db, []string{"complaints_debtor_id_hash", "complaints_debtor_mobile_hash"}, postgres.LikelyDuplicatesOfSQL,
			sql.Named("ids", c.ID+","+c.ID), sql.Named("lenders", fmt.Sprint(c.LenderID)+","), sql.Named("agencies", ","), sql.Named("since", twice))
	})

	t.Run("PlanUsesHashIndexes", func(t *testing.T) {
		assertHashIndexPlan(t, db, []string{"Index Scan using complaints_debtor_id_hash", "Index Scan using complaints_debtor_mobile_hash"},
			postgres.LikelyDuplicatesSQL, sql.Named("lender", c.LenderID), sql.Named("agency", nil), sql.Named("since", since(c)), sql.Named("id", c.ID))
	})
}

// assertHashIndexPlan checks that the plan of a duplicate lookup has each of want and reads no
// complaint beyond the debtors' (no sequential scan, not the lender's index).
func assertHashIndexPlan(t *testing.T, db *postgres.DB, want []string, query string, args ...any) {
	t.Helper()
	rows, err := db.Gorm.Raw("EXPLAIN "+query, args...).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	p := plan.String()
	for _, index := range want {
		if !strings.Contains(p, index) {
			t.Errorf("plan without %q:\n%s", index, p)
		}
	}
	if strings.Contains(p, "Seq Scan on complaints") || strings.Contains(p, "complaints_lender") {
		t.Errorf("plan reads complaints beyond the debtors':\n%s", p)
	}
}
