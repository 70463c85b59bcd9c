package curricula_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestErrorString(t *testing.T) {
	two := []curricula.FieldViolation{{Field: "a", Description: "is required"}, {Field: "b[1]", Description: "is listed twice"}}
	for _, tc := range []struct {
		what string
		err  *curricula.Error
		want string
	}{
		{"message", &curricula.Error{Code: curricula.ENOTFOUND, Message: "academies/kz not found"}, "academies/kz not found"},
		{"message and violations", &curricula.Error{Code: curricula.EINVALID, Message: "invalid argument", Violations: two}, "invalid argument: a: is required; b[1]: is listed twice"},
		{"violations only", &curricula.Error{Code: curricula.EINVALID, Violations: two}, "a: is required; b[1]: is listed twice"},
		{"cause", curricula.Internal(errors.New("disk full")), "internal error: disk full"},
		{"cause only", &curricula.Error{Code: curricula.EUNAVAILABLE, Err: errors.New("locked")}, "locked"},
		{"everything", &curricula.Error{Message: "m", Violations: two[:1], Err: errors.New("c")}, "m: a: is required: c"},
		{"empty", &curricula.Error{Code: curricula.EINTERNAL}, ""},
	} {
		require.Equal(t, tc.want, tc.err.Error(), tc.what)
	}
}

func TestErrorfAndInternal(t *testing.T) {
	e := curricula.Errorf(curricula.EEXISTS, "%s exists (%d)", "academies/kz", 2)
	require.Equal(t, &curricula.Error{Code: curricula.EEXISTS, Message: "academies/kz exists (2)"}, e)

	cause := errors.New("bolt: tx closed")
	in := curricula.Internal(cause)
	require.Equal(t, curricula.EINTERNAL, in.Code)
	require.Equal(t, "internal error", in.Message)
	require.ErrorIs(t, in, cause)
	require.Same(t, cause, errors.Unwrap(in))
}

func TestErrorCode(t *testing.T) {
	for _, tc := range []struct {
		what string
		err  error
		want curricula.Code
	}{
		{"nil", nil, ""},
		{"domain", curricula.Errorf(curricula.ENOTFOUND, "x"), curricula.ENOTFOUND},
		{"wrapped once", fmt.Errorf("get: %w", curricula.Errorf(curricula.EABORTED, "stale")), curricula.EABORTED},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", curricula.Errorf(curricula.EPRECONDITION, "x"))), curricula.EPRECONDITION},
		{"joined", errors.Join(errors.New("x"), curricula.Errorf(curricula.EEXISTS, "y")), curricula.EEXISTS},
		{"violations", curricula.Violations{{Field: "f", Description: "d"}}.Err(), curricula.EINVALID},
		{"foreign", errors.New("boom"), curricula.EINTERNAL},
		{"context", context.Canceled, curricula.EINTERNAL},
		{"internal", curricula.Internal(errors.New("x")), curricula.EINTERNAL},
	} {
		require.Equal(t, tc.want, curricula.ErrorCode(tc.err), tc.what)
	}
}

func TestViolations(t *testing.T) {
	var vs curricula.Violations
	require.NoError(t, vs.Err())
	require.Empty(t, vs.Prefixed("module"))

	vs.Add("hours", "must not be negative, got %v", -1.5)
	vs.Add("alignments[1].competency", "%q is listed twice", "ra-01")
	require.Equal(t, curricula.Violations{
		{Field: "hours", Description: "must not be negative, got -1.5"},
		{Field: "alignments[1].competency", Description: `"ra-01" is listed twice`},
	}, vs)

	p := vs.Prefixed("module")
	require.Equal(t, curricula.Violations{
		{Field: "module.hours", Description: "must not be negative, got -1.5"},
		{Field: "module.alignments[1].competency", Description: `"ra-01" is listed twice`},
	}, p)
	require.Equal(t, "hours", vs[0].Field, "Prefixed must not change the receiver")
	require.Equal(t, "req.module.hours", p.Prefixed("req")[0].Field)

	err := vs.Err()
	var e *curricula.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, curricula.EINVALID, e.Code)
	require.Equal(t, "invalid argument", e.Message)
	require.Equal(t, []curricula.FieldViolation(vs), e.Violations)
	require.Equal(t, `invalid argument: hours: must not be negative, got -1.5; alignments[1].competency: "ra-01" is listed twice`, err.Error())
}
