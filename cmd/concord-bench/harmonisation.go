package main

import (
	"context"
	"fmt"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/grpc"
)

// programmeSizes are the member counts of the benchmark's programmes.
var programmeSizes = []int{10, 200}

// harmonisationRow is the latency of coverage + gaps for one programme.
type harmonisationRow struct {
	Members int     `json:"members"`
	FirstMS float64 `json:"first_call_ms"` // the first call (cold caches)
	Latency Latency `json:"latency"`
}

// benchHarmonisation creates a programme per size from curricula spread
// over the corpus (every leaf of ibm-core required at depth R and 4
// hours) and times GetCoverage followed by ListGaps, n times each.
func benchHarmonisation(ctx context.Context, conn *grpc.ClientConn, curr []string, n int) ([]harmonisationRow, error) {
	pc := pb.NewProgrammeServiceClient(conn)
	hc := pb.NewHarmonisationServiceClient(conn)
	var rows []harmonisationRow
	for _, size := range programmeSizes {
		size = min(size, len(curr))
		members := make([]string, size)
		for i := range members {
			members[i] = curr[i*len(curr)/size]
		}
		id := fmt.Sprintf("bench-%d", size)
		_, err := pc.CreateProgramme(ctx, &pb.CreateProgrammeRequest{ProgrammeId: id, Programme: &pb.Programme{
			Title: fmt.Sprintf("Benchmark programme of %d members", size), Members: members,
			Framework: curricula.FrameworkName(curricula.DefaultFrameworkID),
			Targets:   &pb.Targets{MinDepth: pb.Depth_REINFORCED, MinHours: 4}}})
		if err != nil {
			return nil, fmt.Errorf("create programme %s: %w", id, err)
		}
		name := curricula.ProgrammeName(id)
		call := func(int) error {
			if _, err := hc.GetCoverage(ctx, &pb.GetCoverageRequest{Programme: name}); err != nil {
				return fmt.Errorf("coverage: %w", err)
			}
			if _, err := hc.ListGaps(ctx, &pb.ListGapsRequest{Programme: name}); err != nil {
				return fmt.Errorf("gaps: %w", err)
			}
			return nil
		}
		t := time.Now()
		if err := call(0); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		first := ms(time.Since(t))
		l, err := timeCalls(n, 2, call)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rows = append(rows, harmonisationRow{Members: size, FirstMS: first, Latency: l})
	}
	return rows, nil
}
