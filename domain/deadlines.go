package domain

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// This file wires the clocks of complaint handling into the lifecycle. domain/deadline counts
// (calendars, policies, pauses, extensions); here the lifecycle decides when a clock starts,
// pauses, resumes, is extended, met or cancelled — in the same transaction as the change that
// causes it — and the DeadlineWatch, run by the workers, reminds the parties before a clock is due
// and records the breach when it passes. docs/DEADLINES.md describes the whole.

// DeadlineKind names what a clock of a complaint waits for.
type DeadlineKind string

// The kinds of clock the lifecycle runs (domain/deadline's Kind values).
const (
	// DeadlineAcceptance: the regulator decides to forward, reject or refer within 7 working days
	// of filing (消费者权益保护法 art. 46).
	DeadlineAcceptance DeadlineKind = "ACCEPTANCE"
	// DeadlineInstitutionResponse: each institution a complaint was forwarded to answers within 15
	// days, 30 or 60 when extended.
	DeadlineInstitutionResponse DeadlineKind = "INSTITUTION_RESPONSE"
	// DeadlineFeedback: the complainant accepts or disputes the answer within the feedback window.
	DeadlineFeedback DeadlineKind = "FEEDBACK"
)

// DeadlineState is where a stored clock stands.
type DeadlineState string

// The deadline states.
const (
	DeadlineOpen      DeadlineState = "OPEN"      // running or paused
	DeadlineMet       DeadlineState = "MET"       // the awaited step happened in time
	DeadlineBreached  DeadlineState = "BREACHED"  // the due instant passed first (a late step keeps it BREACHED)
	DeadlineCancelled DeadlineState = "CANCELLED" // the complaint no longer waits for the step
)

// PauseReason says why a clock is stopped (domain/deadline's PauseReason values).
type PauseReason string

// The pause reasons.
const (
	PauseWaitingForComplainant PauseReason = "WAITING_FOR_COMPLAINANT"
	PauseOutsideAppraisal      PauseReason = "OUTSIDE_APPRAISAL"
)

// Actions the platform records about deadlines, and the two operations on outside appraisal.
const (
	// ActionDeadlineBreached: a clock passed its due instant with the step not done.
	ActionDeadlineBreached Action = "DEADLINE_BREACHED"
	// ActionDeadlineReminder: a party is reminded that a clock is due soon (outbox only, no history).
	ActionDeadlineReminder Action = "DEADLINE_REMINDER"
	// ActionStartAppraisal: the institution waits for an outside appraisal; its clock stops.
	ActionStartAppraisal Action = "APPRAISAL_STARTED"
	// ActionEndAppraisal: the appraisal is back; the institution's clock runs again.
	ActionEndAppraisal Action = "APPRAISAL_ENDED"
)

// TopicDeadlineScheduled is the outbox topic of a clock whose due instant was set (started,
// resumed, extended): the relay turns it into the clock's check and reminder tasks.
const TopicDeadlineScheduled = "deadline.scheduled"

// Deadline is one stored clock of a complaint.
type Deadline struct {
	ID            string
	ComplaintID   string
	Kind          DeadlineKind
	InstitutionID int64 // the institution that must answer (INSTITUTION_RESPONSE), else 0
	Jurisdiction  string
	Unit          string // WORKING_DAYS or CALENDAR_DAYS
	Stage         string // STANDARD, EXTENDED, SENIOR_EXTENDED ...
	State         DeadlineState
	StartedAt     time.Time
	DueAt         time.Time // the current due instant; while paused, the one before the pause
	DueSetAt      time.Time // when DueAt was last set; reminders timed before it are not sent
	PausedAt      time.Time // zero unless paused
	PauseReason   PauseReason
	PausedDays    int             // days, in the clock's unit, that closed pauses moved the due day
	RemindersSent []time.Duration // offsets before DueAt already reminded of
	MetAt         time.Time
	BreachedAt    time.Time
	CancelledAt   time.Time
	// Provisional: counting reached a year the calendar has no holiday data for yet, which was
	// counted as weekends only; the next change recounts it once the data is added.
	Provisional bool
	// Record is the clock's own record (domain/deadline.Record as JSON), replayed by the DeadlineClock.
	Record    []byte
	UpdatedAt time.Time
}

