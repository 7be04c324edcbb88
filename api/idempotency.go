package api

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/api/graph"
	"github.com/redline-regulator/redline/domain"
)

// Idempotent mutations. A client names one attempt of a mutation with a key, in the
// Idempotency-Key header or in extensions.idempotencyKey (the header wins), and sends the same key
// when it retries (after a timeout, a cut connection, a 503). The first request with a key runs and
// its answer is kept for a day (domain.IdempotencyTTL), per caller (a signed-in user, or everyone
// not signed in); a retry with the same key and the same request (document, operation and
// variables) gets that answer back with the header Idempotency-Replayed: true and runs nothing, so
// it writes nothing more. The same key with another request is refused (BAD_USER_INPUT on
// Idempotency-Key, HTTP 422), and a retry while the first request still runs waits for its answer
// up to idempotencyWait, then is answered CONFLICT (HTTP 409) to retry later.
//
// An answer that says to retry (UNAVAILABLE, TIMEOUT, RATE_LIMITED, INTERNAL) is not kept: the key
// is freed and the retry runs. Queries ignore keys.
//
// The claim is a row written before the mutation runs and completed after it: no connection is held
// meanwhile. A process that dies after the mutation committed and before the answer was saved
// leaves a claim without an answer; a minute later (domain.IdempotencyStale) a retry runs again.
// fileComplaint's own key (its idempotencyKey argument, kept with the complaint in the same
// transaction) and the expected versions of the lifecycle mutations cover that window.

// IdempotencyHeader names an attempt of a mutation.
const IdempotencyHeader = "Idempotency-Key"

const idempotencyWait = 10 * time.Second

// idempotencyKey reads the request's key; ok is false when the answer (an error) was written.
func (s *Server) idempotencyKey(w http.ResponseWriter, r *http.Request, ct string, req graph.Request) (string, bool) {
	key := r.Header.Get(IdempotencyHeader)
	field := IdempotencyHeader
	if key == "" {
		key, field = req.Extensions.IdempotencyKey, "extensions.idempotencyKey"
	}
	if key == "" || s.Idempotency == nil {
		return "", true
	}
	if len(key) > 100 {
		writeErrorsAs(w, ct, http.StatusBadRequest, domain.Invalid(field, "the idempotency key is longer than 100 characters", "幂等键超过100个字符"))
		return "", false
	}
	for _, c := range key {
		if c < 0x21 || c > 0x7e {
			writeErrorsAs(w, ct, http.StatusBadRequest, domain.Invalid(field, "the idempotency key must be printable ASCII without spaces (a UUID, say)",
				"幂等键须为不含空格的可打印ASCII字符（如UUID）"))
			return "", false
		}
	}
	return key, true
}

// requestHash identifies a request: the document (by hash), the operation and the variables. It is
// keyed with the token secret: the variables of a sign-in hold a password, and a plain SHA-256 of
// them in the database would let anyone who reads it test guesses offline.
func (s *Server) requestHash(req graph.Request) []byte {
	doc := req.Query
	if doc == "" && req.Extensions.PersistedQuery != nil {
		doc = req.Extensions.PersistedQuery.Sha256Hash
	} else {
		doc = graph.QueryHash(doc)
	}
	vars, _ := json.Marshal(req.Variables) // map keys sorted: the same variables, the same bytes
	var secret []byte
	if s.Tokens != nil {
		secret = s.Tokens.Secret
	}
	key := sha256.Sum256(append([]byte("redline:idempotency-request:"), secret...)) // a key of its own, derived
	h := hmac.New(sha256.New, key[:])
	h.Write([]byte(doc + "\x00" + req.OperationName + "\x00"))
	h.Write(vars)
	return h.Sum(nil)
}

