package workers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/workers"
)

// platform is the real platform without running workers or relay: the tests deliver tasks
// themselves, through the handlers the workers run.
type platform struct {
	env                                     *apptest.Env
	h                                       *workers.Handlers
	complainant, reviewer, agent, instAdmin domain.Actor
	mu                                      sync.Mutex
	shift                                   time.Duration // the complaint service's clock runs this far behind
}

func newPlatform(t *testing.T) *platform {
	t.Helper()
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := &platform{env: env, h: env.App.Handlers()}
	for email, dst := range map[string]*domain.Actor{"complainant@redline.demo": &p.complainant, "reviewer@redline.demo": &p.reviewer,
		"agent@redline.demo": &p.agent, "instadmin@redline.demo": &p.instAdmin} {
		u, err := env.App.Accounts.Store.UserByEmail(context.Background(), email)
		if err != nil {
			t.Fatalf("demo user %s: %v", email, err)
		}
		*dst = u.Actor()
	}
	env.App.Complaints.Now = func() time.Time {
		p.mu.Lock()
		defer p.mu.Unlock()
		return time.Now().UTC().Add(-p.shift)
	}
	return p
}

func (p *platform) ctx(a domain.Actor) context.Context {
	return domain.WithActor(context.Background(), a)
}

// file files and routes a complaint against the demo agent's institution.
func (p *platform) file(t *testing.T, route bool) *domain.Complaint {
	t.Helper()
	c, err := p.env.App.Complaints.File(p.ctx(p.complainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: p.agent.InstitutionID, LenderName: "招行信用卡", Product: domain.ProductCreditCard, Province: "310000",
		Narrative: "催收员每天给我打二十多个电话，说不还钱就到我家来。"}, uuid.NewString())
	if err != nil {
		t.Fatalf("file: %v", err)
	}
	if route {
		if c, err = p.env.App.Complaints.Route(context.Background(), c.ID); err != nil {
			t.Fatalf("route: %v", err)
		}
	}
	return c
}

// forwardedAgo files a complaint and forwards it to the lender as if ago had passed since, and
// returns the lender's clock.
func (p *platform) forwardedAgo(t *testing.T, ago time.Duration) (*domain.Complaint, domain.Deadline) {
	t.Helper()
	p.mu.Lock()
	p.shift = ago
	p.mu.Unlock()
	defer func() { p.mu.Lock(); p.shift = 0; p.mu.Unlock() }()
	c := p.file(t, true)
	c, err := p.env.App.Complaints.Forward(p.ctx(p.reviewer), c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)
	if err != nil {
		t.Fatalf("forward: %v", err)
	}
	ds, err := p.env.App.Complaints.Deadlines(p.ctx(p.reviewer), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Kind == domain.DeadlineInstitutionResponse && d.State == domain.DeadlineOpen {
			return c, d
		}
	}
	t.Fatalf("no institution clock in %+v", ds)
	return nil, domain.Deadline{}
}

func (p *platform) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := p.env.App.DB.Gorm.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func (p *platform) events(t *testing.T, complaintID string, action domain.Action) int {
	t.Helper()
	return p.count(t, "SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND action = ?", complaintID, string(action))
}

// filedMessage returns the complaint.filed message of a complaint, as the relay reads it.
func (p *platform) filedMessage(t *testing.T, c *domain.Complaint) domain.Message {
	t.Helper()
	var id string
	if err := p.env.App.DB.Gorm.Raw("SELECT id FROM outbox WHERE topic = ? AND payload->>'complaintId' = ?", domain.TopicComplaintFiled, c.ID).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("filed message: %v", err)
	}
	return domain.Message{ID: id, Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": c.ID}}
}

// deliverTwice runs a task through the workers' mux twice, as a redelivery would.
func (p *platform) deliverTwice(t *testing.T, task *asynq.Task) {
	t.Helper()
	mux := p.h.Mux()
	for i := range 2 {
		if err := mux.ProcessTask(context.Background(), task); err != nil {
			t.Fatalf("delivery %d of %s: %v", i+1, task.Type(), err)
		}
	}
}

