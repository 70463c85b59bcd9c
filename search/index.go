package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/concord-ibm/concord/curricula"
)

// Options tune an Index. Zero values take the defaults.
type Options struct {
	Logger *slog.Logger
	// BatchSize is the number of documents per bleve batch when building
	// or following the change log (default 1000).
	BatchSize int
	// Writers is the number of batches applied at once while following
	// the change log (default: the number of CPUs, at most 4); a build
	// from the store uses one.
	Writers int
	// FacetSize is the number of values per facet when the query does
	// not say (default 10).
	FacetSize int
	// PollInterval is how often the index reads the change log even
	// without a commit notification (default 1s), a safety net.
	PollInterval time.Duration
}

// Rebuild reasons (IndexStats.Rebuilt).
const (
	RebuiltMissing   = "missing"
	RebuiltCorrupt   = "corrupt"
	RebuiltMapping   = "mapping changed"
	RebuiltAhead     = "ahead of store" // the store was restored to an older state
	RebuiltRequested = "requested"
)

// Index implements curricula.Search on a bleve index in a directory it
// owns. Layout: path/CURRENT names the generation directory in use
// (path/gen-N); a rebuild writes gen-N+1, then replaces CURRENT
// atomically (rename) and removes the old generation.
type Index struct {
	path  string
	store curricula.Store
	opts  Options
	log   *slog.Logger

	mu  sync.RWMutex // guards idx and gen; searches hold it for reading
	idx bleve.Index
	gen int

	applyMu sync.Mutex // serialises applying changes, rebuilds and swaps

	stateMu sync.Mutex
	seq     uint64        // last change applied
	applied chan struct{} // closed (and replaced) when seq advances
	closed  bool
	rebuilt string
	// building is set while the index is built at open (idx is nil
	// until it is done); built and total count its documents.
	building     bool
	built, total int
	fields       fieldSet // analyzers holding text, by document type

	cancel context.CancelFunc
	done   chan struct{}
}

var _ curricula.Search = (*Index)(nil)

