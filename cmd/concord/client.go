package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// clientFlags are the flags of every client subcommand.
type clientFlags struct {
	addr    string
	output  string
	timeout time.Duration
}

func addClientFlags(root *cobra.Command) *clientFlags {
	cf := &clientFlags{}
	pf := root.PersistentFlags()
	pf.StringVar(&cf.addr, "addr", envOr("CONCORD_ADDR", "127.0.0.1:9090"), "gRPC address of the server [$CONCORD_ADDR]")
	pf.StringVarP(&cf.output, "output", "o", "table", "output format: table or json")
	pf.DurationVar(&cf.timeout, "timeout", 30*time.Second, "deadline of each call")
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
	return grpc.NewClient(cf.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

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
