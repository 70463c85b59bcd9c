package storagetest

import (
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func testCreateGet(t *testing.T, s curricula.Store) {
	rs := world(t)
	before := time.Now()
	create(t, s, rs...)
	after := time.Now()

	for _, r := range rs {
		m := r.GetMeta()
		require.Equal(t, uint64(1), m.Revision, m.Name)
		require.Equal(t, curricula.EtagOf(1), m.Etag(), m.Name)
		require.Equal(t, m.CreateTime, m.UpdateTime, m.Name)
		requireRecent(t, m.CreateTime, before, after)
		require.Equal(t, rs[0].GetMeta().CreateTime, m.CreateTime, "one commit time per Update")

		got := newResource(r.Kind())
		require.NoError(t, get(t, s, m.Name, got))
		require.Equal(t, r, got, "Get returns what Create stored")
		require.True(t, exists(t, s, m.Name))
	}

	require.False(t, exists(t, s, curricula.AcademyName("uz")))
	requireCode(t, get(t, s, curricula.AcademyName("uz"), &curricula.Academy{}), curricula.ENOTFOUND)
	requireCode(t, get(t, s, curricula.AcademyName("kz"), &curricula.Module{}), curricula.EINVALID)
	requireCode(t, s.View(t.Context(), func(tx curricula.Tx) error {
		_, err := tx.Exists("academies/kz/bogus")
		return err
	}), curricula.EINVALID)

	// Get replaces the whole value: nothing of an earlier one survives.
	bare := module("kz", "basic", "m09")
	bare.Description, bare.Outcomes, bare.Alignments = "", nil, nil
	create(t, s, bare)
	m := &curricula.Module{}
	require.NoError(t, get(t, s, curricula.ModuleName("kz", "basic", "m01"), m))
	require.NoError(t, get(t, s, bare.Name, m))
	require.Equal(t, bare, m)

	// A transaction reads its own writes.
	require.NoError(t, s.Update(t.Context(), func(tx curricula.WriteTx) error {
		a := academy("uz")
		require.NoError(t, tx.Create(a))
		ok, err := tx.Exists(a.Name)
		require.NoError(t, err)
		require.True(t, ok)
		got := &curricula.Academy{}
		require.NoError(t, tx.Get(a.Name, got))
		require.Equal(t, a, got)
		n, err := tx.Count(curricula.KindAcademy, "")
		require.NoError(t, err)
		require.Equal(t, 3, n)
		return nil
	}))
}

func testCreateInvalid(t *testing.T, s curricula.Store) {
	create(t, s, academy("kz"), curriculum("kz", "basic"))
	misnamed := academy("kz")
	misnamed.Name = curricula.CurriculumName("kz", "other")
	tests := []struct {
		name string
		r    curricula.Resource
	}{
		{"empty name", &curricula.Module{Code: "M", Title: "T"}},
		{"module name missing its curriculum", &curricula.Module{Meta: curricula.Meta{Name: "academies/kz/modules/m1"}}},
		{"upper-case ID", &curricula.Academy{Meta: curricula.Meta{Name: "academies/KZ"}}},
		{"name of another kind", misnamed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last := lastSeq(t, s)
			requireCode(t, s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Create(tt.r) }), curricula.EINVALID)
			require.Equal(t, last, lastSeq(t, s), "nothing logged")
		})
	}
}

func testCreateExisting(t *testing.T, s curricula.Store) {
	create(t, s, academy("kz"))
	last := lastSeq(t, s)
	err := s.Update(t.Context(), func(tx curricula.WriteTx) error {
		if err := tx.Create(academy("uz")); err != nil {
			return err
		}
		return tx.Create(academy("kz"))
	})
	requireCode(t, err, curricula.EEXISTS)
	require.Contains(t, err.Error(), "academies/kz")
	require.False(t, exists(t, s, curricula.AcademyName("uz")), "the Update was rolled back")
	require.Equal(t, last, lastSeq(t, s))
}

