package domain

import (
	"context"
	"time"
)

// IdempotencyTTL is how long the first answer of a mutation sent with an idempotency key is kept.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyStale is how long a request with a key may run before another request with the same
// key takes it over (its process died between claiming the key and saving the answer).
const IdempotencyStale = time.Minute

// IdempotentAnswer is the stored first answer of a mutation.
type IdempotentAnswer struct {
	Operation   string
	RequestHash []byte
	Status      int    // 0 while the first request is still running
	Response    []byte // the JSON answer
}

// IdempotencyStore keeps the first answers of mutations sent with an idempotency key, per caller.
type IdempotencyStore interface {
	// Claim takes (userID, key) for a request, or returns what holds it: the answer of the first
	// request, or a running first request (Status 0).
	Claim(ctx context.Context, userID int64, key, operation string, requestHash []byte) (owned bool, prev *IdempotentAnswer, err error)
	// Save stores the answer of the request that claimed the key.
	Save(ctx context.Context, userID int64, key string, status int, response []byte) error
	// Answer returns the stored answer of (userID, key), nil if none is complete.
	Answer(ctx context.Context, userID int64, key string) (*IdempotentAnswer, error)
	// Abandon frees a claimed key whose request ended in a retryable failure, so a retry runs again.
	Abandon(ctx context.Context, userID int64, key string) error
}
