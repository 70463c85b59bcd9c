package services

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestToStatusCodes(t *testing.T) {
	for _, tc := range []struct {
		code curricula.Code
		want codes.Code
	}{
		{curricula.EINVALID, codes.InvalidArgument},
		{curricula.ENOTFOUND, codes.NotFound},
		{curricula.EEXISTS, codes.AlreadyExists},
		{curricula.EABORTED, codes.Aborted},
		{curricula.EPRECONDITION, codes.FailedPrecondition},
		{curricula.EUNAUTHENTICATED, codes.Unauthenticated},
		{curricula.EPERMISSION, codes.PermissionDenied},
		{curricula.ERESOURCEEXHAUSTED, codes.ResourceExhausted},
		{curricula.EUNAVAILABLE, codes.Unavailable},
		{curricula.EDEADLINE, codes.DeadlineExceeded},
		{curricula.ECANCELED, codes.Canceled},
		{curricula.EUNIMPLEMENTED, codes.Unimplemented},
		{curricula.EOUTOFRANGE, codes.OutOfRange},
	} {
		t.Run(string(tc.code), func(t *testing.T) {
			st := ToStatus(context.Background(), discard, "m", curricula.Errorf(tc.code, "academies/kz: %s", "details"))
			require.Equal(t, tc.want, st.Code())
			require.Equal(t, "academies/kz: details", st.Message())
			require.Empty(t, st.Details())

			// Wrapping does not change the code.
			st = ToStatus(context.Background(), discard, "m", fmt.Errorf("ctx: %w", curricula.Errorf(tc.code, "x")))
			require.Equal(t, tc.want, st.Code())
			require.Equal(t, "x", st.Message())
		})
	}
	require.Len(t, codeOf, 14, "every domain code is mapped")
}

func TestToStatusViolations(t *testing.T) {
	var vs curricula.Violations
	vs.Add("module.hours", "must not be negative, got %v", -1)
	vs.Add("module.alignments[1].competency", "%q is already aligned in alignments[0]", "ra-01")
	st := ToStatus(context.Background(), discard, "m", vs.Err())
	require.Equal(t, codes.InvalidArgument, st.Code())
	require.Equal(t, `invalid argument: module.hours: must not be negative, got -1; module.alignments[1].competency: "ra-01" is already aligned in alignments[0]`, st.Message())
	require.Equal(t, []*errdetails.BadRequest_FieldViolation{
		{Field: "module.hours", Description: "must not be negative, got -1"},
		{Field: "module.alignments[1].competency", Description: `"ra-01" is already aligned in alignments[0]`},
	}, badRequest(t, st))

	// The message shows the first three; the details hold all.
	vs = nil
	for i := range 5 {
		vs.Add(fmt.Sprintf("f%d", i), "bad")
	}
	st = ToStatus(context.Background(), discard, "m", vs.Err())
	require.Equal(t, "invalid argument: f0: bad; f1: bad; f2: bad; …", st.Message())
	require.Len(t, badRequest(t, st), 5)

	// A precondition may carry violations too.
	st = ToStatus(context.Background(), discard, "m", &curricula.Error{Code: curricula.EPRECONDITION, Violations: []curricula.FieldViolation{{Field: "f", Description: "d"}}})
	require.Equal(t, codes.FailedPrecondition, st.Code())
	require.Equal(t, "failed_precondition: f: d", st.Message())
	require.Len(t, badRequest(t, st), 1)
}

// badRequest returns the field violations of the status's one BadRequest.
func badRequest(t *testing.T, st *status.Status) []*errdetails.BadRequest_FieldViolation {
	t.Helper()
	details := st.Details()
	require.Len(t, details, 1)
	br, ok := details[0].(*errdetails.BadRequest)
	require.True(t, ok, "%T", details[0])
	// Compare plain values, not the messages' internal state.
	out := make([]*errdetails.BadRequest_FieldViolation, len(br.GetFieldViolations()))
	for i, v := range br.GetFieldViolations() {
		out[i] = &errdetails.BadRequest_FieldViolation{Field: v.GetField(), Description: v.GetDescription()}
	}
	return out
}

func TestToStatusInternal(t *testing.T) {
	const secret = "open /var/lib/concord/data.db: permission denied"
	for _, tc := range []struct {
		what string
		err  error
	}{
		{"domain internal", curricula.Internal(errors.New(secret))},
		{"wrapped domain internal", fmt.Errorf("get: %w", curricula.Internal(errors.New(secret)))},
		{"foreign", errors.New(secret)},
		{"wrapped foreign", fmt.Errorf("scan: %w", errors.New(secret))},
		{"unmapped code", &curricula.Error{Code: "weird", Message: secret}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			st := ToStatus(context.Background(), log, "/concord.v1.AcademyService/GetAcademy", tc.err)
			require.Equal(t, codes.Internal, st.Code())
			require.Equal(t, "internal error", st.Message())
			require.Empty(t, st.Details())
			require.NotContains(t, st.Proto().String(), "permission denied")
			require.Contains(t, logs.String(), "permission denied", "the cause is logged")
			require.Contains(t, logs.String(), "GetAcademy")
		})
	}
}

func TestToStatusContextAndPassThrough(t *testing.T) {
	for _, tc := range []struct {
		what string
		err  error
		code codes.Code
		msg  string
	}{
		{"deadline", context.DeadlineExceeded, codes.DeadlineExceeded, "deadline exceeded"},
		{"wrapped deadline", fmt.Errorf("scan: %w", context.DeadlineExceeded), codes.DeadlineExceeded, "deadline exceeded"},
		{"deadline inside a domain error", curricula.Internal(context.DeadlineExceeded), codes.DeadlineExceeded, "deadline exceeded"},
		{"canceled", context.Canceled, codes.Canceled, "request canceled"},
		{"status", status.Error(codes.Unauthenticated, "token expired"), codes.Unauthenticated, "token expired"},
	} {
		st := ToStatus(context.Background(), discard, "m", tc.err)
		require.Equal(t, tc.code, st.Code(), tc.what)
		require.Equal(t, tc.msg, st.Message(), tc.what)
	}
	require.Nil(t, ToStatus(context.Background(), discard, "m", nil))

	// A domain error with an empty message falls back to its code.
	st := ToStatus(context.Background(), discard, "m", &curricula.Error{Code: curricula.ENOTFOUND})
	require.Equal(t, codes.NotFound, st.Code())
	require.Equal(t, "not_found", st.Message())
}
