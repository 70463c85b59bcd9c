package main

import (
	"log/slog"
	"os"
	"time"

	"github.com/concord-ibm/concord/cmd/internal/server"
	"github.com/spf13/cobra"
)

func newServeCmd() *cobra.Command {
	cfg := server.Defaults()
	var logFormat string
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
	f.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", cfg.ShutdownTimeout, "graceful shutdown limit")
	f.DurationVar(&cfg.GRPC.MaxDeadline, "max-deadline", 5*time.Minute, "cap on every RPC's deadline")
	f.StringVar(&logFormat, "log-format", envOr("CONCORD_LOG_FORMAT", "text"), "log format: text or json [$CONCORD_LOG_FORMAT]")
	return cmd
}

func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}
