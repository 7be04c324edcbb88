package workers_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/workers"
)

// reassessNarrative names a phrase that no pack flags until packWithPhrase adds it.
const reassessNarrative = "对方在电话里一直叫我紫色长颈鹿。"

// packWithPhrase is the built-in CN pack with one more ABUSIVE_LANGUAGE phrase group: "紫色长颈鹿".
func packWithPhrase(t *testing.T) []byte {
	t.Helper()
	doc, err := rules.BuiltinDocument(rules.CN)
	if err != nil {
		t.Fatal(err)
	}
	var pack map[string]any
	if err := json.Unmarshal(doc, &pack); err != nil {
		t.Fatal(err)
	}
	v := pack["violations"].(map[string]any)["ABUSIVE_LANGUAGE"].(map[string]any)
	v["phrases"] = append(v["phrases"].([]any), map[string]any{"weight": 0.8, "zh": []any{"紫色长颈鹿"}, "note": "test insult"})
	pack["version"] = "2024.1-test"
	out, err := json.Marshal(pack)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// failingAssessor judges as next does, and fails from its (after+1)th call on while fail is set.
type failingAssessor struct {
	next  domain.Assessor
	mu    sync.Mutex
	calls int
	after int
	fail  bool
}

func (f *failingAssessor) Assess(ctx context.Context, c *domain.Complaint, msgs []domain.CollectorMessage) (*domain.Assessment, error) {
	f.mu.Lock()
	f.calls++
	fail := f.fail && f.calls > f.after
	f.mu.Unlock()
	if fail {
		return nil, errors.New("worker killed")
	}
	return f.next.Assess(ctx, c, msgs)
}

// TestRulesReassessAfterPublish judges complaints under the built-in pack, publishes a revision that
// adds a phrase, and runs the reassessment job through the workers' handler: the first run fails
// midway (as when its worker dies), the retry resumes from the job's cursor without judging the
// finished complaint again, the complaints' flagged violations, history and the institution's
// statistics follow, and running the job's batch again, or a second job, changes nothing more.
func TestRulesReassessAfterPublish(t *testing.T) {
	p := newPlatform(t)
	ctx := context.Background()
	app := p.env.App
	var ids []string
	for range 3 {
		c, err := app.Complaints.File(p.ctx(p.complainant), domain.FileComplaint{Relation: domain.RelationParent,
			LenderID: p.agent.InstitutionID, Product: domain.ProductCreditCard, Province: "310000", Narrative: reassessNarrative}, uuid.NewString())
		if err != nil {
			t.Fatal(err)
		}
		if c, err = app.Complaints.Route(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(domain.FlaggedViolations(c.Assessment), domain.ViolationAbusiveLanguage) {
			t.Fatalf("the built-in pack already flags %q: %v", reassessNarrative, c.Assessment.Violations)
		}
		if err := app.Stats.Apply(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	abusive := func() int {
		return p.count(t, "SELECT coalesce(sum(n), 0) FROM stats_r_iv WHERE grain = 'D' AND inst = ? AND violation = 'ABUSIVE_LANGUAGE'", p.agent.InstitutionID)
	}
	if n := abusive(); n != 0 {
		t.Fatalf("before: %d ABUSIVE_LANGUAGE complaints against the institution, want 0", n)
	}

	admin, err := app.Accounts.Store.UserByEmail(ctx, "admin@redline.demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.RulePacks.Update(p.ctx(admin.Actor()), rules.CN, packWithPhrase(t), "紫色长颈鹿 is an insult", 0); err != nil {
		t.Fatal(err)
	}

	// The first run dies after judging one complaint.
	failing := &failingAssessor{next: app.Complaints.Assessor, after: 1, fail: true}
	app.Complaints.Assessor = failing
	defer func() { app.Complaints.Assessor = failing.next }()
	app.Reassessments.BatchSize = 2
	sys := domain.WithActor(ctx, domain.Actor{Role: domain.RoleSystem})
	since, _ := domain.ParseReassessSince(time.Now().AddDate(0, 0, -1).Format("2006-01-02"))
	job, err := app.Reassessments.Start(sys, since, "test")
	if err != nil {
		t.Fatal(err)
	}
	first, err := workers.NewRulesReassessTask(job.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	mux := p.h.Mux()
	if err := mux.ProcessTask(ctx, first); err == nil {
		t.Fatal("the batch whose worker died succeeded")
	}
	j, _ := app.Reassessments.Store.Reassessment(ctx, job.ID)
	slices.Sort(ids)
	if j.Cursor != ids[0] || j.Changed != 1 || j.State != domain.ReassessRunning {
		t.Fatalf("after the failure: cursor %s changed %d state %s; want %s 1 RUNNING", j.Cursor, j.Changed, j.State, ids[0])
	}

	// The retry (asynq redelivers the same task) resumes after the cursor.
	failing.mu.Lock()
	failing.fail, failing.calls = false, 0
	failing.mu.Unlock()
	if err := mux.ProcessTask(ctx, first); err != nil {
		t.Fatal(err)
	}
	if failing.calls != 2 {
		t.Errorf("the resumed batch judged %d complaints, want the 2 after the cursor", failing.calls)
	}
	j, _ = app.Reassessments.Store.Reassessment(ctx, job.ID)
	if j.State != domain.ReassessRunning || j.Cursor != ids[2] {
		t.Fatalf("after the full batch: state %s cursor %s", j.State, j.Cursor)
	}
	next, _ := workers.NewRulesReassessTask(job.ID, j.Cursor) // the batch the handler queued
	if err := mux.ProcessTask(ctx, next); err != nil {
		t.Fatal(err)
	}
	j, _ = app.Reassessments.Store.Reassessment(ctx, job.ID)
	if j.State != domain.ReassessDone || j.Changed != 3 || j.Unchanged != 0 || j.FinishedAt.IsZero() {
		t.Fatalf("job = %+v, want DONE with 3 changed", j)
	}

	for _, id := range ids {
		c, err := app.Complaints.Store.FindComplaint(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(domain.FlaggedViolations(c.Assessment), domain.ViolationAbusiveLanguage) || c.Assessment.PackRevision != 2 {
			t.Errorf("complaint %s: %v under revision %d, want ABUSIVE_LANGUAGE under 2", id, c.Assessment.Violations, c.Assessment.PackRevision)
		}
		var details string
		if err := app.DB.Gorm.Raw("SELECT details FROM complaint_events WHERE complaint_id = ? AND action = ?", id, string(domain.ActionRulesReassess)).Scan(&details).Error; err != nil {
			t.Fatal(err)
		}
		var d struct {
			Job                string   `json:"job"`
			Violations         []string `json:"violations"`
			PreviousViolations []string `json:"previousViolations"`
		}
		if err := json.Unmarshal([]byte(details), &d); err != nil {
			t.Fatalf("history details %s: %v", details, err)
		}
		if d.Job != job.ID || !slices.Contains(d.Violations, "ABUSIVE_LANGUAGE") || slices.Contains(d.PreviousViolations, "ABUSIVE_LANGUAGE") {
			t.Errorf("RULES_REASSESSED details = %s", details)
		}
		var contribution string
		if err := app.DB.Gorm.Raw("SELECT array_to_string(violations, ',') FROM stats_contributions WHERE complaint_id = ?", id).Scan(&contribution).Error; err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(strings.Split(contribution, ","), "ABUSIVE_LANGUAGE") {
			t.Errorf("statistics count complaint %s under %v", id, contribution)
		}
	}
	if n := abusive(); n != 3 {
		t.Errorf("after: %d ABUSIVE_LANGUAGE complaints against the institution, want 3", n)
	}

	// The same batches again, and a second job, change nothing more.
	p.deliverTwice(t, first)
	again, err := app.Reassessments.Start(sys, since, "again")
	if err != nil {
		t.Fatal(err)
	}
	more := true
	for more {
		if more, _, err = app.Reassessments.RunBatch(ctx, again.ID); err != nil {
			t.Fatal(err)
		}
	}
	j, _ = app.Reassessments.Store.Reassessment(ctx, again.ID)
	if j.Changed != 0 || j.Unchanged != 3 {
		t.Errorf("second job: %d changed, %d unchanged; want 0 and 3", j.Changed, j.Unchanged)
	}
	if n := p.count(t, "SELECT count(*) FROM complaint_events WHERE action = ?", string(domain.ActionRulesReassess)); n != 3 {
		t.Errorf("%d RULES_REASSESSED entries, want one per complaint (3)", n)
	}
	if n := abusive(); n != 3 {
		t.Errorf("after running again: %d ABUSIVE_LANGUAGE complaints, want 3", n)
	}
}

// TestResumeReplacesArchivedBatch: a job whose batch failed for good before moving the cursor is
// resumed from the same cursor, so its batch has the archived task's id; resuming queues it again
// instead of being absorbed by that id.
func TestResumeReplacesArchivedBatch(t *testing.T) {
	p := newPlatform(t)
	ctx := context.Background()
	app := p.env.App
	sys := domain.WithActor(ctx, domain.Actor{Role: domain.RoleSystem})
	job, err := app.Reassessments.Start(sys, time.Now().AddDate(0, 0, -1), "archived batch")
	if err != nil {
		t.Fatal(err)
	}
	in := asynq.NewInspector(app.RedisOpt)
	defer in.Close()
	id := "rules:reassess:" + job.ID + ":start"
	if err := in.ArchiveTask(workers.QueueLow, id); err != nil { // asynq gave up on it
		t.Fatal(err)
	}
	if err := app.Reassessments.Fail(ctx, job.ID, errors.New("batch failed for good")); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Reassessments.Resume(sys, job.ID); err != nil {
		t.Fatal(err)
	}
	info, err := in.GetTaskInfo(workers.QueueLow, id)
	if err != nil {
		t.Fatal(err)
	}
	if info.State != asynq.TaskStatePending {
		t.Fatalf("the resumed batch is %s, want pending", info.State)
	}
	j, err := app.Reassessments.Store.Reassessment(ctx, job.ID)
	if err != nil || j.State != domain.ReassessQueued {
		t.Fatalf("job %v (%v), want QUEUED", j, err)
	}
	// Resuming again while it is queued is refused and queues nothing more (session 33, sec33).
	if _, err := app.Reassessments.Resume(sys, job.ID); domain.CodeOf(err) != domain.CodeConflict {
		t.Fatalf("resuming a queued job: %v, want CONFLICT", err)
	}
	if n, err := in.ListPendingTasks(workers.QueueLow); err != nil || len(n) != 1 {
		t.Fatalf("%d pending tasks (%v), want 1", len(n), err)
	}
}
