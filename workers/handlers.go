package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Handlers hold what the task handlers call: domain services only.
type Handlers struct {
	Complaints    *domain.Complaints
	Outbox        Outbox
	Notifications *domain.Notifications
	// Deadlines reminds and records breaches of complaint clocks.
	Deadlines *domain.DeadlineWatch
	// Stats keeps the statistics aggregates and raises alerts; nil skips statistics tasks.
	Stats *domain.Statistics
	// Evidence sweeps expired unattached uploads; nil skips the sweep.
	Evidence *domain.EvidenceService
	// Registrations sends registration e-mails and sweeps expired registrations; nil skips both.
	Registrations *domain.Registrations
	// PasswordResets sends password-reset e-mails (registration:mail tasks of kind PASSWORD_RESET)
	// and sweeps expired reset links (with registration:sweep); nil skips both.
	PasswordResets *domain.PasswordResets
	// InstitutionUsers sweeps institutions' invitations that are done with (with
	// registration:sweep); nil skips it.
	InstitutionUsers *domain.InstitutionUsers
	// Reassessments runs rule reassessment jobs; nil refuses their tasks.
	Reassessments *domain.Reassessments
	// Partitions creates the coming months' history and outbox partitions; nil skips the task.
	Partitions PartitionKeeper
	// WebhookBackoff spaces webhook retries; nil means DefaultWebhookBackoff.
	WebhookBackoff Backoff
}

// routes maps each task type to its handler: the one list of task types (TaskTypes, Mux).
func (h *Handlers) routes() map[string]asynq.HandlerFunc {
	return map[string]asynq.HandlerFunc{
		// notification:dispatch for the messages of a relayed batch
		TypeNotificationDispatchBatch: h.dispatchNotificationsBatch,

		TypeComplaintRoute:       h.routeComplaint,
		TypeComplaintRouteBatch:  h.routeComplaints,
		TypeComplaintAssess:      h.assessComplaint,
		TypeOutboxPrune:          h.pruneOutbox,
		TypePartitionsCreate:     h.createPartitions,
		TypeNotificationDispatch: h.dispatchNotifications,
		TypeWebhookDeliver:       h.deliverWebhook,
		TypeDeadlineCheck:        h.checkDeadline,
		TypeDeadlineRemind:       h.remindDeadline,
		TypeDeadlineSweep:        h.sweepDeadlines,
		TypeEvidenceSweep:        h.sweepEvidence,
		TypeRegistrationMail:     h.sendRegistrationMail,
		TypeRegistrationSweep:    h.sweepRegistrations,
		TypeStatsApply:           h.applyStats,
		TypeStatsApplyBatch:      h.applyStatsBatch,
		TypeStatsRebuild:         h.rebuildStats,
		TypeStatsAlerts:          h.raiseAlerts,
		TypeStatsFold:            h.foldStats,
		TypeRulesReassess:        h.reassessRules,
		TypeRulesReassessWatch:   h.watchReassessments,
	}
}

// TaskTypes lists every task type the workers handle, sorted.
func TaskTypes() []string {
	return slices.Sorted(maps.Keys((&Handlers{}).routes()))
}

// Mux routes each task type to its handler.
func (h *Handlers) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	for typ, fn := range h.routes() {
		mux.HandleFunc(typ, fn)
	}
	return mux
}

// permanent wraps errors that retrying cannot fix, so asynq archives the task at once.
func permanent(err error) error { return fmt.Errorf("%w: %w", err, asynq.SkipRetry) }

// failed names a handler's error as "what: err"; one whose domain code is among final cannot be
// fixed by retrying (permanent).
func failed(what string, err error, final ...domain.ErrorCode) error {
	err = fmt.Errorf("%s: %w", what, err)
	if slices.Contains(final, domain.CodeOf(err)) {
		return permanent(err)
	}
	return err
}

