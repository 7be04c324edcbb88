package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestUpdateComplaintsAsOneByOne: changes that set different sets of columns (jsonb assessment
// and incidents, text and bigint arrays, the debtor's encrypted fields and their bytea hashes, a
// numeric, character(6), smallint and uuid columns, nullable timestamps set to NULL), applied to
// twin complaints one by one (UpdateComplaint, gorm's Updates) and in one batch
// (UpdateComplaints, one UPDATE … FROM (VALUES …) per set of columns), store the same rows.
func TestUpdateComplaintsAsOneByOne(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "twins@example.cn")
	var inst int64
	if err := db.Gorm.Raw(`INSERT INTO institutions (name, kind) VALUES ('甲行', 'BANK') RETURNING id`).Scan(&inst).Error; err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 4, 5, 6, 7, 891234000, time.UTC)
	file := func(i int) string {
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: u.ID,
			Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010119900307123X"},
			LenderName: "甲行", Product: domain.ProductCreditCard, ContractNumber: "HT1", Province: "310000",
			Narrative: fmt.Sprintf("催收员每天打二十多个电话 %d。", i), Priority: domain.PriorityNormal, CreatedAt: at, UpdatedAt: at}
		if _, _, err := store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: at}, nil); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	primary := file(-1)
	ev := []domain.Event{{Action: domain.ActionProvideInformation, At: at}}
	// Which change each complaint gets, by its narrative's number.
	variant := func(c *domain.Complaint) int {
		var k int
		fmt.Sscanf(c.Narrative[len("催收员每天打二十多个电话 "):], "%d", &k)
		return k
	}
	change := func(c *domain.Complaint) (domain.Change, error) {
		switch k := variant(c); k {
		case 0, 1: // a routing: the same columns, different values (one statement for both)
			c.Status, c.Priority, c.Team, c.LenderID = domain.StatusInTriage, domain.PriorityUrgent, "national", inst
			c.Assessment = &domain.Assessment{PackID: "CN", PackRevision: 3 + k, PackVersion: "2024.1", Severity: domain.PriorityUrgent,
				Violations: []domain.SuggestedViolation{{Type: domain.ViolationThreat, Confidence: 0.1 + float64(k)/3}},
				Notes:      []string{"引号 \" 与反斜杠 \\ 和 'quote'", ""}, AssessedAt: at.Add(time.Duration(k) * time.Nanosecond)}
			c.ClaimedViolations = []domain.ViolationType{domain.ViolationThreat}
			c.Recipients = []int64{inst, 7}
			c.RoutingVersion = 2
			c.LikelyDuplicates = []string{primary}
		case 2: // the debtor's encrypted fields and hashes; a numeric, a character(6), a jsonb list
			c.Debtor.Mobile, c.Debtor.IDNumber, c.ContractNumber = "13900001111", "", "HT2"
			c.AmountOwed, c.City = "12800.5", "310100"
			d := 45
			c.DaysOverdue = &d
			c.Incidents = []domain.Incident{{OccurredAt: at, Channel: "CALL", From: "95555", Count: 3, Description: "凌晨打电话"}}
			c.OutcomesWanted = nil
		case 3: // nullable timestamps, uuid, smallint and text columns back to NULL
			c.ForwardedAt, c.DueAt, c.RespondedAt, c.ClosedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			c.Feedback, c.MergedInto, c.Team, c.AssigneeID, c.Recipients = nil, "", "", 0, nil
		case 4: // a breach: version, update time and untimely only
			c.Untimely = true
		}
		return domain.Change{Events: ev}, nil
	}
	// The complaints of variant 3 first get the values it clears.
	prepare := func(c *domain.Complaint) (domain.Change, error) {
		if variant(c) == 3 {
			c.ForwardedAt, c.DueAt, c.RespondedAt, c.ClosedAt = at, at.Add(time.Hour), at.Add(2*time.Hour), at.Add(3*time.Hour)
			c.Feedback = &domain.Feedback{Decision: domain.FeedbackDispute, Satisfaction: 2, Comment: "不满意", At: at}
			c.MergedInto, c.Team, c.AssigneeID, c.Recipients = primary, "national", u.ID, []int64{inst}
		}
		return domain.Change{Events: ev}, nil
	}
	const n = 5
	var single, batch []string
	for i := range n {
		single, batch = append(single, file(i)), append(batch, file(i))
	}
	if _, err := store.UpdateComplaints(ctx, append(append([]string{}, single...), batch...), prepare); err != nil {
		t.Fatal(err)
	}
	for _, id := range single {
		if _, err := store.UpdateComplaint(ctx, id, change); err != nil {
			t.Fatal(err)
		}
	}
	stmts := pgtest.Statements(t, db)
	if _, err := store.UpdateComplaints(ctx, batch, change); err != nil {
		t.Fatal(err)
	}
	// Lock rows, lock clocks, one UPDATE per set of columns (four: the two routings share one),
	// history; one UPDATE per complaint made it 8.
	if s := stmts.Load(); s > 7 {
		t.Errorf("the batch of %d updates ran %d statements, want at most 7", n, s)
	}
	// Every column as PostgreSQL holds it, but those that differ between twins by construction:
	// ids, update times and ciphertexts (random nonces; their plaintexts are compared below).
	row := func(id string) string {
		t.Helper()
		var s string
		if err := db.SQL.QueryRow(`SELECT (to_jsonb(c) - 'id' - 'reference' - 'updated_at' - 'search_text'
			- 'debtor_name' - 'debtor_mobile' - 'debtor_id_number' - 'contract_number')::text
			|| (debtor_name IS NULL)::text || (debtor_mobile IS NULL)::text || (debtor_id_number IS NULL)::text || (contract_number IS NULL)::text
			FROM complaints c WHERE id = $1`, id).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for i := range n {
		a, b := row(single[i]), row(batch[i])
		if a != b {
			t.Errorf("variant %d: one by one stored\n%s\nin a batch\n%s", i, a, b)
		}
		ca, err := store.FindComplaint(ctx, single[i])
		if err != nil {
			t.Fatal(err)
		}
		cb, err := store.FindComplaint(ctx, batch[i])
		if err != nil {
			t.Fatal(err)
		}
		if ca.Debtor != cb.Debtor || ca.ContractNumber != cb.ContractNumber || ca.Version != 3 || cb.Version != 3 {
			t.Errorf("variant %d: one by one %+v %q v%d, in a batch %+v %q v%d", i, ca.Debtor, ca.ContractNumber, ca.Version,
				cb.Debtor, cb.ContractNumber, cb.Version)
		}
	}
}

