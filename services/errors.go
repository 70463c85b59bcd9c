package services

import (
	"context"
	"errors"
	"log/slog"

	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// codeOf maps each domain error code to its canonical gRPC code. It is the
// only place in Concord where gRPC codes are chosen.
var codeOf = map[curricula.Code]codes.Code{
	curricula.EINVALID:           codes.InvalidArgument,
	curricula.ENOTFOUND:          codes.NotFound,
	curricula.EEXISTS:            codes.AlreadyExists,
	curricula.EABORTED:           codes.Aborted,
	curricula.EPRECONDITION:      codes.FailedPrecondition,
	curricula.EUNAUTHENTICATED:   codes.Unauthenticated,
	curricula.EPERMISSION:        codes.PermissionDenied,
	curricula.ERESOURCEEXHAUSTED: codes.ResourceExhausted,
	curricula.EUNAVAILABLE:       codes.Unavailable,
	curricula.EINTERNAL:          codes.Internal,
	curricula.EDEADLINE:          codes.DeadlineExceeded,
	curricula.ECANCELED:          codes.Canceled,
	curricula.EUNIMPLEMENTED:     codes.Unimplemented,
	curricula.EOUTOFRANGE:        codes.OutOfRange,
}

// ToStatus converts any error to a gRPC status. Domain errors keep their
// message and field violations (as google.rpc.BadRequest); context errors
// become DEADLINE_EXCEEDED or CANCELLED; anything else is INTERNAL with a
// generic message, and its cause is logged, never sent.
func ToStatus(ctx context.Context, log *slog.Logger, method string, err error) *status.Status {
	if err == nil {
		return nil
	}
	if s, ok := status.FromError(err); ok {
		return s
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return status.New(codes.DeadlineExceeded, "deadline exceeded")
	case errors.Is(err, context.Canceled):
		return status.New(codes.Canceled, "request canceled")
	}
	var e *curricula.Error
	if !errors.As(err, &e) || e.Code == curricula.EINTERNAL {
		log.ErrorContext(ctx, "internal error", "method", method, "err", err)
		return status.New(codes.Internal, "internal error")
	}
	code, ok := codeOf[e.Code]
	if !ok {
		log.ErrorContext(ctx, "unmapped error code", "method", method, "code", e.Code, "err", err)
		return status.New(codes.Internal, "internal error")
	}
	msg := e.Message
	if msg == "" {
		msg = string(e.Code)
	}
	if e.Err != nil {
		log.WarnContext(ctx, "request failed", "method", method, "code", code.String(), "err", err)
	}
	st := status.New(code, messageWithViolations(msg, e.Violations))
	if len(e.Violations) > 0 {
		br := &errdetails.BadRequest{}
		for _, v := range e.Violations {
			br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: v.Field, Description: v.Description})
		}
		if d, derr := st.WithDetails(br); derr == nil {
			st = d
		}
	}
	return st
}

// messageWithViolations puts the first violations into the message, so that
// clients that ignore details still learn which field is wrong.
func messageWithViolations(msg string, vs []curricula.FieldViolation) string {
	const shown = 3
	for i, v := range vs {
		if i == shown {
			msg += "; …"
			break
		}
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		msg += sep + v.Field + ": " + v.Description
	}
	return msg
}

// UnaryErrors is the interceptor that applies ToStatus to every unary RPC.
func UnaryErrors(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		resp, err := h(ctx, req)
		if err != nil {
			return nil, ToStatus(ctx, log, info.FullMethod, err).Err()
		}
		return resp, nil
	}
}

// StreamErrors is UnaryErrors for streaming RPCs.
func StreamErrors(log *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		if err := h(srv, ss); err != nil {
			return ToStatus(ss.Context(), log, info.FullMethod, err).Err()
		}
		return nil
	}
}
