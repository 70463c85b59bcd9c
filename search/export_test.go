package search

// SetStoredMappingVersion overwrites the mapping version recorded in the
// open index, as an index written by another version would hold.
func SetStoredMappingVersion(ix *Index, v string) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.idx.SetInternal(keyMapping, []byte(v))
}
