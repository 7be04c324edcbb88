package workers_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/workers"
)

// TestRetryDelayAfterLostLease: a task whose worker died (asynq's recoverer hands it back with
// ErrLeaseExpired) did not fail, so it runs again at once instead of after the 15–45 s of a first
// failure; a real failure still waits.
func TestRetryDelayAfterLostLease(t *testing.T) {
	task := asynq.NewTask(workers.TypeDeadlineCheck, nil)
	if got := workers.RetryDelay(0, asynq.ErrLeaseExpired, task); got > time.Second {
		t.Errorf("retry delay after a lost lease = %s, want at most 1s", got)
	}
	if got := workers.RetryDelay(0, fmt.Errorf("wrapped: %w", asynq.ErrLeaseExpired), task); got > time.Second {
		t.Errorf("retry delay after a wrapped lost lease = %s, want at most 1s", got)
	}
	if got := workers.RetryDelay(0, errors.New("database said no"), task); got < 10*time.Second {
		t.Errorf("retry delay after a failure = %s, want asynq's backoff (15 s or more)", got)
	}
}
