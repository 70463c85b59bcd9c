package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// syncBuffer is a bytes.Buffer for a logger written by many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(s.b.Bytes()))
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

func scrape(t *testing.T, base string) string {
	t.Helper()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(base + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

func TestMetricsAndLogs(t *testing.T) {
	logs := &syncBuffer{}
	cfg := Defaults()
	cfg.DataDir = t.TempDir()
	cfg.GRPC.Addr, cfg.HTTP.Addr = "127.0.0.1:0", "127.0.0.1:0"
	srv := New(cfg, slog.New(slog.NewJSONHandler(logs, nil)))
	require.NoError(t, srv.Open(context.Background()))
	conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() {
		conn.Close()
		require.NoError(t, srv.Close())
	})
	secret, err := services.NewSecret()
	require.NoError(t, err)
	require.NoError(t, srv.store.CreateToken(t.Context(), &curricula.Token{Name: "trainer", Role: curricula.RoleViewer, Hash: services.HashSecret(secret)}))
	viewer := caller{name: "trainer", secret: secret}
	base := "http://" + srv.HTTPAddr()

	ac := pb.NewAcademyServiceClient(conn)
	for range 3 {
		_, err := ac.ListAcademies(viewer.ctx(t.Context()), &pb.ListAcademiesRequest{})
		require.NoError(t, err)
	}
	_, err = ac.CreateAcademy(viewer.ctx(t.Context()), &pb.CreateAcademyRequest{AcademyId: "x", Academy: &pb.Academy{}})
	require.Error(t, err)

	// A REST call with the caller's request ID: echoed, and logged.
	req, err := http.NewRequest(http.MethodGet, base+"/v1/frameworks", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+secret)
	req.Header.Set("X-Request-Id", "req-7f3a")
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "req-7f3a", resp.Header.Get("X-Request-Id"))

	last, err := srv.store.LastSequence(t.Context())
	require.NoError(t, err)
	require.NoError(t, srv.Search().WaitFor(t.Context(), last))
	m := scrape(t, base)
	for _, want := range []string{
		`concord_rpc_requests_total{code="OK",method="/concord.v1.AcademyService/ListAcademies"} 3`,
		`concord_rpc_requests_total{code="PermissionDenied",method="/concord.v1.AcademyService/CreateAcademy"} 1`,
		`concord_rpc_requests_total{code="OK",method="/concord.v1.FrameworkService/ListFrameworks"} 1`,
		`concord_rpc_duration_seconds_count{code="OK",method="/concord.v1.AcademyService/ListAcademies"} 3`,
		`concord_rpc_duration_seconds_bucket{code="OK",method="/concord.v1.AcademyService/ListAcademies",le="+Inf"} 3`,
		"concord_index_lag_changes 0",
		"concord_rpc_in_flight 0",
		"go_goroutines ",
	} {
		require.Contains(t, m, want)
	}
	seq, err := srv.store.LastSequence(t.Context())
	require.NoError(t, err)
	require.Contains(t, m, "concord_store_last_sequence "+formatFloat(float64(seq)))
	require.Regexp(t, `concord_store_size_bytes [1-9]`, m)
	require.Regexp(t, `concord_index_size_bytes [1-9]`, m)
	require.Regexp(t, `concord_index_documents\{kind="competency"\} [1-9]`, m)
	require.Contains(t, m, `concord_index_documents{kind="module"} `)

	srv.Metrics().SetIndexLag(func() float64 { return 42 })
	require.Contains(t, scrape(t, base), "concord_index_lag_changes 42")

	// Every RPC is one structured line with its request ID, principal,
	// method, code and duration.
	require.Eventually(t, func() bool {
		for _, l := range logs.lines() {
			if l["msg"] == "rpc" && l["request_id"] == "req-7f3a" {
				return l["principal"] == "trainer" && l["method"] == "/concord.v1.FrameworkService/ListFrameworks" && l["code"] == "OK" && l["duration_ms"] != nil
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond)
	denied := 0
	for _, l := range logs.lines() {
		if l["msg"] == "rpc" && l["code"] == "PermissionDenied" {
			denied++
			require.Equal(t, "trainer", l["principal"], "a denied call is logged with who was denied")
			require.NotEmpty(t, l["request_id"])
		}
	}
	require.Equal(t, 1, denied)
	require.False(t, strings.Contains(logsText(logs), secret), "no secret in the logs")
}

func logsText(s *syncBuffer) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func formatFloat(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}
