package search_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/curricula/demo"
	"github.com/stretchr/testify/require"
)

// truth is the demo data, to compute what a filter must return.
type truth struct {
	academies map[string]*curricula.Academy // by ID
	curricula map[string]*curricula.Curriculum
	modules   []*curricula.Module
}

func demoTruth(t *testing.T) truth {
	d, err := demo.Load()
	require.NoError(t, err)
	tr := truth{academies: map[string]*curricula.Academy{}, curricula: map[string]*curricula.Curriculum{}, modules: d.Modules}
	for _, a := range d.Academies {
		tr.academies[strings.TrimPrefix(a.Name, "academies/")] = a
	}
	for _, c := range d.Curricula {
		tr.curricula[c.Name] = c
	}
	return tr
}

func (tr truth) where(keep func(m *curricula.Module, ac *curricula.Academy, cu *curricula.Curriculum) bool) []string {
	var out []string
	for _, m := range tr.modules {
		n, _ := curricula.ParseName(curricula.KindModule, m.Name)
		if keep(m, tr.academies[n.IDs[0]], tr.curricula[curricula.CurriculumName(n.IDs[0], n.IDs[1])]) {
			out = append(out, m.Name)
		}
	}
	sort.Strings(out)
	return out
}

func allNames(t *testing.T, e *env, q curricula.ModuleQuery) []string {
	q.PageSize = curricula.ModuleQuery{}.PageSize + 100
	var out []string
	for {
		res := e.search(q)
		out = append(out, names(res)...)
		if res.Next == "" {
			return out
		}
		q.After = res.Next
	}
}

func TestFilters(t *testing.T) {
	e := newEnv(t, true)
	tr := demoTruth(t)
	aligned := func(m *curricula.Module, id string) bool {
		return slices.ContainsFunc(m.Alignments, func(a curricula.Alignment) bool { return a.Competency == id })
	}
	cases := []struct {
		name string
		q    curricula.ModuleQuery
		keep func(m *curricula.Module, ac *curricula.Academy, cu *curricula.Curriculum) bool
	}{
		{"country", curricula.ModuleQuery{Countries: []string{"KZ", "IR"}},
			func(_ *curricula.Module, ac *curricula.Academy, _ *curricula.Curriculum) bool {
				return ac.Country == "KZ" || ac.Country == "IR"
			}},
		{"academy", curricula.ModuleQuery{Academies: []string{"tj-border-academy"}},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool {
				return strings.HasPrefix(m.Name, "academies/tj-border-academy/")
			}},
		{"curriculum", curricula.ModuleQuery{Curricula: []string{"academies/kz-border-academy/curricula/basic-2024"}},
			func(_ *curricula.Module, _ *curricula.Academy, cu *curricula.Curriculum) bool {
				return cu.Name == "academies/kz-border-academy/curricula/basic-2024"
			}},
		{"language primary subtag", curricula.ModuleQuery{Languages: []string{"fa"}},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool {
				return curricula.BaseLanguage(m.Language) == "fa"
			}},
		{"language full tag", curricula.ModuleQuery{Languages: []string{"fa-AF"}},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool { return m.Language == "fa-AF" }},
		{"agency", curricula.ModuleQuery{Agencies: []curricula.Agency{curricula.AgencyCustoms}},
			func(_ *curricula.Module, ac *curricula.Academy, _ *curricula.Curriculum) bool {
				return ac.Agency == curricula.AgencyCustoms
			}},
		{"depth", curricula.ModuleQuery{Depths: []curricula.Depth{curricula.DepthMastered}},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool {
				return slices.ContainsFunc(m.Alignments, func(a curricula.Alignment) bool { return a.Depth == curricula.DepthMastered })
			}},
		{"competency", curricula.ModuleQuery{Competencies: []string{"frameworks/ibm-core/competencies/ra-01", "frameworks/ibm-core/competencies/bc-04"}},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool {
				return aligned(m, "ra-01") || aligned(m, "bc-04")
			}},
		{"hours range", curricula.ModuleQuery{MinHours: 40, MaxHours: 60},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool { return m.Hours >= 40 && m.Hours <= 60 }},
		{"min hours", curricula.ModuleQuery{MinHours: 100},
			func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool { return m.Hours >= 100 }},
		{"filters are ANDed", curricula.ModuleQuery{Countries: []string{"KZ"}, MaxHours: 50},
			func(m *curricula.Module, ac *curricula.Academy, _ *curricula.Curriculum) bool {
				return ac.Country == "KZ" && m.Hours <= 50
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := tr.where(c.keep)
			require.NotEmpty(t, want, "the case must select something")
			require.Less(t, len(want), len(tr.modules), "the case must leave something out")
			got := allNames(t, e, c.q)
			sort.Strings(got)
			require.Equal(t, want, got)
		})
	}
}

