package services

import (
	"context"
	"strings"

	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/grpc"
)

// Limiter bounds the Concord RPCs in flight across the whole server (all
// connections): one more is refused at once with ERESOURCEEXHAUSTED
// rather than queued. Health checks and reflection are not counted.
type Limiter struct {
	slots chan struct{}
}

// NewLimiter returns a limiter of max concurrent RPCs (max ≤ 0: none).
func NewLimiter(max int) *Limiter {
	if max <= 0 {
		return &Limiter{}
	}
	return &Limiter{slots: make(chan struct{}, max)}
}

// InFlight returns the number of RPCs holding a slot.
func (l *Limiter) InFlight() int { return len(l.slots) }

func (l *Limiter) acquire(method string) (release func(), err error) {
	if l.slots == nil || !strings.HasPrefix(method, "/concord.") {
		return func() {}, nil
	}
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	default:
		return nil, curricula.Errorf(curricula.ERESOURCEEXHAUSTED,
			"the server is already handling its limit of %d concurrent requests; retry with backoff", cap(l.slots))
	}
}

// Unary is the limiter's unary interceptor.
func (l *Limiter) Unary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		release, err := l.acquire(info.FullMethod)
		if err != nil {
			return nil, err
		}
		defer release()
		return h(ctx, req)
	}
}

// Stream is the limiter's stream interceptor.
func (l *Limiter) Stream() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		release, err := l.acquire(info.FullMethod)
		if err != nil {
			return err
		}
		defer release()
		return h(srv, ss)
	}
}
