// Package deadline holds the clocks of complaint handling: business calendars per jurisdiction
// (holidays and make-up working days as embedded data), versioned deadline policies (also data), and
// the Deadline model that counts, pauses, extends and reports a clock. It is pure: no storage, no
// queue; the workers persist a Deadline's Record and schedule its ReminderTimes. docs/DEADLINES.md
// gives the rules and the exact semantics.
package deadline

import (
	"fmt"
	"slices"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Status is where a deadline stands at an instant.
type Status string

// The statuses, in the order Status checks them.
const (
	// StatusMet: the step the clock waits for happened (in time or late: see MetOnTime).
	StatusMet Status = "MET"
	// StatusPaused: the clock is stopped (see Pause).
	StatusPaused Status = "PAUSED"
	// StatusOverdue: the due instant has passed and the step has not happened.
	StatusOverdue Status = "OVERDUE"
	// StatusDueSoon: the clock runs and the due day is within the policy's dueSoonDays.
	StatusDueSoon Status = "DUE_SOON"
	// StatusRunning: the clock runs and the due day is further away.
	StatusRunning Status = "RUNNING"
)

// Pause is one interval during which a clock was stopped, visible to everyone who sees the deadline:
// who stopped it, why, and since when.
type Pause struct {
	Reason PauseReason `json:"reason"`
	// By is the actor who stopped the clock.
	By string `json:"by"`
	// Note says why, in the actor's words (what was asked of the complainant, which appraisal).
	Note  string    `json:"note,omitempty"`
	Since time.Time `json:"since"`
	// Until is when the clock restarted; zero while it is still stopped.
	Until time.Time `json:"until,omitzero"`
	// Days is how far, in the clock's unit, the pause moved the due day; set when the pause ends.
	Days int `json:"days"`
}

// Open reports whether the clock is still stopped by this pause.
func (p Pause) Open() bool { return p.Until.IsZero() }

func (p Pause) covers(at time.Time) bool {
	return !at.Before(p.Since) && (p.Open() || at.Before(p.Until))
}

// Extension records a move of a clock to a longer stage, and who approved it.
type Extension struct {
	From   Stage     `json:"from"`
	To     Stage     `json:"to"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Role   string    `json:"role"`
	Reason string    `json:"reason,omitempty"`
}

// Approval is who grants an extension, in which role, and why.
type Approval struct {
	By     string
	Role   string
	Reason string
}

// Deadline is one clock of one complaint: when it started, the stage it is at, its pauses and
// extensions, and the due instant that follows from them under its policy and calendar. Build it with
// Start or Restore; change it only through its methods, which refuse what the policy forbids.
type Deadline struct {
	kind       Kind
	policy     *Policy
	clock      *ClockPolicy
	cal        *Calendar
	startedAt  time.Time
	stage      int
	pauses     []Pause
	extensions []Extension
	metAt      time.Time
	last       time.Time // the latest event: operations may not go back before it

	// Derived from the above by compute after every change.
	dueDay      Date
	dueAt       time.Time
	dueSoonFrom time.Time
	reminders   []time.Time
}

// Start starts a clock of the given kind at the given instant (submission, forwarding, answer or
// closing) under a policy and the calendar of the same jurisdiction.
func Start(kind Kind, at time.Time, p *Policy, cal *Calendar) (*Deadline, error) {
	switch {
	case p == nil || cal == nil:
		return nil, domain.Invalid("policy", "a policy and a calendar are required", "缺少时限政策或工作日历")
	case p.Jurisdiction != cal.Jurisdiction():
		return nil, domain.Invalid("calendar", fmt.Sprintf("policy %s is for %s but the calendar is for %s", p.Version, p.Jurisdiction, cal.Jurisdiction()), "时限政策与工作日历的司法辖区不一致")
	case at.IsZero():
		return nil, domain.Invalid("at", "the start time is required", "缺少起算时间")
	}
	clock := p.Clocks[kind]
	if clock == nil {
		return nil, domain.Invalid("kind", fmt.Sprintf("policy %s has no %q clock", p.Version, kind), "未知的时限类型")
	}
	d := &Deadline{kind: kind, policy: p, clock: clock, cal: cal, startedAt: at, last: at}
	if err := d.compute(); err != nil {
		return nil, err
	}
	return d, nil
}

// compute derives the due day and instant, the start of DUE_SOON and the reminder times. The start
// day is never counted (民法典 art. 201); paused days are added to the stage's length.
func (d *Deadline) compute() error {
	n := d.clock.Stages[d.stage].Days
	for _, p := range d.pauses {
		n += p.Days
	}
	start := d.cal.DateOf(d.startedAt)
	var due Date
	var err error
	if d.clock.Unit == WorkingDays {
		due, err = d.cal.AddWorkingDays(start, n)
	} else {
		due = start.AddDays(n)
		if d.clock.RollToWorkingDay {
			due, err = d.cal.NextWorkingDay(due)
		}
	}
	if err != nil {
		return fmt.Errorf("deadline: %s due day: %w", d.kind, err)
	}
	dueAt := d.cal.EndOfDay(due)
	soon, err := d.daysBefore(due, d.clock.DueSoonDays)
	if err != nil {
		return fmt.Errorf("deadline: %s due-soon day: %w", d.kind, err)
	}
	var reminders []time.Time
	for _, k := range d.clock.RemindDaysBefore {
		day, err := d.daysBefore(due, k)
		if err != nil {
			return fmt.Errorf("deadline: %s reminder: %w", d.kind, err)
		}
		if t := day.At(d.policy.remindHour, d.policy.remindMinute, 0, d.cal.Location()); t.After(d.startedAt) && t.Before(dueAt) {
			reminders = append(reminders, t)
		}
	}
	slices.SortFunc(reminders, time.Time.Compare)
	d.dueDay, d.dueAt, d.dueSoonFrom, d.reminders = due, dueAt, d.cal.StartOfDay(soon), reminders
	return nil
}

// daysBefore steps n days of the clock's unit back from day.
func (d *Deadline) daysBefore(day Date, n int) (Date, error) {
	if d.clock.Unit == WorkingDays {
		return d.cal.AddWorkingDays(day, -n)
	}
	return day.AddDays(-n), nil
}

// pausedDays counts, in the clock's unit, the days a pause from since to until stopped the clock: the
// days whose start (local midnight) fell inside the pause, and for a working-day clock only the
// working days among them.
func (d *Deadline) pausedDays(since, until time.Time) (int, error) {
	from, to := d.cal.DateOf(since), d.cal.DateOf(until)
	if d.clock.Unit == WorkingDays {
		return d.cal.WorkingDaysBetween(from, to)
	}
	return max(to.DaysSince(from), 0), nil
}

// change applies f to a copy of d and keeps the copy only when its derived times compute, so that a
// refused operation leaves d as it was.
func (d *Deadline) change(at time.Time, f func(n *Deadline) error) error {
	n := *d
	n.pauses = slices.Clone(d.pauses)
	n.extensions = slices.Clone(d.extensions)
	if err := f(&n); err != nil {
		return err
	}
	if err := n.compute(); err != nil {
		return err
	}
	n.last = at
	*d = n
	return nil
}

func (d *Deadline) checkEvent(at time.Time) error {
	switch {
	case at.IsZero():
		return domain.Invalid("at", "the time is required", "缺少时间")
	case at.Before(d.last):
		return domain.Invalid("at", fmt.Sprintf("%s is before the deadline's last change at %s", at.Format(time.RFC3339), d.last.Format(time.RFC3339)), "时间早于该时限的上一次变更")
	case !d.metAt.IsZero():
		return conflict(fmt.Sprintf("the %s deadline was met at %s", d.kind, d.metAt.Format(time.RFC3339)), "该时限已完成")
	}
	return nil
}

func conflict(en, zh string) error {
	return &domain.Error{Code: domain.CodeConflict, Message: en, MessageZH: zh}
}

// Pause stops the clock at the given instant for one of the reasons its policy allows, recording who
// stopped it and why. A clock that is already paused, met or overdue cannot be paused.
func (d *Deadline) Pause(at time.Time, reason PauseReason, by, note string) error {
	if err := d.checkEvent(at); err != nil {
		return err
	}
	if p, ok := d.CurrentPause(); ok {
		return conflict(fmt.Sprintf("the %s deadline is already paused since %s (%s)", d.kind, p.Since.Format(time.RFC3339), p.Reason), "该时限已暂停")
	}
	if !slices.Contains(d.clock.PauseReasons, reason) {
		return domain.Invalid("reason", fmt.Sprintf("the %s deadline cannot be paused for %q", d.kind, reason), "该时限不能因此原因暂停")
	}
	if by == "" {
		return domain.Invalid("by", "who pauses the clock is required", "须注明暂停人")
	}
	if at.After(d.dueAt) {
		return conflict(fmt.Sprintf("the %s deadline passed at %s; an overdue clock cannot be paused", d.kind, d.dueAt.Format(time.RFC3339)), "该时限已逾期，不能暂停")
	}
	return d.change(at, func(n *Deadline) error {
		n.pauses = append(n.pauses, Pause{Reason: reason, By: by, Note: note, Since: at})
		return nil
	})
}

// Resume restarts a paused clock at the given instant and moves the due day later by the paused days
// (see pausedDays).
func (d *Deadline) Resume(at time.Time) error {
	if err := d.checkEvent(at); err != nil {
		return err
	}
	if _, ok := d.CurrentPause(); !ok {
		return conflict(fmt.Sprintf("the %s deadline is not paused", d.kind), "该时限未暂停")
	}
	return d.change(at, d.endPause(at))
}

func (d *Deadline) endPause(at time.Time) func(n *Deadline) error {
	return func(n *Deadline) error {
		p := &n.pauses[len(n.pauses)-1]
		days, err := n.pausedDays(p.Since, at)
		if err != nil {
			return fmt.Errorf("deadline: %s paused days: %w", n.kind, err)
		}
		p.Until, p.Days = at, days
		return nil
	}
}

// Extend moves the clock to the next, longer stage of its policy, approved by someone in a role that
// the stage names. Skipping a stage, extending past the last one, or extending an overdue or met
// clock is refused; a paused clock may be extended.
func (d *Deadline) Extend(at time.Time, to Stage, approval Approval) error {
	if err := d.checkEvent(at); err != nil {
		return err
	}
	sp, i, ok := d.clock.stage(to)
	last := d.clock.Stages[len(d.clock.Stages)-1]
	switch {
	case !ok && d.stage == len(d.clock.Stages)-1:
		return domain.Invalid("stage", fmt.Sprintf("the %s deadline is at its last stage (%s, %d days) and cannot be extended further", d.kind, last.Stage, last.Days), "时限已延长至上限，不能再延长")
	case !ok:
		return domain.Invalid("stage", fmt.Sprintf("the %s deadline has no stage %q", d.kind, to), "未知的延期阶段")
	case i <= d.stage:
		return conflict(fmt.Sprintf("the %s deadline is already at stage %s", d.kind, d.Stage()), "该时限已处于该阶段或更后阶段")
	case i > d.stage+1:
		return conflict(fmt.Sprintf("the %s deadline must be extended to %s before %s", d.kind, d.clock.Stages[d.stage+1].Stage, to), "不能跳过延期审批阶段")
	case approval.By == "":
		return domain.Invalid("approval.by", "who approves the extension is required", "须注明审批人")
	case len(sp.ApproverRoles) > 0 && !slices.Contains(sp.ApproverRoles, approval.Role):
		return &domain.Error{Code: domain.CodeForbidden, Field: "approval.role",
			Message:   fmt.Sprintf("an extension to %s must be approved by a %v, not a %q", to, sp.ApproverRoles, approval.Role),
			MessageZH: "该延期须由有权限的人员审批"}
	case at.After(d.dueAt) && !d.pausedAt(at):
		return conflict(fmt.Sprintf("the %s deadline passed at %s; an overdue clock cannot be extended", d.kind, d.dueAt.Format(time.RFC3339)), "该时限已逾期，不能延期")
	}
	return d.change(at, func(n *Deadline) error {
		n.extensions = append(n.extensions, Extension{From: d.Stage(), To: to, At: at, By: approval.By, Role: approval.Role, Reason: approval.Reason})
		n.stage = i
		return nil
	})
}

// Meet records that the awaited step happened at the given instant (the decision, the answer, the
// feedback); a pause still open ends then. It may be late: see MetOnTime.
func (d *Deadline) Meet(at time.Time) error {
	if err := d.checkEvent(at); err != nil {
		return err
	}
	return d.change(at, func(n *Deadline) error {
		if _, ok := n.CurrentPause(); ok {
			if err := n.endPause(at)(n); err != nil {
				return err
			}
		}
		n.metAt = at
		return nil
	})
}

// Kind returns what the deadline is for.
func (d *Deadline) Kind() Kind { return d.kind }

// Jurisdiction returns the jurisdiction whose policy and calendar count the deadline.
func (d *Deadline) Jurisdiction() string { return d.policy.Jurisdiction }

// PolicyVersion returns the version of the policy the deadline was started under.
func (d *Deadline) PolicyVersion() string { return d.policy.Version }

// Unit returns whether the clock counts working days or calendar days.
func (d *Deadline) Unit() Unit { return d.clock.Unit }

// StartedAt returns when the clock started.
func (d *Deadline) StartedAt() time.Time { return d.startedAt }

// Stage returns the stage the clock is at.
func (d *Deadline) Stage() Stage { return d.clock.Stages[d.stage].Stage }

// StagePolicy returns the policy of the stage the clock is at: its length, approvers and notice.
func (d *Deadline) StagePolicy() StagePolicy { return d.clock.Stages[d.stage] }

// DueDay returns the local day on which the deadline falls.
func (d *Deadline) DueDay() Date { return d.dueDay }

// DueAt returns the due instant, 23:59:59 local time of the due day. While the clock is paused it is
// the due instant before the pause; it moves when the clock resumes.
func (d *Deadline) DueAt() time.Time { return d.dueAt }

// Pauses returns every pause, the open one last.
func (d *Deadline) Pauses() []Pause { return slices.Clone(d.pauses) }

// CurrentPause returns the pause that stops the clock now, if any.
func (d *Deadline) CurrentPause() (Pause, bool) {
	if n := len(d.pauses); n > 0 && d.pauses[n-1].Open() {
		return d.pauses[n-1], true
	}
	return Pause{}, false
}

// Extensions returns every extension granted, in order.
func (d *Deadline) Extensions() []Extension { return slices.Clone(d.extensions) }

// MetAt returns when the awaited step happened, if it has.
func (d *Deadline) MetAt() (time.Time, bool) { return d.metAt, !d.metAt.IsZero() }

// MetOnTime reports whether the step happened by the due instant (false while it has not happened):
// the "timely response" of the statistics.
func (d *Deadline) MetOnTime() bool { return !d.metAt.IsZero() && !d.metAt.After(d.dueAt) }

// Status returns where the deadline stands at the instant at, which is meant to be "now": the due
// instant used is the current one.
func (d *Deadline) Status(at time.Time) Status {
	switch {
	case !d.metAt.IsZero() && !at.Before(d.metAt):
		return StatusMet
	case d.pausedAt(at):
		return StatusPaused
	case at.After(d.dueAt):
		return StatusOverdue
	case !at.Before(d.dueSoonFrom):
		return StatusDueSoon
	}
	return StatusRunning
}

func (d *Deadline) pausedAt(at time.Time) bool {
	return slices.ContainsFunc(d.pauses, func(p Pause) bool { return p.covers(at) })
}

// IsOverdue reports whether at is after the due instant with the step not done and the clock not paused.
func (d *Deadline) IsOverdue(at time.Time) bool { return d.Status(at) == StatusOverdue }

// Remaining returns the time left at the instant at until the due instant, negative once overdue.
// While the clock is paused it stays at what was left when the pause began; once met, it is what was
// left when the step happened.
func (d *Deadline) Remaining(at time.Time) time.Duration {
	if !d.metAt.IsZero() && !at.Before(d.metAt) {
		return d.dueAt.Sub(d.metAt)
	}
	if p, ok := d.CurrentPause(); ok && !at.Before(p.Since) {
		return d.dueAt.Sub(p.Since)
	}
	return d.dueAt.Sub(at)
}

// ReminderTimes returns when to remind about the current due day: at the policy's remindAt local
// time, the policy's offsets before the due day, after the start and before the due instant, in
// order. They change with every pause, resume and extension; a sender checks Status first and stays
// quiet unless it is RUNNING or DUE_SOON.
func (d *Deadline) ReminderTimes() []time.Time { return slices.Clone(d.reminders) }
