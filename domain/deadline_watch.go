package domain

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// DeadlineStore is what the deadline watch needs from storage besides the complaint store.
type DeadlineStore interface {
	// DeadlineByID returns one clock, unlocked; NOT_FOUND when there is none.
	DeadlineByID(ctx context.Context, id string) (*Deadline, error)
	// DueDeadlines returns up to limit open, running clocks, soonest due first, that at now are
	// past due, or due for a reminder at one of the offsets that was not sent yet.
	DueDeadlines(ctx context.Context, now time.Time, reminders []time.Duration, limit int) ([]Deadline, error)
	// LongPausedDeadlines returns up to limit open clocks paused for reason at or before
	// pausedBefore, longest paused first.
	LongPausedDeadlines(ctx context.Context, reason PauseReason, pausedBefore time.Time, limit int) ([]Deadline, error)
}

// DeadlineWatch reminds the parties of a complaint before its clocks are due and records the
// breach when one passes. The workers call it from a task per clock (at its due instant and at
// each reminder time) and from a sweep every minute; every call is idempotent: it decides under
// the complaint's row lock from the stored state, so a redelivered or doubled task changes nothing.
type DeadlineWatch struct {
	Complaints ComplaintStore
	Store      DeadlineStore
	Clocks     *Clocks
	Now        func() time.Time
	NewID      func() string
}

// CheckResult says what a check did.
type CheckResult string

// The check results.
const (
	CheckBreached CheckResult = "BREACHED" // the clock passed its due instant now
	CheckNothing  CheckResult = "NOTHING"  // not due (moved, paused, met, breached before)
)

func (w *DeadlineWatch) deadline(c *Complaint, id string) *Deadline {
	for i := range c.Deadlines {
		if c.Deadlines[i].ID == id {
			return &c.Deadlines[i]
		}
	}
	return nil
}

func (w *DeadlineWatch) complaintOf(ctx context.Context, deadlineID string) (string, error) {
	d, err := w.Store.DeadlineByID(ctx, deadlineID)
	if err != nil {
		return "", err
	}
	return d.ComplaintID, nil
}

// Check records the breach of a clock that is open, running and past its due instant; otherwise it
// does nothing. A breach of an institution's clock marks the complaint untimely; every breach is a
// history event and a complaint.changed message that tells the team's supervisors (the escalation)
// and, for an institution's clock, the institution, and carries the institution ids for the
// statistics that count it against them.
func (w *DeadlineWatch) Check(ctx context.Context, deadlineID string) (CheckResult, error) {
	complaintID, err := w.complaintOf(ctx, deadlineID)
	if err != nil {
		return CheckNothing, err
	}
	now := w.Now()
	res := CheckNothing
	_, err = w.Complaints.UpdateComplaint(ctx, complaintID, func(c *Complaint) (Change, error) {
		d := w.deadline(c, deadlineID)
		if d == nil || !d.Running() || !now.After(d.DueAt) {
			return Change{}, nil
		}
		res = CheckBreached
		ev, msg := w.breach(c, d, now)
		return Change{Events: []Event{ev}, Messages: []Message{msg}}, nil
	})
	return res, err
}

// breach marks d, a running clock of c past due at now, breached and returns its history event
// and its complaint.changed message.
func (w *DeadlineWatch) breach(c *Complaint, d *Deadline, now time.Time) (Event, Message) {
	d.State, d.BreachedAt = DeadlineBreached, now
	var insts []int64
	audiences := []string{string(AudienceSupervisors), string(AudienceCaseworker)}
	switch d.Kind {
	case DeadlineInstitutionResponse:
		c.Untimely = true
		insts = []int64{d.InstitutionID}
		audiences = append(audiences, string(AudienceInstitution))
	case DeadlineFeedback: // the complainant's window lapsed: recorded, nobody is at fault
		audiences = nil
	}
	details := map[string]any{"deadlineId": d.ID, "kind": string(d.Kind), "stage": d.Stage,
		"dueAt": d.DueAt.UTC().Format(time.RFC3339), "institutionIds": insts}
	if d.InstitutionID != 0 {
		details["institutionId"] = d.InstitutionID
	}
	ev := Event{Action: ActionDeadlineBreached, FromStatus: c.Status, ToStatus: c.Status, ActorRole: RoleSystem,
		At: now, Details: details}
	payload := map[string]any{"complaintId": c.ID, "action": string(ActionDeadlineBreached), "from": string(c.Status),
		"to": string(c.Status), "audiences": audiences}
	for k, v := range details {
		payload[k] = v
	}
	return ev, Message{ID: w.NewID(), Topic: TopicComplaintChanged, Payload: payload}
}

