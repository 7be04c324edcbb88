package app_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestAppraisalPausesOfAClockAreBounded (attack round 29): an institution could stop and restart its
// answer clock for an "outside appraisal" as often as it liked, each start and each end told to the
// complainant (in the portal, by e-mail, by SMS when they asked for it) and written to the case's
// append-only history — the collector's side could flood the borrower with messages from the
// regulator's platform, and grow the history and the clock's record (replayed on every read) without
// end. A clock may now be stopped for an outside appraisal domain.MaxAppraisals (3) times; the next
// start is CONFLICT on id, reason APPRAISAL_LIMIT, and writes nothing (no history entry, no
// notification, the clock as it was).
func TestAppraisalPausesOfAClockAreBounded(t *testing.T) {
	const maxAppraisals = 3 // domain.MaxAppraisals
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	ce.at("2026-11-02 10:00")
	c := ce.file(t)
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	c = must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	for i := range maxAppraisals {
		ce.now = ce.now.Add(time.Hour)
		c = must(cs.StartAppraisal(agent, c.ID, fmt.Sprintf("鉴定 %d", i+1), 0)).of(t)
		ce.now = ce.now.Add(time.Minute)
		c = must(cs.EndAppraisal(agent, c.ID, 0)).of(t)
	}
	var events, notes int64
	count := func() (int64, int64) {
		var e, n int64
		db := ce.env.App.DB.Gorm
		if err := db.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ?", c.ID).Scan(&e).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Raw("SELECT count(*) FROM notifications WHERE complaint_id = ?", c.ID).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return e, n
	}
	events, notes = count()
	ce.now = ce.now.Add(time.Hour)
	_, err := cs.StartAppraisal(agent, c.ID, "再鉴定一次", 0)
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeConflict || e.Field != "id" || e.Reason != "APPRAISAL_LIMIT" {
		t.Fatalf("appraisal %d of one clock: %v, want CONFLICT on id (APPRAISAL_LIMIT)", maxAppraisals+1, err)
	}
	after := must(cs.Get(agent, c.ID)).of(t)
	if after.Version != c.Version {
		t.Errorf("a refused appraisal moved the version %d → %d", c.Version, after.Version)
	}
	if e2, n2 := count(); e2 != events || n2 != notes {
		t.Errorf("a refused appraisal wrote %d history entries and %d notifications", e2-events, n2-notes)
	}
	if d := only(t, ce.deadlines(t, domain.RoleComplainant, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen); d.Paused() {
		t.Errorf("the refused appraisal paused the clock: %+v", d)
	}
}
