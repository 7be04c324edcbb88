// Package localdisk keeps evidence files in a directory on the local disk: the default store, for
// a single server or a shared volume. Writes are atomic (temporary file, fsync, rename), so a file
// under its final name is always complete.
package localdisk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// Store implements domain.EvidenceStore in a directory.
type Store struct {
	root string
}

var _ domain.EvidenceStore = (*Store)(nil)

// Open returns a store rooted at dir, creating it (and its temporary area) when missing.
func Open(dir string) (*Store, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, errors.New("localdisk: EVIDENCE_DIR is empty")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("localdisk: %s: %w", dir, err)
	}
	if err := os.MkdirAll(filepath.Join(abs, tmpDir), 0o700); err != nil {
		return nil, fmt.Errorf("localdisk: create %s: %w (set EVIDENCE_DIR to a writable directory)", abs, err)
	}
	return &Store{root: abs}, nil
}

// tmpDir holds files being written; it lives under the root so that rename stays on one
// filesystem and is atomic.
const tmpDir = ".tmp"

// validKey accepts the keys the platform builds: lowercase words, digits, dashes and slashes.
var validKey = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$`)

// Path returns the file that holds key. Keys that could leave the root are refused.
func (s *Store) Path(key string) (string, error) {
	if !validKey.MatchString(key) || len(key) > 200 {
		return "", fmt.Errorf("localdisk: invalid key %q", key)
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Put implements domain.EvidenceStore.
func (s *Store) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	dst, err := s.Path(key)
	if err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Join(s.root, tmpDir), "put-*")
	if err != nil {
		return 0, fmt.Errorf("localdisk: %w", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	n, err := io.Copy(tmp, ctxReader{ctx, r})
	if err != nil {
		return n, fmt.Errorf("localdisk: write %s: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		return n, fmt.Errorf("localdisk: sync %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return n, fmt.Errorf("localdisk: close %s: %w", key, err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return n, fmt.Errorf("localdisk: %w", err)
	}
	if _, err := os.Lstat(dst); err == nil {
		return n, fmt.Errorf("localdisk: %s already exists", key) // keys are never reused
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return n, fmt.Errorf("localdisk: %w", err)
	}
	done = true
	return n, nil
}

// Get implements domain.EvidenceStore.
func (s *Store) Get(_ context.Context, key string) (io.ReadCloser, error) {
	p, err := s.Path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, domain.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("localdisk: %w", err)
	}
	return f, nil
}

// Delete implements domain.EvidenceStore.
func (s *Store) Delete(_ context.Context, key string) error {
	p, err := s.Path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("localdisk: %w", err)
	}
	return nil
}

// ctxReader stops a long copy when the request is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
