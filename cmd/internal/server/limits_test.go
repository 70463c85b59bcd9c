package server

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/http2"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

const smallLimit = 64 << 10

func bigModule(n int) *pb.Module {
	return &pb.Module{Code: "M-BIG", Title: "Big", Hours: 1, Description: strings.Repeat("x", n)}
}

func (s *secured) moduleCount(t *testing.T) int {
	t.Helper()
	resp, err := pb.NewAcademyServiceClient(s.conn).ListModules(s.admin.ctx(t.Context()), &pb.ListModulesRequest{Parent: "academies/-/curricula/-", PageSize: 1000})
	require.NoError(t, err)
	return len(resp.GetModules())
}

func TestMessageAndBodySizeLimits(t *testing.T) {
	s := startSecured(t, func(c *Config) { c.GRPC.MaxRecvBytes = smallLimit; c.HTTP.MaxBodyBytes = smallLimit })
	before := s.moduleCount(t)
	parent := "academies/" + ownAcademy + "/curricula/basic-2024"

	_, err := pb.NewAcademyServiceClient(s.conn).CreateModule(s.admin.ctx(t.Context()),
		&pb.CreateModuleRequest{Parent: parent, ModuleId: "big", Module: bigModule(2 * smallLimit)})
	require.Equal(t, codes.ResourceExhausted, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "larger than max")

	// REST: with a Content-Length, and streamed without one.
	body := []byte(`{"code":"M-BIG","title":"Big","hours":1,"description":"` + strings.Repeat("x", 2*smallLimit) + `"}`)
	for _, chunked := range []bool{false, true} {
		var rd io.Reader = bytes.NewReader(body)
		if chunked {
			rd = io.MultiReader(rd) // hides the length: sent chunked
		}
		req, err := http.NewRequest(http.MethodPost, s.base+"/v1/"+parent+"/modules?module_id=big", rd)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+s.admin.secret)
		resp, err := s.client.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, "chunked=%v", chunked)
		require.Contains(t, string(b), `"code":8`)
		require.Contains(t, string(b), "larger than the limit of 65536 bytes")
	}
	require.Equal(t, before, s.moduleCount(t), "nothing stored")

	// Under the limit all is well.
	code, _ := s.restCall(t, s.admin, pb.AcademyService_CreateModule_FullMethodName,
		&pb.CreateModuleRequest{Parent: parent, ModuleId: "small", Module: bigModule(smallLimit / 2)})
	require.Equal(t, http.StatusOK, code)
}

