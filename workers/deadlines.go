package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Deadline tasks run on the critical queue: a breach recorded late is a figure published wrong.
const (
	// TypeDeadlineCheck checks one clock at its due instant and records the breach. The relay
	// schedules sweeps at the instants instead (NewDeadlineSweepAtTask); handled for the tasks
	// of this kind already queued.
	TypeDeadlineCheck = "deadline:check"
	// TypeDeadlineRemind reminds the party of one clock at one offset before its due instant
	// (like TypeDeadlineCheck, kept for the tasks already queued).
	TypeDeadlineRemind = "deadline:remind"
	// TypeDeadlineSweep finds every clock past due or due for a reminder: every minute (the
	// safety net) and at each instant a clock falls due or needs a reminder.
	TypeDeadlineSweep = "deadline:sweep"
)

// DeadlineCheckPayload names the clock to check and the due instant the task was scheduled for.
type DeadlineCheckPayload struct {
	DeadlineID string    `json:"deadlineId"`
	DueAt      time.Time `json:"dueAt"`
}

// DeadlineRemindPayload names the clock, the due instant and the offset before it to remind of.
type DeadlineRemindPayload struct {
	DeadlineID    string    `json:"deadlineId"`
	DueAt         time.Time `json:"dueAt"`
	OffsetSeconds int64     `json:"offsetSeconds"`
}

// NewDeadlineCheckTask builds the check of a clock, to run at its due instant. Its id holds the
// clock and the due instant, so a clock re-scheduled after a pause or an extension gets a fresh
// task and the stale one finds nothing to do.
func NewDeadlineCheckTask(deadlineID string, dueAt time.Time) (*asynq.Task, string, error) {
	// One second after the due instant (23:59:59), so the clock is past due when the task runs.
	t, err := newTask(TypeDeadlineCheck, DeadlineCheckPayload{DeadlineID: deadlineID, DueAt: dueAt.UTC()},
		asynq.Queue(QueueCritical), asynq.MaxRetry(20), asynq.ProcessAt(dueAt.Add(time.Second)))
	if err != nil {
		return nil, "", err
	}
	return t, fmt.Sprintf("%s:%s:%d", TypeDeadlineCheck, deadlineID, dueAt.Unix()), nil
}

// NewDeadlineRemindTask builds a reminder of a clock, to run offset before its due instant.
func NewDeadlineRemindTask(deadlineID string, dueAt time.Time, offset time.Duration) (*asynq.Task, string, error) {
	secs := int64(offset / time.Second)
	t, err := newTask(TypeDeadlineRemind, DeadlineRemindPayload{DeadlineID: deadlineID, DueAt: dueAt.UTC(), OffsetSeconds: secs},
		asynq.Queue(QueueCritical), asynq.MaxRetry(10), asynq.ProcessAt(dueAt.Add(-offset)))
	if err != nil {
		return nil, "", err
	}
	return t, fmt.Sprintf("%s:%s:%d:%d", TypeDeadlineRemind, deadlineID, dueAt.Unix(), secs), nil
}

// NewDeadlineSweepTask builds the sweep the scheduler enqueues every minute.
func NewDeadlineSweepTask() *asynq.Task {
	return asynq.NewTask(TypeDeadlineSweep, nil, asynq.Queue(QueueCritical), asynq.MaxRetry(0), asynq.Timeout(55*time.Second))
}

// deadlineMessage reads a deadline.scheduled message: the clock, its due instant and the offsets
// before it of the reminders to send.
func deadlineMessage(m domain.Message) (string, time.Time, []time.Duration, error) {
	id, _ := m.Payload["deadlineId"].(string)
	due, err := time.Parse(time.RFC3339, fmt.Sprint(m.Payload["dueAt"]))
	if id == "" || err != nil {
		return "", time.Time{}, nil, fmt.Errorf("message %s: %s without deadlineId or dueAt", m.ID, m.Topic)
	}
	var offsets []time.Duration
	rs, _ := m.Payload["reminders"].([]any)
	for _, r := range rs {
		rm, _ := r.(map[string]any)
		secs, ok := asInt64(rm["offsetSeconds"])
		if !ok || secs <= 0 {
			return "", time.Time{}, nil, fmt.Errorf("message %s: reminder without offsetSeconds", m.ID)
		}
		offsets = append(offsets, time.Duration(secs)*time.Second)
	}
	return id, due, offsets, nil
}

