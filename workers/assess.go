package workers

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"
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
	return newTask(TypeComplaintAssess, ComplaintAssessPayload{ComplaintID: complaintID}, asynq.Queue(QueueDefault), asynq.MaxRetry(10))
}

func (h *Handlers) assessComplaint(ctx context.Context, t *asynq.Task) error {
	c, err := h.complaintStep(ctx, t, h.Complaints.Reassess)
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "complaint assessed", "complaint", c.ID, "priority", c.Priority)
	return nil
}
