package workers_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
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

// relayTwice writes n complaint.filed messages (changed by edit, when given), relays them in one
// batch, and publishes them again as a relay that died before marking them would; it returns them.
func (f *fixture) relayTwice(t *testing.T, n int, edit func(i int, m *domain.Message)) []domain.Message {
	t.Helper()
	ctx := context.Background()
	f.relay.Batch = n
	msgs := make([]domain.Message, n)
	for i := range msgs {
		msgs[i] = filedMessage()
		if edit != nil {
			edit(i, &msgs[i])
		}
		if err := f.outbox.Write(ctx, msgs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.relay.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.relay.PublishBatch(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	return msgs
}

func filedMessage() domain.Message {
	return domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": uuid.NewString()}}
}

func (f *fixture) pending(t *testing.T) []*asynq.TaskInfo {
	t.Helper()
	tasks, err := f.ins.ListPendingTasks(workers.QueueDefault, asynq.PageSize(1000))
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
		// A filed complaint is routed (in a batch) and its complainant notified: one task of each type.
		tasks := f.pending(t)
		want := []string{workers.TypeComplaintRouteBatch, workers.TypeNotificationDispatchBatch}
		if got := taskTypes(tasks); !sameSet(got, want) {
			t.Fatalf("pending tasks = %v, want %v", taskIDs(tasks), want)
		}
		if id := taskIDs(tasks); !strings.HasPrefix(id[0], m.ID+":") || !strings.HasPrefix(id[1], m.ID+":") {
			t.Errorf("task ids %v do not start with the message id", id)
		}
		if n, _ := f.outbox.Pending(ctx); n != 0 {
			t.Errorf("%d outbox messages still pending after relay", n)
		}
		// No statistics task: the routing batch brings the complaint's statistics up to date.
		if low, err := f.ins.ListPendingTasks(workers.QueueLow); err == nil && len(low) > 0 {
			t.Errorf("low-queue tasks %v for a filed complaint, want none", taskIDs(low))
		}
	})

	t.Run("MessagesOfEveryMonthMarked", func(t *testing.T) {
		// The outbox is partitioned by month: messages of this month, of an earlier month (the
		// default partition) and to the microsecond are each marked relayed once, by their key.
		f := newFixture(t)
		now := time.Now().UTC()
		for _, at := range []time.Time{now, now.AddDate(0, -3, 0), now.Add(-time.Microsecond)} {
			if _, err := f.db.SQL.ExecContext(ctx, `INSERT INTO outbox (id, topic, payload, created_at) VALUES ($1, $2, $3, $4)`,
				uuid.NewString(), domain.TopicWebhookDelivery, `{"deliveryId":"`+uuid.NewString()+`"}`, at); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := f.relay.RunOnce(ctx); err != nil || n != 3 {
			t.Fatalf("relay: n=%d err=%v, want 3 relayed", n, err)
		}
		if n, err := f.relay.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("relay again: n=%d err=%v, want nothing relayed", n, err)
		}
		var marked int64
		if err := f.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE enqueued_at IS NOT NULL`).Scan(&marked); err != nil || marked != 3 {
			t.Fatalf("%d messages marked relayed (%v), want 3", marked, err)
		}
	})

	t.Run("FilingsRoutedInBatches", func(t *testing.T) {
		f := newFixture(t)
		n := domain.RouteBatchSize + 7
		want := map[string]bool{}
		for range n {
			m := filedMessage()
			want[m.Payload["complaintId"].(string)] = true
			if err := f.outbox.Write(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.relay.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		var batches []int
		for _, ti := range f.pending(t) {
			if ti.Type != workers.TypeComplaintRouteBatch {
				continue
			}
			var p workers.ComplaintRouteBatchPayload
			if err := json.Unmarshal(ti.Payload, &p); err != nil {
				t.Fatal(err)
			}
			batches = append(batches, len(p.ComplaintIDs))
			for _, id := range p.ComplaintIDs {
				if !want[id] {
					t.Errorf("complaint %s routed twice or never filed", id)
				}
				delete(want, id)
			}
		}
		slices.Sort(batches)
		if len(want) != 0 || !slices.Equal(batches, []int{7, domain.RouteBatchSize}) {
			t.Errorf("batches of %v, %d complaints left out; want one batch of %d and one of 7", batches, len(want), domain.RouteBatchSize)
		}
	})

	t.Run("StatisticsInBatches", func(t *testing.T) {
		f := newFixture(t)
		want := map[string]bool{}
		// Changes of complaints (a filed complaint's statistics are its routing's work).
		changed := func(_ int, m *domain.Message) {
			m.Topic, m.Payload["action"] = domain.TopicComplaintChanged, string(domain.ActionRespond)
		}
		for _, m := range f.relayTwice(t, workers.StatsBatchSize+5, changed) {
			want[m.Payload["complaintId"].(string)] = true
		}
		low, err := f.ins.ListPendingTasks(workers.QueueLow, asynq.PageSize(1000))
		if err != nil {
			t.Fatal(err)
		}
		var batches []int
		for _, ti := range low {
			if ti.Type != workers.TypeStatsApplyBatch {
				t.Errorf("%s task %s on the low queue, want only %s", ti.Type, ti.ID, workers.TypeStatsApplyBatch)
				continue
			}
			var p workers.StatsApplyBatchPayload
			if err := json.Unmarshal(ti.Payload, &p); err != nil {
				t.Fatal(err)
			}
			batches = append(batches, len(p.ComplaintIDs))
			for _, id := range p.ComplaintIDs {
				if !want[id] {
					t.Errorf("complaint %s counted twice or never filed", id)
				}
				delete(want, id)
			}
		}
		slices.Sort(batches)
		if len(want) != 0 || !slices.Equal(batches, []int{5, workers.StatsBatchSize}) {
			t.Errorf("statistics batches of %v, %d complaints left out; want one of %d and one of 5", batches, len(want), workers.StatsBatchSize)
		}
	})

	t.Run("NotificationsInBatches", func(t *testing.T) {
		f := newFixture(t)
		want := map[string]domain.Message{}
		forwarded := func(i int, m *domain.Message) {
			if i%2 == 1 {
				m.Topic, m.Payload["action"] = domain.TopicComplaintChanged, string(domain.ActionForward)
			}
		}
		for _, m := range f.relayTwice(t, domain.NotifyBatchSize+3, forwarded) {
			want[m.ID] = m
		}
		var batches []int
		for _, ti := range f.pending(t) {
			switch ti.Type {
			case workers.TypeNotificationDispatch:
				t.Errorf("task %s: a relayed message's notification is not batched", ti.ID)
			case workers.TypeNotificationDispatchBatch:
				var p workers.NotificationDispatchBatchPayload
				if err := json.Unmarshal(ti.Payload, &p); err != nil {
					t.Fatal(err)
				}
				batches = append(batches, len(p.Messages))
				for _, got := range p.Messages {
					m, ok := want[got.MessageID]
					if !ok || got.Topic != m.Topic || got.Payload["complaintId"] != m.Payload["complaintId"] || got.Payload["action"] != m.Payload["action"] {
						t.Errorf("message %+v dispatched twice or not as written (%+v)", got, m)
					}
					delete(want, got.MessageID)
				}
			}
		}
		slices.Sort(batches)
		if len(want) != 0 || !slices.Equal(batches, []int{3, domain.NotifyBatchSize}) {
			t.Errorf("notification batches of %v, %d messages left out; want one of %d and one of 3", batches, len(want), domain.NotifyBatchSize)
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
		mux.HandleFunc(workers.TypeComplaintRouteBatch, func(context.Context, *asynq.Task) error { runs.Add(1); return nil })
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
		apptest.Eventually(t, apptest.Patience, "the task to run", func() bool { return runs.Load() == 1 })
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

func taskTypes(ts []*asynq.TaskInfo) []string {
	var types []string
	for _, t := range ts {
		types = append(types, t.Type)
	}
	return types
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
