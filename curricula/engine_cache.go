package curricula

import (
	"context"
	"strings"
	"sync"
)

// ModuleCache keeps the decoded modules of curricula between loads of
// programme inputs, so that coverage, gaps and reports of a large
// programme do not decode every member's modules on every request
// (decoding is most of their cost: ~0.35 s for 200 members of 40 modules).
//
// Entries are kept exact with the change log: before each load the cache
// reads the changes since the sequence it last reconciled and drops the
// curricula they touch; a load whose view is newer than that sequence (a
// write committed meanwhile) reads its modules from the view instead. Cached
// modules are shared: callers must not modify them (replacing elements of
// a member's Modules slice is fine: each load gets its own slices).
type ModuleCache struct {
	mu      sync.Mutex
	seq     uint64 // changes up to seq are reconciled
	entries map[string][]*Module
	size    int // modules held
	max     int
}

// changeBatch is how many changes one reconciliation reads at a time, and
// (times 10) how many it reads at most before it drops everything instead.
const changeBatch = 1000

// NewModuleCache returns a cache holding at most max modules (when a load
// would exceed it, the cache is emptied first).
func NewModuleCache(max int) *ModuleCache {
	return &ModuleCache{entries: map[string][]*Module{}, max: max}
}

// LoadProgrammeInputCached is LoadProgrammeInput with the modules of the
// member curricula taken from c where it holds them. A nil c loads
// everything.
func LoadProgrammeInputCached(ctx context.Context, s Store, programme string, c *ModuleCache) (*ProgrammeInput, error) {
	if c == nil {
		return LoadProgrammeInput(ctx, s, programme)
	}
	seq, err := c.reconcile(ctx, s)
	if err != nil {
		return nil, err
	}
	var fresh map[string][]*Module
	in, err := loadProgrammeInput(ctx, s, programme, func(tx Tx, curriculum string) ([]*Module, error) {
		// The cache is exact for a view at the sequence it reconciled; a
		// view a write has since moved on reads everything itself.
		exact := tx.Sequence() == seq
		if exact {
			if ms, ok := c.get(curriculum); ok {
				return ms, nil
			}
		}
		ms, err := loadModules(tx, curriculum)
		if err == nil && exact {
			if fresh == nil {
				fresh = map[string][]*Module{}
			}
			fresh[curriculum] = ms
		}
		return append([]*Module(nil), ms...), err
	})
	if err != nil {
		return nil, err
	}
	c.put(seq, fresh)
	return in, nil
}

// reconcile drops the entries that changes after c.seq touch and returns
// the sequence the cache now stands at.
func (c *ModuleCache) reconcile(ctx context.Context, s Store) (uint64, error) {
	last, err := s.LastSequence(ctx)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if last == c.seq {
		return last, nil
	}
	if last < c.seq || last-c.seq > 10*changeBatch {
		c.clear()
		c.seq = last
		return last, nil
	}
	for c.seq < last {
		chs, err := s.Changes(ctx, c.seq, changeBatch)
		if err != nil {
			return 0, err
		}
		if len(chs) == 0 {
			break
		}
		for _, ch := range chs {
			c.drop(ch.Name)
			c.seq = ch.Sequence
		}
	}
	c.seq = max(c.seq, last)
	return last, nil
}

// drop removes the entry a change of name touches: that of the curriculum
// of a module, or of the curriculum itself. Other changes touch no cached
// modules (a cascading delete logs each module's deletion).
func (c *ModuleCache) drop(name string) {
	parts := strings.SplitN(name, "/", 5)
	if len(parts) < 4 || parts[0] != CollAcademies || parts[2] != CollCurricula {
		return
	}
	cur := strings.Join(parts[:4], "/")
	if ms, ok := c.entries[cur]; ok {
		c.size -= len(ms)
		delete(c.entries, cur)
	}
}

func (c *ModuleCache) clear() {
	c.entries = map[string][]*Module{}
	c.size = 0
}

func (c *ModuleCache) get(curriculum string) ([]*Module, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ms, ok := c.entries[curriculum]
	if !ok {
		return nil, false
	}
	return append([]*Module(nil), ms...), true
}

// put adds entries read at sequence seq, unless the cache has moved on.
func (c *ModuleCache) put(seq uint64, fresh map[string][]*Module) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq != c.seq {
		return
	}
	for cur, ms := range fresh {
		if _, ok := c.entries[cur]; ok {
			continue
		}
		if c.size+len(ms) > c.max {
			c.clear()
		}
		if len(ms) > c.max {
			continue
		}
		c.entries[cur] = ms
		c.size += len(ms)
	}
}
