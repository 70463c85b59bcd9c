package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/internal/corpus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// options are the command line's.
type options struct {
	Modules    int
	Seed       uint64
	Output     string
	Server     string
	Work       string
	Keep       bool
	Streams    int
	Queries    int
	Calls      int
	NoPostgres bool
	// Profile writes CPU profiles of the server's ingest (first 30 s),
	// gRPC search and harmonisation phases into the work directory.
	Profile bool
}

func stderrProgress() func(string) {
	start := time.Now()
	return func(s string) { fmt.Fprintf(os.Stderr, "[%7.1fs] %s\n", time.Since(start).Seconds(), s) }
}

// run does the whole benchmark and returns its report.
func run(ctx context.Context, o options, progress func(string)) (*Report, error) {
	work := o.Work
	if work == "" {
		d, err := os.MkdirTemp("", "concord-bench-")
		if err != nil {
			return nil, err
		}
		work = d
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	if !o.Keep {
		defer os.RemoveAll(work)
	}
	if o.Server == "" {
		o.Server = filepath.Join(work, "concord")
		progress("building ./cmd/concord")
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", o.Server, "github.com/concord-ibm/concord/cmd/concord").CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build: %v: %s", err, out)
		}
	}
	cfg := corpus.Config{Seed: o.Seed, Modules: o.Modules}
	academies, curr := cfg.Counts()
	r := &Report{Date: time.Now().UTC().Format("2006-01-02 15:04 MST"), Machine: machine(), Modules: o.Modules,
		Academies: academies, Curricula: curr, Seed: o.Seed, Queries: o.Queries}

	dataDir := filepath.Join(work, "data")
	logPath := filepath.Join(work, "server.log")
	srv, err := startServer(ctx, o.Server, dataDir, logPath, o.Profile)
	if err != nil {
		return nil, err
	}
	defer func() {
		if srv != nil {
			srv.stop()
		}
	}()
	progress(fmt.Sprintf("server up (pid %d, gRPC %s, HTTP %s); creating %d academies, %d curricula, writing their spreadsheets",
		srv.cmd.Process.Pid, srv.grpcAddr, srv.httpAddr, academies, curr))
	sheets, currNames, err := prepare(ctx, srv.conn, cfg, filepath.Join(work, "sheets"))
	if err != nil {
		return nil, err
	}

	// Ingest: the raw bleve floor before and after the service (the
	// machine's speed drifts: the floor is the mean of runs bracketing the
	// service's), each alone on the machine, then the bbolt floor.
	blevePath := filepath.Join(work, "floor.bleve")
	floorBleve := func(when string) (time.Duration, error) {
		waited, err := srv.waitIdle(ctx)
		if err != nil {
			return 0, err
		}
		progress(fmt.Sprintf("server idle after %.1fs; floor: raw bleve, batches of 1000 (%s)", waited.Seconds(), when))
		if err := os.RemoveAll(blevePath); err != nil {
			return 0, err
		}
		took, err := ingestBleve(ctx, blevePath, cfg, progress)
		if err != nil {
			return 0, fmt.Errorf("floor bleve: %w", err)
		}
		return took, nil
	}
	before, err := floorBleve("before the service")
	if err != nil {
		return nil, err
	}

	progress(fmt.Sprintf("ingest: %d modules through InteropService.ImportModules, %d streams", o.Modules, o.Streams))
	prof := srv.profile(filepath.Join(work, "ingest.cpu.prof"), 30*time.Second)
	took, note, err := ingestService(ctx, srv.conn, sheets, o.Modules, o.Streams, progress)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	service := float64(o.Modules) / took.Seconds()
	r.Ingest = append(r.Ingest, IngestRow{Name: "concord ImportModules (gRPC stream)", Seconds: took.Seconds(), PerSecond: service, Note: note})
	os.RemoveAll(filepath.Join(work, "sheets"))

	after, err := floorBleve("after the service")
	if err != nil {
		return nil, err
	}
	mean := (before + after) / 2
	bleveRate := float64(o.Modules) / mean.Seconds()
	r.Ingest = append(r.Ingest, IngestRow{Name: "raw bleve (scorch, 1000/batch)", Seconds: mean.Seconds(), PerSecond: bleveRate,
		Ratio: service / bleveRate, Note: fmt.Sprintf("indexed and closed (persisted); mean of %.1fs before and %.1fs after", before.Seconds(), after.Seconds())})
	progress("floor: raw bbolt, 1000 per transaction")
	took, err = ingestBbolt(ctx, filepath.Join(work, "floor.db"), cfg, progress)
	if err != nil {
		return nil, fmt.Errorf("floor bbolt: %w", err)
	}
	boltRate := float64(o.Modules) / took.Seconds()
	r.Ingest = append(r.Ingest, IngestRow{Name: "raw bbolt (JSON, 1000/tx, fsync)", Seconds: took.Seconds(), PerSecond: boltRate,
		Ratio: service / boltRate, Note: "committed"})
	os.Remove(filepath.Join(work, "floor.db"))

	if err := <-prof; err != nil {
		progress("profile: " + err.Error())
	}

	// Search.
	qs := querySet(o.Seed)
	idx, err := bleve.Open(blevePath)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	endpoints := []endpoint{{"concord gRPC", grpcSearcher(srv.conn)}, {"concord REST", restSearcher(srv.httpAddr)}, {"raw bleve", bleveSearcher(idx)}}
	progress("search: concord gRPC, concord REST and raw bleve, taking turns")
	prof = srv.profile(filepath.Join(work, "search.cpu.prof"), 30*time.Second)
	results, failed := runSearchesTogether(ctx, endpoints, qs, o.Queries)
	if err := <-prof; err != nil {
		progress("profile: " + err.Error())
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	errs := map[string]string{}
	for name, err := range failed {
		errs[name] = unavailableReason(errors.Unwrap(err))
		progress("search: " + name + " unavailable: " + errs[name])
	}

	// Harmonisation.
	progress("harmonisation: programmes of 10 and 200 members")
	prof = srv.profile(filepath.Join(work, "harmonisation.cpu.prof"), 10*time.Second)
	r.Harmonisation, err = benchHarmonisation(ctx, srv.conn, currNames, o.Calls)
	if err := <-prof; err != nil {
		progress("profile: " + err.Error())
	}
	if err != nil {
		return nil, fmt.Errorf("harmonisation: %w", err)
	}

	// Reindex, peak RSS, start-up, size.
	progress("server: full reindex")
	if d, err := reindex(ctx, srv.conn); err != nil {
		r.Server.ReindexUnavailable = err.Error()
	} else {
		r.Server.ReindexSeconds = d.Seconds()
	}
	if r.Server.PeakRSSBytes, err = srv.peakRSS(); err != nil {
		return nil, err
	}
	srv.stop()
	srv = nil
	r.Server.DataDirBytes = dirSize(dataDir)
	progress("server: start-up with the full store")
	srv, err = startServer(ctx, o.Server, dataDir, logPath, false)
	if err != nil {
		return nil, err
	}
	r.Server.StartupSeconds = srv.ready.Seconds()
	srv.stop()
	srv = nil

	// The peer.
	if o.NoPostgres {
		r.Peer.Unavailable = "skipped (-no-postgres)"
	} else if bin := findPostgres(); bin == "" {
		r.Peer.Unavailable = "postgres not found (PATH, /usr/local/bin, /usr/lib/postgresql/*/bin)"
	} else if err := benchPostgres(ctx, bin, filepath.Join(work, "pg"), cfg, qs, o.Queries, r, results, progress); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r.Peer.Unavailable = err.Error()
	}

	r.Search = searchRows(results, errs)
	r.Targets = targets(r, results)
	progress("done")
	return r, nil
}

