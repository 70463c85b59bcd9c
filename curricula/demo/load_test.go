package demo

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// centralAsia are the fixed academy IDs of the programme central-asia.
var centralAsia = []string{"kz-border-academy", "kg-border-institute", "tj-border-academy", "tm-border-institute", "uz-border-institute"}

func mustLoad(t *testing.T) *Dataset {
	t.Helper()
	d, err := Load()
	require.NoError(t, err)
	return d
}

func TestLoadIsValidAndOrdered(t *testing.T) {
	d := mustLoad(t)
	require.NotEmpty(t, d.Academies)
	seen := map[string]bool{curricula.FrameworkName(curricula.DefaultFrameworkID): true}
	for _, r := range d.Resources() {
		name := r.GetMeta().Name
		require.NoError(t, r.Validate(), name)
		require.False(t, seen[name], "%s appears twice", name)
		kind, ok := curricula.KindOf(name)
		require.True(t, ok, name)
		require.Equal(t, r.Kind(), kind, name)
		n, err := curricula.ParseName(kind, name)
		require.NoError(t, err)
		if parent, ok := n.Parent(); ok {
			require.True(t, seen[parent.String()], "%s comes before its parent %s", name, parent)
		}
		if c, ok := r.(*curricula.Curriculum); ok && c.Supersedes != "" {
			require.True(t, seen[c.Supersedes], "%s comes before %s, which it supersedes", name, c.Supersedes)
		}
		seen[name] = true
	}
	for _, p := range d.Programmes {
		for _, m := range p.Members {
			require.True(t, seen[m], "%s: member %s", p.Name, m)
		}
	}
	// A second call returns equal but fresh resources.
	again := mustLoad(t)
	require.Equal(t, d, again)
	again.Modules[0].Alignments[0].Hours = 999
	require.NotEqual(t, d.Modules[0].Alignments[0].Hours, again.Modules[0].Alignments[0].Hours)
}

func TestEveryAlignmentResolves(t *testing.T) {
	d := mustLoad(t)
	fw, comps, err := curricula.DefaultFramework()
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, c := range comps {
		ids[c.ID()] = true
	}
	for _, c := range d.Curricula {
		require.Equal(t, fw.Name, c.Framework, c.Name)
	}
	for _, m := range d.Modules {
		require.True(t, len(m.Alignments) >= 1 && len(m.Alignments) <= 4, "%s has %d alignments, want 1–4", m.Name, len(m.Alignments))
		for _, a := range m.Alignments {
			require.True(t, ids[a.Competency], "%s: competency %q", m.Name, a.Competency)
		}
		require.NotEmpty(t, m.Language, m.Name)
		require.NotEmpty(t, m.Outcomes, m.Name)
		require.LessOrEqual(t, len(m.Outcomes), 5, m.Name)
		require.GreaterOrEqual(t, m.Hours, 8.0, m.Name)
		require.LessOrEqual(t, m.Hours, 100.0, m.Name)
	}
	for _, p := range d.Programmes {
		for _, c := range p.Targets.RequiredCompetencies {
			require.True(t, ids[c], "%s: required %q", p.Name, c)
		}
		for _, o := range p.Targets.Overrides {
			require.True(t, ids[o.Competency], "%s: override %q", p.Name, o.Competency)
		}
	}
}

func TestModuleCountsAndUniqueText(t *testing.T) {
	d := mustLoad(t)
	perCurriculum := map[string]int{}
	descriptions := map[string]string{}
	for _, m := range d.Modules {
		n, err := curricula.ParseName(curricula.KindModule, m.Name)
		require.NoError(t, err)
		c, _ := n.Parent()
		perCurriculum[c.String()]++
		require.NotEmpty(t, m.Description, m.Name)
		prev, dup := descriptions[m.Description]
		require.False(t, dup, "%s has the same description as %s", m.Name, prev)
		descriptions[m.Description] = m.Name
	}
	for _, c := range d.Curricula {
		n := perCurriculum[c.Name]
		require.True(t, n >= 10 && n <= 40, "%s has %d modules, want 10–40", c.Name, n)
	}
}

