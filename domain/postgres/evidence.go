package postgres

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type evidenceRow struct {
	ID          string `gorm:"primaryKey"`
	ComplaintID string
	Kind        string
	ContentType string
	Size        int64
	SHA256      string `gorm:"column:sha256"`
	Description string
	StorageKey  *string
	Sender      *string
	SentAt      *time.Time
	Body        *string
	UploadedBy  int64
	UploadedAt  time.Time
	// InstitutionID is null for the complainant's evidence (migration 00045).
	InstitutionID *int64
	// SharedWithComplainant: an institution's document the complainant may see (migration 00050).
	SharedWithComplainant bool
}

func (evidenceRow) TableName() string { return "evidence" }

type uploadRow struct {
	TokenHash   string `gorm:"primaryKey"`
	UploaderID  int64
	StorageKey  string
	Kind        string
	ContentType string
	Size        int64
	SHA256      string `gorm:"column:sha256"`
	CreatedAt   time.Time
	ClaimedAt   *time.Time
	ComplaintID *string
}

func (uploadRow) TableName() string { return "evidence_uploads" }

func toEvidenceRow(e *domain.Evidence) evidenceRow {
	r := evidenceRow{ID: e.ID, ComplaintID: e.ComplaintID, Kind: string(e.Kind), ContentType: e.ContentType, Size: e.Size,
		SHA256: e.SHA256, Description: e.Description, StorageKey: nullable(e.StorageKey), UploadedBy: e.UploadedBy, UploadedAt: e.UploadedAt}
	r.InstitutionID, r.SharedWithComplainant = nullable(e.InstitutionID), e.SharedWithComplainant
	if m := e.Message; m != nil {
		sent := m.SentAt
		r.Sender, r.SentAt, r.Body = &m.Sender, &sent, &m.Text
	}
	return r
}

func toDomainEvidence(r *evidenceRow) *domain.Evidence {
	e := &domain.Evidence{ID: r.ID, ComplaintID: r.ComplaintID, Kind: domain.EvidenceKind(r.Kind), ContentType: r.ContentType,
		Size: r.Size, SHA256: r.SHA256, Description: r.Description, StorageKey: deref(r.StorageKey), UploadedBy: r.UploadedBy,
		UploadedAt: r.UploadedAt, InstitutionID: deref(r.InstitutionID), SharedWithComplainant: r.SharedWithComplainant}
	if r.Sender != nil {
		e.Message = &domain.CollectorMessage{Sender: *r.Sender, SentAt: deref(r.SentAt), Text: deref(r.Body)}
	}
	return e
}

func toUploadRow(u *domain.Upload) uploadRow {
	return uploadRow{TokenHash: u.TokenHash, UploaderID: u.UploaderID, StorageKey: u.StorageKey, Kind: string(u.Kind),
		ContentType: u.ContentType, Size: u.Size, SHA256: u.SHA256, CreatedAt: u.CreatedAt}
}

func toDomainUpload(r *uploadRow) *domain.Upload {
	return &domain.Upload{TokenHash: r.TokenHash, UploaderID: r.UploaderID, StorageKey: r.StorageKey, Kind: domain.EvidenceKind(r.Kind),
		ContentType: r.ContentType, Size: r.Size, SHA256: r.SHA256, CreatedAt: r.CreatedAt, ClaimedAt: deref(r.ClaimedAt),
		ComplaintID: deref(r.ComplaintID)}
}

// EvidenceRecords implements domain.EvidenceRecords.
type EvidenceRecords struct{ DB *DB }

var _ domain.EvidenceRecords = (*EvidenceRecords)(nil)

// CreateUpload implements domain.EvidenceRecords.
func (s *EvidenceRecords) CreateUpload(ctx context.Context, u *domain.Upload) error {
	row := toUploadRow(u)
	return mapError(s.DB.Gorm.WithContext(ctx).Create(&row).Error, "evidence upload")
}

// AttachEvidence implements domain.EvidenceRecords. The complaint row is locked first and the
// upload second, so two requests claiming one upload for different complaints queue on the upload
// and the second sees it claimed.
func (s *EvidenceRecords) AttachEvidence(ctx context.Context, complaintID, tokenHash string,
	attach func(c *domain.Complaint, u *domain.Upload) ([]*domain.Evidence, domain.Change, error)) ([]*domain.Evidence, error) {
	if !domain.IsUUID(complaintID) {
		return nil, domain.ErrNotFound
	}
	var out []*domain.Evidence
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var row complaintRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", complaintID).Take(&row).Error; err != nil {
			return err
		}
		var up *domain.Upload
		if tokenHash != "" {
			var ur uploadRow
			err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", tokenHash).Take(&ur).Error
			switch {
			case err == nil:
				up = toDomainUpload(&ur)
			case err != gorm.ErrRecordNotFound:
				return err
			}
		}
		c, err := s.DB.toDomainComplaint(&row)
		if err != nil {
			return err
		}
		// Whether a recipient institution still owes its answer is read from its clock.
		if c.Deadlines, err = lockDeadlines(tx, complaintID); err != nil {
			return err
		}
		evs, ch, err := attach(c, up)
		if err != nil {
			return err
		}
		for _, e := range evs {
			er := toEvidenceRow(e)
			if err := tx.Create(&er).Error; err != nil {
				return err
			}
		}
		now := s.DB.Now()
		if up != nil {
			res := tx.Model(&uploadRow{}).Where("token_hash = ? AND claimed_at IS NULL", tokenHash).
				Updates(map[string]any{"claimed_at": now, "complaint_id": complaintID})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return domain.ErrConflict
			}
		}
		// The complaint changed: its version moves on as with any other change.
		res := tx.Model(&complaintRow{}).Where("id = ? AND version = ?", complaintID, row.Version).
			Updates(map[string]any{"version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return domain.ErrConflict
		}
		out = evs
		return s.DB.writeChange(tx, complaintID, ch)
	})
	if err != nil {
		return nil, mapError(err, "evidence")
	}
	return out, nil
}