// CheckAll is Check for many clocks at once, in one transaction: the complaints of the clocks are
// locked together (in id order), every clock among deadlineIDs that is still open, running and
// past due at now is breached, and the history entries and messages of all of them are written
// with one statement each. It returns how many it breached. Like Check it decides under the locks
// from the stored state, so a clock breached meanwhile (by its own task, another sweep) is left
// alone and a second call records nothing more.
func (w *DeadlineWatch) CheckAll(ctx context.Context, deadlines []Deadline) (int, error) {
	if len(deadlines) == 0 {
		return 0, nil
	}
	now := w.Now()
	wanted := make(map[string]bool, len(deadlines))
	var ids []string
	seen := make(map[string]bool, len(deadlines))
	for _, d := range deadlines {
		wanted[d.ID] = true
		if !seen[d.ComplaintID] {
			seen[d.ComplaintID] = true
			ids = append(ids, d.ComplaintID)
		}
	}
	var breached map[string]bool
	_, err := w.Complaints.UpdateComplaints(ctx, ids, func(c *Complaint) (Change, error) {
		if breached == nil {
			breached = map[string]bool{}
		}
		var ch Change
		for i := range c.Deadlines {
			d := &c.Deadlines[i]
			if !wanted[d.ID] || !d.Running() || !now.After(d.DueAt) {
				continue
			}
			ev, msg := w.breach(c, d, now)
			ch.Events, ch.Messages = append(ch.Events, ev), append(ch.Messages, msg)
			breached[d.ID] = true
		}
		return ch, nil
	})
	if err != nil {
		return 0, err
	}
	return len(breached), nil
}

// reminderAudience is whom a clock's reminder is for: the party that must act.
var reminderAudience = map[DeadlineKind]Audience{
	DeadlineAcceptance:          AudienceCaseworker,
	DeadlineInstitutionResponse: AudienceInstitution,
	DeadlineFeedback:            AudienceComplainant,
}

// reminderDue reports whether the reminder at offset before d's due instant is to be sent at now:
// the clock runs, its time has come, the due instant has not passed, it was set after the due
// instant was last set, and it was not sent yet.
func reminderDue(d *Deadline, offset time.Duration, now time.Time) bool {
	at := d.DueAt.Add(-offset)
	return d.Running() && !now.Before(at) && !now.After(d.DueAt) && at.After(d.DueSetAt) &&
		!slices.Contains(d.RemindersSent, offset)
}

// Remind sends the reminder at offset before the clock's due instant dueAt, once: in-app and
// e-mail to the party that must act, through a complaint.changed message. A reminder for a due
// instant that has since moved (paused, extended), or not due yet, or already sent, does nothing.
func (w *DeadlineWatch) Remind(ctx context.Context, deadlineID string, dueAt time.Time, offset time.Duration) (bool, error) {
	complaintID, err := w.complaintOf(ctx, deadlineID)
	if err != nil {
		return false, err
	}
	now := w.Now()
	sent := false
	_, err = w.Complaints.UpdateComplaint(ctx, complaintID, func(c *Complaint) (Change, error) {
		d := w.deadline(c, deadlineID)
		if d == nil || d.DueAt.Unix() != dueAt.Unix() || !reminderDue(d, offset, now) {
			return Change{}, nil
		}
		sent = true
		d.RemindersSent = append(d.RemindersSent, offset)
		payload := map[string]any{"complaintId": c.ID, "action": string(ActionDeadlineReminder), "from": string(c.Status),
			"to": string(c.Status), "deadlineId": d.ID, "kind": string(d.Kind), "dueAt": d.DueAt.UTC().Format(time.RFC3339),
			"offsetSeconds": int64(offset / time.Second), "audiences": []string{string(reminderAudience[d.Kind])}}
		if d.InstitutionID != 0 {
			payload["institutionId"] = d.InstitutionID
		}
		return Change{ComplaintUnchanged: true, Messages: []Message{{ID: w.NewID(), Topic: TopicComplaintChanged, Payload: payload}}}, nil
	})
	return sent, err
}

// SweepResult counts what a sweep did.
type SweepResult struct {
	Breached, Reminded int
	// AppraisalsEnded counts the pauses for an outside appraisal the sweep ended at their longest.
	AppraisalsEnded int
}

