package storage_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/concord-ibm/concord/storage/storagetest"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

func open(t *testing.T, path string, opts storage.Options) *storage.DB {
	t.Helper()
	db, err := storage.Open(path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

func TestConformance(t *testing.T) {
	storagetest.Run(t,
		func(t *testing.T) curricula.Store {
			db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{})
			require.NoError(t, err)
			return db
		},
		func(t *testing.T, backup []byte) curricula.Store {
			path := filepath.Join(t.TempDir(), "restored.db")
			require.NoError(t, os.WriteFile(path, backup, 0o600))
			db, err := storage.Open(path, storage.Options{})
			require.NoError(t, err)
			return db
		})
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "nested", "concord.db")
	db := open(t, path, storage.Options{})
	require.Equal(t, path, db.Path())
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	di, err := os.Stat(filepath.Dir(path))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), di.Mode().Perm())
}

func TestDurableAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "concord.db")
	clock := time.Date(2026, 11, 22, 9, 30, 0, 123456789, time.FixedZone("ALMT", 5*3600))
	db, err := storage.Open(path, storage.Options{Clock: func() time.Time { return clock }})
	require.NoError(t, err)
	a := &curricula.Academy{Meta: curricula.Meta{Name: "academies/kz"}, DisplayName: "KZ academy", Country: "KZ", Agency: curricula.AgencyBorderGuard}
	require.NoError(t, db.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Create(a) }))
	require.Equal(t, clock.UTC(), a.CreateTime, "the clock's time, in UTC")
	require.NoError(t, db.Close())

	db = open(t, path, storage.Options{})
	got := &curricula.Academy{}
	require.NoError(t, db.View(t.Context(), func(tx curricula.Tx) error { return tx.Get(a.Name, got) }))
	require.Equal(t, a, got)
	cs, err := db.Changes(t.Context(), 0, 10)
	require.NoError(t, err)
	require.Equal(t, []curricula.Change{{Sequence: 1, Time: clock.UTC(), Principal: "system",
		Operation: curricula.OpCreate, Kind: curricula.KindAcademy, Name: a.Name, Etag: curricula.EtagOf(1)}}, cs)
}

func TestOpenWhileInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "concord.db")
	open(t, path, storage.Options{})

	const timeout = 200 * time.Millisecond
	start := time.Now()
	_, err := storage.Open(path, storage.Options{Timeout: timeout})
	elapsed := time.Since(start)
	require.Error(t, err)
	require.Equal(t, curricula.EUNAVAILABLE, curricula.ErrorCode(err))
	require.Contains(t, err.Error(), "in use by another concord process")
	require.Contains(t, err.Error(), path)
	require.Less(t, elapsed, timeout+2*time.Second, "gave up near the timeout")
}

func TestSchemaVersion(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(*bolt.Tx) error
		msg     string
	}{
		{"newer", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte("2"))
		}, "schema version 2 but this concord knows only up to 1"},
		{"unreadable", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte("two"))
		}, "unreadable schema version"},
		{"foreign file", func(tx *bolt.Tx) error {
			return tx.DeleteBucket([]byte("meta"))
		}, "not a concord data file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "concord.db")
			db, err := storage.Open(path, storage.Options{})
			require.NoError(t, err)
			require.NoError(t, db.Close())

			b, err := bolt.Open(path, 0o600, nil)
			require.NoError(t, err)
			require.NoError(t, b.Update(tt.prepare))
			require.NoError(t, b.Close())

			_, err = storage.Open(path, storage.Options{})
			require.Error(t, err)
			require.Equal(t, curricula.EPRECONDITION, curricula.ErrorCode(err))
			require.Contains(t, err.Error(), tt.msg)
			require.Contains(t, err.Error(), path)
		})
	}
}

func TestNotABoltFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "concord.db")
	require.NoError(t, os.WriteFile(path, []byte("this is not a database, just some bytes that are long enough"), 0o600))
	_, err := storage.Open(path, storage.Options{})
	require.Error(t, err)
	require.Equal(t, curricula.EINTERNAL, curricula.ErrorCode(err))
	require.Contains(t, err.Error(), path)
}
