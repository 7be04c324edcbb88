package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ActionRulesReassess is the history action of a complaint judged again under a newly published
// rule pack revision (a rule reassessment job) whose flagged violations or severity changed. It is
// the platform's own record, written in any state: it changes what the engine suggests, not where
// the complaint stands.
const ActionRulesReassess Action = "RULES_REASSESSED"

// ReassessState is where a rule reassessment job stands.
type ReassessState string

// The states of a job: queued until its first batch runs, running, done, or failed (a batch failed
// for good; Resume queues it again from its cursor).
const (
	ReassessQueued  ReassessState = "QUEUED"
	ReassessRunning ReassessState = "RUNNING"
	ReassessDone    ReassessState = "DONE"
	ReassessFailed  ReassessState = "FAILED"
)

// RuleReassessment is a job that judges again, with the rule packs in force, every complaint the
// engine judged that was filed since Since. Cursor is the last complaint judged (complaints are taken
// in id order), so that a job resumes where it stopped; Changed counts the complaints whose flagged
// violations or severity changed, Unchanged the others.
type RuleReassessment struct {
	ID          string
	Since       time.Time
	State       ReassessState
	Cursor      string
	Changed     int
	Unchanged   int
	RequestedBy int64 // 0: the command line or the publish hook
	Reason      string
	Error       string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinishedAt  time.Time
}

// ReassessStore keeps the reassessment jobs and finds their complaints.
type ReassessStore interface {
	// CreateReassessment records a job, with the admin audit entry when one is given, in one
	// transaction.
	CreateReassessment(ctx context.Context, j *RuleReassessment, act *AdminAct) error
	// CreateReassessmentUnlessCovered is CreateReassessment unless a queued or running job already
	// covers j: filed since the same day or earlier, and started after the latest rule pack revision
	// (so it judges every complaint j would under the same packs). Then it creates nothing and
	// returns that job. Two starts at once are put in line.
	CreateReassessmentUnlessCovered(ctx context.Context, j *RuleReassessment, act *AdminAct) (*RuleReassessment, error)
	// ResumeReassessmentUnlessBusy marks a job that is not done QUEUED again (clearing its error)
	// and returns it, unless it is busy: queued or running and moved after movedAfter, or another
	// queued or running job that moved after movedAfter covers it (as CreateReassessmentUnlessCovered).
	// Then it changes nothing and returns the busy job as second value. A done job is returned as it
	// is. Resumes and starts at once are put in line.
	ResumeReassessmentUnlessBusy(ctx context.Context, id string, movedAfter, at time.Time) (job, busy *RuleReassessment, err error)
	// Reassessment returns a job; NOT_FOUND when there is none.
	Reassessment(ctx context.Context, id string) (*RuleReassessment, error)
	// Reassessments lists the latest jobs, newest first.
	Reassessments(ctx context.Context, limit int) ([]*RuleReassessment, error)
	// ReassessBatch returns the ids of up to limit complaints judged by the engine, filed since
	// since, not merged into another, with an id after after ("" from the start), in id order.
	ReassessBatch(ctx context.Context, since time.Time, after string, limit int) ([]string, error)
	// AdvanceReassessment moves a job's cursor from from to to and counts the complaint as
	// changed or unchanged; CONFLICT when the cursor is no longer from (another run moved it).
	AdvanceReassessment(ctx context.Context, id, from, to string, changed bool, at time.Time) error
	// SetReassessmentState records a job's state (and the error of a failed one).
	SetReassessmentState(ctx context.Context, id string, state ReassessState, errText string, at time.Time) error
}

// ReassessQueue queues the batch task of a job that starts at cursor; queueing the same job and
// cursor twice queues one task.
type ReassessQueue interface {
	EnqueueReassessBatch(ctx context.Context, jobID, cursor string) error
}

// ReassessEarliest is the earliest day a reassessment may start from: before the platform and any
// complaint imported into it (the demo trail and imports start in 2024).
var ReassessEarliest = time.Date(2000, 1, 1, 0, 0, 0, 0, chinaTime)

// DefaultReassessBatch is how many complaints one batch task judges.
const DefaultReassessBatch = 200