// Open opens the index at path, or builds it from store when it is
// missing, corrupt, of another mapping version, or ahead of the store.
// It then catches up with the change log and follows it until Close.
func Open(path string, store curricula.Store, opts Options) (*Index, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.Writers <= 0 {
		opts.Writers = defaultWriters()
	}
	if opts.FacetSize <= 0 {
		opts.FacetSize = 10
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	ix := &Index{path: path, store: store, opts: opts, log: opts.Logger.With("component", "search"), applied: make(chan struct{})}
	if err := ix.open(context.Background()); err != nil {
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	ix.cancel, ix.done = cancel, make(chan struct{})
	go ix.run(runCtx)
	return ix, nil
}

// open opens the current generation or builds a new one.
func (ix *Index) open(ctx context.Context) error {
	if err := os.MkdirAll(ix.path, 0o700); err != nil {
		return curricula.Internal(err)
	}
	reason := ""
	gen, err := ix.currentGen()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		reason = RebuiltMissing
	case err != nil:
		reason = RebuiltCorrupt
	}
	var idx bleve.Index
	var seq uint64
	if reason == "" {
		idx, seq, reason = ix.openGen(ctx, gen)
	}
	if reason != "" {
		// Built by run, in the background: the server starts at once and
		// searches answer UNAVAILABLE until the index is ready.
		ix.gen, ix.rebuilt, ix.building = gen, reason, true
		return nil
	}
	ix.removeOtherGens(gen)
	ix.idx, ix.gen, ix.seq, ix.rebuilt = idx, gen, seq, reason
	ix.fields = fieldsOf(idx)
	return nil
}

// buildAtOpen builds the generation open found missing or unusable, and
// makes it current. It is retried by run until it succeeds or ctx ends.
func (ix *Index) buildAtOpen(ctx context.Context) error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	ix.mu.RLock()
	gen := ix.gen + 1
	ix.mu.RUnlock()
	ix.log.Warn("building the search index from the store", "path", ix.path, "reason", ix.rebuilt)
	start := time.Now()
	idx, seq, err := ix.build(ctx, gen, func(done, total int) {
		ix.stateMu.Lock()
		ix.built, ix.total = done, total
		ix.stateMu.Unlock()
	})
	if err != nil {
		return err
	}
	if err := ix.setCurrent(gen); err != nil {
		_ = idx.Close()
		return err
	}
	ix.removeOtherGens(gen)
	fs := fieldsOf(idx)
	ix.mu.Lock()
	ix.idx, ix.gen = idx, gen
	ix.mu.Unlock()
	ix.stateMu.Lock()
	ix.fields, ix.building = fs, false
	ix.stateMu.Unlock()
	ix.advance(seq)
	ix.log.Warn("search index rebuilt from the store", "reason", ix.rebuilt, "documents", ix.total,
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}

// openGen opens generation gen and checks it; a non-empty reason says
// why it cannot be used (the index is then closed).
func (ix *Index) openGen(ctx context.Context, gen int) (idx bleve.Index, seq uint64, reason string) {
	defer func() {
		if r := recover(); r != nil { // a corrupt file may panic a decoder
			ix.log.Error("search index open panicked", "panic", r)
			idx, reason = nil, RebuiltCorrupt
		}
	}()
	idx, err := bleve.Open(ix.genPath(gen))
	if err != nil {
		ix.log.Warn("search index unreadable", "path", ix.genPath(gen), "err", err)
		return nil, 0, RebuiltCorrupt
	}
	fail := func(r string) (bleve.Index, uint64, string) { _ = idx.Close(); return nil, 0, r }
	v, err := idx.GetInternal(keyMapping)
	if err != nil || len(v) == 0 {
		return fail(RebuiltCorrupt)
	}
	if string(v) != strconv.Itoa(MappingVersion) {
		return fail(RebuiltMapping)
	}
	s, err := idx.GetInternal(keySequence)
	if err != nil {
		return fail(RebuiltCorrupt)
	}
	seq, err = strconv.ParseUint(string(s), 10, 64)
	if err != nil {
		return fail(RebuiltCorrupt)
	}
	last, err := ix.store.LastSequence(ctx)
	if err != nil {
		return fail(RebuiltCorrupt)
	}
	if seq > last {
		return fail(RebuiltAhead)
	}
	return idx, seq, ""
}

const currentFile = "CURRENT"

func (ix *Index) genPath(gen int) string { return filepath.Join(ix.path, fmt.Sprintf("gen-%d", gen)) }

// currentGen reads CURRENT; fs.ErrNotExist when there is none.
func (ix *Index) currentGen() (int, error) {
	b, err := os.ReadFile(filepath.Join(ix.path, currentFile))
	if err != nil {
		return 0, err
	}
	s := strings.TrimSpace(string(b))
	gen, err := strconv.Atoi(strings.TrimPrefix(s, "gen-"))
	if err != nil || gen <= 0 || !strings.HasPrefix(s, "gen-") {
		return 0, fmt.Errorf("CURRENT holds %q", s)
	}
	return gen, nil
}

// setCurrent points CURRENT at gen, atomically (write, fsync, rename).
func (ix *Index) setCurrent(gen int) error {
	tmp := filepath.Join(ix.path, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err == nil {
		_, err = fmt.Fprintf(f, "gen-%d\n", gen)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(ix.path, currentFile))
	}
	if err != nil {
		return curricula.Internal(fmt.Errorf("search: set current generation: %w", err))
	}
	if d, err := os.Open(ix.path); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// removeOtherGens removes everything in the directory but CURRENT and
// generation keep: failed builds, replaced generations, garbage.
func (ix *Index) removeOtherGens(keep int) {
	entries, err := os.ReadDir(ix.path)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() == currentFile || e.Name() == filepath.Base(ix.genPath(keep)) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(ix.path, e.Name())); err != nil {
			ix.log.Warn("search: cannot remove a stale file", "path", e.Name(), "err", err)
		}
	}
}