// TestChangingAComplaintLetsOthersReferToIt: while a complaint is locked for a change, alone
// (UpdateComplaint) or in a batch (UpdateComplaints), another transaction can still write a row
// that refers to it — a history entry, as a notification or a statistics contribution would — and
// commit: the change's lock keeps out other changes of the complaint, not the foreign-key checks
// of rows about it (FOR NO KEY UPDATE, not FOR UPDATE). The other transaction gives up after a
// second (lock_timeout), which fails the test rather than hanging it.
func TestChangingAComplaintLetsOthersReferToIt(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "locks@example.cn")
	file := func() string {
		now := time.Now().UTC()
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: u.ID,
			Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "王小明"}, LenderName: "甲行", Product: domain.ProductCreditCard,
			Province: "310000", Narrative: "催收员每天打二十多个电话。", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
		if _, _, err := store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: now}, nil); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	// refer writes a history entry about the complaint from another transaction, while the change
	// holds its lock, and says whether it committed.
	refer := func(id string) error {
		tx := db.Gorm.WithContext(ctx).Begin()
		if err := tx.Exec("SET LOCAL lock_timeout = '1s'").Error; err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Exec(`INSERT INTO complaint_events (complaint_id, action, to_status, actor_role, details, at)
			VALUES (?, 'NOTE', 'SUBMITTED', 'system', '{}', now())`, id).Error; err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit().Error
	}
	change := func(c *domain.Complaint) (domain.Change, error) {
		if err := refer(c.ID); err != nil {
			return domain.Change{}, err
		}
		c.Team = "national"
		return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, ActorRole: domain.RoleSystem, At: time.Now().UTC()}}}, nil
	}
	one := file()
	if _, err := store.UpdateComplaint(ctx, one, change); err != nil {
		t.Fatalf("UpdateComplaint: a row referring to the locked complaint could not be written: %v", err)
	}
	a, b := file(), file()
	if _, err := store.UpdateComplaints(ctx, []string{a, b}, change); err != nil {
		t.Fatalf("UpdateComplaints: a row referring to a locked complaint could not be written: %v", err)
	}
	for _, id := range []string{one, a, b} {
		var notes, teams int64
		db.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND action = 'NOTE'", id).Scan(&notes)
		db.Gorm.Raw("SELECT count(*) FROM complaints WHERE id = ? AND team = 'national'", id).Scan(&teams)
		if notes != 1 || teams != 1 {
			t.Errorf("complaint %s: %d entries written beside the change, team changed %d times; want 1 and 1", id, notes, teams)
		}
	}
}

