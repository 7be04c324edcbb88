package postgres_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// fullFiling is a complaint with every field a filing can set, its acceptance clock, its FILED
// entry and two messages, at a fixed time.
func fullFiling(userID, lender, agency int64, at time.Time) (*domain.Complaint, domain.Event, []domain.Message) {
	days := 45
	id := uuid.NewString()
	c := &domain.Complaint{ID: id, Status: domain.StatusSubmitted, Version: 1, ComplainantID: userID, Relation: domain.RelationParent,
		Debtor: testDebtor, LenderID: lender, LenderName: "甲行", AgencyID: agency, AgencyName: "乙催收", Product: domain.ProductCreditCard,
		ContractNumber: testContract, AmountOwed: "12800.5", DaysOverdue: &days, Province: "310000", City: "310100",
		Incidents:         []domain.Incident{{OccurredAt: at.Add(-time.Hour), Channel: "CALL", From: "95555", Count: 3, Description: "凌晨打电话 \"引号\" \\"}},
		Narrative:         "催收员每天打二十多个电话，还给我父母打电话。",
		ClaimedViolations: []domain.ViolationType{domain.ViolationThreat, domain.ViolationThirdPartyContact},
		OutcomesWanted:    []domain.Outcome{domain.OutcomeStopHarassment}, ConsentToShareIdentity: true, ConsentToPublish: true,
		Priority: domain.PriorityUrgent, CreatedAt: at, UpdatedAt: at,
		Deadlines: []domain.Deadline{{ID: uuid.NewString(), Kind: domain.DeadlineAcceptance, Jurisdiction: "CN", Unit: "WORKING_DAYS",
			Stage: "ACCEPTANCE", State: domain.DeadlineOpen, StartedAt: at, DueAt: at.Add(9 * 24 * time.Hour), DueSetAt: at,
			RemindersSent: []time.Duration{time.Hour}, Record: []byte(`{"events": [1, 2]}`)}}}
	ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: userID, ActorRole: domain.RoleComplainant, At: at,
		Details: map[string]any{"deadlines": []any{"ACCEPTANCE:STARTED"}}}
	msgs := []domain.Message{{ID: uuid.NewString(), Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": id}},
		{ID: uuid.NewString(), Topic: "deadline.scheduled", Payload: map[string]any{"complaintId": id, "n": 1.5}}}
	return c, ev, msgs
}

