package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// backupTo streams a backup over gRPC into a file and returns its path.
func backupTo(t *testing.T, s *secured, dir string) string {
	t.Helper()
	stream, err := pb.NewAdminServiceClient(s.conn).Backup(s.admin.ctx(t.Context()), &pb.BackupRequest{})
	require.NoError(t, err)
	path := filepath.Join(dir, "backup.db")
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		_, err = f.Write(chunk.GetData())
		require.NoError(t, err)
	}
	require.NoError(t, f.Sync())
	return path
}

func newResource(k curricula.Kind) curricula.Resource {
	switch k {
	case curricula.KindFramework:
		return &curricula.Framework{}
	case curricula.KindCompetency:
		return &curricula.Competency{}
	case curricula.KindAcademy:
		return &curricula.Academy{}
	case curricula.KindCurriculum:
		return &curricula.Curriculum{}
	case curricula.KindModule:
		return &curricula.Module{}
	case curricula.KindProgramme:
		return &curricula.Programme{}
	case curricula.KindSnapshot:
		return &curricula.Snapshot{}
	}
	panic("unknown kind " + k)
}

// storeDump is everything a store holds: resources (as JSON), the change
// log and the tokens.
type storeDump struct {
	resources map[string]string
	changes   []curricula.Change
	tokens    []*curricula.Token
}

func dumpStore(t *testing.T, st interface {
	curricula.Store
	curricula.TokenStore
}) storeDump {
	t.Helper()
	d := storeDump{resources: map[string]string{}}
	require.NoError(t, st.View(t.Context(), func(tx curricula.Tx) error {
		for _, k := range curricula.Kinds {
			err := tx.Scan(k, "", "", func(name string, decode func(curricula.Resource) error) (bool, error) {
				r := newResource(k)
				if err := decode(r); err != nil {
					return false, err
				}
				b, err := json.Marshal(r)
				d.resources[name] = string(b)
				return true, err
			})
			if err != nil {
				return err
			}
		}
		return nil
	}))
	for after := uint64(0); ; {
		cs, err := st.Changes(t.Context(), after, 1000)
		require.NoError(t, err)
		if len(cs) == 0 {
			break
		}
		d.changes = append(d.changes, cs...)
		after = cs[len(cs)-1].Sequence
	}
	var err error
	d.tokens, err = st.Tokens(t.Context())
	require.NoError(t, err)
	return d
}

// requireSameAt checks that restored equals source as it was at the
// last change the restored store has: the same change log up to there;
// every resource no change after it touched is identical; every resource
// touched later is as the log left it at that point (absent if deleted,
// else with that change's etag).
func requireSameAt(t *testing.T, source, restored storeDump) {
	t.Helper()
	require.NotEmpty(t, restored.changes)
	at := restored.changes[len(restored.changes)-1].Sequence
	require.GreaterOrEqual(t, len(source.changes), int(at))
	require.Equal(t, source.changes[:at], restored.changes, "the change log up to the backup's sequence")
	last := map[string]curricula.Change{}
	for _, c := range restored.changes {
		last[c.Name] = c
	}
	later := map[string]bool{}
	for _, c := range source.changes[at:] {
		later[c.Name] = true
	}
	names := map[string]bool{}
	for n := range source.resources {
		names[n] = true
	}
	for n := range restored.resources {
		names[n] = true
	}
	for n := range names {
		if !later[n] {
			require.Equal(t, source.resources[n], restored.resources[n], n)
			continue
		}
		c, logged := last[n]
		r, ok := restored.resources[n]
		if !logged || c.Operation == curricula.OpDelete {
			require.False(t, ok, "%s did not exist at the backup's sequence", n)
			continue
		}
		require.True(t, ok, "%s existed at the backup's sequence", n)
		var meta curricula.Meta
		require.NoError(t, json.Unmarshal([]byte(r), &meta))
		require.Equal(t, c.Etag, meta.Etag(), n)
	}
	require.Equal(t, source.tokens, restored.tokens)
}

