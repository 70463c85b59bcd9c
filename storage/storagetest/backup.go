package storagetest

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// contents is everything a store holds, for comparing two stores.
type contents struct {
	Resources map[string]curricula.Resource // nil values for kinds without a type here
	Changes   []curricula.Change
	Last      uint64
}

func dump(t *testing.T, s curricula.Store) contents {
	t.Helper()
	c := contents{Resources: map[string]curricula.Resource{}, Changes: changesAfter(t, s, 0), Last: lastSeq(t, s)}
	require.NoError(t, s.View(t.Context(), func(tx curricula.Tx) error {
		for _, k := range curricula.Kinds {
			err := tx.Scan(k, "", "", func(name string, decode func(curricula.Resource) error) (bool, error) {
				r := newResource(k)
				if r != nil {
					if err := decode(r); err != nil {
						return false, err
					}
				}
				c.Resources[name] = r
				return true, nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}))
	return c
}

func testBackup(t *testing.T, s curricula.Store, restore restorer) {
	create(t, s, world(t)...)
	m := module("kz", "basic", "m01")
	require.NoError(t, get(t, s, m.Name, m))
	m.Hours = 60
	require.NoError(t, s.Update(as(t.Context(), "alice"), func(tx curricula.WriteTx) error {
		if err := tx.Update(m, m.Etag()); err != nil {
			return err
		}
		return tx.Delete(curricula.CurriculumName("kz", "basic-2"), "", true)
	}))

	var buf bytes.Buffer
	n, err := s.Backup(t.Context(), &buf)
	require.NoError(t, err)
	require.Positive(t, n)
	require.Equal(t, int64(buf.Len()), n)

	r := restore(buf.Bytes())
	want := dump(t, s)
	require.Len(t, want.Resources, 13) // 15, less a curriculum and its module
	require.Equal(t, want, dump(t, r))

	// The copy is a store of its own that carries on the sequence.
	create(t, r, academy("uz"))
	cs := changesAfter(t, r, want.Last)
	require.Len(t, cs, 1)
	require.Equal(t, want.Last+1, cs[0].Sequence)
	require.False(t, exists(t, s, curricula.AcademyName("uz")))
}

func testBackupWhileWriting(t *testing.T, s curricula.Store, restore restorer) {
	create(t, s, academy("kz"), curriculum("kz", "basic"))
	base := lastSeq(t, s)

	stop := make(chan struct{})
	writeErr := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				writeErr <- nil
				return
			default:
			}
			m := module("kz", "basic", fmt.Sprintf("m%05d", i))
			if err := s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Create(m) }); err != nil {
				writeErr <- err
				return
			}
		}
	}()
	stopWriter := sync.OnceValue(func() error { close(stop); return <-writeErr })
	defer stopWriter()

	for range 3 {
		// Let a few writes land between backups.
		for seen := lastSeq(t, s); lastSeq(t, s) < seen+3; {
			requireClosed(t, s.Changed())
		}
		var buf bytes.Buffer
		_, err := s.Backup(t.Context(), &buf)
		require.NoError(t, err)
		r := restore(buf.Bytes())

		// The copy is one consistent state: every logged create is there
		// and nothing else.
		last := lastSeq(t, r)
		require.Greater(t, last, base)
		cs := changesAfter(t, r, base)
		require.Len(t, cs, int(last-base))
		require.Equal(t, len(cs), count(t, r, curricula.KindModule, ""))
		for _, c := range cs {
			require.True(t, exists(t, r, c.Name), c.Name)
		}
	}
	require.NoError(t, stopWriter())
}
