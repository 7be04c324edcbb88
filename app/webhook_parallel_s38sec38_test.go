package app_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// readsTogether holds each read of a webhook until n reads have been made (or a few seconds have
// passed), so that n settings at once all read before any of them writes: the race, every time.
type readsTogether struct {
	domain.WebhookStore
	arrived sync.WaitGroup
}

func (s *readsTogether) Webhook(ctx context.Context, id int64) (*domain.Webhook, error) {
	w, err := s.WebhookStore.Webhook(ctx, id)
	s.arrived.Done()
	done := make(chan struct{})
	go func() { s.arrived.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	return w, err
}

// TestParallelWebhookSettingsShowTheStoredSecret (attack round 33): settings of an institution's
// webhook at once (two admins, a double click, a retried request) were each answered with a new
// secret, and only the last one written was kept: the others' receivers checked the platform's
// signatures with a secret it never used again. Now each setting writes only if the webhook it read
// is still the stored one (compare and set, against real PostgreSQL): of settings that all read
// before any wrote, one is stored and answered, the others are CONFLICT, reason WEBHOOK_CHANGED;
// the secret answered is the stored one. One after another, each still replaces the last.
func TestParallelWebhookSettingsShowTheStoredSecret(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	admin := p.ctx(domain.RoleAdmin)
	svc := env.App.Notifications
	inst := p.lenderID
	stored := func() string {
		t.Helper()
		w, err := svc.Webhooks.Webhook(context.Background(), inst)
		if err != nil {
			t.Fatal(err)
		}
		return w.Secret
	}
	for round, first := range []bool{true, false} { // no webhook yet, then replacing one
		const n = 6
		orig := svc.Webhooks
		gate := &readsTogether{WebhookStore: orig}
		gate.arrived.Add(n)
		svc.Webhooks = gate
		var wg sync.WaitGroup
		secrets, errs := make([]string, n), make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w, err := svc.SetWebhook(admin, inst, fmt.Sprintf("https://hooks.example.com/r%d/%d", round, i))
				if errs[i] = err; err == nil {
					secrets[i] = w.Secret
				}
			}()
		}
		wg.Wait()
		svc.Webhooks = orig
		won := 0
		for i := range n {
			var de *domain.Error
			switch {
			case errs[i] == nil:
				won++
				if secrets[i] != stored() {
					t.Errorf("round %d (first %v): setting %d was answered a secret that is not the stored one", round, first, i)
				}
			case errors.As(errs[i], &de) && de.Code == domain.CodeConflict && de.Reason == "WEBHOOK_CHANGED":
			default:
				t.Errorf("round %d: setting %d: %v, want the secret or CONFLICT WEBHOOK_CHANGED", round, i, errs[i])
			}
		}
		if won != 1 {
			t.Errorf("round %d (first %v): %d of %d settings that read the same webhook were answered a secret, want 1", round, first, won, n)
		}
	}
	// One after another, each replaces the last and is answered the stored secret.
	for i := range 3 {
		w, err := svc.SetWebhook(admin, inst, fmt.Sprintf("https://hooks.example.com/seq/%d", i))
		if err != nil {
			t.Fatalf("setting %d after the last: %v", i, err)
		}
		if w.Secret != stored() {
			t.Errorf("setting %d after the last: the answered secret is not the stored one", i)
		}
	}
}
