package services

import (
	"math"
	"slices"
	"strconv"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// Search request bounds.
const (
	// MaxQueryBytes bounds a search query.
	MaxQueryBytes       = 512
	DefaultSearchPage   = 20
	MaxSearchPage       = 100
	DefaultFacetSize    = 10
	MaxFacetSize        = 100
	maxSearchFilterVals = 100
)

// searchOrders maps order_by values to hit orders.
var searchOrders = map[string]curricula.SearchOrder{
	"":           curricula.OrderRelevance,
	"relevance":  curricula.OrderRelevance,
	"hours":      curricula.OrderHours,
	"hours asc":  curricula.OrderHours,
	"hours desc": curricula.OrderHoursDesc,
}

// moduleQueryFromProto validates r and turns it into a module query
// (without the restricted scope, the competencies' descendants and the
// cursor, which the service adds). Every bad field is a violation.
func moduleQueryFromProto(r *pb.SearchModulesRequest) (curricula.ModuleQuery, curricula.Violations) {
	var vs curricula.Violations
	q := curricula.ModuleQuery{Query: r.GetQuery(), Concepts: !r.GetTextOnly()}
	checkQuery(&vs, "query", q.Query)
	listLimit(&vs, "countries", len(r.GetCountries()))
	for i, c := range r.GetCountries() {
		if !curricula.ValidCountry(c) {
			vs.Add(indexed("countries", i), "%q is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. KZ)", c)
		}
	}
	q.Countries = slices.Clone(r.GetCountries())
	listLimit(&vs, "academies", len(r.GetAcademies()))
	for i, a := range r.GetAcademies() {
		if !curricula.ValidID(a) {
			vs.Add(indexed("academies", i), "%q is not an academy ID (e.g. kz-border-academy)", a)
		}
	}
	q.Academies = slices.Clone(r.GetAcademies())
	listLimit(&vs, "curricula", len(r.GetCurricula()))
	for i, c := range r.GetCurricula() {
		if _, err := curricula.ParseName(curricula.KindCurriculum, c); err != nil {
			vs.Add(indexed("curricula", i), "%q is not a curriculum name (academies/{academy}/curricula/{curriculum})", c)
		}
	}
	q.Curricula = slices.Clone(r.GetCurricula())
	listLimit(&vs, "languages", len(r.GetLanguages()))
	for i, l := range r.GetLanguages() {
		if !curricula.ValidLanguage(l) {
			vs.Add(indexed("languages", i), "%q is not a language tag (e.g. ru, fa-AF)", l)
		}
	}
	q.Languages = slices.Clone(r.GetLanguages())
	for i, a := range r.GetAgencies() {
		if !slices.Contains(curricula.Agencies, curricula.Agency(a)) {
			vs.Add(indexed("agencies", i), "%q is not one of %s", a, strings.Join(strings2(curricula.Agencies), ", "))
		}
	}
	q.Agencies = typed[curricula.Agency](r.GetAgencies())
	for i, d := range r.GetDepths() {
		dd := depths.domain(d)
		if !dd.Valid() {
			vs.Add(indexed("depths", i), "%s is not a depth (INTRODUCED, REINFORCED or MASTERED)", d)
			continue
		}
		q.Depths = append(q.Depths, dd)
	}
	listLimit(&vs, "competencies", len(r.GetCompetencies()))
	for i, c := range r.GetCompetencies() {
		if _, err := curricula.ParseName(curricula.KindCompetency, c); err != nil {
			vs.Add(indexed("competencies", i), "%q is not a competency name (frameworks/{framework}/competencies/{competency}); the CLI resolves codes", c)
		}
	}
	q.Competencies = slices.Clone(r.GetCompetencies())
	q.MinHours, q.MaxHours = r.GetMinHours(), r.GetMaxHours()
	for field, h := range map[string]float64{"min_hours": q.MinHours, "max_hours": q.MaxHours} {
		if h < 0 || math.IsNaN(h) || math.IsInf(h, 0) {
			vs.Add(field, "must be a non-negative number of hours")
		}
	}
	if q.MaxHours > 0 && q.MinHours > q.MaxHours {
		vs.Add("min_hours", "%s is above max_hours %s", fmtHours(q.MinHours), fmtHours(q.MaxHours))
	}
	for i, f := range r.GetFacets() {
		switch {
		case !slices.Contains(curricula.Facets, curricula.Facet(f)):
			vs.Add(indexed("facets", i), "%q is not a facet: %s", f, strings.Join(strings2(curricula.Facets), ", "))
		case slices.Contains(q.Facets, curricula.Facet(f)):
			vs.Add(indexed("facets", i), "%q is repeated", f)
		default:
			q.Facets = append(q.Facets, curricula.Facet(f))
		}
	}
	q.FacetSize = DefaultFacetSize
	switch n := r.GetFacetSize(); {
	case n < 0 || n > MaxFacetSize:
		vs.Add("facet_size", "must be between 0 and %d", MaxFacetSize)
	case n > 0:
		q.FacetSize = int(n)
	}
	order, ok := searchOrders[strings.ToLower(strings.TrimSpace(r.GetOrderBy()))]
	if !ok {
		vs.Add("order_by", "%q is not an order: relevance, hours or \"hours desc\"", r.GetOrderBy())
	}
	q.Order = order
	q.PageSize = searchPageSize(&vs, r.GetPageSize())
	if r.GetMinSequence() < 0 {
		vs.Add("min_sequence", "must not be negative")
	}
	return q, vs
}

// checkQuery bounds a query's length.
func checkQuery(vs *curricula.Violations, field, q string) {
	if len(q) > MaxQueryBytes {
		vs.Add(field, "is %d bytes long; at most %d", len(q), MaxQueryBytes)
	}
}

func listLimit(vs *curricula.Violations, field string, n int) {
	if n > maxSearchFilterVals {
		vs.Add(field, "has %d values; at most %d", n, maxSearchFilterVals)
	}
}

func searchPageSize(vs *curricula.Violations, n int32) int {
	switch {
	case n < 0 || n > MaxSearchPage:
		vs.Add("page_size", "must be between 0 and %d", MaxSearchPage)
		return 0
	case n == 0:
		return DefaultSearchPage
	}
	return int(n)
}

func fmtHours(h float64) string { return strconv.FormatFloat(h, 'g', -1, 64) }

// moduleQueryCheck is the checksum a page token of r carries: every field
// that shapes the hits and their order (not page_size, facets or
// min_sequence, which may change between pages).
func moduleQueryCheck(r *pb.SearchModulesRequest) uint32 {
	ds := make([]string, len(r.GetDepths()))
	for i, d := range r.GetDepths() {
		ds[i] = d.String()
	}
	return requestCheck("modules", r.GetQuery(), join(r.GetCountries()), join(r.GetAcademies()), join(r.GetCurricula()),
		join(r.GetLanguages()), join(r.GetAgencies()), join(ds), join(r.GetCompetencies()),
		fmtHours(r.GetMinHours()), fmtHours(r.GetMaxHours()), strings.ToLower(strings.TrimSpace(r.GetOrderBy())),
		strconv.FormatBool(r.GetTextOnly()))
}

func join(s []string) string { return strings.Join(s, "\x1f") }

// highlightOrder ranks a module's highlight fields; others (a
// competency's title.LANG, description.LANG) follow by name.
var highlightOrder = map[string]int{"title": 1, "description": 2, "outcomes": 3}

// highlightsToProto orders the highlight fields: title, description,
// outcomes, then the others by name.
func highlightsToProto(h map[string][]string) []*pb.Highlight {
	fields := make([]string, 0, len(h))
	for f := range h {
		fields = append(fields, f)
	}
	slices.SortFunc(fields, func(a, b string) int {
		ra, rb := highlightOrder[a], highlightOrder[b]
		if ra == 0 {
			ra = len(highlightOrder) + 1
		}
		if rb == 0 {
			rb = len(highlightOrder) + 1
		}
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	out := make([]*pb.Highlight, 0, len(fields))
	for _, f := range fields {
		out = append(out, &pb.Highlight{Field: f, Fragments: h[f]})
	}
	return out
}

// facetsToProto lists the facets in the order they were asked for.
func facetsToProto(asked []curricula.Facet, got map[curricula.Facet]curricula.FacetResult) []*pb.FacetResult {
	out := make([]*pb.FacetResult, 0, len(asked))
	for _, f := range asked {
		r := got[f]
		fr := &pb.FacetResult{Facet: string(f), Other: int32(r.Other), Missing: int32(r.Missing)}
		for _, v := range r.Values {
			fr.Values = append(fr.Values, &pb.FacetCount{Value: v.Value, Count: int32(v.Count)})
		}
		out = append(out, fr)
	}
	return out
}

func indexStatsToProto(s curricula.IndexStats) *pb.IndexStats {
	return &pb.IndexStats{
		Path:           s.Path,
		SizeBytes:      s.SizeBytes,
		Modules:        int32(s.Modules),
		Competencies:   int32(s.Competencies),
		Sequence:       int64(s.Sequence),
		StoreSequence:  int64(s.StoreSequence),
		Lag:            int64(s.Lag()),
		MappingVersion: int32(s.MappingVersion),
		Rebuilt:        s.Rebuilt,
		Building:       s.Building,
		BuildDone:      int32(s.BuildDone),
		BuildTotal:     int32(s.BuildTotal),
	}
}
