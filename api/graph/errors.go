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
	if stop := domain.Stopped(ctx); stop != nil && (!ok || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		de.Code == domain.CodeInternal || de.Code == domain.CodeUnavailable || de.Code == domain.CodeTimeout) {
		// The request's deadline passed or its client went away: what failed failed because its
		// context ended (a cancelled statement, a connection closed under it), not because the
		// database is down or the code is wrong (session 25, attack).
		slog.DebugContext(ctx, "request stopped", "reason", stop.Reason, "err", err)
		de, ok = stop, true
	}
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
	roots := map[*graphql.Object]bool{schema.QueryType(): true}
	if m := schema.MutationType(); m != nil {
		roots[m] = true
	}
	for name, t := range schema.TypeMap() {
		o, ok := t.(*graphql.Object)
		if !ok || len(name) > 1 && name[:2] == "__" {
			continue
		}
		for fname, f := range o.Fields() {
			if f.Resolve != nil {
				f.Resolve = guard(f.Resolve)
				if roots[o] && !whilePasswordChangeRequired[fname] {
					f.Resolve = passwordChanged(f.Resolve)
				}
			}
		}
	}
}

// whilePasswordChangeRequired are the root fields an account that must replace its first password
// may run (session 31, attack26): read who it is, change the password, sign in, renew or end a
// session. Every other query and mutation answers ErrPasswordChangeRequired, however it is reached
// (an alias, a fragment, a batch of fields): the check sits on each root field's resolver.
var whilePasswordChangeRequired = map[string]bool{
	"me": true, "changePassword": true, "logout": true, "login": true, "refreshSession": true,
}

// passwordChanged refuses a root field to an actor who must change their password first.
func passwordChanged(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		if domain.ActorFrom(p.Context).MustChangePassword {
			return nil, toClientError(p.Context, domain.ErrPasswordChangeRequired)
		}
		return fn(p)
	}
}

// guard wraps one resolver. It also gives the resolver the request's own context (Run hands
// graphql-go one that is never cancelled, see requestContext) and refuses to start a field once that
// context has ended: past the request's deadline, or with its client gone, no field runs.
func guard(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (v any, err error) {
		if rc, ok := p.Context.Value(requestContextKey{}).(context.Context); ok {
			p.Context = rc
		}
		defer recovered(p, &v, &err)
		if stop := domain.Stopped(p.Context); stop != nil {
			return nil, toClientError(p.Context, stop)
		}
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

// requestContextKey holds, in the context graphql-go is given, the request's own context.
type requestContextKey struct{}

// executionContext is the context graphql.Execute runs with: ctx's values, never cancelled, with ctx
// itself for guard to hand to the resolvers. graphql-go 0.8.1 returns from Execute as soon as its
// context is done, with a bare "context deadline exceeded" (coded BAD_USER_INPUT), while the
// resolvers run on in its goroutine: the answer could say a mutation failed that then committed, and
// the request's slot was freed while its work went on. With this context Execute returns when the
// resolvers have: each stops at its next statement (cancelled with the request's context, its
// transaction rolled back) and no field starts after it (guard).
func executionContext(ctx context.Context) context.Context {
	return context.WithValue(context.WithoutCancel(ctx), requestContextKey{}, ctx)
}

// stoppedErrors keeps one of the errors that say the request was stopped (the first, with its
// path) and every other error; a request that finished before its context ended is left as it
// is (what it did was done). A page of 100 complaints stopped midway would otherwise answer
// one TIMEOUT per field left.
func stoppedErrors(errs []gqlerrors.FormattedError, stop *domain.Error) []gqlerrors.FormattedError {
	out, seen := errs[:0], false
	for _, e := range errs {
		if e.Extensions["code"] == string(stop.Code) && e.Extensions["reason"] == stop.Reason {
			if seen {
				continue
			}
			seen = true
		}
		out = append(out, e)
	}
	return out
}