// current returns the index in use and releases the read lock with done.
func (ix *Index) current() (idx bleve.Index, done func()) {
	ix.mu.RLock()
	return ix.idx, ix.mu.RUnlock
}

// Close stops following the store and closes the index.
func (ix *Index) Close() error {
	ix.stateMu.Lock()
	if ix.closed {
		ix.stateMu.Unlock()
		return nil
	}
	ix.closed = true
	close(ix.applied)
	ix.stateMu.Unlock()
	ix.cancel()
	<-ix.done
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil { // closed while building
		return nil
	}
	return ix.idx.Close()
}

// Stats implements curricula.Search.
func (ix *Index) Stats(ctx context.Context) (curricula.IndexStats, error) {
	storeSeq, err := ix.store.LastSequence(ctx)
	if err != nil {
		return curricula.IndexStats{}, err
	}
	idx, done := ix.current()
	defer done()
	if err := ix.checkOpen(); err != nil {
		return curricula.IndexStats{}, err
	}
	st := curricula.IndexStats{Path: ix.path, StoreSequence: storeSeq, MappingVersion: MappingVersion}
	ix.stateMu.Lock()
	st.Building, st.BuildDone, st.BuildTotal = ix.building, ix.built, ix.total
	ix.stateMu.Unlock()
	if idx != nil { // nil while being built
		if st.Modules, st.Competencies, err = countTypes(ctx, idx); err != nil {
			return curricula.IndexStats{}, searchError(ctx, err)
		}
	}
	ix.stateMu.Lock()
	st.Sequence, st.Rebuilt = ix.seq, ix.rebuilt
	ix.stateMu.Unlock()
	_ = filepath.WalkDir(ix.path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				st.SizeBytes += info.Size()
			}
		}
		return nil
	})
	return st, nil
}

func (ix *Index) checkOpen() error {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	if ix.closed {
		return errClosed
	}
	return nil
}

var errClosed = curricula.Errorf(curricula.EUNAVAILABLE, "the search index is closed")

// WaitFor implements curricula.Search.
func (ix *Index) WaitFor(ctx context.Context, seq uint64) error {
	for {
		ix.stateMu.Lock()
		cur, ch, closed, building := ix.seq, ix.applied, ix.closed, ix.building
		ix.stateMu.Unlock()
		if cur >= seq && !building {
			return nil
		}
		if closed {
			return errClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctxErr(ctx)
		}
	}
}

// advance records that the index has applied seq and wakes the waiters.
func (ix *Index) advance(seq uint64) {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	if ix.closed {
		return
	}
	ix.seq = seq
	close(ix.applied)
	ix.applied = make(chan struct{})
}

func ctxErr(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return curricula.Errorf(curricula.EDEADLINE, "deadline exceeded waiting for the search index")
	}
	return curricula.Errorf(curricula.ECANCELED, "canceled")
}

// searchError maps a bleve error: the context's own, or internal.
func searchError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctxErr(ctx)
	}
	var e *curricula.Error
	if errors.As(err, &e) {
		return err
	}
	return curricula.Internal(err)
}

func removeAll(dir string) error { return os.RemoveAll(dir) }

// countTypes counts the module and competency documents from the
// postings of their type term: deleted documents are already excluded
// there, and no document is visited (stats are polled, often while the
// index is busiest).
func countTypes(ctx context.Context, idx bleve.Index) (modules, competencies int, err error) {
	adv, err := idx.Advanced()
	if err != nil {
		return 0, 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	count := func(typ string) (int, error) {
		tfr, err := r.TermFieldReader(ctx, []byte(typ), fType, false, false, false)
		if err != nil {
			return 0, err
		}
		defer tfr.Close()
		return int(tfr.Count()), nil
	}
	if modules, err = count(typeModule); err != nil {
		return 0, 0, err
	}
	competencies, err = count(typeCompetency)
	return modules, competencies, err
}
