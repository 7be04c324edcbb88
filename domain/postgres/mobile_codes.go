package postgres

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

// The confirmation of the numbers SMS go to (domain/mobile_confirm.go, migration 00059).

type mobileCodeRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    int64
	CodeHash  []byte
	CreatedAt time.Time
	ExpiresAt time.Time
	Attempts  int
	ClosedAt  *time.Time
}

func (mobileCodeRow) TableName() string { return "mobile_codes" }

func (r *mobileCodeRow) toDomain() domain.MobileCode {
	return domain.MobileCode{ID: r.ID, UserID: r.UserID, Hash: r.CodeHash, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt,
		Attempts: r.Attempts, ClosedAt: deref(r.ClosedAt)}
}

var _ domain.MobileStore = (*NotificationStore)(nil)

// mobileState reads a user's preferences (the defaults when there is no row) and their codes
// created after since, newest first; lock locks the preferences row, which must exist.
func (s *NotificationStore) mobileState(tx *gorm.DB, userID int64, since time.Time, lock bool) (*domain.MobileState, error) {
	var rows []preferencesRow
	q := tx.Where("user_id = ?", userID)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	st := &domain.MobileState{Prefs: domain.NotificationPreferences{Email: true}}
	if len(rows) == 1 {
		r := rows[0]
		if err := s.DB.unseal(sealField{colContactMobile, &r.Mobile}); err != nil {
			return nil, err
		}
		st.Prefs = domain.NotificationPreferences{Email: r.Email, SMS: r.SMS, Mobile: r.Mobile, MobileConfirmedAt: deref(r.MobileConfirmedAt)}
	}
	var codes []mobileCodeRow
	if err := tx.Where("user_id = ? AND created_at > ?", userID, since).Order("created_at DESC, id").Find(&codes).Error; err != nil {
		return nil, err
	}
	for i := range codes {
		st.Codes = append(st.Codes, codes[i].toDomain())
	}
	return st, nil
}

// MobileState implements domain.MobileStore.
func (s *NotificationStore) MobileState(ctx context.Context, userID int64, since time.Time) (*domain.MobileState, error) {
	st, err := s.mobileState(s.DB.Gorm.WithContext(ctx), userID, since, false)
	return st, mapError(err, "notification preferences")
}

// ChangeMobile implements domain.MobileStore. The preferences row is written with the defaults
// if missing and locked, so that two requests of one user take turns (neither can send a code the
// other's limit check did not count, nor confirm a number the other just changed).
func (s *NotificationStore) ChangeMobile(ctx context.Context, userID int64, since time.Time, decide func(*domain.MobileState) (*domain.MobileChange, error)) error {
	var refused error
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO notification_preferences (user_id, updated_at) VALUES (?, now()) ON CONFLICT DO NOTHING`, userID).Error; err != nil {
			return err
		}
		st, err := s.mobileState(tx, userID, since, true)
		if err != nil {
			return err
		}
		ch, derr := decide(st)
		refused = derr
		if ch == nil {
			return nil
		}
		return s.writeMobileChange(tx, userID, ch)
	})
	if err != nil {
		return mapError(err, "notification preferences")
	}
	return refused
}

func (s *NotificationStore) writeMobileChange(tx *gorm.DB, userID int64, ch *domain.MobileChange) error {
	if p := ch.Prefs; p != nil {
		mobile := p.Mobile
		if err := s.DB.seal(sealField{colContactMobile, &mobile}); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE notification_preferences SET email = ?, sms = ?, mobile = ?, mobile_confirmed_at = ?, updated_at = ? WHERE user_id = ?`,
			p.Email, p.SMS, mobile, timeOrNil(p.MobileConfirmedAt), ch.At, userID).Error; err != nil {
			return err
		}
	}
	if ch.Attempt != "" {
		if err := tx.Exec(`UPDATE mobile_codes SET attempts = attempts + 1 WHERE id = ? AND user_id = ?`, ch.Attempt, userID).Error; err != nil {
			return err
		}
	}
	if ch.Close != "" {
		if err := tx.Exec(`UPDATE mobile_codes SET closed_at = ? WHERE id = ? AND user_id = ? AND closed_at IS NULL`, ch.At, ch.Close, userID).Error; err != nil {
			return err
		}
	}
	if ch.CloseOpen {
		if err := tx.Exec(`UPDATE mobile_codes SET closed_at = ? WHERE user_id = ? AND closed_at IS NULL`, ch.At, userID).Error; err != nil {
			return err
		}
	}
	if c := ch.NewCode; c != nil {
		if err := tx.Create(&mobileCodeRow{ID: c.ID, UserID: userID, CodeHash: c.Hash, CreatedAt: c.CreatedAt, ExpiresAt: c.ExpiresAt}).Error; err != nil {
			return err
		}
	}
	for _, a := range ch.Audit {
		if err := recordAudit(tx, a); err != nil {
			return err
		}
	}
	return writeMessages(tx, ch.Messages)
}

// MobileCode implements domain.MobileStore.
func (s *NotificationStore) MobileCode(ctx context.Context, id string) (*domain.MobileCode, string, error) {
	var rows []mobileCodeRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Find(&rows).Error; err != nil {
		return nil, "", mapError(err, "mobile code")
	}
	if len(rows) == 0 {
		return nil, "", domain.ErrNotFound
	}
	c := rows[0].toDomain()
	var prefs []preferencesRow
	if err := s.DB.Gorm.WithContext(ctx).Where("user_id = ?", c.UserID).Find(&prefs).Error; err != nil {
		return nil, "", mapError(err, "mobile code")
	}
	if len(prefs) == 0 {
		return &c, "", nil
	}
	mobile := prefs[0].Mobile
	if err := s.DB.unseal(sealField{colContactMobile, &mobile}); err != nil {
		return nil, "", mapError(err, "mobile code")
	}
	return &c, mobile, nil
}

// SweepMobileCodes implements domain.MobileStore.
func (s *NotificationStore) SweepMobileCodes(ctx context.Context, t time.Time) (int64, error) {
	res := s.DB.Gorm.WithContext(ctx).Exec("DELETE FROM mobile_codes WHERE created_at < ?", t)
	return res.RowsAffected, mapError(res.Error, "sweep mobile codes")
}

// MailSent implements domain.MailMarks: the codes' SMS are marked with the account e-mails.
func (s *NotificationStore) MailSent(ctx context.Context, messageID string) (bool, error) {
	return mailMarks{s.DB}.MailSent(ctx, messageID)
}

// MarkMailSent implements domain.MailMarks.
func (s *NotificationStore) MarkMailSent(ctx context.Context, messageID string, at time.Time) error {
	return mailMarks{s.DB}.MarkMailSent(ctx, messageID, at)
}