func TestLanguagesAndCountries(t *testing.T) {
	d := mustLoad(t)
	langs := map[string]int{}
	for _, m := range d.Modules {
		langs[m.Language]++
	}
	for _, l := range []string{"ru", "fa-AF", "fa", "ar", "en", "fr", "kk"} {
		require.Positive(t, langs[l], "no module in %s (have %v)", l, langs)
	}
	countries := map[string]bool{}
	for _, a := range d.Academies {
		countries[a.Country] = true
	}
	require.GreaterOrEqual(t, len(d.Academies), 11)
	require.GreaterOrEqual(t, len(countries), 11, "countries %v", countries)
}

func TestProgrammes(t *testing.T) {
	d := mustLoad(t)
	byName := map[string]*curricula.Curriculum{}
	for _, c := range d.Curricula {
		byName[c.Name] = c
	}
	programmes := map[string]*curricula.Programme{}
	for _, p := range d.Programmes {
		programmes[p.Name] = p
	}
	for _, tc := range []struct {
		programme string
		academies []string
	}{
		{"central-asia", centralAsia},
		{"silk-routes", []string{"af-border-police-academy", "pk-fia-academy", "bd-border-guard-academy", "iq-border-ports-academy", "ir-customs-college"}},
	} {
		t.Run(tc.programme, func(t *testing.T) {
			prog := programmes[curricula.ProgrammeName(tc.programme)]
			require.NotNil(t, prog)
			var want []string
			for _, a := range tc.academies {
				want = append(want, curricula.CurriculumName(a, "basic-2024"))
			}
			require.Equal(t, want, prog.Members)
			require.Equal(t, curricula.DepthIntroduced, prog.Targets.MinDepth)
			require.Equal(t, 4.0, prog.Targets.MinHours)
			require.NotEmpty(t, prog.Targets.Overrides)
			for _, m := range want {
				c := byName[m]
				require.Equal(t, curricula.CurriculumActive, c.State, m)
				require.Equal(t, curricula.LevelBasic, c.Level, m)
			}
		})
	}
}

func TestOlderEditions(t *testing.T) {
	d := mustLoad(t)
	byName := map[string]*curricula.Curriculum{}
	for _, c := range d.Curricula {
		byName[c.Name] = c
	}
	for _, a := range []string{"kz-border-academy", "kg-border-institute"} {
		old := byName[curricula.CurriculumName(a, "basic-2019")]
		require.NotNil(t, old, a)
		require.Equal(t, curricula.CurriculumRetired, old.State)
		require.Equal(t, old.Name, byName[curricula.CurriculumName(a, "basic-2024")].Supersedes)
	}
	for _, c := range d.Curricula {
		if c.Supersedes != "" {
			require.Equal(t, curricula.CurriculumRetired, byName[c.Supersedes].State, c.Supersedes)
		}
	}
}

// profile sums a curriculum's aligned hours per competency code prefix
// ("RA") and per code ("BC-04"), with the deepest depth reached.
type profile struct {
	hours map[string]float64
	depth map[string]curricula.Depth
}

func profileOf(d *Dataset, curriculum string) profile {
	p := profile{hours: map[string]float64{}, depth: map[string]curricula.Depth{}}
	for _, m := range d.Modules {
		if !strings.HasPrefix(m.Name, curriculum+"/") {
			continue
		}
		for _, a := range m.Alignments {
			code := strings.ToUpper(a.Competency)
			area, _, _ := strings.Cut(code, "-")
			for _, k := range []string{code, area} {
				p.hours[k] += a.Hours
				p.depth[k] = max(p.depth[k], a.Depth)
			}
		}
	}
	return p
}

