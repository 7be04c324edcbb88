package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// newComplainant stores a complainant's account.
func newComplainant(t *testing.T, db *postgres.DB, email string) *domain.User {
	t.Helper()
	u := &domain.User{Email: email, DisplayName: "王", Role: domain.RoleComplainant, PasswordHash: "x", CreatedAt: time.Now()}
	if err := (&postgres.UserStore{DB: db}).CreateUser(context.Background(), u, domain.AuditEntry{Action: "test", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSweepBreachesOnceInOneBatch: a sweep of N past-due clocks (on N complaints, plus a second
// clock of one of them) records N+1 breaches, N+1 history entries and N+1 outbox messages, in a
// number of statements that does not grow with N; sweeping again, or twice at once, records nothing
// more. The breach rewrites only the complaint's version, update time and untimely flag: the
// debtor's encrypted name keeps its ciphertext (a rewrite of every column re-encrypts it).
func TestSweepBreachesOnceInOneBatch(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	u := newComplainant(t, db, "li@example.cn")
	var inst int64
	if err := db.Gorm.Raw(`INSERT INTO institutions (name, kind) VALUES ('甲行', 'BANK') RETURNING id`).Scan(&inst).Error; err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	store := &postgres.ComplaintStore{DB: db}
	clock := func(cid string, kind domain.DeadlineKind, inst int64) domain.Deadline {
		return domain.Deadline{ID: uuid.NewString(), ComplaintID: cid, Kind: kind, InstitutionID: inst, Jurisdiction: "CN",
			Unit: "WORKING_DAYS", Stage: "ACCEPTANCE", State: domain.DeadlineOpen, StartedAt: now.Add(-72 * time.Hour),
			DueAt: now.Add(-time.Hour), DueSetAt: now.Add(-72 * time.Hour), Record: []byte(`{}`)}
	}
	const n = 25
	ids := make([]string, n)
	for i := range n {
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusForwarded, Version: 1, ComplainantID: u.ID,
			Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "张三"}, LenderName: "甲行", Product: domain.ProductCreditCard,
			Province: "310000", Narrative: fmt.Sprintf("催收员每天打二十多个电话 %d。", i), Priority: domain.PriorityNormal,
			CreatedAt: now, UpdatedAt: now}
		c.Deadlines = []domain.Deadline{clock(c.ID, domain.DeadlineAcceptance, 0)}
		if i == 0 { // an institution's clock too: its breach marks the complaint untimely
			c.Deadlines = append(c.Deadlines, clock(c.ID, domain.DeadlineInstitutionResponse, inst))
		}
		if _, _, err := store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: now}, nil); err != nil {
			t.Fatal(err)
		}
		ids[i] = c.ID
	}
	var sealedBefore string
	if err := db.Gorm.Raw(`SELECT debtor_name FROM complaints WHERE id = ?`, ids[1]).Scan(&sealedBefore).Error; err != nil {
		t.Fatal(err)
	}
	watch := &domain.DeadlineWatch{Complaints: store, Store: &postgres.DeadlineStore{DB: db},
		Clocks: &domain.Clocks{Reminders: domain.DefaultReminders}, Now: time.Now, NewID: uuid.NewString}
	count := func(q string) int64 {
		t.Helper()
		var k int64
		if err := db.Gorm.Raw(q).Scan(&k).Error; err != nil {
			t.Fatal(err)
		}
		return k
	}
	stmts := pgtest.Statements(t, db)
	res, err := watch.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Breached != n+1 {
		t.Errorf("sweep breached %d, want %d", res.Breached, n+1)
	}
	if s := stmts.Load(); s > 10 {
		t.Errorf("sweep of %d clocks ran %d statements, want a constant few (one transaction, one statement per kind of write)", n+1, s)
	}
	for _, w := range []struct {
		what string
		q    string
		want int64
	}{
		{"breached clocks", `SELECT count(*) FROM complaint_deadlines WHERE state = 'BREACHED' AND breached_at IS NOT NULL`, n + 1},
		{"history entries", `SELECT count(*) FROM complaint_events WHERE action = 'DEADLINE_BREACHED'`, n + 1},
		{"outbox messages", `SELECT count(*) FROM outbox WHERE payload->>'action' = 'DEADLINE_BREACHED'`, n + 1},
		{"version bumps (one per complaint)", `SELECT coalesce(sum(version - 1), 0) FROM complaints`, n},
		{"untimely complaints", `SELECT count(*) FROM complaints WHERE untimely`, 1},
	} {
		if k := count(w.q); k != w.want {
			t.Errorf("%s: %d, want %d", w.what, k, w.want)
		}
	}
	var sealedAfter string
	if err := db.Gorm.Raw(`SELECT debtor_name FROM complaints WHERE id = ?`, ids[1]).Scan(&sealedAfter).Error; err != nil {
		t.Fatal(err)
	}
	if sealedAfter != sealedBefore {
		t.Error("the breach rewrote the debtor's encrypted name: the update set columns it did not change")
	}

	// Again, and twice at once: nothing more.
	if res, err := watch.Sweep(ctx); err != nil || res.Breached != 0 {
		t.Errorf("second sweep: %+v, %v; want nothing breached", res, err)
	}
	if err := db.Gorm.Exec(`UPDATE complaint_deadlines SET state = 'OPEN', breached_at = NULL`).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Gorm.Exec(`DELETE FROM outbox`).Error; err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]int, 2)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := watch.Sweep(ctx)
			if err != nil {
				t.Error(err)
			}
			got[i] = r.Breached
		}()
	}
	wg.Wait()
	if got[0]+got[1] != n+1 {
		t.Errorf("two sweeps at once breached %d and %d, want %d in all", got[0], got[1], n+1)
	}
	if k := count(`SELECT count(*) FROM outbox WHERE payload->>'action' = 'DEADLINE_BREACHED'`); k != n+1 {
		t.Errorf("outbox after two concurrent sweeps: %d, want %d", k, n+1)
	}
}
