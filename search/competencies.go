package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/concord-ibm/concord/curricula"
)

// competencyTargets maps the fields a user may name to competency text
// fields, restricted to langs' analyzers when langs is not empty.
func competencyTargets(fs fieldSet, langs []string) func(string) ([]string, bool) {
	all := fs.competencyFields(langs)
	return func(user string) ([]string, bool) {
		var p string
		switch strings.ToLower(user) {
		case "":
			return all, true
		case "title":
			p = pCTitle
		case "description":
			p = pCDesc
		case "outcomes":
			return nil, true
		default:
			return nil, false
		}
		var out []string
		for _, f := range all {
			if strings.HasPrefix(f, p+"_") {
				out = append(out, f)
			}
		}
		return out, true
	}
}

// SearchCompetencies implements curricula.Search. Highlights are keyed
// "title.{analyzer}" / "description.{analyzer}" ("title.ru"); languages
// without an analyzer of their own share "plain".
func (ix *Index) SearchCompetencies(ctx context.Context, q curricula.CompetencyQuery) (curricula.CompetencyResults, error) {
	if _, err := curricula.ParseName(curricula.KindFramework, q.Framework); err != nil {
		return curricula.CompetencyResults{}, invalid("framework", "%q is not a framework name (frameworks/{framework})", q.Framework)
	}
	for _, l := range q.Languages {
		if !curricula.ValidLanguage(l) {
			return curricula.CompetencyResults{}, invalid("languages", "%q is not a language tag (e.g. ru, fa-AF)", l)
		}
	}
	size, err := pageSize(q.PageSize)
	if err != nil {
		return curricula.CompetencyResults{}, err
	}
	after, err := decodeCursor(q.After, []bool{true, false})
	if err != nil {
		return curricula.CompetencyResults{}, err
	}
	s, end, err := ix.begin()
	if err != nil {
		return curricula.CompetencyResults{}, err
	}
	defer end()
	ctx = limitTerms(ctx, ix.opts.MaxTerms)

	text, err := userQuery(q.Query, competencyTargets(s.fields, q.Languages))
	if err != nil {
		return curricula.CompetencyResults{}, err
	}
	var main query.Query = query.NewMatchAllQuery()
	if text != nil {
		main = text
	}
	top := query.NewBooleanQuery([]query.Query{main}, nil, nil)
	top.AddFilter(query.NewConjunctionQuery([]query.Query{termQuery(fType, typeCompetency), termQuery(fFramework, q.Framework)}))
	req := bleve.NewSearchRequestOptions(top, size+1, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	req.SearchAfter = after
	if hasPositive(text) {
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.Fields = s.fields.competencyFields(q.Languages)
		req.IncludeLocations = true
	}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return curricula.CompetencyResults{}, queryError(ctx, err, ix.opts.MaxTerms)
	}
	out := curricula.CompetencyResults{Total: int(res.Total), Sequence: s.seq}
	hits := res.Hits
	if len(hits) > size {
		hits = hits[:size]
		last := hits[size-1]
		out.Next = encodeCursor([]string{formatFloat(last.Score), last.ID})
	}
	for _, h := range hits {
		hit := curricula.CompetencyHit{Name: h.ID, Score: h.Score}
		for f, frags := range h.Fragments {
			p, a, _ := strings.Cut(f, "_")
			name := "title."
			if p == pCDesc {
				name = "description."
			}
			if len(frags) > 0 && len(h.Locations[f]) > 0 {
				if hit.Highlights == nil {
					hit.Highlights = map[string][]string{}
				}
				hit.Highlights[name+a] = append(hit.Highlights[name+a], frags...)
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}
