package postgres

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// CalendarStore implements deadline.CalendarStore.
type CalendarStore struct{ DB *DB }

var _ deadline.CalendarStore = (*CalendarStore)(nil)

type calendarRow struct {
	Jurisdiction string `gorm:"primaryKey"`
	Version      int    `gorm:"primaryKey"`
	Document     string
	Reason       string
	CreatedBy    *int64
	CreatedAt    time.Time
}

func (calendarRow) TableName() string { return "deadline_calendars" }

// LatestCalendar implements deadline.CalendarStore.
func (s *CalendarStore) LatestCalendar(ctx context.Context, jurisdiction string) (deadline.CalendarEdition, bool, error) {
	var r calendarRow
	err := s.DB.Gorm.WithContext(ctx).Where("jurisdiction = ?", jurisdiction).Order("version DESC").Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return deadline.CalendarEdition{}, false, nil
	}
	if err != nil {
		return deadline.CalendarEdition{}, false, mapError(err, "calendar")
	}
	e := deadline.CalendarEdition{Jurisdiction: r.Jurisdiction, Version: r.Version, Document: []byte(r.Document), Reason: r.Reason, CreatedAt: r.CreatedAt}
	if r.CreatedBy != nil {
		e.CreatedBy = *r.CreatedBy
	}
	return e, true, nil
}

// SaveCalendar implements deadline.CalendarStore.
func (s *CalendarStore) SaveCalendar(ctx context.Context, e deadline.CalendarEdition, act domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&calendarRow{Jurisdiction: e.Jurisdiction, Version: e.Version, Document: string(e.Document), Reason: e.Reason,
			CreatedBy: nullable(e.CreatedBy), CreatedAt: e.CreatedAt}).Error; err != nil {
			return err
		}
		return recordAdminAct(tx, act)
	}), "calendar version")
}