// Reassessments runs rule reassessment jobs: an admin (or the publish hook, or the command line)
// starts one; the worker judges its complaints batch by batch as routing judges a complaint, stores
// the assessments that changed with a RULES_REASSESSED history entry, and brings the statistics of
// those complaints' institutions up to date.
type Reassessments struct {
	Store      ReassessStore
	Complaints *Complaints
	// Stats re-aggregates a changed complaint's contribution; nil leaves the statistics to their
	// periodic rebuild.
	Stats *Statistics
	Queue ReassessQueue
	Authz Authorizer
	// BatchSize is the number of complaints per batch task; 0 means DefaultReassessBatch.
	BatchSize int
	Now       func() time.Time
	NewID     func() string
}

// Start records a job for the complaints filed since since and queues its first batch; admins
// (policy manage) only, or the platform itself (a system actor: the command line). An admin's
// start is an entry of the admin audit log.
func (r *Reassessments) Start(ctx context.Context, since time.Time, reason string) (*RuleReassessment, error) {
	return r.start(ctx, since, reason, true)
}

// StartForPublish starts the job a rule pack revision asks for when it is published
// (REDLINE_REASSESS_DAYS), in the publishing admin's name. The publication's audit entry covers
// it: the job writes no second one.
func (r *Reassessments) StartForPublish(ctx context.Context, since time.Time, reason string) (*RuleReassessment, error) {
	return r.start(ctx, since, reason, false)
}

