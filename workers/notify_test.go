package workers_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/workers"
)

// notifyFixture is a database with the parties of one complaint, the notification service and the
// task handlers, on the fixture's real Redis.
type notifyFixture struct {
	*fixture
	store                                 *postgres.NotificationStore
	svc                                   *domain.Notifications
	handlers                              *workers.Handlers
	complaints                            *postgres.ComplaintStore
	complainant, reviewer, agentA, adminA *domain.User
	agentB                                *domain.User
	instA, instB                          int64
	complaint                             *domain.Complaint
	mailer                                *recordingMailer
	sms                                   *recordingSMS
}

// recordingSMS keeps the SMS sent (kind, recipient and body) and logs each as LogSMS does.
type recordingSMS struct {
	mu   sync.Mutex
	sent []*domain.Notification
}

func (r *recordingSMS) SendSMS(ctx context.Context, mobile string, n *domain.Notification) error {
	r.mu.Lock()
	r.sent = append(r.sent, n)
	r.mu.Unlock()
	return domain.LogSMS{}.SendSMS(ctx, mobile, n)
}

// of returns the SMS of a kind sent so far.
func (r *recordingSMS) of(kind string) []*domain.Notification {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*domain.Notification
	for _, n := range r.sent {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

type recordingMailer struct {
	mu   sync.Mutex
	sent []string
}

func (m *recordingMailer) SendMail(ctx context.Context, to string, n *domain.Notification) error {
	m.mu.Lock()
	m.sent = append(m.sent, fmt.Sprintf("%s %s %d", n.Kind, n.ComplaintReference, n.RecipientID))
	m.mu.Unlock()
	return domain.LogMailer{}.SendMail(ctx, to, n)
}

func (m *recordingMailer) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sent)
}

