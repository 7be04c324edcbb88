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
	return newTask(TypeRulesReassess, RulesReassessPayload{JobID: jobID, Cursor: cursor}, asynq.Queue(QueueLow), asynq.MaxRetry(10),
		asynq.TaskID(reassessTaskID(jobID, cursor)), asynq.Retention(retention))
}

// reassessTaskID names the batch of job jobID that starts at cursor.
func reassessTaskID(jobID, cursor string) string {
	if cursor == "" {
		cursor = "start"
	}
	return "rules:reassess:" + jobID + ":" + cursor
}

// ReassessQueue implements domain.ReassessQueue with an asynq client.
type ReassessQueue struct {
	Client *asynq.Client
	// Redis, when set, lets a batch replace the archived task of the same id: a job resumed after
	// its batch failed for good without moving the cursor would otherwise be absorbed by that id.
	Redis asynq.RedisConnOpt
}

// EnqueueReassessBatch implements domain.ReassessQueue: a batch already queued, running or done
// (same job and cursor) is not an error; one that asynq archived after its last retry is queued
// again.
func (q ReassessQueue) EnqueueReassessBatch(ctx context.Context, jobID, cursor string) error {
	t, err := NewRulesReassessTask(jobID, cursor)
	if err != nil {
		return err
	}
	_, err = q.Client.EnqueueContext(ctx, t)
	if !errors.Is(err, asynq.ErrTaskIDConflict) {
		return err
	}
	if q.Redis == nil {
		return nil
	}
	in := asynq.NewInspector(q.Redis)
	defer in.Close()
	id := reassessTaskID(jobID, cursor)
	info, err := in.GetTaskInfo(QueueLow, id)
	if err != nil || info.State != asynq.TaskStateArchived {
		return nil // queued, running or done meanwhile
	}
	if err := in.DeleteTask(QueueLow, id); err != nil && !errors.Is(err, asynq.ErrTaskNotFound) {
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
	p, err := decode(t, TypeRulesReassess, func(p RulesReassessPayload) bool { return p.JobID != "" })
	if err != nil {
		return err
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
