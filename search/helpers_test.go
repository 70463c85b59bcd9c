package search_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/curricula/demo"
	"github.com/concord-ibm/concord/search"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
)

var quiet = slog.New(slog.DiscardHandler)

// env is a real bbolt store and a search index in a temp dir.
type env struct {
	t     *testing.T
	dir   string
	store *storage.DB
	ix    *search.Index
}

func newEnv(t *testing.T, seedDemo bool) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := storage.Open(filepath.Join(dir, "concord.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	if seedDemo {
		_, err := demo.Seed(t.Context(), st)
		require.NoError(t, err)
	} else {
		_, err := curricula.SeedDefaultFramework(t.Context(), st)
		require.NoError(t, err)
	}
	e := &env{t: t, dir: dir, store: st}
	e.open()
	return e
}

func (e *env) indexPath() string { return filepath.Join(e.dir, "index") }

func (e *env) open() {
	e.t.Helper()
	ix, err := search.Open(e.indexPath(), e.store, search.Options{Logger: quiet})
	require.NoError(e.t, err)
	e.ix = ix
	e.t.Cleanup(func() { _ = ix.Close() })
	e.ready()
}

// ready waits until the index has caught up with the store (Open builds
// and catches up in the background).
func (e *env) ready() {
	e.t.Helper()
	ctx := e.t.Context()
	seq, err := e.store.LastSequence(ctx)
	require.NoError(e.t, err)
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	require.NoError(e.t, e.ix.WaitFor(wctx, seq))
}

func (e *env) reopen() {
	e.t.Helper()
	require.NoError(e.t, e.ix.Close())
	e.open()
}

// write runs fn in a store transaction and waits until the index has
// applied it.
func (e *env) write(fn func(tx curricula.WriteTx) error) {
	e.t.Helper()
	ctx := e.t.Context()
	require.NoError(e.t, e.store.Update(ctx, fn))
	seq, err := e.store.LastSequence(ctx)
	require.NoError(e.t, err)
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(e.t, e.ix.WaitFor(wctx, seq))
}

func (e *env) search(q curricula.ModuleQuery) curricula.ModuleResults {
	e.t.Helper()
	if q.Restricted.Academies == nil && !q.Restricted.All {
		q.Restricted.All = true
	}
	res, err := e.ix.SearchModules(e.t.Context(), q)
	require.NoError(e.t, err)
	return res
}

func names(res curricula.ModuleResults) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Name
	}
	return out
}
