package search_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/internal/corpus"
	"github.com/concord-ibm/concord/search"
	"github.com/concord-ibm/concord/storage"
)

// The search benchmark runs on a synthetic corpus (internal/corpus) of
// CONCORD_BENCH_MODULES modules (default 100000), built once per process
// in a temporary directory: a bbolt store, the Concord index over it, and
// a plain bleve index (one standard-analysed text field, two keyword
// fields) of the same modules for comparison. Every iteration runs the
// same benchQueries queries; p50 and p99 are reported in ms.
//
//	go test -run '^$' -bench BenchmarkSearch -benchtime 3x ./search/
//	CONCORD_BENCH_MODULES=10000 go test -run '^$' -bench BenchmarkSearch ./search/
//
// CONCORD_BENCH_DIR keeps the corpus between runs: the store and both
// indexes are built in DIR/modules-N once and reopened afterwards (the
// Concord index rebuilds itself there when its mapping version changed).

const benchQueries = 200

type benchCorpus struct {
	dir     string
	keep    bool
	modules int
	store   *storage.DB
	ix      *search.Index
	raw     bleve.Index
	queries []corpus.Query
	err     error
}

var (
	benchOnce sync.Once
	bench     benchCorpus
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" && !bench.keep {
		if bench.ix != nil {
			_ = bench.ix.Close()
		}
		if bench.raw != nil {
			_ = bench.raw.Close()
		}
		if bench.store != nil {
			_ = bench.store.Close()
		}
		_ = os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

func benchModules() int {
	if n, err := strconv.Atoi(os.Getenv("CONCORD_BENCH_MODULES")); err == nil && n > 0 {
		return n
	}
	return corpus.Medium
}

func loadBench(b *testing.B) *benchCorpus {
	benchOnce.Do(func() {
		bench.err = buildBench(benchModules())
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return &bench
}

func buildBench(n int) error {
	ctx := context.Background()
	var dir string
	if keep := os.Getenv("CONCORD_BENCH_DIR"); keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("modules-%d", n))
		bench.keep = true
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	} else {
		d, err := os.MkdirTemp("", "concord-search-bench-")
		if err != nil {
			return err
		}
		dir = d
	}
	bench.dir, bench.modules = dir, n
	// "complete" marks a corpus whose store and raw index were fully built.
	complete := filepath.Join(dir, "complete")
	reuse := false
	if _, err := os.Stat(complete); err == nil {
		reuse = true
	} else if err := os.RemoveAll(dir); err != nil || os.MkdirAll(dir, 0o700) != nil {
		return fmt.Errorf("bench: cannot reset %s", dir)
	}
	st, err := storage.Open(filepath.Join(dir, "concord.db"), storage.Options{NoSync: true})
	if err != nil {
		return err
	}
	bench.store = st
	cfg := corpus.Config{Seed: 1, Modules: n}
	t0 := time.Now()
	if !reuse {
		if _, err := corpus.Load(ctx, st, cfg, 5000, nil); err != nil {
			return err
		}
		log.Printf("bench: %d modules stored in %v", n, time.Since(t0).Round(time.Millisecond))
	}

	t0 = time.Now()
	ix, err := search.Open(filepath.Join(dir, "index"), st, search.Options{Logger: quiet})
	if err != nil {
		return err
	}
	bench.ix = ix
	last, err := st.LastSequence(ctx)
	if err != nil {
		return err
	}
	if err := ix.WaitFor(ctx, last); err != nil { // built in the background
		return err
	}
	log.Printf("bench: Concord index opened or built in %v", time.Since(t0).Round(time.Millisecond))

	t0 = time.Now()
	var raw bleve.Index
	if reuse {
		raw, err = bleve.Open(filepath.Join(dir, "raw"))
	} else {
		raw, err = buildRaw(ctx, filepath.Join(dir, "raw"), cfg)
	}
	if err != nil {
		return err
	}
	bench.raw = raw
	log.Printf("bench: raw bleve index opened or built in %v", time.Since(t0).Round(time.Millisecond))
	if !reuse {
		if err := os.WriteFile(complete, nil, 0o600); err != nil {
			return err
		}
	}
	bench.queries = corpus.Queries(2, benchQueries)
	return nil
}

// buildRaw indexes the same modules into plain bleve: one text field with
// the standard analyzer, keyword country and language.
func buildRaw(ctx context.Context, path string, cfg corpus.Config) (bleve.Index, error) {
	im := mapping.NewIndexMapping()
	dm := mapping.NewDocumentStaticMapping()
	text := mapping.NewTextFieldMapping()
	text.Store, text.IncludeTermVectors, text.DocValues = false, false, false
	dm.AddFieldMappingsAt("text", text)
	for _, f := range []string{"country", "language"} {
		k := mapping.NewKeywordFieldMapping()
		k.Store, k.IncludeInAll = false, false
		dm.AddFieldMappingsAt(f, k)
	}
	im.DefaultMapping = dm
	im.DefaultField = "text"
	idx, err := bleve.New(path, im)
	if err != nil {
		return nil, err
	}
	country := map[string]string{}
	batch := idx.NewBatch()
	err = corpus.Generate(ctx, cfg, func(r curricula.Resource) error {
		switch r := r.(type) {
		case *curricula.Academy:
			country[r.Name] = r.Country
		case *curricula.Module:
			n, _ := curricula.ParseName(curricula.KindModule, r.Name)
			doc := map[string]any{
				"text":     r.Title + "\n" + r.Description + "\n" + strings.Join(r.Outcomes, "\n"),
				"country":  country[curricula.AcademyName(n.IDs[0])],
				"language": r.Language,
			}
			if err := batch.Index(r.Name, doc); err != nil {
				return err
			}
			if batch.Size() >= 1000 {
				if err := idx.Batch(batch); err != nil {
					return err
				}
				batch.Reset()
			}
		}
		return nil
	})
	if err == nil {
		err = idx.Batch(batch)
	}
	return idx, err
}

// BenchmarkSearch reports per-query latency percentiles; one op is one
// pass over every query.
func BenchmarkSearch(b *testing.B) {
	c := loadBench(b)
	ctx := context.Background()
	facets := []curricula.Facet{curricula.FacetCountry, curricula.FacetLanguage}
	concord := func(concepts bool, facets []curricula.Facet) func(q corpus.Query) error {
		return func(q corpus.Query) error {
			_, err := c.ix.SearchModules(ctx, curricula.ModuleQuery{Query: q.Text, Concepts: concepts, Facets: facets})
			return err
		}
	}
	raw := func(facets bool) func(q corpus.Query) error {
		return func(q corpus.Query) error {
			req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q.Text), 20, 0, false)
			if facets {
				req.AddFacet("country", bleve.NewFacetRequest("country", 10))
				req.AddFacet("language", bleve.NewFacetRequest("language", 10))
			}
			_, err := c.raw.SearchInContext(ctx, req)
			return err
		}
	}
	for _, bc := range []struct {
		name string
		run  func(corpus.Query) error
	}{
		{"raw-bleve", raw(false)},
		{"raw-bleve+facets", raw(true)},
		{"concord", concord(false, nil)},
		{"concord+facets", concord(false, facets)},
		{"concord+concepts+facets", concord(true, facets)},
	} {
		b.Run(fmt.Sprintf("%s/modules=%d", bc.name, c.modules), func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				for _, q := range c.queries {
					t0 := time.Now()
					if err := bc.run(q); err != nil {
						b.Fatalf("%q: %v", q.Text, err)
					}
					lat = append(lat, time.Since(t0))
				}
			}
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[int(p*float64(len(lat)-1))]) / float64(time.Millisecond)
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}
