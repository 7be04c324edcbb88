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

// Handlers hold what the task handlers call: domain services only.
type Handlers struct {
	Complaints    *domain.Complaints
	Outbox        Outbox
	Notifications *domain.Notifications
	// WebhookBackoff spaces webhook retries; nil means DefaultWebhookBackoff.
	WebhookBackoff Backoff
}

// Mux routes each task type to its handler.
func (h *Handlers) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.HandleFunc(TypeComplaintRoute, h.routeComplaint)
	mux.HandleFunc(TypeOutboxPrune, h.pruneOutbox)
	mux.HandleFunc(TypeNotificationDispatch, h.dispatchNotifications)
	mux.HandleFunc(TypeWebhookDeliver, h.deliverWebhook)
	return mux
}

// permanent wraps errors that retrying cannot fix, so asynq archives the task at once.
func permanent(err error) error { return fmt.Errorf("%w: %w", err, asynq.SkipRetry) }

func (h *Handlers) routeComplaint(ctx context.Context, t *asynq.Task) error {
	var p ComplaintRoutePayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.ComplaintID == "" {
		return permanent(fmt.Errorf("complaint:route: bad payload"))
	}
	c, err := h.Complaints.Route(ctx, p.ComplaintID)
	switch domain.CodeOf(err) {
	case domain.CodeNotFound, domain.CodeInvalid, domain.CodeForbidden:
		return permanent(fmt.Errorf("complaint:route %s: %w", p.ComplaintID, err))
	}
	if err != nil {
		return fmt.Errorf("complaint:route %s: %w", p.ComplaintID, err)
	}
	slog.InfoContext(ctx, "complaint routed", "complaint", c.ID, "team", c.Team, "status", c.Status)
	return nil
}

func (h *Handlers) pruneOutbox(ctx context.Context, _ *asynq.Task) error {
	n, err := h.Outbox.Prune(ctx, 7*24*time.Hour)
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "outbox pruned", "deleted", n)
	return nil
}