func testCreateParentMissing(t *testing.T, s curricula.Store) {
	create(t, s, framework("ibm"), academy("kz"))
	tests := []struct {
		r      curricula.Resource
		parent string
	}{
		{curriculum("uz", "basic"), "academies/uz"},
		{module("kz", "basic", "m01"), "academies/kz/curricula/basic"},
		{competency("other", "ra-01"), "frameworks/other"},
	}
	for _, tt := range tests {
		t.Run(tt.r.GetMeta().Name, func(t *testing.T) {
			err := s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Create(tt.r) })
			requireCode(t, err, curricula.ENOTFOUND)
			require.Contains(t, err.Error(), tt.parent)
			require.False(t, exists(t, s, tt.r.GetMeta().Name))
		})
	}
}

func testUpdate(t *testing.T, s curricula.Store) {
	a := academy("kz")
	create(t, s, a)
	created := a.Meta
	update := func(r curricula.Resource, etag string) error {
		return s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Update(r, etag) })
	}

	// The right etag: the revision goes up, the create time stays.
	v2 := *a
	v2.DisplayName = "Academy of the Border Service"
	before := time.Now()
	require.NoError(t, update(&v2, created.Etag()))
	require.Equal(t, uint64(2), v2.Revision)
	require.Equal(t, created.CreateTime, v2.CreateTime)
	require.False(t, v2.UpdateTime.Before(v2.CreateTime))
	requireRecent(t, v2.UpdateTime, before, time.Now())
	got := &curricula.Academy{}
	require.NoError(t, get(t, s, a.Name, got))
	require.Equal(t, &v2, got)

	// A stale or foreign etag is refused and changes nothing.
	for _, etag := range []string{created.Etag(), `"zz"`, "garbage"} {
		stale := v2
		stale.DisplayName = "lost update"
		requireCode(t, update(&stale, etag), curricula.EABORTED)
	}
	require.NoError(t, get(t, s, a.Name, got))
	require.Equal(t, &v2, got)

	// No etag: unconditional. Meta set by the caller is ignored.
	v3 := v2
	v3.City = "Almaty"
	v3.Revision, v3.CreateTime = 99, time.Time{}
	require.NoError(t, update(&v3, ""))
	require.Equal(t, uint64(3), v3.Revision)
	require.Equal(t, created.CreateTime, v3.CreateTime)
	require.NoError(t, get(t, s, a.Name, got))
	require.Equal(t, &v3, got)

	requireCode(t, update(academy("uz"), ""), curricula.ENOTFOUND)
	requireCode(t, update(&curricula.Academy{Meta: curricula.Meta{Name: "academies/kz/curricula/x"}}, ""), curricula.EINVALID)
}

func testDelete(t *testing.T, s curricula.Store) {
	create(t, s, world(t)...)
	m := curricula.ModuleName("kz", "basic", "m01")
	tests := []struct {
		name, target, etag string
		code               curricula.Code
		msg                string
	}{
		{"missing", curricula.AcademyName("uz"), "", curricula.ENOTFOUND, "academies/uz"},
		{"malformed name", "academies/kz/things/x", "", curricula.EINVALID, ""},
		{"stale etag", m, curricula.EtagOf(7), curricula.EABORTED, m},
		{"academy with curricula", curricula.AcademyName("kz"), "", curricula.EPRECONDITION, "2 children"},
		{"curriculum with modules", curricula.CurriculumName("kz", "basic"), "", curricula.EPRECONDITION, "3 children"},
		{"framework with competencies", curricula.FrameworkName("ibm"), curricula.EtagOf(1), curricula.EPRECONDITION, "2 children"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last := lastSeq(t, s)
			err := s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Delete(tt.target, tt.etag, false) })
			requireCode(t, err, tt.code)
			require.Contains(t, err.Error(), tt.msg)
			require.Equal(t, last, lastSeq(t, s), "nothing logged")
		})
	}
	require.True(t, exists(t, s, m))

	for _, etag := range []string{curricula.EtagOf(1), ""} {
		last := lastSeq(t, s)
		require.NoError(t, s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Delete(m, etag, false) }))
		require.False(t, exists(t, s, m))
		requireCode(t, get(t, s, m, &curricula.Module{}), curricula.ENOTFOUND)
		cs := changesAfter(t, s, last)
		require.Len(t, cs, 1)
		require.Equal(t, curricula.Change{Sequence: last + 1, Time: cs[0].Time, Principal: "system",
			Operation: curricula.OpDelete, Kind: curricula.KindModule, Name: m}, cs[0])
		create(t, s, module("kz", "basic", "m01")) // a deleted name can be created again
	}
}