// TestEveryTaskTypeIsIdempotent delivers every task type the workers handle twice and checks that
// its effect happened once. A task type without a case here fails the test: add one.
func TestEveryTaskTypeIsIdempotent(t *testing.T) {
	p := newPlatform(t)
	ctx := context.Background()
	cases := map[string]func(t *testing.T){
		workers.TypeComplaintRoute: func(t *testing.T) {
			c := p.file(t, false)
			task, err := workers.NewComplaintRouteTask(c.ID)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			if n := p.events(t, c.ID, domain.ActionRoute); n != 1 {
				t.Errorf("%d ROUTED events, want 1", n)
			}
		},
		workers.TypeComplaintRouteBatch: func(t *testing.T) {
			a, b := p.file(t, false), p.file(t, true)
			task, err := workers.NewComplaintRouteBatchTask([]string{a.ID, b.ID, uuid.NewString()})
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			for _, c := range []*domain.Complaint{a, b} {
				if n := p.events(t, c.ID, domain.ActionRoute); n != 1 {
					t.Errorf("%d ROUTED events for %s, want 1", n, c.Reference)
				}
				// The batch counts every one of its complaints in the statistics, the one routed
				// before it too (the relay makes no statistics task of a filing), at its routed state.
				if n := p.count(t, "SELECT count(*) FROM stats_contributions s JOIN complaints c ON c.id = s.complaint_id WHERE c.id = ? AND s.version = c.version AND c.status = ?",
					c.ID, string(domain.StatusInTriage)); n != 1 {
					t.Errorf("%d statistics contributions of %s as routed, want 1", n, c.Reference)
				}
			}
		},
		workers.TypeComplaintAssess: func(t *testing.T) {
			c := p.file(t, true)
			if _, err := p.env.App.Evidence.AddCollectorMessages(p.ctx(p.complainant), c.ID, []domain.NewCollectorMessage{
				{Sender: "13800138000", SentAt: time.Now().Add(-time.Hour), Text: "三天内不还钱，就弄死你全家。"}}); err != nil {
				t.Fatal(err)
			}
			task, err := workers.NewComplaintAssessTask(c.ID)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			if n := p.events(t, c.ID, domain.ActionReassess); n != 1 {
				t.Errorf("%d REASSESSED events, want 1", n)
			}
		},
		workers.TypeRulesReassess: func(t *testing.T) {
			p.file(t, true)
			since, _ := domain.ParseReassessSince(time.Now().AddDate(0, 0, -1).Format("2006-01-02"))
			judged := p.count(t, "SELECT count(*) FROM complaints WHERE assessment IS NOT NULL AND merged_into IS NULL AND created_at >= ?", since)
			job, err := p.env.App.Reassessments.Start(domain.WithActor(ctx, domain.Actor{Role: domain.RoleSystem}), since, "idempotency")
			if err != nil {
				t.Fatal(err)
			}
			task, err := workers.NewRulesReassessTask(job.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			j, err := p.env.App.Reassessments.Store.Reassessment(ctx, job.ID)
			if err != nil {
				t.Fatal(err)
			}
			if j.State != domain.ReassessDone || j.Changed+j.Unchanged != judged {
				t.Errorf("job %s with %d+%d complaints counted, want DONE with each of the %d once", j.State, j.Changed, j.Unchanged, judged)
			}
		},
		workers.TypeNotificationDispatch: func(t *testing.T) {
			m := p.filedMessage(t, p.file(t, true))
			task, err := workers.NewNotificationDispatchTask(m)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			// The complainant hears of the filing once in the app and once by e-mail.
			if n := p.count(t, "SELECT count(*) FROM notifications WHERE source_message_id = ?", m.ID); n != 2 {
				t.Errorf("%d notifications for the message, want 2 (in-app and e-mail)", n)
			}
		},
		workers.TypeNotificationDispatchBatch: func(t *testing.T) {
			ms := []domain.Message{p.filedMessage(t, p.file(t, true)), p.filedMessage(t, p.file(t, true)),
				{ID: uuid.NewString(), Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": uuid.NewString()}}} // no such complaint: skipped
			task, err := workers.NewNotificationDispatchBatchTask(ms)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			for _, m := range ms[:2] {
				if n := p.count(t, "SELECT count(*) FROM notifications WHERE source_message_id = ?", m.ID); n != 2 {
					t.Errorf("%d notifications for message %s, want 2 (in-app and e-mail)", n, m.ID)
				}
				if n := p.count(t, "SELECT count(*) FROM notifications WHERE source_message_id = ? AND channel = 'EMAIL' AND sent_at IS NOT NULL", m.ID); n != 1 {
					t.Errorf("%d e-mails marked sent for message %s, want 1", n, m.ID)
				}
			}
		},
		workers.TypeOutboxPrune: func(t *testing.T) {
			old, recent := uuid.NewString(), uuid.NewString()
			if err := p.env.App.Outbox.Write(ctx, domain.Message{ID: old, Topic: "test.old"}, domain.Message{ID: recent, Topic: "test.recent"}); err != nil {
				t.Fatal(err)
			}
			// The old message belongs to a month long past, whose partition pruning drops whole.
			past := time.Now().UTC().AddDate(0, -6, 0)
			past = time.Date(past.Year(), past.Month(), 1, 0, 0, 0, 0, time.UTC)
			if err := p.env.App.DB.Gorm.Exec("SELECT redline_create_month_partition('outbox', 'created_at', CAST(? AS date))", past.Format("2006-01-02")).Error; err != nil {
				t.Fatal(err)
			}
			if err := p.env.App.DB.Gorm.Exec("UPDATE outbox SET created_at = ?, enqueued_at = ? WHERE id = ?", past.Add(time.Hour), past.Add(2*time.Hour), old).Error; err != nil {
				t.Fatal(err)
			}
			if err := p.env.App.DB.Gorm.Exec("UPDATE outbox SET enqueued_at = now() - interval '1 day' WHERE id = ?", recent).Error; err != nil {
				t.Fatal(err)
			}
			before := p.count(t, "SELECT count(*) FROM outbox")
			p.deliverTwice(t, asynq.NewTask(workers.TypeOutboxPrune, nil))
			if n := p.count(t, "SELECT count(*) FROM outbox"); n != before-1 {
				t.Errorf("outbox %d -> %d rows, want one pruned", before, n)
			}
			if n := p.count(t, "SELECT count(*) FROM outbox WHERE id = ?", recent); n != 1 {
				t.Error("a message published a day ago was pruned")
			}
		},
		workers.TypePartitionsCreate: func(t *testing.T) {
			const parts = "SELECT count(*) FROM pg_inherits WHERE inhparent IN ('complaint_events'::regclass, 'outbox'::regclass)"
			before := p.count(t, parts)
			// The last month the migration made ahead goes missing; the task makes it again, once.
			last := time.Now().UTC().AddDate(0, 0, -time.Now().UTC().Day()+1).AddDate(0, 3, 0).Format("y2006m01")
			if err := p.env.App.DB.Gorm.Exec("DROP TABLE complaint_events_" + last + ", outbox_" + last).Error; err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, asynq.NewTask(workers.TypePartitionsCreate, nil))
			if n := p.count(t, parts); n != before {
				t.Errorf("%d partitions after the task ran twice, want %d as before", n, before)
			}
			if n := p.count(t, "SELECT count(*) FROM pg_class WHERE relname IN (?, ?)", "complaint_events_"+last, "outbox_"+last); n != 2 {
				t.Errorf("%d of the month's two partitions made again", n)
			}
		},
		workers.TypeWebhookDeliver: func(t *testing.T) {
			r := newReceiver(t, 200)
			admin := p.ctx(p.instAdmin)
			if _, err := p.env.App.Notifications.SetWebhook(admin, p.instAdmin.InstitutionID, r.URL+"/hook"); err != nil {
				t.Fatal(err)
			}
			id, err := p.env.App.Notifications.PingWebhook(admin, p.instAdmin.InstitutionID)
			if err != nil {
				t.Fatal(err)
			}
			task, err := workers.NewWebhookDeliverTask(id)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			if n := len(r.got()); n != 1 {
				t.Errorf("the institution's endpoint received %d posts, want 1", n)
			}
		},
		workers.TypeDeadlineCheck: func(t *testing.T) {
			c, d := p.forwardedAgo(t, 20*24*time.Hour) // past due
			task, _, err := workers.NewDeadlineCheckTask(d.ID, d.DueAt)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			if n := p.events(t, c.ID, domain.ActionDeadlineBreached); n != 1 {
				t.Errorf("%d breach events, want 1", n)
			}
		},
		workers.TypeDeadlineRemind: func(t *testing.T) {
			c, d := p.forwardedAgo(t, 14*24*time.Hour)
			// A reminder whose time came an hour ago, whatever the due day is.
			offset := time.Until(d.DueAt).Truncate(time.Second) + time.Hour
			task, _, err := workers.NewDeadlineRemindTask(d.ID, d.DueAt, offset)
			if err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, task)
			if n := p.count(t, "SELECT count(*) FROM outbox WHERE payload->>'complaintId' = ? AND payload->>'action' = ?", c.ID, string(domain.ActionDeadlineReminder)); n != 1 {
				t.Errorf("%d reminder messages, want 1", n)
			}
		},
		workers.TypeDeadlineSweep: func(t *testing.T) {
			c, _ := p.forwardedAgo(t, 30*24*time.Hour)
			p.deliverTwice(t, workers.NewDeadlineSweepTask())
			if n := p.events(t, c.ID, domain.ActionDeadlineBreached); n != 1 {
				t.Errorf("%d breach events, want 1", n)
			}
		},
		workers.TypeEvidenceSweep: func(t *testing.T) { sweepsExpiredUploads(t, p) },
		workers.TypeRegistrationMail: func(t *testing.T) {
			if err := p.env.App.Registrations.Register(ctx, "twice@example.cn", "correct-horse-42", "两次"); err != nil {
				t.Fatal(err)
			}
			var payload []byte
			if err := p.env.App.DB.Gorm.Raw(`SELECT o.payload::text FROM outbox o JOIN pending_registrations r ON r.id::text = o.payload->>'registrationId'
				WHERE r.email = 'twice@example.cn'`).Row().Scan(&payload); err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, asynq.NewTask(workers.TypeRegistrationMail, payload))
			mails, err := p.env.App.DevMailbox.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, m := range mails {
				if m.To == "twice@example.cn" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d e-mails sent, want 1", n)
			}
		},
		workers.TypeRegistrationSweep: func(t *testing.T) {
			if err := p.env.App.Registrations.Register(ctx, "expired@example.cn", "correct-horse-42", "过期"); err != nil {
				t.Fatal(err)
			}
			if err := p.env.App.DB.Gorm.Exec("UPDATE pending_registrations SET expires_at = now() - interval '1 hour'").Error; err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, workers.NewRegistrationSweepTask())
			if n := p.count(t, "SELECT count(*) FROM pending_registrations"); n != 0 {
				t.Errorf("%d expired registrations left", n)
			}
		},
		workers.TypeStatsApply: func(t *testing.T) {
			c := p.file(t, true)
			task, err := workers.NewStatsApplyTask(c.ID)
			if err != nil {
				t.Fatal(err)
			}
			before := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'")
			p.deliverTwice(t, task)
			if n := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'"); n != before+1 {
				t.Errorf("complaints counted %d -> %d, want one more", before, n)
			}
		},
		workers.TypeStatsApplyBatch: func(t *testing.T) {
			a, b := p.file(t, true), p.file(t, true)
			task, err := workers.NewStatsApplyBatchTask([]string{a.ID, b.ID, a.ID})
			if err != nil {
				t.Fatal(err)
			}
			before := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'")
			p.deliverTwice(t, task)
			if n := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'"); n != before+2 {
				t.Errorf("complaints counted %d -> %d, want two more", before, n)
			}
		},
		workers.TypeStatsFold: func(t *testing.T) {
			// A batch whose worker died between its stage and its fold: its +1 difference waits in
			// stats_pending. The periodic fold adds it once, and a second delivery finds nothing.
			b := p.file(t, true)
			applied, err := workers.NewStatsApplyBatchTask([]string{b.ID})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.h.Mux().ProcessTask(context.Background(), applied); err != nil {
				t.Fatal(err)
			}
			var cols []string
			if err := p.env.App.DB.Gorm.Raw(`SELECT column_name FROM information_schema.columns
				WHERE table_name = 'stats_contributions' AND table_schema = current_schema() ORDER BY ordinal_position`).Scan(&cols).Error; err != nil || len(cols) == 0 {
				t.Fatalf("stats_contributions columns: %v %v", cols, err)
			}
			before := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'")
			// Stage b's contribution once more, as a batch whose fold never ran would have left it.
			list := strings.Join(cols, ", ")
			if err := p.env.App.DB.Gorm.Exec("INSERT INTO stats_pending (sign, "+list+") SELECT 1, "+list+
				" FROM stats_contributions WHERE complaint_id = ?", b.ID).Error; err != nil {
				t.Fatal(err)
			}
			if n := p.count(t, "SELECT count(*) FROM stats_pending"); n != 1 {
				t.Fatalf("%d differences staged, want 1", n)
			}
			p.deliverTwice(t, workers.NewStatsFoldTask())
			if n := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'"); n != before+1 {
				t.Errorf("complaints counted %d -> %d after two folds, want one more", before, n)
			}
			if n := p.count(t, "SELECT count(*) FROM stats_pending"); n != 0 {
				t.Errorf("%d differences still pending after the folds", n)
			}
		},
		workers.TypeStatsRebuild: func(t *testing.T) {
			p.deliverTwice(t, asynq.NewTask(workers.TypeStatsRebuild, nil))
			total := p.count(t, "SELECT count(*) FROM complaints")
			if n := p.count(t, "SELECT COALESCE(sum(n), 0) FROM stats_r_all WHERE grain = 'D'"); n != total {
				t.Errorf("after two rebuilds %d complaints are counted, want each of the %d once", n, total)
			}
		},
		workers.TypeRulesReassessWatch: func(t *testing.T) {
			// A job whose task was lost (Redis restarted empty): running, unmoved for an hour, nothing
			// queued. The watch queues its batch once; a job that moves or is done is left alone.
			stalled, moving := uuid.NewString(), uuid.NewString()
			for _, id := range []string{stalled, moving} {
				j := &domain.RuleReassessment{ID: id, Since: time.Now().AddDate(0, 0, -1), State: domain.ReassessRunning, Reason: "watch",
					CreatedAt: time.Now(), UpdatedAt: time.Now()}
				if err := p.env.App.Reassessments.Store.CreateReassessment(ctx, j, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.env.App.DB.Gorm.Exec("UPDATE rule_reassessments SET updated_at = now() - interval '1 hour' WHERE id = ?", stalled).Error; err != nil {
				t.Fatal(err)
			}
			p.deliverTwice(t, workers.NewRulesReassessWatchTask())
			queued := func(job string) int {
				tasks, err := asynq.NewInspector(p.env.App.RedisOpt).ListPendingTasks(workers.QueueLow, asynq.PageSize(1000))
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, task := range tasks {
					if task.Type == workers.TypeRulesReassess && strings.Contains(string(task.Payload), job) {
						n++
					}
				}
				return n
			}
			if n := queued(stalled); n != 1 {
				t.Errorf("the stalled job has %d batch tasks queued, want 1", n)
			}
			if n := queued(moving); n != 0 {
				t.Errorf("a job that moved a moment ago was queued again (%d tasks)", n)
			}
			if j, err := p.env.App.Reassessments.Store.Reassessment(ctx, stalled); err != nil || j.State != domain.ReassessQueued {
				t.Errorf("the stalled job is %v (%v), want QUEUED", j, err)
			}
		},
		workers.TypeStatsAlerts: func(t *testing.T) {
			task := asynq.NewTask(workers.TypeStatsAlerts, nil)
			if err := p.h.Mux().ProcessTask(ctx, task); err != nil {
				t.Fatal(err)
			}
			once := p.count(t, "SELECT count(*) FROM stats_alerts")
			if err := p.h.Mux().ProcessTask(ctx, task); err != nil {
				t.Fatal(err)
			}
			if n := p.count(t, "SELECT count(*) FROM stats_alerts"); n != once {
				t.Errorf("alerts %d after one run, %d after two: an alert was raised twice", once, n)
			}
		},
	}
	for _, typ := range workers.TaskTypes() {
		t.Run(typ, func(t *testing.T) {
			tc, ok := cases[typ]
			if !ok {
				t.Fatalf("no idempotency case for task type %s: add one to TestEveryTaskTypeIsIdempotent", typ)
			}
			tc(t)
		})
	}
}

