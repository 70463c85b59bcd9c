package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/concord-ibm/concord/curricula"
)

// Query limits.
const (
	// MaxQueryBytes bounds the length of a query.
	MaxQueryBytes = 512
	// DefaultMaxTerms bounds the terms one search may run (every term
	// of every field, wildcard and fuzzy expansions included) unless
	// Options.MaxTerms says otherwise.
	DefaultMaxTerms = 8192
)

// userQuery parses a query in bleve's query-string syntax and rewrites
// each of its leaves into a disjunction of the same leaf over fields
// (fields maps a field the user named — "" for none — to index fields;
// nil means the user named an unknown field). The query's boolean
// structure is kept, so +must and -not hold across fields. An empty
// query returns nil.
func userQuery(q string, fields func(user string) ([]string, bool)) (*query.BooleanQuery, error) {
	if len(q) > MaxQueryBytes {
		return nil, invalid("query", "is %d bytes long; at most %d", len(q), MaxQueryBytes)
	}
	if strings.TrimSpace(q) == "" {
		return nil, nil
	}
	parsed, err := query.NewQueryStringQuery(q).Parse()
	if err != nil {
		return nil, invalid("query", "cannot be parsed: %s", firstLine(err.Error()))
	}
	bq, ok := parsed.(*query.BooleanQuery)
	if !ok {
		return nil, invalid("query", "cannot be parsed")
	}
	out, err := rewrite(bq, fields)
	if err != nil {
		return nil, err
	}
	return out.(*query.BooleanQuery), nil
}

func rewrite(q query.Query, fields func(string) ([]string, bool)) (query.Query, error) {
	each := func(qs []query.Query) error {
		for i, c := range qs {
			r, err := rewrite(c, fields)
			if err != nil {
				return err
			}
			qs[i] = r
		}
		return nil
	}
	target := func(user string) ([]string, error) {
		fs, ok := fields(user)
		if !ok {
			return nil, invalid("query", "%q is not a field to search (title, description or outcomes)", user)
		}
		return fs, nil
	}
	switch t := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{t.Must, t.Should, t.MustNot} {
			if sub != nil {
				if _, err := rewrite(sub, fields); err != nil {
					return nil, err
				}
			}
		}
		return t, nil
	case *query.ConjunctionQuery:
		return t, each(t.Conjuncts)
	case *query.DisjunctionQuery:
		return t, each(t.Disjuncts)
	case *query.MatchQuery:
		fs, err := target(t.FieldVal)
		return fanOut(fs, func(f string) query.Query { c := *t; c.FieldVal = f; return &c }), err
	case *query.MatchPhraseQuery:
		fs, err := target(t.FieldVal)
		return fanOut(fs, func(f string) query.Query { c := *t; c.FieldVal = f; return &c }), err
	case *query.WildcardQuery:
		fs, err := target(t.FieldVal)
		w := strings.ToLower(t.Wildcard)
		return fanOut(fs, func(f string) query.Query { c := *t; c.FieldVal, c.Wildcard = f, w; return &c }), err
	case *query.RegexpQuery:
		fs, err := target(t.FieldVal)
		return fanOut(fs, func(f string) query.Query { c := *t; c.FieldVal = f; return &c }), err
	case *query.NumericRangeQuery:
		// A bare number is parsed as "the word, or a numeric field
		// equal to it"; text has no numeric field.
		return query.NewMatchNoneQuery(), nil
	case *query.MatchNoneQuery, *query.MatchAllQuery:
		return t, nil
	}
	return nil, invalid("query", "this kind of query is not supported (%T); use words, \"phrases\", prefix*, +must and -not", q)
}

func fanOut(fields []string, leaf func(field string) query.Query) query.Query {
	if len(fields) == 0 {
		return query.NewMatchNoneQuery()
	}
	qs := make([]query.Query, len(fields))
	for i, f := range fields {
		qs[i] = leaf(f)
	}
	return query.NewDisjunctionQuery(qs)
}

// hasPositive reports whether q has a clause that selects documents
// (rather than only excluding them).
func hasPositive(q *query.BooleanQuery) bool { return q != nil && (q.Must != nil || q.Should != nil) }

// limitTerms bounds the term searchers of one search.
func limitTerms(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, search.MaxTermSearchersKey, n)
}

// queryError maps a search error: too many terms is resource exhausted.
func queryError(ctx context.Context, err error, maxTerms int) error {
	if strings.Contains(err.Error(), "TooManyTermSearchers") || strings.Contains(err.Error(), "TooManyClauses") {
		return curricula.Errorf(curricula.ERESOURCEEXHAUSTED,
			"query: expands to too many terms (more than %d over all fields); use longer prefixes or fewer wildcards", maxTerms)
	}
	return searchError(ctx, err)
}

func invalid(field, format string, args ...any) error {
	var vs curricula.Violations
	vs.Add(field, format, args...)
	return vs.Err()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func termQuery(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

// anyTerm matches documents whose field holds one of values.
func anyTerm(field string, values []string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		qs[i] = termQuery(field, v)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}
