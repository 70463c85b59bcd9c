// Package storagetest is the conformance suite of curricula.Store. Every
// implementation runs it from its own tests:
//
//	func TestConformance(t *testing.T) {
//		storagetest.Run(t, openEmpty, restoreBackup)
//	}
//
// Beyond the contract in curricula/store.go the suite expects what every
// Store in this system does: commit times come from the real clock (within
// a second); a write without a principal in its context is recorded as
// "system"; a cancelled or expired context fails a call with ECANCELED or
// EDEADLINE before any transaction starts; names are visited in byte order;
// a Scan parent may use "-" for any ID (AIP-159) and a malformed parent is
// EINVALID; a cascading delete logs every child before its parent and the
// resource last; a failed Update does not fire Changed; Close may be called
// twice.
package storagetest

import (
	"context"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// Run runs the suite. open returns a new, empty store; restore returns a
// store holding what Backup wrote into backup. The suite closes both.
func Run(t *testing.T, open func(t *testing.T) curricula.Store, restore func(t *testing.T, backup []byte) curricula.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, curricula.Store)
	}{
		{"CreateGet", testCreateGet},
		{"CreateInvalid", testCreateInvalid},
		{"CreateExisting", testCreateExisting},
		{"CreateParentMissing", testCreateParentMissing},
		{"Update", testUpdate},
		{"Delete", testDelete},
		{"DeleteCascade", testDeleteCascade},
		{"Rollback", testRollback},
		{"Scan", testScan},
		{"ScanPaging", testScanPaging},
		{"ScanInvalidParent", testScanInvalidParent},
		{"ChangeLog", testChangeLog},
		{"Changed", testChanged},
		{"Context", testContext},
		{"Stats", testStats},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Close", testClose},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, opened(t, open(t))) })
	}
	for _, tt := range []struct {
		name string
		fn   func(*testing.T, curricula.Store, restorer)
	}{
		{"Backup", testBackup},
		{"BackupWhileWriting", testBackupWhileWriting},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.NotNil(t, restore, "storagetest.Run needs a restore function to check Backup")
			tt.fn(t, opened(t, open(t)), func(b []byte) curricula.Store { return opened(t, restore(t, b)) })
		})
	}
}

// restorer opens a backup as a store that the test closes.
type restorer func(backup []byte) curricula.Store

// opened arranges for s to be closed at the end of the test.
func opened(t *testing.T, s curricula.Store) curricula.Store {
	t.Helper()
	require.NotNil(t, s)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

// create stores rs in one Update.
func create(t *testing.T, s curricula.Store, rs ...curricula.Resource) {
	t.Helper()
	require.NoError(t, s.Update(t.Context(), func(tx curricula.WriteTx) error {
		for _, r := range rs {
			if err := tx.Create(r); err != nil {
				return err
			}
		}
		return nil
	}))
}

// get reads name into r in its own View.
func get(t *testing.T, s curricula.Store, name string, r curricula.Resource) error {
	t.Helper()
	return s.View(t.Context(), func(tx curricula.Tx) error { return tx.Get(name, r) })
}

func exists(t *testing.T, s curricula.Store, name string) bool {
	t.Helper()
	var ok bool
	require.NoError(t, s.View(t.Context(), func(tx curricula.Tx) (err error) {
		ok, err = tx.Exists(name)
		return err
	}))
	return ok
}

func lastSeq(t *testing.T, s curricula.Store) uint64 {
	t.Helper()
	seq, err := s.LastSequence(t.Context())
	require.NoError(t, err)
	return seq
}

func changesAfter(t *testing.T, s curricula.Store, after uint64) []curricula.Change {
	t.Helper()
	cs, err := s.Changes(t.Context(), after, 1<<20)
	require.NoError(t, err)
	return cs
}

// requireCode asserts that err is a *curricula.Error with code.
func requireCode(t *testing.T, err error, code curricula.Code) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, curricula.ErrorCode(err), "error: %v", err)
}

// requireRecent asserts that tm is the real time of a commit made
// between before and after (allowing for a store's time precision).
func requireRecent(t *testing.T, tm, before, after time.Time) {
	t.Helper()
	require.WithinRange(t, tm, before.Add(-time.Second), after.Add(time.Second))
}

// as returns ctx carrying a principal with subject.
func as(ctx context.Context, subject string) context.Context {
	return curricula.NewContext(ctx, curricula.Principal{Subject: subject, Role: curricula.RoleEditor})
}
