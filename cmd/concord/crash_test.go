package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// crashRounds is how many times TestCrashDuringWritesLosesNothing kills
// the server.
const crashRounds = 20

// acked is a module whose creation the server acknowledged, and the word
// only its text holds.
type acked struct{ name, word string }

func dialProcess(t *testing.T, p *process) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(p.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestCrashDuringWritesLosesNothing is issue #4's crash test: writers
// stream module creations into a real server process, which is killed
// (SIGKILL) after a random 50–500 ms; it is restarted on the same data
// directory and, once its index has caught up with the store, every
// module acknowledged so far must be stored and found by search — by its
// own word, and by the curriculum filter. crashRounds rounds.
func TestCrashDuringWritesLosesNothing(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	t.Logf("seed %d", seed)
	dir := t.TempDir()
	p := serve(t, dir)
	academyWithCurriculum(t, p, "xx-crash")
	const curriculum = "academies/xx-crash/curricula/basic-2024"

	var all []acked
	checked := 0 // all[:checked] were searched for by word in an earlier round
	missingStored, missingSearch := 0, 0
	for round := range crashRounds {
		conn := dialProcess(t, p)
		ac := pb.NewAcademyServiceClient(conn)
		var mu sync.Mutex
		var wg sync.WaitGroup
		ctx, cancel := context.WithCancel(context.Background())
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ctx.Err() == nil; i++ {
					id := fmt.Sprintf("r%d-w%d-m%d", round, w, i)
					word := fmt.Sprintf("kw%dx%dx%d", round, w, i)
					m, err := ac.CreateModule(ctx, &pb.CreateModuleRequest{Parent: curriculum, ModuleId: id, Module: &pb.Module{
						Code: id, Title: "Crash module " + word, Description: "Written while the server may die: " + word, Hours: float64(1 + i%40)}})
					if err != nil {
						return // the server is gone
					}
					mu.Lock()
					all = append(all, acked{name: m.GetName(), word: word})
					mu.Unlock()
				}
			}()
		}
		delay := time.Duration(50+rng.IntN(451)) * time.Millisecond
		time.Sleep(delay)
		require.NoError(t, p.cmd.Process.Kill())
		_ = p.cmd.Wait()
		wg.Wait()
		cancel()
		conn.Close()

		p = serve(t, dir)
		conn = dialProcess(t, p)
		last := round == crashRounds-1
		byWord := all[checked:]
		if last {
			byWord = all // the last round searches every word again
		}
		stored, found := checkAcked(t, conn, curriculum, all, byWord)
		checked = len(all)
		missingStored += len(all) - stored
		missingSearch += len(all) - found
		t.Logf("round %d: killed after %v; %d modules acknowledged so far, %d stored, %d found by search", round+1, delay, len(all), stored, found)
		conn.Close()
	}
	t.Logf("%d rounds, %d acknowledged modules: %d missing from the store, %d missing from search", crashRounds, len(all), missingStored, missingSearch)
	require.Zero(t, missingStored)
	require.Zero(t, missingSearch)
	require.Greater(t, len(all), crashRounds, "too few writes were acknowledged to test anything")
}

// checkAcked waits until the index has caught up with the store, then
// counts the acknowledged modules that are stored and those search finds:
// all of them through the curriculum filter, and those of byWord by their
// own word too.
func checkAcked(t *testing.T, conn *grpc.ClientConn, curriculum string, all, byWord []acked) (stored, found int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	st, err := pb.NewAdminServiceClient(conn).GetIndexStats(ctx, &pb.GetIndexStatsRequest{})
	require.NoError(t, err)
	sc := pb.NewSearchServiceClient(conn)
	ac := pb.NewAcademyServiceClient(conn)

	inCurriculum := map[string]bool{}
	req := &pb.SearchModulesRequest{Curricula: []string{curriculum}, PageSize: 100, MinSequence: st.GetStoreSequence()}
	for {
		resp, err := sc.SearchModules(ctx, req)
		require.NoError(t, err)
		for _, h := range resp.GetHits() {
			inCurriculum[h.GetModule().GetName()] = true
		}
		if req.PageToken = resp.GetNextPageToken(); req.PageToken == "" {
			break
		}
	}
	listed := map[string]bool{}
	lreq := &pb.ListModulesRequest{Parent: curriculum, PageSize: 1000}
	for {
		resp, err := ac.ListModules(ctx, lreq)
		require.NoError(t, err)
		for _, m := range resp.GetModules() {
			listed[m.GetName()] = true
		}
		if lreq.PageToken = resp.GetNextPageToken(); lreq.PageToken == "" {
			break
		}
	}
	require.Len(t, inCurriculum, len(listed), "the curriculum filter finds every stored module and nothing else")
	byWordOK := map[string]bool{}
	for _, a := range byWord {
		resp, err := sc.SearchModules(ctx, &pb.SearchModulesRequest{Query: a.word, TextOnly: true})
		require.NoError(t, err)
		if len(resp.GetHits()) == 1 && resp.GetHits()[0].GetModule().GetName() == a.name {
			byWordOK[a.name] = true
		} else {
			t.Errorf("acknowledged %s: search for %q gives %v", a.name, a.word, hitsOf(resp))
		}
	}
	for i, a := range all {
		if listed[a.name] {
			stored++
		} else {
			t.Errorf("acknowledged %s is not stored", a.name)
		}
		searched := i >= len(all)-len(byWord)
		if inCurriculum[a.name] && (!searched || byWordOK[a.name]) {
			found++
		} else if !inCurriculum[a.name] {
			t.Errorf("acknowledged %s is not found by the curriculum filter", a.name)
		}
	}
	return stored, found
}

func hitsOf(r *pb.SearchModulesResponse) []string {
	var out []string
	for _, h := range r.GetHits() {
		out = append(out, h.GetModule().GetName())
	}
	return out
}
