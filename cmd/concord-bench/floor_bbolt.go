package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/concord-ibm/concord/internal/corpus"
	bolt "go.etcd.io/bbolt"
)

// ingestBbolt writes the corpus as JSON documents into a new bbolt file,
// floorBatch per transaction, fsync on. Generating the modules is not
// timed; encoding, putting and committing is.
func ingestBbolt(ctx context.Context, path string, cfg corpus.Config, progress func(string)) (time.Duration, error) {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var took time.Duration
	n := 0
	err = batches(ctx, cfg, floorBatch, func(ds []doc) error {
		t := time.Now()
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("modules"))
			if err != nil {
				return err
			}
			for _, d := range ds {
				m := d.module
				v, err := json.Marshal(m)
				if err != nil {
					return err
				}
				if err := b.Put([]byte(m.Name), v); err != nil {
					return err
				}
			}
			return nil
		})
		took += time.Since(t)
		n += len(ds)
		if n%(100*floorBatch) == 0 {
			progress(fmt.Sprintf("floor bbolt: %d/%d (%.0f/s)", n, cfg.Modules, float64(n)/took.Seconds()))
		}
		return err
	})
	return took, err
}
