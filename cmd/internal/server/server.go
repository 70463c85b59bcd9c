package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/curricula/demo"
	"github.com/concord-ibm/concord/search"
	"github.com/concord-ibm/concord/services"
	"github.com/concord-ibm/concord/storage"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"
)

// Server is a running Concord: Open starts it, Close stops it in order.
type Server struct {
	cfg Config
	log *slog.Logger

	store    *storage.DB
	index    *search.Index
	auth     *services.TokenAuth
	limiter  *services.Limiter
	metrics  *Metrics
	tls      *transport
	grpc     *grpc.Server
	health   *health.Server
	gateway  *gateway
	http     *http.Server
	grpcLis  net.Listener
	httpLis  net.Listener
	services []string
	errc     chan error
}

// New returns an unopened server.
func New(cfg Config, log *slog.Logger) *Server {
	return &Server{cfg: cfg, log: log, errc: make(chan error, 2)}
}

// StorePath is where the store lives inside a data directory.
func StorePath(dataDir string) string { return filepath.Join(dataDir, "concord.db") }

// IndexPath is where the search index lives inside a data directory: a
// derived cache that restore removes so that it is rebuilt.
func IndexPath(dataDir string) string { return filepath.Join(dataDir, "index") }

// Open opens the store, seeds it, and starts serving gRPC and HTTP. On an
// error everything opened so far is closed again.
func (s *Server) Open(ctx context.Context) (err error) {
	if err := s.cfg.Validate(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if err := os.MkdirAll(s.cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	s.store, err = storage.Open(StorePath(s.cfg.DataDir), storage.Options{Timeout: s.cfg.LockTimeout})
	if err != nil {
		return err
	}
	if err := s.openIndex(ctx); err != nil {
		return err
	}
	if s.tls, err = newTransport(s.cfg.Security); err != nil {
		return err
	}
	if err := s.authenticate(ctx); err != nil {
		return err
	}
	if err := s.seed(ctx); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	s.limiter = services.NewLimiter(s.cfg.GRPC.MaxInFlight)
	s.metrics = newMetrics(s, s.limiter)
	s.metrics.SetIndexLag(func() float64 {
		st, _ := s.indexStats()
		return float64(st.Lag())
	})

	s.grpcLis, err = net.Listen("tcp", s.cfg.GRPC.Addr)
	if err != nil {
		return fmt.Errorf("grpc listener: %w", err)
	}
	s.httpLis, err = net.Listen("tcp", s.cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("http listener: %w", err)
	}

	s.grpc = s.newGRPCServer()
	s.services = services.Register(s.grpc, services.Deps{Store: s.store, Tokens: s.store, Search: s.index, Log: s.log, CaseBaseURL: s.PublicURL() + CaseRoot})
	s.health = health.NewServer()
	healthpb.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc)
	for _, name := range append(s.services, "") {
		s.health.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
	go func() { s.errc <- s.grpc.Serve(s.grpcLis) }()

	s.gateway, err = newGateway(ctx, s.grpcLis.Addr().String(), s.tls.gateway)
	if err != nil {
		return err
	}
	h := s.cfg.HTTP
	s.http = &http.Server{Handler: s.httpHandler(), ReadHeaderTimeout: h.ReadHeaderTimeout, ReadTimeout: h.ReadTimeout,
		IdleTimeout: h.IdleTimeout, TLSConfig: s.tls.server, ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	go func() {
		var err error
		if s.tls.server != nil {
			err = s.http.ServeTLS(s.httpLis, "", "")
		} else {
			err = s.http.Serve(s.httpLis)
		}
		if !errors.Is(err, http.ErrServerClosed) {
			s.errc <- err
		}
	}()
	s.log.Info("concord serving", "grpc", s.GRPCAddr(), "http", s.HTTPAddr(), "data_dir", s.cfg.DataDir,
		"tls", s.tls.server != nil, "mtls", s.cfg.Security.ClientCAFile != "")
	return nil
}

// authenticate chooses how calls are authenticated. With a token in the
// store, every call needs one. Without, the server runs open (every call
// is an anonymous admin) only on loopback or with --insecure, and only
// until the first token is made. A listener beyond loopback also needs
// TLS, or --insecure, since bearer tokens would travel in clear text.
func (s *Server) authenticate(ctx context.Context) error {
	has, err := s.store.HasTokens(ctx)
	if err != nil {
		return err
	}
	sec, where := s.cfg.Security, fmt.Sprintf("gRPC %s, HTTP %s", s.cfg.GRPC.Addr, s.cfg.HTTP.Addr)
	if !s.cfg.Loopback() && !sec.Insecure {
		if !has {
			return fmt.Errorf("no API token exists and a listener is not on loopback (%s): anyone could call it. "+
				"Create an admin token first (concord tokens create NAME --role admin --data-dir %s, with the server stopped), "+
				"listen on 127.0.0.1, or pass --insecure to serve without authentication", where, s.cfg.DataDir)
		}
		if !sec.TLS() {
			return fmt.Errorf("a listener is not on loopback (%s) and TLS is off: bearer tokens would cross the network in clear text. "+
				"Give --tls-cert and --tls-key, or pass --insecure (e.g. behind a TLS-terminating proxy)", where)
		}
	}
	s.auth = services.NewTokenAuth(s.store, !has)
	switch {
	case has && !s.cfg.Loopback() && !sec.TLS():
		s.log.Warn("authentication: bearer tokens, in clear text beyond loopback (--insecure, no TLS)", "listeners", where)
	case has:
		s.log.Info("authentication: bearer tokens")
	case s.cfg.Loopback():
		s.log.Warn("authentication: none until the first token is created (no tokens; loopback only)")
	default:
		s.log.Warn("authentication: none until the first token is created (no tokens; --insecure)", "listeners", where)
	}
	return nil
}

func (s *Server) seed(ctx context.Context) error {
	if s.cfg.Demo {
		created, err := demo.Seed(ctx, s.store)
		if created {
			s.log.Info("seeded the default framework and the demo data")
		}
		return err
	}
	created, err := curricula.SeedDefaultFramework(ctx, s.store)
	if created {
		s.log.Info("seeded the default framework", "framework", curricula.FrameworkName(curricula.DefaultFrameworkID))
	}
	return err
}

// newGRPCServer builds the gRPC server. Interceptors, outermost first:
// observe (request ID, deadline cap, log, metrics), errors (domain errors
// to status codes, so that everything inside may return them), the
// concurrency limit, then authentication and authorization.
func (s *Server) newGRPCServer() *grpc.Server {
	g := s.cfg.GRPC
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(g.MaxRecvBytes),
		grpc.MaxConcurrentStreams(g.MaxConcurrentStreams),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: g.KeepaliveMinTime}),
		grpc.KeepaliveParams(keepalive.ServerParameters{
			MaxConnectionIdle: g.MaxConnectionIdle, Time: g.KeepaliveTime, Timeout: g.KeepaliveTimeout,
		}),
		grpc.ChainUnaryInterceptor(
			services.UnaryObserve(s.log, g.MaxDeadline, s.metrics.observe),
			services.UnaryErrors(s.log),
			s.limiter.Unary(),
			services.UnaryAccess(s.auth, services.AccessPolicy),
		),
		grpc.ChainStreamInterceptor(
			services.StreamObserve(s.log, g.MaxDeadline, s.metrics.observe),
			services.StreamErrors(s.log),
			s.limiter.Stream(),
			services.StreamAccess(s.auth, services.AccessPolicy),
		),
	}
	if s.tls.server != nil {
		opts = append(opts, grpc.Creds(credentials.NewTLS(s.tls.server.Clone())))
	}
	if g.MaxDeadline > 0 {
		opts = append(opts, grpc.InTapHandle(services.DeadlineTap(g.MaxDeadline)))
	}
	return grpc.NewServer(opts...)
}

