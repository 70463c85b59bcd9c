package search

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// fragmentRunes is the length of a highlight fragment, as bleve's simple
// fragmenter.
const fragmentRunes = 200

// maxFragments bounds the fragments of one multi-valued field
// (outcomes).
const maxFragments = 3

// highlighter marks where a query matches the text of a page's hits by
// analysing that text again with each field's analyzer and testing its
// tokens against the query's positive leaves: a page is a few short
// texts, so this is cheaper than term vectors read for every hit, and it
// needs nothing stored in the index. A phrase marks its words only where
// they follow each other as in the phrase.
type highlighter struct {
	m       mapping.IndexMapping
	byField map[string][]matcher
}

// matcher tests the tokens of one field's text; marks are byte ranges.
type matcher interface {
	match(tokens analysis.TokenStream, mark func(t *analysis.Token))
}

// newHighlighter takes a query rewritten over index fields (userQuery);
// its must-not part marks nothing.
func newHighlighter(m mapping.IndexMapping, q *query.BooleanQuery) *highlighter {
	h := &highlighter{m: m, byField: map[string][]matcher{}}
	if q != nil {
		h.add(q.Must)
		h.add(q.Should)
	}
	return h
}

func (h *highlighter) add(q query.Query) {
	analyze := func(field, text string) analysis.TokenStream {
		a := h.m.AnalyzerNamed(h.m.AnalyzerNameForPath(field))
		if a == nil {
			return nil
		}
		return a.Analyze([]byte(text))
	}
	put := func(field string, m matcher) { h.byField[field] = append(h.byField[field], m) }
	switch t := q.(type) {
	case nil:
	case *query.BooleanQuery:
		h.add(t.Must)
		h.add(t.Should)
	case *query.ConjunctionQuery:
		for _, c := range t.Conjuncts {
			h.add(c)
		}
	case *query.DisjunctionQuery:
		for _, c := range t.Disjuncts {
			h.add(c)
		}
	case *query.MatchQuery:
		ts := analyze(t.FieldVal, t.Match)
		for _, tok := range ts {
			put(t.FieldVal, termMatcher{term: string(tok.Term), fuzziness: t.Fuzziness, prefix: t.Prefix})
		}
	case *query.MatchPhraseQuery:
		ts := analyze(t.FieldVal, t.MatchPhrase)
		if len(ts) == 0 {
			return
		}
		p := phraseMatcher{fuzziness: t.Fuzziness}
		for _, tok := range ts {
			p.terms = append(p.terms, string(tok.Term))
			p.offsets = append(p.offsets, tok.Position-ts[0].Position)
		}
		put(t.FieldVal, p)
	case *query.PrefixQuery:
		put(t.FieldVal, prefixMatcher(t.Prefix))
	case *query.WildcardQuery:
		if re, err := regexp.Compile("^(?:" + wildcardToRegexp(t.Wildcard) + ")$"); err == nil {
			put(t.FieldVal, regexpMatcher{re})
		}
	case *query.RegexpQuery:
		if re, err := regexp.Compile("^(?:" + t.Regexp + ")$"); err == nil {
			put(t.FieldVal, regexpMatcher{re})
		}
	}
}

// highlight returns text's fragments with the matches of field marked,
// HTML-escaped around <mark> elements; none when nothing matches.
func (h *highlighter) highlight(field, text string) (string, bool) {
	ms := h.byField[field]
	if len(ms) == 0 || text == "" {
		return "", false
	}
	a := h.m.AnalyzerNamed(h.m.AnalyzerNameForPath(field))
	if a == nil {
		return "", false
	}
	tokens := a.Analyze([]byte(text))
	var spans [][2]int
	for _, m := range ms {
		m.match(tokens, func(t *analysis.Token) {
			if t.Start >= 0 && t.End <= len(text) && t.Start < t.End && utf8.RuneStart(text[t.Start]) &&
				(t.End == len(text) || utf8.RuneStart(text[t.End])) {
				spans = append(spans, [2]int{t.Start, t.End})
			}
		})
	}
	if len(spans) == 0 {
		return "", false
	}
	return fragment(text, mergeSpans(spans)), true
}

type termMatcher struct {
	term      string
	fuzziness int
	prefix    int
}

func (m termMatcher) match(ts analysis.TokenStream, mark func(*analysis.Token)) {
	for _, t := range ts {
		if m.matches(string(t.Term)) {
			mark(t)
		}
	}
}

func (m termMatcher) matches(term string) bool {
	if m.fuzziness == 0 {
		return term == m.term
	}
	p := min(m.prefix, len(m.term))
	return strings.HasPrefix(term, m.term[:p]) && withinEdits(term, m.term, m.fuzziness)
}

type phraseMatcher struct {
	terms     []string
	offsets   []int // positions relative to the first term's
	fuzziness int
}

func (m phraseMatcher) match(ts analysis.TokenStream, mark func(*analysis.Token)) {
	at := make(map[int]*analysis.Token, len(ts))
	for _, t := range ts {
		at[t.Position] = t
	}
	eq := func(a, b string) bool { return a == b || m.fuzziness > 0 && withinEdits(a, b, m.fuzziness) }
	for _, t := range ts {
		if !eq(string(t.Term), m.terms[0]) {
			continue
		}
		ok := true
		for i := 1; i < len(m.terms) && ok; i++ {
			u := at[t.Position+m.offsets[i]]
			ok = u != nil && eq(string(u.Term), m.terms[i])
		}
		if ok {
			for i := range m.terms {
				mark(at[t.Position+m.offsets[i]])
			}
		}
	}
}

type prefixMatcher string

func (m prefixMatcher) match(ts analysis.TokenStream, mark func(*analysis.Token)) {
	for _, t := range ts {
		if strings.HasPrefix(string(t.Term), string(m)) {
			mark(t)
		}
	}
}

type regexpMatcher struct{ re *regexp.Regexp }

func (m regexpMatcher) match(ts analysis.TokenStream, mark func(*analysis.Token)) {
	for _, t := range ts {
		if m.re.Match(t.Term) {
			mark(t)
		}
	}
}

// wildcardToRegexp converts a wildcard term (* any runes, ? one rune) as
// bleve's wildcard query does.
func wildcardToRegexp(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// withinEdits reports whether a and b are at most k edits (Levenshtein,
// in runes) apart.
func withinEdits(a, b string, k int) bool {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > k || -d > k {
		return false
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)] <= k
}
