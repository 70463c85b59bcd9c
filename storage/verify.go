package storage

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
)

// Verify opens the data file at path read-only (waiting at most timeout
// for another process's lock), checks that it is a concord store this
// code can read, runs bbolt's full consistency check (every page
// reachable once, no page both used and free) and reports what it holds.
// It never writes to the file: use it on a backup before restoring it.
func Verify(path string, timeout time.Duration) (curricula.StoreStats, error) {
	st := curricula.StoreStats{Resources: map[curricula.Kind]int{}}
	fi, err := os.Stat(path)
	if err != nil {
		return st, err
	}
	if fi.IsDir() {
		return st, fmt.Errorf("%s is a directory, not a data file", path)
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return st, fmt.Errorf("%s is not a readable concord data file: %w", path, err)
	}
	defer bdb.Close()
	err = bdb.View(func(btx *bolt.Tx) error {
		meta := btx.Bucket(metaBucket)
		if meta == nil {
			return fmt.Errorf("%s is not a concord data file (it has no schema version)", path)
		}
		v, err := strconv.ParseUint(string(meta.Get(schemaKey)), 10, 64)
		if err != nil || v > schemaVersion {
			return fmt.Errorf("%s has schema version %q; this concord reads up to %d", path, meta.Get(schemaKey), schemaVersion)
		}
		var errs []error
		for err := range btx.Check() {
			errs = append(errs, err)
		}
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("%s is damaged: %w", path, err)
		}
		changes := btx.Bucket(changesBucket)
		if changes == nil {
			return fmt.Errorf("%s has no change log", path)
		}
		st.LastSequence = changes.Sequence()
		for _, k := range curricula.Kinds {
			b := btx.Bucket(kindBucket(k))
			if b == nil {
				return fmt.Errorf("%s has no %s bucket", path, k.Collection())
			}
			st.Resources[k] = b.Stats().KeyN
		}
		st.SizeBytes = fi.Size()
		return nil
	})
	return st, err
}
