package postgres

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type pendingRegistrationRow struct {
	ID           string `gorm:"primaryKey"`
	TokenHash    []byte
	Email        string
	DisplayName  string
	PasswordHash string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

func (pendingRegistrationRow) TableName() string { return "pending_registrations" }

// RegistrationStore implements domain.RegistrationStore.
type RegistrationStore struct{ mailMarks }

// NewRegistrationStore returns the registration store of db.
func NewRegistrationStore(db *DB) *RegistrationStore { return &RegistrationStore{mailMarks{db}} }

var _ domain.RegistrationStore = (*RegistrationStore)(nil)

// SaveRegistration implements domain.RegistrationStore.
func (s *RegistrationStore) SaveRegistration(ctx context.Context, p *domain.PendingRegistration, m domain.Message) error {
	var row *pendingRegistrationRow
	if p != nil {
		row = &pendingRegistrationRow{ID: p.ID, TokenHash: p.TokenHash, Email: p.Email, DisplayName: p.DisplayName,
			PasswordHash: p.PasswordHash, CreatedAt: p.CreatedAt, ExpiresAt: p.ExpiresAt}
		if err := s.DB.seal(sealField{colPendingName, &row.DisplayName}); err != nil {
			return err
		}
	}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if row != nil {
			if err := tx.Create(row).Error; err != nil {
				return err
			}
		}
		return writeMessages(tx, []domain.Message{m})
	})
	return mapError(err, "registration")
}

// TakeRegistration implements domain.RegistrationStore: DELETE … RETURNING, so a link is used once
// however many requests race for it.
func (s *RegistrationStore) TakeRegistration(ctx context.Context, tokenHash []byte) (*domain.PendingRegistration, error) {
	var rows []pendingRegistrationRow
	err := s.DB.Gorm.WithContext(ctx).Clauses(clause.Returning{}).Where("token_hash = ?", tokenHash).Delete(&rows).Error
	if err != nil {
		return nil, mapError(err, "registration")
	}
	if len(rows) == 0 {
		return nil, domain.ErrNotFound
	}
	return s.toDomain(&rows[0])
}

// RegistrationByID implements domain.RegistrationStore.
func (s *RegistrationStore) RegistrationByID(ctx context.Context, id string) (*domain.PendingRegistration, error) {
	var row pendingRegistrationRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "registration")
	}
	return s.toDomain(&row)
}

// SweepRegistrations implements domain.RegistrationStore.
func (s *RegistrationStore) SweepRegistrations(ctx context.Context, t time.Time) (int64, error) {
	res := s.DB.Gorm.WithContext(ctx).Where("expires_at <= ?", t).Delete(&pendingRegistrationRow{})
	if res.Error != nil {
		return 0, mapError(res.Error, "sweep registrations")
	}
	return res.RowsAffected, s.sweepMarks(ctx, t.Add(-domain.RegistrationTTL))
}

func (s *RegistrationStore) toDomain(r *pendingRegistrationRow) (*domain.PendingRegistration, error) {
	if err := s.DB.unseal(sealField{colPendingName, &r.DisplayName}); err != nil {
		return nil, err
	}
	return &domain.PendingRegistration{ID: r.ID, TokenHash: r.TokenHash, Email: r.Email, DisplayName: r.DisplayName,
		PasswordHash: r.PasswordHash, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt}, nil
}