// Paused reports whether the clock is stopped.
func (d *Deadline) Paused() bool { return !d.PausedAt.IsZero() }

// Running reports whether the clock is open and not paused.
func (d *Deadline) Running() bool { return d.State == DeadlineOpen && !d.Paused() }

// DeadlineClock is the deadline arithmetic: domain/deadline's calendars and policies. Every method
// replays d.Record, applies the change under the policy the clock was started with, and writes the
// record and the derived fields (Unit, Stage, DueAt, PausedAt, PauseReason, PausedDays) back; a
// refused change leaves d as it was.
type DeadlineClock interface {
	// Start starts a clock of d.Kind in d.Jurisdiction at the instant at.
	Start(d *Deadline, at time.Time) error
	Pause(d *Deadline, at time.Time, reason PauseReason, by, note string) error
	Resume(d *Deadline, at time.Time) error
	// Extend moves the clock to the stage that is days long, approved by someone in role.
	Extend(d *Deadline, at time.Time, days int, by string, role Role, reason string) error
	Meet(d *Deadline, at time.Time) error
	// Stages returns the clock's stages, first to last, under the policy edition it was started
	// with: the casework's days come from there (an edition published later does not change them).
	Stages(d *Deadline) ([]DeadlineStage, error)
}

// DeadlineStage is one length of a clock: the first applies at start, an extension moves the clock
// to the next one.
type DeadlineStage struct {
	Name string
	Days int
	// ApproverRoles may grant the extension to this stage; none, or the platform (system), grants
	// it at once on the institution's request.
	ApproverRoles []string
	// Until is the due instant the answer clock would have once extended to this stage, counted on
	// its calendar as Extend counts it (NextExtension only; zero when it cannot be counted, e.g. a
	// complaint forwarded before clocks were stored).
	Until time.Time
}

// grantedOnRequest reports whether an extension to the stage needs no supervisor's decision.
func (s DeadlineStage) grantedOnRequest() bool {
	return len(s.ApproverRoles) == 0 || slices.Contains(s.ApproverRoles, string(RoleSystem))
}

// Clocks holds what the lifecycle needs to run deadlines.
type Clocks struct {
	Clock DeadlineClock
	// Jurisdiction whose calendar and policy count the clocks of a complaint that names none; ""
	// means CN.
	Jurisdiction string
	// Reminders are the offsets before a clock's due instant at which its party is reminded.
	Reminders []time.Duration
	// MaxAppraisalDays is the longest one pause for an outside appraisal may stop an institution's
	// answer clock, in days of 24 hours (REDLINE_MAX_APPRAISAL_DAYS); 0 means
	// DefaultMaxAppraisalDays. The deadline sweep ends a longer pause at that instant.
	MaxAppraisalDays int
}

// DefaultMaxAppraisalDays is the longest pause for an outside appraisal when none is configured.
// The regulations say only that time waiting for an appraisal does not count (银行保险机构消费投诉
// 处理管理办法) and set no limit; without one a single startAppraisal held the answer off for good
// (a paused clock is never overdue). 60 days is the longest the answer itself may be extended to
// with senior approval: an appraisal may not hold the complainant longer than that (attack round 30).
const DefaultMaxAppraisalDays = 60

// maxAppraisalPause is how long one appraisal pause may last.
func (k *Clocks) maxAppraisalPause() time.Duration {
	n := 0
	if k != nil {
		n = k.MaxAppraisalDays
	}
	if n <= 0 {
		n = DefaultMaxAppraisalDays
	}
	return time.Duration(n) * 24 * time.Hour
}

// DefaultReminders are the reminder offsets when none are configured: 3 days and 1 day before due.
var DefaultReminders = []time.Duration{72 * time.Hour, 24 * time.Hour}

func (k *Clocks) jurisdiction() string {
	if k.Jurisdiction == "" {
		return "CN"
	}
	return k.Jurisdiction
}

func (k *Clocks) reminders() []time.Duration {
	if k.Reminders == nil {
		return DefaultReminders
	}
	return k.Reminders
}

