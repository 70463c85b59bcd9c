package server

import (
	"context"
	"fmt"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/search"
)

// openIndex opens the search index at IndexPath. The search package
// rebuilds it from the store when it is missing, corrupt, of another
// mapping version or ahead of the store, catches up with the change log,
// and follows the log until Close (the sync loop).
func (s *Server) openIndex(_ context.Context) error {
	start := time.Now()
	idx, err := search.Open(IndexPath(s.cfg.DataDir), s.store, search.Options{Logger: s.log})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	s.index = idx
	st, _ := s.indexStats()
	if st.Rebuilt != "" {
		s.log.Warn("search index rebuilt from the store", "reason", st.Rebuilt, "modules", st.Modules,
			"competencies", st.Competencies, "took", time.Since(start).Round(time.Millisecond))
	}
	s.log.Info("search index open", "path", st.Path, "sequence", st.Sequence, "lag", st.Lag(), "size_bytes", st.SizeBytes)
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
