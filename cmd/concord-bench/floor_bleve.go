package main

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/internal/corpus"
)

// floorBatch is the batch size of the raw floors.
const floorBatch = 1000

// bleveMapping is the floor's plain mapping: the module's text (title,
// description, outcomes) in one field with the standard analyzer, and
// keyword fields for the facets and filters.
func bleveMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = standard.Name
	text.IncludeInAll = false
	doc.AddFieldMappingsAt("text", text)
	for _, f := range []string{"country", "language", "academy"} {
		kw := bleve.NewKeywordFieldMapping()
		kw.Analyzer = keyword.Name
		kw.IncludeInAll = false
		doc.AddFieldMappingsAt(f, kw)
	}
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultField = "text"
	return m
}

// ingestBleve indexes the corpus into a new scorch index at path, in
// batches of floorBatch, and closes it (persisted: durable). Generating
// the modules is not timed; building the batches, indexing and closing is.
func ingestBleve(ctx context.Context, path string, cfg corpus.Config, progress func(string)) (time.Duration, error) {
	var took time.Duration
	t := time.Now()
	idx, err := bleve.New(path, bleveMapping())
	if err != nil {
		return 0, err
	}
	took += time.Since(t)
	n := 0
	err = batches(ctx, cfg, floorBatch, func(ds []doc) error {
		t := time.Now()
		b := idx.NewBatch()
		for _, d := range ds {
			m := d.module
			n, _ := curricula.ParseName(curricula.KindModule, m.Name)
			if err := b.Index(m.Name, map[string]any{"text": moduleText(m), "country": d.country,
				"language": m.Language, "academy": n.IDs[0]}); err != nil {
				return err
			}
		}
		err := idx.Batch(b)
		took += time.Since(t)
		n += len(ds)
		if n%(50*floorBatch) == 0 {
			progress(fmt.Sprintf("floor bleve: %d/%d (%.0f/s)", n, cfg.Modules, float64(n)/took.Seconds()))
		}
		return err
	})
	t = time.Now()
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	took += time.Since(t)
	return took, err
}
