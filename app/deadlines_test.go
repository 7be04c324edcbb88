package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// These tests drive complaints through the lifecycle with an injected clock and check the stored
// deadlines: the acceptance clock across the Spring Festival with its make-up days, the institution's
// clock across National Day, pauses (visible, and kept out of the overdue filter), extensions,
// reminders sent once and breaches recorded once.

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// clockEnv is a platform without workers whose complaint service and deadline watch read a clock
// the test moves.
type clockEnv struct {
	env *apptest.Env
	p   *people
	now time.Time
}

func newClockEnv(t *testing.T, start time.Time) *clockEnv {
	t.Helper()
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	ce := &clockEnv{env: env, p: demoPeople(t, env), now: start}
	env.App.Complaints.Now = func() time.Time { return ce.now }
	env.App.Deadlines.Now = func() time.Time { return ce.now }
	return ce
}

func (ce *clockEnv) at(s string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	ce.now = t
}

// file files a complaint as the demo complainant (a parent of the debtor) and routes it.
func (ce *clockEnv) file(t *testing.T) *domain.Complaint {
	t.Helper()
	cs := ce.env.App.Complaints
	c, err := cs.File(ce.p.ctx(domain.RoleComplainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: ce.p.lenderID, LenderName: "招行信用卡", AgencyID: ce.p.agencyID, Product: domain.ProductCreditCard,
		Province: "310000", Narrative: "催收员每天给我打二十多个电话，说不还钱就到我家来。"}, uuid.NewString())
	if err != nil {
		t.Fatalf("file: %v", err)
	}
	if c, err = cs.Route(context.Background(), c.ID); err != nil || c.Status != domain.StatusInTriage {
		t.Fatalf("route: %v %v", c, err)
	}
	return c
}

func (ce *clockEnv) deadlines(t *testing.T, role domain.Role, id string) []domain.Deadline {
	t.Helper()
	ds, err := ce.env.App.Complaints.Deadlines(ce.p.ctx(role), id)
	if err != nil {
		t.Fatalf("deadlines as %s: %v", role, err)
	}
	return ds
}

func only(t *testing.T, ds []domain.Deadline, kind domain.DeadlineKind, state domain.DeadlineState) domain.Deadline {
	t.Helper()
	var found []domain.Deadline
	for _, d := range ds {
		if d.Kind == kind && d.State == state {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s %s deadline, have %+v", state, kind, ds)
	}
	return found[0]
}

func wantDue(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if g := got.In(shanghai).Format("2006-01-02 15:04:05"); g != want {
		t.Errorf("%s due %s, want %s", what, g, want)
	}
}

// must carries a call's result and error to of, which fails the test on the error.
func must[T any](v T, err error) checked[T] { return checked[T]{v, err} }

type checked[T any] struct {
	v   T
	err error
}

func (c checked[T]) of(t *testing.T) T {
	t.Helper()
	if c.err != nil {
		t.Fatal(c.err)
	}
	return c.v
}

func TestAcceptanceDeadlineAcrossSpringFestival(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	ce.at("2026-02-12 10:00") // Thursday before the Spring Festival
	c := ce.file(t)
	// Fri 13, Sat 14 (make-up), holiday 15–23, Tue 24 … Fri 27, Sat 28 (make-up): the 7th working day.
	d := only(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineAcceptance, domain.DeadlineOpen)
	wantDue(t, "acceptance", d.DueAt, "2026-02-28 23:59:59")
	if d.Unit != "WORKING_DAYS" || d.Jurisdiction != "CN" || d.Paused() {
		t.Errorf("acceptance clock %+v", d)
	}

	reviewer := ce.p.ctx(domain.RoleReviewer)
	ce.at("2026-02-13 10:00")
	must(cs.RequestInformation(reviewer, c.ID, "请提供催收短信截图", 0)).of(t)
	d = only(t, ce.deadlines(t, domain.RoleComplainant, c.ID), domain.DeadlineAcceptance, domain.DeadlineOpen)
	if !d.Paused() || d.PauseReason != domain.PauseWaitingForComplainant || !d.PausedAt.Equal(ce.now) {
		t.Fatalf("after the information request the clock is %+v, want paused since %s", d, ce.now)
	}
	hist := must(cs.History(reviewer, c.ID)).of(t)
	if got := hist[len(hist)-1].Details["deadlines"]; !slices.Equal(anyStrings(got), []string{"ACCEPTANCE:PAUSED"}) {
		t.Errorf("history of the request records %v, want the pause", got)
	}

	// The days that began while paused: Sat 14 (make-up), the holiday, Tue 24, Wed 25 → 3 working days.
	ce.at("2026-02-25 10:00")
	must(cs.ProvideInformation(ce.p.ctx(domain.RoleComplainant), c.ID, "截图已上传，共12张", 0)).of(t)
	d = only(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineAcceptance, domain.DeadlineOpen)
	if d.Paused() || d.PausedDays != 3 {
		t.Errorf("after the answer: paused=%v pausedDays=%d, want running and 3", d.Paused(), d.PausedDays)
	}
	wantDue(t, "acceptance after the pause", d.DueAt, "2026-03-04 23:59:59")

	// Forwarding is the decision: the acceptance clock is met, an institution clock starts.
	ce.at("2026-03-02 09:00")
	c = must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
	if d := only(t, ds, domain.DeadlineAcceptance, domain.DeadlineMet); !d.MetAt.Equal(ce.now) {
		t.Errorf("acceptance met at %s, want %s", d.MetAt, ce.now)
	}
	inst := only(t, ds, domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
	wantDue(t, "institution", inst.DueAt, "2026-03-17 23:59:59")
	if !c.DueAt.Equal(inst.DueAt) {
		t.Errorf("complaint due %s, want the institution clock's %s", c.DueAt, inst.DueAt)
	}
	// The institution sees its own clock only, not the regulator's acceptance clock.
	if got := ce.deadlines(t, domain.RoleInstitutionAgent, c.ID); len(got) != 1 || got[0].Kind != domain.DeadlineInstitutionResponse {
		t.Errorf("institution sees %+v, want its own clock only", got)
	}
}

func anyStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, len(x))
		for i, s := range x {
			out[i], _ = s.(string)
		}
		return out
	}
	return nil
}