func newNotifyFixture(t *testing.T) *notifyFixture {
	t.Helper()
	ctx := context.Background()
	f := &notifyFixture{fixture: newFixture(t), mailer: &recordingMailer{}, sms: &recordingSMS{}}
	f.store = &postgres.NotificationStore{DB: f.db}
	f.complaints = &postgres.ComplaintStore{DB: f.db}
	insts := &postgres.InstitutionStore{DB: f.db}
	for _, in := range []*int64{&f.instA, &f.instB} {
		i := &domain.Institution{Name: "测试银行 " + uuid.NewString()[:8], Kind: domain.KindBank}
		if err := insts.CreateInstitution(ctx, i); err != nil {
			t.Fatal(err)
		}
		*in = i.ID
	}
	users := &postgres.UserStore{DB: f.db}
	mk := func(email, name string, role domain.Role, inst int64, teams ...string) *domain.User {
		u := &domain.User{Email: email, DisplayName: name, Role: role, InstitutionID: inst, Teams: teams, PasswordHash: "x", CreatedAt: time.Now()}
		if err := users.CreateUser(ctx, u, domain.AuditEntry{Action: "test", At: time.Now()}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.complainant = mk("wang.fang@example.cn", "王芳", domain.RoleComplainant, 0)
	f.reviewer = mk("li.shen@regulator.example", "李审", domain.RoleReviewer, 0, "national")
	mk("zhao.zhu@regulator.example", "赵主管", domain.RoleSupervisor, 0, "national")
	f.agentA = mk("agent@bank-a.example", "甲行客服", domain.RoleInstitutionAgent, f.instA)
	f.adminA = mk("admin@bank-a.example", "甲行管理员", domain.RoleInstitutionAdmin, f.instA)
	f.agentB = mk("agent@bank-b.example", "乙行客服", domain.RoleInstitutionAgent, f.instB)

	now := time.Now().UTC()
	c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: f.complainant.ID,
		Relation: domain.RelationSelf, LenderName: "甲行", Product: domain.ProductCreditCard, Province: "310000",
		Narrative: "催收员每天打二十多个电话，还打给我的同事。", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: f.complainant.ID, ActorRole: domain.RoleComplainant, At: now}
	var err error
	if f.complaint, _, err = f.complaints.CreateComplaint(ctx, c, "", ev, nil); err != nil {
		t.Fatal(err)
	}
	f.svc = &domain.Notifications{Complaints: f.complaints, Store: f.store, Webhooks: f.store, Institutions: insts,
		Transport: workers.NewHTTPTransport(false), Mailer: f.mailer, SMS: f.sms, Mobiles: f.store, Secret: []byte("workers-test-secret-0123456789"),
		Now: func() time.Time { return time.Now().UTC() }, NewID: uuid.NewString}
	f.handlers = &workers.Handlers{Notifications: f.svc, WebhookBackoff: func(int) time.Duration { return 300 * time.Millisecond }}
	return f
}

// confirmMobile sets u's SMS number, sends the code texted to it through the account-message
// task (as a worker does) and confirms the number with it; it returns the code.
func (f *notifyFixture) confirmMobile(t *testing.T, u *domain.User, mobile string) string {
	t.Helper()
	ctx := domain.WithActor(context.Background(), u.Actor())
	p, err := f.svc.SetPreferences(ctx, domain.NotificationPreferences{Email: true, SMS: true, Mobile: mobile})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status() != domain.MobileAwaitingCode {
		t.Fatalf("a new number is %s, want AWAITING_CODE", p.Status())
	}
	var payloads []string
	f.db.Gorm.Raw("SELECT payload::text FROM outbox WHERE topic = ? AND payload->>'kind' = ? ORDER BY created_at DESC LIMIT 1",
		domain.TopicRegistrationMail, domain.SMSMobileCode).Scan(&payloads)
	if len(payloads) != 1 {
		t.Fatal("no outbox message for the code")
	}
	if strings.Contains(payloads[0], strings.ReplaceAll(mobile, " ", "")) {
		t.Errorf("the outbox message names the number: %s", payloads[0])
	}
	if err := f.process(t, asynq.NewTask(workers.TypeRegistrationMail, []byte(payloads[0]))); err != nil {
		t.Fatal(err)
	}
	texts := f.sms.of(domain.SMSMobileCode)
	if len(texts) == 0 {
		t.Fatal("no code texted")
	}
	code := regexp.MustCompile(`[0-9]{6}`).FindString(texts[len(texts)-1].BodyEN)
	if p, err = f.svc.ConfirmMobile(ctx, code); err != nil || p.Status() != domain.MobileConfirmed {
		t.Fatalf("confirm with %q: %v %s", code, err, p.Status())
	}
	return code
}

// forward moves the complaint to the national team and forwards it to institution A, writing the
// complaint.changed message the lifecycle writes, and returns that message.
func (f *notifyFixture) forward(t *testing.T) domain.Message {
	t.Helper()
	msg := domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintChanged}
	_, err := f.complaints.UpdateComplaint(context.Background(), f.complaint.ID, func(c *domain.Complaint) (domain.Change, error) {
		from := c.Status
		c.Status, c.Team, c.Recipients = domain.StatusForwarded, "national", []int64{f.instA}
		msg.Payload = map[string]any{"complaintId": c.ID, "action": string(domain.ActionForward), "from": string(from), "to": string(c.Status)}
		return domain.Change{Events: []domain.Event{{Action: domain.ActionForward, FromStatus: from, ToStatus: c.Status,
			ActorID: f.reviewer.ID, ActorRole: domain.RoleReviewer, At: time.Now().UTC()}}, Messages: []domain.Message{msg}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

func (f *notifyFixture) inbox(t *testing.T, u *domain.User) []*domain.Notification {
	t.Helper()
	ctx := domain.WithActor(context.Background(), u.Actor())
	p, err := f.svc.List(ctx, false, domain.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	return p.Notifications
}

// process runs one task through the handlers, as a worker would.
func (f *notifyFixture) process(t *testing.T, task *asynq.Task) error {
	t.Helper()
	return f.handlers.Mux().ProcessTask(context.Background(), task)
}

func TestNotificationDispatch(t *testing.T) {
	ctx := context.Background()

	t.Run("RedeliveredTaskNotifiesEachRecipientOnce", func(t *testing.T) {
		f := newNotifyFixture(t)
		msg := f.forward(t)
		task, err := workers.NewNotificationDispatchTask(msg)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ { // a task delivered twice (worker crash, relay republish)
			if err := f.process(t, task); err != nil {
				t.Fatalf("dispatch %d: %v", i+1, err)
			}
		}
		for _, u := range []*domain.User{f.complainant, f.agentA, f.adminA} {
			got := f.inbox(t, u)
			if len(got) != 1 || got[0].Kind != "FORWARDED" || got[0].ComplaintReference != f.complaint.Reference {
				t.Errorf("user %d's inbox = %+v, want one FORWARDED notification", u.ID, got)
			}
		}
		if got := f.inbox(t, f.complainant); len(got) == 1 && !strings.Contains(got[0].BodyZH, f.complaint.Reference) {
			t.Errorf("body %q does not name the complaint", got[0].BodyZH)
		}
		for _, u := range []*domain.User{f.agentB, f.reviewer} {
			if got := f.inbox(t, u); len(got) != 0 {
				t.Errorf("user %d (%s) was notified of a complaint not forwarded to them: %+v", u.ID, u.Role, got)
			}
		}
		// E-mail to the complainant and both users of institution A, each once.
		if n := f.mailer.count(); n != 3 {
			t.Errorf("sent %d e-mails, want 3: %v", n, f.mailer.sent)
		}
	})

	t.Run("LogsCarryNoPersonalData", func(t *testing.T) {
		f := newNotifyFixture(t)
		var buf bytes.Buffer
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
		defer slog.SetDefault(prev)
		code := f.confirmMobile(t, f.complainant, "138 1234 5678")

		msg := domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintChanged, Payload: map[string]any{
			"complaintId": f.complaint.ID, "action": string(domain.ActionRequestInformation), "from": "IN_TRIAGE", "to": "NEEDS_INFORMATION"}}
		task, _ := workers.NewNotificationDispatchTask(msg)
		f.handlers.Notifications.Mailer = nil // the logging default
		if err := f.process(t, task); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, "SMS notification") || !strings.Contains(out, "e-mail notification") {
			t.Fatalf("expected an e-mail and an SMS to be logged, got:\n%s", out)
		}
		if !strings.Contains(out, f.complaint.Reference) {
			t.Errorf("log does not name the complaint reference:\n%s", out)
		}
		for _, pii := range []string{f.complainant.Email, "13812345678", "138 1234 5678", f.complainant.DisplayName, "wang.fang", code} {
			if strings.Contains(out, pii) {
				t.Errorf("log contains personal data %q:\n%s", pii, out)
			}
		}
	})

	// Session 15 (sms): SMS go only to a number its owner confirmed with the code texted to it.
	t.Run("UnconfirmedNumberGetsNoSMS", func(t *testing.T) {
		f := newNotifyFixture(t)
		actor := domain.WithActor(ctx, f.complainant.Actor())
		if _, err := f.svc.SetPreferences(actor, domain.NotificationPreferences{Email: true, SMS: true, Mobile: "13812345678"}); err != nil {
			t.Fatal(err)
		}
		ask := func() {
			t.Helper()
			msg := domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintChanged, Payload: map[string]any{
				"complaintId": f.complaint.ID, "action": string(domain.ActionRequestInformation), "from": "IN_TRIAGE", "to": "NEEDS_INFORMATION"}}
			task, _ := workers.NewNotificationDispatchTask(msg)
			if err := f.process(t, task); err != nil {
				t.Fatal(err)
			}
		}
		ask()
		if got := f.sms.of(string(domain.ActionRequestInformation)); len(got) != 0 {
			t.Fatalf("%d SMS went to a number nobody confirmed", len(got))
		}
		var rows int64
		f.db.Gorm.Raw("SELECT count(*) FROM notifications WHERE channel = 'SMS'").Scan(&rows)
		if rows != 0 {
			t.Errorf("%d SMS notifications written for an unconfirmed number", rows)
		}
		if n := len(f.inbox(t, f.complainant)); n != 1 {
			t.Errorf("in-app notifications: %d, want 1 (the app is told whatever the number)", n)
		}
		f.confirmMobile(t, f.complainant, "13812345678")
		ask()
		if got := f.sms.of(string(domain.ActionRequestInformation)); len(got) != 1 || got[0].RecipientID != f.complainant.ID {
			t.Fatalf("after confirming: %d SMS, want 1 to the complainant", len(got))
		}
		// A changed number is unconfirmed again: nothing goes to it, nor to the old one.
		if _, err := f.svc.SetPreferences(actor, domain.NotificationPreferences{Email: true, SMS: true, Mobile: "13912345678"}); err != nil {
			t.Fatal(err)
		}
		ask()
		if got := f.sms.of(string(domain.ActionRequestInformation)); len(got) != 1 {
			t.Fatalf("after changing the number: %d SMS in all, want still 1", len(got))
		}
	})

	t.Run("UnknownComplaintIsNotRetried", func(t *testing.T) {
		f := newNotifyFixture(t)
		task, _ := workers.NewNotificationDispatchTask(domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintChanged,
			Payload: map[string]any{"complaintId": uuid.NewString(), "action": "FORWARDED"}})
		if err := f.process(t, task); err == nil || !strings.Contains(err.Error(), asynq.SkipRetry.Error()) {
			t.Fatalf("dispatch for a missing complaint: %v, want SkipRetry", err)
		}
	})
}

// receiver is an institution's webhook endpoint that answers with the given codes in turn (the
// last one repeats) and keeps what it received.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	codes    []int
	requests []received
}