// EndLongAppraisals ends every pause for an outside appraisal that has lasted the longest one may
// (Clocks.MaxAppraisalDays): the clock resumes at the instant the pause reached it, so the due day
// moves by that much only; the history records APPRAISAL_ENDED by the system and the complainant
// and caseworker are told that the regulator's limit ended it (the message's limit and maxDays;
// session 36: the notice read as the institution's own end). Decided under the complaint's
// lock from the stored state, so a pause ended meanwhile is left alone and a second call writes
// nothing (attack round 30: one pause held an answer off for good).
func (w *DeadlineWatch) EndLongAppraisals(ctx context.Context) (int, error) {
	longest := w.Clocks.maxAppraisalPause()
	maxDays := int(longest / (24 * time.Hour))
	ended := 0
	for round := 0; round < 50; round++ {
		now := w.Now()
		ds, err := w.Store.LongPausedDeadlines(ctx, PauseOutsideAppraisal, now.Add(-longest), sweepBatch)
		if err != nil {
			return ended, err
		}
		for _, d := range ds {
			endedThis := false // counted once the change is stored, not when the closure runs
			_, err := w.Complaints.UpdateComplaint(ctx, d.ComplaintID, func(c *Complaint) (Change, error) {
				endedThis = false
				dl := w.deadline(c, d.ID)
				if dl == nil || dl.State != DeadlineOpen || dl.PauseReason != PauseOutsideAppraisal || now.Sub(dl.PausedAt) < longest {
					return Change{}, nil
				}
				end := dl.PausedAt.Add(longest)
				if err := w.Clocks.Clock.Resume(dl, end); err != nil {
					return Change{}, err
				}
				wk := &deadlineWork{clocks: w.Clocks, newID: w.NewID, now: now, c: c}
				wk.scheduled(dl)
				wk.note(dl, "RESUMED")
				ev := Event{Action: ActionEndAppraisal, FromStatus: c.Status, ToStatus: c.Status, ActorRole: RoleSystem, At: now,
					Details: map[string]any{"institutionId": dl.InstitutionID, "endedAt": end.UTC().Format(time.RFC3339),
						"limit": LimitMaxAppraisalDays, "maxDays": maxDays}}
				var ch Change
				wk.finish(&ev, &ch)
				ch.Events = append(ch.Events, ev)
				ch.Messages = append(ch.Messages, Message{ID: w.NewID(), Topic: TopicComplaintChanged, Payload: map[string]any{
					"complaintId": c.ID, "action": string(ActionEndAppraisal), "from": string(c.Status), "to": string(c.Status),
					"institutionId": dl.InstitutionID, "limit": LimitMaxAppraisalDays, "maxDays": maxDays}})
				endedThis = true
				return ch, nil
			})
			if err != nil {
				return ended, fmt.Errorf("end appraisal %s: %w", d.ID, err)
			}
			if endedThis {
				ended++
			}
		}
		if len(ds) < sweepBatch {
			break
		}
	}
	return ended, nil
}

// LimitMaxAppraisalDays is the limit an APPRAISAL_ENDED event and its message name (details and
// payload "limit") when the sweep, not the institution, ended the pause: the notice and the portal's
// history say the regulator's limit ended it.
const LimitMaxAppraisalDays = "MAX_APPRAISAL_DAYS"

// sweepBatch is how many clocks a sweep reads at a time.
const sweepBatch = 200

// Sweep runs every minute (the safety net) and at each instant a clock falls due or needs a
// reminder (the relay schedules it there, one task per instant): it finds every running clock that is past
// due or due for a reminder not sent, and checks or reminds it. Its query reads only those clocks
// (an index on the due instant of open, running clocks), so its cost follows the clocks that are
// due, not the open ones.
func (w *DeadlineWatch) Sweep(ctx context.Context) (SweepResult, error) {
	var res SweepResult
	// A pause held past its longest ends first, so that a clock it leaves past due is breached below.
	n, err := w.EndLongAppraisals(ctx)
	res.AppraisalsEnded = n
	if err != nil {
		return res, fmt.Errorf("sweep: %w", err)
	}
	reminders := w.Clocks.reminders()
	for round := 0; round < 50; round++ { // bounded: a clock that keeps matching must not spin the sweep
		now := w.Now()
		ds, err := w.Store.DueDeadlines(ctx, now, reminders, sweepBatch)
		if err != nil {
			return res, err
		}
		var due []Deadline
		for i := range ds {
			d := &ds[i]
			if now.After(d.DueAt) {
				due = append(due, *d)
				continue
			}
			for _, off := range reminders {
				if !reminderDue(d, off, now) {
					continue
				}
				ok, err := w.Remind(ctx, d.ID, d.DueAt, off)
				if err != nil {
					return res, fmt.Errorf("sweep: remind %s: %w", d.ID, err)
				}
				if ok {
					res.Reminded++
				}
			}
		}
		n, err := w.CheckAll(ctx, due)
		if err != nil {
			return res, fmt.Errorf("sweep: check %d clocks: %w", len(due), err)
		}
		res.Breached += n
		if len(ds) < sweepBatch {
			break
		}
	}
	return res, nil
}
