package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/concord-ibm/concord/curricula"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for the file lock by default.
const DefaultTimeout = 2 * time.Second

// Options configure Open.
type Options struct {
	// Timeout is how long to wait for the file lock held by another
	// process (default DefaultTimeout).
	Timeout time.Duration
	// NoSync skips fsync on commit. Only for tests and benchmarks: a
	// crash may lose acknowledged writes.
	NoSync bool
	// Clock returns the commit time (default time.Now().UTC()).
	Clock func() time.Time
}

// DB is a curricula.Store backed by one bbolt file.
type DB struct {
	path  string
	bolt  *bolt.DB
	clock func() time.Time

	mu      sync.Mutex
	changed chan struct{}
}

var _ curricula.Store = (*DB)(nil)

// Open opens or creates the data file at path, creating its parent
// directories (0700) and the file (0600) as needed. When another process
// holds the file it fails after opts.Timeout with EUNAVAILABLE.
func Open(path string, opts Options) (*DB, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, curricula.Internal(err)
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      opts.Timeout,
		NoSync:       opts.NoSync,
		FreelistType: bolt.FreelistMapType,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, &curricula.Error{
			Code: curricula.EUNAVAILABLE,
			Message: fmt.Sprintf("the data file %s is in use by another concord process "+
				"(its lock was not released within %v); stop that process or use another data directory", path, opts.Timeout),
			Err: err,
		}
	}
	if err != nil {
		return nil, curricula.Internal(fmt.Errorf("open %s: %w", path, err))
	}
	if err := bdb.Update(func(tx *bolt.Tx) error { return initSchema(tx, path) }); err != nil {
		_ = bdb.Close()
		return nil, asError(err)
	}
	clock := opts.Clock
	return &DB{
		path:    path,
		bolt:    bdb,
		clock:   func() time.Time { return clock().UTC() },
		changed: make(chan struct{}),
	}, nil
}

// Path returns the data file's path.
func (db *DB) Path() string { return db.path }

// Close closes the file; closing twice is harmless. It waits for running
// transactions to finish.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return curricula.Internal(err)
	}
	return nil
}

// View implements curricula.Store.
func (db *DB) View(ctx context.Context, fn func(curricula.Tx) error) error {
	if err := ctxError(ctx); err != nil {
		return err
	}
	var fnErr error
	err := db.bolt.View(func(btx *bolt.Tx) error {
		fnErr = fn(&tx{btx: btx})
		return fnErr
	})
	return passOrWrap(err, fnErr)
}

// Update implements curricula.Store: fn runs in one bbolt read-write
// transaction stamped with one commit time and the principal of ctx.
func (db *DB) Update(ctx context.Context, fn func(curricula.WriteTx) error) error {
	if err := ctxError(ctx); err != nil {
		return err
	}
	principal := principalOf(ctx)
	var fnErr error
	var wtx *writeTx
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		wtx = &writeTx{tx: tx{btx: btx}, now: db.clock(), principal: principal}
		if fnErr = fn(wtx); fnErr == nil {
			fnErr = wtx.failed
		}
		return fnErr
	})
	if err != nil {
		return passOrWrap(err, fnErr)
	}
	if wtx.logged > 0 {
		db.notify()
	}
	return nil
}

// Changed implements curricula.Store. Take the channel before reading
// the change log, then wait on it, so that no commit goes unnoticed.
func (db *DB) Changed() <-chan struct{} {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.changed
}

// notify wakes every waiter of Changed and arms a new channel.
func (db *DB) notify() {
	db.mu.Lock()
	defer db.mu.Unlock()
	close(db.changed)
	db.changed = make(chan struct{})
}

// Backup implements curricula.Store: the copy is a bbolt file that Open
// accepts, written from one read transaction.
func (db *DB) Backup(ctx context.Context, w io.Writer) (int64, error) {
	if err := ctxError(ctx); err != nil {
		return 0, err
	}
	var n int64
	err := db.bolt.View(func(btx *bolt.Tx) error {
		var err error
		n, err = btx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, curricula.Internal(err)
	}
	return n, nil
}

// Stats implements curricula.Store; SizeBytes is the file's size.
func (db *DB) Stats(ctx context.Context) (curricula.StoreStats, error) {
	if err := ctxError(ctx); err != nil {
		return curricula.StoreStats{}, err
	}
	st := curricula.StoreStats{Resources: map[curricula.Kind]int{}}
	err := db.bolt.View(func(btx *bolt.Tx) error {
		for _, k := range curricula.Kinds {
			st.Resources[k] = btx.Bucket(kindBucket(k)).Stats().KeyN
		}
		st.LastSequence = btx.Bucket(changesBucket).Sequence()
		fi, err := os.Stat(db.path)
		if err != nil {
			return err
		}
		st.SizeBytes = fi.Size()
		return nil
	})
	if err != nil {
		return curricula.StoreStats{}, curricula.Internal(err)
	}
	return st, nil
}

// principalOf is the subject writes of ctx are stamped with: its
// principal's, or "system" when it has none.
func principalOf(ctx context.Context) string {
	if p, ok := curricula.PrincipalFrom(ctx); ok && p.Subject != "" {
		return p.Subject
	}
	return "system"
}

// ctxError returns the curricula error for a finished ctx, nil otherwise.
func ctxError(ctx context.Context) error {
	switch err := ctx.Err(); {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return &curricula.Error{Code: curricula.EDEADLINE, Message: "deadline exceeded", Err: err}
	default:
		return &curricula.Error{Code: curricula.ECANCELED, Message: "request canceled", Err: err}
	}
}

// passOrWrap returns fn's own error unchanged and wraps bbolt's.
func passOrWrap(err, fnErr error) error {
	if err == nil || (fnErr != nil && err == fnErr) {
		return err
	}
	return asError(err)
}

// asError keeps a *curricula.Error and wraps anything else as internal.
func asError(err error) error {
	var e *curricula.Error
	if errors.As(err, &e) {
		return err
	}
	return curricula.Internal(err)
}
