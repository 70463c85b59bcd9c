package search

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/concord-ibm/concord/curricula"
)

// Page sizes.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Concept search keeps up to ConceptMax competencies scoring at least
// ConceptRatio times the best one.
const (
	ConceptMax   = 5
	ConceptRatio = 0.5
)

var facetFields = map[curricula.Facet]string{
	curricula.FacetCountry:    fCountry,
	curricula.FacetAcademy:    fAcademy,
	curricula.FacetLanguage:   fLang,
	curricula.FacetCompetency: fCompetency,
	curricula.FacetDepth:      fDepth,
}

// snapshot is what one search reads: the index and its state.
type snapshot struct {
	idx    bleve.Index
	fields fieldSet
	seq    uint64
}

// begin takes the current index for one search; call end when done.
func (ix *Index) begin() (snapshot, func(), error) {
	ix.mu.RLock()
	ix.stateMu.Lock()
	s := snapshot{idx: ix.idx, fields: ix.fields, seq: ix.seq}
	closed, building, built, total, reason := ix.closed, ix.building, ix.built, ix.total, ix.rebuilt
	ix.stateMu.Unlock()
	if closed {
		ix.mu.RUnlock()
		return snapshot{}, nil, errClosed
	}
	if building {
		ix.mu.RUnlock()
		return snapshot{}, nil, curricula.Errorf(curricula.EUNAVAILABLE,
			"the search index is being built from the store (%s): %d of %d documents so far; retry shortly", reason, built, total)
	}
	return s, ix.mu.RUnlock, nil
}

func pageSize(n int) (int, error) {
	switch {
	case n < 0:
		return 0, invalid("page_size", "must not be negative")
	case n == 0:
		return DefaultPageSize, nil
	case n > MaxPageSize:
		return MaxPageSize, nil
	}
	return n, nil
}

// moduleTargets maps the fields a user may name to module text fields.
func moduleTargets(fs fieldSet) func(string) ([]string, bool) {
	all := fs.moduleFields()
	return func(user string) ([]string, bool) {
		var p string
		switch strings.ToLower(user) {
		case "":
			return all, true
		case "title":
			p = pTitle
		case "description":
			p = pDesc
		case "outcomes":
			p = pOutcomes
		default:
			return nil, false
		}
		return slices.DeleteFunc(slices.Clone(all), func(f string) bool { return !strings.HasPrefix(f, p+"_") }), true
	}
}