// retryable says whether an answer asks the client to retry, so is not kept.
func retryable(status int, res *graphql.Result) bool {
	if status >= 500 || status == http.StatusTooManyRequests {
		return true
	}
	// A root field that answered with data was done (its transaction committed): the answer is
	// kept, so that a retry replays it instead of doing the work again, even when a field under it or
	// a later root field was stopped afterwards (TIMEOUT when the request's deadline passed).
	if data, ok := res.Data.(map[string]any); ok {
		for _, v := range data {
			if v != nil {
				return false
			}
		}
	}
	for _, e := range res.Errors {
		switch e.Extensions["code"] {
		case string(domain.CodeUnavailable), string(domain.CodeInternal), "TIMEOUT", "RATE_LIMITED":
			return true
		}
	}
	return false
}

func (s *Server) idempotent(ctx context.Context, w http.ResponseWriter, ct string, req graph.Request, key, op string) {
	user := domain.ActorFrom(ctx).UserID
	hash := s.requestHash(req)
	deadline := time.Now().Add(idempotencyWait)
	for {
		owned, prev, err := s.Idempotency.Claim(ctx, user, key, op, hash)
		if err != nil {
			writeErrorsAs(w, ct, http.StatusInternalServerError, err)
			return
		}
		if owned {
			break
		}
		if prev.Operation != op || !bytes.Equal(prev.RequestHash, hash) {
			writeErrorsAs(w, ct, http.StatusUnprocessableEntity, domain.Invalid(IdempotencyHeader,
				"this idempotency key was used for another request; use a new key for a new request",
				"该幂等键已用于另一请求，新请求请使用新的幂等键"))
			return
		}
		if prev.Status != 0 {
			w.Header().Set("Idempotency-Replayed", "true")
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(prev.Status)
			_, _ = w.Write(prev.Response)
			return
		}
		if time.Now().After(deadline) {
			writeErrorsAs(w, ct, http.StatusConflict, &domain.Error{Code: domain.CodeConflict, Field: IdempotencyHeader,
				Message: "a request with this idempotency key is still running; retry later", MessageZH: "使用该幂等键的请求仍在处理中，请稍后重试"})
			return
		}
		select {
		case <-ctx.Done():
			writeErrorsAs(w, ct, http.StatusServiceUnavailable, &domain.Error{Code: domain.CodeUnavailable, Message: "request cancelled", MessageZH: "请求已取消"})
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
	res, status := s.execute(ctx, w, ct, req)
	body, err := json.Marshal(res)
	if err != nil {
		body = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
		status = http.StatusInternalServerError
	}
	body = append(body, '\n')
	// Saved (or freed) even when the client went away: its retry must find the answer.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if retryable(status, res) {
		if err := s.Idempotency.Abandon(sctx, user, key); err != nil {
			slog.Warn("idempotency key not freed", "operation", op, "err", err)
		}
	} else if err := s.Idempotency.Save(sctx, user, key, status, body); err != nil {
		slog.Warn("idempotent answer not saved; a retry runs the mutation again", "operation", op, "err", err)
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// replayAfterSessionEnded answers the retry of a mutation that ended its own session (logout, a
// password change) with the first answer: the token is genuine (its signature checks) but its
// session is gone, so authentication failed. Only a stored answer to the same request with the
// same key of the token's user is replayed; anything else is left to the 401.
func (s *Server) replayAfterSessionEnded(w http.ResponseWriter, r *http.Request, ct string, req graph.Request, authErr error) bool {
	if s.Idempotency == nil || domain.CodeOf(authErr) != domain.CodeUnauthenticated {
		return false
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	a, err := s.Tokens.Parse(strings.TrimSpace(tok))
	if err != nil || a.UserID == 0 {
		return false
	}
	key := r.Header.Get(IdempotencyHeader)
	if key == "" {
		key = req.Extensions.IdempotencyKey
	}
	if key == "" {
		return false
	}
	op, mutation := s.Graph.Operation(domain.WithRequestAddress(domain.WithActor(r.Context(), a), ClientAddr(r.Context())), req)
	if !mutation {
		return false
	}
	prev, err := s.Idempotency.Answer(r.Context(), a.UserID, key)
	if err != nil || prev == nil || prev.Operation != op || !bytes.Equal(prev.RequestHash, s.requestHash(req)) {
		return false
	}
	w.Header().Set("Idempotency-Replayed", "true")
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(prev.Status)
	_, _ = w.Write(prev.Response)
	return true
}
