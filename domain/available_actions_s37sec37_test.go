package domain_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// extensionStore answers the complaint's extension requests; nothing else is asked of it here.
type extensionStore struct {
	domain.ComplaintStore
	list  []domain.Extension
	reads *int
}

func (s extensionStore) Extensions(context.Context, string) ([]domain.Extension, error) {
	*s.reads++
	return s.list, nil
}

// TestAvailableActionsOfferNoRefusedExtension (attack round 32, session 36's leftover): after a
// supervisor denied the institution's request for 60 days twice, availableActions still offered
// EXTENSION_REQUESTED and the request was refused (EXTENSION_LIMIT); likewise while its own request
// awaited a supervisor (EXTENSION_PENDING) and when its clock was at its longest stage. The
// portal draws the request's form from nextExtension, which still named the denied stage.
func TestAvailableActionsOfferNoRefusedExtension(t *testing.T) {
	forwarded := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	now := forwarded.AddDate(0, 0, 3)
	const inst = 10
	agent := domain.Actor{UserID: 7, Role: domain.RoleInstitutionAgent, InstitutionID: inst}
	ctx := domain.WithActor(context.Background(), agent)
	clock := deadline.Clock{}
	started := func(extendTo ...int) domain.Deadline {
		d := domain.Deadline{ID: "d1", Kind: domain.DeadlineInstitutionResponse, InstitutionID: inst, Jurisdiction: "CN", State: domain.DeadlineOpen, StartedAt: forwarded}
		if err := clock.Start(&d, forwarded); err != nil {
			t.Fatal(err)
		}
		for _, days := range extendTo {
			if err := clock.Extend(&d, forwarded.Add(time.Hour), days, "system", domain.RoleSupervisor, "test"); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	x := func(days int, st domain.ExtensionStatus) domain.Extension {
		return domain.Extension{ID: string(st) + itoa(days), InstitutionID: inst, Days: days, Status: st, RequestedAt: forwarded.Add(2 * time.Hour)}
	}
	other := domain.Extension{ID: "o", InstitutionID: 20, Days: 60, Status: domain.ExtensionDenied, RequestedAt: forwarded.Add(time.Hour)}
	for _, tc := range []struct {
		name    string
		clock   domain.Deadline
		pending string
		list    []domain.Extension
		want    bool
	}{
		{"FirstExtension", started(), "", nil, true},
		{"AfterGrant", started(30), "", []domain.Extension{x(30, domain.ExtensionGranted)}, true},
		{"OneDenial", started(30), "", []domain.Extension{x(30, domain.ExtensionGranted), x(60, domain.ExtensionDenied)}, true},
		{"TwoDenials", started(30), "", []domain.Extension{x(30, domain.ExtensionGranted), x(60, domain.ExtensionDenied), func() domain.Extension {
			e := x(60, domain.ExtensionDenied)
			e.ID = "again"
			return e
		}()}, false},
		{"AnotherInstitutionsDenials", started(30), "", []domain.Extension{x(30, domain.ExtensionGranted), other, other}, true},
		{"OwnRequestPending", started(30), "p", []domain.Extension{x(30, domain.ExtensionGranted), x(60, domain.ExtensionPending)}, false},
		{"AtLongestStage", started(30, 60), "", []domain.Extension{x(30, domain.ExtensionGranted), x(60, domain.ExtensionGranted)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &domain.Complaint{ID: "c1", Status: domain.StatusForwarded, ForwardedAt: forwarded, DueAt: tc.clock.DueAt,
				Recipients: []int64{inst}, PendingExtensionID: tc.pending, Deadlines: []domain.Deadline{tc.clock}}
			reads := 0
			svc := &domain.Complaints{Now: func() time.Time { return now }, Store: extensionStore{list: tc.list, reads: &reads},
				Clocks: &domain.Clocks{Clock: clock}}
			got := svc.AvailableActions(ctx, c)
			if slices.Contains(got, domain.ActionRequestExtension) != tc.want {
				t.Errorf("%v: want the extension offered %v", got, tc.want)
			}
			if next := svc.NextExtension(ctx, c); (next != nil) != tc.want {
				t.Errorf("nextExtension %+v: want one %v", next, tc.want)
			}
			if tc.name == "FirstExtension" && reads != 0 {
				t.Errorf("the requests were read %d times for a stage granted on request with none pending", reads)
			}
			if !slices.Contains(got, domain.ActionRespond) {
				t.Errorf("%v: the answer is no longer offered", got)
			}
		})
	}
}

func itoa(n int) string { return time.Duration(n).String() }
