package app_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// The clock a complaint awaits is kept on its row (awaited_due_at, awaited_kind, migration 00042)
// for the overdue and due-soon filters and counts. Every change that starts, pauses, resumes,
// extends, meets, breaches or cancels a clock must write it: this walks one complaint through its
// life and, after each step, compares the row with what its clocks in complaint_deadlines say
// (redline_awaited_clock) and with the clock the step should leave awaited.

// awaitedRow is a complaint's stored awaited clock next to the one computed from its stored clocks.
type awaitedRow struct {
	Due, FromClocksDue   *time.Time
	Kind, FromClocksKind *string
}

func (ce *clockEnv) awaited(t *testing.T, id string) awaitedRow {
	t.Helper()
	var r awaitedRow
	if err := ce.env.App.DB.Gorm.Raw(`SELECT c.awaited_due_at AS due, c.awaited_kind AS kind, a.due_at AS from_clocks_due, a.kind AS from_clocks_kind
		FROM complaints c CROSS JOIN LATERAL redline_awaited_clock(c.id, c.status, c.due_at) a WHERE c.id = ?`, id).Scan(&r).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

// wantAwaited checks that the row's awaited clock is kind due at due (none when kind is ""), and
// that it is what the stored clocks say.
func (ce *clockEnv) wantAwaited(t *testing.T, step, id string, kind domain.DeadlineKind, due time.Time) {
	t.Helper()
	r := ce.awaited(t, id)
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	tm := func(p *time.Time) time.Time {
		if p == nil {
			return time.Time{}
		}
		return *p
	}
	if str(r.Kind) != str(r.FromClocksKind) || !tm(r.Due).Equal(tm(r.FromClocksDue)) {
		t.Errorf("%s: row awaits %q %v, the stored clocks say %q %v", step, str(r.Kind), tm(r.Due), str(r.FromClocksKind), tm(r.FromClocksDue))
	}
	if str(r.Kind) != string(kind) || !tm(r.Due).Equal(due) {
		t.Errorf("%s: row awaits %q %v, want %q %v", step, str(r.Kind), tm(r.Due), kind, due)
	}
}

// listed reports whether the complaint is in the list of the filter, as the actor of ctx.
func listed(t *testing.T, ce *clockEnv, ctx context.Context, f domain.ComplaintFilter, id string) bool {
	t.Helper()
	page := must(ce.env.App.Complaints.List(ctx, f, domain.Page{First: 100})).of(t)
	return slices.ContainsFunc(page.Complaints, func(c *domain.Complaint) bool { return c.ID == id })
}

func clockByKind(t *testing.T, ds []domain.Deadline, kind domain.DeadlineKind, state domain.DeadlineState) domain.Deadline {
	t.Helper()
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].Kind == kind && ds[i].State == state {
			return ds[i]
		}
	}
	t.Fatalf("no %s clock %s in %+v", state, kind, ds)
	return domain.Deadline{}
}