// deadlineWork collects what a change does to a complaint's clocks: the messages that schedule the
// checks and reminders, and a summary for the history event.
type deadlineWork struct {
	clocks  *Clocks
	newID   func() string
	now     time.Time
	c       *Complaint
	msgs    []Message
	summary []string
}

func (s *Complaints) deadlineWork(c *Complaint, now time.Time) *deadlineWork {
	return &deadlineWork{clocks: s.Clocks, newID: s.NewID, now: now, c: c}
}

func (w *deadlineWork) note(d *Deadline, what string) {
	s := string(d.Kind) + ":" + what
	if d.InstitutionID != 0 {
		s += ":" + fmt.Sprint(d.InstitutionID)
	}
	w.summary = append(w.summary, s)
}

// open returns the open clocks of a kind (of one institution when inst is not 0).
func (w *deadlineWork) open(kind DeadlineKind, inst int64) []*Deadline {
	var out []*Deadline
	for i := range w.c.Deadlines {
		d := &w.c.Deadlines[i]
		if d.Kind == kind && d.State == DeadlineOpen && (inst == 0 || d.InstitutionID == inst) {
			out = append(out, d)
		}
	}
	return out
}

// scheduled writes the message that (re)schedules a running clock's check and reminders.
func (w *deadlineWork) scheduled(d *Deadline) {
	d.DueSetAt, d.RemindersSent = w.now, nil
	var rs []any
	for _, off := range w.clocks.reminders() {
		if at := d.DueAt.Add(-off); at.After(w.now) {
			rs = append(rs, map[string]any{"offsetSeconds": int64(off / time.Second), "at": at.UTC().Format(time.RFC3339)})
		}
	}
	w.msgs = append(w.msgs, Message{ID: w.newID(), Topic: TopicDeadlineScheduled, Payload: map[string]any{
		"deadlineId": d.ID, "complaintId": w.c.ID, "kind": string(d.Kind), "dueAt": d.DueAt.UTC().Format(time.RFC3339),
		"reminders": rs}})
}

func (w *deadlineWork) start(kind DeadlineKind, inst int64) error {
	j := w.c.Jurisdiction // the complaint's jurisdiction counts its clocks
	if j == "" {
		j = w.clocks.jurisdiction()
	}
	d := Deadline{ID: w.newID(), ComplaintID: w.c.ID, Kind: kind, InstitutionID: inst, Jurisdiction: j, State: DeadlineOpen}
	if err := w.clocks.Clock.Start(&d, w.now); err != nil {
		return fmt.Errorf("deadline: start %s: %w", kind, err)
	}
	if kind == DeadlineInstitutionResponse { // the days the institution has, from the clock's policy
		st, err := w.clocks.Clock.Stages(&d)
		if err != nil {
			return err
		}
		w.c.ResponseDays = st[0].Days
	}
	w.c.Deadlines = append(w.c.Deadlines, d)
	dp := &w.c.Deadlines[len(w.c.Deadlines)-1]
	w.scheduled(dp)
	w.note(dp, "STARTED")
	return nil
}

// pause stops the running clocks of a kind. A clock already past due is left to the breach check:
// a pause cannot rescue a missed deadline.
func (w *deadlineWork) pause(kind DeadlineKind, inst int64, reason PauseReason, by, note string) error {
	for _, d := range w.open(kind, inst) {
		if d.Paused() || w.now.After(d.DueAt) {
			continue
		}
		if err := w.clocks.Clock.Pause(d, w.now, reason, by, note); err != nil {
			return err
		}
		w.note(d, "PAUSED")
	}
	return nil
}

func (w *deadlineWork) resume(kind DeadlineKind, inst int64) (int, error) {
	n := 0
	for _, d := range w.open(kind, inst) {
		if !d.Paused() {
			continue
		}
		if err := w.clocks.Clock.Resume(d, w.now); err != nil {
			return n, err
		}
		w.scheduled(d)
		w.note(d, "RESUMED")
		n++
	}
	return n, nil
}

