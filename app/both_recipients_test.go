package app_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

// A complaint forwarded to both the lender and its collection agency is answered by each of them,
// on its own clock: the complaint is RESPONDED only once both have given their final answer, and an
// institution that never answers is breached and counted untimely against itself alone.

// agencyAgent creates an agent of the demo collection agency and returns them as an actor's context.
func agencyAgent(t *testing.T, ce *clockEnv, email string) context.Context {
	t.Helper()
	u, err := ce.env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: email, Password: app.DemoPassword,
		DisplayName: "催收机构客服", Role: domain.RoleInstitutionAgent, InstitutionID: ce.p.agencyID})
	if err != nil {
		t.Fatal(err)
	}
	return domain.WithActor(context.Background(), u.Actor())
}

// clockOf returns the institution clock of inst.
func clockOf(t *testing.T, ds []domain.Deadline, inst int64) domain.Deadline {
	t.Helper()
	for _, d := range ds {
		if d.Kind == domain.DeadlineInstitutionResponse && d.InstitutionID == inst {
			return d
		}
	}
	t.Fatalf("no institution clock of %d in %+v", inst, ds)
	return domain.Deadline{}
}

// instFigures are one institution's answered, timely and untimely counts in the month rollup.
type instFigures struct{ Answered, Timely, Untimely int64 }

func figuresOf(t *testing.T, ce *clockEnv, inst int64) instFigures {
	t.Helper()
	var f instFigures
	if err := ce.env.App.DB.Gorm.Raw(`SELECT coalesce(sum(answered), 0) AS answered, coalesce(sum(timely), 0) AS timely,
		coalesce(sum(untimely), 0) AS untimely FROM stats_r_i WHERE grain = 'M' AND inst = ?`, inst).Scan(&f).Error; err != nil {
		t.Fatal(err)
	}
	return f
}

func (f instFigures) minus(o instFigures) instFigures {
	return instFigures{f.Answered - o.Answered, f.Timely - o.Timely, f.Untimely - o.Untimely}
}

