package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSmoke runs the whole benchmark on a small corpus against the built
// server. PostgreSQL is used when it is installed; otherwise its row must
// say so. It asserts that every row is there and sane, never a timing.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the server and runs a 2k-module benchmark")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "concord")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/concord-ibm/concord/cmd/concord").CombinedOutput()
	require.NoError(t, err, string(out))

	o := options{Modules: 2000, Seed: 3, Server: bin, Work: filepath.Join(dir, "work"), Streams: 2, Queries: 20, Calls: 3}
	r, err := run(context.Background(), o, func(s string) { t.Log(s) })
	require.NoError(t, err)

	require.Equal(t, 2000, r.Modules)
	require.Len(t, r.Ingest, 3)
	for _, i := range r.Ingest {
		require.Empty(t, i.Unavailable, i.Name)
		require.Greater(t, i.PerSecond, 0.0, i.Name)
		require.InDelta(t, float64(r.Modules), i.PerSecond*i.Seconds, 1, i.Name)
	}
	require.Greater(t, r.Ingest[1].Ratio, 0.0)

	endpoints := map[string]int{}
	for _, s := range r.Search {
		endpoints[s.Endpoint]++
		if s.Unavailable != "" {
			require.Contains(t, []string{"concord gRPC", "concord REST"}, s.Endpoint, "only the service may be unavailable: %s", s.Unavailable)
			continue
		}
		l := s.Latency
		require.Equal(t, o.Queries, l.N, "%s %s", s.Class, s.Endpoint)
		require.True(t, l.P50 > 0 && l.P50 <= l.P95 && l.P95 <= l.P99 && l.QPS > 0, "%s %s: %+v", s.Class, s.Endpoint, l)
	}
	for _, e := range []string{"concord gRPC", "concord REST", "raw bleve"} {
		require.Equal(t, len(queryClasses), endpoints[e], e)
	}

	require.Len(t, r.Harmonisation, 2)
	require.Equal(t, 10, r.Harmonisation[0].Members)
	require.Equal(t, r.Curricula, r.Harmonisation[1].Members) // fewer than 200 curricula in 2k modules
	for _, h := range r.Harmonisation {
		require.Equal(t, o.Calls, h.Latency.N)
		require.Greater(t, h.Latency.P50, 0.0)
	}

	s := r.Server
	require.Greater(t, s.StartupSeconds, 0.0)
	require.Greater(t, s.PeakRSSBytes, int64(1<<20))
	require.Greater(t, s.DataDirBytes, int64(1<<20))
	require.True(t, s.ReindexSeconds > 0 || s.ReindexUnavailable != "")

	if findPostgres() != "" {
		require.Empty(t, r.Peer.Unavailable)
		require.Greater(t, r.Peer.PerSecond, 0.0)
		require.Equal(t, len(queryClasses), endpoints["postgres"])
	} else {
		require.Contains(t, r.Peer.Unavailable, "postgres not found")
	}

	names := map[string]bool{}
	for _, tg := range r.Targets {
		names[tg.Name] = true
	}
	for _, n := range []string{"ingest ÷ raw bleve", "start-up with a full store", "peak RSS", "gRPC search p99 (worst class)"} {
		require.True(t, names[n], n)
	}

	var text, js bytes.Buffer
	require.NoError(t, writeText(&text, r))
	for _, section := range []string{"INGEST", "SEARCH", "HARMONISATION", "SERVER", "PEER", "TARGET"} {
		require.Contains(t, text.String(), section)
	}
	require.NoError(t, writeJSON(&js, r))
	var back Report
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	require.Equal(t, r.Modules, back.Modules)
	t.Log("\n" + text.String())
}