func TestPageSizeAndFilterLimits(t *testing.T) {
	s := startSecured(t)
	ac := pb.NewAcademyServiceClient(s.conn)
	ctx := s.viewer.ctx(t.Context())
	_, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", PageSize: 1001})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Equal(t, "must be at most 1000", violations(t, err)["page_size"])
	_, err = ac.ListModules(ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", PageSize: -1})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	code, body := s.restGET(t, s.viewer, "/v1/academies?page_size=5000")
	require.Equal(t, http.StatusBadRequest, code)
	require.Contains(t, body, "page_size")

	long := `title = "` + strings.Repeat("a", 3000) + `"`
	_, err = ac.ListModules(ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", Filter: long})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, violations(t, err)["filter"], "longer than 2048")
}

// blockedBackup starts a backup on a connection with small flow-control
// windows and does not read it: the server's handler blocks in Send,
// holding its in-flight slot, until the stream ends.
func blockedBackup(t *testing.T, s *secured) (pb.AdminService_BackupClient, context.CancelFunc) {
	t.Helper()
	conn, err := grpc.NewClient(s.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithInitialWindowSize(64<<10), grpc.WithInitialConnWindowSize(64<<10))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	ctx, cancel := context.WithCancel(s.admin.ctx(t.Context()))
	stream, err := pb.NewAdminServiceClient(conn).Backup(ctx, &pb.BackupRequest{})
	require.NoError(t, err)
	// The first chunk proves the handler runs.
	_, err = stream.Recv()
	require.NoError(t, err)
	return stream, cancel
}

func TestConcurrencyLimit(t *testing.T) {
	s := startSecured(t, func(c *Config) { c.Demo = true; c.GRPC.MaxInFlight = 1 })
	_, cancel := blockedBackup(t, s)
	require.Eventually(t, func() bool { return s.limiter.InFlight() == 1 }, 10*time.Second, 10*time.Millisecond)

	_, err := pb.NewAcademyServiceClient(s.conn).ListAcademies(s.viewer.ctx(t.Context()), &pb.ListAcademiesRequest{})
	require.Equal(t, codes.ResourceExhausted, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "limit of 1 concurrent requests")
	code, body := s.restGET(t, s.viewer, "/v1/academies")
	require.Equal(t, http.StatusTooManyRequests, code, body)

	// A client that goes away gives its slot back.
	cancel()
	require.Eventually(t, func() bool {
		_, err := pb.NewAcademyServiceClient(s.conn).ListAcademies(s.viewer.ctx(t.Context()), &pb.ListAcademiesRequest{})
		return err == nil
	}, 10*time.Second, 20*time.Millisecond)
}

func TestMaxDeadlineEndsABlockedStream(t *testing.T) {
	s := startSecured(t, func(c *Config) { c.Demo = true; c.GRPC.MaxDeadline = 300 * time.Millisecond })
	// The index indexes the demo data first, so that it does not compete
	// with the backups for the CPU within their 300 ms.
	require.NoError(t, s.Search().WaitFor(t.Context(), uint64(s.lastSequence(t))))
	stream, cancel := blockedBackup(t, s)
	defer cancel()
	require.Eventually(t, func() bool { return s.limiter.InFlight() == 0 }, 10*time.Second, 10*time.Millisecond,
		"the server gives up on the stream at the capped deadline, though the client set none")
	var err error
	for err == nil {
		_, err = stream.Recv()
	}
	require.Equal(t, codes.DeadlineExceeded, status.Code(err), "%v", err)

	// The store is unharmed: writes and a full backup still work.
	_, err = pb.NewAcademyServiceClient(s.conn).UpdateAcademy(s.admin.ctx(t.Context()),
		&pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: "academies/" + ownAcademy, City: "Almaty"}, UpdateMask: mask("city")})
	require.NoError(t, err)
	require.NoError(t, s.Search().WaitFor(t.Context(), uint64(s.lastSequence(t)))) // the academy's modules reindexed
	code, out := s.invoke(t, s.admin, pb.AdminService_Backup_FullMethodName, &pb.BackupRequest{})
	require.Equal(t, codes.OK, code, out)
}

// A rebuild of the search index is not bound by the maximum deadline (at
// a million modules it takes longer than any sensible cap; a 1 ms cap
// would end it at once). TestMaxDeadlineEndsABlockedStream shows the cap
// holds for other streams.
func TestReindexIsNotCapped(t *testing.T) {
	s := startSecured(t, func(c *Config) { c.Demo = true; c.GRPC.MaxDeadline = time.Millisecond })
	require.NoError(t, s.Search().WaitFor(t.Context(), uint64(s.lastSequence(t)))) // built at start
	code, out := s.invoke(t, s.admin, pb.AdminService_Reindex_FullMethodName, &pb.ReindexRequest{})
	require.Equal(t, codes.OK, code, out)
}

// TestKeepalivePolicy pings the gRPC port over a raw HTTP/2 connection
// far more often than KeepaliveMinTime allows: the server must hang up
// with GOAWAY ENHANCE_YOUR_CALM "too_many_pings".
func TestKeepalivePolicy(t *testing.T) {
	s := startSecured(t)
	c, err := net.Dial("tcp", s.GRPCAddr())
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = c.Write([]byte(http2.ClientPreface))
	require.NoError(t, err)
	fr := http2.NewFramer(c, c)
	require.NoError(t, fr.WriteSettings())
	for i := range 10 {
		require.NoError(t, fr.WritePing(false, [8]byte{byte(i)}))
	}
	for {
		f, err := fr.ReadFrame()
		require.NoError(t, err, "the server closed without GOAWAY")
		if ga, ok := f.(*http2.GoAwayFrame); ok {
			require.Equal(t, http2.ErrCodeEnhanceYourCalm, ga.ErrCode)
			require.Equal(t, "too_many_pings", string(ga.DebugData()))
			return
		}
	}
}
