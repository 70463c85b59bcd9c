package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/concord-ibm/concord/cmd/internal/server"
	"github.com/spf13/cobra"
)

func newServeCmd() *cobra.Command {
	cfg := server.Defaults()
	var logFormat, pprofAddr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the Concord server (gRPC and REST)",
		Long: `Run the Concord server: gRPC on --grpc-addr, REST, OpenAPI and health on
--http-addr, with the store and the search index in --data-dir. An empty
store is seeded with the default framework (and the demo data with --demo).
SIGINT or SIGTERM stop it gracefully.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := newLogger(logFormat)
			if cfg.Index.Writers < 0 {
				return fmt.Errorf("--index-writers: must be 0 (the default) or more, got %d", cfg.Index.Writers)
			}
			if pprofAddr != "" {
				if _, err := servePprof(pprofAddr, log); err != nil {
					return err
				}
			}
			srv := server.New(cfg, log)
			if err := srv.Open(cmd.Context()); err != nil {
				return err
			}
			var runErr error
			select {
			case <-cmd.Context().Done():
				log.Info("shutting down")
			case runErr = <-srv.Err():
				log.Error("listener failed", "err", runErr)
			}
			if err := srv.Close(); err != nil && runErr == nil {
				runErr = err
			}
			return runErr
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.DataDir, "data-dir", envOr("CONCORD_DATA_DIR", cfg.DataDir), "directory of the store and the index [$CONCORD_DATA_DIR]")
	f.StringVar(&cfg.GRPC.Addr, "grpc-addr", envOr("CONCORD_GRPC_ADDR", cfg.GRPC.Addr), "gRPC listen address [$CONCORD_GRPC_ADDR]")
	f.StringVar(&cfg.HTTP.Addr, "http-addr", envOr("CONCORD_HTTP_ADDR", cfg.HTTP.Addr), "HTTP listen address [$CONCORD_HTTP_ADDR]")
	f.StringVar(&cfg.HTTP.PublicURL, "public-url", envOr("CONCORD_PUBLIC_URL", ""), "URL clients reach HTTP at, for CASE URIs (default http://{--http-addr}) [$CONCORD_PUBLIC_URL]")
	f.BoolVar(&cfg.Demo, "demo", envOr("CONCORD_DEMO", "") == "true", "seed the demo data into an empty store [$CONCORD_DEMO=true]")
	f.DurationVar(&cfg.LockTimeout, "lock-timeout", cfg.LockTimeout, "how long to wait for the data directory's lock")
	f.IntVar(&cfg.Index.Writers, "index-writers", cfg.Index.Writers, "index batches applied at once while the index follows a bulk load (0: CPUs, at most 4); each uses a core and memory")
	f.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", cfg.ShutdownTimeout, "graceful shutdown limit")
	f.DurationVar(&cfg.GRPC.MaxDeadline, "max-deadline", 5*time.Minute, "cap on every RPC's deadline")
	f.StringVar(&cfg.Security.CertFile, "tls-cert", os.Getenv("CONCORD_TLS_CERT"), "TLS certificate (PEM) for gRPC and HTTP [$CONCORD_TLS_CERT]")
	f.StringVar(&cfg.Security.KeyFile, "tls-key", os.Getenv("CONCORD_TLS_KEY"), "the certificate's private key (PEM) [$CONCORD_TLS_KEY]")
	f.StringVar(&cfg.Security.ClientCAFile, "tls-client-ca", os.Getenv("CONCORD_TLS_CLIENT_CA"), "require client certificates signed by these CAs (PEM): mutual TLS [$CONCORD_TLS_CLIENT_CA]")
	f.BoolVar(&cfg.Security.Insecure, "insecure", envOr("CONCORD_INSECURE", "") == "true", "allow listening beyond loopback without tokens or without TLS [$CONCORD_INSECURE=true]")
	f.IntVar(&cfg.GRPC.MaxRecvBytes, "max-recv-bytes", cfg.GRPC.MaxRecvBytes, "largest gRPC request message")
	f.Int64Var(&cfg.HTTP.MaxBodyBytes, "max-body-bytes", cfg.HTTP.MaxBodyBytes, "largest REST request body")
	f.IntVar(&cfg.GRPC.MaxInFlight, "max-in-flight", cfg.GRPC.MaxInFlight, "most RPCs running at once; more get RESOURCE_EXHAUSTED")
	f.StringVar(&pprofAddr, "pprof-addr", "", "serve the Go profiler (/debug/pprof/) on this loopback address; off when empty")
	f.StringVar(&logFormat, "log-format", envOr("CONCORD_LOG_FORMAT", "text"), "log format: text or json [$CONCORD_LOG_FORMAT]")
	return cmd
}

func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}
