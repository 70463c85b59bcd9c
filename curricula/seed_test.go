package curricula_test

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
	db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

func TestSeedDefaultFramework(t *testing.T) {
	_, comps, err := curricula.DefaultFramework()
	require.NoError(t, err)
	fwName := curricula.FrameworkName(curricula.DefaultFrameworkID)

	for _, tc := range []struct {
		name string
		// before prepares the store.
		before func(t *testing.T, s curricula.Store)
		// created is what each successive seeding reports.
		created []bool
		// competencies is how many competencies are stored afterwards.
		competencies int
		// changes is the change-log length afterwards.
		changes uint64
	}{
		{
			name:         "empty store, seeded twice",
			before:       func(*testing.T, curricula.Store) {},
			created:      []bool{true, false},
			competencies: len(comps),
			changes:      uint64(1 + len(comps)),
		},
		{
			name: "framework already there",
			before: func(t *testing.T, s curricula.Store) {
				require.NoError(t, s.Update(context.Background(), func(tx curricula.WriteTx) error {
					return tx.Create(&curricula.Framework{
						Meta:    curricula.Meta{Name: fwName},
						Title:   curricula.Text{"en": "Local edition"},
						Version: "local", State: curricula.FrameworkDraft,
					})
				}))
			},
			created:      []bool{false},
			competencies: 0,
			changes:      1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := openStore(t)
			tc.before(t, db)
			for i, want := range tc.created {
				got, err := curricula.SeedDefaultFramework(ctx, db)
				require.NoError(t, err, "seeding #%d", i+1)
				require.Equal(t, want, got, "seeding #%d", i+1)
			}
			require.NoError(t, db.View(ctx, func(tx curricula.Tx) error {
				n, err := tx.Count(curricula.KindFramework, "")
				require.NoError(t, err)
				require.Equal(t, 1, n)
				n, err = tx.Count(curricula.KindCompetency, fwName)
				require.NoError(t, err)
				require.Equal(t, tc.competencies, n)
				return nil
			}))
			seq, err := db.LastSequence(ctx)
			require.NoError(t, err)
			require.Equal(t, tc.changes, seq)
		})
	}
}

func TestSeedDefaultFrameworkStoresWhatItLoads(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	created, err := curricula.SeedDefaultFramework(ctx, db)
	require.NoError(t, err)
	require.True(t, created)

	fw, comps, err := curricula.DefaultFramework()
	require.NoError(t, err)
	require.NoError(t, db.View(ctx, func(tx curricula.Tx) error {
		var got curricula.Framework
		require.NoError(t, tx.Get(fw.Name, &got))
		require.Equal(t, uint64(1), got.Revision)
		require.Equal(t, fw.Title, got.Title)
		require.Equal(t, curricula.FrameworkPublished, got.State)
		for _, want := range comps {
			var c curricula.Competency
			require.NoError(t, tx.Get(want.Name, &c), want.Code)
			require.Equal(t, want.Code, c.Code)
			require.Equal(t, want.Parent, c.Parent, want.Code)
			require.Equal(t, want.Order, c.Order, want.Code)
			require.Equal(t, want.Title, c.Title, want.Code)
			require.Equal(t, want.Agencies, c.Agencies, want.Code)
		}
		return nil
	}))
}
