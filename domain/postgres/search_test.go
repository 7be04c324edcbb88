package postgres_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestTextSearchIndexOffTheComplaintRow: the trigram index of free-text search lives on
// complaint_search (migration 00044), not on the complaint row, so a change of the complaint that
// leaves its text alone (a routing: status, team, priority) writes nothing there; the text search
// still finds complaints by their narrative and institutions' names, with three characters or
// more (the index) and fewer (a scan), follows a change of those names, and keeps to the scope.
func TestTextSearchIndexOffTheComplaintRow(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "search@example.cn")
	file := func(narrative, lender string) string {
		now := time.Now().UTC()
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: u.ID,
			Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "王小明"}, LenderName: lender, Product: domain.ProductCreditCard,
			Province: "310000", Narrative: narrative, Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
		if _, _, err := store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: now}, nil); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	a := file("催收员每天打二十多个电话。", "甲银行")
	b := file("暴力催收，威胁我的家人。", "甲银行")
	search := func(text string, sc domain.Scope) []string {
		t.Helper()
		page, err := store.ListComplaints(ctx, sc, domain.ComplaintFilter{Text: text}, domain.Page{First: 10})
		if err != nil {
			t.Fatalf("search %q: %v", text, err)
		}
		var ids []string
		for _, c := range page.Complaints {
			ids = append(ids, c.ID)
		}
		if int(page.Total) != len(ids) {
			t.Fatalf("search %q: total %d, %d complaints", text, page.Total, len(ids))
		}
		slices.Sort(ids)
		return ids
	}
	both := []string{a, b}
	slices.Sort(both)
	all := domain.Scope{All: true}
	for text, want := range map[string][]string{
		"二十多个电话": {a}, "威胁我的家人": {b}, "催收": both, "甲银行": both, "乙银行": nil, "100%": nil,
	} {
		if got := search(text, all); !slices.Equal(got, want) {
			t.Errorf("search %q = %v, want %v", text, got, want)
		}
	}
	if got := search("催收", domain.Scope{ComplainantID: u.ID + 1}); len(got) != 0 {
		t.Errorf("another complainant's search found %v", got)
	}

	var trgmOnComplaints, trgmOnSearch int
	if err := db.SQL.QueryRow(`SELECT count(*) FILTER (WHERE indrelid = 'complaints'::regclass),
		count(*) FILTER (WHERE indrelid = 'complaint_search'::regclass)
		FROM pg_index WHERE pg_get_indexdef(indexrelid) LIKE '%gin_trgm_ops%'`).Scan(&trgmOnComplaints, &trgmOnSearch); err != nil {
		t.Fatal(err)
	}
	if trgmOnComplaints != 0 || trgmOnSearch != 1 {
		t.Fatalf("trigram indexes: %d on complaints, %d on complaint_search; want 0 and 1", trgmOnComplaints, trgmOnSearch)
	}

	searchRowVersion := func(id string) string {
		var xmin string
		if err := db.SQL.QueryRow(`SELECT xmin::text FROM complaint_search WHERE complaint_id = $1`, id).Scan(&xmin); err != nil {
			t.Fatal(err)
		}
		return xmin
	}
	before := searchRowVersion(a)
	route := func(c *domain.Complaint) (domain.Change, error) {
		c.Status, c.Team, c.Priority = domain.StatusInTriage, "national", domain.PriorityHigh
		return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, ActorRole: domain.RoleSystem, At: time.Now().UTC()}}}, nil
	}
	if _, err := store.UpdateComplaints(ctx, []string{a, b}, route); err != nil {
		t.Fatal(err)
	}
	if after := searchRowVersion(a); after != before {
		t.Errorf("a routing rewrote the complaint's search text (row version %s → %s)", before, after)
	}

	if _, err := store.UpdateComplaint(ctx, a, func(c *domain.Complaint) (domain.Change, error) {
		c.LenderName = "乙银行"
		return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, ActorRole: domain.RoleSystem, At: time.Now().UTC()}}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := search("乙银行", all); !slices.Equal(got, []string{a}) {
		t.Errorf("after the lender's name changed, search 乙银行 = %v, want %v", got, []string{a})
	}
	if got := search("甲银行", all); !slices.Equal(got, []string{b}) {
		t.Errorf("after the lender's name changed, search 甲银行 = %v, want %v", got, []string{b})
	}
}
