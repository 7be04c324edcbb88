package domain

import (
	"context"
	"fmt"
	"time"
)

// Uploads that are never attached to a complaint would otherwise stay in storage for good: a
// complainant may hold at most MaxUnattachedBytes of uploads not yet attached (and not yet
// expired), and a periodic sweep deletes the files and records of uploads older than UploadTTL that
// were never attached.

// DefaultMaxUnattachedBytes is how much a complainant may have uploaded and not yet attached.
const DefaultMaxUnattachedBytes = 200 << 20

// UploadSweepBatch is how many expired uploads one pass of the sweep removes at most.
const UploadSweepBatch = 100

// UploadRecords keeps the uploads not yet attached, for the per-user cap and the sweep.
type UploadRecords interface {
	// UnattachedBytes is the size of uploaderID's uploads made since `since` and not attached.
	UnattachedBytes(ctx context.Context, uploaderID int64, since time.Time) (int64, error)
	// CreateUploadWithin records u unless the uploader's uploads made since `since` and not
	// attached, u included, would come to more than max bytes: then it records nothing and returns
	// ErrUnattachedQuota. Concurrent uploads of one uploader are counted one after the other.
	CreateUploadWithin(ctx context.Context, u *Upload, since time.Time, max int64) error
	// SweepUploads takes up to limit uploads made before `before` and never attached, calls remove
	// for each (which deletes its file) and deletes the record of each whose file was removed; an
	// upload being attached at that moment is skipped. It returns how many records were deleted.
	SweepUploads(ctx context.Context, before time.Time, limit int, remove func(ctx context.Context, u *Upload) error) (int, error)
}

// ErrUnattachedQuota refuses an upload while the complainant has too many bytes uploaded and not
// yet attached (HTTP 429).
var ErrUnattachedQuota = &Error{Code: CodeRateLimited, Field: "file",
	Message:   "you have too many uploaded files not yet attached to a complaint; attach them or wait until they expire (24 hours) before uploading more",
	MessageZH: "您已上传但尚未附加到投诉的文件过多，请先附加或等待其过期（24小时）后再上传"}

func (s *EvidenceService) maxUnattached() int64 {
	if s.MaxUnattachedBytes > 0 {
		return s.MaxUnattachedBytes
	}
	return DefaultMaxUnattachedBytes
}

// checkUnattached refuses an upload before any byte is stored when the uploader is already at the
// cap; the exact check, with the new file's size, is made when the upload is recorded.
func (s *EvidenceService) checkUnattached(ctx context.Context, uploaderID int64) error {
	if s.Uploads == nil {
		return nil
	}
	n, err := s.Uploads.UnattachedBytes(ctx, uploaderID, s.Now().Add(-UploadTTL))
	if err != nil {
		return err
	}
	if n >= s.maxUnattached() {
		return ErrUnattachedQuota
	}
	return nil
}

// recordUpload records a stored upload, within the uploader's cap when uploads are counted.
func (s *EvidenceService) recordUpload(ctx context.Context, u *Upload) error {
	if s.Uploads == nil {
		return s.Records.CreateUpload(ctx, u)
	}
	return s.Uploads.CreateUploadWithin(ctx, u, u.CreatedAt.Add(-UploadTTL), s.maxUnattached())
}

// SweepUploads deletes the files and records of uploads older than UploadTTL that were never
// attached (their tokens no longer work), in batches, and returns how many it removed. A file
// that cannot be deleted keeps its record, so that the next sweep tries again.
func (s *EvidenceService) SweepUploads(ctx context.Context) (int, error) {
	if s.Uploads == nil {
		return 0, nil
	}
	before := s.Now().Add(-UploadTTL)
	total := 0
	for {
		n, err := s.Uploads.SweepUploads(ctx, before, UploadSweepBatch, func(ctx context.Context, u *Upload) error {
			if err := s.Files.Delete(ctx, u.StorageKey); err != nil {
				return fmt.Errorf("evidence: delete expired upload: %w", err)
			}
			return nil
		})
		total += n
		if err != nil || n < UploadSweepBatch {
			return total, err
		}
	}
}