// TestPermanentErrorsSkipRetry checks that a task that cannot succeed (a payload that does not
// decode, a clock that does not exist) is archived at once instead of retried.
func TestPermanentErrorsSkipRetry(t *testing.T) {
	p := newPlatform(t)
	mux := p.h.Mux()
	for _, typ := range workers.TaskTypes() {
		switch typ {
		case workers.TypeOutboxPrune, workers.TypePartitionsCreate, workers.TypeDeadlineSweep, workers.TypeEvidenceSweep, workers.TypeRegistrationSweep, workers.TypeStatsRebuild, workers.TypeStatsAlerts,
			workers.TypeRulesReassessWatch, workers.TypeStatsFold:
			continue // no payload
		}
		t.Run("BadPayload/"+typ, func(t *testing.T) {
			err := mux.ProcessTask(context.Background(), asynq.NewTask(typ, []byte("{not json")))
			if !errors.Is(err, asynq.SkipRetry) {
				t.Errorf("err = %v, want SkipRetry", err)
			}
		})
	}
	t.Run("UnknownDeadline", func(t *testing.T) {
		task, _, _ := workers.NewDeadlineCheckTask(uuid.NewString(), time.Now())
		if err := mux.ProcessTask(context.Background(), task); !errors.Is(err, asynq.SkipRetry) {
			t.Errorf("err = %v, want SkipRetry", err)
		}
	})
	// complaint:route and complaint:assess give up a complaint that does not exist, named by type.
	for _, newTask := range []func(string) (*asynq.Task, error){workers.NewComplaintRouteTask, workers.NewComplaintAssessTask} {
		id := uuid.NewString()
		task, err := newTask(id)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("UnknownComplaint/"+task.Type(), func(t *testing.T) {
			err := mux.ProcessTask(context.Background(), task)
			if !errors.Is(err, asynq.SkipRetry) || !strings.HasPrefix(err.Error(), task.Type()+" "+id+": ") {
				t.Errorf("err = %v, want SkipRetry named %q", err, task.Type()+" "+id)
			}
		})
	}
}

