package workers_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/workers"
)

// Session 18's attack: every task type fed payloads of the wrong shape — JSON of another type,
// ids that are no ids, fields of the wrong type — as a bug in a producer, a stale task of an older
// release or someone with the queue's console would. No handler may panic, and a payload that
// cannot succeed is given up at once (SkipRetry) rather than retried for a day.
func TestMalformedTaskPayloadsAreGivenUp(t *testing.T) {
	p := newPlatform(t)
	mux := p.h.Mux()
	payloads := []string{`null`, `[]`, `"x"`, `7`, `{}`,
		`{"complaintId": 7}`, `{"complaintId": "not-a-uuid"}`, `{"complaintId": "00000000-0000-0000-0000-000000000000"}`,
		`{"complaintIds": ["not-a-uuid", ""]}`, `{"complaintIds": "x"}`,
		`{"kind": 5, "messageId": {}, "userId": "x", "resetId": [], "registrationId": "not-a-uuid", "codeId": "not-a-uuid"}`,
		`{"kind": "PASSWORD_RESET", "messageId": "not-a-uuid", "resetId": "not-a-uuid"}`,
		`{"kind": "PASSWORD_CHANGED", "messageId": "not-a-uuid", "userId": -1, "at": "x"}`,
		`{"kind": "SMS_MOBILE_CODE", "messageId": "not-a-uuid", "codeId": "not-a-uuid"}`,
		`{"id": "not-a-uuid", "topic": "complaint.changed", "payload": {"complaintId": "not-a-uuid", "action": "FORWARDED"}}`,
		`{"messages": [{"id": "not-a-uuid", "topic": 5}]}`,
		`{"deliveryId": "not-a-uuid"}`, `{"deliveryId": -1}`,
		`{"deadlineId": "not-a-uuid", "at": "x"}`, `{"jobId": "not-a-uuid"}`, `{"jobId": -5}`,
	}
	for _, typ := range workers.TaskTypes() {
		for i, raw := range payloads {
			t.Run(fmt.Sprintf("%s/%d", typ, i), func(t *testing.T) {
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("payload %s: panic %v", raw, r)
						}
					}()
					err = mux.ProcessTask(context.Background(), asynq.NewTask(typ, []byte(raw)))
				}()
				if err != nil && !errors.Is(err, asynq.SkipRetry) {
					t.Errorf("payload %s: %v, want nil or SkipRetry", raw, err)
				}
			})
		}
	}
}
