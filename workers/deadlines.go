package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Deadline tasks run on the critical queue: a breach recorded late is a figure published wrong.
const (
	// TypeDeadlineCheck checks one clock at its due instant and records the breach.
	TypeDeadlineCheck = "deadline:check"
	// TypeDeadlineRemind reminds the party of one clock at one offset before its due instant.
	TypeDeadlineRemind = "deadline:remind"
	// TypeDeadlineSweep finds every clock past due or due for a reminder: the safety net.
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
	b, err := json.Marshal(DeadlineCheckPayload{DeadlineID: deadlineID, DueAt: dueAt.UTC()})
	if err != nil {
		return nil, "", err
	}
	id := fmt.Sprintf("%s:%s:%d", TypeDeadlineCheck, deadlineID, dueAt.Unix())
	// One second after the due instant (23:59:59), so the clock is past due when the task runs.
	return asynq.NewTask(TypeDeadlineCheck, b, asynq.Queue(QueueCritical), asynq.MaxRetry(20),
		asynq.ProcessAt(dueAt.Add(time.Second))), id, nil
}

// NewDeadlineRemindTask builds a reminder of a clock, to run offset before its due instant.
func NewDeadlineRemindTask(deadlineID string, dueAt time.Time, offset time.Duration) (*asynq.Task, string, error) {
	b, err := json.Marshal(DeadlineRemindPayload{DeadlineID: deadlineID, DueAt: dueAt.UTC(), OffsetSeconds: int64(offset / time.Second)})
	if err != nil {
		return nil, "", err
	}
	id := fmt.Sprintf("%s:%s:%d:%d", TypeDeadlineRemind, deadlineID, dueAt.Unix(), int64(offset/time.Second))
	return asynq.NewTask(TypeDeadlineRemind, b, asynq.Queue(QueueCritical), asynq.MaxRetry(10),
		asynq.ProcessAt(dueAt.Add(-offset))), id, nil
}

// NewDeadlineSweepTask builds the sweep the scheduler enqueues every minute.
func NewDeadlineSweepTask() *asynq.Task {
	return asynq.NewTask(TypeDeadlineSweep, nil, asynq.Queue(QueueCritical), asynq.MaxRetry(0), asynq.Timeout(55*time.Second))
}

// deadlineTasks turns a deadline.scheduled message into the clock's check and reminder tasks,
// each with its own id.
func deadlineTasks(m domain.Message) ([]*asynq.Task, []string, error) {
	id, _ := m.Payload["deadlineId"].(string)
	due, err := time.Parse(time.RFC3339, fmt.Sprint(m.Payload["dueAt"]))
	if id == "" || err != nil {
		return nil, nil, fmt.Errorf("message %s: %s without deadlineId or dueAt", m.ID, m.Topic)
	}
	t, tid, err := NewDeadlineCheckTask(id, due)
	if err != nil {
		return nil, nil, err
	}
	tasks, ids := []*asynq.Task{t}, []string{tid}
	rs, _ := m.Payload["reminders"].([]any)
	for _, r := range rs {
		rm, _ := r.(map[string]any)
		secs, ok := asInt64(rm["offsetSeconds"])
		if !ok || secs <= 0 {
			return nil, nil, fmt.Errorf("message %s: reminder without offsetSeconds", m.ID)
		}
		t, tid, err := NewDeadlineRemindTask(id, due, time.Duration(secs)*time.Second)
		if err != nil {
			return nil, nil, err
		}
		tasks, ids = append(tasks, t), append(ids, tid)
	}
	return tasks, ids, nil
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

// publishDeadline enqueues the tasks of a deadline.scheduled message under their own ids.
func (r *Relay) publishDeadline(ctx context.Context, m domain.Message) error {
	tasks, ids, err := deadlineTasks(m)
	if err != nil {
		slog.Error("outbox message cannot become a task; skipped", "message", m.ID, "topic", m.Topic, "err", err)
		return nil
	}
	for i, t := range tasks {
		// Kept until well after a 60-day clock's due instant, so a re-published message is absorbed.
		_, err := r.Client.EnqueueContext(ctx, t, asynq.TaskID(ids[i]), asynq.Retention(retention))
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return fmt.Errorf("relay: enqueue %s for message %s: %w", t.Type(), m.ID, err)
		}
	}
	return nil
}

// deadlineError maps a domain error of a deadline task: a clock that does not exist will not
// appear by retrying.
func deadlineError(what string, err error) error {
	if domain.CodeOf(err) == domain.CodeNotFound || domain.CodeOf(err) == domain.CodeInvalid {
		return permanent(fmt.Errorf("%s: %w", what, err))
	}
	return fmt.Errorf("%s: %w", what, err)
}

func (h *Handlers) checkDeadline(ctx context.Context, t *asynq.Task) error {
	var p DeadlineCheckPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.DeadlineID == "" {
		return permanent(fmt.Errorf("deadline:check: bad payload"))
	}
	res, err := h.Deadlines.Check(ctx, p.DeadlineID)
	if err != nil {
		return deadlineError("deadline:check "+p.DeadlineID, err)
	}
	slog.InfoContext(ctx, "deadline checked", "deadline", p.DeadlineID, "result", res)
	return nil
}

func (h *Handlers) remindDeadline(ctx context.Context, t *asynq.Task) error {
	var p DeadlineRemindPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.DeadlineID == "" || p.OffsetSeconds <= 0 {
		return permanent(fmt.Errorf("deadline:remind: bad payload"))
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