func TestAwaitedClockFollowsEveryClockChange(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	reviewer, complainant, supervisor := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleComplainant), ce.p.ctx(domain.RoleSupervisor)
	lender, agency := ce.p.ctx(domain.RoleInstitutionAgent), agencyAgent(t, ce, "awaited-agency@redline.demo")
	overdue, soon := domain.ComplaintFilter{Overdue: true}, domain.ComplaintFilter{DueWithinDays: 3}
	staffSees := func(step string, f domain.ComplaintFilter, id string, want bool) {
		t.Helper()
		if got := listed(t, ce, supervisor, f, id); got != want {
			t.Errorf("%s: the supervisor's list %+v has the complaint: %v, want %v", step, f, got, want)
		}
	}

	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	acc := clockByKind(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineAcceptance, domain.DeadlineOpen)
	ce.wantAwaited(t, "filed", c.ID, domain.DeadlineAcceptance, acc.DueAt)

	ce.at("2026-03-03 10:00")
	must(cs.RequestInformation(reviewer, c.ID, "请提供催收短信截图", 0)).of(t)
	ce.wantAwaited(t, "information requested (acceptance paused)", c.ID, "", time.Time{})

	ce.at("2026-03-06 10:00")
	must(cs.ProvideInformation(complainant, c.ID, "截图已上传，共12张", 0)).of(t)
	acc = clockByKind(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineAcceptance, domain.DeadlineOpen)
	ce.wantAwaited(t, "information provided (acceptance resumed)", c.ID, domain.DeadlineAcceptance, acc.DueAt)

	// The regulator's own decision is what the staff's overdue and due-soon views count first.
	ce.now = acc.DueAt.Add(-24 * time.Hour)
	staffSees("acceptance due tomorrow", soon, c.ID, true)
	staffSees("acceptance due tomorrow", overdue, c.ID, false)
	ce.now = acc.DueAt.Add(time.Hour)
	staffSees("acceptance past due", overdue, c.ID, true)
	staffSees("acceptance past due", soon, c.ID, false)

	// Forwarded to the lender and its agency: each institution's clock, the earliest for the staff.
	c = must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
	lc, ac := clockOf(t, ds, ce.p.lenderID), clockOf(t, ds, ce.p.agencyID)
	ce.wantAwaited(t, "forwarded", c.ID, domain.DeadlineInstitutionResponse, lc.DueAt)
	staffSees("forwarded", overdue, c.ID, false)

	ce.now = ce.now.Add(24 * time.Hour)
	must(cs.RequestExtension(agency, c.ID, 30, "需要调取外包催收员的全部通话录音", 0)).of(t)
	ac = clockOf(t, ce.deadlines(t, domain.RoleReviewer, c.ID), ce.p.agencyID)
	if !ac.DueAt.After(lc.DueAt) {
		t.Fatalf("the agency's extended clock is due %v, not after the lender's %v", ac.DueAt, lc.DueAt)
	}
	ce.wantAwaited(t, "agency extended", c.ID, domain.DeadlineInstitutionResponse, lc.DueAt)

	must(cs.StartAppraisal(lender, c.ID, "委托司法鉴定机构鉴定通话录音", 0)).of(t)
	ce.wantAwaited(t, "lender paused for appraisal", c.ID, domain.DeadlineInstitutionResponse, ac.DueAt)

	ce.now = ce.now.Add(5 * 24 * time.Hour)
	must(cs.EndAppraisal(lender, c.ID, 0)).of(t)
	lc = clockOf(t, ce.deadlines(t, domain.RoleReviewer, c.ID), ce.p.lenderID)
	ce.wantAwaited(t, "lender resumed", c.ID, domain.DeadlineInstitutionResponse, lc.DueAt)

	// The lender's clock runs out and the sweep records the breach: still awaited, and overdue for
	// the staff and the lender, not for the agency, whose own clock runs for weeks more.
	ce.now = lc.DueAt.Add(time.Hour)
	if res := must(ce.env.App.Deadlines.Sweep(context.Background())).of(t); res.Breached != 1 {
		t.Fatalf("sweep %+v, want the lender's breach", res)
	}
	ce.wantAwaited(t, "lender breached", c.ID, domain.DeadlineInstitutionResponse, lc.DueAt)
	staffSees("lender breached", overdue, c.ID, true)
	for _, x := range []struct {
		who     string
		ctx     context.Context
		overdue bool
	}{{"lender", lender, true}, {"agency", agency, false}} {
		if got := listed(t, ce, x.ctx, overdue, c.ID); got != x.overdue {
			t.Errorf("lender breached: the %s's overdue list has the complaint: %v, want %v", x.who, got, x.overdue)
		}
	}
	ce.now = ac.DueAt.Add(-48 * time.Hour)
	if !listed(t, ce, agency, soon, c.ID) || listed(t, ce, lender, soon, c.ID) {
		t.Error("two days before the agency's due date: want the complaint due soon for the agency only")
	}

	// The lender answers late: the agency's clock is what the complaint still awaits.
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "已核实催收记录并向客户说明。"}, 0)).of(t)
	ce.wantAwaited(t, "lender answered late", c.ID, domain.DeadlineInstitutionResponse, ac.DueAt)
	if listed(t, ce, lender, overdue, c.ID) {
		t.Error("the lender answered and still finds the complaint overdue")
	}

	must(cs.Respond(agency, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "催收员已受处分并停止催收。"}, 0)).of(t)
	fb := clockByKind(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineFeedback, domain.DeadlineOpen)
	ce.wantAwaited(t, "both answered (feedback window)", c.ID, domain.DeadlineFeedback, fb.DueAt)
	staffSees("both answered", overdue, c.ID, false)

	ce.now = ce.now.Add(time.Hour)
	must(cs.SubmitFeedback(complainant, c.ID, domain.FeedbackInput{Decision: domain.FeedbackAccept, Satisfaction: 4}, 0)).of(t)
	ce.wantAwaited(t, "feedback given", c.ID, "", time.Time{})

	must(cs.Close(reviewer, c.ID, "投诉人接受答复，结案。", 0)).of(t)
	ce.now = ce.now.Add(24 * time.Hour)
	must(cs.Reopen(reviewer, c.ID, "投诉人提交了新的催收短信。", 0)).of(t)
	acc = clockByKind(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineAcceptance, domain.DeadlineOpen)
	ce.wantAwaited(t, "reopened (a new acceptance clock)", c.ID, domain.DeadlineAcceptance, acc.DueAt)

	must(cs.Withdraw(complainant, c.ID, "已与机构协商解决。", 0)).of(t)
	ce.wantAwaited(t, "withdrawn", c.ID, "", time.Time{})
}
