// Command concord-bench measures Concord at world scale on one seeded
// synthetic corpus, in one run: ingest through the streaming import RPC
// next to raw bleve and raw bbolt (the floor), search through gRPC and
// REST next to raw bleve, coverage and gaps of programmes of 10 and 200
// members, start-up, reindex, peak RSS and data size of the server
// process, and PostgreSQL full-text search on the same corpus (the peer).
// It prints one table (or JSON with -o json) on stdout, progress on
// stderr.
//
//	go run ./cmd/concord-bench -modules 100000 -server bin/concord
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

func main() {
	var o options
	flag.IntVar(&o.Modules, "modules", 100_000, "corpus size (modules)")
	flag.Uint64Var(&o.Seed, "seed", 1, "corpus seed")
	flag.StringVar(&o.Output, "o", "text", "output: text or json")
	flag.StringVar(&o.Server, "server", "", "the concord binary (default: go build ./cmd/concord into the work directory)")
	flag.StringVar(&o.Work, "work", "", "work directory (default: a new temporary one, removed at the end)")
	flag.BoolVar(&o.Keep, "keep", false, "keep the work directory")
	flag.IntVar(&o.Streams, "streams", 2, "concurrent import streams")
	flag.IntVar(&o.Queries, "queries", 200, "timed searches per query class and endpoint")
	flag.IntVar(&o.Calls, "harmonisation-calls", 30, "timed coverage+gaps calls per programme")
	flag.BoolVar(&o.Profile, "profile", false, "serve the server's pprof and write CPU profiles of its phases into the work directory (with -keep)")
	flag.BoolVar(&o.NoPostgres, "no-postgres", false, "skip the PostgreSQL peer")
	flag.Parse()
	if o.Output != "text" && o.Output != "json" {
		fmt.Fprintln(os.Stderr, "concord-bench: -o must be text or json")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := run(ctx, o, stderrProgress())
	if err != nil {
		fmt.Fprintln(os.Stderr, "concord-bench:", err)
		os.Exit(1)
	}
	if o.Output == "json" {
		err = writeJSON(os.Stdout, r)
	} else {
		err = writeText(os.Stdout, r)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "concord-bench:", err)
		os.Exit(1)
	}
}

func numCPU() int { return runtime.NumCPU() }

func readFile(p string) (string, error) {
	b, err := os.ReadFile(p)
	return string(b), err
}
