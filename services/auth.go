package services

import (
	"context"

	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/grpc"
)

// Authenticator turns the credentials of an incoming call into the
// principal that every later check trusts. It must read only verified
// credentials, never client-set identity metadata.
type Authenticator interface {
	Authenticate(ctx context.Context) (curricula.Principal, error)
}

// Open authenticates every call as curricula.Anonymous. The server uses it
// only when no tokens are configured and every listener is on loopback.
type Open struct{}

// Authenticate implements Authenticator.
func (Open) Authenticate(context.Context) (curricula.Principal, error) {
	return curricula.Anonymous, nil
}

// UnaryAuth puts the authenticated principal into the context.
func UnaryAuth(a Authenticator) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		p, err := a.Authenticate(ctx)
		if err != nil {
			return nil, err
		}
		return h(curricula.NewContext(ctx, p), req)
	}
}

// StreamAuth is UnaryAuth for streams.
func StreamAuth(a Authenticator) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		p, err := a.Authenticate(ss.Context())
		if err != nil {
			return err
		}
		return h(srv, &ctxStream{ServerStream: ss, ctx: curricula.NewContext(ss.Context(), p)})
	}
}