// TestUpdateComplaintsUsesTheRowsRead: in a read-once scope (RouteMany), UpdateComplaints of the
// complaints FindComplaints read in the scope locks their rows without reading them again, and
// reads again (locked) exactly those written meanwhile — by a change (a new version) or by a
// statement that leaves the version alone (as rotate-keys' rehash does) — so that each change sees
// the row as it now stands and the batch writes on top of it.
func TestUpdateComplaintsUsesTheRowsRead(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "scope@example.cn")
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	var ids []string
	for i := 0; i < 3; i++ {
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: u.ID,
			Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "王小明", Mobile: "13812345678"}, LenderName: "甲行",
			Product: domain.ProductCreditCard, Province: "310000", Narrative: fmt.Sprintf("催收员每天打电话 %d。", i),
			Priority: domain.PriorityNormal, CreatedAt: at, UpdatedAt: at}
		if _, _, err := store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: at}, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	// The complaints' full reads (SELECT * …) that UpdateComplaints makes, by the ids they name.
	var reads []string
	record := func(tx *gorm.DB) {
		if q := tx.Statement.SQL.String(); strings.HasPrefix(q, `SELECT * FROM "complaints"`) {
			reads = append(reads, fmt.Sprint(len(tx.Statement.Vars)))
		}
	}
	cb := db.Gorm.Callback()
	for _, err := range []error{cb.Query().After("gorm:query").Register("test:reads", record),
		cb.Row().After("gorm:row").Register("test:reads", record), cb.Raw().After("gorm:raw").Register("test:reads", record)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	type seen struct {
		version        int
		lender, debtor string
		priority       domain.Priority
	}
	route := func(ctx context.Context) map[string]seen {
		t.Helper()
		got := map[string]seen{}
		_, err := store.UpdateComplaints(ctx, ids, func(c *domain.Complaint) (domain.Change, error) {
			got[c.ID] = seen{c.Version, c.LenderName, c.Debtor.Name, c.Priority}
			c.Team = "national"
			return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, At: at}}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	// Nothing written between the read and the change: no complaint read again.
	scope := domain.WithReadOnce(ctx)
	if _, err := store.FindComplaints(scope, ids); err != nil {
		t.Fatal(err)
	}
	reads = nil
	got := route(scope)
	if len(reads) != 0 {
		t.Errorf("UpdateComplaints read the complaints again (%v) although none was written since they were read", reads)
	}
	for _, id := range ids {
		if s := got[id]; s.version != 1 || s.debtor != "王小明" || s.lender != "甲行" {
			t.Errorf("complaint %s seen by the change as %+v, want version 1 decrypted as stored", id, s)
		}
	}

	// Written between: one changed (a new version), one updated without a new version.
	scope = domain.WithReadOnce(ctx)
	if _, err := store.FindComplaints(scope, ids); err != nil {
		t.Fatal(err)
	}
	if _, err := store.UpdateComplaint(ctx, ids[1], func(c *domain.Complaint) (domain.Change, error) {
		c.Priority = domain.PriorityHigh
		return domain.Change{Events: []domain.Event{{Action: domain.ActionProvideInformation, At: at}}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Gorm.Exec(`UPDATE complaints SET lender_name = '乙行' WHERE id = ?`, ids[2]).Error; err != nil {
		t.Fatal(err)
	}
	reads = nil
	got = route(scope)
	if len(reads) != 1 || reads[0] != "2" {
		t.Errorf("UpdateComplaints read complaints again %v, want once, the two written meanwhile", reads)
	}
	want := map[string]seen{ids[0]: {2, "甲行", "王小明", domain.PriorityNormal}, ids[1]: {3, "甲行", "王小明", domain.PriorityHigh},
		ids[2]: {2, "乙行", "王小明", domain.PriorityNormal}}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("complaint %s seen by the change as %+v, want %+v (as it now stands)", id, got[id], w)
		}
		c, err := store.FindComplaint(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Version != w.version+1 || c.Team != "national" || c.LenderName != w.lender || c.Priority != w.priority {
			t.Errorf("complaint %s after the batch: version %d team %q lender %q priority %s, want %d national %q %s",
				id, c.Version, c.Team, c.LenderName, c.Priority, w.version+1, w.lender, w.priority)
		}
	}
}