// forwardedToBoth files a complaint on 2 March 2026 and forwards it to the lender and its agency;
// it returns it with the lender's and the agency's figures before either answers.
func forwardedToBoth(t *testing.T) (*clockEnv, *domain.Complaint, instFigures, instFigures) {
	t.Helper()
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	c = must(ce.env.App.Complaints.Forward(ce.p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	return ce, c, figuresOf(t, ce, ce.p.lenderID), figuresOf(t, ce, ce.p.agencyID)
}

func TestBothInstitutionsAnswerEachForItself(t *testing.T) {
	ce, c, beforeL, beforeA := forwardedToBoth(t)
	cs, stats := ce.env.App.Complaints, ce.env.App.Stats.Store
	lender, agency := ce.p.ctx(domain.RoleInstitutionAgent), agencyAgent(t, ce, "agency-agent@redline.demo")
	ctx := context.Background()

	// The agency reports progress (allowed), then the lender gives its final answer.
	ce.at("2026-03-05 10:00")
	must(cs.Respond(agency, c.ID, domain.ResponseInput{Category: domain.ResponseInProgress, Explanation: "正在调取催收录音，核实后答复。"}, 0)).of(t)
	ce.at("2026-03-06 10:00")
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "已停止催收并向客户致歉。",
		Relief: domain.Relief{CollectionStopped: true, Apology: true}}, 0)).of(t)
	got := must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t)
	if got.Status != domain.StatusForwarded || !got.RespondedAt.IsZero() {
		t.Fatalf("after the lender's answer: status %s respondedAt %v, want FORWARDED awaiting the agency", got.Status, got.RespondedAt)
	}
	ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
	if d := clockOf(t, ds, ce.p.lenderID); d.State != domain.DeadlineMet {
		t.Errorf("lender clock %s, want MET", d.State)
	}
	if d := clockOf(t, ds, ce.p.agencyID); d.State != domain.DeadlineOpen {
		t.Errorf("agency clock %s, want OPEN", d.State)
	}
	if slices.ContainsFunc(ds, func(d domain.Deadline) bool { return d.Kind == domain.DeadlineFeedback }) {
		t.Error("the feedback window opened before the agency answered")
	}
	// The lender has answered: it cannot answer again nor ask for more time.
	_, err := cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "再次答复，补充说明情况。"}, 0)
	if domain.CodeOf(err) != domain.CodeConflict {
		t.Errorf("second final answer of the lender: %v, want CONFLICT", err)
	}
	if _, err := cs.RequestExtension(lender, c.ID, 30, "需要更多时间核实。", 0); domain.CodeOf(err) != domain.CodeConflict {
		t.Errorf("extension asked by the lender after its answer: %v, want CONFLICT", err)
	}

	// The agency answers: the complaint is RESPONDED, both clocks met, the feedback window opens.
	ce.at("2026-03-09 10:00")
	must(cs.Respond(agency, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "已核查录音，催收员已受处分。"}, 0)).of(t)
	got = must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t)
	if got.Status != domain.StatusResponded || got.Untimely {
		t.Fatalf("after both answers: status %s untimely %v, want RESPONDED and timely", got.Status, got.Untimely)
	}
	ds = ce.deadlines(t, domain.RoleReviewer, c.ID)
	for _, inst := range []int64{ce.p.lenderID, ce.p.agencyID} {
		if d := clockOf(t, ds, inst); d.State != domain.DeadlineMet {
			t.Errorf("clock of %d: %s, want MET", inst, d.State)
		}
	}
	only(t, ds, domain.DeadlineFeedback, domain.DeadlineOpen)

	// History: one RESPONDED event per institution, the first keeping the state.
	var answers []domain.Event
	for _, e := range must(cs.History(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t) {
		if e.Action == domain.ActionRespond {
			answers = append(answers, e)
		}
	}
	if len(answers) != 2 || answers[0].ToStatus != domain.StatusForwarded || answers[1].ToStatus != domain.StatusResponded {
		t.Fatalf("answer events %+v, want FORWARDED→FORWARDED then FORWARDED→RESPONDED", answers)
	}
	if len(anyInts(answers[0].Details["awaitingInstitutionIds"])) != 1 {
		t.Errorf("the lender's answer event does not say whose answer is awaited: %v", answers[0].Details)
	}

	// Statistics: each institution answered, on time.
	if err := stats.Apply(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	want := instFigures{Answered: 1, Timely: 1}
	if d := figuresOf(t, ce, ce.p.lenderID).minus(beforeL); d != want {
		t.Errorf("lender figures moved by %+v, want %+v", d, want)
	}
	if d := figuresOf(t, ce, ce.p.agencyID).minus(beforeA); d != want {
		t.Errorf("agency figures moved by %+v, want %+v", d, want)
	}
}

func TestBothInstitutionsAgencyNeverAnswers(t *testing.T) {
	ce, c, beforeL, beforeA := forwardedToBoth(t)
	cs, watch, stats := ce.env.App.Complaints, ce.env.App.Deadlines, ce.env.App.Stats.Store
	lender := ce.p.ctx(domain.RoleInstitutionAgent)
	ctx := context.Background()

	ce.at("2026-03-10 10:00")
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "经核查，已向客户解释并停止催收。"}, 0)).of(t)
	agencyClock := clockOf(t, ce.deadlines(t, domain.RoleReviewer, c.ID), ce.p.agencyID)

	// The agency lets its clock run out: the sweep breaches it, and only it.
	ce.now = agencyClock.DueAt.Add(time.Second)
	res := must(watch.Sweep(ctx)).of(t)
	if res.Breached != 1 {
		t.Fatalf("sweep %+v, want the agency's breach", res)
	}
	ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
	if d := clockOf(t, ds, ce.p.lenderID); d.State != domain.DeadlineMet {
		t.Errorf("lender clock %s, want MET", d.State)
	}
	if d := clockOf(t, ds, ce.p.agencyID); d.State != domain.DeadlineBreached {
		t.Errorf("agency clock %s, want BREACHED", d.State)
	}
	got := must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t)
	if got.Status != domain.StatusForwarded || !got.Untimely {
		t.Errorf("after the agency's breach: status %s untimely %v, want FORWARDED (the agency may still answer) and untimely", got.Status, got.Untimely)
	}

	if err := stats.Apply(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if d := figuresOf(t, ce, ce.p.lenderID).minus(beforeL); d != (instFigures{Answered: 1, Timely: 1}) {
		t.Errorf("lender figures moved by %+v, want answered and timely only", d)
	}
	if d := figuresOf(t, ce, ce.p.agencyID).minus(beforeA); d != (instFigures{Untimely: 1}) {
		t.Errorf("agency figures moved by %+v, want untimely only", d)
	}
	// A rebuild derives the same per-institution figures from the complaints.
	if err := stats.Rebuild(ctx, got.CreatedAt, got.CreatedAt); err != nil {
		t.Fatal(err)
	}
	var arrays struct{ IUntimely, ITimely string }
	if err := ce.env.App.DB.Gorm.Raw(`SELECT i_untimely::text AS i_untimely, i_timely::text AS i_timely FROM stats_contributions WHERE complaint_id = ?`, c.ID).
		Scan(&arrays).Error; err != nil {
		t.Fatal(err)
	}
	if arrays.IUntimely != "{0,1}" || arrays.ITimely != "{1,0}" { // lender, agency
		t.Errorf("rebuilt contribution: untimely %s timely %s, want {0,1} and {1,0}", arrays.IUntimely, arrays.ITimely)
	}

	// The late agency answer is still taken; then the complaint is RESPONDED, the agency's clock stays breached.
	ce.now = ce.now.Add(time.Hour)
	must(cs.Respond(agencyAgent(t, ce, "late-agency@redline.demo"), c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation,
		Explanation: "迟复：已核查催收记录并整改。"}, 0)).of(t)
	got = must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t)
	if got.Status != domain.StatusResponded {
		t.Errorf("after the late answer: %s, want RESPONDED", got.Status)
	}
	if d := clockOf(t, ce.deadlines(t, domain.RoleReviewer, c.ID), ce.p.agencyID); d.State != domain.DeadlineBreached || d.MetAt.IsZero() {
		t.Errorf("agency clock after the late answer: %s met %v, want BREACHED with the answer recorded", d.State, d.MetAt)
	}
	if err := stats.Apply(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if d := figuresOf(t, ce, ce.p.agencyID).minus(beforeA); d != (instFigures{Answered: 1, Untimely: 1}) {
		t.Errorf("agency figures after the late answer moved by %+v, want answered and untimely", d)
	}
	if d := figuresOf(t, ce, ce.p.lenderID).minus(beforeL); d != (instFigures{Answered: 1, Timely: 1}) {
		t.Errorf("lender figures after the agency's late answer moved by %+v, want answered and timely", d)
	}
}

