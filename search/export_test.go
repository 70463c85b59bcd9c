package search

import "github.com/blevesearch/bleve/v2/search/searcher"

// SetStoredMappingVersion overwrites the mapping version recorded in the
// open index, as an index written by another version would hold.
func SetStoredMappingVersion(ix *Index, v string) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.idx.SetInternal(keyMapping, []byte(v))
}

// SetMaxExpansion sets bleve's expansion limit and returns a function
// that restores it.
func SetMaxExpansion(n int) (restore func()) {
	old := searcher.DisjunctionMaxClauseCount
	searcher.DisjunctionMaxClauseCount = n
	return func() { searcher.DisjunctionMaxClauseCount = old }
}
