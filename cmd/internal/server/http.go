package server

import (
	"context"
	"fmt"
	"net/http"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/api/openapi"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// gateway is the REST front: grpc-gateway dialled into our own gRPC port as
// a client, so that every interceptor runs for REST calls too.
type gateway struct {
	conn *grpc.ClientConn
	mux  *runtime.ServeMux
}

func newGateway(ctx context.Context, grpcAddr string) (*gateway, error) {
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	mux := runtime.NewServeMux(
		runtime.WithOutgoingHeaderMatcher(func(k string) (string, bool) {
			if k == "x-request-id" {
				return "X-Request-Id", true
			}
			return runtime.DefaultHeaderMatcher(k)
		}),
	)
	for _, register := range []func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error{
		pb.RegisterFrameworkServiceHandler,
		pb.RegisterAcademyServiceHandler,
		pb.RegisterProgrammeServiceHandler,
		pb.RegisterHarmonisationServiceHandler,
	} {
		if err := register(ctx, mux, conn); err != nil {
			conn.Close()
			return nil, fmt.Errorf("gateway: %w", err)
		}
	}
	return &gateway{conn: conn, mux: mux}, nil
}

func (g *gateway) Close() error { return g.conn.Close() }

func (s *Server) httpHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", s.gateway.mux)
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
