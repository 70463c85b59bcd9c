package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
)

func openStore(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func TestSeedCreatesEverythingOnce(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	d := mustLoad(t)
	_, comps, err := curricula.DefaultFramework()
	require.NoError(t, err)

	created, err := Seed(ctx, db)
	require.NoError(t, err)
	require.True(t, created)

	st, err := db.Stats(ctx)
	require.NoError(t, err)
	require.Equal(t, map[curricula.Kind]int{
		curricula.KindFramework:  1,
		curricula.KindCompetency: len(comps),
		curricula.KindAcademy:    len(d.Academies),
		curricula.KindCurriculum: len(d.Curricula),
		curricula.KindModule:     len(d.Modules),
		curricula.KindProgramme:  len(d.Programmes),
		curricula.KindSnapshot:   2 * len(d.Programmes),
	}, st.Resources)
	demoChanges := len(d.Resources()) + 2*len(d.Programmes)
	total := uint64(1 + len(comps) + demoChanges)
	require.Equal(t, total, st.LastSequence, "one change per resource")

	// The demo data went in as one transaction: one commit time.
	changes, err := db.Changes(ctx, uint64(1+len(comps)), demoChanges+1)
	require.NoError(t, err)
	require.Len(t, changes, demoChanges)
	for _, c := range changes {
		require.Equal(t, curricula.OpCreate, c.Operation)
		require.Equal(t, changes[0].Time, c.Time, c.Name)
	}

	// What is stored is what was loaded.
	require.NoError(t, db.View(ctx, func(tx curricula.Tx) error {
		for _, want := range []curricula.Resource{d.Modules[0], d.Modules[len(d.Modules)-1], d.Curricula[1], d.Programmes[0]} {
			name := want.GetMeta().Name
			var got curricula.Resource
			switch want.(type) {
			case *curricula.Module:
				got = &curricula.Module{}
			case *curricula.Curriculum:
				got = &curricula.Curriculum{}
			case *curricula.Programme:
				got = &curricula.Programme{}
			}
			require.NoError(t, tx.Get(name, got), name)
			require.Equal(t, uint64(1), got.GetMeta().Revision, name)
			*got.GetMeta() = *want.GetMeta()
			require.Equal(t, want, got, name)
		}
		return nil
	}))

	// The second time is a no-op.
	created, err = Seed(ctx, db)
	require.NoError(t, err)
	require.False(t, created)
	last, err := db.LastSequence(ctx)
	require.NoError(t, err)
	require.Equal(t, total, last)
}

func TestSeedLeavesAPopulatedStoreAlone(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
		return tx.Create(&curricula.Academy{
			Meta:        curricula.Meta{Name: curricula.AcademyName("own-academy")},
			DisplayName: "Own academy", Country: "DE", Agency: curricula.AgencyPolice,
		})
	}))
	created, err := Seed(ctx, db)
	require.NoError(t, err)
	require.False(t, created)
	last, err := db.LastSequence(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(1), last, "not even the framework is written")
}

func TestSeedWritesNoDemoDataWhenOneCreateFails(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	d := mustLoad(t)
	// A programme of the same name already exists (but no academy).
	p := d.Programmes[0]
	require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error { return tx.Create(p) }))

	created, err := Seed(ctx, db)
	require.Error(t, err)
	require.False(t, created)
	require.Equal(t, curricula.EEXISTS, curricula.ErrorCode(err))
	require.Contains(t, err.Error(), p.Name)

	st, err := db.Stats(ctx)
	require.NoError(t, err)
	require.Zero(t, st.Resources[curricula.KindAcademy])
	require.Zero(t, st.Resources[curricula.KindModule])
	require.Equal(t, 1, st.Resources[curricula.KindProgramme])
}
