package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// testServer is a real server on free loopback ports in a temp dir.
type testServer struct {
	*Server
	conn *grpc.ClientConn
	base string // http://127.0.0.1:port
}

// testConfig is the configuration of a test server: free loopback
// ports, a temp data dir, then mutate.
func testConfig(t *testing.T, mutate ...func(*Config)) Config {
	cfg := Defaults()
	cfg.DataDir = t.TempDir()
	cfg.GRPC.Addr = "127.0.0.1:0"
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.LockTimeout = 500 * time.Millisecond
	for _, m := range mutate {
		m(&cfg)
	}
	return cfg
}

func startServer(t *testing.T, mutate ...func(*Config)) *testServer {
	t.Helper()
	cfg := testConfig(t, mutate...)
	srv := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, srv.Open(context.Background()))
	conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() {
		conn.Close()
		require.NoError(t, srv.Close())
	})
	return &testServer{Server: srv, conn: conn, base: "http://" + srv.HTTPAddr()}
}

// rest sends a JSON request and decodes the JSON answer into out (if not nil).
func (ts *testServer) rest(t *testing.T, method, path string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, ts.base+path, rd)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if out != nil {
		require.NoError(t, json.Unmarshal(b, out), string(b))
	}
	return resp.StatusCode
}

func violations(t *testing.T, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out[v.GetField()] = v.GetDescription()
			}
		}
	}
	return out
}

func fixtureAcademy(t *testing.T, ac pb.AcademyServiceClient, id string) {
	t.Helper()
	ctx := context.Background()
	_, err := ac.CreateAcademy(ctx, &pb.CreateAcademyRequest{AcademyId: id, Academy: &pb.Academy{
		DisplayName: "Border Academy " + id, Country: "KZ", Agency: "border-guard", Languages: []string{"ru"}}})
	require.NoError(t, err)
	_, err = ac.CreateCurriculum(ctx, &pb.CreateCurriculumRequest{Parent: "academies/" + id, CurriculumId: "basic-2024", Curriculum: &pb.Curriculum{
		Title: "Базовая подготовка", Level: pb.Curriculum_BASIC, Language: "ru", Framework: "frameworks/ibm-core", State: pb.Curriculum_ACTIVE}})
	require.NoError(t, err)
}

func module(code string, hours float64, comps ...string) *pb.Module {
	m := &pb.Module{Code: code, Title: "Модуль " + code, Hours: hours, Delivery: pb.Module_CLASSROOM}
	for _, c := range comps {
		m.Alignments = append(m.Alignments, &pb.Alignment{Competency: "frameworks/ibm-core/competencies/" + c, Depth: pb.Depth_REINFORCED})
	}
	return m
}

func TestHealthAndReflection(t *testing.T) {
	ts := startServer(t)
	resp, err := healthpb.NewHealthClient(ts.conn).Check(context.Background(), &healthpb.HealthCheckRequest{Service: "concord.v1.AcademyService"})
	require.NoError(t, err)
	require.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/readyz", nil, nil))
	var spec map[string]any
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/openapi.json", nil, &spec))
	require.Equal(t, "2.0", spec["swagger"])
}