// meet records the awaited step on the open clocks of a kind; a breached clock keeps its state
// and records when the late step came.
func (w *deadlineWork) meet(kind DeadlineKind, inst int64) error {
	for i := range w.c.Deadlines {
		d := &w.c.Deadlines[i]
		if d.Kind != kind || (inst != 0 && d.InstitutionID != inst) || !d.MetAt.IsZero() {
			continue
		}
		switch d.State {
		case DeadlineOpen:
			if err := w.clocks.Clock.Meet(d, w.now); err != nil {
				return err
			}
			d.State, d.MetAt = DeadlineMet, w.now
			if w.now.After(d.DueAt) { // late, and the breach check has not run yet
				d.State, d.BreachedAt = DeadlineBreached, w.now
				if d.Kind == DeadlineInstitutionResponse {
					w.c.Untimely = true
				}
			}
			w.note(d, string(d.State))
		case DeadlineBreached:
			if err := w.clocks.Clock.Meet(d, w.now); err != nil {
				return err
			}
			d.MetAt = w.now
			w.note(d, "MET_LATE")
		}
	}
	return nil
}

func (w *deadlineWork) cancel(kind DeadlineKind) {
	for _, d := range w.open(kind, 0) {
		d.State, d.CancelledAt = DeadlineCancelled, w.now
		d.PausedAt, d.PauseReason = time.Time{}, ""
		w.note(d, "CANCELLED")
	}
}

// extend moves the open answer clock of institution inst to the stage of the given length; inst 0
// (an extension recorded before extensions named their institution) moves every open answer clock.
func (w *deadlineWork) extend(days int, inst int64, by string, role Role, reason string) error {
	for _, d := range w.open(DeadlineInstitutionResponse, inst) {
		if err := w.clocks.Clock.Extend(d, w.now, days, by, role, reason); err != nil {
			return err
		}
		if !d.Paused() {
			w.scheduled(d)
		}
		w.note(d, "EXTENDED")
	}
	return nil
}

var acceptanceStates = []Status{StatusSubmitted, StatusInTriage, StatusNeedsInformation}

// lifecycle runs the clocks that an action taken by actor a moves: c.Status is already the new
// state. Clocks the new state no longer waits for are cancelled.
func (w *deadlineWork) lifecycle(action Action, a Actor, reason string) error {
	c, by := w.c, actorName(a)
	var err error
	switch action {
	case ActionStartAppraisal:
		err = w.pause(DeadlineInstitutionResponse, a.InstitutionID, PauseOutsideAppraisal, by, reason)
	case ActionEndAppraisal:
		_, err = w.resume(DeadlineInstitutionResponse, a.InstitutionID)
	case ActionRequestInformation:
		err = w.pause(DeadlineAcceptance, 0, PauseWaitingForComplainant, by, "") // the question is personal data, kept encrypted on its own
	case ActionProvideInformation:
		_, err = w.resume(DeadlineAcceptance, 0)
	case ActionForward:
		if err = w.meet(DeadlineAcceptance, 0); err == nil {
			for _, inst := range c.Recipients {
				if err = w.start(DeadlineInstitutionResponse, inst); err != nil {
					break
				}
			}
		}
	case ActionReject, ActionRefer:
		err = w.meet(DeadlineAcceptance, 0)
	case ActionRespond:
		if err = w.meet(DeadlineInstitutionResponse, a.InstitutionID); err == nil && c.Status == StatusResponded {
			err = w.start(DeadlineFeedback, 0)
		}
	case ActionAccept, ActionDispute:
		err = w.meet(DeadlineFeedback, 0)
	case ActionReopen: // new facts restart the acceptance clock
		err = w.start(DeadlineAcceptance, 0)
	}
	if err != nil {
		return err
	}
	if !slices.Contains(acceptanceStates, c.Status) {
		w.cancel(DeadlineAcceptance)
	}
	if c.Status != StatusForwarded {
		w.cancel(DeadlineInstitutionResponse)
	}
	if c.Status != StatusResponded {
		w.cancel(DeadlineFeedback)
	}
	return nil
}

