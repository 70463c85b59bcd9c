package search_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// Relevance order breaks score ties by name, on every page, whatever
// order the modules were indexed in and however the index is segmented.
func TestPagingBreaksScoreTiesByName(t *testing.T) {
	e := newEnv(t, false)
	e.write(create(academy("ta", "KZ", "en"), curriculum("ta", "c1", "en")))
	const cu = "academies/ta/curricula/c1"
	// 30 modules with the same text (one score), 3 that score higher,
	// created in a shuffled order over several writes (segments).
	var tied, better []string
	var mods []*curricula.Module
	for i := range 30 {
		m := module(cu, fmt.Sprintf("m%02d", i), "tie breaker", "plain words here", 2)
		mods = append(mods, m)
		tied = append(tied, m.Name)
	}
	for i := range 3 {
		m := module(cu, fmt.Sprintf("b%d", i), "tie breaker tie", "tie words here", 2)
		mods = append(mods, m)
		better = append(better, m.Name)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(mods), func(i, j int) { mods[i], mods[j] = mods[j], mods[i] })
	for chunk := range slices.Chunk(mods, 5) {
		rs := make([]curricula.Resource, len(chunk))
		for i, m := range chunk {
			rs[i] = m
		}
		e.write(create(rs...))
	}
	// Re-indexing a tied module gives it a new internal document number.
	e.write(func(tx curricula.WriteTx) error {
		var m curricula.Module
		if err := tx.Get(tied[3], &m); err != nil {
			return err
		}
		m.Hours = 3
		return tx.Update(&m, "")
	})
	slices.Sort(tied)

	all := e.search(curricula.ModuleQuery{Query: "tie", PageSize: 100})
	require.Len(t, all.Hits, 33)
	require.Greater(t, all.Hits[2].Score, all.Hits[3].Score)
	for _, h := range all.Hits[3:] {
		require.Equal(t, all.Hits[3].Score, h.Score, "the fixture's tied modules must tie")
	}
	require.ElementsMatch(t, better, names(all)[:3])
	want := append(names(all)[:3:3], tied...)
	require.Equal(t, want, names(all))

	for _, q := range []curricula.ModuleQuery{
		{Query: "tie"},
		{Query: "breaker -nothing"},
		{}, // every module ties
	} {
		for _, size := range []int{1, 4, 7, 30, 33} {
			q.After = ""
			expect := want
			if q.Query != "tie" {
				expect = allNames(t, e, q)
				require.Len(t, expect, 33)
				if q.Query == "" {
					require.True(t, slices.IsSorted(expect), "ties are in name order")
				}
			}
			q.PageSize = size
			var got []string
			for {
				res := e.search(q)
				require.LessOrEqual(t, len(res.Hits), size)
				got = append(got, names(res)...)
				require.LessOrEqual(t, len(got), 33, "pages repeat hits")
				if res.Next == "" {
					break
				}
				q.After = res.Next
			}
			require.Equal(t, expect, got, "query %q page size %d", q.Query, size)
		}
	}
}
