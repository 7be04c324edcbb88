package workers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Statistics tasks: keep the aggregates current and raise alerts (docs/STATISTICS.md).
const (
	TypeStatsApply = "stats:apply"
	// TypeStatsApplyBatch is stats:apply for the complaints of a relayed batch of messages.
	TypeStatsApplyBatch = "stats:apply-batch"
	TypeStatsRebuild    = "stats:rebuild"
	TypeStatsAlerts     = "stats:alerts"
	// TypeStatsFold folds what stats:apply-batch staged and no fold took in (a worker that died
	// between the two); every minute, by the scheduler.
	TypeStatsFold = "stats:fold"
)

// NewStatsFoldTask builds the periodic stats:fold task: low queue, not retried (the next minute's
// runs instead). With nothing pending it costs one index probe.
func NewStatsFoldTask() *asynq.Task {
	return asynq.NewTask(TypeStatsFold, nil, asynq.Queue(QueueLow), asynq.MaxRetry(0), asynq.Timeout(55*time.Second))
}

// StatsRebuildDays is how far back the periodic rebuild recomputes: long enough to cover every
// complaint whose answer can still fall due.
const StatsRebuildDays = 120

// StatsApplyPayload asks for a complaint's contribution to the statistics to be brought up to date.
type StatsApplyPayload struct {
	ComplaintID string `json:"complaintId"`
}

// NewStatsApplyTask builds a stats:apply task on the low queue.
func NewStatsApplyTask(complaintID string) (*asynq.Task, error) {
	return newTask(TypeStatsApply, StatsApplyPayload{ComplaintID: complaintID}, asynq.Queue(QueueLow), asynq.MaxRetry(20))
}

// StatsBatchSize is the most complaints the relay puts in one stats:apply-batch task.
const StatsBatchSize = 200

// StatsApplyBatchPayload asks for several complaints' contributions to be brought up to date.
type StatsApplyBatchPayload struct {
	ComplaintIDs []string `json:"complaintIds"`
}

// NewStatsApplyBatchTask builds a stats:apply-batch task on the low queue.
func NewStatsApplyBatchTask(complaintIDs []string) (*asynq.Task, error) {
	return newTask(TypeStatsApplyBatch, StatsApplyBatchPayload{ComplaintIDs: complaintIDs}, asynq.Queue(QueueLow), asynq.MaxRetry(20))
}

// statsTasks returns the stats:apply task of a complaint message.
func statsTasks(m domain.Message) ([]*asynq.Task, error) {
	id, _ := m.Payload["complaintId"].(string)
	if id == "" {
		return nil, fmt.Errorf("message %s: %s without complaintId", m.ID, m.Topic)
	}
	t, err := NewStatsApplyTask(id)
	if err != nil {
		return nil, err
	}
	return []*asynq.Task{t}, nil
}

// errNoStats refuses statistics tasks on a worker built without statistics.
var errNoStats = permanent(fmt.Errorf("statistics are not configured on this worker"))

func (h *Handlers) applyStats(ctx context.Context, t *asynq.Task) error {
	if h.Stats == nil {
		return errNoStats
	}
	p, err := decode(t, TypeStatsApply, func(p StatsApplyPayload) bool { return p.ComplaintID != "" })
	if err != nil {
		return err
	}
	err = h.Stats.Apply(ctx, p.ComplaintID)
	if domain.CodeOf(err) == domain.CodeInvalid {
		return permanent(fmt.Errorf("stats:apply %s: %w", p.ComplaintID, err))
	}
	return err
}

// applyStatsBatch is applyStats for several complaints in one transaction; an id that is not a
// complaint id is logged and left out, as stats:apply gives it up.
func (h *Handlers) applyStatsBatch(ctx context.Context, t *asynq.Task) error {
	if h.Stats == nil {
		return errNoStats
	}
	p, err := decode(t, TypeStatsApplyBatch, func(p StatsApplyBatchPayload) bool { return len(p.ComplaintIDs) > 0 })
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(p.ComplaintIDs))
	for _, id := range p.ComplaintIDs {
		if !domain.IsUUID(id) {
			slog.ErrorContext(ctx, "stats:apply-batch: not a complaint id; skipped", "complaint", id)
			continue
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	if err := h.Stats.ApplyMany(ctx, ids); err != nil {
		return fmt.Errorf("stats:apply-batch of %d complaints: %w", len(ids), err)
	}
	return nil
}

func (h *Handlers) rebuildStats(ctx context.Context, _ *asynq.Task) error {
	if h.Stats == nil {
		return errNoStats
	}
	if err := h.Stats.RebuildRecent(ctx, StatsRebuildDays); err != nil {
		return fmt.Errorf("stats:rebuild: %w", err)
	}
	slog.InfoContext(ctx, "statistics rebuilt", "days", StatsRebuildDays)
	return nil
}

func (h *Handlers) foldStats(ctx context.Context, _ *asynq.Task) error {
	if h.Stats == nil {
		return errNoStats
	}
	b, err := h.Stats.Backlog(ctx)
	if err != nil || b.Pending == 0 {
		return err
	}
	if err := h.Stats.FoldPending(ctx); err != nil {
		return fmt.Errorf("stats:fold of %d differences: %w", b.Pending, err)
	}
	slog.InfoContext(ctx, "statistics: folded differences a batch had left staged", "pending", b.Pending, "oldest", b.Oldest.Round(time.Second))
	return nil
}

func (h *Handlers) raiseAlerts(ctx context.Context, _ *asynq.Task) error {
	if h.Stats == nil {
		return errNoStats
	}
	raised, err := h.Stats.RaiseAlerts(ctx)
	if err != nil {
		return fmt.Errorf("stats:alerts: %w", err)
	}
	for _, a := range raised {
		slog.InfoContext(ctx, "alert raised", "kind", a.Kind, "institution", a.InstitutionID, "key", a.Key, "observed", a.Observed, "z", a.Statistic)
	}
	return nil
}
