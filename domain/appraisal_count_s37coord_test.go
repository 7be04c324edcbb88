package domain

import (
	"context"
	"errors"
	"testing"
	"time"
)

// appraisalStore holds one clock paused for an outside appraisal since long ago.
type appraisalStore struct{ d Deadline }

func (s *appraisalStore) DeadlineByID(context.Context, string) (*Deadline, error) { return &s.d, nil }
func (s *appraisalStore) DueDeadlines(context.Context, time.Time, []time.Duration, int) ([]Deadline, error) {
	return nil, nil
}
func (s *appraisalStore) LongPausedDeadlines(context.Context, PauseReason, time.Time, int) ([]Deadline, error) {
	return []Deadline{s.d}, nil
}

// failingWrites runs every change on a copy of the complaint and then fails to store it, as a
// transaction whose commit fails does; writes counts the changes it was asked to store.
type failingWrites struct {
	ComplaintStore
	c      Complaint
	writes int
}

func (f *failingWrites) UpdateComplaint(_ context.Context, _ string, change func(c *Complaint) (Change, error)) (*Complaint, error) {
	c := f.c
	c.Deadlines = append([]Deadline(nil), f.c.Deadlines...)
	if _, err := change(&c); err != nil {
		return nil, err
	}
	f.writes++
	return nil, errors.New("commit failed")
}

// resumeClock resumes a clock by clearing its pause (the calendar arithmetic is not what is tested).
type resumeClock struct{ DeadlineClock }

func (resumeClock) Resume(d *Deadline, at time.Time) error {
	d.PauseReason, d.PausedAt = "", time.Time{}
	return nil
}

// TestEndLongAppraisalsCountsOnlyStoredEnds: a pause whose end could not be stored is not counted
// as ended (the count was taken inside the change, before the store wrote it, so a failed commit
// still reported one appraisal ended beside the error).
func TestEndLongAppraisalsCountsOnlyStoredEnds(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	d := Deadline{ID: "d1", ComplaintID: "c1", Kind: DeadlineInstitutionResponse, State: DeadlineOpen, InstitutionID: 7,
		PauseReason: PauseOutsideAppraisal, PausedAt: now.AddDate(0, 0, -90), DueAt: now.AddDate(0, 0, 5)}
	cs := &failingWrites{c: Complaint{ID: "c1", Status: StatusInTriage, Deadlines: []Deadline{d}}}
	w := &DeadlineWatch{Complaints: cs, Store: &appraisalStore{d: d}, Clocks: &Clocks{Clock: resumeClock{}},
		Now: func() time.Time { return now }, NewID: func() string { return "id" }}
	n, err := w.EndLongAppraisals(context.Background())
	if err == nil {
		t.Fatal("the failed write was not reported")
	}
	if cs.writes != 1 {
		t.Fatalf("the change was offered for writing %d times, want 1 (the test's premise)", cs.writes)
	}
	if n != 0 {
		t.Fatalf("EndLongAppraisals = %d ended with the write failed, want 0", n)
	}
}
