package localdisk_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/evidence/localdisk"
)

func open(t *testing.T) (*localdisk.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := localdisk.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestPutGetDelete(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	want := bytes.Repeat([]byte("evidence "), 10000)
	n, err := s.Put(ctx, "evidence/2026/05/abc-123", bytes.NewReader(want))
	if err != nil || n != int64(len(want)) {
		t.Fatalf("Put = %d, %v; want %d, nil", n, err, len(want))
	}
	rc, err := s.Get(ctx, "evidence/2026/05/abc-123")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, want) {
		t.Errorf("Get returned %d bytes, want the %d stored", len(got), len(want))
	}
	if err := s.Delete(ctx, "evidence/2026/05/abc-123"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "evidence/2026/05/abc-123"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "evidence/2026/05/abc-123"); err != nil {
		t.Errorf("deleting a missing key: %v, want nil", err)
	}
}

// failingReader yields some bytes, then fails, as an upload over the size limit does.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("too large")
	}
	k := min(len(p), f.n)
	f.n -= k
	return k, nil
}

func TestPutLeavesNothingWhenTheReaderFails(t *testing.T) {
	s, dir := open(t)
	if _, err := s.Put(context.Background(), "evidence/x", &failingReader{n: 100000}); err == nil {
		t.Fatal("Put succeeded with a failing reader")
	}
	if _, err := os.Stat(filepath.Join(dir, "evidence", "x")); !os.IsNotExist(err) {
		t.Errorf("a partial file was left under the final name: %v", err)
	}
	left, _ := os.ReadDir(filepath.Join(dir, ".tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestPutRefusesAnExistingKey(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, "k", strings.NewReader("first")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, "k", strings.NewReader("second")); err == nil {
		t.Error("overwrote an existing key")
	}
	rc, _ := s.Get(ctx, "k")
	defer rc.Close()
	if b, _ := io.ReadAll(rc); string(b) != "first" {
		t.Errorf("content = %q, want the first write", b)
	}
}

func TestKeysThatCouldEscapeAreRefused(t *testing.T) {
	s, _ := open(t)
	for _, key := range []string{"", "../etc/passwd", "a/../../b", "/abs", "a//b", "A/b", "a/.tmp", ".tmp/x", "a\\b", "a b"} {
		t.Run(key, func(t *testing.T) {
			if _, err := s.Put(context.Background(), key, strings.NewReader("x")); err == nil {
				t.Errorf("Put(%q) accepted", key)
			}
			if _, err := s.Get(context.Background(), key); err == nil || errors.Is(err, domain.ErrNotFound) {
				t.Errorf("Get(%q) = %v, want an invalid-key error", key, err)
			}
		})
	}
}

func TestOpenRefusesAnEmptyDir(t *testing.T) {
	if _, err := localdisk.Open(" "); err == nil {
		t.Error("Open accepted an empty directory name")
	}
}
