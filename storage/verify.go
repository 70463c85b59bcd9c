package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
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
	if err := checkLength(path, fi.Size()); err != nil {
		return st, err
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

// bbolt's meta page: a 16-byte page header, then magic, version, page
// size, flags (4 bytes each), the root bucket (16), the freelist page, the
// high-water page ID, the transaction ID and the checksum (8 each). The
// checksum is FNV-64a of the meta up to itself.
const (
	boltMagic      = 0xED0CDAED
	metaOffset     = 16
	metaSumOffset  = metaOffset + 56
	metaPageSize   = metaOffset + 8
	metaHighWater  = metaOffset + 40
	boltMinPageLen = 1024
)

// checkLength refuses a file shorter than its valid meta pages say:
// bbolt would map pages past its end and die of SIGBUS reading them.
func checkLength(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, metaSumOffset+8)
	if _, err := io.ReadFull(f, head); err != nil {
		return fmt.Errorf("%s is not a concord data file (too short)", path)
	}
	pageSize := int64(binary.NativeEndian.Uint32(head[metaPageSize:]))
	if pageSize < boltMinPageLen || pageSize > 1<<20 || size < 2*pageSize {
		return fmt.Errorf("%s is not a concord data file (no bbolt meta page)", path)
	}
	valid := 0
	for i := int64(0); i < 2; i++ {
		m := make([]byte, metaSumOffset+8)
		if _, err := f.ReadAt(m, i*pageSize); err != nil {
			return err
		}
		h := fnv.New64a()
		h.Write(m[metaOffset:metaSumOffset])
		if binary.NativeEndian.Uint32(m[metaOffset:]) != boltMagic || h.Sum64() != binary.NativeEndian.Uint64(m[metaSumOffset:]) {
			continue
		}
		valid++
		if hw := int64(binary.NativeEndian.Uint64(m[metaHighWater:])); hw*pageSize > size {
			return fmt.Errorf("%s is truncated: it holds %d bytes, its pages reach %d", path, size, hw*pageSize)
		}
	}
	if valid == 0 {
		return fmt.Errorf("%s is not a concord data file (no valid bbolt meta page)", path)
	}
	return nil
}