// nextStage returns the length of the current stage of the complaint's open institution clock (of
// inst, or the first open one when inst is 0), the stage an extension moves it to, and the stages
// after that. A complaint forwarded
// before clocks were stored has none: the policy edition in force at its forward gives its stages,
// its ResponseDays the current one.
func (k *Clocks) nextStage(c *Complaint, inst int64) (cur int, next DeadlineStage, later []DeadlineStage, err error) {
	noneOpen := &Error{Code: CodeConflict, Field: "days", Message: "no answer deadline of this complaint is running", MessageZH: "该投诉没有正在计算的答复期限"}
	if k == nil {
		return 0, DeadlineStage{}, nil, noneOpen
	}
	var clock *Deadline
	for i := range c.Deadlines {
		d := &c.Deadlines[i]
		if d.Kind != DeadlineInstitutionResponse || (inst != 0 && d.InstitutionID != inst) {
			continue
		}
		if clock = d; d.State == DeadlineOpen {
			break
		}
	}
	var at int
	var st []DeadlineStage
	switch {
	case clock != nil && clock.State != DeadlineOpen:
		return 0, DeadlineStage{}, nil, noneOpen
	case clock != nil:
		if st, err = k.Clock.Stages(clock); err != nil {
			return 0, DeadlineStage{}, nil, err
		}
		at = slices.IndexFunc(st, func(s DeadlineStage) bool { return s.Name == clock.Stage })
	default: // forwarded before clocks were stored
		j := c.Jurisdiction
		if j == "" {
			j = k.jurisdiction()
		}
		d := Deadline{Kind: DeadlineInstitutionResponse, Jurisdiction: j}
		if err = k.Clock.Start(&d, c.ForwardedAt); err != nil {
			return 0, DeadlineStage{}, nil, err
		}
		if st, err = k.Clock.Stages(&d); err != nil {
			return 0, DeadlineStage{}, nil, err
		}
		at = max(0, slices.IndexFunc(st, func(s DeadlineStage) bool { return s.Days == c.ResponseDays }))
	}
	if at+1 >= len(st) {
		return st[at].Days, DeadlineStage{}, nil, Invalid("days", "the answer deadline is at its longest ("+itoa(st[len(st)-1].Days)+" days) and cannot be extended further", "答复期限已延长至上限（"+itoa(st[len(st)-1].Days)+"天），不能再延长")
	}
	return st[at].Days, st[at+1], st[at+2:], nil
}

func actorName(a Actor) string { return fmt.Sprintf("%s:%d", a.Role, a.UserID) }

// finish keeps the complaint's due date in step with its institution clocks (the DUE_DATE order
// and the overdue filter read it) and adds the messages and the summary to the change.
func (w *deadlineWork) finish(ev *Event, ch *Change) {
	syncDueAt(w.c)
	ch.Messages = append(ch.Messages, w.msgs...)
	if len(w.summary) > 0 && ev != nil {
		ev.Details["deadlines"] = w.summary
	}
}

// syncDueAt sets the complaint's DueAt to the earliest due instant of its running institution
// clocks; zero while every open one is paused (a paused clock is never overdue); unchanged when none
// is open, so that an answered complaint keeps the date it was due.
func syncDueAt(c *Complaint) {
	var due time.Time
	open := false
	for _, d := range c.Deadlines {
		if d.Kind != DeadlineInstitutionResponse || d.State != DeadlineOpen {
			continue
		}
		open = true
		if !d.Paused() && (due.IsZero() || d.DueAt.Before(due)) {
			due = d.DueAt
		}
	}
	if open {
		c.DueAt = due
	}
}

// institutionDeadline returns the latest institution clock of inst, if any.
func (c *Complaint) institutionDeadline(inst int64) *Deadline {
	for i := len(c.Deadlines) - 1; i >= 0; i-- {
		if d := &c.Deadlines[i]; d.Kind == DeadlineInstitutionResponse && d.InstitutionID == inst {
			return d
		}
	}
	return nil
}

// answeredBy reports whether institution inst has given its final answer to the current
// forwarding: its latest clock records the answer (met, or met late after a breach).
func (c *Complaint) answeredBy(inst int64) bool {
	d := c.institutionDeadline(inst)
	return d != nil && !d.MetAt.IsZero() && !d.MetAt.Before(c.ForwardedAt)
}

