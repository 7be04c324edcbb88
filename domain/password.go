package domain

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"
)

// PasswordLimiter bounds how many password hashes (argon2id, 19 MiB each) run at once, so that a
// burst of sign-ins or registrations cannot exhaust the server's memory: work beyond the limit waits
// for a slot at most Wait, then is refused with a retryable RATE_LIMITED error.
type PasswordLimiter struct {
	slots   chan struct{}
	Wait    time.Duration
	running atomic.Int64
	peak    atomic.Int64
}

// NewPasswordLimiter allows n hashes at once, each waiting at most wait for its turn.
func NewPasswordLimiter(n int, wait time.Duration) *PasswordLimiter {
	return &PasswordLimiter{slots: make(chan struct{}, max(n, 1)), Wait: wait}
}

// PasswordWork is the limiter every sign-in, registration, password change and account creation
// goes through: one hash per processor, waiting at most 5 seconds.
var PasswordWork = NewPasswordLimiter(runtime.GOMAXPROCS(0), 5*time.Second)

var errPasswordBusy = &Error{Code: CodeRateLimited, Message: "the server is busy checking passwords; try again in a few seconds",
	MessageZH: "系统繁忙，请几秒后再试"}

// Do runs fn when a slot is free; it refuses with RATE_LIMITED when none frees within Wait or ctx
// ends first.
func (l *PasswordLimiter) Do(ctx context.Context, fn func()) error {
	t := time.NewTimer(l.Wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
	case <-t.C:
		return errPasswordBusy
	case <-ctx.Done():
		return errPasswordBusy
	}
	defer func() { <-l.slots }()
	n := l.running.Add(1)
	defer l.running.Add(-1)
	for p := l.peak.Load(); n > p && !l.peak.CompareAndSwap(p, n); p = l.peak.Load() {
	}
	fn()
	return nil
}

// Peak is the most hashes that ran at once since the limiter was made.
func (l *PasswordLimiter) Peak() int { return int(l.peak.Load()) }

// hashPassword hashes p within the limiter.
func hashPassword(ctx context.Context, p string) (hash string, err error) {
	if lerr := PasswordWork.Do(ctx, func() { hash, err = HashPassword(p) }); lerr != nil {
		return "", lerr
	}
	return hash, err
}

// verifyPassword checks p against hash within the limiter.
func verifyPassword(ctx context.Context, hash, p string) (ok bool, err error) {
	err = PasswordWork.Do(ctx, func() { ok = VerifyPassword(hash, p) })
	return ok, err
}