func TestDefaultFrameworkSeeded(t *testing.T) {
	ts := startServer(t)
	var out struct {
		Competencies []struct {
			Code  string            `json:"code"`
			Title map[string]string `json:"title"`
		} `json:"competencies"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/frameworks/ibm-core/competencies?page_size=1000", nil, &out))
	require.GreaterOrEqual(t, len(out.Competencies), 60)
	require.LessOrEqual(t, len(out.Competencies), 120)
	for _, c := range out.Competencies {
		for _, lang := range []string{"en", "ru", "fr", "ar", "fa"} {
			require.NotEmpty(t, c.Title[lang], "%s has no %s title", c.Code, lang)
		}
	}
}

func TestModuleLifecycle(t *testing.T) {
	ts := startServer(t)
	ctx := context.Background()
	ac := pb.NewAcademyServiceClient(ts.conn)
	fixtureAcademy(t, ac, "kz-border-academy")
	parent := "academies/kz-border-academy/curricula/basic-2024"

	// Create seven modules, then page through them three at a time.
	var want []string
	for i := 1; i <= 7; i++ {
		m, err := ac.CreateModule(ctx, &pb.CreateModuleRequest{Parent: parent, ModuleId: fmt.Sprintf("m%d", i), Module: module(fmt.Sprintf("M-%d", i), 20, "ra-01")})
		require.NoError(t, err)
		require.Equal(t, `"1"`, m.GetEtag())
		require.Equal(t, "frameworks/ibm-core/competencies/ra-01", m.GetAlignments()[0].GetCompetency())
		want = append(want, m.GetName())
	}
	var got []string
	token, pages := "", 0
	for {
		resp, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: parent, PageSize: 3, PageToken: token})
		require.NoError(t, err)
		pages++
		for _, m := range resp.GetModules() {
			got = append(got, m.GetName())
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	require.Equal(t, want, got)
	require.Equal(t, 3, pages)

	// A page token is bound to its request.
	first, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: parent, PageSize: 3})
	require.NoError(t, err)
	_, err = ac.ListModules(ctx, &pb.ListModulesRequest{Parent: parent, PageSize: 3, PageToken: first.GetNextPageToken(), Filter: "hours > 1"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, violations(t, err), "page_token")

	// Filter.
	filtered, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", Filter: `code = "M-3" OR code = "M-5"`})
	require.NoError(t, err)
	require.Len(t, filtered.GetModules(), 2)

	// Update with the current etag, then with the stale one.
	m1, err := ac.GetModule(ctx, &pb.GetModuleRequest{Name: want[0]})
	require.NoError(t, err)
	upd, err := ac.UpdateModule(ctx, &pb.UpdateModuleRequest{
		Module:     &pb.Module{Name: want[0], Hours: 24, Etag: m1.GetEtag()},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"hours"}},
	})
	require.NoError(t, err)
	require.Equal(t, 24.0, upd.GetHours())
	require.Equal(t, m1.GetTitle(), upd.GetTitle(), "fields outside the mask are kept")
	require.NotEqual(t, m1.GetEtag(), upd.GetEtag())
	_, err = ac.UpdateModule(ctx, &pb.UpdateModuleRequest{
		Module:     &pb.Module{Name: want[0], Hours: 30, Etag: m1.GetEtag()},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"hours"}},
	})
	require.Equal(t, codes.Aborted, status.Code(err))

	// Delete the module, then the academy: refused while it has children.
	_, err = ac.DeleteModule(ctx, &pb.DeleteModuleRequest{Name: want[0], Etag: upd.GetEtag()})
	require.NoError(t, err)
	_, err = ac.GetModule(ctx, &pb.GetModuleRequest{Name: want[0]})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = ac.DeleteAcademy(ctx, &pb.DeleteAcademyRequest{Name: "academies/kz-border-academy"})
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	_, err = ac.DeleteAcademy(ctx, &pb.DeleteAcademyRequest{Name: "academies/kz-border-academy", Force: true})
	require.NoError(t, err)
	_, err = ac.GetCurriculum(ctx, &pb.GetCurriculumRequest{Name: parent})
	require.Equal(t, codes.NotFound, status.Code(err))
}

func TestInvalidInputNamesTheField(t *testing.T) {
	ts := startServer(t)
	ctx := context.Background()
	ac := pb.NewAcademyServiceClient(ts.conn)
	fixtureAcademy(t, ac, "kg-border-institute")
	parent := "academies/kg-border-institute/curricula/basic-2024"

	cases := []struct {
		name   string
		id     string
		module *pb.Module
		field  string
	}{
		{"negative hours", "m1", module("M-1", -4, "ra-01"), "module.hours"},
		{"unknown competency", "m2", module("M-2", 10, "zz-99"), "module.alignments[0].competency"},
		{"no title", "m3", &pb.Module{Code: "M-3", Hours: 2}, "module.title"},
		{"bad id", "M 4", module("M-4", 10), "module_id"},
		{"other framework", "m5", &pb.Module{Code: "M-5", Title: "x", Hours: 2, Alignments: []*pb.Alignment{{Competency: "frameworks/other/competencies/ra-01", Depth: pb.Depth_INTRODUCED}}}, "module.alignments[0].competency"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ac.CreateModule(ctx, &pb.CreateModuleRequest{Parent: parent, ModuleId: tc.id, Module: tc.module})
			require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
			require.Contains(t, violations(t, err), tc.field)
		})
	}
	// Nothing was stored.
	resp, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: parent})
	require.NoError(t, err)
	require.Empty(t, resp.GetModules())

	// REST answers 400 and names the field.
	var body struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	code := ts.rest(t, "POST", "/v1/"+parent+"/modules?module_id=m9", map[string]any{"code": "M-9", "title": "t", "hours": -1}, &body)
	require.Equal(t, http.StatusBadRequest, code)
	require.Contains(t, body.Message, "module.hours")
	code = ts.rest(t, "POST", "/v1/"+parent+"/modules?module_id=m9", map[string]any{"code": "M-9", "title": "t", "hours": 3,
		"alignments": []map[string]any{{"competency": "frameworks/ibm-core/competencies/nope-1", "depth": "MASTERED"}}}, &body)
	require.Equal(t, http.StatusBadRequest, code)
	require.Contains(t, body.Message, "module.alignments[0].competency")
}

func TestRESTStaleEtagIsConflict(t *testing.T) {
	ts := startServer(t)
	var a struct {
		Name string `json:"name"`
		Etag string `json:"etag"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "POST", "/v1/academies?academy_id=tj-border-academy",
		map[string]any{"displayName": "Border Academy", "country": "TJ", "agency": "border-guard"}, &a))
	require.Equal(t, "academies/tj-border-academy", a.Name)
	require.Equal(t, http.StatusOK, ts.rest(t, "PATCH", "/v1/academies/tj-border-academy?update_mask=city",
		map[string]any{"city": "Dushanbe", "etag": a.Etag}, nil))
	require.Equal(t, http.StatusConflict, ts.rest(t, "PATCH", "/v1/academies/tj-border-academy?update_mask=city",
		map[string]any{"city": "Khorog", "etag": a.Etag}, nil))
	var list struct {
		Academies []struct {
			City string `json:"city"`
		} `json:"academies"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/academies", nil, &list))
	require.Len(t, list.Academies, 1)
	require.Equal(t, "Dushanbe", list.Academies[0].City)
}

func TestSecondServerOnSameDataDirFails(t *testing.T) {
	ts := startServer(t)
	cfg := ts.cfg
	cfg.GRPC.Addr, cfg.HTTP.Addr = "127.0.0.1:0", "127.0.0.1:0"
	second := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	start := time.Now()
	err := second.Open(context.Background())
	require.Error(t, err)
	require.Contains(t, err.Error(), "in use by another concord process")
	require.Less(t, time.Since(start), 5*time.Second)
}

func TestDemoData(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	var academies struct {
		Academies []struct {
			Country string `json:"country"`
		} `json:"academies"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/academies?page_size=100", nil, &academies))
	countries := map[string]bool{}
	for _, a := range academies.Academies {
		countries[a.Country] = true
	}
	require.GreaterOrEqual(t, len(academies.Academies), 11)
	require.GreaterOrEqual(t, len(countries), 11)
	for _, p := range []string{"central-asia", "silk-routes"} {
		var prog struct {
			Members []string `json:"members"`
		}
		require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/"+p, nil, &prog))
		require.Len(t, prog.Members, 5)
	}
}
