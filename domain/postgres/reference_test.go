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

// TestIdempotentReplayTakesNoReferenceNumber files a complaint, replays it with the same
// idempotency key (one after another, then at once), and files another: the replays answer the
// first complaint, and the two complaints' reference numbers are consecutive.
func TestIdempotentReplayTakesNoReferenceNumber(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	s := &postgres.ComplaintStore{DB: db}
	var userID int64
	if err := db.SQL.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash)
		VALUES ($1, 'owner', 'complainant', 'x') RETURNING id`, uuid.NewString()+"@example.cn").Scan(&userID); err != nil {
		t.Fatal(err)
	}
	file := func(key string) (*domain.Complaint, bool, error) {
		now := time.Now().UTC()
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, ComplainantID: userID, Relation: domain.RelationSelf,
			Debtor: testDebtor, Product: domain.ProductCreditCard, ContractNumber: testContract, Province: "310000",
			Narrative: "催收员每天打二十多个电话", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
		ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: userID, ActorRole: domain.RoleComplainant, At: now}
		return s.CreateComplaint(ctx, c, key, ev, nil)
	}
	seqOf := func(ref string) int {
		t.Helper()
		var year, n int
		if _, err := fmt.Sscanf(ref, "RL-%d-%d", &year, &n); err != nil {
			t.Fatalf("reference %q: %v", ref, err)
		}
		return n
	}
	key := uuid.NewString()
	first, created, err := file(key)
	if err != nil || !created {
		t.Fatalf("first filing: created %v, %v", created, err)
	}
	check := func(got *domain.Complaint, created bool, err error) {
		t.Helper()
		if err != nil || created || got.ID != first.ID || got.Reference != first.Reference {
			t.Errorf("replay: %v created %v, %v; want complaint %s (%s) again", got, created, err, first.ID, first.Reference)
		}
	}
	for range 5 {
		check(file(key))
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { check(file(key)) })
	}
	wg.Wait()
	second, created, err := file(uuid.NewString())
	if err != nil || !created {
		t.Fatalf("second filing: created %v, %v", created, err)
	}
	if a, b := seqOf(first.Reference), seqOf(second.Reference); b != a+1 {
		t.Errorf("references %s then %s after 13 replays, want consecutive numbers", first.Reference, second.Reference)
	}
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE complainant_id = $1`, userID).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d complaints stored (%v), want 2", n, err)
	}
}
