package server

import (
	"context"
	"fmt"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/search"
)

// openIndex opens the search index at IndexPath without waiting for it:
// the search package catches up with the change log in the background,
// and rebuilds the index from the store, also in the background, when it
// is missing, corrupt, of another mapping version or ahead of the store
// (searches answer UNAVAILABLE until that is done). It follows the log
// until Close (the sync loop).
func (s *Server) openIndex(_ context.Context) error {
	start := time.Now()
	idx, err := search.Open(IndexPath(s.cfg.DataDir), s.store, search.Options{Logger: s.log, Writers: s.cfg.Index.Writers})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	s.index = idx
	st, _ := s.indexStats()
	s.log.Info("search index open", "path", st.Path, "sequence", st.Sequence, "lag", st.Lag(), "size_bytes", st.SizeBytes,
		"building", st.Building, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// indexStats reads the index's stats within a second (for the metrics
// and the log).
func (s *Server) indexStats() (curricula.IndexStats, bool) {
	if s.index == nil {
		return curricula.IndexStats{}, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	st, err := s.index.Stats(ctx)
	return st, err == nil
}
