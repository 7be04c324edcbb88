// Package domain holds redline's model of abusive-debt-collection complaints in the regulator's
// words: complaints and their lifecycle, institutions, violations, actors and roles, and the small
// interfaces the adapters (PostgreSQL, casbin, asynq, GraphQL) implement or call.
package domain

import (
	"context"
	"errors"
	"fmt"
)

// ErrorCode is the closed set of error classes that clients can rely on (DOMAIN.md, "Errors").
type ErrorCode string

// The error codes every edge maps to.
const (
	CodeUnauthenticated ErrorCode = "UNAUTHENTICATED"
	CodeForbidden       ErrorCode = "FORBIDDEN"
	CodeInvalid         ErrorCode = "BAD_USER_INPUT"
	CodeNotFound        ErrorCode = "NOT_FOUND"
	CodeConflict        ErrorCode = "CONFLICT"
	CodeRateLimited     ErrorCode = "RATE_LIMITED"
	CodeTimeout         ErrorCode = "TIMEOUT"
	// CodeUnavailable says a service the platform needs (the database) cannot be reached right now;
	// the same request may succeed when retried a few seconds later.
	CodeUnavailable ErrorCode = "UNAVAILABLE"
	CodeInternal    ErrorCode = "INTERNAL"
)

// Error is a domain error that is safe to show to a user: a code, the offending input field (for
// BAD_USER_INPUT), a reason in English and Chinese and, where a client may act on it, the reason as
// a code (Reason, e.g. EXPIRED).
type Error struct {
	Code      ErrorCode
	Field     string
	Message   string
	MessageZH string
	Reason    string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Invalid reports bad input in one field, with the reason in English and Chinese.
func Invalid(field, en, zh string) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: en, MessageZH: zh}
}

// Errorf builds a domain error of the given code with an English message; the Chinese message is
// filled from a small table of standard phrases for the code.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), MessageZH: zhForCode[code]}
}

var zhForCode = map[ErrorCode]string{
	CodeUnauthenticated: "请先登录",
	CodeForbidden:       "无权执行此操作",
	CodeInvalid:         "输入有误",
	CodeNotFound:        "未找到",
	CodeConflict:        "数据已被他人修改，请刷新后重试",
	CodeRateLimited:     "请求过于频繁，请稍后再试",
	CodeTimeout:         "查询耗时过长，已被中止，请缩小查询范围后重试",
	CodeUnavailable:     "服务暂时不可用，请稍后重试",
	CodeInternal:        "系统内部错误",
}

// Common errors.
var (
	ErrUnauthenticated = &Error{Code: CodeUnauthenticated, Message: "sign in first", MessageZH: zhForCode[CodeUnauthenticated]}
	ErrForbidden       = &Error{Code: CodeForbidden, Message: "you may not do this", MessageZH: zhForCode[CodeForbidden]}
	// ErrPasswordChangeRequired refuses every operation but changePassword (and sign-out) to an account
	// that still has the first password an administrator gave it (User.MustChangePassword). It names
	// no field (session 31, secmend): the refused operation has no newPassword input to point at; the
	// client keys on the reason. Only changePassword's own refusals name newPassword.
	ErrPasswordChangeRequired = &Error{Code: CodeForbidden, Reason: "PASSWORD_CHANGE_REQUIRED",
		Message:   "change the password an administrator gave this account before doing anything else (changePassword)",
		MessageZH: "请先修改管理员为该账户设置的初始密码（changePassword），再进行其他操作"}
	ErrNotFound = &Error{Code: CodeNotFound, Message: "not found", MessageZH: zhForCode[CodeNotFound]}
	// ErrTimeout: the request's query ran longer than the statement timeout and was cancelled.
	ErrTimeout = &Error{Code: CodeTimeout, Message: "the query took too long and was stopped; narrow it down and try again", MessageZH: zhForCode[CodeTimeout]}
	// ErrRequestTimeout: the request as a whole ran past its deadline (REDLINE_REQUEST_TIMEOUT) and
	// was stopped; what it had not committed was rolled back.
	ErrRequestTimeout = &Error{Code: CodeTimeout, Reason: "REQUEST_TIMEOUT",
		Message:   "the request took longer than allowed and was stopped; what it had not finished was not saved. Narrow it down and try again",
		MessageZH: "请求耗时过长，已被中止，未完成的操作均未保存；请缩小范围后重试"}
	// ErrClientGone: the client went away before its request finished, and the request's work was
	// stopped (what it had not committed was rolled back). Nobody reads it but the log.
	ErrClientGone = &Error{Code: CodeTimeout, Reason: "CLIENT_GONE",
		Message: "the client went away and the request was stopped", MessageZH: "客户端已断开，请求已中止"}
	ErrConflict = &Error{Code: CodeConflict, Message: "the record was changed by someone else; reload and try again", MessageZH: zhForCode[CodeConflict]}
	// ErrUnavailable wraps the cause when the database cannot be reached: nothing was decided, and
	// the request may be retried.
	ErrUnavailable = &Error{Code: CodeUnavailable, Message: "the service is temporarily unavailable; try again in a few seconds", MessageZH: zhForCode[CodeUnavailable]}
)

// CodeOf returns the code of a domain error anywhere in err's chain, or INTERNAL for anything else.
func CodeOf(err error) ErrorCode {
	var de *Error
	if errors.As(err, &de) {
		return de.Code
	}
	return CodeInternal
}

// AsError returns the domain error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var de *Error
	ok := errors.As(err, &de)
	return de, ok
}

// Stopped says why a request's context ended: nil while it runs; the cause given to
// context.WithTimeoutCause or WithCancelCause when it is a domain error (ErrRequestTimeout);
// ErrRequestTimeout for any other deadline; ErrClientGone for a plain cancellation (net/http cancels
// a request's context when its client goes away).
func Stopped(ctx context.Context) *Error {
	if ctx.Err() == nil {
		return nil
	}
	if de, ok := AsError(context.Cause(ctx)); ok {
		return de
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrRequestTimeout
	}
	return ErrClientGone
}
