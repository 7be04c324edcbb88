package domain_test

import (
	"context"
	"errors"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

func TestReadOnce(t *testing.T) {
	reads := 0
	read := func() (int, error) { reads++; return reads, nil }
	ctx := context.Background()
	if a, _ := domain.ReadOnce(ctx, "k", read); a != 1 {
		t.Fatalf("first read %d", a)
	}
	if b, _ := domain.ReadOnce(ctx, "k", read); b != 2 {
		t.Fatalf("without a scope every call reads: got %d, want 2", b)
	}
	scoped := domain.WithReadOnce(ctx)
	x, _ := domain.ReadOnce(scoped, "k", read)
	y, _ := domain.ReadOnce(scoped, "k", read)
	if x != 3 || y != 3 || reads != 3 {
		t.Errorf("in a scope: %d then %d after %d reads, want the first value kept", x, y, reads)
	}
	failing := func() (int, error) { return 0, errors.New("down") }
	if _, err := domain.ReadOnce(scoped, "e", failing); err == nil {
		t.Fatal("error lost")
	}
	if v, err := domain.ReadOnce(scoped, "e", read); err != nil || v != 4 {
		t.Errorf("after a failed read: %d, %v; want a new read", v, err)
	}
	domain.KeepRead(scoped, "kept", []string(nil))
	if v, err := domain.ReadOnce(scoped, "kept", func() ([]string, error) { return nil, errors.New("read") }); err != nil || v != nil {
		t.Errorf("a kept nil value read again: %v, %v", v, err)
	}
}
