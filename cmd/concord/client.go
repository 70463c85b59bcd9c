package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// clientFlags are the flags of every client subcommand.
type clientFlags struct {
	addr    string
	output  string
	timeout time.Duration
	token   string
	// TLS: useTLS with the system's roots, or ca; cert and key for mutual TLS.
	useTLS         bool
	ca, cert, key  string
	maxRecvMsgSize int
}

func addClientFlags(root *cobra.Command) *clientFlags {
	cf := &clientFlags{}
	pf := root.PersistentFlags()
	pf.StringVar(&cf.addr, "addr", envOr("CONCORD_ADDR", "127.0.0.1:9090"), "gRPC address of the server [$CONCORD_ADDR]")
	pf.StringVarP(&cf.output, "output", "o", "table", "output format: table or json")
	pf.DurationVar(&cf.timeout, "timeout", 30*time.Second, "deadline of each call")
	pf.StringVar(&cf.token, "token", os.Getenv("CONCORD_TOKEN"), "bearer token [$CONCORD_TOKEN]")
	pf.BoolVar(&cf.useTLS, "tls", envOr("CONCORD_TLS", "") == "true", "connect with TLS, trusting the system's CAs (implied by --ca and --cert) [$CONCORD_TLS=true]")
	pf.StringVar(&cf.ca, "ca", os.Getenv("CONCORD_CA"), "PEM file of the CA(s) that signed the server's certificate [$CONCORD_CA]")
	pf.StringVar(&cf.cert, "cert", os.Getenv("CONCORD_CERT"), "client certificate (PEM) for a server that requires mutual TLS [$CONCORD_CERT]")
	pf.StringVar(&cf.key, "key", os.Getenv("CONCORD_KEY"), "the client certificate's key (PEM) [$CONCORD_KEY]")
	cf.maxRecvMsgSize = 64 << 20
	return cf
}

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// dial connects to the server; the caller closes the connection.
func (cf *clientFlags) dial() (*grpc.ClientConn, error) {
	if cf.output != "table" && cf.output != "json" {
		return nil, usageError{fmt.Errorf("--output %q: want table or json", cf.output)}
	}
	creds, err := cf.transport()
	if err != nil {
		return nil, err
	}
	opts := []grpc.DialOption{grpc.WithTransportCredentials(creds),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(cf.maxRecvMsgSize))}
	if cf.token != "" {
		opts = append(opts, grpc.WithPerRPCCredentials(bearer(cf.token)))
	}
	return grpc.NewClient(cf.addr, opts...)
}

func (cf *clientFlags) transport() (credentials.TransportCredentials, error) {
	if !cf.useTLS && cf.ca == "" && cf.cert == "" {
		return insecure.NewCredentials(), nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cf.ca != "" {
		pem, err := os.ReadFile(cf.ca)
		if err != nil {
			return nil, usageError{fmt.Errorf("--ca: %w", err)}
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, usageError{fmt.Errorf("--ca: %s holds no PEM certificate", cf.ca)}
		}
	}
	if (cf.cert == "") != (cf.key == "") {
		return nil, usageError{fmt.Errorf("give both --cert and --key, or neither")}
	}
	if cf.cert != "" {
		c, err := tls.LoadX509KeyPair(cf.cert, cf.key)
		if err != nil {
			return nil, usageError{fmt.Errorf("--cert/--key: %w", err)}
		}
		cfg.Certificates = []tls.Certificate{c}
	}
	return credentials.NewTLS(cfg), nil
}

// bearer sends the token with every call. It does not demand TLS: a
// server on loopback may be plaintext, and one beyond loopback refuses
// plaintext unless its operator chose --insecure.
type bearer string

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(b)}, nil
}

func (bearer) RequireTransportSecurity() bool { return false }

func (cf *clientFlags) context(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	return context.WithTimeout(cmd.Context(), cf.timeout)
}

func fieldViolations(s *status.Status) []string {
	var out []string
	for _, d := range s.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out = append(out, v.GetField()+": "+v.GetDescription())
			}
		}
	}
	return out
}

// withConn dials the server and calls fn under the command's deadline.
func withConn(cmd *cobra.Command, cf *clientFlags, fn func(context.Context, *grpc.ClientConn) error) error {
	ctx, cancel := cf.context(cmd)
	defer cancel()
	return dialAnd(ctx, cf, fn)
}

// withLongConn is withConn for transfers and rebuilds: the deadline is
// transferTimeout unless --timeout was given.
func withLongConn(cmd *cobra.Command, cf *clientFlags, fn func(context.Context, *grpc.ClientConn) error) error {
	ctx, cancel := transferContext(cmd, cf)
	defer cancel()
	return dialAnd(ctx, cf, fn)
}

func dialAnd(ctx context.Context, cf *clientFlags, fn func(context.Context, *grpc.ClientConn) error) error {
	conn, err := cf.dial()
	if err != nil {
		return err
	}
	defer conn.Close()
	return fn(ctx, conn)
}
