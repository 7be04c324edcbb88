package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/evidence/localdisk"
	"github.com/redline-regulator/redline/domain/evidence/s3store"
	"github.com/redline-regulator/redline/domain/postgres"
)

// EvidenceConfig says where evidence files are kept and how large they may be.
type EvidenceConfig struct {
	Store    string // "local" (default) or "s3"
	Dir      string // for local; default ./.local/evidence
	MaxBytes int64  // default 50 MB
	// MaxUnattached caps the bytes one complainant may have uploaded and not yet attached
	// (REDLINE_EVIDENCE_UNATTACHED_MAX, default 200 MiB).
	MaxUnattached int64
	S3            s3store.Config
}

// evidenceConfigFromEnv reads EVIDENCE_STORE, EVIDENCE_DIR, EVIDENCE_MAX_BYTES and the S3_*
// variables.
func evidenceConfigFromEnv() (EvidenceConfig, error) {
	c := EvidenceConfig{
		Store:    env("EVIDENCE_STORE", "local"),
		Dir:      env("EVIDENCE_DIR", "./.local/evidence"),
		MaxBytes: domain.DefaultEvidenceMaxBytes,
		S3: s3store.Config{Endpoint: os.Getenv("S3_ENDPOINT"), AccessKey: os.Getenv("S3_ACCESS_KEY"),
			SecretKey: os.Getenv("S3_SECRET_KEY"), Bucket: os.Getenv("S3_BUCKET")},
	}
	if v := os.Getenv("EVIDENCE_MAX_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 || n > 1<<30 {
			return c, fmt.Errorf("config: EVIDENCE_MAX_BYTES %q is not a number of bytes between 1024 and 1073741824", v)
		}
		c.MaxBytes = n
	}
	if v := os.Getenv("REDLINE_EVIDENCE_UNATTACHED_MAX"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 {
			return c, fmt.Errorf("config: REDLINE_EVIDENCE_UNATTACHED_MAX %q is not a number of bytes of at least 1024", v)
		}
		c.MaxUnattached = n
	}
	if v := os.Getenv("S3_USE_SSL"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("config: S3_USE_SSL %q is not true or false", v)
		}
		c.S3.UseSSL = b
	}
	switch c.Store {
	case "local":
	case "s3":
		if err := c.S3.Validate(); err != nil {
			return c, fmt.Errorf("config: EVIDENCE_STORE=s3: %w", err)
		}
	default:
		return c, fmt.Errorf("config: EVIDENCE_STORE must be local or s3, not %q", c.Store)
	}
	return c, nil
}

// openEvidence builds the evidence service on the configured file store.
func (a *App) openEvidence(ctx context.Context) error {
	c := a.Config.Evidence
	var files domain.EvidenceStore
	switch c.Store {
	case "", "local":
		if c.Dir == "" {
			return fmt.Errorf("evidence: no directory for evidence files; set EVIDENCE_DIR")
		}
		s, err := localdisk.Open(c.Dir)
		if err != nil {
			return err
		}
		files = s
	case "s3":
		s, err := s3store.Open(ctx, c.S3)
		if err != nil {
			return err
		}
		files = s
		slog.Info("evidence files in S3", "endpoint", c.S3.Endpoint, "bucket", c.S3.Bucket)
	default:
		return fmt.Errorf("evidence: unknown store %q (use local or s3)", c.Store)
	}
	records := &postgres.EvidenceRecords{DB: a.DB}
	a.Evidence = &domain.EvidenceService{
		Complaints:         a.Complaints,
		Records:            records,
		Uploads:            records,
		Files:              files,
		Links:              domain.NewEvidenceLinks(a.Config.Secret, domain.EvidenceLinkTTL, time.Now),
		MaxBytes:           c.MaxBytes,
		MaxUnattachedBytes: c.MaxUnattached,
		Now:                a.DB.Now,
		NewID:              uuid.NewString,
	}
	return nil
}
