// Package server assembles a Concord server from its parts: the store, the
// search index, the gRPC services, the REST gateway and the HTTP handlers.
// It is the only place where concrete adapters meet.
package server

import (
	"fmt"
	"net"
	"time"
)

// Config holds every setting of `concord serve`, in sections.
type Config struct {
	// DataDir holds the store (concord.db) and the search index.
	DataDir string
	// Demo seeds the default framework and the demo data into an empty
	// store; without it only the default framework is seeded.
	Demo bool

	GRPC GRPCConfig
	HTTP HTTPConfig

	// ShutdownTimeout bounds the graceful part of Close.
	ShutdownTimeout time.Duration
	// LockTimeout bounds the wait for the data directory's lock.
	LockTimeout time.Duration
}

// GRPCConfig is the gRPC listener's section.
type GRPCConfig struct {
	Addr string
	// MaxRecvBytes bounds one request message.
	MaxRecvBytes int
	// MaxConcurrentStreams bounds the streams of one connection.
	MaxConcurrentStreams uint32
	// MaxDeadline caps every RPC's deadline (0: no cap).
	MaxDeadline time.Duration
}

// HTTPConfig is the HTTP listener's section (REST, OpenAPI, health).
type HTTPConfig struct {
	Addr              string
	ReadHeaderTimeout time.Duration
}

// Defaults returns the configuration of a local server.
func Defaults() Config {
	return Config{
		DataDir: "data",
		GRPC: GRPCConfig{
			Addr:                 "127.0.0.1:9090",
			MaxRecvBytes:         8 << 20,
			MaxConcurrentStreams: 256,
			MaxDeadline:          5 * time.Minute,
		},
		HTTP:            HTTPConfig{Addr: "127.0.0.1:8080", ReadHeaderTimeout: 10 * time.Second},
		ShutdownTimeout: 15 * time.Second,
		LockTimeout:     2 * time.Second,
	}
}

// Validate checks the configuration before anything is opened.
func (c Config) Validate() error {
	if c.DataDir == "" {
		return fmt.Errorf("data dir: must be set")
	}
	for name, a := range map[string]string{"grpc address": c.GRPC.Addr, "http address": c.HTTP.Addr} {
		if _, _, err := net.SplitHostPort(a); err != nil {
			return fmt.Errorf("%s %q: %v", name, a, err)
		}
	}
	return nil
}
