package search

import (
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// defaultWriters bounds the batches applied at once by default: scorch
// builds a batch's segment on the goroutine that applies it, so one
// writer uses one core however many the machine has.
func defaultWriters() int { return min(runtime.GOMAXPROCS(0), 4) }

// batcher applies bleve batches with up to n in flight.
//
// Batches in flight are applied in no particular order, so the batches
// given to one batcher must touch disjoint documents (or index identical
// ones); wait orders everything given before it before anything after.
type batcher struct {
	idx bleve.Index
	sem chan struct{}
	wg  sync.WaitGroup

	mu  sync.Mutex
	err error
}

func newBatcher(idx bleve.Index, n int) *batcher {
	return &batcher{idx: idx, sem: make(chan struct{}, max(n, 1))}
}

// apply hands b over (the caller must not touch it again) and returns
// once it is in flight, with the first error of any batch so far.
func (p *batcher) apply(b *bleve.Batch) error {
	if err := p.failed(); err != nil {
		return err
	}
	p.sem <- struct{}{}
	p.wg.Add(1)
	go func() {
		defer func() {
			<-p.sem
			p.wg.Done()
		}()
		if err := p.idx.Batch(b); err != nil {
			p.mu.Lock()
			if p.err == nil {
				p.err = err
			}
			p.mu.Unlock()
		}
	}()
	return p.failed()
}

// wait returns once every batch given so far is applied, with the first
// error of any.
func (p *batcher) wait() error {
	p.wg.Wait()
	return p.failed()
}

func (p *batcher) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}
