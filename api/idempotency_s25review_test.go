package api

import (
	"net/http"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
)

// TestDoneMutationIsKeptThoughStoppedAfter: an answer whose root field has data (the mutation
// committed) is kept under its idempotency key even when a field under it was stopped by the
// request's deadline (TIMEOUT) — a retry must replay it, not run the mutation a second time. An
// answer with no data done stays retryable (review of attack round 20).
func TestDoneMutationIsKeptThoughStoppedAfter(t *testing.T) {
	timeout := []gqlerrors.FormattedError{{Message: "stopped", Extensions: map[string]any{"code": "TIMEOUT"}}}
	done := &graphql.Result{Data: map[string]any{"addCollectorMessages": map[string]any{"id": "x", "deadlines": nil}}, Errors: timeout}
	if retryable(http.StatusOK, done) {
		t.Error("a committed mutation answered with a TIMEOUT under it is retryable: its key is freed and a retry runs it again")
	}
	notDone := &graphql.Result{Data: map[string]any{"addCollectorMessages": nil}, Errors: timeout}
	if !retryable(http.StatusOK, notDone) {
		t.Error("a mutation stopped before it was done is not retryable")
	}
	if !retryable(http.StatusOK, &graphql.Result{Errors: timeout}) {
		t.Error("an answer without data and a TIMEOUT is not retryable")
	}
}
