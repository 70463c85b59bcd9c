package curricula

import "context"

// Search is the contract between the services and the search index (the
// search package implements it on bleve). The index is derived data: it
// applies the store's change log in order, records the last sequence it
// applied, and can be rebuilt from the store at any time. It returns
// resource names, scores, snippets and the reason of each hit; the
// services read the resources themselves from the store, which is the
// truth.
type Search interface {
	// SearchModules runs q. Restricted modules the caller may not read
	// (q.Restricted) are neither hits nor counted in facets.
	SearchModules(ctx context.Context, q ModuleQuery) (ModuleResults, error)
	// SearchCompetencies searches the titles and descriptions, in every
	// language, of one framework's competencies.
	SearchCompetencies(ctx context.Context, q CompetencyQuery) (CompetencyResults, error)
	// WaitFor blocks until the index has applied change seq (read your
	// writes), ctx ends (its error), or the index fails.
	WaitFor(ctx context.Context, seq uint64) error
	// Stats reports the index's state.
	Stats(ctx context.Context) (IndexStats, error)
	// Rebuild drops the index and builds it again from the store,
	// reporting progress (documents indexed so far) to progress when it
	// is not nil. Searches go on against the old index until the new one
	// is complete.
	Rebuild(ctx context.Context, progress func(done, total int)) (IndexStats, error)
}

// Facet names a module facet.
type Facet string

// Module facets.
const (
	FacetCountry    Facet = "country"
	FacetAcademy    Facet = "academy"
	FacetLanguage   Facet = "language"
	FacetCompetency Facet = "competency"
	FacetDepth      Facet = "depth"
)

// Facets are every module facet, in display order.
var Facets = []Facet{FacetCountry, FacetAcademy, FacetLanguage, FacetCompetency, FacetDepth}

// SearchOrder is the order of module hits.
type SearchOrder string

// Module hit orders. Ties are broken by resource name, so that a page
// token (a search_after cursor) is stable across pages.
const (
	OrderRelevance SearchOrder = ""           // score, descending
	OrderHours     SearchOrder = "hours"      // hours ascending
	OrderHoursDesc SearchOrder = "hours desc" // hours descending
)

// RestrictedScope says whose restricted modules a caller may read: every
// academy's (All) or only those of Academies.
type RestrictedScope struct {
	All       bool
	Academies []string
}

// ModuleQuery is one module search. Query is in the syntax users know:
// words, "phrases", prefix*, +must and -not. An empty Query matches every
// module (filters and facets still apply). Filters are ANDed; the values
// of one filter are ORed.
type ModuleQuery struct {
	Query     string
	Countries []string // ISO 3166-1 alpha-2
	Academies []string // academy IDs
	Curricula []string // curriculum names (academies/a/curricula/c)
	Languages []string // language tags, matched on the primary subtag too ("fa" matches "fa-AF")
	Agencies  []Agency
	Depths    []Depth
	// Competencies are competency names (frameworks/f/competencies/c); a
	// module matches when it is aligned to one of them or, the caller
	// having expanded the list, to a descendant.
	Competencies []string
	MinHours     float64 // 0: no lower bound
	MaxHours     float64 // 0: no upper bound
	Facets       []Facet
	FacetSize    int // values per facet; 0: the index's default
	Order        SearchOrder
	// Concepts turns concept search on: Query is also matched against
	// the competency titles in every language, and modules aligned to
	// the matched competencies are hits too.
	Concepts   bool
	Restricted RestrictedScope
	PageSize   int
	// After is the cursor of the previous page's last hit ("" for the
	// first page).
	After string
}

// ModuleHit is one module found.
type ModuleHit struct {
	Name  string
	Score float64
	// Highlights are snippets of the module's own text with the matched
	// terms marked <mark>…</mark>, by field (title, description,
	// outcomes); empty when it matched through competencies only.
	Highlights map[string][]string
	// MatchedText is true when the module's own text matched the query.
	MatchedText bool
	// MatchedCompetencies are the names of the competencies through which
	// concept search found it.
	MatchedCompetencies []string
}

// FacetValue is one value of a facet and its number of hits.
type FacetValue struct {
	Value string
	Count int
}

// FacetResult is one facet's counts. Other counts the hits with a value
// outside Values (beyond FacetSize); Missing those with no value.
type FacetResult struct {
	Values  []FacetValue
	Other   int
	Missing int
}

// ModuleResults are one page of hits.
type ModuleResults struct {
	Hits  []ModuleHit
	Total int
	// Facets holds, per requested facet, counts over all Total hits.
	Facets map[Facet]FacetResult
	// Next is the cursor for the next page; "" on the last.
	Next string
	// Competencies are the competencies concept search matched, best
	// first.
	Competencies []string
	// Sequence is the last change of the store the index had applied.
	Sequence uint64
}

// CompetencyQuery is a search over one framework's competencies.
type CompetencyQuery struct {
	Framework string // framework name (frameworks/f)
	Query     string
	Languages []string // restrict matching to these languages; empty: all
	PageSize  int
	After     string
}

// CompetencyHit is one competency found.
type CompetencyHit struct {
	Name       string
	Score      float64
	Highlights map[string][]string // by field, e.g. "title.ru"
}

// CompetencyResults are one page of competency hits.
type CompetencyResults struct {
	Hits     []CompetencyHit
	Total    int
	Next     string
	Sequence uint64
}

// IndexStats describes the index.
type IndexStats struct {
	Path           string
	SizeBytes      int64
	Modules        int
	Competencies   int
	Sequence       uint64 // last change applied
	StoreSequence  uint64 // last change in the store
	MappingVersion int
	// Rebuilt says why the index was last rebuilt ("", "missing",
	// "corrupt", "mapping changed", "ahead of store", "requested").
	Rebuilt string
	// Building is true while the index is built from the store after
	// start-up found it missing or unusable: searches are UNAVAILABLE
	// until it is done. BuildDone of BuildTotal documents are indexed.
	Building              bool
	BuildDone, BuildTotal int
}

// Lag is how many changes the index is behind the store.
func (s IndexStats) Lag() uint64 {
	if s.StoreSequence <= s.Sequence {
		return 0
	}
	return s.StoreSequence - s.Sequence
}
