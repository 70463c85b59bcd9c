package storage

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"math"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
)

// log appends one change; its sequence is the changes bucket's next.
func (t *writeTx) log(op curricula.Operation, k curricula.Kind, name, etag string) error {
	b := t.btx.Bucket(changesBucket)
	b.FillPercent = 1 // keys only ever grow: pack the pages full
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	v, err := json.Marshal(curricula.Change{
		Sequence: seq, Time: t.now, Principal: t.principal,
		Operation: op, Kind: k, Name: name, Etag: etag,
	})
	if err != nil {
		return err
	}
	if err := b.Put(seqKey(seq), v); err != nil {
		return err
	}
	t.logged++
	return nil
}

// Changes implements curricula.Store.
func (db *DB) Changes(ctx context.Context, after uint64, limit int) ([]curricula.Change, error) {
	if err := ctxError(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, curricula.Errorf(curricula.EINVALID, "limit must be positive, got %d", limit)
	}
	if after == math.MaxUint64 {
		return nil, nil
	}
	var out []curricula.Change
	err := db.bolt.View(func(btx *bolt.Tx) error {
		c := btx.Bucket(changesBucket).Cursor()
		for k, v := c.Seek(seqKey(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			var ch curricula.Change
			if err := json.Unmarshal(v, &ch); err != nil {
				return err
			}
			out = append(out, ch)
		}
		return nil
	})
	if err != nil {
		return nil, curricula.Internal(err)
	}
	return out, nil
}

// LastSequence implements curricula.Store.
func (db *DB) LastSequence(ctx context.Context) (uint64, error) {
	if err := ctxError(ctx); err != nil {
		return 0, err
	}
	var seq uint64
	err := db.bolt.View(func(btx *bolt.Tx) error {
		seq = btx.Bucket(changesBucket).Sequence()
		return nil
	})
	if err != nil {
		return 0, curricula.Internal(err)
	}
	return seq, nil
}

func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }
