package deadline

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Clock implements domain.DeadlineClock with the built-in policies and the calendars in force
// (Calendars; the built-in ones when nil): each call restores the stored record under the policy
// edition it was started with, applies the change through Deadline's own checks, and writes the
// record and the derived fields back.
type Clock struct {
	Calendars CalendarSource
	Policies  PolicySource // the built-in editions when nil
}

func (c Clock) policyVersion(jurisdiction, version string) (*Policy, error) {
	if c.Policies == nil {
		return BuiltinPolicyVersion(jurisdiction, version)
	}
	return c.Policies.Version(jurisdiction, version)
}

func (c Clock) policyInForce(jurisdiction string, at time.Time) (*Policy, error) {
	if c.Policies == nil {
		return BuiltinPolicy(jurisdiction, at)
	}
	return c.Policies.InForce(jurisdiction, at)
}

func (c Clock) calendar(jurisdiction string) (*Calendar, error) {
	if c.Calendars == nil {
		return BuiltinCalendar(jurisdiction)
	}
	return c.Calendars.Calendar(jurisdiction)
}

var _ domain.DeadlineClock = Clock{}

// storedPolicy decodes the record of d and finds the policy edition its clock was started under.
func (c Clock) storedPolicy(d *domain.Deadline) (Record, *Policy, error) {
	var r Record
	if err := json.Unmarshal(d.Record, &r); err != nil {
		return r, nil, fmt.Errorf("deadline: stored record of %s: %w", d.ID, err)
	}
	p, err := c.policyVersion(r.Jurisdiction, r.PolicyVersion)
	return r, p, err
}

// restore rebuilds the clock of d on its calendar, or on the provisional calendar when asked or
// when the calendar has no data for a year the clock reaches; d.Provisional records which.
func (c Clock) restore(d *domain.Deadline, provisional bool) (*Deadline, error) {
	r, p, err := c.storedPolicy(d)
	if err != nil {
		return nil, err
	}
	cal, err := c.calendar(r.Jurisdiction)
	if err != nil {
		return nil, err
	}
	if !provisional {
		dl, err := Restore(r, p, cal)
		if !errors.Is(err, ErrNoCalendarData) {
			d.Provisional = false
			return dl, err
		}
	}
	d.Provisional = true
	return Restore(r, p, cal.Provisional())
}

// store writes the clock's record and derived fields into d.
func store(d *domain.Deadline, dl *Deadline) error {
	rec, err := json.Marshal(dl.Record())
	if err != nil {
		return err
	}
	d.Record, d.Unit, d.Stage, d.DueAt = rec, string(dl.Unit()), string(dl.Stage()), dl.DueAt()
	d.StartedAt = dl.StartedAt()
	d.PausedAt, d.PauseReason, d.PausedDays = time.Time{}, "", 0
	for _, p := range dl.Pauses() {
		d.PausedDays += p.Days
	}
	if p, ok := dl.CurrentPause(); ok {
		d.PausedAt, d.PauseReason = p.Since, domain.PauseReason(p.Reason)
	}
	return nil
}

func (c Clock) change(d *domain.Deadline, f func(dl *Deadline) error) error {
	dl, err := c.restore(d, false)
	if err != nil {
		return err
	}
	err = f(dl)
	if errors.Is(err, ErrNoCalendarData) && !d.Provisional { // the change reaches a year without data
		if dl, err = c.restore(d, true); err == nil {
			err = f(dl)
		}
	}
	if err != nil {
		return err
	}
	return store(d, dl)
}

// Start implements domain.DeadlineClock: the policy edition in effect at the start counts the clock.
func (c Clock) Start(d *domain.Deadline, at time.Time) error {
	p, err := c.policyInForce(d.Jurisdiction, at)
	if err != nil {
		return err
	}
	cal, err := c.calendar(d.Jurisdiction)
	if err != nil {
		return err
	}
	dl, err := Start(Kind(d.Kind), at, p, cal)
	if errors.Is(err, ErrNoCalendarData) {
		d.Provisional = true
		dl, err = Start(Kind(d.Kind), at, p, cal.Provisional())
	}
	if err != nil {
		return err
	}
	return store(d, dl)
}

// Pause implements domain.DeadlineClock.
func (c Clock) Pause(d *domain.Deadline, at time.Time, reason domain.PauseReason, by, note string) error {
	return c.change(d, func(dl *Deadline) error { return dl.Pause(at, PauseReason(reason), by, note) })
}

// Resume implements domain.DeadlineClock.
func (c Clock) Resume(d *domain.Deadline, at time.Time) error {
	return c.change(d, func(dl *Deadline) error { return dl.Resume(at) })
}

// Extend implements domain.DeadlineClock: the stage is the one of the clock's policy that is days
// long.
func (c Clock) Extend(d *domain.Deadline, at time.Time, days int, by string, role domain.Role, reason string) error {
	return c.change(d, func(dl *Deadline) error {
		for _, s := range dl.clock.Stages {
			if s.Days == days {
				return dl.Extend(at, s.Stage, Approval{By: by, Role: string(role), Reason: reason})
			}
		}
		return domain.Invalid("days", fmt.Sprintf("the %s deadline has no stage of %d days", dl.Kind(), days), "该时限没有此天数的延期阶段")
	})
}

// Stages implements domain.DeadlineClock: the stages of the edition the clock was started under.
func (c Clock) Stages(d *domain.Deadline) ([]domain.DeadlineStage, error) {
	r, p, err := c.storedPolicy(d)
	if err != nil {
		return nil, err
	}
	cp := p.Clocks[r.Kind]
	if cp == nil {
		return nil, fmt.Errorf("deadline: policy %s has no %s clock", r.PolicyVersion, r.Kind)
	}
	out := make([]domain.DeadlineStage, len(cp.Stages))
	for i, s := range cp.Stages {
		out[i] = domain.DeadlineStage{Name: string(s.Stage), Days: s.Days, ApproverRoles: s.ApproverRoles}
	}
	return out, nil
}

// Meet implements domain.DeadlineClock.
func (c Clock) Meet(d *domain.Deadline, at time.Time) error {
	return c.change(d, func(dl *Deadline) error { return dl.Meet(at) })
}
