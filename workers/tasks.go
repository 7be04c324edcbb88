// Package workers runs redline's background work on asynq: the outbox relay that turns domain
// events into tasks, the task handlers (thin: decode, call the domain), and the periodic schedule.
package workers

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Queues, by urgency: deadlines are critical, routing is default, statistics and housekeeping low.
// Webhook deliveries wait on slow receivers, up to WebhookTimeout an attempt: they have a queue of
// their own, served by a server of its own with a small concurrency (WebhookServerConfig), so that
// however slow the receivers, they never hold a worker that deadlines or routing need.
const (
	QueueCritical = "critical"
	QueueDefault  = "default"
	QueueLow      = "low"
	QueueWebhooks = "webhooks"
)

// Queues weighs the queues for the server (webhook deliveries have their own, WebhookQueues).
var Queues = map[string]int{QueueCritical: 6, QueueDefault: 3, QueueLow: 1}

// WebhookQueues is the queue of the webhook deliveries' server.
var WebhookQueues = map[string]int{QueueWebhooks: 1}

// Task types, named noun:verb.
const (
	TypeComplaintRoute       = "complaint:route"
	TypeComplaintRouteBatch  = "complaint:route-batch"
	TypeComplaintAssess      = "complaint:assess"
	TypeOutboxPrune          = "outbox:prune"
	TypeNotificationDispatch = "notification:dispatch"
	TypeWebhookDeliver       = "webhook:deliver"
	TypePartitionsCreate     = "partitions:create"
)

// retention keeps a finished task's id in Redis so that a relay re-publishing the same outbox
// message after a crash gets ErrTaskIDConflict instead of running the task twice.
const retention = 72 * time.Hour

// newTask builds a task of type typ whose payload is p in JSON.
func newTask[T any](typ string, p T, opts ...asynq.Option) (*asynq.Task, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(typ, b, opts...), nil
}

// decode reads a task's JSON payload; one that does not decode, or that valid refuses, is given up
// (permanent) as "name: bad payload".
func decode[T any](t *asynq.Task, name string, valid func(T) bool) (T, error) {
	var p T
	if err := json.Unmarshal(t.Payload(), &p); err != nil || !valid(p) {
		return p, permanent(fmt.Errorf("%s: bad payload", name))
	}
	return p, nil
}

// ComplaintRoutePayload asks for a newly filed complaint to be routed to a team.
type ComplaintRoutePayload struct {
	ComplaintID string `json:"complaintId"`
}

// NewComplaintRouteTask builds a complaint:route task.
func NewComplaintRouteTask(complaintID string) (*asynq.Task, error) {
	return newTask(TypeComplaintRoute, ComplaintRoutePayload{ComplaintID: complaintID}, asynq.Queue(QueueDefault), asynq.MaxRetry(10))
}

// ComplaintRouteBatchPayload asks for several newly filed complaints to be routed together.
type ComplaintRouteBatchPayload struct {
	ComplaintIDs []string `json:"complaintIds"`
}

// NewComplaintRouteBatchTask builds a complaint:route-batch task for up to domain.RouteBatchSize
// complaints.
func NewComplaintRouteBatchTask(complaintIDs []string) (*asynq.Task, error) {
	return newTask(TypeComplaintRouteBatch, ComplaintRouteBatchPayload{ComplaintIDs: complaintIDs}, asynq.Queue(QueueDefault), asynq.MaxRetry(10))
}

// tasksFor maps an outbox message to the tasks it causes.
func tasksFor(m domain.Message) ([]*asynq.Task, error) {
	switch m.Topic {
	case domain.TopicComplaintFiled:
		id, _ := m.Payload["complaintId"].(string)
		if id == "" {
			return nil, fmt.Errorf("message %s: %s without complaintId", m.ID, m.Topic)
		}
		t, err := NewComplaintRouteTask(id)
		if err != nil {
			return nil, err
		}
		n, err := NewNotificationDispatchTask(m)
		if err != nil {
			return nil, err
		}
		// No statistics task: the routing of the complaint, which follows its filing within
		// seconds, brings its contribution up to date (routed or not), once instead of twice.
		return []*asynq.Task{t, n}, nil
	case domain.TopicComplaintChanged:
		n, err := NewNotificationDispatchTask(m)
		if err != nil {
			return nil, err
		}
		st, err := statsTasks(m)
		if err != nil {
			return nil, err
		}
		out := append([]*asynq.Task{n}, st...)
		if a, _ := m.Payload["action"].(string); a == string(domain.ActionAddEvidence) {
			id, _ := m.Payload["complaintId"].(string)
			t, err := NewComplaintAssessTask(id)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
		return out, nil
	case domain.TopicWebhookDelivery:
		id, _ := m.Payload["deliveryId"].(string)
		if id == "" {
			return nil, fmt.Errorf("message %s: %s without deliveryId", m.ID, m.Topic)
		}
		t, err := NewWebhookDeliverTask(id)
		if err != nil {
			return nil, err
		}
		return []*asynq.Task{t}, nil
	case domain.TopicRegistrationMail:
		t, err := NewRegistrationMailTask(m)
		if err != nil {
			return nil, err
		}
		return []*asynq.Task{t}, nil
	}
	return nil, nil // topics no worker listens to yet
}
