package deadline_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

type memPolicies struct {
	mu   sync.Mutex
	eds  []deadline.PolicyEdition
	acts []domain.AdminAct
	fail bool
}

func (m *memPolicies) PolicyEditions(_ context.Context, j string) ([]deadline.PolicyEdition, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return nil, errors.New("database down")
	}
	var out []deadline.PolicyEdition
	for _, e := range m.eds {
		if e.Jurisdiction == j {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *memPolicies) SavePolicy(_ context.Context, e deadline.PolicyEdition, act domain.AdminAct) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, o := range m.eds {
		if o.Jurisdiction == e.Jurisdiction && o.Revision == e.Revision {
			return domain.ErrConflict
		}
	}
	m.eds, m.acts = append(m.eds, e), append(m.acts, act)
	return nil
}

// withAcceptanceDays returns the built-in CN policy with the acceptance clock's days changed.
func withAcceptanceDays(t *testing.T, days int) string {
	t.Helper()
	p, err := deadline.BuiltinPolicy("CN", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["clocks"].(map[string]any)["ACCEPTANCE"].(map[string]any)["stages"].([]any)[0].(map[string]any)["days"] = days
	b, _ = json.Marshal(m)
	return string(b)
}

func acceptanceDays(t *testing.T, s *deadline.Policies) int {
	t.Helper()
	p, err := s.InForce("CN", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return p.Clocks[deadline.Acceptance].Stages[0].Days
}

// TestPoliciesEditionInForce: an edition published by one process takes effect there at once and
// in another after TTL; the other process restores a clock started under it at once (by version);
// a failing store keeps the editions read before; only admins publish, with the audit entry; a
// stale revision is a CONFLICT.
func TestPoliciesEditionInForce(t *testing.T) {
	store := &memPolicies{}
	here := &deadline.Policies{Store: store, Authz: allowAdmins{}, Now: time.Now, TTL: time.Hour}
	there := &deadline.Policies{Store: store, Authz: allowAdmins{}, Now: time.Now, TTL: 20 * time.Millisecond}
	if acceptanceDays(t, here) != 7 || acceptanceDays(t, there) != 7 {
		t.Fatal("the built-in CN acceptance is not 7 working days")
	}

	reviewer := domain.WithActor(context.Background(), domain.Actor{UserID: 7, Role: domain.RoleReviewer})
	if _, err := here.Publish(reviewer, "CN", withAcceptanceDays(t, 5), "测试", 1); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a reviewer publishing: %v, want FORBIDDEN", err)
	}
	admin := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin})
	e, err := here.Publish(admin, "CN", withAcceptanceDays(t, 5), "依据通知", 1)
	if err != nil {
		t.Fatal(err)
	}
	if e.Revision != 2 || e.Version != "CN-2024.1+r2" || acceptanceDays(t, here) != 5 {
		t.Errorf("published revision %d version %s; here acceptance is %d days", e.Revision, e.Version, acceptanceDays(t, here))
	}
	if a := store.acts[0]; a.Action != deadline.ActUpdatePolicy || a.Target != "deadline-policy:CN:2" || a.Reason != "依据通知" || a.ActorID != 1 {
		t.Errorf("the audit entry: %+v", a)
	}
	if _, err := here.Publish(admin, "CN", withAcceptanceDays(t, 6), "再来", 1); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("publishing on revision 1 again: %v, want CONFLICT", err)
	}

	// A clock started here under revision 2 is restored by the other process at once.
	clockHere, clockThere := deadline.Clock{Policies: here}, deadline.Clock{Policies: there}
	d := domain.Deadline{Kind: domain.DeadlineAcceptance, Jurisdiction: "CN"}
	if err := clockHere.Start(&d, time.Now()); err != nil {
		t.Fatal(err)
	}
	st, err := clockThere.Stages(&d)
	if err != nil || st[0].Days != 5 {
		t.Fatalf("the other process restores the clock with %v (%v), want 5 days", st, err)
	}
	for start := time.Now(); acceptanceDays(t, there) != 5; time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > 2*time.Second {
			t.Fatal("the edition published elsewhere was never read")
		}
	}

	// The store fails: the editions read before keep counting.
	store.mu.Lock()
	store.fail = true
	store.mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	for range 5 {
		if acceptanceDays(t, there) != 5 {
			t.Fatal("a failing store dropped the edition in force")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