// Metrics returns the server's metrics (SetIndexLag wires the index).
func (s *Server) Metrics() *Metrics { return s.metrics }

// GRPCAddr is the address gRPC listens on (resolved when the configured
// port is 0).
func (s *Server) GRPCAddr() string { return s.grpcLis.Addr().String() }

// HTTPAddr is the address HTTP listens on.
func (s *Server) HTTPAddr() string { return s.httpLis.Addr().String() }

// PublicURL is the URL clients reach HTTP at: the configured one, else
// http(s):// and the listener's address.
func (s *Server) PublicURL() string {
	if u := s.cfg.HTTP.PublicURL; u != "" {
		return strings.TrimRight(u, "/")
	}
	if s.cfg.Security.TLS() {
		return "https://" + s.HTTPAddr()
	}
	return "http://" + s.HTTPAddr()
}

// Search is the server's search index (for tests).
func (s *Server) Search() curricula.Search { return s.index }

// Store is the server's store (for tests and admin commands).
func (s *Server) Store() curricula.Store { return s.store }

// Err reports a listener that stopped on its own.
func (s *Server) Err() <-chan error { return s.errc }

// Close stops the server in order: health reports NOT_SERVING so load
// balancers drain it; HTTP stops accepting and finishes its requests
// (they run through gRPC, so it goes first); gRPC stops gracefully, then
// hard when ShutdownTimeout passes; then the index's sync loop stops and
// the index is closed; last, the store is closed, so every acknowledged
// write is on disk before the process ends.
func (s *Server) Close() error {
	timeout := s.cfg.ShutdownTimeout
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var errs []error
	if s.health != nil {
		s.health.Shutdown()
	}
	if s.http != nil {
		if err := s.http.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("http shutdown: %w", err))
		}
	} else if s.httpLis != nil {
		s.httpLis.Close()
	}
	if s.gateway != nil {
		errs = append(errs, s.gateway.Close())
	}
	if s.grpc != nil {
		done := make(chan struct{})
		go func() { s.grpc.GracefulStop(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
			s.grpc.Stop()
			<-done
		}
	} else if s.grpcLis != nil {
		s.grpcLis.Close()
	}
	if s.index != nil { // stops its sync loop, then closes
		if err := s.index.Close(); err != nil {
			errs = append(errs, fmt.Errorf("search index: %w", err))
		}
	}
	if s.store != nil {
		errs = append(errs, s.store.Close())
	}
	return errors.Join(errs...)
}