type received struct {
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, codes ...int) *receiver {
	r := &receiver{codes: codes}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, received{req.Header.Clone(), body})
		code := r.codes[min(len(r.requests), len(r.codes))-1]
		r.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) got() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.requests...)
}

// startWorker runs the fixture's handlers with fast retries until the test ends, as `work` does:
// one asynq server on the workers' queues and one on the webhook deliveries' queue.
func (f *notifyFixture) startWorker(t *testing.T) {
	t.Helper()
	f.startWorkers(t, 2, 2)
}

func (f *notifyFixture) startWorkers(t *testing.T, concurrency, webhooks int) {
	t.Helper()
	for _, cfg := range []asynq.Config{workers.ServerConfig(concurrency), workers.WebhookServerConfig(webhooks)} {
		cfg.LogLevel, cfg.RetryDelayFunc, cfg.DelayedTaskCheckInterval = asynq.FatalLevel, f.handlers.RetryDelay, 100*time.Millisecond
		cfg.ShutdownTimeout = time.Second
		srv := asynq.NewServer(f.opt, cfg)
		if err := srv.Start(f.handlers.Mux()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Shutdown)
	}
}

// ping sets institution A's webhook to the receiver, asks for a test delivery and relays it.
func (f *notifyFixture) ping(t *testing.T, r *receiver) (deliveryID, secret string) {
	t.Helper()
	admin := domain.WithActor(context.Background(), f.adminA.Actor())
	w, err := f.svc.SetWebhook(admin, f.instA, r.URL+"/redline")
	if err != nil {
		t.Fatal(err)
	}
	if deliveryID, err = f.svc.PingWebhook(admin, f.instA); err != nil {
		t.Fatal(err)
	}
	if _, err := f.relay.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	return deliveryID, w.Secret
}