// Each recipient of a complaint forwarded to both reads its own answers, extension requests and
// their history entries, never the other's; the complainant and the regulator's staff read both.
func TestBothInstitutionsSeeOnlyTheirOwnAnswers(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	lender, agency := ce.p.ctx(domain.RoleInstitutionAgent), agencyAgent(t, ce, "own-agency@redline.demo")
	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	c = must(cs.Forward(ce.p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	ce.at("2026-03-04 10:00")
	must(cs.Respond(agency, c.ID, domain.ResponseInput{Category: domain.ResponseInProgress, Explanation: "机构甲：正在调取催收录音。"}, 0)).of(t)
	must(cs.RequestExtension(agency, c.ID, 30, "机构甲：录音在外包公司，需要时间调取。", 0)).of(t)
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "机构乙：已停止催收并致歉。",
		Relief: domain.Relief{CollectionStopped: true, Apology: true}}, 0)).of(t)

	for _, tc := range []struct {
		who                    string
		ctx                    context.Context
		responses, extensions  int
		inst                   int64 // the only institution whose items may show; 0 for every
		respondEvents, extEvts int
	}{
		{"lender", lender, 1, 0, ce.p.lenderID, 1, 0},
		{"agency", agency, 1, 1, ce.p.agencyID, 1, 1},
		{"complainant", ce.p.ctx(domain.RoleComplainant), 2, 1, 0, 2, 1},
		{"reviewer", ce.p.ctx(domain.RoleReviewer), 2, 1, 0, 2, 1},
	} {
		rs := must(cs.Responses(tc.ctx, c.ID)).of(t)
		xs := must(cs.Extensions(tc.ctx, c.ID)).of(t)
		if len(rs) != tc.responses || len(xs) != tc.extensions {
			t.Errorf("%s reads %d answers and %d extension requests, want %d and %d", tc.who, len(rs), len(xs), tc.responses, tc.extensions)
		}
		for _, r := range rs {
			if tc.inst != 0 && r.InstitutionID != tc.inst {
				t.Errorf("%s reads the answer of institution %d: %q", tc.who, r.InstitutionID, r.Explanation)
			}
		}
		for _, x := range xs {
			if tc.inst != 0 && x.InstitutionID != tc.inst {
				t.Errorf("%s reads the extension request of institution %d: %q", tc.who, x.InstitutionID, x.Reason)
			}
		}
		respond, ext := 0, 0
		for _, e := range must(cs.History(tc.ctx, c.ID)).of(t) {
			switch e.Action {
			case domain.ActionRespond, domain.ActionReportProgress:
				respond++
			case domain.ActionRequestExtension:
				ext++
			}
		}
		if respond != tc.respondEvents || ext != tc.extEvts {
			t.Errorf("%s's history holds %d answers and %d extension requests, want %d and %d", tc.who, respond, ext, tc.respondEvents, tc.extEvts)
		}
	}
}