// The data is meant to show gaps, divergence and progress (README.md);
// these checks keep it that way.
func TestDataTellsItsStory(t *testing.T) {
	d := mustLoad(t)
	basic := func(a string) profile { return profileOf(d, curricula.CurriculumName(a, "basic-2024")) }
	kz, kg, tj, tm, uz := basic("kz-border-academy"), basic("kg-border-institute"), basic("tj-border-academy"), basic("tm-border-institute"), basic("uz-border-institute")
	others := []profile{kg, tj, tm, uz}

	// Kazakhstan: document examination mastered with the most hours, thin
	// on fundamental rights.
	for _, code := range []string{"BC-03", "BC-04", "BC-05"} {
		require.Equal(t, curricula.DepthMastered, kz.depth[code], code)
		for _, o := range others {
			require.Greater(t, kz.hours[code], o.hours[code], code)
		}
	}
	require.Less(t, kz.hours["FR"], 6.0)
	require.Zero(t, kz.hours["FR-02"])
	// Tajikistan: mountains and drugs mastered, no risk analysis at all.
	require.Equal(t, curricula.DepthMastered, tj.depth["SUR-03"])
	require.Equal(t, curricula.DepthMastered, tj.depth["CBC-01"])
	for _, o := range []profile{kz, kg, tm, uz} {
		require.Greater(t, tj.hours["CBC-01"], o.hours["CBC-01"])
		require.Greater(t, tj.hours["SUR-03"], o.hours["SUR-03"])
	}
	require.Zero(t, tj.depth["RA"])
	// Turkmenistan: intra-service cooperation only.
	for code := range tm.depth {
		if strings.HasPrefix(code, "COOP-") {
			require.Equal(t, "COOP-01", code)
		}
	}
	// Uzbekistan: customs-adjacent content and joint controls.
	require.GreaterOrEqual(t, uz.hours["CUS"], 30.0)
	require.Equal(t, curricula.DepthMastered, uz.depth["COOP-02"])
	// Kyrgyzstan: the strongest on fundamental rights.
	for _, o := range []profile{kz, tj, tm, uz} {
		require.Greater(t, kg.hours["FR"], o.hours["FR"])
	}
	// Progress: the 2019 editions lack risk analysis and fundamental
	// rights; the 2024 editions have them.
	for _, a := range []string{"kz-border-academy", "kg-border-institute"} {
		old := profileOf(d, curricula.CurriculumName(a, "basic-2019"))
		require.Zero(t, old.depth["RA"], a)
		require.Zero(t, old.depth["FR"], a)
		require.NotZero(t, basic(a).depth["RA"], a)
		require.NotZero(t, basic(a).depth["FR"], a)
	}
	// Some law-enforcement-only material.
	restricted := 0
	for _, m := range d.Modules {
		if m.Restricted {
			restricted++
		}
	}
	require.Positive(t, restricted)
}

// fixture is a minimal valid data directory; cases break one thing.
type fixture struct {
	academy    academyFile
	programmes []programmeRecord
}

func validFixture() *fixture {
	mods := func(prefix string) []moduleRecord {
		return []moduleRecord{
			{ID: "m1", Code: prefix + "-1", Title: "Проверка документов", Hours: 20, Alignments: "BC-04:R:12; BC-03:I"},
			{ID: "m2", Code: prefix + "-2", Title: "Анализ рисков", Hours: 10, Alignments: "RA-01:I:4"},
		}
	}
	return &fixture{
		academy: academyFile{
			Academy: academyRecord{ID: "xx-academy", DisplayName: "Академия", Country: "KZ", Agency: curricula.AgencyBorderGuard},
			Curricula: []curriculumRecord{
				{ID: "basic-2019", Title: "Old", Level: curricula.LevelBasic, Language: "ru", Framework: "frameworks/ibm-core", State: curricula.CurriculumRetired, Modules: mods("A")},
				{ID: "basic-2024", Title: "New", Level: curricula.LevelBasic, Language: "ru", Framework: "frameworks/ibm-core", State: curricula.CurriculumActive, Supersedes: "basic-2019", Modules: mods("B")},
			},
		},
		programmes: []programmeRecord{{
			ID: "p", Title: "P", Framework: "frameworks/ibm-core",
			Members: []string{"academies/xx-academy/curricula/basic-2024"},
			Targets: targetsRecord{RequiredCompetencies: []string{"BC-04"}, MinDepth: "I", MinHours: 4,
				Overrides: []overrideRecord{{Competency: "RA-01", MinDepth: "R", MinHours: 8}}},
		}},
	}
}

func (f *fixture) fs(t *testing.T) fstest.MapFS {
	a, err := json.Marshal(f.academy)
	require.NoError(t, err)
	p, err := json.Marshal(f.programmes)
	require.NoError(t, err)
	return fstest.MapFS{
		f.academy.Academy.ID + ".json": {Data: a},
		programmesFile:                 {Data: p},
	}
}

func loadFS(t *testing.T, fsys fstest.MapFS) (*Dataset, error) {
	t.Helper()
	fw, comps, err := curricula.DefaultFramework()
	require.NoError(t, err)
	return load(fsys, fw, comps)
}

