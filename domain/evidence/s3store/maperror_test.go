package s3store

import (
	"errors"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/redline-regulator/redline/domain"
)

func TestMapError(t *testing.T) {
	if err := mapError("k", minio.ErrorResponse{Code: "NoSuchKey", StatusCode: 404}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("NoSuchKey mapped to %v, want ErrNotFound", err)
	}
	if err := mapError("k", minio.ErrorResponse{Code: "AccessDenied", StatusCode: 403}); err == nil || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("AccessDenied mapped to %v, want a plain error", err)
	}
}
