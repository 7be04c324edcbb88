package postgres

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// PolicyStore implements deadline.PolicyStore.
type PolicyStore struct{ DB *DB }

var _ deadline.PolicyStore = (*PolicyStore)(nil)

type policyRow struct {
	Jurisdiction string `gorm:"primaryKey"`
	Revision     int    `gorm:"primaryKey"`
	Version      string
	Document     string
	Reason       string
	CreatedBy    *int64
	CreatedAt    time.Time
}

func (policyRow) TableName() string { return "deadline_policies" }

// PolicyEditions implements deadline.PolicyStore.
func (s *PolicyStore) PolicyEditions(ctx context.Context, jurisdiction string) ([]deadline.PolicyEdition, error) {
	var rows []policyRow
	if err := s.DB.Gorm.WithContext(ctx).Where("jurisdiction = ?", jurisdiction).Order("revision").Find(&rows).Error; err != nil {
		return nil, mapError(err, "deadline policy")
	}
	out := make([]deadline.PolicyEdition, len(rows))
	for i, r := range rows {
		out[i] = deadline.PolicyEdition{Jurisdiction: r.Jurisdiction, Revision: r.Revision, Version: r.Version, Document: []byte(r.Document),
			Reason: r.Reason, CreatedAt: r.CreatedAt}
		if r.CreatedBy != nil {
			out[i].CreatedBy = *r.CreatedBy
		}
	}
	return out, nil
}

// SavePolicy implements deadline.PolicyStore.
func (s *PolicyStore) SavePolicy(ctx context.Context, e deadline.PolicyEdition, act domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&policyRow{Jurisdiction: e.Jurisdiction, Revision: e.Revision, Version: e.Version, Document: string(e.Document),
			Reason: e.Reason, CreatedBy: nullable(e.CreatedBy), CreatedAt: e.CreatedAt}).Error; err != nil {
			return err
		}
		return recordAdminAct(tx, act)
	}), "deadline policy revision")
}
