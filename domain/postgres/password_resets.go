package postgres

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type passwordResetRow struct {
	ID        string `gorm:"primaryKey"`
	TokenHash []byte
	UserID    *int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (passwordResetRow) TableName() string { return "password_resets" }

func (r *passwordResetRow) toDomain() *domain.PasswordReset {
	return &domain.PasswordReset{ID: r.ID, UserID: deref(r.UserID), CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, UsedAt: deref(r.UsedAt)}
}

// PasswordResetStore implements domain.PasswordResetStore.
type PasswordResetStore struct{ mailMarks }

// NewPasswordResetStore returns the password-reset store of db.
func NewPasswordResetStore(db *DB) *PasswordResetStore { return &PasswordResetStore{mailMarks{db}} }

var _ domain.PasswordResetStore = (*PasswordResetStore)(nil)

// SaveReset implements domain.PasswordResetStore: the same two statements, each writing one row,
// whether or not the address has an enabled account (user_id is NULL when it has none).
func (s *PasswordResetStore) SaveReset(ctx context.Context, email string, r *domain.PasswordReset, tokenHash []byte, m domain.Message) error {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		err := tx.Exec(`INSERT INTO password_resets (id, token_hash, user_id, created_at, expires_at)
			VALUES (?, ?, (SELECT id FROM users WHERE email = ? AND disabled_at IS NULL), ?, ?)`, r.ID, tokenHash, email, r.CreatedAt, r.ExpiresAt).Error
		if err != nil {
			return err
		}
		return writeMessages(tx, []domain.Message{m})
	})
	return mapError(err, "password reset")
}

// ResetByID implements domain.PasswordResetStore.
func (s *PasswordResetStore) ResetByID(ctx context.Context, id string) (*domain.PasswordReset, error) {
	var row passwordResetRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "password reset")
	}
	return row.toDomain(), nil
}

// ResetByToken implements domain.PasswordResetStore.
func (s *PasswordResetStore) ResetByToken(ctx context.Context, tokenHash []byte) (*domain.PasswordReset, error) {
	var row passwordResetRow
	if err := s.DB.Gorm.WithContext(ctx).Where("token_hash = ?", tokenHash).Take(&row).Error; err != nil {
		return nil, mapError(err, "password reset")
	}
	return row.toDomain(), nil
}

// UseReset implements domain.PasswordResetStore. The user's row is locked first, then the
// reset's, so of two requests with the same link one sets the password and the other finds the
// link used; a password change and disabling the account (shutOut) take the user's row before
// the links too, so neither waits for the other in a cycle.
func (s *PasswordResetStore) UseReset(ctx context.Context, tokenHash []byte, check func(*domain.PasswordReset, *domain.User) error,
	passwordHash string, audit domain.AuditEntry, notice domain.Message) error {
	var refused error
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var row passwordResetRow
		if err := tx.Where("token_hash = ? AND user_id IS NOT NULL", tokenHash).Take(&row).Error; err != nil {
			return err
		}
		var user userRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", row.UserID).Take(&user).Error; err != nil {
			return err
		}
		// Read again under the lock: another request may have used it meanwhile.
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", tokenHash).Take(&row).Error; err != nil {
			return err
		}
		u, err := s.DB.toDomainUser(&user)
		if err != nil {
			return err
		}
		if refused = check(row.toDomain(), u); refused != nil {
			return refused
		}
		return setPassword(tx, *row.UserID, passwordHash, audit, notice)
	})
	if refused != nil && errors.Is(err, refused) {
		return refused
	}
	return mapError(err, "password reset")
}

// SweepResets implements domain.PasswordResetStore.
func (s *PasswordResetStore) SweepResets(ctx context.Context, t time.Time) (int64, error) {
	res := s.DB.Gorm.WithContext(ctx).Where("expires_at <= ?", t).Delete(&passwordResetRow{})
	return res.RowsAffected, mapError(res.Error, "sweep password resets")
}