// TestRelaySchedulesDeadlineTasks relays the deadline.scheduled messages of three forwards: a sweep
// at each instant a clock needs one — one second after its due instant and at each reminder's time —
// under an id made of the instant, so relaying twice schedules each once and two clocks due at the
// same instant share their sweeps rather than getting a check and reminders each. The sweep of a
// clock already past due is pending, and breaches it once.
func TestRelaySchedulesDeadlineTasks(t *testing.T) {
	p := newPlatform(t)
	client := asynq.NewClient(p.env.App.RedisOpt)
	defer client.Close()
	relay := &workers.Relay{Outbox: p.env.App.Outbox, Client: client}
	_, d := p.forwardedAgo(t, time.Hour)
	_, twin := p.forwardedAgo(t, time.Hour)
	late, past := p.forwardedAgo(t, 30*24*time.Hour)
	if !twin.DueAt.Equal(d.DueAt) {
		t.Fatalf("the twin clocks are due at %s and %s", d.DueAt, twin.DueAt)
	}
	for range 2 {
		if _, err := relay.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		// A re-published message (a relay that died before marking it) is absorbed by the task ids.
		if err := p.env.App.DB.Gorm.Exec("UPDATE outbox SET enqueued_at = NULL WHERE topic = ?", domain.TopicDeadlineScheduled).Error; err != nil {
			t.Fatal(err)
		}
	}
	ins := asynq.NewInspector(p.env.App.RedisOpt)
	defer ins.Close()
	scheduled, err := ins.ListScheduledTasks(workers.QueueCritical, asynq.PageSize(500))
	if err != nil {
		t.Fatal(err)
	}
	pending, err := ins.ListPendingTasks(workers.QueueCritical, asynq.PageSize(500))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]time.Time{}
	var pastSweep *asynq.TaskInfo
	for _, ti := range append(scheduled, pending...) {
		if ti.Type != workers.TypeDeadlineSweep {
			t.Errorf("task %s of type %s on the critical queue, want only sweeps", ti.ID, ti.Type)
		}
		got[ti.ID] = ti.NextProcessAt
		if _, id := workers.NewDeadlineSweepAtTask(past.DueAt.Add(time.Second)); ti.ID == id {
			pastSweep = ti
		}
	}
	// Every instant of every clock scheduled (the acceptance clocks' too), each once.
	var payloads []string
	if err := p.env.App.DB.Gorm.Raw("SELECT payload::text FROM outbox WHERE topic = ?", domain.TopicDeadlineScheduled).Scan(&payloads).Error; err != nil {
		t.Fatal(err)
	}
	instants, perClock := map[int64]bool{}, 0
	for _, raw := range payloads {
		var m struct {
			DueAt     time.Time `json:"dueAt"`
			Reminders []struct {
				At time.Time `json:"at"`
			} `json:"reminders"`
		}
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			t.Fatal(err)
		}
		instants[m.DueAt.Add(time.Second).Unix()] = true
		for _, r := range m.Reminders {
			instants[r.At.Unix()] = true
		}
		perClock += 1 + len(m.Reminders)
	}
	if len(got) != len(instants) || len(got) >= perClock {
		t.Errorf("%d sweeps scheduled for %d instants of %d checks and reminders: %v", len(got), len(instants), perClock, got)
	}
	_, checkID := workers.NewDeadlineSweepAtTask(d.DueAt.Add(time.Second))
	if at, ok := got[checkID]; !ok || !at.Equal(d.DueAt.Add(time.Second).Truncate(time.Second)) {
		t.Errorf("sweep %s at %v (scheduled: %v), want one second after the due instant %s", checkID, at, got, d.DueAt)
	}
	for _, off := range domain.DefaultReminders {
		_, id := workers.NewDeadlineSweepAtTask(d.DueAt.Add(-off))
		if at, ok := got[id]; !ok || !at.Equal(d.DueAt.Add(-off).Truncate(time.Second)) {
			t.Errorf("reminder's sweep %s at %v, want %s", id, at, d.DueAt.Add(-off))
		}
	}
	if pastSweep == nil {
		t.Fatalf("no sweep for the clock past due (%s) among %v", past.DueAt, got)
	}
	p.deliverTwice(t, asynq.NewTask(pastSweep.Type, pastSweep.Payload))
	if n := p.events(t, late.ID, domain.ActionDeadlineBreached); n != 1 {
		t.Errorf("%d breach events of the clock past due, want 1", n)
	}
}

