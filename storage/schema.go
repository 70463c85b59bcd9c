package storage

import (
	"fmt"
	"strconv"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
)

// schemaVersion is the layout this code reads and writes.
const schemaVersion = 1

var (
	metaBucket    = []byte("meta")
	changesBucket = []byte("changes")
	schemaKey     = []byte("schema_version")
)

// migrations[v] upgrades a file from schema version v to v+1 inside the
// opening transaction. Add one with every schemaVersion bump.
var migrations = map[uint64]func(*bolt.Tx) error{}

func kindBucket(k curricula.Kind) []byte { return []byte(k.Collection()) }

// initSchema stamps a new file, migrates an older one and refuses a newer
// one; then it makes sure every bucket exists.
func initSchema(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if !empty {
			return curricula.Errorf(curricula.EPRECONDITION, "%s is not a concord data file (it has no schema version)", path)
		}
		var err error
		if meta, err = tx.CreateBucket(metaBucket); err != nil {
			return err
		}
		if err := putVersion(meta, schemaVersion); err != nil {
			return err
		}
	}
	v, err := strconv.ParseUint(string(meta.Get(schemaKey)), 10, 64)
	if err != nil {
		return curricula.Errorf(curricula.EPRECONDITION, "%s has an unreadable schema version %q", path, meta.Get(schemaKey))
	}
	if v > schemaVersion {
		return curricula.Errorf(curricula.EPRECONDITION,
			"%s has schema version %d but this concord knows only up to %d; run a newer concord", path, v, schemaVersion)
	}
	for ; v < schemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return curricula.Errorf(curricula.EPRECONDITION, "%s has schema version %d, which cannot be migrated", path, v)
		}
		if err := m(tx); err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
		if err := putVersion(meta, v+1); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucketIfNotExists(changesBucket); err != nil {
		return err
	}
	for _, k := range curricula.Kinds {
		if _, err := tx.CreateBucketIfNotExists(kindBucket(k)); err != nil {
			return err
		}
	}
	return nil
}

func putVersion(meta *bolt.Bucket, v uint64) error {
	return meta.Put(schemaKey, strconv.AppendUint(nil, v, 10))
}