// SearchModules implements curricula.Search.
func (ix *Index) SearchModules(ctx context.Context, q curricula.ModuleQuery) (curricula.ModuleResults, error) {
	size, err := pageSize(q.PageSize)
	if err != nil {
		return curricula.ModuleResults{}, err
	}
	desc := q.Order == curricula.OrderHoursDesc
	if q.Order != curricula.OrderRelevance && q.Order != curricula.OrderHours && !desc {
		return curricula.ModuleResults{}, invalid("order_by", "%q is not an order: relevance, hours or \"hours desc\"", q.Order)
	}
	after, err := decodeCursor(q.After, []bool{true, false})
	if err != nil {
		return curricula.ModuleResults{}, err
	}
	s, end, err := ix.begin()
	if err != nil {
		return curricula.ModuleResults{}, err
	}
	defer end()

	text, err := userQuery(q.Query, moduleTargets(s.fields))
	if err != nil {
		return curricula.ModuleResults{}, err
	}
	var matched []string
	var concept query.Query
	if q.Concepts && hasPositive(text) {
		var boosts []float64
		matched, boosts, err = ix.concepts(ctx, s, q.Query)
		if err != nil {
			return curricula.ModuleResults{}, err
		}
		if len(matched) > 0 {
			qs := make([]query.Query, len(matched))
			for i, c := range matched {
				t := query.NewTermQuery(c)
				t.SetField(fCompetency)
				t.SetBoost(boosts[i])
				qs[i] = t
			}
			concept = query.NewDisjunctionQuery(qs)
		}
	}
	shown := hasPositive(text)
	var top *query.BooleanQuery
	switch {
	case text == nil:
		top = query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, nil)
	case concept == nil || !hasPositive(text):
		top = text
	default:
		// Own text or competencies; -not excludes either way.
		notQ := text.MustNot
		text.MustNot = nil
		top = query.NewBooleanQuery(nil, []query.Query{text, concept}, nil)
		if notQ != nil {
			top.AddMustNot(notQ)
		}
	}
	if fs := moduleFilters(q, !shown); len(fs) > 0 {
		top.AddFilter(query.NewConjunctionQuery(fs))
	}
	if hidden := restrictedHidden(q.Restricted); hidden != nil {
		top.AddMustNot(hidden)
	}

	req := bleve.NewSearchRequestOptions(top, size+1, 0, false)
	sctx := ctx
	var best *topByScore
	if q.Order == curricula.OrderRelevance {
		// bleve sorts by score only; best keeps the page (see topByScore).
		best = &topByScore{n: size + 1}
		if after != nil {
			best.after, best.afterName = true, after[1]
			best.afterScore, _ = strconv.ParseFloat(after[0], 64) // checked by decodeCursor
		}
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
		sctx = best.context(ctx)
	} else {
		req.SortByCustom(search.SortOrder{&search.SortField{Field: fHours, Type: search.SortFieldAsNumber, Desc: desc}, byName()})
		req.SearchAfter = after
		req.Fields = append(req.Fields, fHours)
	}
	fsize := q.FacetSize
	if fsize <= 0 {
		fsize = ix.opts.FacetSize
	}
	for _, f := range q.Facets {
		field, ok := facetFields[f]
		if !ok {
			return curricula.ModuleResults{}, invalid("facets", "%q is not a facet", f)
		}
		req.AddFacet(string(f), bleve.NewFacetRequest(field, fsize))
	}
	res, err := s.idx.SearchInContext(sctx, req)
	if err != nil {
		return curricula.ModuleResults{}, queryError(ctx, err)
	}

	out := curricula.ModuleResults{Total: int(res.Total), Competencies: matched, Sequence: s.seq}
	hits := res.Hits
	if best != nil {
		hits = best.hits
	}
	if len(hits) > size {
		hits = hits[:size]
		last := hits[size-1]
		if q.Order == curricula.OrderRelevance {
			out.Next = encodeCursor([]string{formatFloat(last.Score), last.ID})
		} else {
			h, _ := last.Fields[fHours].(float64)
			out.Next = encodeCursor([]string{formatFloat(h), last.ID})
		}
	}
	var marked map[string]*search.DocumentMatch
	if shown && len(hits) > 0 {
		// Concept search needs a positive text: matched > 0 implies
		// it, and the page's competencies come from here. Only the
		// fields of the page's languages, when known, are searched.
		fs := s.fields
		if best != nil {
			fs = fieldSet{module: best.analyzers}
		}
		if marked, err = highlightPage(ctx, fs, s.idx, q.Query, hits, len(matched) > 0); err != nil {
			return curricula.ModuleResults{}, err
		}
	}
	for _, h := range hits {
		hit := curricula.ModuleHit{Name: h.ID, Score: h.Score}
		if m := marked[h.ID]; m != nil {
			for f := range m.Locations {
				if isModuleText(f) {
					hit.MatchedText = true
					break
				}
			}
			if len(m.Fragments) > 0 {
				hit.Highlights = map[string][]string{}
				for f, frags := range m.Fragments {
					// Fields without a match come back as plain leading text.
					if name := highlightName(f); name != "" && len(m.Locations[f]) > 0 && len(frags) > 0 {
						hit.Highlights[name] = append(hit.Highlights[name], frags...)
					}
				}
			}
		}
		if m := marked[h.ID]; m != nil && len(matched) > 0 {
			for _, c := range storedStrings(m.Fields[fCompetency]) {
				if slices.Contains(matched, c) {
					hit.MatchedCompetencies = append(hit.MatchedCompetencies, c)
				}
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	if len(q.Facets) > 0 {
		out.Facets = map[curricula.Facet]curricula.FacetResult{}
		for _, f := range q.Facets {
			fr := res.Facets[string(f)]
			r := curricula.FacetResult{}
			if fr != nil {
				r.Other, r.Missing = fr.Other, fr.Missing
				for _, t := range fr.Terms.Terms() {
					r.Values = append(r.Values, curricula.FacetValue{Value: t.Term, Count: t.Count})
				}
			}
			out.Facets[f] = r
		}
	}
	return out, nil
}

// highlightPage finds where the query's own text matches the page's hits
// and highlights it, by searching again among those hits only: term
// locations cost a read per posting, so the main search, which scores
// every match, does without them.
// With competencies, the hits' stored competencies come too.
// The query's positive part is run over the text fields of fs.
func highlightPage(ctx context.Context, fs fieldSet, idx bleve.Index, qs string, hits []*search.DocumentMatch, competencies bool) (map[string]*search.DocumentMatch, error) {
	text, err := userQuery(qs, moduleTargets(fs))
	if err != nil || !hasPositive(text) {
		return nil, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	shown := query.NewBooleanQuery(nonNil(text.Must), nonNil(text.Should), nil)
	q := query.NewBooleanQuery([]query.Query{query.NewDocIDQuery(ids)}, []query.Query{shown}, nil)
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.Fields = fs.moduleFields()
	req.IncludeLocations = true
	if competencies {
		req.Fields = []string{fCompetency}
	}
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, queryError(ctx, err)
	}
	out := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h
	}
	return out, nil
}

func nonNil(q query.Query) []query.Query {
	if q == nil {
		return nil
	}
	return []query.Query{q}
}

// byName sorts modules by name, which is their document ID, from doc
// values (sorting by _id loads each hit's stored ID).
func byName() search.SearchSort {
	return &search.SortField{Field: fName, Type: search.SortFieldAsString}
}

// moduleFilters are the query's filters, ANDed (the values of one ORed).
// The document type is a filter only when the query may match other
// documents than modules (withType): module text fields are on modules
// alone. A filter matching nearly every document is not free: bleve
// advances it for every match.
func moduleFilters(q curricula.ModuleQuery, withType bool) []query.Query {
	var fs []query.Query
	if withType {
		fs = append(fs, termQuery(fType, typeModule))
	}
	add := func(field string, values []string) {
		if len(values) > 0 {
			fs = append(fs, anyTerm(field, values))
		}
	}
	add(fCountry, q.Countries)
	add(fAcademy, q.Academies)
	add(fCurriculum, q.Curricula)
	add(fAgency, strs(q.Agencies))
	depths := make([]string, len(q.Depths))
	for i, d := range q.Depths {
		depths[i] = d.String()
	}
	add(fDepth, depths)
	add(fCompetency, q.Competencies)
	if len(q.Languages) > 0 {
		var ls []query.Query
		for _, l := range q.Languages {
			if strings.Contains(l, "-") {
				ls = append(ls, termQuery(fLang, l))
			} else {
				ls = append(ls, termQuery(fLangBase, curricula.BaseLanguage(l)))
			}
		}
		fs = append(fs, query.NewDisjunctionQuery(ls))
	}
	if q.MinHours > 0 || q.MaxHours > 0 {
		var lo, hi *float64
		if q.MinHours > 0 {
			lo = &q.MinHours
		}
		if q.MaxHours > 0 {
			hi = &q.MaxHours
		}
		incl := true
		r := query.NewNumericRangeInclusiveQuery(lo, hi, &incl, &incl)
		r.SetField(fHours)
		fs = append(fs, r)
	}
	return fs
}

// restrictedHidden matches the restricted modules the caller may not
// read (nil when they may read all): excluded rather than the readable
// ones filtered in, as restricted modules are few.
func restrictedHidden(r curricula.RestrictedScope) query.Query {
	if r.All {
		return nil
	}
	restricted := query.NewBoolFieldQuery(true)
	restricted.SetField(fRestricted)
	if len(r.Academies) == 0 {
		return restricted
	}
	return query.NewBooleanQuery([]query.Query{restricted}, nil, []query.Query{anyTerm(fAcademy, r.Academies)})
}

// concepts matches the query against every competency document and
// returns the best ones (see ConceptMax, ConceptRatio), best first, with
// their score relative to the best.
func (ix *Index) concepts(ctx context.Context, s snapshot, qs string) ([]string, []float64, error) {
	cq, err := userQuery(qs, competencyTargets(s.fields, nil))
	if err != nil || !hasPositive(cq) {
		return nil, nil, err
	}
	top := query.NewBooleanQuery([]query.Query{cq}, nil, nil)
	top.AddFilter(termQuery(fType, typeCompetency))
	req := bleve.NewSearchRequestOptions(top, ConceptMax, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, queryError(ctx, err)
	}
	var names []string
	var boosts []float64
	for _, h := range res.Hits {
		best := res.Hits[0].Score
		if best <= 0 || h.Score < ConceptRatio*best {
			break
		}
		names = append(names, h.ID)
		boosts = append(boosts, h.Score/best)
	}
	return names, boosts, nil
}

func isModuleText(field string) bool {
	p, _, ok := strings.Cut(field, "_")
	return ok && (p == pTitle || p == pDesc || p == pOutcomes)
}

// highlightName is the field name a highlight is reported under.
func highlightName(field string) string {
	p, _, _ := strings.Cut(field, "_")
	switch p {
	case pTitle:
		return "title"
	case pDesc:
		return "description"
	case pOutcomes:
		return "outcomes"
	}
	return ""
}

func storedStrings(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
