package search_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/search"
	"github.com/stretchr/testify/require"
)

// gatedStore holds every read transaction until gate is closed, so that a
// test can look at an index while it is being built.
type gatedStore struct {
	curricula.Store
	gate chan struct{}
}

func (g gatedStore) View(ctx context.Context, fn func(curricula.Tx) error) error {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.Store.View(ctx, fn)
}

// A missing index is built in the background: Open returns at once,
// searches answer UNAVAILABLE naming the build, and everything works
// once it is done.
func TestOpenBuildsInTheBackground(t *testing.T) {
	e := newEnv(t, true)
	require.NoError(t, e.ix.Close())
	require.NoError(t, os.RemoveAll(e.indexPath()))
	ctx := t.Context()

	g := gatedStore{Store: e.store, gate: make(chan struct{})}
	start := time.Now()
	ix, err := search.Open(e.indexPath(), g, search.Options{Logger: quiet})
	require.NoError(t, err)
	t.Cleanup(func() { _ = ix.Close() })
	require.Less(t, time.Since(start), 10*time.Second, "Open must not wait for the build")

	_, err = ix.SearchModules(ctx, curricula.ModuleQuery{Query: "risk"})
	require.Equal(t, curricula.EUNAVAILABLE, curricula.ErrorCode(err), "%v", err)
	require.ErrorContains(t, err, "being built from the store (missing)")
	_, err = ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: "frameworks/ibm-core", Query: "risk"})
	require.Equal(t, curricula.EUNAVAILABLE, curricula.ErrorCode(err), "%v", err)
	_, err = ix.Rebuild(ctx, nil)
	require.Equal(t, curricula.EUNAVAILABLE, curricula.ErrorCode(err), "%v", err)
	st, err := ix.Stats(ctx)
	require.NoError(t, err)
	require.True(t, st.Building)
	require.Equal(t, "missing", st.Rebuilt)
	require.Zero(t, st.Modules)

	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	require.Error(t, ix.WaitFor(short, 0), "WaitFor waits for the build, even for sequence 0")

	close(g.gate)
	seq, err := e.store.LastSequence(ctx)
	require.NoError(t, err)
	wctx, cancel2 := context.WithTimeout(ctx, time.Minute)
	defer cancel2()
	require.NoError(t, ix.WaitFor(wctx, seq))
	st, err = ix.Stats(ctx)
	require.NoError(t, err)
	require.False(t, st.Building)
	require.Equal(t, 271, st.Modules)
	require.Equal(t, seq, st.Sequence)
	res, err := ix.SearchModules(ctx, curricula.ModuleQuery{Query: "risk", Restricted: curricula.RestrictedScope{All: true}})
	require.NoError(t, err)
	require.NotZero(t, res.Total)
}

// Closing an index while it is being built stops the build; the next
// open builds again.
func TestCloseWhileBuilding(t *testing.T) {
	e := newEnv(t, false)
	require.NoError(t, e.ix.Close())
	require.NoError(t, os.RemoveAll(e.indexPath()))
	g := gatedStore{Store: e.store, gate: make(chan struct{})}
	ix, err := search.Open(e.indexPath(), g, search.Options{Logger: quiet})
	require.NoError(t, err)
	require.NoError(t, ix.Close())

	e.open()
	st, err := e.ix.Stats(t.Context())
	require.NoError(t, err)
	require.Equal(t, "missing", st.Rebuilt)
	require.False(t, st.Building)
	require.Equal(t, 101, st.Competencies)
}
