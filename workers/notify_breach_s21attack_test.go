package workers_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
)

// Attack round 16 (session 21): a missed deadline was posted to the webhook of every recipient
// institution of the complaint, whoever's clock it was — also when the complainant's feedback
// window lapsed (no institution is at fault, and none is told in the app) and for the regulator's
// own clocks. The webhook now hears what the institution's users hear: a breach of its own clock.

// TestBreachWebhooksGoOnlyToTheInstitutionWhoseClockItWas: on a complaint answered by two
// institutions, the feedback window's breach and the acceptance clock's post no webhook; a breach
// of institution A's clock posts to A only.
func TestBreachWebhooksGoOnlyToTheInstitutionWhoseClockItWas(t *testing.T) {
	f := newNotifyFixture(t)
	ctx := context.Background()
	r := newReceiver(t, http.StatusOK)
	if _, err := f.svc.SetWebhook(domain.WithActor(ctx, f.adminA.Actor()), f.instA, r.URL); err != nil {
		t.Fatal(err)
	}
	adminB := domain.Actor{UserID: f.agentB.ID, Role: domain.RoleInstitutionAdmin, InstitutionID: f.instB}
	if _, err := f.svc.SetWebhook(domain.WithActor(ctx, adminB), f.instB, r.URL+"/b"); err != nil {
		t.Fatal(err)
	}
	c := f.bothRecipientsComplaint(t, domain.StatusResponded)
	now := time.Now().UTC()
	// The payloads as DeadlineWatch writes them, through JSON as the outbox hands them over.
	breach := func(kind string, audiences []any, inst int64) domain.Message {
		p := map[string]any{"complaintId": c.ID, "action": string(domain.ActionDeadlineBreached), "from": "RESPONDED", "to": "RESPONDED",
			"audiences": audiences, "kind": kind, "dueAt": now.Format(time.RFC3339), "institutionIds": []any{}}
		if inst != 0 {
			p["institutionId"], p["institutionIds"] = float64(inst), []any{float64(inst)}
		}
		return domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintChanged, Payload: p}
	}
	for _, m := range []domain.Message{
		breach("FEEDBACK", nil, 0),
		breach("ACCEPTANCE", []any{"supervisors", "caseworker"}, 0),
		breach("INSTITUTION_RESPONSE", []any{"supervisors", "caseworker", "institution"}, f.instA),
	} {
		if _, err := f.svc.Dispatch(ctx, m); err != nil {
			t.Fatalf("dispatch the %s breach: %v", m.Payload["kind"], err)
		}
	}
	var hooks []string
	for _, s := range f.dispatched(t, c) {
		if strings.HasPrefix(s, "webhook ") {
			hooks = append(hooks, s)
		}
	}
	if len(hooks) != 1 || !strings.HasPrefix(hooks[0], "webhook "+strconv.FormatInt(f.instA, 10)+" complaint.deadline_breached") {
		t.Errorf("webhook deliveries %q, want one to institution %d for its own clock", hooks, f.instA)
	}
}

// bothRecipientsComplaint stores a complaint of the fixture's complainant in the given state,
// forwarded to institutions A and B.
func (f *notifyFixture) bothRecipientsComplaint(t *testing.T, status domain.Status) *domain.Complaint {
	t.Helper()
	now := time.Now().UTC()
	c := &domain.Complaint{ID: uuid.NewString(), Status: status, Version: 1, ComplainantID: f.complainant.ID,
		Relation: domain.RelationSelf, LenderName: "甲行", Product: domain.ProductCreditCard, Province: "310000", Team: "national",
		Recipients: []int64{f.instA, f.instB}, Narrative: "催收员每天打二十多个电话。", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	c, _, err := f.complaints.CreateComplaint(context.Background(), c, "", domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted,
		ActorID: f.complainant.ID, ActorRole: domain.RoleComplainant, At: now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
