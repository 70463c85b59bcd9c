package curricula_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
)

// engStore opens a real store holding two framework versions, two
// academies with one curriculum each (one on each version) and a
// programme over both.
func engStore(t *testing.T) curricula.Store {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	ctx := context.Background()
	err = db.Update(ctx, func(tx curricula.WriteTx) error {
		rs := []curricula.Resource{
			&curricula.Framework{Meta: curricula.Meta{Name: engOldFW}, Title: curricula.Text{"en": "IBM"}, Version: "0", State: curricula.FrameworkRetired},
			&curricula.Framework{Meta: curricula.Meta{Name: engFW}, Title: curricula.Text{"en": "IBM"}, Version: "1",
				State: curricula.FrameworkPublished, PreviousVersion: engOldFW},
			&curricula.Competency{Meta: curricula.Meta{Name: engOldFW + "/competencies/a"}, Code: "A", Title: curricula.Text{"en": "a"}},
			&curricula.Competency{Meta: curricula.Meta{Name: engOldFW + "/competencies/x"}, Code: "X", Title: curricula.Text{"en": "x"}, Parent: "a"},
		}
		for _, c := range engComps() {
			if c.ID() == "a1" {
				c.Replaces = []string{engOldFW + "/competencies/x"}
			}
			rs = append(rs, c)
		}
		rs = append(rs,
			&curricula.Academy{Meta: curricula.Meta{Name: "academies/x"}, DisplayName: "X", Country: "KZ", Agency: curricula.AgencyBorderGuard},
			&curricula.Academy{Meta: curricula.Meta{Name: "academies/y"}, DisplayName: "Y", Country: "KG", Agency: curricula.AgencyBorderGuard},
			engCurriculum(curA, engFW),
			engCurriculum(curB, engOldFW),
			engModule(t, curA, "m2", 10, "a2:R:4; b1:M:6"),
			engModule(t, curA, "m1", 8, "a1:R"),
			engModule(t, curB, "m1", 12, "x:M; a:I"),
			&curricula.Programme{Meta: curricula.Meta{Name: "programmes/p"}, Title: "P", Framework: engFW,
				Members: []string{curA, curB}, Targets: curricula.Targets{MinDepth: curricula.DepthIntroduced, MinHours: 4}},
		)
		for _, r := range rs {
			require.NoError(t, r.Validate(), r.GetMeta().Name)
			if err := tx.Create(r); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	return db
}

func TestLoadProgrammeInput(t *testing.T) {
	ctx := context.Background()
	db := engStore(t)
	in, err := curricula.LoadProgrammeInput(ctx, db, "programmes/p")
	require.NoError(t, err)
	require.Equal(t, "programmes/p", in.Programme.Name)
	require.Equal(t, []string{engOldFW}, in.Lineage)
	require.Len(t, in.Competencies, 5)
	require.Len(t, in.Members, 2)
	require.Equal(t, curA, in.Members[0].Curriculum.Name)
	require.Equal(t, []string{curA + "/modules/m1", curA + "/modules/m2"},
		[]string{in.Members[0].Modules[0].Name, in.Members[0].Modules[1].Name})
	require.Equal(t, engOldFW, in.Members[1].Curriculum.Framework)

	a, err := curricula.Analyse(in)
	require.NoError(t, err)
	require.Empty(t, a.Coverage.Issues)
	// b's old "x" counts for a1 (replaced); its old area "a" is carried
	// over by ID.
	b := engCells(a.Coverage, 1)
	require.Equal(t, curricula.DepthMastered, b["a1"].Depth)
	require.InDelta(t, 6, b["a1"].Hours, 1e-9)
	require.InDelta(t, 12, b["a"].Hours, 1e-9)
	require.Equal(t, curricula.GapCounts{}, a.Assessment.Members[0].GapCounts)
	require.Equal(t, curricula.GapCounts{Missing: 2}, a.Assessment.Members[1].GapCounts)

	// A snapshot goes through the store and back unchanged.
	s := curricula.NewSnapshot("programmes/p/snapshots/q1", "Q1", engT0, a)
	require.NoError(t, s.Validate())
	require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error { return tx.Create(s) }))
	var back curricula.Snapshot
	require.NoError(t, db.View(ctx, func(tx curricula.Tx) error { return tx.Get(s.Name, &back) }))
	require.Equal(t, s.Members, back.Members)
	require.Equal(t, s.Index, back.Index)
	p := curricula.CompareSnapshots(&back, s)
	require.Zero(t, p.GapsClosed+p.GapsOpened)
}

func TestLoadProgrammeInputErrors(t *testing.T) {
	ctx := context.Background()
	db := engStore(t)
	_, err := curricula.LoadProgrammeInput(ctx, db, "programmes/nope")
	require.Equal(t, curricula.ENOTFOUND, curricula.ErrorCode(err))
	_, err = curricula.LoadProgrammeInput(ctx, db, "academies/x")
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))

	require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
		return tx.Create(&curricula.Programme{Meta: curricula.Meta{Name: "programmes/ghost"}, Title: "G", Framework: engFW,
			Members: []string{curA, "academies/y/curricula/gone"}})
	}))
	_, err = curricula.LoadProgrammeInput(ctx, db, "programmes/ghost")
	require.Equal(t, curricula.EPRECONDITION, curricula.ErrorCode(err))
	require.Contains(t, err.(*curricula.Error).Message, `members[1]: curriculum "academies/y/curricula/gone" does not exist`)

	require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
		return tx.Create(&curricula.Programme{Meta: curricula.Meta{Name: "programmes/nofw"}, Title: "N", Framework: "frameworks/gone"})
	}))
	_, err = curricula.LoadProgrammeInput(ctx, db, "programmes/nofw")
	require.Equal(t, curricula.EPRECONDITION, curricula.ErrorCode(err))
	require.Contains(t, err.(*curricula.Error).Message, `programme framework "frameworks/gone" does not exist`)
}

func TestLoadCurriculumInputAndDiff(t *testing.T) {
	ctx := context.Background()
	db := engStore(t)
	a, err := curricula.LoadCurriculumInput(ctx, db, curA)
	require.NoError(t, err)
	require.Len(t, a.Modules, 2)
	require.Equal(t, []string{engOldFW}, a.Lineage)
	require.Len(t, a.Competencies, 5)
	b, err := curricula.LoadCurriculumInput(ctx, db, curB)
	require.NoError(t, err)
	require.Empty(t, b.Lineage)
	require.Len(t, b.Competencies, 2)

	d, err := curricula.Diff(b, a)
	require.NoError(t, err)
	require.Equal(t, engFW, d.Framework, "read in the newer version")
	require.Empty(t, d.Issues)
	var both []string
	for _, c := range d.Both {
		both = append(both, c.Competency)
	}
	require.Equal(t, []string{"a", "a1"}, both)

	_, err = curricula.LoadCurriculumInput(ctx, db, "academies/x/curricula/nope")
	require.Equal(t, curricula.ENOTFOUND, curricula.ErrorCode(err))
}
