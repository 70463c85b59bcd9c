package search

import (
	"context"
	"errors"
	"os"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/concord-ibm/concord/curricula"
)

// build creates generation gen from one consistent view of the store and
// returns it open, with the sequence that view reflects. progress, when
// not nil, is called after every batch.
func (ix *Index) build(ctx context.Context, gen int, progress func(done, total int)) (bleve.Index, uint64, error) {
	dir := ix.genPath(gen)
	if err := os.RemoveAll(dir); err != nil {
		return nil, 0, curricula.Internal(err)
	}
	im, err := newMapping()
	if err != nil {
		return nil, 0, curricula.Internal(err)
	}
	idx, err := bleve.NewUsing(dir, im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, 0, curricula.Internal(err)
	}
	var seq uint64
	// One writer: a rebuild already holds a second index and maps the
	// whole store; a second writer added about 100 MiB to the peak at
	// 100k modules for 13% less time.
	w := newBatcher(idx, 1)
	err = ix.store.View(ctx, func(tx curricula.Tx) error {
		seq = tx.Sequence()
		nm, err := tx.Count(curricula.KindModule, "")
		if err != nil {
			return err
		}
		nc, err := tx.Count(curricula.KindCompetency, "")
		if err != nil {
			return err
		}
		total, done := nm+nc, 0
		b := idx.NewBatch()
		flush := func() error {
			if b.Size() < ix.opts.BatchSize {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			done += b.Size()
			if err := w.apply(b); err != nil {
				return err
			}
			b = idx.NewBatch()
			if progress != nil {
				progress(done, total)
			}
			return nil
		}
		err = tx.Scan(curricula.KindCompetency, "", "", func(name string, decode func(curricula.Resource) error) (bool, error) {
			var c curricula.Competency
			if err := decode(&c); err != nil {
				return false, err
			}
			if err := b.Index(name, competencyDoc(&c)); err != nil {
				return false, err
			}
			return true, flush()
		})
		if err != nil {
			return err
		}
		p := newParents(tx)
		err = tx.Scan(curricula.KindModule, "", "", func(name string, decode func(curricula.Resource) error) (bool, error) {
			var m curricula.Module
			if err := decode(&m); err != nil {
				return false, err
			}
			cu, ac, err := p.of(name)
			if err != nil {
				return false, err
			}
			if err := b.Index(name, moduleDoc(&m, cu, ac)); err != nil {
				return false, err
			}
			return true, flush()
		})
		if err != nil {
			return err
		}
		// The version and sequence go last, once every document is in.
		if err := w.wait(); err != nil {
			return err
		}
		b.SetInternal(keyMapping, []byte(strconv.Itoa(MappingVersion)))
		b.SetInternal(keySequence, []byte(strconv.FormatUint(seq, 10)))
		if err := idx.Batch(b); err != nil {
			return err
		}
		if progress != nil {
			progress(total, total)
		}
		return nil
	})
	if err != nil {
		_ = w.wait() // no batch may outlive the index
		_ = idx.Close()
		_ = os.RemoveAll(dir)
		if ctx.Err() != nil {
			return nil, 0, ctxErr(ctx)
		}
		var ce *curricula.Error
		if errors.As(err, &ce) {
			return nil, 0, err
		}
		return nil, 0, curricula.Internal(err)
	}
	return idx, seq, nil
}

// parents loads and caches the curriculum and academy of modules inside
// one transaction.
type parents struct {
	tx        curricula.Tx
	curricula map[string]*curricula.Curriculum
	academies map[string]*curricula.Academy
}

func newParents(tx curricula.Tx) *parents {
	return &parents{tx: tx, curricula: map[string]*curricula.Curriculum{}, academies: map[string]*curricula.Academy{}}
}

// of returns the curriculum and academy of the module called name; either
// is nil when it is not stored.
func (p *parents) of(name string) (*curricula.Curriculum, *curricula.Academy, error) {
	n, err := curricula.ParseName(curricula.KindModule, name)
	if err != nil {
		return nil, nil, err
	}
	cn, an := curricula.CurriculumName(n.IDs[0], n.IDs[1]), curricula.AcademyName(n.IDs[0])
	cu, ok := p.curricula[cn]
	if !ok {
		c := new(curricula.Curriculum)
		if err := p.tx.Get(cn, c); err != nil {
			if curricula.ErrorCode(err) != curricula.ENOTFOUND {
				return nil, nil, err
			}
			c = nil
		}
		p.curricula[cn], cu = c, c
	}
	ac, ok := p.academies[an]
	if !ok {
		a := new(curricula.Academy)
		if err := p.tx.Get(an, a); err != nil {
			if curricula.ErrorCode(err) != curricula.ENOTFOUND {
				return nil, nil, err
			}
			a = nil
		}
		p.academies[an], ac = a, a
	}
	return cu, ac, nil
}