// awaitedAnswers returns the recipients other than inst whose final answer is still awaited: their
// clock of the current forwarding is open or breached, not yet met. A recipient without a clock
// (forwarded before clocks were stored) or with a cancelled one is not waited for.
func (c *Complaint) awaitedAnswers(inst int64) []int64 {
	var out []int64
	for _, r := range c.Recipients {
		if r == inst {
			continue
		}
		d := c.institutionDeadline(r)
		if d == nil || d.StartedAt.Before(c.ForwardedAt) || !d.MetAt.IsZero() {
			continue
		}
		if d.State == DeadlineOpen || d.State == DeadlineBreached {
			out = append(out, r)
		}
	}
	return out
}

// latest returns the most recent clock of a kind, if any.
func (c *Complaint) latest(kind DeadlineKind) *Deadline {
	for i := len(c.Deadlines) - 1; i >= 0; i-- {
		if c.Deadlines[i].Kind == kind {
			return &c.Deadlines[i]
		}
	}
	return nil
}

// Deadlines returns the clocks of a complaint the actor may see: the complainant and the
// regulator's staff see every clock; an institution sees only its own answer's clock.
func (s *Complaints) Deadlines(ctx context.Context, id string) ([]Deadline, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	ds, err := s.Store.ComplaintDeadlines(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return deadlinesFor(ActorFrom(ctx), ds), nil
}

// deadlinesFor keeps the clocks the actor may see: an institution sees its own answer's clock only.
func deadlinesFor(a Actor, ds []Deadline) []Deadline {
	if !a.Role.IsInstitution() {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Kind == DeadlineInstitutionResponse && d.InstitutionID == a.InstitutionID {
			out = append(out, d)
		}
	}
	return out
}

// DeadlinesOf is Deadlines for several complaints the actor was shown, in one read, by complaint id.
func (s *Complaints) DeadlinesOf(ctx context.Context, cs []*Complaint) (map[string][]Deadline, error) {
	a, ids, err := s.shown(ctx, cs)
	if err != nil {
		return nil, err
	}
	byID, err := s.Store.DeadlinesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, ds := range byID {
		byID[id] = deadlinesFor(a, ds)
	}
	return byID, nil
}

// StartAppraisal stops the calling institution's clock while an outside appraisal (鉴定, 评估) is
// awaited: that time does not count (银行保险机构消费投诉处理管理办法). The note says which
// appraisal; the complainant is told.
func (s *Complaints) StartAppraisal(ctx context.Context, id, note string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionStartAppraisal)
	if err != nil {
		return nil, err
	}
	if note, err = s.freeText("note", note, true); err != nil {
		return nil, err
	}
	now := s.Now()
	return s.take(ctx, a, now, step{action: ActionStartAppraisal, id: id, expectedVersion: expectedVersion, reason: note,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			if d := c.institutionDeadline(a.InstitutionID); d != nil && d.State == DeadlineOpen && d.Paused() {
				return &Error{Code: CodeConflict, Field: "id", Message: "the clock is already paused since " + d.PausedAt.UTC().Format(time.RFC3339),
					MessageZH: "答复期限已暂停计算"}
			}
			if d := c.institutionDeadline(a.InstitutionID); d != nil && d.appraisals() >= MaxAppraisals {
				return &Error{Code: CodeConflict, Field: "id", Reason: "APPRAISAL_LIMIT",
					Message:   fmt.Sprintf("your answer's clock was already stopped for an outside appraisal %d times, the most it may be; ask for an extension if you need more time", MaxAppraisals),
					MessageZH: fmt.Sprintf("答复期限已因外部鉴定暂停%d次，已达上限；如需更多时间，请申请延期", MaxAppraisals)}
			}
			if due, late := c.answerDuePassed(a.InstitutionID, now); late {
				day := due.In(chinaTime).Format("2006-01-02")
				return &Error{Code: CodeConflict, Field: "id",
					Message:   "the answer was due on " + day + ": once the deadline has passed the clock can no longer be paused for an appraisal; answer as soon as you can",
					MessageZH: "答复期限已于" + day + "届满，期限届满后不能再因外部鉴定暂停计时，请尽快答复"}
			}
			ev.Details["institutionId"] = a.InstitutionID
			return nil
		}})
}

