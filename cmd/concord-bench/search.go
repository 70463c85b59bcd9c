package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/internal/corpus"
	"google.golang.org/grpc"
)

// topK is the page size of every search: the service's, bleve's and
// PostgreSQL's top k.
const topK = 10

// queryClass is one kind of search in the fixed query set.
type queryClass string

const (
	classText   queryClass = "text"        // the words alone
	classFacets queryClass = "text+facets" // and two facets: country, language
	classFilter queryClass = "text+filter" // and a filter: the query's language
)

var queryClasses = []queryClass{classText, classFacets, classFilter}

// searchFacets are the facets of classFacets.
var searchFacets = []string{"country", "language"}

// searcher runs query i of a class against one endpoint.
type searcher func(ctx context.Context, class queryClass, q corpus.Query) error

// querySet is the fixed query set: 1–3 words (some phrases and
// prefixes) in the corpus' languages and proportions.
func querySet(seed uint64) []corpus.Query { return corpus.Queries(seed, 50) }

func grpcSearcher(conn *grpc.ClientConn) searcher {
	sc := pb.NewSearchServiceClient(conn)
	return func(ctx context.Context, class queryClass, q corpus.Query) error {
		req := &pb.SearchModulesRequest{Query: q.Text, PageSize: topK}
		switch class {
		case classFacets:
			req.Facets = searchFacets
		case classFilter:
			req.Languages = []string{q.Language}
		}
		_, err := sc.SearchModules(ctx, req)
		return err
	}
}

func restSearcher(httpAddr string) searcher {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	return func(ctx context.Context, class queryClass, q corpus.Query) error {
		v := url.Values{"query": {q.Text}, "page_size": {strconv.Itoa(topK)}}
		switch class {
		case classFacets:
			v["facets"] = searchFacets
		case classFilter:
			v.Set("languages", q.Language)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+httpAddr+"/v1/modules:search?"+v.Encode(), nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("REST %s: %s", resp.Status, truncate(string(body), 200))
		}
		return nil
	}
}

func bleveSearcher(idx bleve.Index) searcher {
	return func(ctx context.Context, class queryClass, q corpus.Query) error {
		var query = bleve.NewQueryStringQuery(q.Text)
		req := bleve.NewSearchRequestOptions(query, topK, 0, false)
		switch class {
		case classFacets:
			for _, f := range searchFacets {
				req.AddFacet(f, bleve.NewFacetRequest(f, 10))
			}
		case classFilter:
			lang := bleve.NewTermQuery(q.Language)
			lang.SetField("language")
			req = bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(query, lang), topK, 0, false)
		}
		_, err := idx.SearchInContext(ctx, req)
		return err
	}
}

// runSearches times every class of the query set against s: n calls per
// class, cycling through the queries, after a warm-up.
func runSearches(ctx context.Context, s searcher, qs []corpus.Query, n int) (map[queryClass]Latency, error) {
	out := map[queryClass]Latency{}
	for _, class := range queryClasses {
		l, err := timeCalls(n, min(20, n), func(i int) error { return s(ctx, class, qs[i%len(qs)]) })
		if err != nil {
			return nil, fmt.Errorf("%s: %w", class, err)
		}
		out[class] = l
	}
	return out, nil
}

// endpoint is a named searcher.
type endpoint struct {
	name string
	s    searcher
}

// runSearchesTogether times every class of the query set against every
// endpoint: n calls per class and endpoint, cycling through the queries,
// after a warm-up. The endpoints take turns call by call (the first one
// changing every round), so that none is measured on a colder cache or a
// busier machine than another. An endpoint that fails is dropped and its
// error returned; queries per second are one client's, over the time in
// calls.
func runSearchesTogether(ctx context.Context, es []endpoint, qs []corpus.Query, n int) (map[string]map[queryClass]Latency, map[string]error) {
	out := map[string]map[queryClass]Latency{}
	errs := map[string]error{}
	call := func(e endpoint, class queryClass, i int) (time.Duration, bool) {
		if errs[e.name] != nil {
			return 0, false
		}
		t := time.Now()
		if err := e.s(ctx, class, qs[i%len(qs)]); err != nil {
			errs[e.name] = fmt.Errorf("%s: %w", class, err)
			return 0, false
		}
		return time.Since(t), true
	}
	for _, class := range queryClasses {
		for i := range min(20, n) {
			for _, e := range es {
				call(e, class, i)
			}
		}
		ds := make([][]time.Duration, len(es))
		for i := range n {
			for k := range es {
				j := (i + k) % len(es)
				if d, ok := call(es[j], class, i); ok {
					ds[j] = append(ds[j], d)
				}
			}
		}
		for j, e := range es {
			if errs[e.name] != nil {
				continue
			}
			var busy time.Duration
			for _, d := range ds[j] {
				busy += d
			}
			if out[e.name] == nil {
				out[e.name] = map[queryClass]Latency{}
			}
			out[e.name][class] = summarise(ds[j], busy)
		}
	}
	for name := range errs {
		delete(out, name)
	}
	return out, errs
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
