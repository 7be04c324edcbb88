package domain

import (
	"context"
	"sync"
)

// A read-once scope lets one operation read a thing once and see that value wherever it asks
// again: RouteMany judges its whole batch by the rule pack revision in force when it starts and
// reads the batch's evidence in one statement, rather than asking once for each complaint.
type readOnceKey struct{}

type readOnceScope struct {
	mu     sync.Mutex
	values map[string]any
}

// WithReadOnce returns a context under which ReadOnce keeps what it reads.
func WithReadOnce(ctx context.Context) context.Context {
	return context.WithValue(ctx, readOnceKey{}, &readOnceScope{values: map[string]any{}})
}

// ReadOnce returns the value kept under key in ctx's read-once scope, else calls read and keeps
// its value (not its error). Without a scope it calls read every time.
func ReadOnce[T any](ctx context.Context, key string, read func() (T, error)) (T, error) {
	sc, _ := ctx.Value(readOnceKey{}).(*readOnceScope)
	if sc == nil {
		return read()
	}
	sc.mu.Lock()
	v, ok := sc.values[key]
	sc.mu.Unlock()
	if t, is := v.(T); ok && is {
		return t, nil
	}
	t, err := read()
	if err == nil {
		KeepRead(ctx, key, t)
	}
	return t, err
}

// KeepRead keeps a value read for key in ctx's read-once scope, when it has one, for ReadOnce.
func KeepRead(ctx context.Context, key string, v any) {
	if sc, _ := ctx.Value(readOnceKey{}).(*readOnceScope); sc != nil {
		sc.mu.Lock()
		sc.values[key] = v
		sc.mu.Unlock()
	}
}

// ReadingOnce reports whether ctx has a read-once scope.
func ReadingOnce(ctx context.Context) bool {
	sc, _ := ctx.Value(readOnceKey{}).(*readOnceScope)
	return sc != nil
}

// TakeRead removes and returns the value kept under key in ctx's read-once scope, if any: for a
// value good for one use only.
func TakeRead[T any](ctx context.Context, key string) (T, bool) {
	var zero T
	sc, _ := ctx.Value(readOnceKey{}).(*readOnceScope)
	if sc == nil {
		return zero, false
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	v, ok := sc.values[key]
	t, is := v.(T)
	if !ok || !is {
		return zero, false
	}
	delete(sc.values, key)
	return t, true
}
