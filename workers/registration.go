package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Registration tasks: the e-mail a registration asks for, and the hourly sweep of expired ones.
const (
	TypeRegistrationMail  = "registration:mail"
	TypeRegistrationSweep = "registration:sweep"
)

// NewRegistrationMailTask builds the task that writes a registration e-mail. Its payload names a
// pending registration or a user, never an address.
func NewRegistrationMailTask(m domain.Message) (*asynq.Task, error) {
	b, err := json.Marshal(m.Payload)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeRegistrationMail, b, asynq.Queue(QueueCritical), asynq.MaxRetry(10)), nil
}

// NewRegistrationSweepTask builds the sweep of pending registrations whose links expired.
func NewRegistrationSweepTask() *asynq.Task {
	return asynq.NewTask(TypeRegistrationSweep, nil, asynq.Queue(QueueLow), asynq.MaxRetry(0), asynq.Timeout(10*time.Minute))
}

func (h *Handlers) sendRegistrationMail(ctx context.Context, t *asynq.Task) error {
	if h.Registrations == nil {
		return nil
	}
	var payload map[string]any
	if err := json.Unmarshal(t.Payload(), &payload); err != nil {
		return fmt.Errorf("%w: %v", asynq.SkipRetry, err)
	}
	return h.Registrations.SendMail(ctx, payload)
}

func (h *Handlers) sweepRegistrations(ctx context.Context, _ *asynq.Task) error {
	if h.Registrations == nil {
		return nil
	}
	n, err := h.Registrations.Sweep(ctx)
	if err != nil {
		return fmt.Errorf("registration:sweep: %w", err)
	}
	if n > 0 {
		slog.InfoContext(ctx, "expired registrations removed", "count", n)
	}
	return nil
}
