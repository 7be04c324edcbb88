package synthetic

import (
	"fmt"
	"reflect"
	"slices"
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

// TestConfirmedViolations: a complaint a reviewer classified (forwarded or referred) carries
// confirmed violations, the others none; they are claimed ones or the collector's habits, in the
// domain's order; and each collector's habits are confirmed against it markedly more often than
// against the others, so institutions differ in the statistics as they do in real registers.
func TestConfirmedViolations(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("Seed", seed), func(t *testing.T) { testConfirmedViolations(t, seed) })
	}
}

func testConfirmedViolations(t *testing.T, seed uint64) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	g := New(Options{Institutions: 40, Years: 3, Seed: seed, Now: now})
	byName := map[string]*Institution{}
	for i := range g.Institutions {
		byName[g.Institutions[i].Name] = &g.Institutions[i]
	}
	type tally struct {
		complaints int
		confirmed  map[domain.ViolationType]int
	}
	per := map[string]*tally{}
	confirmed, claimedAndConfirmed, claims := 0, 0, 0
	for i := 0; i < 20000; i++ {
		c := g.Complaint(i).Complaint
		classified := !c.ForwardedAt.IsZero() || c.Status == domain.StatusReferred
		if !classified {
			if len(c.ConfirmedViolations) > 0 {
				t.Fatalf("complaint %d (%s, never classified) has confirmed violations %v", i, c.Status, c.ConfirmedViolations)
			}
			continue
		}
		if len(c.ConfirmedViolations) == 0 {
			t.Fatalf("complaint %d (%s) classified without a confirmed violation", i, c.Status)
		}
		collector := byName[c.LenderName]
		if c.AgencyName != "" {
			collector = byName[c.AgencyName]
		}
		order := -1
		for _, v := range c.ConfirmedViolations {
			k := slices.IndexFunc(domain.ViolationTypes, func(x domain.ViolationInfo) bool { return x.Type == v })
			if k <= order || (!slices.Contains(c.ClaimedViolations, v) && !slices.Contains(collector.habits, v)) {
				t.Fatalf("complaint %d: confirmed %v of claimed %v, habits %v: out of order or from nowhere", i, c.ConfirmedViolations, c.ClaimedViolations, collector.habits)
			}
			order = k
			if slices.Contains(c.ClaimedViolations, v) {
				claimedAndConfirmed++
			}
		}
		confirmed++
		claims += len(c.ClaimedViolations)
		tl := per[collector.Name]
		if tl == nil {
			tl = &tally{confirmed: map[domain.ViolationType]int{}}
			per[collector.Name] = tl
		}
		tl.complaints++
		for _, v := range c.ConfirmedViolations {
			tl.confirmed[v]++
		}
	}
	if share := float64(claimedAndConfirmed) / float64(claims); share < 0.6 || share > 0.95 {
		t.Errorf("%.2f of claimed violations confirmed, want most but not all", share)
	}
	big := 0
	for name, tl := range per {
		if tl.complaints < 300 {
			continue
		}
		big++
		for _, h := range byName[name].habits {
			var n, k int // complaints against collectors without that habit, and those confirming it
			for other, ot := range per {
				if !slices.Contains(byName[other].habits, h) {
					n, k = n+ot.complaints, k+ot.confirmed[h]
				}
			}
			own, others := float64(tl.confirmed[h])/float64(tl.complaints), float64(k)/float64(n)
			if own < 1.3*others {
				t.Errorf("%s: its habit %s confirmed in %.2f of its complaints, %.2f of those against collectors without it; want ≥ 1.3 times", name, h, own, others)
			}
		}
	}
	if big < 5 || confirmed < 15000 {
		t.Errorf("%d collectors with 300 classified complaints, %d classified complaints: too few to tell", big, confirmed)
	}
}