// sweepsExpiredUploads: the evidence sweep, delivered twice, deletes the file and the record of an
// upload that expired unattached, and keeps an expired upload that was attached and a young one.
func sweepsExpiredUploads(t *testing.T, p *platform) {
	ctx := context.Background()
	ev := p.env.App.Evidence
	up := func() *domain.Upload {
		img := image.NewRGBA(image.Rect(0, 0, 4, 4))
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		u, err := ev.Upload(p.ctx(p.complainant), &b)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	expired, attached, young := up(), up(), up()
	c := p.file(t, true)
	if _, err := ev.AddEvidence(p.ctx(p.complainant), c.ID, attached.Token, "截图", false); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-domain.UploadTTL - time.Hour)
	if err := p.env.App.DB.Gorm.Exec("UPDATE evidence_uploads SET created_at = ? WHERE storage_key IN (?, ?)", old,
		expired.StorageKey, attached.StorageKey).Error; err != nil {
		t.Fatal(err)
	}
	p.deliverTwice(t, workers.NewEvidenceSweepTask())
	exists := func(u *domain.Upload) (file, row bool) {
		rc, err := ev.Files.Get(ctx, u.StorageKey)
		switch {
		case err == nil:
			rc.Close()
			file = true
		case !errors.Is(err, domain.ErrNotFound):
			t.Fatal(err)
		}
		return file, p.count(t, "SELECT count(*) FROM evidence_uploads WHERE storage_key = ?", u.StorageKey) == 1
	}
	if file, row := exists(expired); file || row {
		t.Errorf("expired unattached upload: file kept %v, record kept %v; want both gone", file, row)
	}
	for name, u := range map[string]*domain.Upload{"attached": attached, "young": young} {
		if file, row := exists(u); !file || !row {
			t.Errorf("%s upload: file kept %v, record kept %v; want both kept", name, file, row)
		}
	}
	if evs, err := ev.List(p.ctx(p.complainant), c.ID); err != nil || len(evs) != 1 {
		t.Errorf("the complaint's evidence after the sweep: %v %v", evs, err)
	}
}
