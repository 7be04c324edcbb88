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
// the complaints filed in the batch and the statistics updates of the batch's complaints: they go
// in complaint:route-batch tasks of up to domain.RouteBatchSize complaints and stats:apply-batch
// tasks of up to StatsBatchSize, each with an id made of its messages' ids, so that they share
// reads and one transaction per batch; the same batch published again gets the same ids.
func (r *Relay) PublishBatch(ctx context.Context, msgs []domain.Message) (int, error) {
	batches := map[string]*idBatch{TypeComplaintRoute: {}, TypeStatsApply: {}}
	published := 0
	var pubErr error
	for _, m := range msgs {
		if pubErr = r.publishOne(ctx, m, batches); pubErr != nil {
			break
		}
		published++
	}
	for _, b := range []struct {
		typ  string
		ids  *idBatch
		size int
		task func([]string) (*asynq.Task, error)
	}{
		{TypeComplaintRouteBatch, batches[TypeComplaintRoute], domain.RouteBatchSize, NewComplaintRouteBatchTask},
		{TypeStatsApplyBatch, batches[TypeStatsApply], StatsBatchSize, NewStatsApplyBatchTask},
	} {
		for start := 0; start < len(b.ids.complaints); start += b.size {
			end := min(start+b.size, len(b.ids.complaints))
			t, err := b.task(b.ids.complaints[start:end])
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

// idBatch gathers the complaints of a batched task type, with the messages they came from.
type idBatch struct {
	complaints, messages []string
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
// statistics update of a complaint, which it adds to batches.
func (r *Relay) publishOne(ctx context.Context, m domain.Message, batches map[string]*idBatch) error {
	if m.Topic == domain.TopicDeadlineScheduled {
		return r.publishDeadline(ctx, m)
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
			b.complaints, b.messages = append(b.complaints, id), append(b.messages, m.ID)
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
func batchTaskID(messageIDs []string, typ string) string {
	h := sha256.New()
	for _, id := range messageIDs {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%s:%d:%x:%s", messageIDs[0], len(messageIDs), h.Sum(nil)[:8], typ)
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
