package curricula

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an Error. Services map each code to one canonical gRPC
// status code, in one place; nothing else in the system chooses codes.
type Code string

// Error codes.
const (
	EINVALID           Code = "invalid"             // the request is malformed; see Violations
	ENOTFOUND          Code = "not_found"           // the named resource does not exist
	EEXISTS            Code = "already_exists"      // a resource with that name exists
	EABORTED           Code = "aborted"             // the etag is stale: read again and retry
	EPRECONDITION      Code = "failed_precondition" // the system is not in a state to do this
	EUNAUTHENTICATED   Code = "unauthenticated"
	EPERMISSION        Code = "permission_denied"
	ERESOURCEEXHAUSTED Code = "resource_exhausted"
	EUNAVAILABLE       Code = "unavailable"
	EINTERNAL          Code = "internal"
	EDEADLINE          Code = "deadline_exceeded"
	ECANCELED          Code = "canceled"
	EUNIMPLEMENTED     Code = "unimplemented"
	EOUTOFRANGE        Code = "out_of_range"
)

// FieldViolation names one offending field by its path in the API
// (snake_case, dotted, indexed: "module.alignments[2].hours").
type FieldViolation struct {
	Field       string
	Description string
}

// Error is the one error type of the domain. Message is safe to show to
// the caller; internal causes are wrapped in Err and never shown.
type Error struct {
	Code       Code
	Message    string
	Violations []FieldViolation
	Err        error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for i, v := range e.Violations {
		if i == 0 && e.Message != "" {
			b.WriteString(": ")
		} else if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.Field)
		b.WriteString(": ")
		b.WriteString(v.Description)
	}
	if e.Err != nil {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected cause. Its message is generic; the cause is
// for the logs.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Message: "internal error", Err: err}
}

// ErrorCode returns the code of err, EINTERNAL for a foreign error and ""
// for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// Violations collects field violations during validation.
type Violations []FieldViolation

// Add records a violation of field.
func (v *Violations) Add(field, format string, args ...any) {
	*v = append(*v, FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)})
}

// Err returns an EINVALID *Error holding the violations, or nil when there
// are none.
func (v Violations) Err() error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "invalid argument", Violations: v}
}

// Prefixed returns the violations with prefix+"." before every field.
func (v Violations) Prefixed(prefix string) Violations {
	out := make(Violations, len(v))
	for i, f := range v {
		out[i] = FieldViolation{Field: prefix + "." + f.Field, Description: f.Description}
	}
	return out
}
