package synthetic

import (
	"reflect"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func TestSameSeedSameData(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	o := Options{Institutions: 50, Years: 3, Seed: 7, Now: now}
	a, b := New(o), New(o)
	if !reflect.DeepEqual(a.Institutions, b.Institutions) {
		t.Fatal("two generators with one seed made different institutions")
	}
	for _, i := range []int{0, 1, 999, 123456} {
		if x, y := a.Complaint(i), b.Complaint(i); !reflect.DeepEqual(x, y) {
			t.Errorf("complaint %d differs:\n%+v\n%+v", i, x.Complaint, y.Complaint)
		}
	}
	if reflect.DeepEqual(a.Complaint(1), a.Complaint(2)) {
		t.Error("complaints 1 and 2 are the same")
	}
	o.Seed = 8
	if reflect.DeepEqual(New(o).Complaint(1), a.Complaint(1)) {
		t.Error("another seed made the same complaint")
	}
}

// TestComplaintsAreConsistent checks that every made-up complaint could have come from the
// lifecycle: times in order, answers only after forwarding, closed cases with a closing time.
func TestComplaintsAreConsistent(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	g := New(Options{Institutions: 40, Years: 3, Seed: 1, Now: now})
	statuses := map[domain.Status]int{}
	for i := 0; i < 20000; i++ {
		sc := g.Complaint(i)
		c := sc.Complaint
		statuses[c.Status]++
		switch {
		case c.CreatedAt.Before(now.AddDate(-3, 0, -3)) || c.CreatedAt.After(now):
			t.Fatalf("complaint %d filed %v, outside the 3 years to %v", i, c.CreatedAt, now)
		case c.UpdatedAt.Before(c.CreatedAt) || c.UpdatedAt.After(now):
			t.Fatalf("complaint %d updated %v", i, c.UpdatedAt)
		case sc.Response != nil && (c.ForwardedAt.IsZero() || sc.Response.At.Before(c.ForwardedAt) || !c.RespondedAt.Equal(sc.Response.At)):
			t.Fatalf("complaint %d answered %v, forwarded %v", i, sc.Response.At, c.ForwardedAt)
		case !c.ForwardedAt.IsZero() && !c.DueAt.Equal(c.ForwardedAt.AddDate(0, 0, 15)):
			t.Fatalf("complaint %d due %v, forwarded %v", i, c.DueAt, c.ForwardedAt)
		case c.Feedback != nil && c.Feedback.At.Before(c.RespondedAt):
			t.Fatalf("complaint %d feedback before the answer", i)
		case (c.Status == domain.StatusClosed || c.Status == domain.StatusRejected) && c.ClosedAt.IsZero():
			t.Fatalf("complaint %d %s without a closing time", i, c.Status)
		case len(c.ClaimedViolations) == 0 || c.Narrative == "" || c.LenderName == "" || c.Province == "":
			t.Fatalf("complaint %d incomplete: %+v", i, c)
		}
	}
	for _, s := range []domain.Status{domain.StatusClosed, domain.StatusForwarded, domain.StatusRejected, domain.StatusWithdrawn, domain.StatusDisputed} {
		if statuses[s] == 0 {
			t.Errorf("no %s complaint among 20,000: %v", s, statuses)
		}
	}
}
