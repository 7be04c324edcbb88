package workers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// TypeEvidenceSweep deletes the files and records of uploads that expired without being attached.
const TypeEvidenceSweep = "evidence:sweep"

// NewEvidenceSweepTask builds the sweep of expired unattached uploads the scheduler enqueues.
func NewEvidenceSweepTask() *asynq.Task {
	return asynq.NewTask(TypeEvidenceSweep, nil, asynq.Queue(QueueLow), asynq.MaxRetry(0), asynq.Timeout(10*time.Minute))
}

func (h *Handlers) sweepEvidence(ctx context.Context, _ *asynq.Task) error {
	if h.Evidence == nil {
		return nil
	}
	n, err := h.Evidence.SweepUploads(ctx)
	if err != nil {
		return fmt.Errorf("evidence:sweep: %w", err)
	}
	if n > 0 {
		slog.InfoContext(ctx, "expired uploads removed", "count", n)
	}
	return nil
}