// MaxAppraisals is how many times an institution may stop one answer clock for an outside
// appraisal. Each start and end is told to the complainant and written to the history, and the
// clock's record (replayed on every read) keeps each pause: without a bound the collector's side
// could flood the borrower with the platform's messages by starting and ending appraisals (round 29).
const MaxAppraisals = 3

// appraisals counts the clock's pauses for an outside appraisal, from its record.
func (d *Deadline) appraisals() int {
	var rec struct {
		Pauses []struct {
			Reason PauseReason `json:"reason"`
		} `json:"pauses"`
	}
	if json.Unmarshal(d.Record, &rec) != nil {
		return 0
	}
	n := 0
	for _, p := range rec.Pauses {
		if p.Reason == PauseOutsideAppraisal {
			n++
		}
	}
	return n
}

// answerDuePassed reports whether institution inst's answer deadline has passed at now, and when it
// was due: its clock breached, or running past its due instant (the sweep has not yet marked it),
// or, forwarded before clocks were stored, the complaint's own due date behind it. A paused clock
// has not passed. Time waited for an appraisal is kept off the clock only while the clock runs
// (银行保险机构消费投诉处理管理办法: the appraisal's time does not count towards the period); once
// the period is over the answer is late, and a pause would only hide it.
func (c *Complaint) answerDuePassed(inst int64, now time.Time) (time.Time, bool) {
	d := c.institutionDeadline(inst)
	switch {
	case d == nil:
		return c.DueAt, !c.DueAt.IsZero() && !now.Before(c.DueAt)
	case d.State == DeadlineBreached && d.MetAt.IsZero():
		return d.DueAt, true
	case d.State == DeadlineOpen && !d.Paused():
		return d.DueAt, !now.Before(d.DueAt)
	}
	return d.DueAt, false
}

// EndAppraisal restarts the calling institution's clock when the outside appraisal is back; the
// due date moves later by the days it was stopped.
func (s *Complaints) EndAppraisal(ctx context.Context, id string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionEndAppraisal)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	return s.take(ctx, a, now, step{action: ActionEndAppraisal, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			// A complaint forwarded before clocks were stored has none to restart.
			if d := c.institutionDeadline(a.InstitutionID); d != nil && d.State == DeadlineOpen && d.PauseReason != PauseOutsideAppraisal {
				return &Error{Code: CodeConflict, Field: "id", Message: "the clock is not paused for an outside appraisal",
					MessageZH: "答复期限未因外部鉴定暂停"}
			}
			ev.Details["institutionId"] = a.InstitutionID
			return nil
		}})
}

// ReplayClocks runs, on c, the clocks that an action taken by a at the instant at would have
// moved: filing starts the acceptance clock, the other actions as the lifecycle runs them. It is
// for history written straight to storage (the demo data), so that such complaints carry the
// clocks their state implies, counted on the business calendar; the messages that schedule
// reminders are not written (the deadline sweep finds open clocks by their due instant).
func (s *Complaints) ReplayClocks(c *Complaint, action Action, a Actor, at time.Time) error {
	if s.Clocks == nil {
		return nil
	}
	w := s.deadlineWork(c, at)
	var err error
	if action == ActionFile {
		err = w.start(DeadlineAcceptance, 0)
	} else {
		err = w.lifecycle(action, a, "")
	}
	if err != nil {
		return err
	}
	syncDueAt(c)
	return nil
}

// awaitedKinds is the clock each state waits for; the lifecycle cancels the others when it leaves
// the state.
var awaitedKinds = map[Status]DeadlineKind{
	StatusSubmitted: DeadlineAcceptance, StatusInTriage: DeadlineAcceptance, StatusNeedsInformation: DeadlineAcceptance,
	StatusForwarded: DeadlineInstitutionResponse, StatusResponded: DeadlineFeedback,
}