func TestInstitutionDeadlineAcrossNationalDay(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	ce.at("2026-09-18 10:00")
	c := ce.file(t)
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	ce.at("2026-09-20 10:00") // a make-up working Sunday
	c = must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	// Day 15 is 5 October, inside National Day (1–7 October): the period ends on Thursday 8 October.
	wantDue(t, "complaint", c.DueAt, "2026-10-08 23:59:59")

	t.Run("PauseForAppraisalIsVisibleAndNotOverdue", func(t *testing.T) {
		ce.at("2026-09-25 10:00")
		c = must(cs.StartAppraisal(agent, c.ID, "委托司法鉴定机构鉴定通话录音", 0)).of(t)
		d := only(t, ce.deadlines(t, domain.RoleComplainant, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
		if !d.Paused() || d.PauseReason != domain.PauseOutsideAppraisal {
			t.Fatalf("clock %+v, want paused for an outside appraisal", d)
		}
		if !c.DueAt.IsZero() {
			t.Errorf("a complaint whose only clock is paused has due date %s, want none", c.DueAt)
		}
		ce.at("2026-10-09 10:00") // after the original due date, still paused
		page := must(cs.List(reviewer, domain.ComplaintFilter{Overdue: true}, domain.Page{})).of(t)
		if page.Total != 0 {
			t.Errorf("the overdue filter lists %d complaints while the only clock is paused", page.Total)
		}
		if _, err := cs.StartAppraisal(agent, c.ID, "再次鉴定", 0); domain.CodeOf(err) != domain.CodeConflict {
			t.Errorf("pausing a paused clock: %v, want CONFLICT", err)
		}
	})

	t.Run("ResumeMovesTheDueDay", func(t *testing.T) {
		// Paused 25 September, resumed 10 October: the days of 26 September … 10 October began while
		// paused → 15 days; 20 September + 15 + 15 = 20 October (a Tuesday).
		ce.at("2026-10-10 10:00")
		c = must(cs.EndAppraisal(agent, c.ID, 0)).of(t)
		d := only(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
		if d.Paused() || d.PausedDays != 15 {
			t.Errorf("clock %+v, want running with 15 paused days", d)
		}
		wantDue(t, "after the appraisal", d.DueAt, "2026-10-20 23:59:59")
		wantDue(t, "complaint after the appraisal", c.DueAt, "2026-10-20 23:59:59")
	})

	t.Run("Extensions", func(t *testing.T) {
		ce.at("2026-10-12 10:00")
		must(cs.RequestExtension(agent, c.ID, 30, "需要调取外包催收机构的全部录音", 0)).of(t)
		d := only(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
		// 20 September + 30 + 15 paused = 4 November (Wednesday).
		if d.Stage != "EXTENDED" {
			t.Errorf("stage %s, want EXTENDED", d.Stage)
		}
		wantDue(t, "extended", d.DueAt, "2026-11-04 23:59:59")
		must(cs.RequestExtension(agent, c.ID, 60, "案情复杂，涉及多家外包机构", 0)).of(t)
		must(cs.DecideExtension(ce.p.ctx(domain.RoleSupervisor), c.ID, true, "同意", 0)).of(t)
		d = only(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
		// 20 September + 60 + 15 = 4 December (Friday).
		if d.Stage != "SENIOR_EXTENDED" {
			t.Errorf("stage %s, want SENIOR_EXTENDED", d.Stage)
		}
		wantDue(t, "senior extended", d.DueAt, "2026-12-04 23:59:59")
	})

	t.Run("AnswerMeetsAndStartsTheFeedbackWindow", func(t *testing.T) {
		ce.at("2026-11-20 10:00")
		must(cs.Respond(agent, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief,
			Explanation: "已停止外包机构催收并向客户致歉。", Relief: domain.Relief{CollectionStopped: true, Apology: true}}, 0)).of(t)
		ds := ce.deadlines(t, domain.RoleComplainant, c.ID)
		if d := only(t, ds, domain.DeadlineInstitutionResponse, domain.DeadlineMet); !d.MetAt.Equal(ce.now) {
			t.Errorf("institution clock met at %s", d.MetAt)
		}
		fb := only(t, ds, domain.DeadlineFeedback, domain.DeadlineOpen)
		// 60 days from 20 November 2026 is 19 January 2027: the 2027 holidays are not published yet,
		// so the count is provisional.
		wantDue(t, "feedback", fb.DueAt, "2027-01-19 23:59:59")
		if !fb.Provisional {
			t.Error("a clock counted into a year without calendar data is not marked provisional")
		}
		after := must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t)
		if after.Untimely {
			t.Error("an answer in time marked the complaint untimely")
		}
	})
}

// outboxActions returns the complaint.changed messages of a complaint with the given action.
func outboxActions(t *testing.T, env *apptest.Env, complaintID string, action domain.Action) []map[string]any {
	t.Helper()
	var rows []struct{ ID, Payload string }
	if err := env.App.DB.Gorm.Raw(`SELECT id, payload::text AS payload FROM outbox WHERE topic = 'complaint.changed'
		AND payload->>'complaintId' = ? AND payload->>'action' = ? ORDER BY created_at`, complaintID, string(action)).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		out[i] = map[string]any{"id": r.ID, "payload": r.Payload}
	}
	return out
}

func TestDeadlineRemindersAndBreach(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs, watch := ce.env.App.Complaints, ce.env.App.Deadlines
	ctx := context.Background()
	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	c = must(cs.Forward(ce.p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
	var lender, agency domain.Deadline
	for _, d := range ds {
		switch {
		case d.Kind == domain.DeadlineInstitutionResponse && d.InstitutionID == ce.p.lenderID:
			lender = d
		case d.Kind == domain.DeadlineInstitutionResponse && d.InstitutionID == ce.p.agencyID:
			agency = d
		}
	}
	if lender.ID == "" || agency.ID == "" {
		t.Fatalf("a complaint forwarded to both has clocks %+v, want one per institution", ds)
	}
	wantDue(t, "lender", lender.DueAt, "2026-03-17 23:59:59")

	t.Run("ReminderOnce", func(t *testing.T) {
		ce.now = lender.DueAt.Add(-71 * time.Hour) // inside the 72h reminder, before the 24h one
		res := must(watch.Sweep(ctx)).of(t)
		if res.Reminded != 2 || res.Breached != 0 { // one per institution
			t.Fatalf("first sweep %+v, want 2 reminders", res)
		}
		if res := must(watch.Sweep(ctx)).of(t); res.Reminded != 0 {
			t.Errorf("second sweep reminded %d again", res.Reminded)
		}
		if sent := must(watch.Remind(ctx, lender.ID, lender.DueAt, 72*time.Hour)).of(t); sent {
			t.Error("the reminder task after the sweep sent the reminder a second time")
		}
		if sent := must(watch.Remind(ctx, lender.ID, lender.DueAt, 24*time.Hour)).of(t); sent {
			t.Error("the 24h reminder went out 71 hours before due")
		}
		msgs := outboxActions(t, ce.env, c.ID, domain.ActionDeadlineReminder)
		if len(msgs) != 2 {
			t.Fatalf("%d reminder messages, want 2", len(msgs))
		}
		// Dispatched, the reminder reaches the lender's agent in the app and by e-mail.
		before := notificationsOf(t, ce.env, ce.p.actors[domain.RoleInstitutionAgent].UserID, string(domain.ActionDeadlineReminder))
		for _, m := range msgs {
			dispatchOutbox(t, ce.env, m["id"].(string))
			dispatchOutbox(t, ce.env, m["id"].(string)) // delivered twice, written once
		}
		got := notificationsOf(t, ce.env, ce.p.actors[domain.RoleInstitutionAgent].UserID, string(domain.ActionDeadlineReminder))
		if got[domain.NotifyInApp]-before[domain.NotifyInApp] != 1 || got[domain.NotifyEmail]-before[domain.NotifyEmail] != 1 {
			t.Errorf("the lender's agent got %v reminder notifications, want one in-app and one e-mail", got)
		}
	})

	t.Run("BreachOnce", func(t *testing.T) {
		// Neither institution answers: the check task of the agency's clock and then the sweep each
		// record one breach.
		ce.now = lender.DueAt.Add(time.Second)
		if r := must(watch.Check(ctx, agency.ID)).of(t); r != domain.CheckBreached {
			t.Fatalf("check after due: %s, want BREACHED", r)
		}
		if r := must(watch.Check(ctx, agency.ID)).of(t); r != domain.CheckNothing {
			t.Errorf("second check: %s, want NOTHING", r)
		}
		res := must(watch.Sweep(ctx)).of(t)
		if res.Breached != 1 { // the lender's clock; the agency's was breached already
			t.Errorf("sweep after due %+v, want the lender's breach only", res)
		}
		if res := must(watch.Sweep(ctx)).of(t); res.Breached != 0 {
			t.Errorf("second sweep breached %d again", res.Breached)
		}
		after := must(cs.Get(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t)
		if !after.Untimely || after.Status != domain.StatusForwarded {
			t.Errorf("after the breach: untimely=%v status=%s, want untimely and still FORWARDED (the institution may still answer)", after.Untimely, after.Status)
		}
		var breaches []domain.Event
		for _, e := range must(cs.History(ce.p.ctx(domain.RoleReviewer), c.ID)).of(t) {
			if e.Action == domain.ActionDeadlineBreached {
				breaches = append(breaches, e)
			}
		}
		if len(breaches) != 2 {
			t.Fatalf("%d breach events, want 2 (one per institution)", len(breaches))
		}
		for _, e := range breaches {
			if e.ActorRole != domain.RoleSystem || e.Details["kind"] != string(domain.DeadlineInstitutionResponse) || len(anyInts(e.Details["institutionIds"])) != 1 {
				t.Errorf("breach event %+v", e)
			}
		}
		msgs := outboxActions(t, ce.env, c.ID, domain.ActionDeadlineBreached)
		if len(msgs) != 2 {
			t.Fatalf("%d breach messages, want 2", len(msgs))
		}
		sup := ce.p.actors[domain.RoleSupervisor].UserID
		before := notificationsOf(t, ce.env, sup, string(domain.ActionDeadlineBreached))
		for _, m := range msgs {
			dispatchOutbox(t, ce.env, m["id"].(string))
		}
		if got := notificationsOf(t, ce.env, sup, string(domain.ActionDeadlineBreached)); got[domain.NotifyInApp]-before[domain.NotifyInApp] != 2 {
			t.Errorf("the supervisor got %v breach notifications, want 2 in-app (one per breach)", got)
		}
		// A late answer keeps the clock BREACHED and records when it came.
		ce.now = ce.now.Add(time.Hour)
		must(cs.Respond(ce.p.ctx(domain.RoleInstitutionAgent), c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation,
			Explanation: "经核查，催收记录符合规定，已向客户解释。"}, 0)).of(t)
		d := only(t, ce.deadlines(t, domain.RoleInstitutionAgent, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineBreached)
		if d.MetAt.IsZero() {
			t.Error("the late answer is not recorded on the breached clock")
		}
	})
}

func anyInts(v any) []int64 {
	switch x := v.(type) {
	case []int64:
		return x
	case []any:
		out := make([]int64, len(x))
		for i, n := range x {
			f, _ := n.(float64)
			out[i] = int64(f)
		}
		return out
	}
	return nil
}

// dispatchOutbox runs the notification dispatch of one outbox message, as the worker would.
func dispatchOutbox(t *testing.T, env *apptest.Env, id string) {
	t.Helper()
	var row struct {
		Topic   string
		Payload []byte
	}
	if err := env.App.DB.Gorm.Raw("SELECT topic, payload FROM outbox WHERE id = ?", id).Scan(&row).Error; err != nil {
		t.Fatal(err)
	}
	var payload map[string]any
	if err := json.Unmarshal(row.Payload, &payload); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Notifications.Dispatch(context.Background(), domain.Message{ID: id, Topic: row.Topic, Payload: payload}); err != nil {
		t.Fatalf("dispatch %s: %v", id, err)
	}
}

// notificationsOf counts a user's notifications of a kind per channel.
func notificationsOf(t *testing.T, env *apptest.Env, userID int64, kind string) map[domain.NotificationChannel]int {
	t.Helper()
	var rows []struct {
		Channel string
		N       int
	}
	if err := env.App.DB.Gorm.Raw("SELECT channel, count(*) AS n FROM notifications WHERE recipient_id = ? AND kind = ? GROUP BY channel", userID, kind).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[domain.NotificationChannel]int{}
	for _, r := range rows {
		out[domain.NotificationChannel(r.Channel)] = r.N
	}
	return out
}

// TestNoAppraisalPauseAfterTheDeadline: time waited for an outside appraisal is kept off a running
// answer clock; once the deadline has passed the answer is late and the clock cannot be paused —
// before the sweep marks the clock breached and after. The refusal is CONFLICT on id with the due
// day, nothing is recorded, and availableActions stops offering the pause.
func TestNoAppraisalPauseAfterTheDeadline(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	ce.at("2026-06-01 10:00")
	c := ce.file(t)
	c = must(cs.Forward(ce.p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	agent := ce.p.ctx(domain.RoleInstitutionAgent)
	offered := func() bool {
		t.Helper()
		d := ce.env.MustDo(t, ce.p.tokens[domain.RoleInstitutionAgent], `query($id: ID!) { complaint(id: $id) { availableActions } }`, map[string]any{"id": c.ID})
		return slices.Contains(anyStrings(d["complaint"].(map[string]any)["availableActions"]), string(domain.ActionStartAppraisal))
	}
	if !offered() {
		t.Fatal("a running answer clock: the pause for an appraisal is not offered")
	}
	due := only(t, ce.deadlines(t, domain.RoleInstitutionAgent, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen).DueAt
	refused := func(when string) {
		t.Helper()
		before := len(must(cs.History(agent, c.ID)).of(t))
		_, err := cs.StartAppraisal(agent, c.ID, "委托司法鉴定机构鉴定通话录音", 0)
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.CodeConflict || de.Field != "id" || !strings.Contains(de.MessageZH, "届满") ||
			!strings.Contains(de.Message, due.In(shanghai).Format("2006-01-02")) {
			t.Errorf("%s: StartAppraisal = %v, want CONFLICT on id naming the due day", when, err)
		}
		if after := len(must(cs.History(agent, c.ID)).of(t)); after != before {
			t.Errorf("%s: the refused pause wrote %d history entries", when, after-before)
		}
		if d := ce.deadlines(t, domain.RoleInstitutionAgent, c.ID)[0]; d.Paused() {
			t.Errorf("%s: the clock was paused: %+v", when, d)
		}
		if offered() {
			t.Errorf("%s: availableActions still offers the pause", when)
		}
	}
	ce.now = due.Add(time.Minute)
	refused("past due, not yet swept")
	if _, err := ce.env.App.Deadlines.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	only(t, ce.deadlines(t, domain.RoleInstitutionAgent, c.ID), domain.DeadlineInstitutionResponse, domain.DeadlineBreached)
	refused("breached")
}
