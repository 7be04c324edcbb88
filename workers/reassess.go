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

// Rule reassessment tasks: one batch of a job's complaints (domain.Reassessments), and the periodic
// watch that queues again the jobs whose task was lost (domain.ReassessIdle).
const (
	TypeRulesReassess      = "rules:reassess"
	TypeRulesReassessWatch = "rules:reassess-watch"
)

// NewRulesReassessWatchTask builds the watch over stalled rule reassessment jobs.
func NewRulesReassessWatchTask() *asynq.Task {
	return asynq.NewTask(TypeRulesReassessWatch, nil, asynq.Queue(QueueLow), asynq.MaxRetry(0), asynq.Timeout(time.Minute))
}

// watchReassessments queues again, from their cursors, the jobs queued or running that have not
// moved for domain.ReassessIdle: after Redis restarted empty, or a start whose queueing failed.
func (h *Handlers) watchReassessments(ctx context.Context, _ *asynq.Task) error {
	if h.Reassessments == nil {
		return nil
	}
	n, err := h.Reassessments.ResumeStalled(domain.WithActor(ctx, domain.Actor{Role: domain.RoleSystem}), domain.ReassessIdle)
	if err != nil {
		return fmt.Errorf("rules:reassess-watch: %w", err)
	}
	if n > 0 {
		slog.WarnContext(ctx, "stalled rule reassessments queued again", "count", n)
	}
	return nil
}

// RulesReassessPayload names the job and the cursor its batch starts from (the TaskID's part; the
// batch itself goes on from the job's stored cursor).
type RulesReassessPayload struct {
	JobID  string `json:"jobId"`
	Cursor string `json:"cursor,omitempty"`
}

// NewRulesReassessTask builds the batch task of a job starting at cursor. Its TaskID is the job and
// the cursor, so that queueing the same batch twice (a retried enqueue, a resume racing the worker)
// queues it once.
func NewRulesReassessTask(jobID, cursor string) (*asynq.Task, error) {
	if jobID == "" {
		return nil, fmt.Errorf("rules:reassess without jobId")
	}
	b, err := json.Marshal(RulesReassessPayload{JobID: jobID, Cursor: cursor})
	if err != nil {
		return nil, err
	}
	start := cursor
	if start == "" {
		start = "start"
	}
	return asynq.NewTask(TypeRulesReassess, b, asynq.Queue(QueueLow), asynq.MaxRetry(10),
		asynq.TaskID("rules:reassess:"+jobID+":"+start), asynq.Retention(retention)), nil
}

// ReassessQueue implements domain.ReassessQueue with an asynq client.
type ReassessQueue struct{ Client *asynq.Client }

// EnqueueReassessBatch implements domain.ReassessQueue: a batch already queued (same job and
// cursor) is not an error.
func (q ReassessQueue) EnqueueReassessBatch(ctx context.Context, jobID, cursor string) error {
	t, err := NewRulesReassessTask(jobID, cursor)
	if err != nil {
		return err
	}
	if _, err := q.Client.EnqueueContext(ctx, t); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
		return err
	}
	return nil
}

// reassessRules runs one batch and queues the next; a batch that fails is retried by asynq (from the
// job's cursor), and the job is marked FAILED when asynq gives up.
func (h *Handlers) reassessRules(ctx context.Context, t *asynq.Task) error {
	if h.Reassessments == nil {
		return permanent(fmt.Errorf("rule reassessment is not configured on this worker"))
	}
	var p RulesReassessPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.JobID == "" {
		return permanent(fmt.Errorf("rules:reassess: bad payload"))
	}
	more, cursor, err := h.Reassessments.RunBatch(ctx, p.JobID)
	if domain.CodeOf(err) == domain.CodeNotFound {
		return permanent(fmt.Errorf("rules:reassess %s: %w", p.JobID, err))
	}
	if err != nil {
		retried, _ := asynq.GetRetryCount(ctx)
		if max, ok := asynq.GetMaxRetry(ctx); ok && retried >= max {
			if ferr := h.Reassessments.Fail(ctx, p.JobID, err); ferr != nil {
				slog.ErrorContext(ctx, "rule reassessment: recording the failure", "job", p.JobID, "err", ferr)
			}
		}
		return fmt.Errorf("rules:reassess %s: %w", p.JobID, err)
	}
	if more {
		if err := h.Reassessments.Queue.EnqueueReassessBatch(ctx, p.JobID, cursor); err != nil {
			return fmt.Errorf("rules:reassess %s: queueing the next batch: %w", p.JobID, err)
		}
	}
	slog.InfoContext(ctx, "rule reassessment batch", "job", p.JobID, "cursor", cursor, "more", more)
	return nil
}