// An extension moves the answer clock of the institution that asked for it, never the other
// recipient's: the platform's grant on request, and a supervisor's approval of the longer stage.
func TestExtensionMovesOnlyTheAskingInstitutionsClock(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	lender, agency := ce.p.ctx(domain.RoleInstitutionAgent), agencyAgent(t, ce, "extension-agency@redline.demo")
	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	c = must(cs.Forward(ce.p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	clocks := func() (l, a domain.Deadline) {
		ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
		return clockOf(t, ds, ce.p.lenderID), clockOf(t, ds, ce.p.agencyID)
	}
	l0, a0 := clocks()

	// The agency asks for the first extension, granted on request: only its clock moves.
	ce.at("2026-03-04 10:00")
	must(cs.RequestExtension(agency, c.ID, 30, "机构甲：录音在外包公司，需要时间调取。", 0)).of(t)
	l1, a1 := clocks()
	if !l1.DueAt.Equal(l0.DueAt) || l1.Stage != l0.Stage {
		t.Errorf("the lender's clock moved with the agency's extension: %s %v → %s %v", l0.Stage, l0.DueAt, l1.Stage, l1.DueAt)
	}
	if !a1.DueAt.After(a0.DueAt) || a1.Stage == a0.Stage {
		t.Errorf("the agency's clock did not move: %s %v → %s %v", a0.Stage, a0.DueAt, a1.Stage, a1.DueAt)
	}
	if got := must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t); !got.DueAt.Equal(l1.DueAt) {
		t.Errorf("the complaint is due %v, want the earlier clock's %v", got.DueAt, l1.DueAt)
	}

	// The lender may still ask for its own first extension: its clock is at its first stage.
	must(cs.RequestExtension(lender, c.ID, 30, "机构乙：需要核实还款记录。", 0)).of(t)
	l2, a2 := clocks()
	if l2.Stage != a1.Stage || !l2.DueAt.After(l1.DueAt) || !a2.DueAt.Equal(a1.DueAt) {
		t.Errorf("after the lender's own extension: lender %s %v, agency %v (was %v)", l2.Stage, l2.DueAt, a2.DueAt, a1.DueAt)
	}

	// The agency asks for the longest stage; a supervisor approves it: again only the agency's clock.
	must(cs.RequestExtension(agency, c.ID, 60, "机构甲：涉及多名催收员，需要逐一核查。", 0)).of(t)
	x := must(cs.DecideExtension(ce.p.ctx(domain.RoleSupervisor), c.ID, true, "同意", 0)).of(t)
	if x.InstitutionID != ce.p.agencyID || x.Days != 60 {
		t.Errorf("decided extension %+v, want the agency's 60 days", x)
	}
	l3, a3 := clocks()
	if !l3.DueAt.Equal(l2.DueAt) || l3.Stage != l2.Stage {
		t.Errorf("the lender's clock moved with the agency's approved extension: %v → %v", l2.DueAt, l3.DueAt)
	}
	if !a3.DueAt.After(a2.DueAt) {
		t.Errorf("the approved extension did not move the agency's clock: %v → %v", a2.DueAt, a3.DueAt)
	}
}

// TestProgressReportsAreBounded (fourth attack pass): 50 progress reports sent at once by one
// agent on one complaint were all recorded, 50 history entries and 50 notifications each to the
// complainant and the caseworker. An institution reports progress on a complaint at most once per
// HandlingPolicy.ProgressReportInterval (a day): parallel reports write one, a second within the day
// is RATE_LIMITED on input.category; the other recipient's count is its own, and the final answer is
// never held back.
func TestProgressReportsAreBounded(t *testing.T) {
	ce, c, _, _ := forwardedToBoth(t)
	cs := ce.env.App.Complaints
	lender, agency := ce.p.ctx(domain.RoleInstitutionAgent), agencyAgent(t, ce, "progress-agency@redline.demo")
	report := func(ctx context.Context) error {
		_, err := cs.Respond(ctx, c.ID, domain.ResponseInput{Category: domain.ResponseInProgress, Explanation: "正在调取催收录音，核实后答复。"}, 0)
		return err
	}
	ce.at("2026-03-05 10:00")
	errs := make([]error, 10)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = report(lender) }()
	}
	wg.Wait()
	taken := 0
	for _, err := range errs {
		switch {
		case err == nil:
			taken++
		case domain.CodeOf(err) == domain.CodeRateLimited, domain.CodeOf(err) == domain.CodeConflict:
		default:
			t.Errorf("a parallel progress report: %v", err)
		}
	}
	if taken != 1 {
		t.Errorf("%d of 10 parallel progress reports taken, want 1", taken)
	}
	if err := report(agency); err != nil {
		t.Errorf("the other recipient's first progress report: %v", err)
	}
	ce.at("2026-03-05 20:00")
	if err := report(lender); domain.CodeOf(err) != domain.CodeRateLimited {
		t.Errorf("a second report within the day: %v, want RATE_LIMITED", err)
	} else if de, _ := domain.AsError(err); de.Field != "input.category" || de.MessageZH == "" {
		t.Errorf("refusal %+v, want the field input.category and a Chinese message", de)
	}
	ce.at("2026-03-06 10:01")
	if err := report(lender); err != nil {
		t.Errorf("a report a day later: %v", err)
	}
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "已停止催收并向客户致歉。",
		Relief: domain.Relief{CollectionStopped: true, Apology: true}}, 0)).of(t)
	var n int64
	ce.env.App.DB.Gorm.Raw(`SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND action = ?`, c.ID, string(domain.ActionReportProgress)).Scan(&n)
	if n != 3 {
		t.Errorf("%d progress entries in the history, want 3", n)
	}
}
