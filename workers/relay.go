package workers

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Outbox is the relay's view of the transactional outbox.
type Outbox interface {
	Relay(ctx context.Context, limit int, publish func(context.Context, []domain.Message) (int, error)) (int, error)
	Prune(ctx context.Context, olderThan time.Duration) (int64, error)
}

// Relay moves committed outbox messages into asynq. Each task gets the id "<message id>:<task
// type>", so a message is enqueued at most once however often the relay runs or restarts.
type Relay struct {
	Outbox   Outbox
	Client   *asynq.Client
	Interval time.Duration
	Batch    int
}

// Publish enqueues the tasks one message causes.
func (r *Relay) Publish(ctx context.Context, m domain.Message) error {
	_, err := r.PublishBatch(ctx, []domain.Message{m})
	return err
}

// PublishBatch enqueues the tasks a batch of messages causes and says how many messages, from the
// first, are published. Each task has the id "<message id>:<task type>", except the routing of
// the complaints filed in the batch, the statistics updates of the batch's complaints and the
// notification of the messages' parties: they go in complaint:route-batch tasks of up to
// domain.RouteBatchSize complaints, stats:apply-batch tasks of up to StatsBatchSize and
// notification:dispatch-batch tasks of up to domain.NotifyBatchSize messages, each with an id made
// of its messages' ids, so that they share reads and one transaction per batch; the same batch
// published again gets the same ids.
func (r *Relay) PublishBatch(ctx context.Context, msgs []domain.Message) (int, error) {
	batches := map[string]*idBatch{TypeComplaintRoute: {}, TypeStatsApply: {}, TypeNotificationDispatch: {}}
	instants := map[int64]bool{}
	published := 0
	var pubErr error
	for _, m := range msgs {
		if pubErr = r.publishOne(ctx, m, batches, instants); pubErr != nil {
			break
		}
		published++
	}
	if err := r.publishDeadlines(ctx, instants); err != nil {
		return 0, err // nothing counts as published: the messages come back, the sweeps are absorbed
	}
	for _, b := range []struct {
		typ  string
		ids  *idBatch
		size int
		task func(complaints []string, messages []domain.Message) (*asynq.Task, error)
	}{
		{TypeComplaintRouteBatch, batches[TypeComplaintRoute], domain.RouteBatchSize,
			func(ids []string, _ []domain.Message) (*asynq.Task, error) { return NewComplaintRouteBatchTask(ids) }},
		{TypeStatsApplyBatch, batches[TypeStatsApply], StatsBatchSize,
			func(ids []string, _ []domain.Message) (*asynq.Task, error) { return NewStatsApplyBatchTask(ids) }},
		{TypeNotificationDispatchBatch, batches[TypeNotificationDispatch], domain.NotifyBatchSize,
			func(_ []string, ms []domain.Message) (*asynq.Task, error) {
				return NewNotificationDispatchBatchTask(ms)
			}},
	} {
		for start := 0; start < len(b.ids.messages); start += b.size {
			end := min(start+b.size, len(b.ids.messages))
			t, err := b.task(b.ids.complaints[start:end], b.ids.messages[start:end])
			if err == nil {
				_, err = r.Client.EnqueueContext(ctx, t, asynq.TaskID(batchTaskID(b.ids.messages[start:end], b.typ)), asynq.Retention(retention))
			}
			if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
				// Nothing of this batch counts as published: the messages come back, and the tasks
				// already enqueued for them are absorbed by their ids.
				return 0, fmt.Errorf("relay: enqueue %s: %w", b.typ, err)
			}
		}
	}
	return published, pubErr
}

// idBatch gathers the messages of a batched task type, with the complaint of each.
type idBatch struct {
	complaints []string
	messages   []domain.Message
}

// batchedID returns the complaint of a task the relay puts in batches ("" for any other task).
func batchedID(t *asynq.Task) (string, error) {
	switch t.Type() {
	case TypeComplaintRoute:
		var p ComplaintRoutePayload
		err := json.Unmarshal(t.Payload(), &p)
		return p.ComplaintID, err
	case TypeStatsApply:
		var p StatsApplyPayload
		err := json.Unmarshal(t.Payload(), &p)
		return p.ComplaintID, err
	}
	return "", nil
}

// publishOne enqueues the tasks of one message, except the routing of a filed complaint and the
// statistics update of a complaint, which it adds to batches, and a clock's checks and reminders,
// whose instants it adds to instants (the sweeps at those instants breach and remind).
func (r *Relay) publishOne(ctx context.Context, m domain.Message, batches map[string]*idBatch, instants map[int64]bool) error {
	if m.Topic == domain.TopicDeadlineScheduled {
		ats, err := deadlineInstants(m)
		if err != nil {
			slog.Error("outbox message cannot become a task; skipped", "message", m.ID, "topic", m.Topic, "err", err)
			return nil
		}
		for _, at := range ats {
			instants[at] = true
		}
		return nil
	}
	tasks, err := tasksFor(m)
	if err != nil {
		slog.Error("outbox message cannot become a task; skipped", "message", m.ID, "topic", m.Topic, "err", err)
		return nil // a malformed message must not block the outbox forever
	}
	for _, t := range tasks {
		if b := batches[t.Type()]; b != nil {
			id, err := batchedID(t)
			if err != nil {
				return err
			}
			b.complaints, b.messages = append(b.complaints, id), append(b.messages, m)
			continue
		}
		_, err := r.Client.EnqueueContext(ctx, t, asynq.TaskID(m.ID+":"+t.Type()), asynq.Retention(retention))
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return fmt.Errorf("relay: enqueue %s for message %s: %w", t.Type(), m.ID, err)
		}
	}
	return nil
}

// batchTaskID names a batch task by its messages: "<first message id>:<count>:<hash of all>:<type>".
func batchTaskID(msgs []domain.Message, typ string) string {
	h := sha256.New()
	for _, m := range msgs {
		h.Write([]byte(m.ID))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%s:%d:%x:%s", msgs[0].ID, len(msgs), h.Sum(nil)[:8], typ)
}

// RunOnce relays pending messages until none are left, and returns how many it relayed.
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	batch := r.Batch
	if batch <= 0 {
		batch = 200
	}
	total := 0
	for {
		n, err := r.Outbox.Relay(ctx, batch, r.PublishBatch)
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}

// Run relays until ctx is done. After a failure (Redis or PostgreSQL unreachable) it waits longer
// before each new attempt, up to 10 s, and logs each failure once.
func (r *Relay) Run(ctx context.Context) {
	interval := r.Interval
	if interval <= 0 {
		interval = 200 * time.Millisecond
	}
	wait := retryBackoff{min: interval, max: 10 * time.Second}
	for {
		pause := interval
		if n, err := r.RunOnce(ctx); err != nil && ctx.Err() == nil {
			pause = wait.next()
			slog.Warn("outbox relay failed; will retry", "err", err, "retry_in", pause)
		} else {
			wait.reset()
			if n > 0 {
				slog.Debug("outbox relayed", "messages", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
	}
}