func (r *Reassessments) start(ctx context.Context, since time.Time, reason string, audit bool) (*RuleReassessment, error) {
	a := ActorFrom(ctx)
	if err := r.mayRun(a); err != nil {
		return nil, err
	}
	if since.IsZero() || since.After(r.Now()) {
		return nil, Invalid("since", "give a date that is not in the future", "请填写不晚于今天的日期")
	}
	// Round 27's leftover (session 33, sec33): "0001-01-01" was taken, and shown with a local mean
	// time offset; no complaint is filed before the platform's earliest day.
	if since.Before(ReassessEarliest) {
		return nil, Invalid("since", "give a date from "+ReassessEarliest.Format(time.DateOnly)+" on; no complaint is older",
			"请填写"+ReassessEarliest.Format(time.DateOnly)+"或之后的日期，没有更早的投诉")
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > 2000 {
		return nil, Invalid("reason", "the reason is longer than 2000 characters", "原因超过2000字")
	}
	now := r.Now()
	j := &RuleReassessment{ID: r.NewID(), Since: since, State: ReassessQueued, RequestedBy: a.UserID, Reason: reason,
		CreatedAt: now, UpdatedAt: now}
	var act *AdminAct
	if audit && a.Role != RoleSystem { // an admin's act; the platform's own jobs are in its log and the job list
		x := NewAdminAct(ctx, ActStartReassessment, "rule-reassessment:"+j.ID, reason,
			map[string]any{"since": since.Format(time.DateOnly)}, now)
		act = &x
	}
	// A second start while a job that covers it runs (a double click, two admins, parallel
	// requests) judged every complaint again for nothing, in parallel with the first (session 32,
	// sec32): it is refused, naming the job.
	covering, err := r.Store.CreateReassessmentUnlessCovered(ctx, j, act)
	if err != nil {
		return nil, err
	}
	if covering != nil {
		return nil, &Error{Code: CodeConflict, Field: "since", Reason: "REASSESSMENT_RUNNING",
			Message: fmt.Sprintf("job %s already judges the complaints filed since %s under the rule packs in force; wait until it is done",
				covering.ID, covering.Since.In(chinaTime).Format(time.DateOnly)),
			MessageZH: fmt.Sprintf("重新评估任务%s正在按现行规则包评估%s以来提交的投诉，请待其完成", covering.ID, covering.Since.In(chinaTime).Format(time.DateOnly))}
	}
	if err := r.Queue.EnqueueReassessBatch(ctx, j.ID, ""); err != nil {
		return j, fmt.Errorf("job %s recorded but not queued (resume it): %w", j.ID, err)
	}
	return j, nil
}

// mayRun lets admins (policy manage) and the platform itself (a system actor: the command line,
// the publish hook) start and resume jobs.
func (r *Reassessments) mayRun(a Actor) error {
	if a.Role == RoleSystem {
		return nil
	}
	return MayManagePolicy(a, r.Authz)
}

// Resume queues a job that is not done again from its cursor (after its worker died or a batch
// failed for good); admins or the platform. A job that is queued or running and moved within
// ReassessIdle is refused (CONFLICT, field id, reason REASSESSMENT_RUNNING): resuming it queued a
// second batch beside the running one (session 33, sec33). So is a job that another queued or
// running job covers (the one-job-per-range rule of Start, which Resume went around); the stalled
// watch resumes a job that has not moved for ReassessIdle.
func (r *Reassessments) Resume(ctx context.Context, id string) (*RuleReassessment, error) {
	return r.resume(ctx, id, ReassessIdle)
}

func (r *Reassessments) resume(ctx context.Context, id string, idle time.Duration) (*RuleReassessment, error) {
	if err := r.mayRun(ActorFrom(ctx)); err != nil {
		return nil, err
	}
	now := r.Now()
	j, busy, err := r.Store.ResumeReassessmentUnlessBusy(ctx, id, now.Add(-idle), now)
	if err != nil {
		if CodeOf(err) == CodeNotFound {
			return nil, &Error{Code: CodeNotFound, Field: "id", Message: "there is no rule reassessment job with this id", MessageZH: "没有该重新评估任务"}
		}
		return nil, err
	}
	if busy != nil {
		since := busy.Since.In(chinaTime).Format(time.DateOnly)
		if busy.ID == j.ID {
			return nil, &Error{Code: CodeConflict, Field: "id", Reason: "REASSESSMENT_RUNNING",
				Message: fmt.Sprintf("job %s is %s and moved %s ago; it is resumed by the platform if it does not move for %s",
					busy.ID, busy.State, now.Sub(busy.UpdatedAt).Round(time.Second), idle),
				MessageZH: fmt.Sprintf("重新评估任务%s正在进行（%s），若%s内无进展平台会自动续跑", busy.ID, busy.State, idle)}
		}
		return nil, &Error{Code: CodeConflict, Field: "id", Reason: "REASSESSMENT_RUNNING",
			Message: fmt.Sprintf("job %s already judges the complaints filed since %s under the rule packs in force; wait until it is done",
				busy.ID, since),
			MessageZH: fmt.Sprintf("重新评估任务%s正在按现行规则包评估%s以来提交的投诉，请待其完成", busy.ID, since)}
	}
	if j.State == ReassessDone {
		return j, nil
	}
	return j, r.Queue.EnqueueReassessBatch(ctx, id, j.Cursor)
}

// ReassessIdle is how long a queued or running job may go without moving its cursor before the
// platform queues it again (ResumeStalled): its task was lost (Redis restarted empty) or never
// queued (Redis was down when the job started). A batch moves the cursor after every complaint.
const ReassessIdle = 10 * time.Minute

// ResumeStalled queues again, from their cursors, the latest jobs that are queued or running but
// have not moved for idle, and returns how many; the platform's periodic watch (a system actor).
// A job that fails for good (FAILED) waits for a person: its batch was retried already.
func (r *Reassessments) ResumeStalled(ctx context.Context, idle time.Duration) (int, error) {
	if ActorFrom(ctx).Role != RoleSystem {
		return 0, ErrForbidden
	}
	jobs, err := r.Store.Reassessments(ctx, 100)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, j := range jobs {
		if (j.State != ReassessQueued && j.State != ReassessRunning) || r.Now().Sub(j.UpdatedAt) < idle {
			continue
		}
		if _, err := r.resume(ctx, j.ID, idle); err != nil {
			if CodeOf(err) == CodeConflict { // moved or covered since the list was read
				continue
			}
			return n, fmt.Errorf("resume rule reassessment %s: %w", j.ID, err)
		}
		n++
	}
	return n, nil
}

// List returns the latest jobs, newest first; the regulator's staff and admins.
func (r *Reassessments) List(ctx context.Context, limit int) ([]*RuleReassessment, error) {
	if err := MayReadPolicy(ActorFrom(ctx), r.Authz); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	return r.Store.Reassessments(ctx, limit)
}

// Latest returns the latest job for those who read the statistics (analysts too, who may not read
// the policy): the dashboard says whether its violation figures follow the rule pack revision in
// force, i.e. whether a job started after that revision re-judged the complaints it counts. nil
// when no job ever ran.
func (r *Reassessments) Latest(ctx context.Context) (*RuleReassessment, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return nil, ErrUnauthenticated
	}
	if !r.Authz.Allowed(a, "statistics", "read") && MayReadPolicy(a, r.Authz) != nil {
		return nil, ErrForbidden
	}
	jobs, err := r.Store.Reassessments(ctx, 1)
	if err != nil || len(jobs) == 0 {
		return nil, err
	}
	return jobs[0], nil
}

