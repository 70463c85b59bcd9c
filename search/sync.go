package search

import (
	"context"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/concord-ibm/concord/curricula"
)

// run follows the change log until ctx ends: after every commit
// notification, and every PollInterval as a safety net.
func (ix *Index) run(ctx context.Context) {
	defer close(ix.done)
	t := time.NewTicker(ix.opts.PollInterval)
	defer t.Stop()
	for ix.isBuilding() {
		err := ix.buildAtOpen(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return
		}
		ix.log.Error("search index cannot be built from the store; retrying", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
	for {
		changed := ix.store.Changed() // taken before reading: no commit goes unnoticed
		if err := ix.catchUp(ctx); err != nil && ctx.Err() == nil {
			ix.log.Error("search index cannot apply the change log; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-changed:
		case <-t.C:
		}
	}
}

func (ix *Index) isBuilding() bool {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	return ix.building
}

// catchUp applies every change after the index's sequence.
func (ix *Index) catchUp(ctx context.Context) error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	ix.mu.RLock()
	idx := ix.idx
	ix.mu.RUnlock()
	ix.stateMu.Lock()
	from := ix.seq
	ix.stateMu.Unlock()
	return ix.follow(ctx, idx, from, func(seq uint64, fs fieldSet) {
		ix.stateMu.Lock()
		ix.fields = fs
		ix.stateMu.Unlock()
		ix.advance(seq)
	})
}

// follow applies the changes after from to idx, page by page, calling
// applied after each page. The caller holds applyMu.
//
// One step reads enough changes for a batch per writer, so that a bulk
// load is indexed by every writer at once.
func (ix *Index) follow(ctx context.Context, idx bleve.Index, from uint64, applied func(uint64, fieldSet)) error {
	changesPage := ix.opts.BatchSize * ix.opts.Writers
	for {
		changes, err := ix.store.Changes(ctx, from, changesPage)
		if err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		fs, err := ix.apply(ctx, idx, changes)
		if err != nil {
			return err
		}
		from = changes[len(changes)-1].Sequence
		applied(from, fs)
		if len(changes) < changesPage {
			return nil
		}
	}
}

// apply indexes the current state of every resource the changes touch:
// modules (and, for an academy or a curriculum, every module under it,
// which denormalise their country, agency, language and framework) and
// competencies; gone ones are deleted. The last change's sequence is
// written in the same batch as the last documents.
func (ix *Index) apply(ctx context.Context, idx bleve.Index, changes []curricula.Change) (fieldSet, error) {
	modules := map[string]bool{}
	var comps, parents []string
	var frameworksGone []string
	for _, ch := range changes {
		switch ch.Kind {
		case curricula.KindModule:
			modules[ch.Name] = true
		case curricula.KindCompetency:
			comps = append(comps, ch.Name)
		case curricula.KindAcademy, curricula.KindCurriculum:
			parents = append(parents, ch.Name)
		case curricula.KindFramework:
			if ch.Operation == curricula.OpDelete {
				frameworksGone = append(frameworksGone, ch.Name)
			}
		}
	}
	var docs []map[string]any
	// Each resource appears once in the view below, so its batches are
	// disjoint; the frameworks' deletions and the sequence come after.
	w := newBatcher(idx, ix.opts.Writers)
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() < ix.opts.BatchSize {
			return nil
		}
		if err := w.apply(b); err != nil {
			return err
		}
		b = idx.NewBatch()
		return nil
	}
	err := ix.store.View(ctx, func(tx curricula.Tx) error {
		for _, p := range parents {
			if err := modulesUnder(tx, p, modules); err != nil {
				return err
			}
		}
		p := newParents(tx)
		for _, name := range sortedKeys(modules) {
			var m curricula.Module
			if err := tx.Get(name, &m); curricula.ErrorCode(err) == curricula.ENOTFOUND {
				b.Delete(name)
			} else if err != nil {
				return err
			} else {
				cu, ac, err := p.of(name)
				if err != nil {
					return err
				}
				d := moduleDoc(&m, cu, ac)
				docs = append(docs, d)
				if err := b.Index(name, d); err != nil {
					return err
				}
			}
			if err := flush(); err != nil {
				return err
			}
		}
		for _, name := range dedupe(comps) {
			var c curricula.Competency
			if err := tx.Get(name, &c); curricula.ErrorCode(err) == curricula.ENOTFOUND {
				b.Delete(name)
			} else if err != nil {
				return err
			} else {
				d := competencyDoc(&c)
				docs = append(docs, d)
				if err := b.Index(name, d); err != nil {
					return err
				}
			}
			if err := flush(); err != nil {
				return err
			}
		}
		return nil
	})
	if werr := w.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return fieldSet{}, err
	}
	for _, fw := range frameworksGone {
		if err := deleteFramework(ctx, idx, b, fw); err != nil {
			return fieldSet{}, err
		}
	}
	b.SetInternal(keySequence, []byte(strconv.FormatUint(changes[len(changes)-1].Sequence, 10)))
	if err := idx.Batch(b); err != nil {
		return fieldSet{}, curricula.Internal(err)
	}
	ix.stateMu.Lock()
	fs := ix.fields.with(docs)
	ix.stateMu.Unlock()
	return fs, nil
}