// ComplainantClocks are the clocks only the complainant can meet (the feedback window): a lapsed
// one asks nothing of the regulator's staff or of an institution, so the overdue and due-soon
// filters and counts (ComplaintFilter.Overdue, DueWithinDays, TeamLoad) leave them out, while
// AwaitedClock still reports them for the queue rows and the DUE_DATE order (docs/DEADLINES.md,
// "session 14 (overdue)").
var ComplainantClocks = []DeadlineKind{DeadlineFeedback}

// AwaitedClock returns the clock the complaint's state waits for that is due first, and its due
// instant: acceptance while the regulator decides, each recipient's answer while forwarded (an
// extension moves it), the complainant's feedback once answered. Only the clocks of the latest
// start of that kind count (the current forwarding, the latest reopening), running or past due and
// still awaited (BREACHED without the late step); a paused clock is never overdue, so a complaint
// whose awaited clocks are all paused awaits none (zero time). A complaint forwarded before clocks
// were stored has only its DueAt. The store keeps it on the complaint row (awaited_due_at,
// awaited_kind) for the overdue and due-soon filters and counts; migration 00042's
// redline_awaited_clock computes the same from the stored clocks.
func (c *Complaint) AwaitedClock() (DeadlineKind, time.Time) {
	kind, ok := awaitedKinds[c.Status]
	if !ok {
		return "", time.Time{}
	}
	var latest time.Time
	found := false
	for _, d := range c.Deadlines {
		if d.Kind == kind {
			found = true
			if d.StartedAt.After(latest) {
				latest = d.StartedAt
			}
		}
	}
	if !found {
		if kind == DeadlineInstitutionResponse && !c.DueAt.IsZero() {
			return kind, c.DueAt
		}
		return "", time.Time{}
	}
	var due time.Time
	for _, d := range c.Deadlines {
		if d.Kind != kind || !d.StartedAt.Equal(latest) {
			continue
		}
		if d.Running() || (d.State == DeadlineBreached && d.MetAt.IsZero()) {
			if due.IsZero() || d.DueAt.Before(due) {
				due = d.DueAt
			}
		}
	}
	if due.IsZero() {
		return "", time.Time{}
	}
	return kind, due
}

// NextExtension is the extension the signed-in institution may ask for now: the next stage of its
// answer clock under the policy edition the clock started with (CN: 30 days granted at once, then
// 60 with a supervisor's approval), or nil when it may ask for none — ExtensionOffer, whose second
// answer says why. c.Deadlines must hold the institution's clocks. RequestExtension applies the
// same rule (extensionRule) when asked.
func (s *Complaints) NextExtension(ctx context.Context, c *Complaint) *DeadlineStage {
	next, _ := s.ExtensionOffer(ctx, c, nil)
	return next
}

// approvedDue is the due instant the open answer clock of inst would have once the extension it
// asked for (the next stage of its clock) is approved now; zero when it cannot be counted.
func (k *Clocks) approvedDue(c *Complaint, inst int64, now time.Time) time.Time {
	_, next, _, err := k.nextStage(c, inst)
	if err != nil {
		return time.Time{}
	}
	return k.extendedDue(c, inst, next, now)
}

// extendedDue is the due instant the open answer clock of inst would have once extended to the
// stage: the extension counted on a copy of the clock (d.Record is replayed, never changed in
// place), zero when there is no such clock or the extension cannot be counted.
func (k *Clocks) extendedDue(c *Complaint, inst int64, to DeadlineStage, now time.Time) time.Time {
	for _, d := range c.Deadlines {
		if d.Kind != DeadlineInstitutionResponse || d.InstitutionID != inst || d.State != DeadlineOpen {
			continue
		}
		role := RoleSystem
		if !to.grantedOnRequest() {
			role = Role(to.ApproverRoles[0])
		}
		if err := k.Clock.Extend(&d, now, to.Days, "preview", role, ""); err != nil {
			return time.Time{}
		}
		return d.DueAt
	}
	return time.Time{}
}

// NeedsApproval reports whether an extension to the stage waits for a supervisor's decision.
func (s DeadlineStage) NeedsApproval() bool { return !s.grantedOnRequest() }
