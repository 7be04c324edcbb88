package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// evidenceFixture makes a user, an open complaint of theirs and an unclaimed upload, in SQL so that
// it depends on nothing but the tables.
func evidenceFixture(t *testing.T, db *postgres.DB) (userID int64, complaintID string, up *domain.Upload) {
	t.Helper()
	ctx := context.Background()
	if err := db.SQL.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash)
		VALUES ('owner@example.cn', 'owner', 'complainant', 'x') RETURNING id`).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	complaintID = uuid.NewString()
	now := time.Now().UTC()
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO complaints (id, reference, status, complainant_id, relation, product, province, narrative, created_at, updated_at)
		VALUES ($1, 'RL-TEST-1', 'IN_TRIAGE', $2, 'SELF', 'CREDIT_CARD', '310000', 'a narrative of the harassment', $3, $3)`, complaintID, userID, now); err != nil {
		t.Fatal(err)
	}
	up = &domain.Upload{TokenHash: strings.Repeat("ab", 32), UploaderID: userID, StorageKey: "evidence/2026/05/" + uuid.NewString(),
		Kind: domain.EvidenceImage, ContentType: "image/png", Size: 10, SHA256: strings.Repeat("0f", 32), CreatedAt: now}
	if err := (&postgres.EvidenceRecords{DB: db}).CreateUpload(ctx, up); err != nil {
		t.Fatal(err)
	}
	return userID, complaintID, up
}

func attachUpload(userID int64, ev *domain.Evidence, actorID int64) func(c *domain.Complaint, u *domain.Upload) ([]*domain.Evidence, domain.Change, error) {
	return func(c *domain.Complaint, u *domain.Upload) ([]*domain.Evidence, domain.Change, error) {
		*ev = domain.Evidence{ID: uuid.NewString(), ComplaintID: c.ID, Kind: u.Kind, ContentType: u.ContentType, Size: u.Size,
			SHA256: u.SHA256, StorageKey: u.StorageKey, UploadedBy: userID, UploadedAt: time.Now().UTC()}
		return []*domain.Evidence{ev}, domain.Change{Events: []domain.Event{{Action: domain.ActionAddEvidence,
			ActorID: actorID, ActorRole: domain.RoleComplainant, At: time.Now().UTC()}}}, nil
	}
}

func TestAttachEvidence(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := pgtest.New(t)
		s := &postgres.EvidenceRecords{DB: db}
		userID, cid, up := evidenceFixture(t, db)
		var ev domain.Evidence
		if _, err := s.AttachEvidence(ctx, cid, up.TokenHash, attachUpload(userID, &ev, userID)); err != nil {
			t.Fatal(err)
		}
		list, err := s.ListEvidence(ctx, cid)
		if err != nil || len(list) != 1 || list[0].SHA256 != up.SHA256 || list[0].StorageKey != up.StorageKey {
			t.Fatalf("ListEvidence = %+v, %v", list, err)
		}
		var version, events int
		var claimedBy string
		db.SQL.QueryRow(`SELECT version FROM complaints WHERE id = $1`, cid).Scan(&version)
		db.SQL.QueryRow(`SELECT count(*) FROM complaint_events WHERE complaint_id = $1 AND action = 'EVIDENCE_ADDED'`, cid).Scan(&events)
		db.SQL.QueryRow(`SELECT complaint_id FROM evidence_uploads WHERE token_hash = $1 AND claimed_at IS NOT NULL`, up.TokenHash).Scan(&claimedBy)
		if version != 2 || events != 1 || claimedBy != cid {
			t.Errorf("version %d, events %d, upload claimed by %q; want 2, 1, the complaint", version, events, claimedBy)
		}
		// A second attach sees the upload claimed.
		_, err = s.AttachEvidence(ctx, cid, up.TokenHash, func(c *domain.Complaint, u *domain.Upload) ([]*domain.Evidence, domain.Change, error) {
			if u == nil || u.ClaimedAt.IsZero() || u.ComplaintID != cid {
				t.Errorf("second attach sees upload %+v, want it claimed by the complaint", u)
			}
			return nil, domain.Change{}, domain.Invalid("uploadToken", "used", "已使用")
		})
		if domain.CodeOf(err) != domain.CodeInvalid {
			t.Errorf("second attach: %v", err)
		}
	})
	t.Run("ErrNothingWrittenWhenTheEventFails", func(t *testing.T) {
		db := pgtest.New(t)
		s := &postgres.EvidenceRecords{DB: db}
		userID, cid, up := evidenceFixture(t, db)
		var ev domain.Evidence
		// An actor that does not exist makes the history insert fail after the evidence row.
		_, err := s.AttachEvidence(ctx, cid, up.TokenHash, attachUpload(userID, &ev, userID+1000))
		if err == nil || !strings.Contains(err.Error(), "complaint_events") {
			t.Fatalf("attach with an invalid event: %v, want the history insert to fail", err)
		}
		var rows, version int
		var claimed bool
		db.SQL.QueryRow(`SELECT count(*) FROM evidence`).Scan(&rows)
		db.SQL.QueryRow(`SELECT version FROM complaints WHERE id = $1`, cid).Scan(&version)
		db.SQL.QueryRow(`SELECT claimed_at IS NOT NULL FROM evidence_uploads WHERE token_hash = $1`, up.TokenHash).Scan(&claimed)
		if rows != 0 || version != 1 || claimed {
			t.Errorf("half-written: %d evidence rows, version %d, upload claimed %v", rows, version, claimed)
		}
	})
	t.Run("UnknownTokenGivesNoUpload", func(t *testing.T) {
		db := pgtest.New(t)
		s := &postgres.EvidenceRecords{DB: db}
		_, cid, _ := evidenceFixture(t, db)
		_, err := s.AttachEvidence(ctx, cid, strings.Repeat("cd", 32), func(c *domain.Complaint, u *domain.Upload) ([]*domain.Evidence, domain.Change, error) {
			if u != nil {
				t.Errorf("upload %+v for an unknown token", u)
			}
			return nil, domain.Change{}, domain.Invalid("uploadToken", "unknown", "无效")
		})
		if domain.CodeOf(err) != domain.CodeInvalid {
			t.Errorf("err = %v", err)
		}
		if _, err := s.AttachEvidence(ctx, "not-a-uuid", "", nil); domain.CodeOf(err) != domain.CodeNotFound {
			t.Errorf("bad complaint id: %v, want NOT_FOUND", err)
		}
	})
	t.Run("ErrEvidenceIsImmutable", func(t *testing.T) {
		db := pgtest.New(t)
		s := &postgres.EvidenceRecords{DB: db}
		userID, cid, up := evidenceFixture(t, db)
		var ev domain.Evidence
		if _, err := s.AttachEvidence(ctx, cid, up.TokenHash, attachUpload(userID, &ev, userID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL.Exec(`UPDATE evidence SET sha256 = $1 WHERE id = $2`, strings.Repeat("00", 32), ev.ID); err == nil {
			t.Error("an evidence row was updated")
		}
	})
}
