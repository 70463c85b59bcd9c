package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/search"
	"github.com/stretchr/testify/require"
)

func TestSyncFollowsTheStore(t *testing.T) {
	e := newEnv(t, true)
	kz := "academies/kz-border-academy/curricula/basic-2024"

	// Create: searchable once WaitFor returns.
	m := module(kz, "drone-ops", "Эксплуатация зюзяблов", "Курсанты осваивают квадрокоптеры", 24, "sur-02")
	e.write(create(m))
	res := e.search(curricula.ModuleQuery{Query: "зюзяблы", Facets: []curricula.Facet{curricula.FacetCountry}})
	require.Equal(t, []string{m.Name}, names(res))
	require.Equal(t, "KZ", res.Facets[curricula.FacetCountry].Values[0].Value)
	seq, err := e.store.LastSequence(t.Context())
	require.NoError(t, err)
	require.Equal(t, seq, res.Sequence)

	// Update: the new text replaces the old.
	e.write(func(tx curricula.WriteTx) error {
		var got curricula.Module
		if err := tx.Get(m.Name, &got); err != nil {
			return err
		}
		got.Title = "Применение кракозяблов"
		return tx.Update(&got, "")
	})
	require.Empty(t, names(e.search(curricula.ModuleQuery{Query: "зюзяблы"})))
	require.Equal(t, []string{m.Name}, names(e.search(curricula.ModuleQuery{Query: "кракозябл"})))

	// The academy's country is denormalised: changing it reindexes its modules.
	e.write(func(tx curricula.WriteTx) error {
		var a curricula.Academy
		if err := tx.Get("academies/kz-border-academy", &a); err != nil {
			return err
		}
		a.Country = "KG"
		return tx.Update(&a, "")
	})
	res = e.search(curricula.ModuleQuery{Query: "кракозябл", Facets: []curricula.Facet{curricula.FacetCountry}})
	require.Equal(t, "KG", res.Facets[curricula.FacetCountry].Values[0].Value)
	require.Zero(t, e.search(curricula.ModuleQuery{Countries: []string{"KZ"}}).Total)

	// Delete: gone.
	e.write(func(tx curricula.WriteTx) error { return tx.Delete(m.Name, "", false) })
	require.Zero(t, e.search(curricula.ModuleQuery{Query: "кракозябл"}).Total)

	// A competency change is searchable too.
	e.write(func(tx curricula.WriteTx) error {
		var c curricula.Competency
		if err := tx.Get("frameworks/ibm-core/competencies/ra-01", &c); err != nil {
			return err
		}
		c.Title["en"] = "Zyxwvut methodology"
		return tx.Update(&c, "")
	})
	cr, err := e.ix.SearchCompetencies(t.Context(), curricula.CompetencyQuery{Framework: "frameworks/ibm-core", Query: "zyxwvut"})
	require.NoError(t, err)
	require.Len(t, cr.Hits, 1)

	// Cascade delete of a curriculum removes its modules.
	before := e.search(curricula.ModuleQuery{}).Total
	n := e.search(curricula.ModuleQuery{Curricula: []string{kz}}).Total
	require.Positive(t, n)
	e.write(func(tx curricula.WriteTx) error { return tx.Delete(kz, "", true) })
	require.Equal(t, before-n, e.search(curricula.ModuleQuery{}).Total)

	// Stats count live documents only: updated and deleted ones are not
	// counted again.
	st, err := e.ix.Stats(t.Context())
	require.NoError(t, err)
	require.Equal(t, before-n, st.Modules)
	require.Equal(t, 101, st.Competencies)
}

func TestWaitFor(t *testing.T) {
	e := newEnv(t, false)
	seq, err := e.store.LastSequence(t.Context())
	require.NoError(t, err)
	require.NoError(t, e.ix.WaitFor(t.Context(), seq))

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err = e.ix.WaitFor(ctx, seq+1)
	require.Equal(t, curricula.EDEADLINE, curricula.ErrorCode(err))

	// A waiter blocked before the write is woken by it.
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		done <- e.ix.WaitFor(ctx, seq+2)
	}()
	require.NoError(t, e.store.Update(t.Context(), create(academy("wait-academy", "FR"), curriculum("wait-academy", "c", "fr"))))
	require.NoError(t, <-done)
}

func TestReopenCatchesUpWithoutRebuild(t *testing.T) {
	e := newEnv(t, true)
	st, err := e.ix.Stats(t.Context())
	require.NoError(t, err)
	require.Equal(t, search.RebuiltMissing, st.Rebuilt)
	require.NoError(t, e.ix.Close())

	// Written while the index is closed.
	cu := "academies/tj-border-academy/curricula/basic-2024"
	m := module(cu, "night-patrol", "Патрулирование тыгдымских участков", "", 30)
	require.NoError(t, e.store.Update(t.Context(), create(m)))

	e.open()
	st, err = e.ix.Stats(t.Context())
	require.NoError(t, err)
	require.Empty(t, st.Rebuilt)
	require.Zero(t, st.Lag())
	require.Equal(t, []string{m.Name}, names(e.search(curricula.ModuleQuery{Query: "тыгдымские"})))
}

