package curricula_test

import (
	"context"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// moduleNames lists each member's module names and hours.
func moduleNames(in *curricula.ProgrammeInput) [][]string {
	var out [][]string
	for _, m := range in.Members {
		var ns []string
		for _, md := range m.Modules {
			ns = append(ns, md.Name+"@"+md.Title)
		}
		out = append(out, ns)
	}
	return out
}

// TestLoadProgrammeInputCached checks that the cached load always equals
// the plain one: after module creates, updates and deletes in either
// member, after a caller changed its own slice, and with a cache too small
// to hold a member.
func TestLoadProgrammeInputCached(t *testing.T) {
	ctx := context.Background()
	for _, size := range []int{100, 1} {
		db := engStore(t)
		c := curricula.NewModuleCache(size)
		same := func(msg string) {
			t.Helper()
			want, err := curricula.LoadProgrammeInput(ctx, db, "programmes/p")
			require.NoError(t, err)
			for range 2 { // a miss, then a hit
				got, err := curricula.LoadProgrammeInputCached(ctx, db, "programmes/p", c)
				require.NoError(t, err)
				require.Equal(t, moduleNames(want), moduleNames(got), msg)
				require.Equal(t, want.Members, got.Members, msg)
			}
		}
		same("first load")

		require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
			return tx.Create(engModule(t, curA, "m3", 4, "a1:I"))
		}))
		same("after a create")

		require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
			m := &curricula.Module{}
			if err := tx.Get(curA+"/modules/m1", m); err != nil {
				return err
			}
			m.Title = "renamed"
			return tx.Update(m, "")
		}))
		same("after an update")

		require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error { return tx.Delete(curB+"/modules/m1", "", false) }))
		same("after a delete")

		require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
			return tx.Create(engModule(t, curB, "m9", 4, "a1:I"))
		}))
		same("after a create in the other member")

		got, err := curricula.LoadProgrammeInputCached(ctx, db, "programmes/p", c)
		require.NoError(t, err)
		got.Members[0].Modules[0] = nil // a caller's own slice
		same("after a caller replaced an element")
	}

	db := engStore(t)
	_, err := curricula.LoadProgrammeInputCached(ctx, db, "programmes/nope", curricula.NewModuleCache(10))
	require.Equal(t, curricula.ENOTFOUND, curricula.ErrorCode(err))
	in, err := curricula.LoadProgrammeInputCached(ctx, db, "programmes/p", nil)
	require.NoError(t, err)
	require.Len(t, in.Members, 2)
}
