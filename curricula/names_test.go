package curricula_test

import (
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestValidID(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"a", true},
		{"kz-border-academy", true},
		{"a1", true},
		{"a--b", true},
		{"a" + strings.Repeat("b", 62), true},  // 63 characters
		{"a" + strings.Repeat("b", 63), false}, // 64 characters
		{"", false},
		{"1abc", false},
		{"-abc", false},
		{"abc-", false},
		{"Abc", false},
		{"abC", false},
		{"a_b", false},
		{"a.b", false},
		{"a b", false},
		{"a/b", false},
		{"ä", false},
	} {
		require.Equal(t, tc.want, curricula.ValidID(tc.id), "%q (%d chars)", tc.id, len(tc.id))
	}
}

func TestParseNameRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		kind   curricula.Kind
		name   string
		ids    []string
		parent string // "" for a top-level resource
	}{
		{curricula.KindFramework, "frameworks/ibm-core", []string{"ibm-core"}, ""},
		{curricula.KindCompetency, "frameworks/ibm-core/competencies/ra-01", []string{"ibm-core", "ra-01"}, "frameworks/ibm-core"},
		{curricula.KindAcademy, "academies/kz", []string{"kz"}, ""},
		{curricula.KindCurriculum, "academies/kz/curricula/basic-2024", []string{"kz", "basic-2024"}, "academies/kz"},
		{curricula.KindModule, "academies/kz/curricula/basic-2024/modules/m1", []string{"kz", "basic-2024", "m1"}, "academies/kz/curricula/basic-2024"},
		{curricula.KindProgramme, "programmes/ca", []string{"ca"}, ""},
		{curricula.KindSnapshot, "programmes/ca/snapshots/s2025", []string{"ca", "s2025"}, "programmes/ca"},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			n, err := curricula.ParseName(tc.kind, tc.name)
			require.NoError(t, err)
			require.Equal(t, curricula.Name{Kind: tc.kind, IDs: tc.ids}, n)
			require.Equal(t, tc.name, n.String())
			require.Equal(t, tc.ids[len(tc.ids)-1], n.ID())
			require.Equal(t, tc.name, curricula.NewName(tc.kind, tc.ids...).String())

			k, ok := curricula.KindOf(tc.name)
			require.True(t, ok)
			require.Equal(t, tc.kind, k)

			p, ok := n.Parent()
			if tc.parent == "" {
				require.False(t, ok)
				require.Equal(t, curricula.Name{}, p)
				return
			}
			require.True(t, ok)
			require.Equal(t, tc.parent, p.String())
			pk, ok := curricula.KindOf(tc.parent)
			require.True(t, ok)
			require.Equal(t, pk, p.Kind)
		})
	}
}

func TestNameHelpers(t *testing.T) {
	require.Equal(t, "frameworks/f", curricula.FrameworkName("f"))
	require.Equal(t, "frameworks/f/competencies/c", curricula.CompetencyName("f", "c"))
	require.Equal(t, "academies/a", curricula.AcademyName("a"))
	require.Equal(t, "academies/a/curricula/c", curricula.CurriculumName("a", "c"))
	require.Equal(t, "academies/a/curricula/c/modules/m", curricula.ModuleName("a", "c", "m"))
	require.Equal(t, "programmes/p", curricula.ProgrammeName("p"))
	require.Equal(t, "programmes/p/snapshots/s", curricula.SnapshotName("p", "s"))

	require.Equal(t, []curricula.Kind{curricula.KindCompetency}, curricula.KindFramework.Children())
	require.Equal(t, []curricula.Kind{curricula.KindCurriculum}, curricula.KindAcademy.Children())
	require.Equal(t, []curricula.Kind{curricula.KindModule}, curricula.KindCurriculum.Children())
	require.Equal(t, []curricula.Kind{curricula.KindSnapshot}, curricula.KindProgramme.Children())
	require.Empty(t, curricula.KindModule.Children())
	require.Equal(t, "modules", curricula.KindModule.Collection())
	require.Equal(t, "curricula", curricula.KindCurriculum.Collection())
}

func TestParseNameRejects(t *testing.T) {
	for _, tc := range []struct {
		what string
		kind curricula.Kind
		name string
		msg  string // exact message, when given
	}{
		{"empty", curricula.KindFramework, "", `"" is not a Framework name (want frameworks/{framework})`},
		{"collection only", curricula.KindFramework, "frameworks", ""},
		{"empty id", curricula.KindFramework, "frameworks/", ""},
		{"upper-case id", curricula.KindFramework, "frameworks/IBM", `"frameworks/IBM" is not a Framework name (want frameworks/{framework})`},
		{"id ends with hyphen", curricula.KindAcademy, "academies/kz-", ""},
		{"id starts with digit", curricula.KindAcademy, "academies/1kz", ""},
		{"too many segments", curricula.KindFramework, "frameworks/a/competencies/b", ""},
		{"too few segments", curricula.KindModule, "academies/a/curricula/c", `"academies/a/curricula/c" is not a Module name (want academies/{academy}/curricula/{curriculum}/modules/{module})`},
		{"wrong collection", curricula.KindCurriculum, "academies/a/modules/c", ""},
		{"wrong top collection", curricula.KindCompetency, "academies/f/competencies/c", ""},
		{"other kind", curricula.KindProgramme, "frameworks/p", ""},
		{"leading slash", curricula.KindAcademy, "/academies/kz", ""},
		{"trailing slash", curricula.KindCurriculum, "academies/kz/curricula/basic/", ""},
		{"unknown kind", curricula.Kind("Bogus"), "bogus/x", `unknown resource kind "Bogus"`},
	} {
		t.Run(tc.what, func(t *testing.T) {
			_, err := curricula.ParseName(tc.kind, tc.name)
			require.Error(t, err)
			require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
			if tc.msg != "" {
				require.Equal(t, tc.msg, err.Error())
			}
		})
	}
}

func TestKindOfRejects(t *testing.T) {
	for _, s := range []string{"", "frameworks", "frameworks/a/b", "foo/bar", "academies/a/curricula", "academies/A", "programmes/p/snapshots/s/x/y"} {
		k, ok := curricula.KindOf(s)
		require.False(t, ok, s)
		require.Equal(t, curricula.Kind(""), k, s)
	}
}

func TestCodeToID(t *testing.T) {
	for _, tc := range []struct {
		code string
		id   string
		ok   bool
	}{
		{"RA-01", "ra-01", true},
		{"GOV", "gov", true},
		{"hr.2_b/x", "hr-2-b-x", true},
		{"Risk Analysis", "risk-analysis", true},
		{"1.2", "c-1-2", true},
		{"07", "c-07", true},
		{"RA-", "ra-", false},
		{"-RA", "-ra", false},
		{"", "", false},
		{"ÄB", "", false},
		{"RA+1", "", false},
		{strings.Repeat("A", 64), strings.Repeat("a", 64), false},
	} {
		id, ok := curricula.CodeToID(tc.code)
		require.Equal(t, tc.ok, ok, tc.code)
		require.Equal(t, tc.id, id, tc.code)
	}
}

func TestEtagOf(t *testing.T) {
	require.Equal(t, "", curricula.EtagOf(0))
	require.Equal(t, `"1"`, curricula.EtagOf(1))
	require.Equal(t, `"10"`, curricula.EtagOf(36))
	require.Equal(t, `"z"`, curricula.Meta{Revision: 35}.Etag())
}
