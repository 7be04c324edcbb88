package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"

	"github.com/redline-regulator/redline/domain"
)

// clientError is what a resolver returns: graphql-go copies its Extensions into the response.
type clientError struct {
	code    domain.ErrorCode
	message string
	ext     map[string]any
	cause   error // of UNAVAILABLE, for the edge's log
}

func (e *clientError) Error() string              { return e.message }
func (e *clientError) Extensions() map[string]any { return e.ext }
func (e *clientError) Is(target error) bool       { return false }
func (e *clientError) Code() domain.ErrorCode     { return e.code }

var _ gqlerrors.ExtendedError = (*clientError)(nil)

// toClientError maps any error to the closed set of codes. Internal errors are logged with their
// detail and shown to the client only as INTERNAL.
func toClientError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var ce *clientError
	if errors.As(err, &ce) {
		return ce
	}
	// Rate-limit errors carry their own extensions (retryAfterSeconds).
	var limited interface{ Extensions() map[string]any }
	if errors.As(err, &limited) && domain.CodeOf(err) == domain.CodeRateLimited {
		de, _ := domain.AsError(err)
		return &clientError{code: domain.CodeRateLimited, message: de.Message, ext: limited.Extensions()}
	}
	de, ok := domain.AsError(err)
	if !ok || de.Code == domain.CodeInternal {
		slog.ErrorContext(ctx, "internal error", "err", err)
		return &clientError{code: domain.CodeInternal, message: "internal error",
			ext: map[string]any{"code": string(domain.CodeInternal)}}
	}
	ext := map[string]any{"code": string(de.Code)}
	if de.Field != "" {
		ext["field"] = de.Field
	}
	if de.MessageZH != "" {
		ext["messageZh"] = de.MessageZH
	}
	ce = &clientError{code: de.Code, message: de.Message, ext: ext}
	if de.Code == domain.CodeUnavailable {
		ce.cause = err
	}
	return ce
}

// Unavailable returns the cause of the first UNAVAILABLE error of a result (a service the platform
// needs could not be reached), or nil; the edge answers such a result with 503 and logs the cause
// once.
func Unavailable(res *graphql.Result) error {
	for _, fe := range res.Errors {
		if fe.Extensions["code"] != string(domain.CodeUnavailable) {
			continue
		}
		var ce *clientError
		if ge, ok := fe.OriginalError().(*gqlerrors.Error); ok && errors.As(ge.OriginalError, &ce) && ce.cause != nil {
			return ce.cause
		}
		return domain.ErrUnavailable
	}
	return nil
}
