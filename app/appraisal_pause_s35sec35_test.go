package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestAppraisalPauseEndsAtItsLongest (attack round 30, session 34's leftover): an institution could
// keep its answer clock stopped for an "outside appraisal" for as long as it liked — a paused clock
// leaves the sweep's index, is never overdue and never breached, so one startAppraisal the day after
// forwarding held the answer off for good. A pause now lasts at most the configured maximum
// (domain.DefaultMaxAppraisalDays, 60 days; REDLINE_MAX_APPRAISAL_DAYS): the deadline sweep ends it
// at that instant (an APPRAISAL_ENDED entry by the system, the complainant told as for any end), the
// due day moves by the 60 days only, and a clock that is then past due is breached as any other.
func TestAppraisalPauseEndsAtItsLongest(t *testing.T) {
	const maxDays = 60
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	ctx := context.Background()
	ce.at("2026-03-02 10:00")
	c := ce.file(t)
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	c = must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	ce.at("2026-03-03 10:00")
	c = must(cs.StartAppraisal(agent, c.ID, "录音鉴定", 0)).of(t)
	paused := only(t, ce.deadlines(t, domain.RoleComplainant, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
	if !paused.Paused() {
		t.Fatalf("the appraisal did not pause the clock: %+v", paused)
	}
	dueBefore := paused.DueAt

	// Within the longest pause the sweep leaves it alone.
	ce.at("2026-04-30 10:00")
	must(ce.env.App.Deadlines.Sweep(ctx)).of(t)
	if d := only(t, ce.deadlines(t, domain.RoleComplainant, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen); !d.Paused() {
		t.Fatalf("a pause of 58 days was ended: %+v", d)
	}

	// Past it, the sweep ends the pause at its longest.
	ce.at("2026-05-04 10:00")
	must(ce.env.App.Deadlines.Sweep(ctx)).of(t)
	d := only(t, ce.deadlines(t, domain.RoleComplainant, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
	if d.Paused() {
		t.Fatalf("a pause of 62 days for an outside appraisal still stops the clock: %+v", d)
	}
	lo, hi := dueBefore.AddDate(0, 0, maxDays), dueBefore.AddDate(0, 0, maxDays+4)
	if d.DueAt.Before(lo) || !d.DueAt.Before(hi) {
		t.Errorf("due %s after a pause held to %d days, want from %s (the due day before the pause %s plus %d days, rolled to a working day)",
			d.DueAt.In(shanghai), maxDays, lo.In(shanghai), dueBefore.In(shanghai), maxDays)
	}
	ends := 0
	for _, ev := range must(cs.History(reviewer, c.ID)).of(t) {
		if ev.Action == domain.ActionEndAppraisal {
			ends++
			if ev.ActorRole != domain.RoleSystem {
				t.Errorf("the appraisal's end was recorded by %q, want the system", ev.ActorRole)
			}
		}
	}
	if ends != 1 {
		t.Errorf("%d APPRAISAL_ENDED entries, want 1", ends)
	}
	var notes int64
	if err := ce.env.App.DB.Gorm.Raw("SELECT count(*) FROM outbox WHERE payload->>'complaintId' = ? AND payload->>'action' = ?",
		c.ID, string(domain.ActionEndAppraisal)).Scan(&notes).Error; err != nil {
		t.Fatal(err)
	}
	if notes != 1 {
		t.Errorf("%d complaint.changed messages for the appraisal's end, want 1 (the complainant is told)", notes)
	}

	// A second sweep writes nothing more; the institution may not end it again.
	must(ce.env.App.Deadlines.Sweep(ctx)).of(t)
	if n := len(must(cs.History(reviewer, c.ID)).of(t)); n == 0 {
		t.Fatal("no history")
	}
	again := 0
	for _, ev := range must(cs.History(reviewer, c.ID)).of(t) {
		if ev.Action == domain.ActionEndAppraisal {
			again++
		}
	}
	if again != 1 {
		t.Errorf("a second sweep wrote another end: %d", again)
	}

	// The clock now runs out as any other.
	ce.at("2026-06-01 10:00")
	if res := must(ce.env.App.Deadlines.Sweep(ctx)).of(t); res.Breached != 1 {
		t.Errorf("sweep after the due day breached %d clocks, want 1", res.Breached)
	}
	if c = must(cs.Get(reviewer, c.ID)).of(t); !c.Untimely {
		t.Errorf("the complaint is not untimely after its clock ran out")
	}
}
