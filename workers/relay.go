package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Outbox is the relay's view of the transactional outbox.
type Outbox interface {
	Relay(ctx context.Context, limit int, publish func(context.Context, domain.Message) error) (int, error)
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
	if m.Topic == domain.TopicDeadlineScheduled {
		return r.publishDeadline(ctx, m)
	}
	tasks, err := tasksFor(m)
	if err != nil {
		slog.Error("outbox message cannot become a task; skipped", "message", m.ID, "topic", m.Topic, "err", err)
		return nil // a malformed message must not block the outbox forever
	}
	for _, t := range tasks {
		_, err := r.Client.EnqueueContext(ctx, t, asynq.TaskID(m.ID+":"+t.Type()), asynq.Retention(retention))
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return fmt.Errorf("relay: enqueue %s for message %s: %w", t.Type(), m.ID, err)
		}
	}
	return nil
}

// RunOnce relays pending messages until none are left, and returns how many it relayed.
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	batch := r.Batch
	if batch <= 0 {
		batch = 200
	}
	total := 0
	for {
		n, err := r.Outbox.Relay(ctx, batch, r.Publish)
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
