package server

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestLoad runs a bounded mixed load on loopback: 8 workers × 200
// operations, reads and writes, over gRPC and REST, as editors, viewers
// and admins. Every operation must succeed; afterwards the store holds
// exactly what was acknowledged and, once the server is closed, no
// goroutine is left behind. It asserts no timing.
func TestLoad(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // runs last, after the server is closed
	s := startSecured(t)
	const workers, ops = 8, 200
	before := s.moduleCount(t)

	var created, deleted atomic.Int64
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			errs <- s.loadWorker(t, w, ops, &created, &deleted)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Equal(t, before+int(created.Load()-deleted.Load()), s.moduleCount(t), "every acknowledged write is there, and nothing else")
	t.Logf("%d operations: %d modules created, %d deleted", workers*ops, created.Load(), deleted.Load())
}

func (s *secured) loadWorker(t *testing.T, w, ops int, created, deleted *atomic.Int64) error {
	ac := pb.NewAcademyServiceClient(s.conn)
	au := pb.NewAuditServiceClient(s.conn)
	writer, academy := s.editor, ownAcademy
	if w%2 == 1 {
		writer, academy = s.admin, otherAcademy
	}
	wctx, vctx := writer.ctx(t.Context()), s.viewer.ctx(t.Context())
	parent := curricula.CurriculumName(academy, "basic-2024")
	var mine []*pb.Module
	for i := range ops {
		var err error
		switch i % 10 {
		case 0, 1:
			_, err = ac.GetModule(vctx, &pb.GetModuleRequest{Name: restrictedModule(academy).Name})
		case 2, 3:
			_, err = ac.ListModules(vctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", PageSize: 100})
		case 4, 5:
			code, body := s.restGET(t, s.viewer, "/v1/"+parent+"/modules")
			if code != http.StatusOK {
				err = fmt.Errorf("REST list: %d %s", code, body)
			}
		case 6, 7:
			var m *pb.Module
			m, err = ac.CreateModule(wctx, &pb.CreateModuleRequest{Parent: parent, ModuleId: fmt.Sprintf("load-%d-%d", w, i),
				Module: &pb.Module{Code: "L", Title: "Load", Hours: 1}})
			if err == nil {
				created.Add(1)
				mine = append(mine, m)
			}
		case 8:
			if len(mine) == 0 {
				continue
			}
			m := mine[len(mine)-1]
			if i%20 == 8 {
				_, err = ac.UpdateModule(wctx, &pb.UpdateModuleRequest{Module: &pb.Module{Name: m.GetName(), Hours: 2, Etag: m.GetEtag()}, UpdateMask: mask("hours")})
			} else {
				_, err = ac.DeleteModule(wctx, &pb.DeleteModuleRequest{Name: m.GetName(), Etag: m.GetEtag()})
				if err == nil {
					deleted.Add(1)
				}
			}
			mine = mine[:len(mine)-1]
		case 9:
			_, err = au.ListChanges(wctx, &pb.ListChangesRequest{Resource: curricula.AcademyName(academy), PageSize: 20})
		}
		if err != nil {
			return fmt.Errorf("worker %d, op %d: %w", w, i, err)
		}
	}
	return nil
}