func TestFacetsAddUp(t *testing.T) {
	e := newEnv(t, true)
	for _, q := range []curricula.ModuleQuery{
		{Facets: curricula.Facets},
		{Facets: curricula.Facets, FacetSize: 2},
		{Query: "контроль", Facets: curricula.Facets, FacetSize: 3},
		{Query: "risk analysis", Concepts: true, Facets: curricula.Facets, FacetSize: 1},
	} {
		res := e.search(q)
		require.Positive(t, res.Total, q.Query)
		for _, f := range []curricula.Facet{curricula.FacetCountry, curricula.FacetAcademy, curricula.FacetLanguage} {
			fr := res.Facets[f]
			sum := fr.Other + fr.Missing
			for _, v := range fr.Values {
				sum += v.Count
			}
			require.Equal(t, res.Total, sum, "facet %s of %q (size %d): %+v", f, q.Query, q.FacetSize, fr)
			if q.FacetSize > 0 {
				require.LessOrEqual(t, len(fr.Values), q.FacetSize)
			}
		}
		// Multi-valued facets count every value of a hit: at least Total.
		for _, f := range []curricula.Facet{curricula.FacetCompetency, curricula.FacetDepth} {
			fr := res.Facets[f]
			sum := fr.Other + fr.Missing
			for _, v := range fr.Values {
				sum += v.Count
			}
			require.GreaterOrEqual(t, sum, res.Total, "facet %s", f)
		}
	}
	// The country facet's values are the truth's.
	tr := demoTruth(t)
	res := e.search(curricula.ModuleQuery{Facets: []curricula.Facet{curricula.FacetCountry}, FacetSize: 100})
	for _, v := range res.Facets[curricula.FacetCountry].Values {
		want := tr.where(func(_ *curricula.Module, ac *curricula.Academy, _ *curricula.Curriculum) bool { return ac.Country == v.Value })
		require.Len(t, want, v.Count, v.Value)
	}
}

func TestPagingIsStable(t *testing.T) {
	e := newEnv(t, true)
	for _, q := range []curricula.ModuleQuery{
		{Query: "контроль границы border control", Concepts: true},
		{},
		{Order: curricula.OrderHours},
		{Order: curricula.OrderHoursDesc, Query: "документов"},
	} {
		q.Restricted.All = true
		all := e.search(q)
		require.Greater(t, all.Total, 7)
		want := allNames(t, e, q)
		require.Len(t, want, all.Total)

		q.PageSize = 7
		var got []string
		for i := 0; ; i++ {
			res := e.search(q)
			require.Equal(t, all.Total, res.Total)
			got = append(got, names(res)...)
			if i == 1 {
				// An unrelated write between pages: it touches none of the
				// query's terms.
				e.write(func(tx curricula.WriteTx) error {
					var a curricula.Academy
					if err := tx.Get("academies/sn-border-police-school", &a); err != nil {
						return err
					}
					a.City += " "
					return tx.Update(&a, "")
				})
			}
			if res.Next == "" {
				break
			}
			require.Len(t, res.Hits, 7)
			q.After = res.Next
		}
		require.Equal(t, want, got, "query %q order %q", q.Query, q.Order)
	}
}