func TestRebuildsWhenNeeded(t *testing.T) {
	t.Run("mapping changed", func(t *testing.T) {
		e := newEnv(t, true)
		require.NoError(t, search.SetStoredMappingVersion(e.ix, "0"))
		e.reopen()
		st, err := e.ix.Stats(t.Context())
		require.NoError(t, err)
		require.Equal(t, search.RebuiltMapping, st.Rebuilt)
		require.Equal(t, search.MappingVersion, st.MappingVersion)
		require.Positive(t, e.search(curricula.ModuleQuery{Query: "рисков"}).Total)
	})
	t.Run("corrupt", func(t *testing.T) {
		e := newEnv(t, true)
		want := e.search(curricula.ModuleQuery{}).Total
		require.NoError(t, e.ix.Close())
		// Every file of the index overwritten with garbage.
		err := filepath.WalkDir(e.indexPath(), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			return os.WriteFile(p, []byte("garbage\x00\xff not an index"), 0o600)
		})
		require.NoError(t, err)
		e.open()
		st, err := e.ix.Stats(t.Context())
		require.NoError(t, err)
		require.Equal(t, search.RebuiltCorrupt, st.Rebuilt)
		require.Equal(t, want, e.search(curricula.ModuleQuery{}).Total)
	})
	t.Run("corrupt segments", func(t *testing.T) {
		e := newEnv(t, true)
		require.NoError(t, e.ix.Close())
		// CURRENT intact, the generation's files garbage.
		err := filepath.WalkDir(e.indexPath(), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == "CURRENT" {
				return err
			}
			return os.WriteFile(p, []byte("garbage"), 0o600)
		})
		require.NoError(t, err)
		e.open()
		st, err := e.ix.Stats(t.Context())
		require.NoError(t, err)
		require.Equal(t, search.RebuiltCorrupt, st.Rebuilt)
		require.Positive(t, st.Modules)
	})
	t.Run("missing directory", func(t *testing.T) {
		e := newEnv(t, true)
		require.NoError(t, e.ix.Close())
		require.NoError(t, os.RemoveAll(e.indexPath()))
		e.open()
		st, err := e.ix.Stats(t.Context())
		require.NoError(t, err)
		require.Equal(t, search.RebuiltMissing, st.Rebuilt)
		require.Positive(t, st.Modules)
	})
}

func TestRebuildWhileSearching(t *testing.T) {
	e := newEnv(t, true)
	want := e.search(curricula.ModuleQuery{Query: "рисков"}).Total
	require.Positive(t, want)
	stop := make(chan struct{})
	var searches atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, err := e.ix.SearchModules(context.Background(), curricula.ModuleQuery{Query: "рисков", Restricted: curricula.RestrictedScope{All: true}})
			if err != nil || res.Total != want {
				t.Errorf("search during rebuild: %v, total %d want %d", err, res.Total, want)
				return
			}
			searches.Add(1)
		}
	}()
	var calls atomic.Int64
	st, err := e.ix.Rebuild(t.Context(), func(done, total int) {
		calls.Add(1)
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	})
	close(stop)
	wg.Wait()
	require.NoError(t, err)
	require.Equal(t, search.RebuiltRequested, st.Rebuilt)
	require.Positive(t, calls.Load())
	require.Positive(t, searches.Load())
	require.Zero(t, st.Lag())
	require.Equal(t, want, e.search(curricula.ModuleQuery{Query: "рисков"}).Total)

	// The index follows the store after the swap.
	m := module("academies/tj-border-academy/curricula/basic-2024", "after-rebuild", "Квазиуникальное слово", "", 5)
	e.write(create(m))
	require.Equal(t, []string{m.Name}, names(e.search(curricula.ModuleQuery{Query: "квазиуникальное"})))
	// Only the current generation is left on disk.
	entries, err := os.ReadDir(e.indexPath())
	require.NoError(t, err)
	require.Len(t, entries, 2, "CURRENT and one generation")
}

// With small batches and several writers a bulk write is applied as many
// batches in flight at once (and a build as many in a row): the index
// must end up holding exactly what the store holds.
func TestManyBatchesInFlight(t *testing.T) {
	e := newEnv(t, true)
	require.NoError(t, e.ix.Close())
	require.NoError(t, os.RemoveAll(e.indexPath()))
	ix, err := search.Open(e.indexPath(), e.store, search.Options{Logger: quiet, BatchSize: 7, Writers: 3})
	require.NoError(t, err)
	t.Cleanup(func() { _ = ix.Close() })
	e.ix = ix
	e.ready()
	count := func() (int, int) {
		st, err := e.ix.Stats(t.Context())
		require.NoError(t, err)
		return st.Modules, st.Competencies
	}
	modules, competencies := count()
	require.Equal(t, 271, modules)
	require.Equal(t, 101, competencies)

	cu := "academies/kz-border-academy/curricula/basic-2024"
	var ms []curricula.Resource
	for i := range 200 {
		ms = append(ms, module(cu, fmt.Sprintf("bulk-%03d", i), fmt.Sprintf("Модуль номер %d: фыващий курс", i), "", 4))
	}
	e.write(create(ms...))
	require.Equal(t, 200, e.search(curricula.ModuleQuery{Query: "фыващий", PageSize: 1}).Total)
	modules, _ = count()
	require.Equal(t, 471, modules)

	e.write(func(tx curricula.WriteTx) error {
		for _, r := range ms {
			if err := tx.Delete(r.GetMeta().Name, "", false); err != nil {
				return err
			}
		}
		return nil
	})
	require.Zero(t, e.search(curricula.ModuleQuery{Query: "фыващий"}).Total)
	modules, _ = count()
	require.Equal(t, 271, modules)
}