func TestLoadFixture(t *testing.T) {
	d, err := loadFS(t, validFixture().fs(t))
	require.NoError(t, err)
	require.Len(t, d.Academies, 1)
	require.Len(t, d.Curricula, 2)
	require.Len(t, d.Modules, 4)
	require.Len(t, d.Programmes, 1)
	m := d.Modules[0]
	require.Equal(t, "academies/xx-academy/curricula/basic-2019/modules/m1", m.Name)
	require.Equal(t, "ru", m.Language)
	require.Equal(t, []curricula.Alignment{
		{Competency: "bc-04", Depth: curricula.DepthReinforced, Hours: 12},
		{Competency: "bc-03", Depth: curricula.DepthIntroduced},
	}, m.Alignments)
	require.Equal(t, "academies/xx-academy/curricula/basic-2019", d.Curricula[1].Supersedes)
	require.Equal(t, curricula.Targets{
		RequiredCompetencies: []string{"bc-04"}, MinDepth: curricula.DepthIntroduced, MinHours: 4,
		Overrides: []curricula.TargetOverride{{Competency: "ra-01", MinDepth: curricula.DepthReinforced, MinHours: 8}},
	}, d.Programmes[0].Targets)
}

func TestLoadReordersSupersededCurricula(t *testing.T) {
	f := validFixture()
	slices.Reverse(f.academy.Curricula)
	d, err := loadFS(t, f.fs(t))
	require.NoError(t, err)
	require.Equal(t, "academies/xx-academy/curricula/basic-2019", d.Curricula[0].Name)
	require.Equal(t, "academies/xx-academy/curricula/basic-2024", d.Curricula[1].Name)
}

