package storage

import (
	"context"
	"encoding/json"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
)

// Tokens live in two buckets, made by the first token write:
//
//	tokens        token ID → JSON curricula.Token (hash included)
//	token_hashes  hex SHA-256 of the secret → token ID
var (
	tokensBucket      = []byte("tokens")
	tokenHashesBucket = []byte("token_hashes")
)

var _ curricula.TokenStore = (*DB)(nil)

// CreateToken implements curricula.TokenStore.
func (db *DB) CreateToken(ctx context.Context, t *curricula.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.tokenUpdate(ctx, func(w *writeTx, names, hashes *bolt.Bucket) error {
		if names.Get([]byte(t.Name)) != nil {
			return curricula.Errorf(curricula.EEXISTS, "%s already exists", curricula.TokenName(t.Name))
		}
		if hashes.Get([]byte(t.Hash)) != nil {
			return curricula.Errorf(curricula.EEXISTS, "a token with that secret already exists")
		}
		t.CreateTime, t.Creator = w.now, w.principal
		if err := putToken(names, t); err != nil {
			return w.fail(err)
		}
		if err := hashes.Put([]byte(t.Hash), []byte(t.Name)); err != nil {
			return w.fail(err)
		}
		return w.logToken(curricula.OpCreate, t.Name)
	})
}

// RevokeToken implements curricula.TokenStore.
func (db *DB) RevokeToken(ctx context.Context, name string) (*curricula.Token, error) {
	var out *curricula.Token
	err := db.tokenUpdate(ctx, func(w *writeTx, names, _ *bolt.Bucket) error {
		t, err := getToken(names, name)
		if err != nil {
			return err
		}
		if t.Revoked() {
			return curricula.Errorf(curricula.EPRECONDITION, "%s was already revoked at %s by %s",
				curricula.TokenName(name), t.RevokeTime.Format("2006-01-02 15:04:05Z07:00"), t.Revoker)
		}
		t.RevokeTime, t.Revoker = w.now, w.principal
		if err := putToken(names, t); err != nil {
			return w.fail(err)
		}
		out = t
		return w.logToken(curricula.OpUpdate, name)
	})
	return out, err
}

// TokenByHash implements curricula.TokenStore.
func (db *DB) TokenByHash(ctx context.Context, hash string) (*curricula.Token, error) {
	if err := ctxError(ctx); err != nil {
		return nil, err
	}
	var out *curricula.Token
	err := db.bolt.View(func(btx *bolt.Tx) error {
		names, hashes := btx.Bucket(tokensBucket), btx.Bucket(tokenHashesBucket)
		if names == nil || hashes == nil {
			return curricula.Errorf(curricula.ENOTFOUND, "no such token")
		}
		name := hashes.Get([]byte(hash))
		if name == nil {
			return curricula.Errorf(curricula.ENOTFOUND, "no such token")
		}
		var err error
		out, err = getToken(names, string(name))
		return err
	})
	return out, wrapped(err)
}

// Tokens implements curricula.TokenStore.
func (db *DB) Tokens(ctx context.Context) ([]*curricula.Token, error) {
	if err := ctxError(ctx); err != nil {
		return nil, err
	}
	var out []*curricula.Token
	err := db.bolt.View(func(btx *bolt.Tx) error {
		names := btx.Bucket(tokensBucket)
		if names == nil {
			return nil
		}
		return names.ForEach(func(_, v []byte) error {
			t := &curricula.Token{}
			if err := json.Unmarshal(v, t); err != nil {
				return err
			}
			out = append(out, t)
			return nil
		})
	})
	return out, wrapped(err)
}

// HasTokens implements curricula.TokenStore.
func (db *DB) HasTokens(ctx context.Context) (bool, error) {
	if err := ctxError(ctx); err != nil {
		return false, err
	}
	has := false
	err := db.bolt.View(func(btx *bolt.Tx) error {
		if b := btx.Bucket(tokensBucket); b != nil {
			k, _ := b.Cursor().First()
			has = k != nil
		}
		return nil
	})
	return has, wrapped(err)
}

// tokenUpdate runs fn in a write transaction with the token buckets,
// creating them on first use, stamped like Update.
func (db *DB) tokenUpdate(ctx context.Context, fn func(w *writeTx, names, hashes *bolt.Bucket) error) error {
	if err := ctxError(ctx); err != nil {
		return err
	}
	var fnErr error
	var w *writeTx
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		w = &writeTx{tx: tx{btx: btx}, now: db.clock(), principal: principalOf(ctx)}
		names, err := btx.CreateBucketIfNotExists(tokensBucket)
		if err != nil {
			return err
		}
		hashes, err := btx.CreateBucketIfNotExists(tokenHashesBucket)
		if err != nil {
			return err
		}
		if fnErr = fn(w, names, hashes); fnErr == nil {
			fnErr = w.failed
		}
		return fnErr
	})
	if err != nil {
		return passOrWrap(err, fnErr)
	}
	if w.logged > 0 {
		db.notify()
	}
	return nil
}

func (t *writeTx) logToken(op curricula.Operation, name string) error {
	if err := t.log(op, curricula.KindToken, curricula.TokenName(name), ""); err != nil {
		return t.fail(err)
	}
	return nil
}

func getToken(names *bolt.Bucket, name string) (*curricula.Token, error) {
	v := names.Get([]byte(name))
	if v == nil {
		return nil, curricula.Errorf(curricula.ENOTFOUND, "%s not found", curricula.TokenName(name))
	}
	t := &curricula.Token{}
	if err := json.Unmarshal(v, t); err != nil {
		return nil, curricula.Internal(err)
	}
	return t, nil
}

func putToken(names *bolt.Bucket, t *curricula.Token) error {
	v, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return names.Put([]byte(t.Name), v)
}

// wrapped is asError that keeps nil.
func wrapped(err error) error {
	if err == nil {
		return nil
	}
	return asError(err)
}
