package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// importChunk is the size of one ImportModules message's piece of file.
const importChunk = 256 << 10

// ingestService streams every academy's spreadsheet through
// InteropService.ImportModules, streams at a time, and then waits until
// the search index has applied every change (when the server has one).
// The time runs from the first byte sent to durable (and searchable).
func ingestService(ctx context.Context, conn *grpc.ClientConn, sheets []academySheet, total, streams int, progress func(string)) (time.Duration, string, error) {
	ic := pb.NewInteropServiceClient(conn)
	start := time.Now()
	var done atomic.Int64
	jobs := make(chan int)
	errc := make(chan error, streams)
	var wg sync.WaitGroup
	for range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				sh := sheets[i]
				if err := importSheet(ctx, ic, sh.academy, sh.path, sh.modules); err != nil {
					errc <- err
					return
				}
				if n := done.Add(int64(sh.modules)); i%50 == 0 {
					progress(fmt.Sprintf("ingest: %d/%d modules imported (%.0f/s)", n, total, float64(n)/time.Since(start).Seconds()))
				}
			}
		}()
	}
feed:
	for i := range sheets {
		select {
		case jobs <- i:
		case err := <-errc:
			close(jobs)
			wg.Wait()
			return 0, "", err
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return 0, "", err
	default:
	}
	durable := time.Since(start)
	note, err := waitIndexed(ctx, conn, total, progress)
	if err != nil {
		return 0, "", err
	}
	if note != "" {
		return durable, note, nil
	}
	return time.Since(start), "durable and searchable", nil
}

// importSheet streams one file and checks that every row was created.
func importSheet(ctx context.Context, ic pb.InteropServiceClient, academy, path string, want int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	stream, err := ic.ImportModules(ctx)
	if err != nil {
		return err
	}
	buf := make([]byte, importChunk)
	first := true
	for {
		n, rerr := io.ReadFull(f, buf)
		if n > 0 {
			msg := &pb.ImportModulesRequest{Parent: academy, Data: buf[:n]}
			if first {
				msg.Options = &pb.ImportModulesRequest_Options{Format: pb.ImportModulesRequest_CSV, Mode: pb.ImportModulesRequest_CREATE_ONLY}
				first = false
			}
			if err := stream.Send(msg); err != nil {
				break // the server ended the call: CloseAndRecv tells why
			}
		}
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		return fmt.Errorf("import %s: %w", academy, err)
	}
	if len(resp.GetErrors()) > 0 || int(resp.GetCreated()) != want {
		return fmt.Errorf("import %s: %d of %d created, errors %v", academy, resp.GetCreated(), want, resp.GetErrors())
	}
	return nil
}

// waitIndexed polls the index stats until the index has caught up with
// the store and holds n modules. It returns a note instead when the
// server has no search index yet.
func waitIndexed(ctx context.Context, conn *grpc.ClientConn, n int, progress func(string)) (string, error) {
	ad := pb.NewAdminServiceClient(conn)
	last := time.Now()
	for {
		st, err := ad.GetIndexStats(ctx, &pb.GetIndexStatsRequest{})
		if status.Code(err) == codes.Unimplemented {
			return "durable only: " + unavailableReason(err), nil
		}
		if err != nil {
			return "", fmt.Errorf("index stats: %w", err)
		}
		if st.GetLag() == 0 && int(st.GetModules()) >= n {
			return "", nil
		}
		if time.Since(last) > 5*time.Second {
			progress(fmt.Sprintf("ingest: waiting for the index: %d modules, lag %d", st.GetModules(), st.GetLag()))
			last = time.Now()
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// unavailableReason words an error for an "unavailable: …" row.
func unavailableReason(err error) string {
	if s, ok := status.FromError(err); ok {
		return fmt.Sprintf("%s: %s", s.Code(), s.Message())
	}
	return err.Error()
}
