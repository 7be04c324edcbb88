package app_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

func wantResumeConflict(t *testing.T, what string, err error) {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeConflict || e.Field != "id" || e.Reason != "REASSESSMENT_RUNNING" {
		t.Errorf("%s: %v, want CONFLICT on id (REASSESSMENT_RUNNING)", what, err)
	}
}

// TestResumeOfABusyOrCoveredReassessmentIsRefused (session 33, sec33): Resume went around the
// one-job-per-range check of Start, and resuming a queued or running job queued a second batch
// beside the first. Four resumes at once of a failed job now queue it once; resuming a queued or
// running job that moved lately, or a failed job that another queued job covers, answers CONFLICT
// on id with reason REASSESSMENT_RUNNING and changes nothing.
func TestResumeOfABusyOrCoveredReassessmentIsRefused(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true}) // no worker: jobs stay queued
	p := demoPeople(t, env)
	r := env.App.Reassessments
	admin := p.ctx(domain.RoleAdmin)
	sys := domain.WithActor(context.Background(), domain.Actor{Role: domain.RoleSystem})
	job, err := r.Start(admin, time.Now().AddDate(0, 0, -3), "resume")
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Resume(admin, job.ID)
	wantResumeConflict(t, "resuming a job just queued", err)
	if err := r.Store.SetReassessmentState(context.Background(), job.ID, domain.ReassessRunning, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	_, err = r.Resume(sys, job.ID)
	wantResumeConflict(t, "resuming a running job", err)

	if err := r.Fail(context.Background(), job.ID, errors.New("batch failed for good")); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = r.Resume(admin, job.ID)
		}()
	}
	wg.Wait()
	resumed := 0
	for _, err := range errs {
		if err == nil {
			resumed++
			continue
		}
		wantResumeConflict(t, "a resume at once", err)
	}
	if resumed != 1 {
		t.Errorf("%d of 4 resumes at once queued the job, want 1", resumed)
	}

	// A failed job that a queued job filed since an earlier day covers stays failed.
	if err := r.Fail(context.Background(), job.ID, errors.New("again")); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Start(admin, time.Now().AddDate(0, 0, -10), "wider"); err != nil {
		t.Fatal(err)
	}
	_, err = r.Resume(admin, job.ID)
	wantResumeConflict(t, "resuming a covered job", err)
	if j, _ := r.Store.Reassessment(context.Background(), job.ID); j.State != domain.ReassessFailed {
		t.Errorf("the covered job is %s after a refused resume, want FAILED", j.State)
	}
	var e *domain.Error
	if _, err := r.Resume(admin, "00000000-0000-0000-0000-000000000000"); !errors.As(err, &e) || e.Code != domain.CodeNotFound || e.Field != "id" {
		t.Errorf("resuming an unknown job: %v, want NOT_FOUND on id", err)
	}
	// The stalled watch still queues what has not moved for its idle time.
	if n, err := r.ResumeStalled(sys, 0); err != nil || n == 0 {
		t.Errorf("ResumeStalled(0) resumed %d (%v), want the queued job", n, err)
	}
}

// TestReassessmentSinceHasALowerBound (session 33, sec33; round 27's leftover): reassessRules took
// "0001-01-01" (a whole-history job shown with a local mean time offset). A day before 2000 is
// refused on since; 2000-01-01 itself starts a job.
func TestReassessmentSinceHasALowerBound(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	admin := p.tokens[domain.RoleAdmin]
	const start = `mutation($s: String!){ reassessRules(since: $s, reason: "bound") { id since } }`
	for _, day := range []string{"0001-01-01", "1970-01-01", "1999-12-31"} {
		if r := env.Do(t, admin, start, map[string]any{"s": day}); r.Code() != "BAD_USER_INPUT" || r.Field() != "since" {
			t.Errorf("since %s: %v, want BAD_USER_INPUT on since", day, r.Errors)
		}
	}
	if r := env.Do(t, admin, start, map[string]any{"s": "2000-01-01"}); len(r.Errors) != 0 {
		t.Errorf("since 2000-01-01: %v", r.Errors)
	}
	if jobs := env.MustDo(t, admin, `{ reassessJobs { id } }`, nil)["reassessJobs"].([]any); len(jobs) != 1 {
		t.Errorf("%d jobs, want 1", len(jobs))
	}
}
