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

// TestDispatchLocksNeitherComplaintNorRecipient: writing a dispatch's notifications takes no row
// lock on the complaint or the recipient (migration 00056): while another transaction holds both
// rows FOR UPDATE, SaveDispatches writes the notifications at once. With the foreign keys each row
// checked them `FOR KEY SHARE`, which waits for that transaction (here: until the context ends).
func TestDispatchLocksNeitherComplaintNorRecipient(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	c := fileTestComplaint(t, db, testDebtor)

	holder, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	if _, err := holder.ExecContext(ctx, `SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE`, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := holder.ExecContext(ctx, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, c.ComplainantID); err != nil {
		t.Fatal(err)
	}

	now := time.Now().UTC()
	msg := uuid.NewString()
	ns := []domain.Notification{
		{RecipientID: c.ComplainantID, Channel: domain.NotifyInApp, Kind: "FILED", ComplaintID: c.ID, ComplaintReference: "R-1",
			TitleZH: "已提交", TitleEN: "Filed", BodyZH: "已提交", BodyEN: "Filed", CreatedAt: now},
		{RecipientID: c.ComplainantID, Channel: domain.NotifyEmail, Kind: "FILED", ComplaintID: c.ID, ComplaintReference: "R-1",
			TitleZH: "已提交", TitleEN: "Filed", BodyZH: "已提交", BodyEN: "Filed", CreatedAt: now},
	}
	// The bound only ends a wait that must not happen; it measures nothing.
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	created, err := (&postgres.NotificationStore{DB: db}).SaveDispatches(wctx, []domain.DispatchRecord{{MessageID: msg, Notifications: ns}})
	if err != nil {
		t.Fatalf("SaveDispatches while the complaint and the recipient are locked: %v", err)
	}
	if created[0] != 1 {
		t.Fatalf("created %v in-app notifications, want 1", created)
	}
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE source_message_id = $1 AND complaint_id = $2`, msg, c.ID).Scan(&n); err != nil || n != 2 {
		t.Fatalf("notifications written = %d, %v; want 2", n, err)
	}
}
