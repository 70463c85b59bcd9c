package search_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/search"
	"github.com/stretchr/testify/require"
)

func requireViolation(t *testing.T, err error, field string) {
	t.Helper()
	var ce *curricula.Error
	require.True(t, errors.As(err, &ce), "%v", err)
	require.Equal(t, curricula.EINVALID, ce.Code)
	require.Len(t, ce.Violations, 1)
	require.Equal(t, field, ce.Violations[0].Field, ce.Error())
}

func TestBadRequests(t *testing.T) {
	e := newEnv(t, true)
	ctx := t.Context()
	first := e.search(curricula.ModuleQuery{PageSize: 5})
	require.NotEmpty(t, first.Next)
	for _, tok := range []string{"not base64!", "bm90IGpzb24", first.Next + "x", "WyJ4IiwiYSJd" /* ["x","a"] */, "WyIxIl0" /* ["1"] */} {
		_, err := e.ix.SearchModules(ctx, curricula.ModuleQuery{After: tok})
		requireViolation(t, err, "page_token")
		_, err = e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: "frameworks/ibm-core", After: tok})
		requireViolation(t, err, "page_token")
	}
	_, err := e.ix.SearchModules(ctx, curricula.ModuleQuery{Query: strings.Repeat("риск ", 103)})
	requireViolation(t, err, "query")
	_, err = e.ix.SearchModules(ctx, curricula.ModuleQuery{Query: `"unterminated`})
	requireViolation(t, err, "query")
	_, err = e.ix.SearchModules(ctx, curricula.ModuleQuery{Query: "nosuchfield:x"})
	requireViolation(t, err, "query")
	_, err = e.ix.SearchModules(ctx, curricula.ModuleQuery{PageSize: -1})
	requireViolation(t, err, "page_size")
	_, err = e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: "ibm-core"})
	requireViolation(t, err, "framework")

	// Page sizes above the maximum are coerced to it.
	big := e.search(curricula.ModuleQuery{PageSize: 1000})
	require.Len(t, big.Hits, search.MaxPageSize)
}

func TestWildcardExplosion(t *testing.T) {
	e := newEnv(t, true)
	ix := e.ix
	defer search.SetMaxExpansion(50)()
	for _, q := range []string{"*", "п*", "/.*/"} {
		_, err := ix.SearchModules(t.Context(), curricula.ModuleQuery{Query: q, Restricted: curricula.RestrictedScope{All: true}})
		require.Equal(t, curricula.ERESOURCEEXHAUSTED, curricula.ErrorCode(err), "%q: %v", q, err)
		require.Contains(t, err.Error(), "too many terms")
	}
	// A narrow prefix stays within the limit.
	res, err := ix.SearchModules(t.Context(), curricula.ModuleQuery{Query: "риск*", Restricted: curricula.RestrictedScope{All: true}})
	require.NoError(t, err)
	require.Positive(t, res.Total)
}

func TestSearchCompetencies(t *testing.T) {
	e := newEnv(t, true)
	ctx := t.Context()
	fw := "frameworks/ibm-core"
	res, err := e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: fw, Query: "анализа рисков"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Hits)
	top := compNames(res)[:3]
	require.Contains(t, top, "frameworks/ibm-core/competencies/ra-01")
	for _, h := range res.Hits {
		if h.Name == "frameworks/ibm-core/competencies/ra-01" {
			require.Contains(t, h.Highlights["title.ru"][0], "<mark>")
		}
	}

	// Restricted to English, a Russian query finds nothing; an English one does.
	res, err = e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: fw, Query: "анализа рисков", Languages: []string{"en"}})
	require.NoError(t, err)
	require.Zero(t, res.Total)
	res, err = e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: fw, Query: "risk analysis", Languages: []string{"en"}})
	require.NoError(t, err)
	require.Positive(t, res.Total)
	for _, h := range res.Hits {
		for f := range h.Highlights {
			require.True(t, strings.HasSuffix(f, ".en"), f)
		}
	}

	// French and Arabic titles are searchable too.
	for _, q := range []string{"analyse des risques", "تحليل المخاطر", "تحلیل خطر"} {
		res, err = e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: fw, Query: q})
		require.NoError(t, err)
		require.Contains(t, compNames(res), "frameworks/ibm-core/competencies/ra-01", q)
	}

	// Another framework holds nothing.
	res, err = e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: "frameworks/other", Query: "risk"})
	require.NoError(t, err)
	require.Zero(t, res.Total)

	// Paging: every competency once, in the order of one big page.
	all, err := e.ix.SearchCompetencies(ctx, curricula.CompetencyQuery{Framework: fw, PageSize: 100})
	require.NoError(t, err)
	require.Equal(t, 101, all.Total)
	var got []string
	q := curricula.CompetencyQuery{Framework: fw, PageSize: 7}
	for {
		page, err := e.ix.SearchCompetencies(ctx, q)
		require.NoError(t, err)
		got = append(got, compNames(page)...)
		if page.Next == "" {
			break
		}
		q.After = page.Next
	}
	require.Len(t, got, 101)
	require.Equal(t, compNames(all), got[:100])
}

func compNames(res curricula.CompetencyResults) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Name
	}
	return out
}