// TestBackupUnderWriteLoadRestoresIdentically takes backups over gRPC
// while three clients create, update and delete modules, then restores
// each into a fresh data directory and compares it with the source.
func TestBackupUnderWriteLoadRestoresIdentically(t *testing.T) {
	s := startSecured(t, func(c *Config) { c.Demo = true })
	ac := pb.NewAcademyServiceClient(s.conn)
	parent := curricula.CurriculumName(ownAcademy, "basic-2024")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for w := range 3 {
		caller := []caller{s.admin, s.editor, s.editor}[w]
		wg.Go(func() {
			ctx := caller.ctx(t.Context())
			for i := 0; i < 400; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("w%d-%d", w, i)
				m, err := ac.CreateModule(ctx, &pb.CreateModuleRequest{Parent: parent, ModuleId: id, Module: &pb.Module{Code: id, Title: "Load " + id, Hours: 2}})
				if err == nil && i%2 == 0 {
					_, err = ac.UpdateModule(ctx, &pb.UpdateModuleRequest{Module: &pb.Module{Name: m.GetName(), Hours: 3, Etag: m.GetEtag()}, UpdateMask: mask("hours")})
				}
				if err == nil && i%3 == 0 {
					_, err = ac.DeleteModule(ctx, &pb.DeleteModuleRequest{Name: m.GetName()})
				}
				if err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		})
	}
	var backups []string
	before, err := s.store.LastSequence(t.Context())
	require.NoError(t, err)
	for i := range 3 {
		// Let some writes land between backups.
		require.Eventually(t, func() bool {
			seq, err := s.store.LastSequence(t.Context())
			return err == nil && seq >= before+uint64(20*(i+1))
		}, 30*time.Second, time.Millisecond)
		backups = append(backups, backupTo(t, s, t.TempDir()))
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	source := dumpStore(t, s.store)

	var seqs []uint64
	for _, b := range backups {
		st, err := storage.Verify(b, time.Second)
		require.NoError(t, err)
		require.Greater(t, st.LastSequence, before, "the backup saw some of the load")
		seqs = append(seqs, st.LastSequence)
		dir := t.TempDir()
		require.NoError(t, os.Rename(b, StorePath(dir)))
		r, err := storage.Open(StorePath(dir), storage.Options{})
		require.NoError(t, err)
		requireSameAt(t, source, dumpStore(t, r))
		require.NoError(t, r.Close())
	}
	require.IsNonDecreasing(t, seqs)
	t.Logf("backups at sequences %v of %d changes", seqs, len(source.changes))
}

// TestBackupClientCancelMidStream: a client that goes away in the middle
// of a backup leaves the store as it was, and serving.
func TestBackupClientCancelMidStream(t *testing.T) {
	s := startSecured(t, func(c *Config) { c.Demo = true })
	before := dumpStore(t, s.store)
	stream, cancel := blockedBackup(t, s)
	cancel()
	var err error
	for err == nil {
		_, err = stream.Recv()
	}
	require.Equal(t, codes.Canceled, status.Code(err))
	require.Eventually(t, func() bool { return s.limiter.InFlight() == 0 }, 10*time.Second, 10*time.Millisecond,
		"the handler ends, and with it its read transaction")
	require.Equal(t, before, dumpStore(t, s.store), "nothing changed")

	// Writes and backups carry on; the next backup is whole.
	_, err = pb.NewAcademyServiceClient(s.conn).UpdateAcademy(s.admin.ctx(t.Context()),
		&pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: "academies/" + ownAcademy, City: "Astana"}, UpdateMask: mask("city")})
	require.NoError(t, err)
	b := backupTo(t, s, t.TempDir())
	st, err := storage.Verify(b, time.Second)
	require.NoError(t, err)
	last, err := s.store.LastSequence(t.Context())
	require.NoError(t, err)
	require.Equal(t, last, st.LastSequence)
}