// ListEvidence implements domain.EvidenceRecords.
func (s *EvidenceRecords) ListEvidence(ctx context.Context, complaintID string) ([]*domain.Evidence, error) {
	var rows []evidenceRow
	err := s.DB.Gorm.WithContext(ctx).Where("complaint_id = ?", complaintID).
		Order("uploaded_at, sent_at NULLS FIRST, id").Find(&rows).Error
	if err != nil {
		return nil, mapError(err, "list evidence")
	}
	out := make([]*domain.Evidence, len(rows))
	for i := range rows {
		out[i] = toDomainEvidence(&rows[i])
	}
	return out, nil
}

// ListEvidenceOf implements domain.EvidenceOfMany: ListEvidence of each complaint, in one statement.
func (s *EvidenceRecords) ListEvidenceOf(ctx context.Context, complaintIDs []string) (map[string][]*domain.Evidence, error) {
	out := make(map[string][]*domain.Evidence, len(complaintIDs))
	if len(complaintIDs) == 0 {
		return out, nil
	}
	var rows []evidenceRow
	err := s.DB.Gorm.WithContext(ctx).Where("complaint_id IN ?", complaintIDs).
		Order("complaint_id, uploaded_at, sent_at NULLS FIRST, id").Find(&rows).Error
	if err != nil {
		return nil, mapError(err, "list evidence")
	}
	for i := range rows {
		e := toDomainEvidence(&rows[i])
		out[e.ComplaintID] = append(out[e.ComplaintID], e)
	}
	return out, nil
}

// FindEvidence implements domain.EvidenceRecords.
func (s *EvidenceRecords) FindEvidence(ctx context.Context, id string) (*domain.Evidence, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	var row evidenceRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "evidence")
	}
	return toDomainEvidence(&row), nil
}

var _ domain.UploadRecords = (*EvidenceRecords)(nil)

// UnattachedBytes implements domain.UploadRecords (index evidence_uploads_unclaimed).
func (s *EvidenceRecords) UnattachedBytes(ctx context.Context, uploaderID int64, since time.Time) (int64, error) {
	var n int64
	err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT COALESCE(sum(size), 0) FROM evidence_uploads
		WHERE uploader_id = ? AND claimed_at IS NULL AND created_at > ?`, uploaderID, since).Scan(&n).Error
	return n, err
}

// CreateUploadWithin implements domain.UploadRecords: a transaction-scoped advisory lock on the
// uploader puts concurrent uploads of one person in line, so the sum each one reads includes the
// others.
func (s *EvidenceRecords) CreateUploadWithin(ctx context.Context, u *domain.Upload, since time.Time, max int64) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "evidence_uploads:"+strconv.FormatInt(u.UploaderID, 10)).Error; err != nil {
			return err
		}
		var n int64
		if err := tx.Raw(`SELECT COALESCE(sum(size), 0) FROM evidence_uploads
			WHERE uploader_id = ? AND claimed_at IS NULL AND created_at > ?`, u.UploaderID, since).Scan(&n).Error; err != nil {
			return err
		}
		if n+u.Size > max {
			return domain.ErrUnattachedQuota
		}
		row := toUploadRow(u)
		return tx.Create(&row).Error
	}), "evidence upload")
}

// SweepUploads implements domain.UploadRecords. The rows are locked with SKIP LOCKED: an upload
// being attached (AttachEvidence holds its row) is left for the next sweep, and an upload attached
// meanwhile no longer matches claimed_at IS NULL.
func (s *EvidenceRecords) SweepUploads(ctx context.Context, before time.Time, limit int,
	remove func(ctx context.Context, u *domain.Upload) error) (int, error) {
	deleted := 0
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var rows []uploadRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
			Where("claimed_at IS NULL AND created_at < ?", before).Order("created_at").Limit(limit).Find(&rows).Error; err != nil {
			return err
		}
		for i := range rows {
			if err := remove(ctx, toDomainUpload(&rows[i])); err != nil {
				slog.WarnContext(ctx, "upload sweep: file not removed; the record stays for the next sweep", "err", err)
				continue
			}
			res := tx.Where("token_hash = ? AND claimed_at IS NULL", rows[i].TokenHash).Delete(&uploadRow{})
			if res.Error != nil {
				return res.Error
			}
			deleted += int(res.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return deleted, nil
}