// TestFilingWritesGormsRows: a complaint filed by the store (one pipeline) and its twin written as
// before (gorm's Create of the row and the clocks, in a gorm transaction) are stored alike, every
// column of the complaint, its clock, its history entry and its outbox messages but ids, the
// reference and ciphertexts (random nonces; their plaintexts are compared).
func TestFilingWritesGormsRows(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "filing@example.cn")
	var lender, agency int64
	if err := db.Gorm.Raw(`INSERT INTO institutions (name, kind) VALUES ('甲行', 'BANK') RETURNING id`).Scan(&lender).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Gorm.Raw(`INSERT INTO institutions (name, kind) VALUES ('乙催收', 'COLLECTION_AGENCY') RETURNING id`).Scan(&agency).Error; err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 4, 5, 6, 7, 891234000, time.UTC)
	for _, key := range []string{"", "key-1"} {
		c, ev, msgs := fullFiling(u.ID, lender, agency, at)
		got, created, err := store.CreateComplaint(ctx, c, key, ev, msgs)
		if err != nil || !created || got.Reference == "" {
			t.Fatalf("key %q: CreateComplaint = %v, %v, %v", key, got, created, err)
		}
		twin, tev, tmsgs := fullFiling(u.ID, lender, agency, at)
		twin.Reference = "RL-2026-TWIN" + key
		if err := store.CreateComplaintWithGorm(ctx, twin, tev, tmsgs); err != nil {
			t.Fatal(err)
		}
		if key != "" { // the twin's own key, as the filing would have written it
			if err := db.Gorm.Exec(`UPDATE complaints SET idempotency_key = ? WHERE id = ?`, key+"-twin", twin.ID).Error; err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []struct{ what, sql string }{
			{"complaint", `SELECT (to_jsonb(c) - 'id' - 'reference' - 'search_text' - 'idempotency_key'
				- 'debtor_name' - 'debtor_mobile' - 'debtor_id_number' - 'contract_number')::text FROM complaints c WHERE id = $1`},
			{"clock", `SELECT (to_jsonb(d) - 'id' - 'complaint_id' - 'updated_at')::text FROM complaint_deadlines d WHERE complaint_id = $1`},
			{"history", `SELECT string_agg((to_jsonb(e) - 'id' - 'complaint_id')::text, ';' ORDER BY id) FROM complaint_events e WHERE complaint_id = $1`},
			{"outbox", `SELECT string_agg((to_jsonb(o) - 'id' - 'created_at' - 'payload')::text || (payload - 'complaintId')::text, ';' ORDER BY topic)
				FROM outbox o WHERE payload->>'complaintId' = $1`},
		} {
			var a, b *string
			if err := db.SQL.QueryRowContext(ctx, q.sql, c.ID).Scan(&a); err != nil {
				t.Fatalf("%s: %v", q.what, err)
			}
			if err := db.SQL.QueryRowContext(ctx, q.sql, twin.ID).Scan(&b); err != nil {
				t.Fatalf("%s: %v", q.what, err)
			}
			if a == nil || b == nil || *a != *b {
				t.Errorf("key %q, %s: filed\n%v\nwith gorm\n%v", key, q.what, deref(a), deref(b))
			}
		}
		var k *string
		if err := db.SQL.QueryRowContext(ctx, `SELECT idempotency_key FROM complaints WHERE id = $1`, c.ID).Scan(&k); err != nil ||
			(key == "") != (k == nil) || (k != nil && *k != key) {
			t.Errorf("key %q stored as %v (%v)", key, deref(k), err)
		}
		a, err := store.FindComplaint(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := store.FindComplaint(ctx, twin.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Debtor != b.Debtor || a.Debtor != testDebtor || a.ContractNumber != testContract || b.ContractNumber != testContract {
			t.Errorf("key %q: filed %+v %q, with gorm %+v %q", key, a.Debtor, a.ContractNumber, b.Debtor, b.ContractNumber)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestFilingIsAllOrNothing: a filing whose history entry cannot be written (its actor is no user)
// leaves no complaint, clock or message, with a key or without,
// and the connection it ran on serves the next filing (no transaction left open on it).
func TestFilingIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.SQL.SetMaxOpenConns(1) // the next filing gets the same connection
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "atomic@example.cn")
	at := time.Now().UTC()
	count := func(table string, id string) int {
		var n int
		if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE complaint_id = $1`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, key := range []string{"", "key-2"} {
		c, ev, msgs := fullFiling(u.ID, 0, 0, at)
		c.LenderName, c.AgencyName = "甲行", ""
		ev.ActorID = -1
		if _, _, err := store.CreateComplaint(ctx, c, key, ev, msgs); err == nil {
			t.Fatalf("key %q: a history entry of no user was written", key)
		}
		var n, m int
		if err := db.SQL.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM complaints WHERE id = $1),
			(SELECT count(*) FROM outbox WHERE payload->>'complaintId' = $1::text)`, c.ID).Scan(&n, &m); err != nil {
			t.Fatal(err)
		}
		if n != 0 || m != 0 || count("complaint_deadlines", c.ID) != 0 || count("complaint_events", c.ID) != 0 {
			t.Errorf("key %q: a failed filing left complaint %d, clocks %d, history %d, messages %d", key, n,
				count("complaint_deadlines", c.ID), count("complaint_events", c.ID), m)
		}
		c2, ev2, msgs2 := fullFiling(u.ID, 0, 0, at)
		c2.LenderName, c2.AgencyName = "甲行", ""
		if _, created, err := store.CreateComplaint(ctx, c2, key, ev2, msgs2); err != nil || !created {
			t.Fatalf("key %q: the next filing: created %v, %v", key, created, err)
		}
		if count("complaint_events", c2.ID) != 1 || count("complaint_deadlines", c2.ID) != 1 {
			t.Errorf("key %q: the next filing wrote %d history entries and %d clocks", key, count("complaint_events", c2.ID), count("complaint_deadlines", c2.ID))
		}
	}
}

// TestFilingsWithOneKeyAtOnce: eight filings with the same new key at the same moment store one
// complaint; every one of them answers it.
func TestFilingsWithOneKeyAtOnce(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "together@example.cn")
	at := time.Now().UTC()
	var wg sync.WaitGroup
	ids := make([]string, 8)
	errs := make([]error, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, ev, msgs := fullFiling(u.ID, 0, 0, at)
			c.LenderName, c.AgencyName = "甲行", ""
			got, _, err := store.CreateComplaint(ctx, c, "same-key", ev, msgs)
			if err == nil {
				ids[i] = got.ID
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE complainant_id = $1`, u.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if id != ids[0] {
			t.Errorf("answers name %v, want one complaint", ids)
			break
		}
	}
	if n != 1 {
		t.Errorf("%d complaints stored, want 1", n)
	}
}
