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

	GRPC     GRPCConfig
	HTTP     HTTPConfig
	Security SecurityConfig
	Index    IndexConfig

	// ShutdownTimeout bounds the graceful part of Close.
	ShutdownTimeout time.Duration
	// LockTimeout bounds the wait for the data directory's lock.
	LockTimeout time.Duration
}

// IndexConfig is the search index's section.
type IndexConfig struct {
	// Writers is the number of index batches applied at once while the
	// index follows a bulk load (0: the number of CPUs, at most 4). Each
	// uses a core and holds a batch in memory.
	Writers int
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
	// MaxInFlight bounds the Concord RPCs running at once across all
	// connections; more are refused with RESOURCE_EXHAUSTED (0: no bound).
	MaxInFlight int
	// KeepaliveMinTime is the shortest interval between a client's
	// keepalive pings; a client that pings more often is disconnected
	// (GOAWAY too_many_pings). Pings without an active stream count too.
	KeepaliveMinTime time.Duration
	// KeepaliveTime is how long a connection may be silent before the
	// server pings it; KeepaliveTimeout how long it waits for the answer.
	KeepaliveTime, KeepaliveTimeout time.Duration
	// MaxConnectionIdle closes a connection without RPCs for that long.
	MaxConnectionIdle time.Duration
}

// SecurityConfig is authentication and transport security.
type SecurityConfig struct {
	// CertFile and KeyFile (PEM) turn TLS on, for gRPC and HTTP alike.
	CertFile, KeyFile string
	// ClientCAFile (PEM) makes TLS mutual: every client must present a
	// certificate signed by one of these CAs. Identity still comes only
	// from the bearer token.
	ClientCAFile string
	// Insecure lets the server listen beyond loopback without any token
	// (open to everyone) or without TLS (tokens in clear text, e.g.
	// behind a TLS-terminating proxy).
	Insecure bool
}

// TLS reports whether TLS is configured.
func (s SecurityConfig) TLS() bool { return s.CertFile != "" }

// HTTPConfig is the HTTP listener's section (REST, OpenAPI, health).
type HTTPConfig struct {
	Addr              string
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request; IdleTimeout a kept-alive
	// connection between requests.
	ReadTimeout, IdleTimeout time.Duration
	// MaxBodyBytes bounds a REST request's body (413 above it).
	MaxBodyBytes int64
	// MaxImportBytes bounds the body of a streamed module import
	// (POST …/modules:import), which MaxBodyBytes does not.
	MaxImportBytes int64
	// PublicURL is the URL clients reach this listener at
	// ("https://concord.example.org"); CASE records get their URIs under
	// it. Empty: http(s):// and the listener's address.
	PublicURL string
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
			MaxInFlight:          512,
			KeepaliveMinTime:     10 * time.Second,
			KeepaliveTime:        2 * time.Minute,
			KeepaliveTimeout:     20 * time.Second,
			MaxConnectionIdle:    15 * time.Minute,
		},
		HTTP: HTTPConfig{Addr: "127.0.0.1:8080", ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute, MaxBodyBytes: 8 << 20, MaxImportBytes: 1 << 30},
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
	sec := c.Security
	if (sec.CertFile == "") != (sec.KeyFile == "") {
		return fmt.Errorf("tls: give both --tls-cert and --tls-key, or neither")
	}
	if sec.ClientCAFile != "" && sec.CertFile == "" {
		return fmt.Errorf("tls: --tls-client-ca (mutual TLS) needs --tls-cert and --tls-key")
	}
	return nil
}

// Loopback reports whether every listener is on a loopback address.
func (c Config) Loopback() bool {
	return isLoopback(c.GRPC.Addr) && isLoopback(c.HTTP.Addr)
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
