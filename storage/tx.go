package storage

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
)

// tx implements curricula.Tx over a bbolt transaction.
type tx struct {
	btx *bolt.Tx
}

// Get implements curricula.Tx.
func (t *tx) Get(name string, r curricula.Resource) error {
	if _, err := curricula.ParseName(r.Kind(), name); err != nil {
		return err
	}
	v := t.btx.Bucket(kindBucket(r.Kind())).Get([]byte(name))
	if v == nil {
		return curricula.Errorf(curricula.ENOTFOUND, "%s not found", name)
	}
	return decode(v, r)
}

// Exists implements curricula.Tx; a malformed name is EINVALID.
func (t *tx) Exists(name string) (bool, error) {
	k, err := kindOf(name)
	if err != nil {
		return false, err
	}
	return t.btx.Bucket(kindBucket(k)).Get([]byte(name)) != nil, nil
}

// Sequence implements curricula.Tx.
func (t *tx) Sequence() uint64 { return t.btx.Bucket(changesBucket).Sequence() }

// Scan implements curricula.Tx. parent may hold "-" wildcards in place of
// IDs (AIP-159): "academies/-/curricula/-" scans the modules of every
// curriculum. Names are visited in byte order. fn must not write through
// the same transaction.
func (t *tx) Scan(k curricula.Kind, parent, startAfter string, fn func(string, func(curricula.Resource) error) (bool, error)) error {
	sel, err := parseParent(k, parent)
	if err != nil {
		return err
	}
	c := t.btx.Bucket(kindBucket(k)).Cursor()
	seek := max(string(sel.prefix), startAfter)
	for key, v := c.Seek([]byte(seek)); key != nil && bytes.HasPrefix(key, sel.prefix); key, v = c.Next() {
		if string(key) == startAfter || !sel.match(key) {
			continue
		}
		more, err := fn(string(key), func(r curricula.Resource) error {
			if r.Kind() != k {
				return curricula.Errorf(curricula.EINVALID, "cannot decode a %s into a %s", k, r.Kind())
			}
			return decode(v, r)
		})
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// Count implements curricula.Tx; parent is as for Scan.
func (t *tx) Count(k curricula.Kind, parent string) (int, error) {
	sel, err := parseParent(k, parent)
	if err != nil {
		return 0, err
	}
	n := 0
	c := t.btx.Bucket(kindBucket(k)).Cursor()
	for key, _ := c.Seek(sel.prefix); key != nil && bytes.HasPrefix(key, sel.prefix); key, _ = c.Next() {
		if sel.match(key) {
			n++
		}
	}
	return n, nil
}

// decode replaces r with the stored JSON v; r is zeroed first so that no
// field of an earlier value survives.
func decode(v []byte, r curricula.Resource) error {
	reflect.ValueOf(r).Elem().SetZero()
	if err := json.Unmarshal(v, r); err != nil {
		return curricula.Internal(err)
	}
	return nil
}

// kindOf returns the kind of a full resource name, EINVALID if it has none.
func kindOf(name string) (curricula.Kind, error) {
	k, ok := curricula.KindOf(name)
	if !ok {
		return "", curricula.Errorf(curricula.EINVALID, "%q is not a resource name", name)
	}
	return k, nil
}