func (f *notifyFixture) delivery(t *testing.T, id string) *domain.WebhookDelivery {
	t.Helper()
	admin := domain.WithActor(context.Background(), f.adminA.Actor())
	p, err := f.svc.Deliveries(admin, f.instA, domain.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.Deliveries {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("delivery %s not in the log", id)
	return nil
}

func TestWebhookDelivery(t *testing.T) {
	t.Run("SignatureVerifies", func(t *testing.T) {
		f := newNotifyFixture(t)
		r := newReceiver(t, http.StatusNoContent)
		f.startWorker(t)
		id, secret := f.ping(t, r)
		apptest.Eventually(t, apptest.Patience, "the ping to arrive", func() bool { return len(r.got()) == 1 })
		req := r.got()[0]
		ts, sig := req.header.Get("X-Redline-Timestamp"), req.header.Get("X-Redline-Signature")
		if err := domain.VerifyWebhookSignature(secret, ts, sig, req.body, time.Now(), 5*time.Minute); err != nil {
			t.Fatalf("signature of the delivery does not verify: %v (timestamp %q, signature %q)", err, ts, sig)
		}
		tampered := bytes.Replace(req.body, []byte(`"ping"`), []byte(`"pong"`), 1)
		if err := domain.VerifyWebhookSignature(secret, ts, sig, tampered, time.Now(), 5*time.Minute); err == nil {
			t.Fatal("a tampered body verified")
		}
		if req.header.Get("X-Redline-Delivery") != id || req.header.Get("X-Redline-Event") != "ping" ||
			req.header.Get("Content-Type") != "application/json" || !bytes.Contains(req.body, []byte(id)) {
			t.Errorf("headers %v body %s", req.header, req.body)
		}
		apptest.Eventually(t, apptest.Patience, "the delivery to be logged", func() bool {
			return f.delivery(t, id).Status == domain.WebhookSucceeded
		})
		if d := f.delivery(t, id); len(d.Attempts) != 1 || d.Attempts[0].StatusCode != 204 || d.DeliveredAt.IsZero() {
			t.Errorf("delivery log = %+v", d)
		}
	})

	t.Run("RetriesOn500ThenSucceeds", func(t *testing.T) {
		f := newNotifyFixture(t)
		r := newReceiver(t, 500, 503, 200)
		f.startWorker(t)
		id, _ := f.ping(t, r)
		apptest.Eventually(t, apptest.Patience, "the third attempt to succeed", func() bool {
			return f.delivery(t, id).Status == domain.WebhookSucceeded
		})
		d := f.delivery(t, id)
		if len(d.Attempts) != 3 {
			t.Fatalf("attempts = %+v, want 3", d.Attempts)
		}
		for i, want := range []int{500, 503, 200} {
			a := d.Attempts[i]
			if a.Attempt != i+1 || a.StatusCode != want {
				t.Errorf("attempt %d = %+v, want status %d", i+1, a, want)
			}
			if retried := i < 2; retried != !a.NextRetryAt.IsZero() || retried != (a.Error != "") {
				t.Errorf("attempt %d: next retry %v, error %q", i+1, a.NextRetryAt, a.Error)
			}
		}
		if n := len(r.got()); n != 3 {
			t.Errorf("receiver got %d requests, want 3", n)
		}
	})

	t.Run("NoRetryOn400", func(t *testing.T) {
		f := newNotifyFixture(t)
		r := newReceiver(t, http.StatusBadRequest, http.StatusOK)
		f.startWorker(t)
		id, _ := f.ping(t, r)
		apptest.Eventually(t, apptest.Patience, "the delivery to fail", func() bool {
			return f.delivery(t, id).Status == domain.WebhookFailed
		})
		time.Sleep(time.Second) // several fast-retry intervals
		if n := len(r.got()); n != 1 {
			t.Fatalf("receiver got %d requests, want 1 (a 400 is not retried)", n)
		}
		d := f.delivery(t, id)
		if len(d.Attempts) != 1 || d.Attempts[0].StatusCode != 400 || !d.Attempts[0].NextRetryAt.IsZero() {
			t.Errorf("delivery log = %+v", d.Attempts)
		}
		archived, _ := f.ins.ListArchivedTasks(workers.QueueWebhooks)
		if len(archived) != 1 || archived[0].Type != workers.TypeWebhookDeliver {
			t.Errorf("archived tasks = %v, want the delivery archived at once", archived)
		}
	})

	t.Run("ForwardedComplaintDeliversOncePerInstitutionWithWebhook", func(t *testing.T) {
		f := newNotifyFixture(t)
		r := newReceiver(t, http.StatusOK)
		f.startWorker(t)
		admin := domain.WithActor(context.Background(), f.adminA.Actor())
		w, err := f.svc.SetWebhook(admin, f.instA, r.URL)
		if err != nil {
			t.Fatal(err)
		}
		msg := f.forward(t)
		for i := 0; i < 2; i++ { // the relay publishes, and a second dispatch of the same message adds nothing
			if _, err := f.relay.RunOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			task, _ := workers.NewNotificationDispatchTask(msg)
			if err := f.process(t, task); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.relay.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		apptest.Eventually(t, apptest.Patience, "the forwarded event to arrive", func() bool { return len(r.got()) >= 1 })
		time.Sleep(time.Second)
		reqs := r.got()
		if len(reqs) != 1 {
			t.Fatalf("receiver got %d deliveries, want 1", len(reqs))
		}
		body := string(reqs[0].body)
		for _, want := range []string{`"event":"complaint.forwarded"`, f.complaint.Reference, f.complaint.ID} {
			if !strings.Contains(body, want) {
				t.Errorf("body %s lacks %s", body, want)
			}
		}
		if strings.Contains(body, f.complaint.Narrative) || strings.Contains(body, f.complainant.Email) {
			t.Errorf("body carries case details or personal data: %s", body)
		}
		h := reqs[0].header
		if err := domain.VerifyWebhookSignature(w.Secret, h.Get("X-Redline-Timestamp"), h.Get("X-Redline-Signature"), reqs[0].body, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("signature: %v", err)
		}
	})
}

// TestSlowReceiversHoldOnlyWebhookWorkers (issue 14, hardening): webhook deliveries ran on the
// workers' default queue, up to 30 s an attempt, so receivers that answer slowly held the workers
// that route complaints and check deadlines. They now have a queue and a server of their own, at
// most WebhookTimeout an attempt: with the only webhook worker waiting on a receiver that does not
// answer, and the workers' server at a concurrency of one, another task still runs at once.
func TestSlowReceiversHoldOnlyWebhookWorkers(t *testing.T) {
	f := newNotifyFixture(t)
	arrived, release := make(chan struct{}, 4), make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	f.startWorkers(t, 1, 1)
	f.ping(t, &receiver{Server: slow})
	select {
	case <-arrived:
	case <-time.After(apptest.Patience):
		t.Fatal("the delivery never reached the receiver")
	}
	task, err := workers.NewNotificationDispatchTask(f.forward(t)) // the default queue's
	if err != nil {
		t.Fatal(err)
	}
	client := asynq.NewClient(f.opt)
	t.Cleanup(func() { client.Close() })
	info, err := client.Enqueue(task, asynq.Retention(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 5*time.Second, "another task to run while the receiver keeps the delivery waiting", func() bool {
		got, err := f.ins.GetTaskInfo(info.Queue, info.ID)
		return err == nil && got.State == asynq.TaskStateCompleted
	})
	if workers.WebhookTimeout > 10*time.Second {
		t.Errorf("a delivery attempt may take %v, want at most 10 s", workers.WebhookTimeout)
	}
}

func TestWebhookBackoff(t *testing.T) {
	prev := time.Duration(0)
	for n := 0; n <= workers.WebhookMaxRetry; n++ {
		d := workers.DefaultWebhookBackoff(n)
		if d < prev || d > 12*time.Hour || d < 30*time.Second {
			t.Errorf("backoff(%d) = %s after %s", n, d, prev)
		}
		prev = d
	}
	task, _ := workers.NewWebhookDeliverTask(uuid.NewString())
	if got := workers.RetryDelay(3, nil, task); got != 4*time.Minute {
		t.Errorf("retry delay of the 4th webhook attempt = %s, want 4m", got)
	}
}

// TestDispatchManyAsOneByOne dispatches the same messages about two twin complaints, one by one for
// the first and as one batch for the second, and checks that both leave the same notifications,
// e-mails and webhook deliveries, with fewer statements for the batch; the batch dispatched again
// writes and sends nothing more.
func TestDispatchManyAsOneByOne(t *testing.T) {
	f := newNotifyFixture(t)
	ctx := context.Background()
	r := newReceiver(t, http.StatusOK)
	if _, err := f.svc.SetWebhook(domain.WithActor(ctx, f.adminA.Actor()), f.instA, r.URL); err != nil {
		t.Fatal(err)
	}
	f.confirmMobile(t, f.complainant, "13812345678") // SMS go to a confirmed number only
	twin := func() *domain.Complaint { return f.bothRecipientsComplaint(t, domain.StatusForwarded) }
	messages := func(c *domain.Complaint) []domain.Message {
		changed := func(a domain.Action, extra map[string]any) domain.Message {
			p := map[string]any{"complaintId": c.ID, "action": string(a), "from": "IN_TRIAGE", "to": "FORWARDED"}
			for k, v := range extra {
				p[k] = v
			}
			return domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintChanged, Payload: p}
		}
		return []domain.Message{
			{ID: uuid.NewString(), Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": c.ID}},
			changed(domain.ActionRoute, nil), // notifies nobody
			changed(domain.ActionForward, nil),
			changed(domain.ActionRequestInformation, nil),
			changed(domain.ActionRespond, nil),
			changed(domain.ActionRequestExtension, nil),
			changed(domain.ActionDeadlineBreached, map[string]any{"audiences": []any{"supervisors", "caseworker", "institution"}, "institutionId": float64(f.instA)}),
		}
	}
	single, batch := twin(), twin()
	statements := pgtest.Statements(t, f.db)
	before := statements.Load()
	for _, m := range messages(single) {
		if _, err := f.svc.Dispatch(ctx, m); err != nil {
			t.Fatalf("dispatch %s: %v", m.Payload["action"], err)
		}
	}
	oneByOne := statements.Load() - before
	missing := domain.Message{ID: uuid.NewString(), Topic: domain.TopicComplaintFiled, Payload: map[string]any{"complaintId": uuid.NewString()}}
	ms := append(messages(batch), missing)
	before = statements.Load()
	res, err := f.svc.DispatchMany(ctx, ms)
	together := statements.Load() - before
	var de *domain.DispatchError
	if !errors.As(err, &de) || de.MessageID != missing.ID || domain.CodeOf(err) != domain.CodeNotFound || len(unjoined(err)) != 1 {
		t.Fatalf("batch with a missing complaint: %v, want one NOT_FOUND for message %s", err, missing.ID)
	}
	if len(res) != len(ms) || res[0].Notifications != 1 || res[0].Sent != 1 || res[1].Notifications != 0 || res[1].Kind != "ROUTED" {
		t.Errorf("dispatched %+v", res)
	}
	one, many := f.dispatched(t, single), f.dispatched(t, batch)
	if len(one) == 0 || strings.Join(one, "\n") != strings.Join(many, "\n") {
		t.Errorf("one by one:\n%s\nin a batch:\n%s", strings.Join(one, "\n"), strings.Join(many, "\n"))
	}
	if together*3 > oneByOne {
		t.Errorf("%d messages took %d statements in a batch against %d one by one", len(ms)-1, together, oneByOne)
	}
	t.Logf("%d messages: %d statements one by one, %d in a batch (%d notification rows)", len(ms)-1, oneByOne, together, len(one))
	// Delivered again (a worker that died before acknowledging): nothing new, nothing sent twice.
	mails := f.mailer.count()
	again, err := f.svc.DispatchMany(ctx, ms[:len(ms)-1])
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range again {
		if d.Notifications != 0 || d.Sent != 0 {
			t.Errorf("message %d dispatched again: %+v", i, d)
		}
	}
	if got := f.dispatched(t, batch); strings.Join(got, "\n") != strings.Join(many, "\n") || f.mailer.count() != mails {
		t.Errorf("the batch dispatched again wrote or sent more: %d rows (was %d), %d e-mails (was %d)", len(got), len(many), f.mailer.count(), mails)
	}
}

func unjoined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// dispatched lists what the dispatch of a complaint's messages wrote, the complaint's reference
// left out: its notifications (recipient, channel, kind, texts, sent or not), its webhook
// deliveries (institution, event, status, with their outbox message) and the e-mails sent.
func (f *notifyFixture) dispatched(t *testing.T, c *domain.Complaint) []string {
	t.Helper()
	var out []string
	rows, err := f.db.SQL.Query(`SELECT format('%s %s %s %s %s %s', recipient_id, channel, kind, title_en,
			replace(body_zh || body_en, $2, '#'), sent_at IS NOT NULL) FROM notifications WHERE complaint_id = $1
		UNION ALL SELECT format('webhook %s %s %s %s', d.institution_id, d.event, d.status,
			(SELECT count(*) FROM outbox o WHERE o.payload->>'deliveryId' = d.id::text))
		FROM webhook_deliveries d WHERE d.payload->'data'->>'complaintId' = $1::text ORDER BY 1`, c.ID, c.Reference)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	f.mailer.mu.Lock()
	for _, s := range f.mailer.sent {
		if strings.Contains(s, c.Reference) {
			out = append(out, "mail "+strings.ReplaceAll(s, c.Reference, "#"))
		}
	}
	f.mailer.mu.Unlock()
	slices.Sort(out)
	return out
}

// TestDispatchReadsOnlyTheParties: dispatching a message reads the columns of its complaint that
// name the parties, not the whole row (the assessment, ~2 KB, and the personal data, decrypted).
func TestDispatchReadsOnlyTheParties(t *testing.T) {
	f := newNotifyFixture(t)
	msg := f.forward(t)
	var mu sync.Mutex
	var queries []string
	const name = "test:record-queries"
	if err := f.db.Gorm.Callback().Query().After("gorm:query").Register(name, func(db *gorm.DB) {
		mu.Lock()
		queries = append(queries, db.Statement.SQL.String())
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.db.Gorm.Callback().Query().Remove(name) })
	res, err := f.svc.Dispatch(context.Background(), msg)
	if err != nil || res.Notifications == 0 {
		t.Fatalf("dispatch: %+v, %v", res, err)
	}
	read := false
	for _, q := range queries {
		if !strings.Contains(q, "complaints") {
			continue
		}
		read = true
		if strings.Contains(q, "*") || strings.Contains(q, "assessment") || strings.Contains(q, "debtor") {
			t.Errorf("the dispatch read more of the complaint than its parties: %s", q)
		}
	}
	if !read {
		t.Errorf("no read of the complaint among %q", queries)
	}
}

// batchingMailer is a domain.MailBatcher that records its calls and can fail after a number of
// e-mails.
type batchingMailer struct {
	calls, single int
	sent          []string
	failAfter     int // fail the call that would send more than this many in all; 0: never
}

func (m *batchingMailer) SendMail(ctx context.Context, to string, n *domain.Notification) error {
	m.single++
	m.sent = append(m.sent, to)
	return nil
}

func (m *batchingMailer) SendMails(ctx context.Context, mails []domain.Mail) (int, error) {
	m.calls++
	for i, ml := range mails {
		if m.failAfter > 0 && len(m.sent) == m.failAfter {
			return i, errors.New("mail server gone")
		}
		m.sent = append(m.sent, ml.To)
	}
	return len(mails), nil
}

// TestDispatchSendsMailsInOneBatch: with a Mailer that sends several e-mails at once (the dev
// mailbox), a dispatch hands it all of its e-mails in one call; those it did not send when it
// failed are sent by the next delivery of the task, and none twice.
func TestDispatchSendsMailsInOneBatch(t *testing.T) {
	f := newNotifyFixture(t)
	ctx := context.Background()
	m := &batchingMailer{failAfter: 1}
	f.svc.Mailer = m
	msgs := []domain.Message{f.forward(t), f.forward(t)}
	res, err := f.svc.DispatchMany(ctx, msgs)
	if err == nil || m.calls != 1 || m.single != 0 || len(m.sent) != 1 || res[0].Sent+res[1].Sent != 1 {
		t.Fatalf("first delivery, the mailer failing after one: %+v, %v; %d batch calls, %d single, %d sent", res, err, m.calls, m.single, len(m.sent))
	}
	m.failAfter = 0
	res, err = f.svc.DispatchMany(ctx, msgs)
	if err != nil || m.calls != 2 || m.single != 0 {
		t.Fatalf("second delivery: %+v, %v; %d batch calls, %d single", res, err, m.calls, m.single)
	}
	var want []string // every e-mail row of the messages, sent once each
	rows, err := f.db.SQL.Query(`SELECT u.email FROM notifications n JOIN users u ON u.id = n.recipient_id
		WHERE n.source_message_id IN ($1, $2) AND n.channel = 'EMAIL' AND n.sent_at IS NOT NULL ORDER BY 1`, msgs[0].ID, msgs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			t.Fatal(err)
		}
		want = append(want, e)
	}
	got := slices.Clone(m.sent)
	slices.Sort(got)
	if len(want) < 2 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sent %v, want each e-mail marked sent once: %v", got, want)
	}
	if _, err := f.svc.DispatchMany(ctx, msgs); err != nil || m.calls != 2 {
		t.Errorf("third delivery: %v, %d batch calls (want no more)", err, m.calls)
	}
}