// benchPostgres loads the corpus into a throwaway PostgreSQL and runs the
// query set against it.
func benchPostgres(ctx context.Context, bin, dir string, cfg corpus.Config, qs []corpus.Query, n int, r *Report,
	results map[string]map[queryClass]Latency, progress func(string)) error {
	progress("peer: starting PostgreSQL from " + bin)
	pg, err := startPostgres(ctx, bin, dir)
	if err != nil {
		return err
	}
	defer pg.stop()
	conn, err := pg.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	load, index, err := loadPostgres(ctx, conn, cfg, progress)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	rate := float64(cfg.Modules) / (load + index).Seconds()
	r.Peer.LoadSeconds, r.Peer.IndexSeconds, r.Peer.PerSecond = load.Seconds(), index.Seconds(), rate
	if len(r.Ingest) > 0 {
		r.Peer.IngestRatio = r.Ingest[0].PerSecond / rate
	}
	progress("search: postgres")
	res, err := runSearches(ctx, pgSearcher(conn), qs, n)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	results["postgres"] = res
	if g, ok := results["concord gRPC"]; ok {
		r.Peer.P50Ratio, r.Peer.P99Ratio = map[string]float64{}, map[string]float64{}
		for c, l := range res {
			r.Peer.P50Ratio[string(c)] = g[c].P50 / l.P50
			r.Peer.P99Ratio[string(c)] = g[c].P99 / l.P99
		}
	}
	return nil
}

// searchRows lays the search results out class by class.
func searchRows(results map[string]map[queryClass]Latency, errs map[string]string) []SearchRow {
	var rows []SearchRow
	for _, c := range queryClasses {
		floor, hasFloor := results["raw bleve"][c]
		for _, e := range []string{"concord gRPC", "concord REST", "raw bleve", "postgres"} {
			row := SearchRow{Class: c, Endpoint: e}
			res, ok := results[e]
			switch {
			case ok:
				l := res[c]
				row.Latency = &l
				if hasFloor && e != "raw bleve" {
					row.P50Ratio, row.P99Ratio = l.P50/floor.P50, l.P99/floor.P99
				}
			case errs[e] != "":
				row.Unavailable = errs[e]
			default:
				continue
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// reindex rebuilds the server's index and times it to its last message.
func reindex(ctx context.Context, conn *grpc.ClientConn) (time.Duration, error) {
	start := time.Now()
	stream, err := pb.NewAdminServiceClient(conn).Reindex(ctx, &pb.ReindexRequest{})
	for err == nil {
		_, err = stream.Recv()
	}
	if errors.Is(err, io.EOF) {
		return time.Since(start), nil
	}
	if status.Code(err) == codes.Unimplemented {
		return 0, errors.New(unavailableReason(err))
	}
	return 0, err
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
