package workers_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/workers"
)

type fixture struct {
	outbox *postgres.Outbox
	relay  *workers.Relay
	ins    *asynq.Inspector
	opt    asynq.RedisConnOpt
	db     *postgres.DB
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := pgtest.New(t)
	ropt, err := redis.ParseURL(apptest.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	opt := asynq.RedisClientOpt{Addr: ropt.Addr, DB: ropt.DB, Password: ropt.Password}
	client := asynq.NewClient(opt)
	ins := asynq.NewInspector(opt)
	t.Cleanup(func() { client.Close(); ins.Close() })
	ob := &postgres.Outbox{DB: db}
	return &fixture{outbox: ob, relay: &workers.Relay{Outbox: ob, Client: client}, ins: ins, opt: opt, db: db}
}

func filedMessage() domain.Message {
	return domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": uuid.NewString()}}
}

func (f *fixture) pending(t *testing.T) []*asynq.TaskInfo {
	t.Helper()
	tasks, err := f.ins.ListPendingTasks(workers.QueueDefault)
	if err != nil && err.Error() != "asynq: queue not found" {
		t.Fatalf("list pending: %v", err)
	}
	return tasks
}

func TestOutboxRelay(t *testing.T) {
	ctx := context.Background()

	t.Run("RelayRunningTwiceEnqueuesOnce", func(t *testing.T) {
		f := newFixture(t)
		m := filedMessage()
		if err := f.outbox.Write(ctx, m); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			if _, err := f.relay.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		// A filed complaint is routed and its complainant notified: one task of each type.
		tasks := f.pending(t)
		want := []string{m.ID + ":" + workers.TypeComplaintRoute, m.ID + ":" + workers.TypeNotificationDispatch}
		if got := taskIDs(tasks); !sameSet(got, want) {
			t.Fatalf("pending tasks = %v, want %v", got, want)
		}
		if n, _ := f.outbox.Pending(ctx); n != 0 {
			t.Errorf("%d outbox messages still pending after relay", n)
		}
	})

	t.Run("CrashAfterEnqueueBeforeMarking", func(t *testing.T) {
		f := newFixture(t)
		m := filedMessage()
		if err := f.outbox.Write(ctx, m); err != nil {
			t.Fatal(err)
		}
		// A relay enqueued the task and died before committing enqueued_at.
		if err := f.relay.Publish(ctx, m); err != nil {
			t.Fatal(err)
		}
		if n, _ := f.outbox.Pending(ctx); n != 1 {
			t.Fatalf("pending = %d, want the message still pending", n)
		}
		n, err := f.relay.RunOnce(ctx)
		if err != nil || n != 1 {
			t.Fatalf("second relay: n=%d err=%v", n, err)
		}
		if tasks := f.pending(t); len(tasks) != 2 {
			t.Fatalf("pending tasks = %v, want exactly one per task type (route, notify)", taskIDs(tasks))
		}
	})

	t.Run("ProcessedTaskIsNotRunAgainWhenRepublished", func(t *testing.T) {
		f := newFixture(t)
		var runs atomic.Int32
		srv := asynq.NewServer(f.opt, asynq.Config{Concurrency: 2, Queues: workers.Queues, LogLevel: asynq.FatalLevel})
		mux := asynq.NewServeMux()
		mux.HandleFunc(workers.TypeComplaintRoute, func(context.Context, *asynq.Task) error { runs.Add(1); return nil })
		if err := srv.Start(mux); err != nil {
			t.Fatal(err)
		}
		defer srv.Shutdown()
		m := filedMessage()
		if err := f.outbox.Write(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := f.relay.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		apptest.Eventually(t, 10*time.Second, "the task to run", func() bool { return runs.Load() == 1 })
		// A relay that crashed before marking the row publishes the message again later.
		if err := f.relay.Publish(ctx, m); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second) // longer than the server's 1 s queue poll
		if got := runs.Load(); got != 1 {
			t.Fatalf("task ran %d times, want once", got)
		}
	})

	t.Run("RolledBackTransactionEnqueuesNothing", func(t *testing.T) {
		f := newFixture(t)
		tx, err := f.db.SQL.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO outbox (id, topic, payload) VALUES ($1, $2, $3)`, uuid.NewString(), domain.TopicComplaintFiled, `{"complaintId":"`+uuid.NewString()+`"}`); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		n, err := f.relay.RunOnce(ctx)
		if err != nil || n != 0 {
			t.Fatalf("relay after rollback: n=%d err=%v, want nothing relayed", n, err)
		}
		if tasks := f.pending(t); len(tasks) != 0 {
			t.Fatalf("pending tasks = %v, want none", taskIDs(tasks))
		}
	})

	t.Run("FailedChangeWritesNoMessage", func(t *testing.T) {
		f := newFixture(t)
		store := &postgres.ComplaintStore{DB: f.db}
		// A domain change that fails leaves neither the change nor its messages behind.
		_, err := store.UpdateComplaint(ctx, uuid.NewString(), func(c *domain.Complaint) (domain.Change, error) {
			return domain.Change{Messages: []domain.Message{filedMessage()}}, nil
		})
		if domain.CodeOf(err) != domain.CodeNotFound {
			t.Fatalf("update of a missing complaint: %v, want NOT_FOUND", err)
		}
		if n, _ := f.outbox.Pending(ctx); n != 0 {
			t.Fatalf("outbox has %d messages after a failed change", n)
		}
	})
}

func taskIDs(ts []*asynq.TaskInfo) []string {
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return ids
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}
