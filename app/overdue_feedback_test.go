package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Session 14 (overdue): the complainant's feedback window is the clock a RESPONDED complaint
// awaits, but a lapsed one asks nothing of the regulator's staff or of an institution. The
// supervisor's overdue and due-soon lists and the team load's counts leave it out, and agree with
// each other; a complaint whose acceptance decision is late stays in them.
func TestSession14OverdueLeavesOutTheFeedbackWindow(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	reviewer, supervisor := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleSupervisor)
	lender := ce.p.ctx(domain.RoleInstitutionAgent)

	ce.at("2026-03-02 09:00")
	answered := ce.file(t)
	late := ce.file(t) // left in triage: its acceptance decision runs out in March
	must(cs.Forward(reviewer, answered.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	ce.now = ce.now.Add(24 * time.Hour)
	must(cs.Respond(lender, answered.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "已核实催收记录并向客户说明。"}, 0)).of(t)
	fb := clockByKind(t, ce.deadlines(t, domain.RoleReviewer, answered.ID), domain.DeadlineFeedback, domain.DeadlineOpen)
	ce.wantAwaited(t, "answered", answered.ID, domain.DeadlineFeedback, fb.DueAt) // the queue row still shows it

	overdue, soon := domain.ComplaintFilter{Overdue: true}, domain.ComplaintFilter{DueWithinDays: 3}
	check := func(step string) {
		t.Helper()
		if listed(t, ce, supervisor, soon, answered.ID) {
			t.Errorf("%s: the feedback window is in the supervisor's due-soon list", step)
		}
		page := must(cs.List(supervisor, overdue, domain.Page{First: 100})).of(t)
		var inList, lateIn bool
		for _, c := range page.Complaints {
			inList = inList || c.ID == answered.ID
			lateIn = lateIn || c.ID == late.ID
		}
		if inList || !lateIn {
			t.Errorf("%s: overdue list has the answered complaint %v (want false), the late acceptance %v (want true)", step, inList, lateIn)
		}
		loads := must(ce.env.App.Workbench.TeamLoad(supervisor)).of(t)
		n := 0
		for _, l := range loads {
			n += l.Overdue
		}
		if n != page.Total {
			t.Errorf("%s: team load counts %d overdue, the overdue list %d", step, n, page.Total)
		}
	}
	ce.now = fb.DueAt.Add(-48 * time.Hour)
	check("feedback window ends in two days")
	ce.now = fb.DueAt.Add(time.Hour)
	check("feedback window lapsed")
	must(ce.env.App.Deadlines.Sweep(context.Background())).of(t)
	ce.wantAwaited(t, "feedback window breached", answered.ID, domain.DeadlineFeedback, fb.DueAt)
	check("feedback window recorded as lapsed")
}
