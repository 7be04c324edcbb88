package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestChangingAComplaintLetsOthersReferToIt: while a complaint is locked for a change, alone
// (UpdateComplaint) or in a batch (UpdateComplaints), another transaction can still write a row
// that refers to it — a history entry, as a notification or a statistics contribution would — and
// commit: the change's lock keeps out other changes of the complaint, not the foreign-key checks
// of rows about it (FOR NO KEY UPDATE, not FOR UPDATE). The other transaction gives up after a
// second (lock_timeout), which fails the test rather than hanging it.
func TestChangingAComplaintLetsOthersReferToIt(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.ComplaintStore{DB: db}
	u := newComplainant(t, db, "locks@example.cn")
	file := func() string {
		now := time.Now().UTC()
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: u.ID,
			Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "王小明"}, LenderName: "甲行", Product: domain.ProductCreditCard,
			Province: "310000", Narrative: "催收员每天打二十多个电话。", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
		if _, _, err := store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: now}, nil); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	// refer writes a history entry about the complaint from another transaction, while the change
	// holds its lock, and says whether it committed.
	refer := func(id string) error {
		tx := db.Gorm.WithContext(ctx).Begin()
		if err := tx.Exec("SET LOCAL lock_timeout = '1s'").Error; err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Exec(`INSERT INTO complaint_events (complaint_id, action, to_status, actor_role, details, at)
			VALUES (?, 'NOTE', 'SUBMITTED', 'system', '{}', now())`, id).Error; err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit().Error
	}
	change := func(c *domain.Complaint) (domain.Change, error) {
		if err := refer(c.ID); err != nil {
			return domain.Change{}, err
		}
		c.Team = "national"
		return domain.Change{Events: []domain.Event{{Action: domain.ActionRoute, ActorRole: domain.RoleSystem, At: time.Now().UTC()}}}, nil
	}
	one := file()
	if _, err := store.UpdateComplaint(ctx, one, change); err != nil {
		t.Fatalf("UpdateComplaint: a row referring to the locked complaint could not be written: %v", err)
	}
	a, b := file(), file()
	if _, err := store.UpdateComplaints(ctx, []string{a, b}, change); err != nil {
		t.Fatalf("UpdateComplaints: a row referring to a locked complaint could not be written: %v", err)
	}
	for _, id := range []string{one, a, b} {
		var notes, teams int64
		db.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND action = 'NOTE'", id).Scan(&notes)
		db.Gorm.Raw("SELECT count(*) FROM complaints WHERE id = ? AND team = 'national'", id).Scan(&teams)
		if notes != 1 || teams != 1 {
			t.Errorf("complaint %s: %d entries written beside the change, team changed %d times; want 1 and 1", id, notes, teams)
		}
	}
}
