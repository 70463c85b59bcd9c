package services

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync/atomic"

	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

// Authenticator turns the credentials of an incoming call into the
// principal that every later check trusts. It must read only verified
// credentials, never client-set identity metadata.
type Authenticator interface {
	Authenticate(ctx context.Context) (curricula.Principal, error)
}

// TokenPrefix starts every secret, so that a leaked one is recognisable
// (secret scanners, logs).
const TokenPrefix = "concord_"

// NewSecret returns a new bearer secret: TokenPrefix and 32 random bytes
// (256 bits), base64url.
func NewSecret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", curricula.Internal(err)
	}
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// HashSecret is what the token store keeps of a secret: its SHA-256, hex.
// A fast hash suffices because secrets are 256-bit random, not passwords.
func HashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// TokenAuth authenticates calls by the bearer token of their
// "authorization" metadata, and nothing else, against a TokenStore.
//
// A server started without any token may run open (loopback only, or with
// --insecure): then every call is curricula.Anonymous, an admin, until the
// first token is created; from that moment on, tokens are required, for
// good (the switch never goes back, even when every token is revoked).
type TokenAuth struct {
	tokens curricula.TokenStore
	open   atomic.Bool
}

// NewTokenAuth returns an authenticator over ts; open says whether the
// server may run open while ts holds no token.
func NewTokenAuth(ts curricula.TokenStore, open bool) *TokenAuth {
	a := &TokenAuth{tokens: ts}
	a.open.Store(open)
	return a
}

// Open reports whether calls are still let in without a token.
func (a *TokenAuth) Open(ctx context.Context) (bool, error) {
	if !a.open.Load() {
		return false, nil
	}
	has, err := a.tokens.HasTokens(ctx)
	if err != nil {
		return false, err
	}
	if has {
		a.open.Store(false)
	}
	return !has, nil
}

// Authenticate implements Authenticator.
func (a *TokenAuth) Authenticate(ctx context.Context) (curricula.Principal, error) {
	if open, err := a.Open(ctx); err != nil || open {
		return curricula.Anonymous, err
	}
	md, _ := metadata.FromIncomingContext(ctx)
	vals := md.Get("authorization")
	switch {
	case len(vals) == 0:
		return curricula.Principal{}, unauthenticated("this server requires a bearer token: send the header \"authorization: Bearer TOKEN\" (concord --token or $CONCORD_TOKEN)")
	case len(vals) > 1:
		return curricula.Principal{}, unauthenticated("the call carries more than one authorization header")
	}
	scheme, secret, ok := strings.Cut(strings.TrimSpace(vals[0]), " ")
	secret = strings.TrimSpace(secret)
	if !ok || !strings.EqualFold(scheme, "bearer") || secret == "" {
		return curricula.Principal{}, unauthenticated("the authorization header must be \"Bearer TOKEN\"")
	}
	t, err := a.tokens.TokenByHash(ctx, HashSecret(secret))
	switch {
	case curricula.ErrorCode(err) == curricula.ENOTFOUND:
		return curricula.Principal{}, unauthenticated("the bearer token is not valid")
	case err != nil:
		return curricula.Principal{}, err
	case t.Revoked():
		return curricula.Principal{}, unauthenticated("the bearer token was revoked")
	}
	return t.Principal(), nil
}

func unauthenticated(msg string) error {
	return &curricula.Error{Code: curricula.EUNAUTHENTICATED, Message: msg}
}

// PrincipalOf returns the principal of ctx; without one, a principal with
// no role, which may read nothing restricted.
func PrincipalOf(ctx context.Context) curricula.Principal {
	p, _ := curricula.PrincipalFrom(ctx)
	return p
}

// authorize authenticates a call (unless its method is public) and checks
// it against the policy; it returns the context carrying the principal.
func authorize(ctx context.Context, a Authenticator, pol Policy, method string, req any) (context.Context, error) {
	if r, ok := pol[method]; ok && r.Public {
		return ctx, nil
	}
	p, err := a.Authenticate(ctx)
	if err != nil {
		return ctx, err
	}
	setLogSubject(ctx, p.Subject)
	ctx = curricula.NewContext(ctx, p)
	return ctx, pol.Check(p, method, req)
}

// UnaryAccess authenticates every unary call with a and authorizes it
// with pol; the handler finds the principal with curricula.PrincipalFrom.
func UnaryAccess(a Authenticator, pol Policy) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		ctx, err := authorize(ctx, a, pol, info.FullMethod, req)
		if err != nil {
			return nil, err
		}
		return h(ctx, req)
	}
}

// StreamAccess is UnaryAccess for streams. A role that the rule admits
// is checked before the handler runs; an editor admitted through the
// rule's Academy is checked on every message it sends.
func StreamAccess(a Authenticator, pol Policy) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		ctx := ss.Context()
		r, ok := pol[info.FullMethod]
		if ok && r.Public {
			return h(srv, ss)
		}
		p, err := a.Authenticate(ctx)
		if err != nil {
			return err
		}
		setLogSubject(ctx, p.Subject)
		ctx = curricula.NewContext(ctx, p)
		if !ok || !r.allowedByRole(p) {
			if !ok || r.Academy == nil || p.Role != curricula.RoleEditor {
				return pol.Check(p, info.FullMethod, nil)
			}
			return h(srv, &checkedStream{ServerStream: ss, ctx: ctx, check: func(m any) error {
				return pol.Check(p, info.FullMethod, m)
			}})
		}
		return h(srv, &ctxStream{ServerStream: ss, ctx: ctx})
	}
}

// checkedStream checks every message a client sends before the handler
// sees it.
type checkedStream struct {
	grpc.ServerStream
	ctx   context.Context
	check func(any) error
}

func (s *checkedStream) Context() context.Context { return s.ctx }

func (s *checkedStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	return s.check(m)
}
