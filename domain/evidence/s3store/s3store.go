// Package s3store keeps evidence files in an S3-compatible object store (MinIO in the docker
// compose stack, or any S3 service) through minio-go. Objects are written with a streaming
// multipart upload that is aborted when the reader fails, so no partial object remains.
package s3store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/redline-regulator/redline/domain"
)

// Config says where the bucket is. It is read from S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY,
// S3_BUCKET and S3_USE_SSL.
type Config struct {
	Endpoint  string // host:port, no scheme
	AccessKey string
	SecretKey string
	Bucket    string
	UseSSL    bool
}

var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// Validate checks the configuration without contacting the server; the error names the variable
// to fix.
func (c Config) Validate() error {
	var problems []string
	switch {
	case c.Endpoint == "":
		problems = append(problems, "S3_ENDPOINT is empty (host:port, e.g. 127.0.0.1:9000)")
	case strings.Contains(c.Endpoint, "://") || strings.ContainsAny(c.Endpoint, "/?# "):
		problems = append(problems, fmt.Sprintf("S3_ENDPOINT %q must be host[:port] without a scheme or path; use S3_USE_SSL for https", c.Endpoint))
	}
	if c.AccessKey == "" {
		problems = append(problems, "S3_ACCESS_KEY is empty")
	}
	if c.SecretKey == "" {
		problems = append(problems, "S3_SECRET_KEY is empty")
	}
	if !bucketName.MatchString(c.Bucket) || strings.Contains(c.Bucket, "..") {
		problems = append(problems, fmt.Sprintf("S3_BUCKET %q is not a valid bucket name (3-63 lowercase letters, digits, dots, dashes)", c.Bucket))
	}
	if len(problems) > 0 {
		return errors.New("s3store: " + strings.Join(problems, "; "))
	}
	return nil
}

// Store implements domain.EvidenceStore in a bucket.
type Store struct {
	client *minio.Client
	bucket string
}

var _ domain.EvidenceStore = (*Store)(nil)

// partSize bounds the memory a streaming upload buffers (one part at a time).
const partSize = 16 << 20

// Open validates the configuration, connects, and checks that the bucket exists.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure: cfg.UseSSL,
	})
	if err != nil {
		return nil, fmt.Errorf("s3store: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ok, err := c.BucketExists(cctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("s3store: cannot reach %s (%v); start MinIO or fix S3_ENDPOINT", cfg.Endpoint, err)
	}
	if !ok {
		return nil, fmt.Errorf("s3store: bucket %q does not exist on %s; create it or fix S3_BUCKET", cfg.Bucket, cfg.Endpoint)
	}
	return &Store{client: c, bucket: cfg.Bucket}, nil
}

var validKey = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$`)

// ObjectName returns the object name for a key, refusing keys the platform would never build.
func ObjectName(key string) (string, error) {
	if !validKey.MatchString(key) || len(key) > 200 {
		return "", fmt.Errorf("s3store: invalid key %q", key)
	}
	return key, nil
}

// Put implements domain.EvidenceStore. The size is unknown in advance, so minio-go streams the
// object in parts of partSize and aborts the multipart upload if r fails.
func (s *Store) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	name, err := ObjectName(key)
	if err != nil {
		return 0, err
	}
	info, err := s.client.PutObject(ctx, s.bucket, name, r, -1, minio.PutObjectOptions{
		PartSize: partSize, ContentType: "application/octet-stream",
	})
	if err != nil {
		return 0, fmt.Errorf("s3store: put %s: %w", key, err)
	}
	return info.Size, nil
}

// Get implements domain.EvidenceStore.
func (s *Store) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	name, err := ObjectName(key)
	if err != nil {
		return nil, err
	}
	obj, err := s.client.GetObject(ctx, s.bucket, name, minio.GetObjectOptions{})
	if err != nil {
		return nil, mapError(key, err)
	}
	// GetObject is lazy: Stat makes the request, so a missing object is reported here.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, mapError(key, err)
	}
	return obj, nil
}

// Delete implements domain.EvidenceStore.
func (s *Store) Delete(ctx context.Context, key string) error {
	name, err := ObjectName(key)
	if err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, name, minio.RemoveObjectOptions{}); err != nil {
		if errors.Is(mapError(key, err), domain.ErrNotFound) {
			return nil
		}
		return fmt.Errorf("s3store: delete %s: %w", key, err)
	}
	return nil
}

func mapError(key string, err error) error {
	resp := minio.ToErrorResponse(err)
	if resp.Code == "NoSuchKey" || resp.StatusCode == http.StatusNotFound {
		return domain.ErrNotFound
	}
	return fmt.Errorf("s3store: get %s: %w", key, err)
}
