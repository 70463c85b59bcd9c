package search_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestSmoke(t *testing.T) {
	e := newEnv(t, true)
	st, err := e.ix.Stats(t.Context())
	require.NoError(t, err)
	t.Logf("%+v", st)
	res := e.search(curricula.ModuleQuery{Query: "анализа рисков", Facets: curricula.Facets, PageSize: 5})
	t.Logf("total %d", res.Total)
	for _, h := range res.Hits {
		t.Logf("%s %.3f %v %v %v", h.Name, h.Score, h.MatchedText, h.MatchedCompetencies, h.Highlights)
	}
	res = e.search(curricula.ModuleQuery{Query: "risk analysis", Concepts: true, PageSize: 30})
	t.Logf("concept total %d %v", res.Total, res.Competencies)
	for _, h := range res.Hits {
		t.Logf("%s %.3f %v %v", h.Name, h.Score, h.MatchedText, h.MatchedCompetencies)
	}
	t.Logf("%+v", res.Facets)
}
