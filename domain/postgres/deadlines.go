package postgres

import (
	"context"
	"reflect"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

// This file stores the clocks of complaint handling (complaint_deadlines, migration 00010).

type deadlineRow struct {
	ID            string `gorm:"primaryKey"`
	ComplaintID   string
	Kind          string
	InstitutionID *int64
	Jurisdiction  string
	Unit          string
	Stage         string
	State         string
	StartedAt     time.Time
	DueAt         time.Time
	DueSetAt      time.Time
	PausedAt      *time.Time
	PauseReason   *string
	PausedTotal   int
	RemindersSent int8Array
	MetAt         *time.Time
	BreachedAt    *time.Time
	CancelledAt   *time.Time
	Provisional   bool
	Record        []byte `gorm:"type:jsonb"`
	UpdatedAt     time.Time
}

func (deadlineRow) TableName() string { return "complaint_deadlines" }

func toDeadlineRow(d domain.Deadline, now time.Time) deadlineRow {
	sent := make(int8Array, len(d.RemindersSent))
	for i, o := range d.RemindersSent {
		sent[i] = int64(o / time.Second)
	}
	return deadlineRow{ID: d.ID, ComplaintID: d.ComplaintID, Kind: string(d.Kind), InstitutionID: nullable(d.InstitutionID),
		Jurisdiction: d.Jurisdiction, Unit: d.Unit, Stage: d.Stage, State: string(d.State), StartedAt: d.StartedAt,
		DueAt: d.DueAt, DueSetAt: d.DueSetAt, PausedAt: nullTime(d.PausedAt), PauseReason: nullable(string(d.PauseReason)),
		PausedTotal: d.PausedDays, RemindersSent: sent, MetAt: nullTime(d.MetAt), BreachedAt: nullTime(d.BreachedAt),
		CancelledAt: nullTime(d.CancelledAt), Provisional: d.Provisional, Record: d.Record, UpdatedAt: now}
}

func toDomainDeadline(r deadlineRow) domain.Deadline {
	sent := make([]time.Duration, len(r.RemindersSent))
	for i, s := range r.RemindersSent {
		sent[i] = time.Duration(s) * time.Second
	}
	return domain.Deadline{ID: r.ID, ComplaintID: r.ComplaintID, Kind: domain.DeadlineKind(r.Kind), InstitutionID: deref(r.InstitutionID),
		Jurisdiction: r.Jurisdiction, Unit: r.Unit, Stage: r.Stage, State: domain.DeadlineState(r.State), StartedAt: r.StartedAt,
		DueAt: r.DueAt, DueSetAt: r.DueSetAt, PausedAt: deref(r.PausedAt), PauseReason: domain.PauseReason(deref(r.PauseReason)),
		PausedDays: r.PausedTotal, RemindersSent: sent, MetAt: deref(r.MetAt), BreachedAt: deref(r.BreachedAt),
		CancelledAt: deref(r.CancelledAt), Provisional: r.Provisional, Record: r.Record, UpdatedAt: r.UpdatedAt}
}

// lockDeadlines loads a complaint's clocks, locked, inside the transaction that locked the complaint.
func lockDeadlines(tx *gorm.DB, complaintID string) ([]domain.Deadline, error) {
	var rows []deadlineRow
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("complaint_id = ?", complaintID).
		Order("started_at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]domain.Deadline, len(rows))
	for i, r := range rows {
		out[i] = toDomainDeadline(r)
	}
	return out, nil
}

// changedDeadlines returns the clocks of after that are new or differ from their version in
// before: the ones a change has to write.
func changedDeadlines(before, after []domain.Deadline) []domain.Deadline {
	var out []domain.Deadline
	for _, d := range after {
		i := slices.IndexFunc(before, func(b domain.Deadline) bool { return b.ID == d.ID })
		if i < 0 || !reflect.DeepEqual(toDeadlineRow(before[i], time.Time{}), toDeadlineRow(d, time.Time{})) {
			out = append(out, d)
		}
	}
	return out
}

// writeDeadlines inserts or updates the given clocks of a complaint; a complaint has a handful.
func writeDeadlines(tx *gorm.DB, complaintID string, ds []domain.Deadline, now time.Time) error {
	for _, d := range ds {
		d.ComplaintID = complaintID
		row := toDeadlineRow(d, now)
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, UpdateAll: true}).Create(&row).Error; err != nil {
			return err
		}
	}
	return nil
}

