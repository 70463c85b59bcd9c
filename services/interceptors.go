package services

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/tap"
)

// RequestIDHeader carries a request ID in and out (gRPC metadata; the
// gateway maps it to the X-Request-Id HTTP header).
const RequestIDHeader = "x-request-id"

type requestIDKey struct{}

// RequestID returns the request ID of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// withRequestID takes the caller's request ID (if it is sane) or makes one,
// and echoes it in the response header.
func withRequestID(ctx context.Context) context.Context {
	id := ""
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if v := md.Get(RequestIDHeader); len(v) > 0 && len(v[0]) <= 64 {
			id = v[0]
		}
	}
	if id == "" {
		id = newRequestID()
	}
	_ = grpc.SetHeader(ctx, metadata.Pairs(RequestIDHeader, id))
	ctx = context.WithValue(ctx, logSubjectKey{}, new(string))
	return context.WithValue(ctx, requestIDKey{}, id)
}

// logSubjectKey holds a slot where the access interceptor, which runs
// inside the observing one, leaves the principal's subject for the log.
type logSubjectKey struct{}

func setLogSubject(ctx context.Context, subject string) {
	if slot, ok := ctx.Value(logSubjectKey{}).(*string); ok {
		*slot = subject
	}
}

// UnaryObserve gives each RPC a request ID, recovers panics as INTERNAL,
// caps the deadline at maxDeadline (0: no cap) and logs the outcome.
// observe, if not nil, receives method, code and duration (metrics).
func UnaryObserve(log *slog.Logger, maxDeadline time.Duration, observe func(method string, code codes.Code, d time.Duration)) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (resp any, err error) {
		ctx = withRequestID(ctx)
		var cancel context.CancelFunc
		if maxDeadline > 0 {
			ctx, cancel = capDeadline(ctx, maxDeadline)
			defer cancel()
		}
		start := time.Now()
		defer func() {
			if r := recover(); r != nil {
				log.ErrorContext(ctx, "panic", "method", info.FullMethod, "request_id", RequestID(ctx), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = status.Error(codes.Internal, "internal error")
			}
			finish(ctx, log, info.FullMethod, start, err, observe)
		}()
		return h(ctx, req)
	}
}

// StreamObserve is UnaryObserve for streams.
func StreamObserve(log *slog.Logger, maxDeadline time.Duration, observe func(method string, code codes.Code, d time.Duration)) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) (err error) {
		ctx := withRequestID(ss.Context())
		var cancel context.CancelFunc
		if maxDeadline > 0 && !Uncapped[info.FullMethod] {
			ctx, cancel = capDeadline(ctx, maxDeadline)
			defer cancel()
		}
		start := time.Now()
		defer func() {
			if r := recover(); r != nil {
				log.ErrorContext(ctx, "panic", "method", info.FullMethod, "request_id", RequestID(ctx), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = status.Error(codes.Internal, "internal error")
			}
			finish(ctx, log, info.FullMethod, start, err, observe)
		}()
		return h(srv, &ctxStream{ServerStream: ss, ctx: ctx})
	}
}

// Uncapped are the methods the maximum deadline does not apply to: an
// admin's rebuild of the search index takes longer than any sensible cap
// at a million modules (it still ends when the client goes away or its own
// deadline passes).
var Uncapped = map[string]bool{
	pb.AdminService_Reindex_FullMethodName: true,
}

// DeadlineTap caps the deadline of every stream at max where the
// transport creates it, before any interceptor, so that the cap also ends
// a handler blocked on flow control (a client that stops reading) and
// not only the handler's own work. Without it a capped context would
// reach the handler but not the stream's sends and receives.
func DeadlineTap(max time.Duration) tap.ServerInHandle {
	return func(ctx context.Context, info *tap.Info) (context.Context, error) {
		if Uncapped[info.FullMethodName] {
			return ctx, nil
		}
		if d, ok := ctx.Deadline(); ok && time.Until(d) <= max {
			return ctx, nil
		}
		ctx, cancel := context.WithTimeout(ctx, max)
		// The stream's own context ends when the stream does; so does
		// this one, and then its timer is released.
		context.AfterFunc(ctx, cancel)
		return ctx, nil
	}
}

func capDeadline(ctx context.Context, max time.Duration) (context.Context, context.CancelFunc) {
	if d, ok := ctx.Deadline(); ok && time.Until(d) <= max {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, max)
}

func finish(ctx context.Context, log *slog.Logger, method string, start time.Time, err error, observe func(string, codes.Code, time.Duration)) {
	d := time.Since(start)
	code := status.Code(err)
	if observe != nil {
		observe(method, code, d)
	}
	level := slog.LevelInfo
	if code == codes.Internal || code == codes.Unknown {
		level = slog.LevelError
	}
	log.Log(ctx, level, "rpc", "method", method, "code", code.String(), "duration_ms", float64(d.Microseconds())/1000, "request_id", RequestID(ctx), "principal", principalSubject(ctx))
}

func principalSubject(ctx context.Context) string {
	if p, ok := curricula.PrincipalFrom(ctx); ok {
		return p.Subject
	}
	if slot, ok := ctx.Value(logSubjectKey{}).(*string); ok {
		return *slot
	}
	return ""
}

// ctxStream replaces a stream's context.
type ctxStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *ctxStream) Context() context.Context { return s.ctx }
