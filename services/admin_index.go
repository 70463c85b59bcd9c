package services

import (
	"context"
	"sync"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// reindexInterval spaces Reindex's progress messages.
const reindexInterval = 250 * time.Millisecond

func (s *AdminService) indexOpen() error {
	if s.index == nil {
		return curricula.Errorf(curricula.EUNAVAILABLE, "the search index is not open")
	}
	return nil
}

// GetIndexStats reports the search index's size, documents and lag.
func (s *AdminService) GetIndexStats(ctx context.Context, _ *pb.GetIndexStatsRequest) (*pb.IndexStats, error) {
	if err := s.indexOpen(); err != nil {
		return nil, err
	}
	st, err := s.index.Stats(ctx)
	if err != nil {
		return nil, err
	}
	return indexStatsToProto(st), nil
}

// Reindex rebuilds the index from the store, streaming progress at most
// every reindexInterval; the last message carries the new index's stats.
// Searches go on against the old index meanwhile.
func (s *AdminService) Reindex(_ *pb.ReindexRequest, stream pb.AdminService_ReindexServer) error {
	if err := s.indexOpen(); err != nil {
		return err
	}
	ctx := stream.Context()
	var (
		mu      sync.Mutex
		last    time.Time
		sendErr error
	)
	start := time.Now()
	st, err := s.index.Rebuild(ctx, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if sendErr != nil || (time.Since(last) < reindexInterval && done < total) {
			return
		}
		last = time.Now()
		sendErr = stream.Send(&pb.ReindexProgress{Done: int32(done), Total: int32(total)})
	})
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	if sendErr != nil {
		return sendErr
	}
	s.log.InfoContext(ctx, "search index rebuilt", "modules", st.Modules, "competencies", st.Competencies,
		"sequence", st.Sequence, "took", time.Since(start).Round(time.Millisecond), "request_id", RequestID(ctx), "principal", PrincipalOf(ctx).Subject)
	n := int32(st.Modules + st.Competencies)
	return stream.Send(&pb.ReindexProgress{Done: n, Total: n, Stats: indexStatsToProto(st)})
}