// ComplaintDeadlines implements domain.ComplaintStore.
func (s *ComplaintStore) ComplaintDeadlines(ctx context.Context, complaintID string) ([]domain.Deadline, error) {
	return listOf(ctx, s.DB, "complaint deadlines", "started_at, id", toDomainDeadline, "complaint_id = ?", complaintID)
}

// DeadlinesOf implements domain.ComplaintStore.
func (s *ComplaintStore) DeadlinesOf(ctx context.Context, complaintIDs []string) (map[string][]domain.Deadline, error) {
	ds, err := listOf(ctx, s.DB, "complaint deadlines", "complaint_id, started_at, id", toDomainDeadline, "complaint_id IN ?", complaintIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]domain.Deadline, len(complaintIDs))
	for _, d := range ds {
		out[d.ComplaintID] = append(out[d.ComplaintID], d)
	}
	return out, nil
}

// DeadlineStore implements domain.DeadlineStore.
type DeadlineStore struct{ DB *DB }

var _ domain.DeadlineStore = (*DeadlineStore)(nil)

// DeadlineByID implements domain.DeadlineStore.
func (s *DeadlineStore) DeadlineByID(ctx context.Context, id string) (*domain.Deadline, error) {
	var row deadlineRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "deadline")
	}
	d := toDomainDeadline(row)
	return &d, nil
}

// DueDeadlinesSQL is the sweep's query. It reads the partial index complaint_deadlines_due (open,
// running clocks by due instant) over the range up to now + the longest reminder offset, and keeps
// the clocks past due or with a reminder to send — so the rows it touches are the clocks that are
// due, however many are open. The filter mirrors domain.reminderDue.
const DueDeadlinesSQL = `SELECT * FROM complaint_deadlines d
WHERE d.state = 'OPEN' AND d.paused_at IS NULL AND d.due_at <= @until
  AND (d.due_at < @now OR EXISTS (
        SELECT 1 FROM unnest(CAST(@offsets AS bigint[])) AS o(s)
        WHERE d.due_at - make_interval(secs => o.s) <= @now
          AND d.due_at - make_interval(secs => o.s) > d.due_set_at
          AND NOT o.s = ANY (d.reminders_sent)))
ORDER BY d.due_at, d.id
LIMIT @limit`

// DueDeadlinesArgs are the named arguments of DueDeadlinesSQL.
func DueDeadlinesArgs(now time.Time, reminders []time.Duration, limit int) map[string]any {
	var longest time.Duration
	offs := make(int8Array, len(reminders))
	for i, r := range reminders {
		offs[i] = int64(r / time.Second)
		longest = max(longest, r)
	}
	return map[string]any{"now": now, "until": now.Add(longest), "offsets": offs, "limit": limit}
}

// LongPausedDeadlines implements domain.DeadlineStore. It reads the partial index
// complaint_deadlines_paused (open, paused clocks by the instant of the pause, migration 00069):
// paused clocks are few, and the ones paused long fewer.
func (s *DeadlineStore) LongPausedDeadlines(ctx context.Context, reason domain.PauseReason, pausedBefore time.Time, limit int) ([]domain.Deadline, error) {
	var rows []deadlineRow
	if err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT * FROM complaint_deadlines
WHERE state = 'OPEN' AND paused_at IS NOT NULL AND paused_at <= ? AND pause_reason = ?
ORDER BY paused_at, id LIMIT ?`, pausedBefore, string(reason), limit).Scan(&rows).Error; err != nil {
		return nil, mapError(err, "paused deadlines")
	}
	out := make([]domain.Deadline, len(rows))
	for i, r := range rows {
		out[i] = toDomainDeadline(r)
	}
	return out, nil
}

// DueDeadlines implements domain.DeadlineStore.
func (s *DeadlineStore) DueDeadlines(ctx context.Context, now time.Time, reminders []time.Duration, limit int) ([]domain.Deadline, error) {
	var rows []deadlineRow
	if err := s.DB.Gorm.WithContext(ctx).Raw(DueDeadlinesSQL, DueDeadlinesArgs(now, reminders, limit)).Scan(&rows).Error; err != nil {
		return nil, mapError(err, "due deadlines")
	}
	out := make([]domain.Deadline, len(rows))
	for i, r := range rows {
		out[i] = toDomainDeadline(r)
	}
	return out, nil
}
