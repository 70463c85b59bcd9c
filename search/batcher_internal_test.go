package search

import (
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/stretchr/testify/require"
)

func TestBatcher(t *testing.T) {
	im, err := newMapping()
	require.NoError(t, err)
	idx, err := bleve.New(filepath.Join(t.TempDir(), "ix"), im)
	require.NoError(t, err)

	w := newBatcher(idx, 2)
	for i := range 10 {
		b := idx.NewBatch()
		for j := range 5 {
			require.NoError(t, b.Index(string(rune('a'+i))+string(rune('a'+j)), map[string]any{fType: typeModule}))
		}
		require.NoError(t, w.apply(b))
	}
	require.NoError(t, w.wait())
	n, err := idx.DocCount()
	require.NoError(t, err)
	require.EqualValues(t, 50, n, "every batch applied once wait returns")

	// A failing batch's error comes back from wait, and stops apply.
	require.NoError(t, idx.Close())
	w = newBatcher(idx, 2)
	b := idx.NewBatch()
	require.NoError(t, b.Index("x", map[string]any{fType: typeModule}))
	_ = w.apply(b)
	require.Error(t, w.wait())
	require.Error(t, w.apply(idx.NewBatch()))
}
