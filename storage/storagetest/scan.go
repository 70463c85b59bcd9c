package storagetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// scan returns the names Scan visits, decoding each into a fresh value
// that must equal the stored one in want (when want holds it).
func scan(t *testing.T, s curricula.Store, k curricula.Kind, parent, startAfter string, want map[string]curricula.Resource) []string {
	t.Helper()
	var names []string
	require.NoError(t, s.View(t.Context(), func(tx curricula.Tx) error {
		return tx.Scan(k, parent, startAfter, func(name string, decode func(curricula.Resource) error) (bool, error) {
			names = append(names, name)
			if r, ok := want[name]; ok {
				got := newResource(k)
				require.NoError(t, decode(got))
				require.Equal(t, r, got)
			}
			return true, nil
		})
	}))
	return names
}

func count(t *testing.T, s curricula.Store, k curricula.Kind, parent string) int {
	t.Helper()
	var n int
	require.NoError(t, s.View(t.Context(), func(tx curricula.Tx) (err error) {
		n, err = tx.Count(k, parent)
		return err
	}))
	return n
}

func byName(rs []curricula.Resource) map[string]curricula.Resource {
	m := map[string]curricula.Resource{}
	for _, r := range rs {
		m[r.GetMeta().Name] = r
	}
	return m
}

func testScan(t *testing.T, s curricula.Store) {
	rs := world(t)
	create(t, s, rs...)
	stored := byName(rs)
	mod := curricula.ModuleName
	allModules := []string{
		mod("kz", "basic", "m01"), mod("kz", "basic", "m02"), mod("kz", "basic", "m03"),
		mod("kz", "basic-2", "m01"), mod("kz-customs", "basic", "m01"), mod("kz-customs", "basic", "m02"),
	}
	tests := []struct {
		name   string
		kind   curricula.Kind
		parent string
		want   []string
	}{
		{"all modules", curricula.KindModule, "", allModules},
		{"one curriculum", curricula.KindModule, "academies/kz/curricula/basic", allModules[:3]},
		{"one curriculum, prefix of another", curricula.KindModule, "academies/kz/curricula/basic-2", allModules[3:4]},
		{"every curriculum of one academy", curricula.KindModule, "academies/kz/curricula/-", allModules[:4]},
		{"same curriculum ID in every academy", curricula.KindModule, "academies/-/curricula/basic", append(slices.Clone(allModules[:3]), allModules[4:]...)},
		{"every curriculum", curricula.KindModule, "academies/-/curricula/-", allModules},
		{"absent parent", curricula.KindModule, "academies/uz/curricula/basic", nil},
		{"curricula of one academy", curricula.KindCurriculum, "academies/kz", []string{"academies/kz/curricula/basic", "academies/kz/curricula/basic-2"}},
		{"curricula of every academy", curricula.KindCurriculum, "academies/-", []string{"academies/kz/curricula/basic", "academies/kz/curricula/basic-2", "academies/kz-customs/curricula/basic"}},
		{"academies", curricula.KindAcademy, "", []string{"academies/kz", "academies/kz-customs"}},
		{"competencies", curricula.KindCompetency, "frameworks/ibm", []string{"frameworks/ibm/competencies/doc-02", "frameworks/ibm/competencies/ra-01"}},
		{"kind with none stored", curricula.KindSnapshot, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Sorted(slices.Values(tt.want)) // name order is byte order
			require.Equal(t, want, scan(t, s, tt.kind, tt.parent, "", stored))
			require.Equal(t, len(tt.want), count(t, s, tt.kind, tt.parent))
		})
	}
}

func testScanPaging(t *testing.T, s curricula.Store) {
	rs := world(t)
	create(t, s, rs...)
	all := scan(t, s, curricula.KindModule, "", "", nil)
	require.Len(t, all, 6)

	// Paging by startAfter, two at a time, visits every name once.
	for _, parent := range []string{"", "academies/-/curricula/-", "academies/kz/curricula/basic"} {
		want := scan(t, s, curricula.KindModule, parent, "", nil)
		var got []string
		after := ""
		for {
			var page []string
			require.NoError(t, s.View(t.Context(), func(tx curricula.Tx) error {
				return tx.Scan(curricula.KindModule, parent, after, func(name string, _ func(curricula.Resource) error) (bool, error) {
					page = append(page, name)
					return len(page) < 2, nil
				})
			}))
			if len(page) == 0 {
				break
			}
			got = append(got, page...)
			after = page[len(page)-1]
		}
		require.Equal(t, want, got, "parent %q", parent)
	}

	// startAfter need not be stored, and may lie before or after the range.
	require.Equal(t, all[2:], scan(t, s, curricula.KindModule, "", all[1]+"a", nil))
	require.Equal(t, all, scan(t, s, curricula.KindModule, "", "a", nil))
	require.Empty(t, scan(t, s, curricula.KindModule, "", "z", nil))
	basic := scan(t, s, curricula.KindModule, "academies/kz/curricula/basic", "", nil)
	require.Len(t, basic, 3)
	require.Equal(t, basic[1:], scan(t, s, curricula.KindModule, "academies/kz/curricula/basic", basic[0], nil))
	require.Equal(t, basic, scan(t, s, curricula.KindModule, "academies/kz/curricula/basic", all[0], nil))

	// fn's error ends the scan and is returned; decoding into the wrong
	// type fails.
	boom := errors.New("boom")
	visited := 0
	err := s.View(t.Context(), func(tx curricula.Tx) error {
		return tx.Scan(curricula.KindModule, "", "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
			visited++
			requireCode(t, decode(&curricula.Academy{}), curricula.EINVALID)
			return true, boom
		})
	})
	require.ErrorIs(t, err, boom)
	require.Equal(t, 1, visited)
}

func testScanInvalidParent(t *testing.T, s curricula.Store) {
	create(t, s, world(t)...)
	tests := []struct {
		kind   curricula.Kind
		parent string
	}{
		{curricula.KindModule, "academies/kz"},
		{curricula.KindModule, "academies/kz/curricula/basic/modules/m01"},
		{curricula.KindModule, "frameworks/ibm"},
		{curricula.KindModule, "academies/KZ/curricula/basic"},
		{curricula.KindModule, "academies/kz/curricula/"},
		{curricula.KindCurriculum, "academies/kz/"},
		{curricula.KindAcademy, "academies/kz"},
		{curricula.KindCompetency, "-"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+" under "+tt.parent, func(t *testing.T) {
			requireCode(t, s.View(t.Context(), func(tx curricula.Tx) error {
				return tx.Scan(tt.kind, tt.parent, "", func(string, func(curricula.Resource) error) (bool, error) {
					t.Fatal("visited a resource")
					return false, nil
				})
			}), curricula.EINVALID)
			requireCode(t, s.View(t.Context(), func(tx curricula.Tx) error {
				_, err := tx.Count(tt.kind, tt.parent)
				return err
			}), curricula.EINVALID)
		})
	}
}