// complaintStep runs a task on one complaint (complaint:route, complaint:assess): it decodes the
// payload's complaintId, runs the domain step on it (a complaint that is gone, invalid or refused
// is given up, anything else retried) and brings the complaint's statistics up to date with what
// the step stored. Errors are named by the task's type.
func (h *Handlers) complaintStep(ctx context.Context, t *asynq.Task, step func(context.Context, string) (*domain.Complaint, error)) (*domain.Complaint, error) {
	// complaint:assess's payload is complaint:route's.
	p, err := decode(t, t.Type(), func(p ComplaintRoutePayload) bool { return p.ComplaintID != "" })
	if err != nil {
		return nil, err
	}
	c, err := step(ctx, p.ComplaintID)
	if err != nil {
		return nil, failed(t.Type()+" "+p.ComplaintID, err, domain.CodeNotFound, domain.CodeInvalid, domain.CodeForbidden)
	}
	if h.Stats != nil {
		if err := h.Stats.Apply(ctx, c.ID); err != nil {
			return nil, fmt.Errorf("%s %s: statistics: %w", t.Type(), c.ID, err)
		}
	}
	return c, nil
}

func (h *Handlers) routeComplaint(ctx context.Context, t *asynq.Task) error {
	// The engine's flags count in the violation statistics: complaintStep brings them up to date
	// with the assessment routing just stored.
	c, err := h.complaintStep(ctx, t, h.Complaints.Route)
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "complaint routed", "complaint", c.ID, "team", c.Team, "status", c.Status)
	return nil
}

// PartitionKeeper creates the monthly partitions of the history and the outbox ahead of time.
type PartitionKeeper interface {
	CreateAhead(ctx context.Context) (int, error)
}

func (h *Handlers) createPartitions(ctx context.Context, _ *asynq.Task) error {
	if h.Partitions == nil {
		return nil
	}
	n, err := h.Partitions.CreateAhead(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		slog.InfoContext(ctx, "monthly partitions created", "created", n)
	}
	return nil
}

func (h *Handlers) routeComplaints(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t, TypeComplaintRouteBatch, func(p ComplaintRouteBatchPayload) bool {
		return len(p.ComplaintIDs) > 0 && len(p.ComplaintIDs) <= domain.RouteBatchSize
	})
	if err != nil {
		return err
	}
	routed, err := h.Complaints.RouteMany(ctx, p.ComplaintIDs)
	// A complaint that cannot be routed for good (gone, invalid) is logged and left; any other
	// failure retries the batch, whose routed complaints are then left as they are.
	var retry []error
	for _, e := range unjoin(err) {
		var re *domain.RouteError
		if errors.As(e, &re) {
			switch domain.CodeOf(re.Err) {
			case domain.CodeNotFound, domain.CodeInvalid, domain.CodeForbidden:
				slog.ErrorContext(ctx, "complaint cannot be routed; skipped", "complaint", re.ComplaintID, "err", re.Err)
				continue
			}
		}
		retry = append(retry, e)
	}
	// The statistics of the batch's complaints, brought up to date in one transaction: the
	// engine's flags of those routed count in the violation statistics, and the filing of every
	// one of them counts (the relay makes no statistics task of a complaint.filed message: this is
	// its one update, whether the complaint was routed, already routed or cannot be routed).
	if h.Stats != nil {
		ids := make([]string, 0, len(p.ComplaintIDs))
		for _, id := range p.ComplaintIDs {
			if domain.IsUUID(id) {
				ids = append(ids, id)
			}
		}
		if err := h.Stats.ApplyMany(ctx, ids); err != nil {
			retry = append(retry, fmt.Errorf("statistics of %d complaints: %w", len(ids), err))
		}
	}
	for _, c := range routed {
		slog.InfoContext(ctx, "complaint routed", "complaint", c.ID, "team", c.Team, "status", c.Status, "batch", len(p.ComplaintIDs))
	}
	if len(retry) > 0 {
		return fmt.Errorf("complaint:route-batch: %w", errors.Join(retry...))
	}
	return nil
}

// unjoin lists the errors errors.Join put together (err itself otherwise; none for nil).
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func (h *Handlers) pruneOutbox(ctx context.Context, _ *asynq.Task) error {
	n, err := h.Outbox.Prune(ctx, 7*24*time.Hour)
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "outbox pruned", "deleted", n)
	return nil
}