// dedupe returns names without repeats, in first-seen order.
func dedupe(names []string) []string {
	seen := make(map[string]bool, len(names))
	out := names[:0:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// modulesUnder adds the names of the modules under an academy or a
// curriculum to set.
func modulesUnder(tx curricula.Tx, parent string, set map[string]bool) error {
	var cus []string
	if k, _ := curricula.KindOf(parent); k == curricula.KindAcademy {
		err := tx.Scan(curricula.KindCurriculum, parent, "", func(name string, _ func(curricula.Resource) error) (bool, error) {
			cus = append(cus, name)
			return true, nil
		})
		if err != nil {
			return err
		}
	} else {
		cus = []string{parent}
	}
	for _, cu := range cus {
		err := tx.Scan(curricula.KindModule, cu, "", func(name string, _ func(curricula.Resource) error) (bool, error) {
			set[name] = true
			return true, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// deleteFramework adds to b the deletion of every competency document of
// a deleted framework (its competencies' own deletions are logged too;
// this is a safety net).
func deleteFramework(ctx context.Context, idx bleve.Index, b *bleve.Batch, fw string) error {
	q := bleve.NewTermQuery(fw)
	q.SetField(fFramework)
	tq := bleve.NewTermQuery(typeCompetency)
	tq.SetField(fType)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, tq), 10000, 0, false)
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		b.Delete(h.ID)
	}
	return nil
}

// Rebuild implements curricula.Search: it builds a new generation from
// one consistent view of the store while searches and the change log go
// on against the current one, brings it up to date, and swaps it in.
func (ix *Index) Rebuild(ctx context.Context, progress func(done, total int)) (curricula.IndexStats, error) {
	if err := ix.checkOpen(); err != nil {
		return curricula.IndexStats{}, err
	}
	if ix.isBuilding() {
		return curricula.IndexStats{}, curricula.Errorf(curricula.EUNAVAILABLE, "the search index is already being built from the store; wait for it")
	}
	ix.mu.RLock()
	gen := ix.gen + 1
	ix.mu.RUnlock()
	idx, seq, err := ix.build(ctx, gen, progress)
	if err != nil {
		return curricula.IndexStats{}, err
	}
	if err := ix.swap(ctx, idx, gen, seq, RebuiltRequested); err != nil {
		return curricula.IndexStats{}, err
	}
	return ix.Stats(ctx)
}

// swap brings a freshly built generation up to date with the change log
// and makes it the current one.
func (ix *Index) swap(ctx context.Context, idx bleve.Index, gen int, seq uint64, reason string) error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	fail := func(err error) error {
		_ = idx.Close()
		_ = removeAll(ix.genPath(gen))
		return err
	}
	if err := ix.checkOpen(); err != nil {
		return fail(err)
	}
	if err := ix.follow(ctx, idx, seq, func(s uint64, _ fieldSet) { seq = s }); err != nil {
		return fail(err)
	}
	if err := ix.setCurrent(gen); err != nil {
		return fail(err)
	}
	fs := fieldsOf(idx)
	ix.mu.Lock()
	old := ix.idx
	ix.idx, ix.gen = idx, gen
	ix.mu.Unlock()
	ix.stateMu.Lock()
	ix.fields, ix.rebuilt = fs, reason
	ix.stateMu.Unlock()
	ix.advance(seq)
	if err := old.Close(); err != nil {
		ix.log.Warn("search: closing the replaced index", "err", err)
	}
	ix.removeOtherGens(gen)
	return nil
}
