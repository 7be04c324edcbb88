package postgres

import (
	"context"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// LikelyDuplicatesSQL is the duplicate lookup, for the plan test.
const LikelyDuplicatesSQL = likelyDuplicatesSQL

// LikelyDuplicatesOfSQL is the batch's duplicate lookup, for the plan test.
const LikelyDuplicatesOfSQL = likelyDuplicatesOfSQL

// CreateComplaintWithGorm writes a new complaint as CreateComplaint did before a filing was one
// pipeline: gorm's Create of the complaint's row and of its clocks, then its history entry and
// messages, in a gorm transaction (the reference given). For comparing what the two store.
func (s *ComplaintStore) CreateComplaintWithGorm(ctx context.Context, c *domain.Complaint, ev domain.Event, msgs []domain.Message) error {
	return s.DB.inTx(ctx, func(tx *gorm.DB) error {
		row, err := s.DB.toComplaintRow(c)
		if err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if len(c.Deadlines) > 0 {
			rows := make([]deadlineRow, len(c.Deadlines))
			for i, d := range c.Deadlines {
				d.ComplaintID = c.ID
				rows[i] = toDeadlineRow(d, s.DB.Now())
			}
			if err := tx.Create(&rows).Error; err != nil {
				return err
			}
		}
		return s.DB.writeChange(tx, c.ID, domain.Change{Events: []domain.Event{ev}, Messages: msgs})
	})
}