// RunBatch judges the next batch of a job's complaints, from the job's own cursor (not the task's:
// a batch retried after its worker died goes on after the last complaint it finished). The cursor
// moves after each complaint, so at most the complaint being judged when a worker dies is judged
// twice, which changes nothing the second time. It reports whether complaints remain, and the
// cursor the next batch starts from.
func (r *Reassessments) RunBatch(ctx context.Context, id string) (more bool, cursor string, err error) {
	j, err := r.Store.Reassessment(ctx, id)
	if err != nil {
		return false, "", err
	}
	if j.State == ReassessDone {
		return false, j.Cursor, nil
	}
	if j.State != ReassessRunning {
		if err := r.Store.SetReassessmentState(ctx, id, ReassessRunning, "", r.Now()); err != nil {
			return false, "", err
		}
	}
	size := r.BatchSize
	if size <= 0 {
		size = DefaultReassessBatch
	}
	ids, err := r.Store.ReassessBatch(ctx, j.Since, j.Cursor, size)
	if err != nil {
		return false, j.Cursor, err
	}
	cursor = j.Cursor
	for _, cid := range ids {
		changed, err := r.Complaints.ReassessUnderPacks(ctx, cid, id)
		if err != nil && CodeOf(err) != CodeNotFound {
			return false, cursor, fmt.Errorf("complaint %s: %w", cid, err)
		}
		if changed && r.Stats != nil {
			if err := r.Stats.Apply(ctx, cid); err != nil {
				return false, cursor, fmt.Errorf("statistics of complaint %s: %w", cid, err)
			}
		}
		if err := r.Store.AdvanceReassessment(ctx, id, cursor, cid, changed, r.Now()); err != nil {
			return false, cursor, err
		}
		cursor = cid
	}
	if len(ids) < size {
		return false, cursor, r.Store.SetReassessmentState(ctx, id, ReassessDone, "", r.Now())
	}
	return true, cursor, nil
}

// Fail records that a job's batch failed for good.
func (r *Reassessments) Fail(ctx context.Context, id string, cause error) error {
	msg := cause.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	return r.Store.SetReassessmentState(ctx, id, ReassessFailed, msg, r.Now())
}

// ReassessUnderPacks judges a complaint again exactly as routing judges it (the packs in force, its
// narrative, incidents and pasted messages) and, when the violations it flags (confidence at least
// RoutingConfidence) or its severity changed, stores the new assessment with a RULES_REASSESSED
// history entry that names the old and new violation codes; the priority may rise with the
// severity, never fall. An unchanged judgement writes nothing, so judging again is harmless. job
// names the reassessment job in the entry. It reports whether the complaint changed.
func (s *Complaints) ReassessUnderPacks(ctx context.Context, id, job string) (bool, error) {
	_, changed, err := s.judgeAgain(ctx, id, false, func(c *Complaint, a *Assessment, now time.Time) *Event {
		before, after := FlaggedViolations(c.Assessment), FlaggedViolations(a)
		if slices.Equal(before, after) && c.Assessment.Severity == a.Severity {
			return nil
		}
		return &Event{Action: ActionRulesReassess, FromStatus: c.Status, ToStatus: c.Status, ActorRole: RoleSystem, At: now,
			Details: map[string]any{"job": job,
				"rulePack":           map[string]any{"id": a.PackID, "revision": a.PackRevision, "version": a.PackVersion},
				"previousRulePack":   map[string]any{"id": c.Assessment.PackID, "revision": c.Assessment.PackRevision, "version": c.Assessment.PackVersion},
				"violations":         codes(after),
				"previousViolations": codes(before),
				"severity":           string(a.Severity), "previousSeverity": string(c.Assessment.Severity)}}
	})
	return changed, err
}

// FlaggedViolations lists, sorted, the violation types an assessment flags: those suggested with at
// least RoutingConfidence, which routing and the statistics count.
func FlaggedViolations(a *Assessment) []ViolationType {
	var out []ViolationType
	if a == nil {
		return out
	}
	for _, v := range a.Violations {
		if v.Confidence >= RoutingConfidence && !slices.Contains(out, v.Type) {
			out = append(out, v.Type)
		}
	}
	slices.Sort(out)
	return out
}

func codes(vs []ViolationType) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, string(v))
	}
	return out
}

// ParseReassessSince reads a job's first day, YYYY-MM-DD: complaints filed from midnight of that
// day in China time (the statistics' day) on.
func ParseReassessSince(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), chinaTime)
	if err != nil {
		return t, Invalid("since", "a date is written YYYY-MM-DD", "日期格式须为YYYY-MM-DD")
	}
	return t, nil
}
