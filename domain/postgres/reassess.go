package postgres

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// ReassessStore implements domain.ReassessStore on the rule_reassessments table (migration 00030).
type ReassessStore struct{ DB *DB }

var _ domain.ReassessStore = (*ReassessStore)(nil)

type reassessRow struct {
	ID          string `gorm:"primaryKey"`
	Since       time.Time
	State       string
	Cursor      *string
	Changed     int
	Unchanged   int
	RequestedBy *int64
	Reason      string
	Error       string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinishedAt  *time.Time
}

func (reassessRow) TableName() string { return "rule_reassessments" }

func (r reassessRow) domain() *domain.RuleReassessment {
	j := &domain.RuleReassessment{ID: r.ID, Since: r.Since, State: domain.ReassessState(r.State), Changed: r.Changed,
		Unchanged: r.Unchanged, Reason: r.Reason, Error: r.Error, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.Cursor != nil {
		j.Cursor = *r.Cursor
	}
	if r.RequestedBy != nil {
		j.RequestedBy = *r.RequestedBy
	}
	if r.FinishedAt != nil {
		j.FinishedAt = *r.FinishedAt
	}
	return j
}

// CreateReassessment implements domain.ReassessStore.
func (s *ReassessStore) CreateReassessment(ctx context.Context, j *domain.RuleReassessment, act *domain.AdminAct) error {
	row := reassessRow{ID: j.ID, Since: j.Since, State: string(j.State), RequestedBy: nullable(j.RequestedBy), Reason: j.Reason,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if act == nil {
			return nil
		}
		return recordAdminAct(tx, *act)
	}), "reassessment")
}

// CreateReassessmentUnlessCovered implements domain.ReassessStore: under a transaction-scoped
// advisory lock, so two starts at once see each other.
func (s *ReassessStore) CreateReassessmentUnlessCovered(ctx context.Context, j *domain.RuleReassessment, act *domain.AdminAct) (*domain.RuleReassessment, error) {
	row := reassessRow{ID: j.ID, Since: j.Since, State: string(j.State), RequestedBy: nullable(j.RequestedBy), Reason: j.Reason,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}
	var covering *domain.RuleReassessment
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended('rule_reassessments:start', 0))").Error; err != nil {
			return err
		}
		var found []reassessRow
		if err := tx.Where(`state IN ('QUEUED', 'RUNNING') AND since <= ?
			AND created_at >= COALESCE((SELECT max(created_at) FROM rule_packs), '-infinity')`, j.Since).
			Order("since, created_at").Limit(1).Find(&found).Error; err != nil {
			return err
		}
		if len(found) > 0 {
			covering = found[0].domain()
			return nil
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if act == nil {
			return nil
		}
		return recordAdminAct(tx, *act)
	})
	return covering, mapError(err, "reassessment")
}

// ResumeReassessmentUnlessBusy implements domain.ReassessStore: under the same advisory lock as
// CreateReassessmentUnlessCovered, so a resume and a start (or two resumes) at once see each other.
func (s *ReassessStore) ResumeReassessmentUnlessBusy(ctx context.Context, id string, movedAfter, at time.Time) (*domain.RuleReassessment, *domain.RuleReassessment, error) {
	if !domain.IsUUID(id) {
		return nil, nil, domain.ErrNotFound
	}
	var job, busy *domain.RuleReassessment
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended('rule_reassessments:start', 0))").Error; err != nil {
			return err
		}
		var row reassessRow
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return err
		}
		job = row.domain()
		if job.State == domain.ReassessDone {
			return nil
		}
		if (job.State == domain.ReassessQueued || job.State == domain.ReassessRunning) && row.UpdatedAt.After(movedAfter) {
			busy = job
			return nil
		}
		var found []reassessRow
		if err := tx.Where(`id <> ? AND state IN ('QUEUED', 'RUNNING') AND since <= ? AND updated_at > ?
			AND created_at >= COALESCE((SELECT max(created_at) FROM rule_packs), '-infinity')`, id, row.Since, movedAfter).
			Order("since, created_at").Limit(1).Find(&found).Error; err != nil {
			return err
		}
		if len(found) > 0 {
			busy = found[0].domain()
			return nil
		}
		if err := tx.Exec("UPDATE rule_reassessments SET state = ?, error = '', updated_at = ?, finished_at = NULL WHERE id = ?",
			string(domain.ReassessQueued), at, id).Error; err != nil {
			return err
		}
		job.State, job.Error, job.UpdatedAt, job.FinishedAt = domain.ReassessQueued, "", at, time.Time{}
		return nil
	})
	if err != nil {
		return nil, nil, mapError(err, "reassessment")
	}
	return job, busy, nil
}

// Reassessment implements domain.ReassessStore.
func (s *ReassessStore) Reassessment(ctx context.Context, id string) (*domain.RuleReassessment, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	var row reassessRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "reassessment")
	}
	return row.domain(), nil
}

// Reassessments implements domain.ReassessStore.
func (s *ReassessStore) Reassessments(ctx context.Context, limit int) ([]*domain.RuleReassessment, error) {
	var rows []reassessRow
	if err := s.DB.Gorm.WithContext(ctx).Order("created_at DESC, id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, mapError(err, "reassessments")
	}
	out := make([]*domain.RuleReassessment, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// ReassessBatch implements domain.ReassessStore.
func (s *ReassessStore) ReassessBatch(ctx context.Context, since time.Time, after string, limit int) ([]string, error) {
	q := s.DB.Gorm.WithContext(ctx).Table("complaints").
		Where("assessment IS NOT NULL AND merged_into IS NULL AND created_at >= ?", since)
	if after != "" {
		q = q.Where("id > ?", after)
	}
	var ids []string
	err := q.Order("id").Limit(limit).Pluck("id", &ids).Error
	return ids, mapError(err, "reassessment batch")
}

// AdvanceReassessment implements domain.ReassessStore.
func (s *ReassessStore) AdvanceReassessment(ctx context.Context, id, from, to string, changed bool, at time.Time) error {
	col := "unchanged"
	if changed {
		col = "changed"
	}
	var res *gorm.DB
	if from == "" {
		res = s.DB.Gorm.WithContext(ctx).Exec("UPDATE rule_reassessments SET cursor = ?, "+col+" = "+col+" + 1, updated_at = ? WHERE id = ? AND cursor IS NULL", to, at, id)
	} else {
		res = s.DB.Gorm.WithContext(ctx).Exec("UPDATE rule_reassessments SET cursor = ?, "+col+" = "+col+" + 1, updated_at = ? WHERE id = ? AND cursor = ?", to, at, id, from)
	}
	if res.Error != nil {
		return mapError(res.Error, "reassessment")
	}
	if res.RowsAffected != 1 {
		return domain.ErrConflict
	}
	return nil
}

// SetReassessmentState implements domain.ReassessStore.
func (s *ReassessStore) SetReassessmentState(ctx context.Context, id string, state domain.ReassessState, errText string, at time.Time) error {
	var finished *time.Time
	if state == domain.ReassessDone || state == domain.ReassessFailed {
		finished = &at
	}
	res := s.DB.Gorm.WithContext(ctx).Exec("UPDATE rule_reassessments SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?",
		string(state), errText, at, finished, id)
	if res.Error != nil {
		return mapError(res.Error, "reassessment")
	}
	if res.RowsAffected != 1 {
		return domain.ErrNotFound
	}
	return nil
}
