package storage

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
)

// writeTx implements curricula.WriteTx. Every write is stamped with now and
// principal and appended to the change log.
type writeTx struct {
	tx
	now       time.Time
	principal string
	logged    int
	// failed is the first internal error; once set the transaction rolls
	// back even if fn ignores the error, so that a resource is never
	// written without its change.
	failed error
}

// Create implements curricula.WriteTx.
func (t *writeTx) Create(r curricula.Resource) error {
	name := r.GetMeta().Name
	n, err := curricula.ParseName(r.Kind(), name)
	if err != nil {
		return err
	}
	if p, ok := n.Parent(); ok && t.btx.Bucket(kindBucket(p.Kind)).Get([]byte(p.String())) == nil {
		return curricula.Errorf(curricula.ENOTFOUND, "cannot create %s: its parent %s does not exist", name, p)
	}
	b := t.btx.Bucket(kindBucket(r.Kind()))
	if b.Get([]byte(name)) != nil {
		return curricula.Errorf(curricula.EEXISTS, "%s already exists", name)
	}
	return t.put(b, r, curricula.Meta{Name: name, Revision: 1, CreateTime: t.now, UpdateTime: t.now}, curricula.OpCreate)
}

// Update implements curricula.WriteTx.
func (t *writeTx) Update(r curricula.Resource, etag string) error {
	name := r.GetMeta().Name
	if _, err := curricula.ParseName(r.Kind(), name); err != nil {
		return err
	}
	b := t.btx.Bucket(kindBucket(r.Kind()))
	stored, err := t.storedMeta(b, name, etag)
	if err != nil {
		return err
	}
	meta := curricula.Meta{Name: name, Revision: stored.Revision + 1, CreateTime: stored.CreateTime, UpdateTime: t.now}
	return t.put(b, r, meta, curricula.OpUpdate)
}

// Delete implements curricula.WriteTx. A cascade deletes the deepest
// descendants first, each kind in name order, and the resource last.
func (t *writeTx) Delete(name, etag string, cascade bool) error {
	k, err := kindOf(name)
	if err != nil {
		return err
	}
	if _, err := t.storedMeta(t.btx.Bucket(kindBucket(k)), name, etag); err != nil {
		return err
	}
	if !cascade {
		children := 0
		for _, c := range k.Children() {
			n, err := t.Count(c, name)
			if err != nil {
				return err
			}
			children += n
		}
		if children > 0 {
			return curricula.Errorf(curricula.EPRECONDITION,
				"%s has %d children; delete them first or delete with cascade", name, children)
		}
	}
	for _, d := range descendants(k) {
		for _, n := range t.namesUnder(d, name) {
			if err := t.delete(d, n); err != nil {
				return err
			}
		}
	}
	return t.delete(k, name)
}

// storedMeta reads the stored Meta of name, checking a non-empty etag.
func (t *writeTx) storedMeta(b *bolt.Bucket, name, etag string) (curricula.Meta, error) {
	var m curricula.Meta
	v := b.Get([]byte(name))
	if v == nil {
		return m, curricula.Errorf(curricula.ENOTFOUND, "%s not found", name)
	}
	if err := json.Unmarshal(v, &m); err != nil {
		return m, t.fail(err)
	}
	if etag != "" && etag != m.Etag() {
		return m, curricula.Errorf(curricula.EABORTED,
			"%s has changed since it was read (etag %s, stored %s); read it again", name, etag, m.Etag())
	}
	return m, nil
}

// put stores r with meta and logs op. On success r's Meta is meta.
func (t *writeTx) put(b *bolt.Bucket, r curricula.Resource, meta curricula.Meta, op curricula.Operation) error {
	m := r.GetMeta()
	old := *m
	*m = meta
	v, err := json.Marshal(r)
	if err == nil {
		err = b.Put([]byte(meta.Name), v)
	}
	if err == nil {
		err = t.log(op, r.Kind(), meta.Name, meta.Etag())
	}
	if err != nil {
		*m = old
		return t.fail(err)
	}
	return nil
}

func (t *writeTx) delete(k curricula.Kind, name string) error {
	if err := t.btx.Bucket(kindBucket(k)).Delete([]byte(name)); err != nil {
		return t.fail(err)
	}
	if err := t.log(curricula.OpDelete, k, name, ""); err != nil {
		return t.fail(err)
	}
	return nil
}

// namesUnder lists the names of kind k below the resource called name.
func (t *writeTx) namesUnder(k curricula.Kind, name string) []string {
	var out []string
	prefix := []byte(name + "/")
	c := t.btx.Bucket(kindBucket(k)).Cursor()
	for key, _ := c.Seek(prefix); bytes.HasPrefix(key, prefix); key, _ = c.Next() {
		out = append(out, string(key))
	}
	return out
}

// fail records an internal error that dooms the transaction.
func (t *writeTx) fail(err error) error {
	err = curricula.Internal(err)
	if t.failed == nil {
		t.failed = err
	}
	return err
}

// descendants returns the kinds below k, deepest first.
func descendants(k curricula.Kind) []curricula.Kind {
	var out []curricula.Kind
	for _, c := range k.Children() {
		out = append(append(out, descendants(c)...), c)
	}
	return out
}
