package rules

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// savingStore stores a revision, then ends the request's context (its deadline passing just after
// the commit).
type savingStore struct {
	onePackStore
	cancel context.CancelFunc
}

func (s *savingStore) SavePack(context.Context, PackRecord, *domain.AdminAct) error {
	s.cancel()
	return nil
}

type allowAll struct{}

func (allowAll) Allowed(domain.Actor, string, string) bool           { return true }
func (allowAll) AllowedIn(domain.Actor, string, string, string) bool { return true }

// TestPublishedHookOutlivesTheRequest: a revision stored just before the request's deadline is in
// force, so the publish hook (the reassessment of REDLINE_REASSESS_DAYS) is given a context the
// request's end does not stop (review of attack round 20).
func TestPublishedHookOutlivesTheRequest(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin}))
	defer cancel()
	var hookErr error
	called := false
	lib := &Library{Store: &savingStore{onePackStore: onePackStore{rec: PackRecord{ID: CN, Revision: 1, Document: doc}}, cancel: cancel},
		Authz: allowAll{}, Now: time.Now,
		Published: func(ctx context.Context, sp *StoredPack) { called, hookErr = true, ctx.Err() }}
	if _, err := lib.Update(ctx, CN, doc, "a revision published as the deadline passes", 1); err != nil {
		t.Fatal(err)
	}
	if !called {
		t.Fatal("the publish hook was not called")
	}
	if hookErr != nil {
		t.Errorf("the publish hook's context is already done (%v): the reassessment would not start", hookErr)
	}
}