func testDeleteCascade(t *testing.T, s curricula.Store) {
	rs := world(t)
	create(t, s, rs...)
	last := lastSeq(t, s)
	kz := curricula.AcademyName("kz")
	gone := []string{
		kz,
		curricula.CurriculumName("kz", "basic"), curricula.CurriculumName("kz", "basic-2"),
		curricula.ModuleName("kz", "basic", "m01"), curricula.ModuleName("kz", "basic", "m02"),
		curricula.ModuleName("kz", "basic", "m03"), curricula.ModuleName("kz", "basic-2", "m01"),
	}

	requireCode(t, s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Delete(kz, `"stale"`, true) }), curricula.EABORTED)
	require.NoError(t, s.Update(as(t.Context(), "officer"), func(tx curricula.WriteTx) error {
		return tx.Delete(kz, curricula.EtagOf(1), true)
	}))

	for _, r := range rs {
		name := r.GetMeta().Name
		require.Equal(t, !slices.Contains(gone, name), exists(t, s, name), name)
	}

	cs := changesAfter(t, s, last)
	require.Len(t, cs, len(gone))
	pos := map[string]int{}
	for i, c := range cs {
		require.Equal(t, last+uint64(i)+1, c.Sequence)
		require.Equal(t, curricula.OpDelete, c.Operation)
		require.Equal(t, "officer", c.Principal)
		require.Empty(t, c.Etag)
		require.Equal(t, cs[0].Time, c.Time)
		k, _ := curricula.KindOf(c.Name)
		require.Equal(t, k, c.Kind)
		pos[c.Name] = i
	}
	require.ElementsMatch(t, gone, slices.Collect(maps.Keys(pos)))
	require.Equal(t, kz, cs[len(cs)-1].Name, "the resource itself is deleted last")
	for _, name := range gone[1:] {
		n, _ := curricula.ParseName(mustKind(t, name), name)
		p, _ := n.Parent()
		require.Less(t, pos[name], pos[p.String()], "%s is logged before its parent", name)
	}
}

func testRollback(t *testing.T, s curricula.Store) {
	create(t, s, academy("kz"))
	last := lastSeq(t, s)
	changed := s.Changed()
	boom := errors.New("boom")
	err := s.Update(t.Context(), func(tx curricula.WriteTx) error {
		require.NoError(t, tx.Create(academy("uz")))
		require.NoError(t, tx.Create(curriculum("uz", "basic")))
		require.NoError(t, tx.Delete(curricula.AcademyName("kz"), "", false))
		return boom
	})
	require.ErrorIs(t, err, boom, "fn's error is returned as it is")
	require.False(t, exists(t, s, curricula.AcademyName("uz")))
	require.False(t, exists(t, s, curricula.CurriculumName("uz", "basic")))
	require.True(t, exists(t, s, curricula.AcademyName("kz")))
	require.Equal(t, last, lastSeq(t, s))
	require.Empty(t, changesAfter(t, s, last))
	requireOpen(t, changed)

	// The sequence was not consumed.
	create(t, s, academy("uz"))
	cs := changesAfter(t, s, last)
	require.Len(t, cs, 1)
	require.Equal(t, last+1, cs[0].Sequence)
}

func mustKind(t *testing.T, name string) curricula.Kind {
	t.Helper()
	k, ok := curricula.KindOf(name)
	require.True(t, ok, name)
	return k
}
