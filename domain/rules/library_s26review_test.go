package rules

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestPackReasonOfInvisibleCharactersIsNone: a pack revision whose reason is only zero-width spaces,
// joiners or a byte-order mark is refused as a missing reason (INVALID on the field "reason"), as
// every other required reason is since session 26 (attack); it was stored with an unreadable reason
// in the admin audit log.
func TestPackReasonOfInvisibleCharactersIsNone(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	ctx := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin})
	for _, reason := range []string{"\u200b", "\u200b\u200d\ufeff", " \u2060 "} {
		saved := false
		lib := &Library{Store: &savingStore{onePackStore: onePackStore{rec: PackRecord{ID: CN, Revision: 1, Document: doc}}, cancel: func() { saved = true }},
			Authz: allowAll{}, Now: time.Now}
		_, err := lib.Update(ctx, CN, doc, reason, 1)
		var ve *domain.Error
		if !errors.As(err, &ve) || ve.Code != domain.CodeInvalid || ve.Field != "reason" {
			t.Errorf("reason %q: err %v; want INVALID on reason", reason, err)
		}
		if saved {
			t.Errorf("reason %q: the revision was stored", reason)
		}
	}
}
