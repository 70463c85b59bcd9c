package server

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/api/openapi"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// gatewayMaxRecvBytes bounds one gRPC answer the gateway reads (a page of
// 1000 modules).
const gatewayMaxRecvBytes = 64 << 20

// gateway is the REST front: grpc-gateway dialled into our own gRPC port as
// a client, so that every interceptor runs for REST calls too.
type gateway struct {
	conn *grpc.ClientConn
	mux  *runtime.ServeMux
}

// newGateway dials grpcAddr, with TLS when tlsCfg is not nil.
func newGateway(ctx context.Context, grpcAddr string, tlsCfg *tls.Config) (*gateway, error) {
	creds := insecure.NewCredentials()
	if tlsCfg != nil {
		creds = credentials.NewTLS(tlsCfg)
	}
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(creds),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(gatewayMaxRecvBytes)))
	if err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	mux := runtime.NewServeMux(
		runtime.WithIncomingHeaderMatcher(incomingHeader),
		runtime.WithOutgoingHeaderMatcher(func(k string) (string, bool) {
			if k == "x-request-id" {
				return "X-Request-Id", true
			}
			return runtime.DefaultHeaderMatcher(k)
		}),
		runtime.WithErrorHandler(func(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
			if isCasePath(r.URL.Path) {
				caseError(ctx, w, r, err)
				return
			}
			if status.Code(err) == codes.Unauthenticated {
				w = bearerChallenge{w}
			}
			runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, err)
		}),
	)
	for _, register := range []func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error{
		pb.RegisterFrameworkServiceHandler,
		pb.RegisterAcademyServiceHandler,
		pb.RegisterProgrammeServiceHandler,
		pb.RegisterTokenServiceHandler,
		pb.RegisterAuditServiceHandler,
		pb.RegisterHarmonisationServiceHandler,
		pb.RegisterInteropServiceHandler,
		pb.RegisterCaseServiceHandler,
		pb.RegisterSearchServiceHandler,
	} {
		if err := register(ctx, mux, conn); err != nil {
			conn.Close()
			return nil, fmt.Errorf("gateway: %w", err)
		}
	}
	return &gateway{conn: conn, mux: mux}, nil
}

// incomingHeader chooses the HTTP headers the gateway passes on as gRPC
// metadata. Grpc-Metadata-* headers are dropped: no header but
// Authorization (which the gateway always forwards as "authorization")
// may speak for the caller, so none can pose as a principal. X-Request-Id
// is kept for the logs.
func incomingHeader(key string) (string, bool) {
	switch key = textproto.CanonicalMIMEHeaderKey(key); {
	case key == "X-Request-Id":
		return "x-request-id", true
	case strings.HasPrefix(key, runtime.MetadataHeaderPrefix):
		return "", false
	}
	return runtime.DefaultHeaderMatcher(key)
}

// bearerChallenge answers 401 with a standard Bearer challenge (RFC 6750)
// in place of the gateway's, which repeats the message.
type bearerChallenge struct{ http.ResponseWriter }

func (w bearerChallenge) WriteHeader(code int) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="concord"`)
	w.ResponseWriter.WriteHeader(code)
}

func (g *gateway) Close() error { return g.conn.Close() }

func (s *Server) httpHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", limitBody(s.cfg.HTTP.MaxBodyBytes, s.gateway.mux))
	mux.Handle("GET "+CaseRoot+"/", s.gateway.mux)
	s.handleInterop(mux)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openapi.Spec)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.health.Check(r.Context(), &healthpb.HealthCheckRequest{})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	return mux
}

// limitBody answers 413 with a RESOURCE_EXHAUSTED status body when a
// request's body is longer than max bytes (max ≤ 0: no limit). The body is
// read here, as the gateway would read it whole anyway.
func limitBody(max int64, next http.Handler) http.Handler {
	if max <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			tooLarge(w, max)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
		if err != nil {
			http.Error(w, "reading the request body: "+err.Error(), http.StatusBadRequest)
			return
		}
		if int64(len(body)) > max {
			tooLarge(w, max)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter, max int64) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	fmt.Fprintf(w, `{"code":%d,"message":"the request body is larger than the limit of %d bytes","details":[]}`+"\n", codes.ResourceExhausted, max)
}
