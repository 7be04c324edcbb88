package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// ComplaintAssessPayload asks for a routed complaint to be judged again by the rule engine, after
// collector messages were pasted as evidence.
type ComplaintAssessPayload struct {
	ComplaintID string `json:"complaintId"`
}

// NewComplaintAssessTask builds a complaint:assess task.
func NewComplaintAssessTask(complaintID string) (*asynq.Task, error) {
	if complaintID == "" {
		return nil, fmt.Errorf("complaint:assess without complaintId")
	}
	b, err := json.Marshal(ComplaintAssessPayload{ComplaintID: complaintID})
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeComplaintAssess, b, asynq.Queue(QueueDefault), asynq.MaxRetry(10)), nil
}

func (h *Handlers) assessComplaint(ctx context.Context, t *asynq.Task) error {
	var p ComplaintAssessPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.ComplaintID == "" {
		return permanent(fmt.Errorf("complaint:assess: bad payload"))
	}
	c, err := h.Complaints.Reassess(ctx, p.ComplaintID)
	switch domain.CodeOf(err) {
	case domain.CodeNotFound, domain.CodeInvalid, domain.CodeForbidden:
		return permanent(fmt.Errorf("complaint:assess %s: %w", p.ComplaintID, err))
	}
	if err != nil {
		return fmt.Errorf("complaint:assess %s: %w", p.ComplaintID, err)
	}
	if h.Stats != nil {
		if err := h.Stats.Apply(ctx, c.ID); err != nil {
			return fmt.Errorf("complaint:assess %s: statistics: %w", c.ID, err)
		}
	}
	slog.InfoContext(ctx, "complaint assessed", "complaint", c.ID, "priority", c.Priority)
	return nil
}