func TestConceptSearchCrossesLanguages(t *testing.T) {
	e := newEnv(t, true)
	tr := demoTruth(t)
	lang := map[string]string{}
	for _, m := range tr.modules {
		lang[m.Name] = m.Language
	}
	res := e.search(curricula.ModuleQuery{Query: "risk analysis", Concepts: true, PageSize: 100})
	require.Contains(t, res.Competencies, "frameworks/ibm-core/competencies/ra-01")
	langs := map[string]bool{}
	viaCompetency := 0
	for _, h := range res.Hits {
		langs[curricula.BaseLanguage(lang[h.Name])] = true
		if !h.MatchedText {
			viaCompetency++
			require.NotEmpty(t, h.MatchedCompetencies, h.Name)
			require.Empty(t, h.Highlights, h.Name)
		}
	}
	require.GreaterOrEqual(t, len(langs), 3, "languages found: %v", langs)
	require.True(t, langs["ru"], "a Russian module is found: %v", langs)
	require.Positive(t, viaCompetency)
	require.Contains(t, names(res), "academies/kz-border-academy/curricula/basic-2024/modules/risk-analysis")

	// Without concepts, only English text matches.
	text := e.search(curricula.ModuleQuery{Query: "risk analysis", PageSize: 100})
	for _, h := range text.Hits {
		require.True(t, h.MatchedText)
		require.Empty(t, h.MatchedCompetencies)
	}
	require.Less(t, text.Total, res.Total)

	// -not excludes concept hits too.
	not := e.search(curricula.ModuleQuery{Query: "risk analysis -рисков", Concepts: true, PageSize: 100})
	require.NotContains(t, names(not), "academies/kz-border-academy/curricula/basic-2024/modules/risk-analysis")
}

func TestQuerySyntaxAcrossLanguages(t *testing.T) {
	e := newEnv(t, true)
	base := names(e.search(curricula.ModuleQuery{Query: "рисков", PageSize: 100}))
	require.NotEmpty(t, base)
	must := names(e.search(curricula.ModuleQuery{Query: "+рисков +профилирование", PageSize: 100}))
	require.NotEmpty(t, must)
	require.Less(t, len(must), len(base))
	require.Subset(t, base, must)
	not := names(e.search(curricula.ModuleQuery{Query: "рисков -профилирование", PageSize: 100}))
	require.Len(t, not, len(base)-len(must))
	for _, n := range must {
		require.NotContains(t, not, n)
	}
	prefix := names(e.search(curricula.ModuleQuery{Query: "риск*", PageSize: 100}))
	require.Subset(t, prefix, base)
	phrase := names(e.search(curricula.ModuleQuery{Query: `"анализа рисков"`, PageSize: 100}))
	require.NotEmpty(t, phrase)
	require.Subset(t, base, phrase)
	title := names(e.search(curricula.ModuleQuery{Query: "title:рисков", PageSize: 100}))
	require.NotEmpty(t, title)
	require.Subset(t, base, title)
	require.Less(t, len(title), len(base))
}

func TestRestrictedModules(t *testing.T) {
	e := newEnv(t, true)
	tr := demoTruth(t)
	restricted := tr.where(func(m *curricula.Module, _ *curricula.Academy, _ *curricula.Curriculum) bool { return m.Restricted })
	require.NotEmpty(t, restricted)
	all := e.search(curricula.ModuleQuery{PageSize: 100, Facets: []curricula.Facet{curricula.FacetAcademy}, FacetSize: 100})
	viewer, err := e.ix.SearchModules(t.Context(), curricula.ModuleQuery{PageSize: 100, Facets: []curricula.Facet{curricula.FacetAcademy}, FacetSize: 100})
	require.NoError(t, err)
	require.Equal(t, all.Total-len(restricted), viewer.Total)
	allViewer := allNames(t, e, curricula.ModuleQuery{Restricted: curricula.RestrictedScope{Academies: []string{"none"}}})
	require.Len(t, allViewer, viewer.Total)
	for _, r := range restricted {
		require.Contains(t, allNames(t, e, curricula.ModuleQuery{}), r)
		require.NotContains(t, allViewer, r)
	}
	count := func(res curricula.ModuleResults, academy string) int {
		for _, v := range res.Facets[curricula.FacetAcademy].Values {
			if v.Value == academy {
				return v.Count
			}
		}
		return 0
	}
	require.Equal(t, count(all, "kz-border-academy")-1, count(viewer, "kz-border-academy"))

	// An editor of kz-border-academy reads its own restricted module only.
	own, err := e.ix.SearchModules(t.Context(), curricula.ModuleQuery{PageSize: 100, Restricted: curricula.RestrictedScope{Academies: []string{"kz-border-academy"}}})
	require.NoError(t, err)
	require.Equal(t, viewer.Total+1, own.Total)
}
