package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

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
	if de.Reason != "" {
		ext["reason"] = de.Reason
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

// guardResolvers makes every field resolver of the schema, and every thunk one returns, answer a
// panic as INTERNAL (logged with its stack) instead of letting graphql-go handle it. graphql-go
// 0.8.1 recovers a panic in a resolver itself, but words it with the panic's own message (shown to
// the client, coded BAD_USER_INPUT), and its outermost recover, which runs in a goroutine of its
// own, asserts that the value is an error: a panic with a string or any other value that reaches it
// would kill the process.
func guardResolvers(schema *graphql.Schema) {
	for name, t := range schema.TypeMap() {
		o, ok := t.(*graphql.Object)
		if !ok || len(name) > 1 && name[:2] == "__" {
			continue
		}
		for _, f := range o.Fields() {
			if f.Resolve != nil {
				f.Resolve = guard(f.Resolve)
			}
		}
	}
}

// guard wraps one resolver.
func guard(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (v any, err error) {
		defer recovered(p, &v, &err)
		v, err = fn(p)
		if th, ok := v.(func() (any, error)); ok {
			v = func() (tv any, terr error) {
				defer recovered(p, &tv, &terr)
				return th()
			}
		}
		return v, err
	}
}

// recovered turns a panic into INTERNAL. A located GraphQL error is raised on purpose (thunk in
// loaders.go does, to keep the client error's code) and is passed on.
func recovered(p graphql.ResolveParams, v *any, err *error) {
	r := recover()
	if r == nil {
		return
	}
	if ge, ok := r.(*gqlerrors.Error); ok {
		panic(ge)
	}
	slog.ErrorContext(p.Context, "resolver panic", "field", p.Info.FieldName, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	*v, *err = nil, &clientError{code: domain.CodeInternal, message: "internal error",
		ext: map[string]any{"code": string(domain.CodeInternal), "messageZh": "内部错误"}}
}