// deadlineInstants are the instants at which a deadline.scheduled message's clock needs a sweep:
// one second after its due instant (to breach it) and each reminder's time, in whole seconds
// (rounded up, so that the sweep never runs before the instant).
func deadlineInstants(m domain.Message) ([]int64, error) {
	_, due, offsets, err := deadlineMessage(m)
	if err != nil {
		return nil, err
	}
	ceil := func(t time.Time) int64 {
		if t.Nanosecond() > 0 {
			return t.Unix() + 1
		}
		return t.Unix()
	}
	at := []int64{ceil(due.Add(time.Second))}
	for _, off := range offsets {
		at = append(at, ceil(due.Add(-off)))
	}
	return at, nil
}

// NewDeadlineSweepAtTask builds the sweep of the clocks due (or due for a reminder) at the instant
// at: the deadline sweep, run at that instant rather than at the next minute's. Its id is the
// instant, so the clocks that share a due instant (every clock of a due day ends at 23:59:59
// local time) share one task, however many messages or relays schedule it.
func NewDeadlineSweepAtTask(at time.Time) (*asynq.Task, string) {
	id := fmt.Sprintf("%s:%d", TypeDeadlineSweep, at.Unix())
	return asynq.NewTask(TypeDeadlineSweep, nil, asynq.Queue(QueueCritical), asynq.MaxRetry(20),
		asynq.Timeout(55*time.Second), asynq.ProcessAt(at)), id
}

// asInt64 reads a JSON number, decoded (float64) or not (int64).
func asInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		return int64(n), true
	case int64:
		return n, true
	case int:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

// publishDeadlines enqueues a sweep at each instant of the batch's deadline.scheduled messages,
// once per instant: the clocks' checks and reminders cost one Redis round trip per distinct
// instant of a batch rather than one per clock and reminder (47 % of the relay's CPU when each
// filed complaint's clock was a check task and two reminders of its own).
func (r *Relay) publishDeadlines(ctx context.Context, instants map[int64]bool) error {
	ats := make([]int64, 0, len(instants))
	for at := range instants {
		ats = append(ats, at)
	}
	slices.Sort(ats)
	for _, at := range ats {
		t, id := NewDeadlineSweepAtTask(time.Unix(at, 0))
		// Kept until well after the instant, so a re-published message is absorbed.
		_, err := r.Client.EnqueueContext(ctx, t, asynq.TaskID(id), asynq.Retention(retention))
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return fmt.Errorf("relay: enqueue %s: %w", id, err)
		}
	}
	return nil
}

// deadlineError maps a domain error of a deadline task: a clock that does not exist will not
// appear by retrying.
func deadlineError(what string, err error) error {
	return failed(what, err, domain.CodeNotFound, domain.CodeInvalid)
}

func (h *Handlers) checkDeadline(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t, TypeDeadlineCheck, func(p DeadlineCheckPayload) bool { return domain.IsUUID(p.DeadlineID) })
	if err != nil {
		return err
	}
	res, err := h.Deadlines.Check(ctx, p.DeadlineID)
	if err != nil {
		return deadlineError("deadline:check "+p.DeadlineID, err)
	}
	slog.InfoContext(ctx, "deadline checked", "deadline", p.DeadlineID, "result", res)
	return nil
}

func (h *Handlers) remindDeadline(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t, TypeDeadlineRemind, func(p DeadlineRemindPayload) bool { return domain.IsUUID(p.DeadlineID) && p.OffsetSeconds > 0 })
	if err != nil {
		return err
	}
	sent, err := h.Deadlines.Remind(ctx, p.DeadlineID, p.DueAt, time.Duration(p.OffsetSeconds)*time.Second)
	if err != nil {
		return deadlineError("deadline:remind "+p.DeadlineID, err)
	}
	slog.InfoContext(ctx, "deadline reminder", "deadline", p.DeadlineID, "offsetSeconds", p.OffsetSeconds, "sent", sent)
	return nil
}

func (h *Handlers) sweepDeadlines(ctx context.Context, _ *asynq.Task) error {
	res, err := h.Deadlines.Sweep(ctx)
	if err != nil {
		return fmt.Errorf("deadline:sweep: %w", err)
	}
	if res.Breached > 0 || res.Reminded > 0 {
		slog.InfoContext(ctx, "deadline sweep", "breached", res.Breached, "reminded", res.Reminded)
	}
	return nil
}
