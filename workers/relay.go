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
// the complaints filed in the batch: they go in complaint:route-batch tasks of up to
// domain.RouteBatchSize complaints, each with an id made of its messages' ids, so that routing
// shares reads and one transaction per batch; the same batch published again gets the same id.
func (r *Relay) PublishBatch(ctx context.Context, msgs []domain.Message) (int, error) {
	var route []string     // complaint ids to route, in the messages' order
	var routeMsgs []string // the messages they came from
	published := 0
	var pubErr error
	for _, m := range msgs {
		if pubErr = r.publishOne(ctx, m, &route, &routeMsgs); pubErr != nil {
			break
		}
		published++
	}
	for start := 0; start < len(route); start += domain.RouteBatchSize {
		end := min(start+domain.RouteBatchSize, len(route))
		t, err := NewComplaintRouteBatchTask(route[start:end])
		if err == nil {
			_, err = r.Client.EnqueueContext(ctx, t, asynq.TaskID(batchTaskID(routeMsgs[start:end])), asynq.Retention(retention))
		}
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			// Nothing of this batch counts as published: the messages come back, and the tasks
			// already enqueued for them are absorbed by their ids.
			return 0, fmt.Errorf("relay: enqueue %s: %w", TypeComplaintRouteBatch, err)
		}
	}
	return published, pubErr
}

// publishOne enqueues the tasks of one message, except the routing of a filed complaint, which it
// adds to route.
func (r *Relay) publishOne(ctx context.Context, m domain.Message, route, routeMsgs *[]string) error {
	if m.Topic == domain.TopicDeadlineScheduled {
		return r.publishDeadline(ctx, m)
	}
	tasks, err := tasksFor(m)
	if err != nil {
		slog.Error("outbox message cannot become a task; skipped", "message", m.ID, "topic", m.Topic, "err", err)
		return nil // a malformed message must not block the outbox forever
	}
	for _, t := range tasks {
		if t.Type() == TypeComplaintRoute {
			var p ComplaintRoutePayload
			if err := json.Unmarshal(t.Payload(), &p); err != nil {
				return err
			}
			*route, *routeMsgs = append(*route, p.ComplaintID), append(*routeMsgs, m.ID)
			continue
		}
		_, err := r.Client.EnqueueContext(ctx, t, asynq.TaskID(m.ID+":"+t.Type()), asynq.Retention(retention))
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return fmt.Errorf("relay: enqueue %s for message %s: %w", t.Type(), m.ID, err)
		}
	}
	return nil
}

// batchTaskID names a routing batch by its messages: "<first message id>:<count>:<hash of all>".
func batchTaskID(messageIDs []string) string {
	h := sha256.New()
	for _, id := range messageIDs {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%s:%d:%x:%s", messageIDs[0], len(messageIDs), h.Sum(nil)[:8], TypeComplaintRouteBatch)
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