func TestLoadRejectsBadData(t *testing.T) {
	cases := []struct {
		name string
		fix  func(f *fixture)        // breaks the records, or
		raw  func(fsys fstest.MapFS) // breaks the files
		want []string
	}{
		{name: "unknown code", fix: func(f *fixture) {
			f.academy.Curricula[0].Modules[1].Alignments = "RA-01:I; RA-9:M"
		}, want: []string{`xx-academy.json: curricula[0].modules[1].alignments: alignment 2: unknown competency code "RA-9"`}},
		{name: "code in lower case", fix: func(f *fixture) {
			f.academy.Curricula[1].Modules[0].Alignments = "bc-04:R"
		}, want: []string{`curricula[1].modules[0].alignments: alignment 1: unknown competency code "bc-04"`}},
		{name: "bad depth", fix: func(f *fixture) {
			f.academy.Curricula[1].Modules[0].Alignments = "BC-04:X"
		}, want: []string{`curricula[1].modules[0].alignments: alignment 1: depth "X" is not one of I, R, M`}},
		{name: "aligned hours exceed the module's", fix: func(f *fixture) {
			f.academy.Curricula[0].Modules[0].Alignments = "BC-04:R:15; BC-03:I:6"
		}, want: []string{"curricula[0].modules[0].alignments: aligned hours (21) exceed the module's hours (20)"}},
		{name: "competency aligned twice", fix: func(f *fixture) {
			f.academy.Curricula[0].Modules[0].Alignments = "BC-04:R; BC-04:M"
		}, want: []string{`curricula[0].modules[0].alignments[1].competency: "bc-04" is already aligned in alignments[0]`}},
		{name: "bad delivery", fix: func(f *fixture) {
			f.academy.Curricula[0].Modules[1].Delivery = "lecture"
		}, want: []string{`curricula[0].modules[1].delivery: "lecture" is not one of`}},
		{name: "duplicate module ID", fix: func(f *fixture) {
			f.academy.Curricula[0].Modules[1].ID = "m1"
		}, want: []string{`curricula[0].modules[1].id: "m1" is already used by curricula[0].modules[0]`}},
		{name: "bad module ID", fix: func(f *fixture) {
			f.academy.Curricula[0].Modules[1].ID = "Module 2"
		}, want: []string{`curricula[0].modules[1].id: "Module 2" is not a resource ID`}},
		{name: "supersedes a missing curriculum", fix: func(f *fixture) {
			f.academy.Curricula[1].Supersedes = "basic-2014"
		}, want: []string{`curricula[1].supersedes: "basic-2014" is not a curriculum of academy "xx-academy"`}},
		{name: "supersession cycle", fix: func(f *fixture) {
			f.academy.Curricula[0].Supersedes = "basic-2024"
		}, want: []string{`curricula[0].supersedes: "basic-2024" is on a cycle`, `curricula[1].supersedes: "basic-2019" is on a cycle`}},
		{name: "other framework", fix: func(f *fixture) {
			f.academy.Curricula[0].Framework = "frameworks/other"
		}, want: []string{`curricula[0].framework: "frameworks/other": the demo data is aligned to frameworks/ibm-core only`}},
		{name: "bad curriculum state", fix: func(f *fixture) {
			f.academy.Curricula[0].State = "old"
		}, want: []string{`curricula[0].state: "old" is not one of`}},
		{name: "bad country", fix: func(f *fixture) {
			f.academy.Academy.Country = "Kazakhstan"
		}, want: []string{`xx-academy.json: academy.country: "Kazakhstan" is not an ISO 3166-1 alpha-2 code`}},
		{name: "file named after another academy", raw: func(fsys fstest.MapFS) {
			fsys["yy-academy.json"] = fsys["xx-academy.json"]
			delete(fsys, "xx-academy.json")
		}, want: []string{`yy-academy.json: academy.id: "xx-academy" does not match the file name (want "yy-academy")`}},
		{name: "unknown field", raw: func(fsys fstest.MapFS) {
			fsys["xx-academy.json"] = &fstest.MapFile{Data: []byte(`{"academy": {"id": "xx-academy", "hours": 3}}`)}
		}, want: []string{`xx-academy.json: not valid JSON of the expected shape: json: unknown field "hours"`}},
		{name: "trailing data", raw: func(fsys fstest.MapFS) {
			fsys["xx-academy.json"].Data = append(fsys["xx-academy.json"].Data, []byte(" {}")...)
		}, want: []string{"xx-academy.json: trailing data after the top-level value"}},
		{name: "programme member absent", fix: func(f *fixture) {
			f.programmes[0].Members = append(f.programmes[0].Members, "academies/ir-customs-college/curricula/basic-2024")
		}, want: []string{`programmes.json: [0].members[1]: "academies/ir-customs-college/curricula/basic-2024" is not a curriculum of the demo data`}},
		{name: "programme member not a curriculum name", fix: func(f *fixture) {
			f.programmes[0].Members = []string{"xx-academy/basic-2024"}
		}, want: []string{`[0].members[0]: "xx-academy/basic-2024" is not a curriculum name`}},
		{name: "programme unknown required code", fix: func(f *fixture) {
			f.programmes[0].Targets.RequiredCompetencies = []string{"BC-04", "XX-01"}
		}, want: []string{`programmes.json: [0].targets.required_competencies[1]: unknown competency code "XX-01"`}},
		{name: "programme unknown override code", fix: func(f *fixture) {
			f.programmes[0].Targets.Overrides[0].Competency = "RA-99"
		}, want: []string{`[0].targets.overrides[0].competency: unknown competency code "RA-99"`}},
		{name: "programme bad depth", fix: func(f *fixture) {
			f.programmes[0].Targets.MinDepth = "high"
		}, want: []string{`[0].targets.min_depth: depth "high" is not one of I, R, M`}},
		{name: "duplicate programme", fix: func(f *fixture) {
			f.programmes = append(f.programmes, f.programmes[0])
		}, want: []string{`programmes.json: [1].id: "p" is already used by [0]`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := validFixture()
			if tc.fix != nil {
				tc.fix(f)
			}
			fsys := f.fs(t)
			if tc.raw != nil {
				tc.raw(fsys)
			}
			d, err := loadFS(t, fsys)
			require.Error(t, err)
			require.Nil(t, d)
			require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestLoadReportsEveryFaultyFile(t *testing.T) {
	f := validFixture()
	fsys := f.fs(t)
	other := validFixture()
	other.academy.Academy.ID = "yy-academy"
	other.academy.Curricula[0].Modules[0].Hours = -1
	fsys2 := other.fs(t)
	maps.Copy(fsys, fstest.MapFS{"yy-academy.json": fsys2["yy-academy.json"]})
	f.academy.Curricula[0].Modules[0].Alignments = "NOPE:I"
	fsys["xx-academy.json"] = f.fs(t)["xx-academy.json"]

	_, err := loadFS(t, fsys)
	require.Error(t, err)
	require.Contains(t, err.Error(), `xx-academy.json: curricula[0].modules[0].alignments: alignment 1: unknown competency code "NOPE"`)
	require.Contains(t, err.Error(), "yy-academy.json: curricula[0].modules[0].hours: must not be negative, got -1")
}
