package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"syscall"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// TestFaultExpiredDeadlineWritesNothing: a write whose deadline is gone
// by the time it arrives is refused with DEADLINE_EXCEEDED and stores
// nothing.
func TestFaultExpiredDeadlineWritesNothing(t *testing.T) {
	s := startSecured(t)
	before := dumpStore(t, s.store)
	for _, timeout := range []time.Duration{time.Nanosecond, time.Microsecond} {
		ctx, cancel := context.WithTimeout(s.admin.ctx(t.Context()), timeout)
		_, err := pb.NewAcademyServiceClient(s.conn).CreateModule(ctx, &pb.CreateModuleRequest{
			Parent: curricula.CurriculumName(ownAcademy, "basic-2024"), ModuleId: "late", Module: &pb.Module{Code: "L", Title: "Late", Hours: 1}})
		cancel()
		require.Equal(t, codes.DeadlineExceeded, status.Code(err))
	}
	require.Equal(t, before, dumpStore(t, s.store))
}

// readOnly makes dir read-only: a tmpfs remounted read-only when the
// tests run as root (root ignores permissions), else permissions.
type readOnly struct {
	dir   string
	mount bool
}

func newReadOnly(t *testing.T) *readOnly {
	t.Helper()
	r := &readOnly{dir: t.TempDir(), mount: os.Geteuid() == 0}
	if r.mount {
		if err := syscall.Mount("tmpfs", r.dir, "tmpfs", 0, "size=32m,mode=0700"); err != nil {
			t.Skipf("running as root without the right to mount a tmpfs (%v): a read-only file system cannot be made here", err)
		}
		t.Cleanup(func() { _ = syscall.Unmount(r.dir, syscall.MNT_DETACH) })
	}
	return r
}

func (r *readOnly) set(t *testing.T, ro bool) {
	t.Helper()
	if r.mount {
		flags := uintptr(syscall.MS_REMOUNT)
		if ro {
			flags |= syscall.MS_RDONLY
		}
		require.NoError(t, syscall.Mount("", r.dir, "", flags, ""))
		return
	}
	mode, fmode := os.FileMode(0o700), os.FileMode(0o600)
	if ro {
		mode, fmode = 0o500, 0o400
	}
	require.NoError(t, os.Chmod(StorePath(r.dir), fmode))
	require.NoError(t, os.Chmod(r.dir, mode))
}

// TestFaultReadOnlyDataDir: a server whose data directory has become
// read-only refuses to start with a message that says so, and the store
// is intact when the directory is writable again.
func TestFaultReadOnlyDataDir(t *testing.T) {
	ro := newReadOnly(t)
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := Defaults()
	cfg.DataDir = ro.dir
	cfg.GRPC.Addr, cfg.HTTP.Addr = "127.0.0.1:0", "127.0.0.1:0"

	srv := New(cfg, discard)
	require.NoError(t, srv.Open(t.Context()))
	require.NoError(t, srv.store.Update(t.Context(), func(tx curricula.WriteTx) error {
		return tx.Create(&curricula.Academy{Meta: curricula.Meta{Name: "academies/tm-border-institute"}, DisplayName: "TM", Country: "TM", Agency: curricula.AgencyBorderGuard})
	}))
	require.NoError(t, srv.Close())
	want, err := storage.Verify(StorePath(ro.dir), time.Second)
	require.NoError(t, err)

	ro.set(t, true)
	err = New(cfg, discard).Open(t.Context())
	require.Error(t, err)
	require.Equal(t, curricula.EUNAVAILABLE, curricula.ErrorCode(err), "%v", err)
	require.ErrorContains(t, err, "cannot open the data file "+StorePath(ro.dir)+" for writing")
	var e *curricula.Error
	require.True(t, errors.As(err, &e))
	require.True(t, errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission), "%v", err)

	ro.set(t, false)
	got, err := storage.Verify(StorePath(ro.dir), time.Second)
	require.NoError(t, err)
	require.Equal(t, want, got, "the store is as it was")
	srv = New(cfg, discard)
	require.NoError(t, srv.Open(t.Context()))
	require.NoError(t, srv.store.View(t.Context(), func(tx curricula.Tx) error {
		return tx.Get("academies/tm-border-institute", &curricula.Academy{})
	}))
	require.NoError(t, srv.Close())
}
