package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// caseFixtureDir finds shared/fixtures/case beside the repository (or a
// worktree of it, nested deeper).
func caseFixtureDir(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	for dir, i := filepath.Join(wd, "..", "..", ".."), 0; i < 3; dir, i = filepath.Dir(dir), i+1 {
		p := filepath.Join(dir, "shared", "fixtures", "case")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
	}
	t.Fatal("CASE fixtures not found: the repository must be cloned beside shared/")
	return ""
}

// caseFixtures lists the CASE packages among the fixtures.
func caseFixtures(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(caseFixtureDir(t), "*.json"))
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".schema.json") {
			out = append(out, f)
		}
	}
	require.Len(t, out, 7)
	return out
}

// caseSchema compiles the official CASE 1.1 CFPackage schema, formats
// asserted.
func caseSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(filepath.Join(caseFixtureDir(t), "case-v1p1-cfpackage.schema.json"))
	require.NoError(t, err)
	return s
}

func requireValidCASE(t *testing.T, doc []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	require.NoError(t, caseSchema(t).Validate(v))
}

func TestEveryCASEFixtureImports(t *testing.T) {
	ts := startServer(t)
	ic := pb.NewInteropServiceClient(ts.conn)
	fc := pb.NewFrameworkServiceClient(ts.conn)
	ctx := context.Background()
	for _, file := range caseFixtures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			content, err := os.ReadFile(file)
			require.NoError(t, err)
			resp, err := ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content, Source: filepath.Base(file)})
			require.NoError(t, err)
			r := resp.GetReport()
			require.Equal(t, int32(1), r.GetFrameworks())
			require.Positive(t, r.GetCompetencies())
			// every fixture lacks a version, which the report says
			require.Contains(t, issues(r.GetWarnings()), "has no version")

			got, err := fc.GetFramework(ctx, &pb.GetFrameworkRequest{Name: resp.GetFramework().GetName()})
			require.NoError(t, err)
			require.Equal(t, resp.GetFramework().GetEtag(), got.GetEtag())
			comps, err := fc.ListCompetencies(ctx, &pb.ListCompetenciesRequest{Parent: got.GetName(), PageSize: 1000})
			require.NoError(t, err)
			require.Len(t, comps.GetCompetencies(), int(r.GetCompetencies()))

			if strings.Contains(file, "ccss-ratios") {
				// the real OpenSALT export: precedes and exemplar links are
				// skipped, each with its reason; crosswalks are kept
				require.Equal(t, "frameworks/what-standards-could-be", got.GetName())
				require.Len(t, r.GetSkipped(), 5)
				require.Contains(t, issues(r.GetSkipped()), `associationType "precedes" is not kept`)
				require.Contains(t, issues(r.GetSkipped()), `associationType "exemplar" is not kept`)
				require.Equal(t, int32(16), r.GetCompetencies())
				require.Equal(t, int32(18), r.GetCrosswalks())
			} else {
				require.Empty(t, r.GetSkipped())
			}
		})
	}
}

func issues(is []*pb.ImportIssue) string {
	var b strings.Builder
	for _, i := range is {
		b.WriteString(i.GetRecord() + " " + i.GetId() + ": " + i.GetReason() + "\n")
	}
	return b.String()
}

func TestImportFrameworkRefusals(t *testing.T) {
	ts := startServer(t)
	ic := pb.NewInteropServiceClient(ts.conn)
	fc := pb.NewFrameworkServiceClient(ts.conn)
	ctx := context.Background()
	content, err := os.ReadFile(filepath.Join(caseFixtureDir(t), "opensalt-SmartLevelFramework.json"))
	require.NoError(t, err)

	// validate_only stores nothing
	resp, err := ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content, ValidateOnly: true})
	require.NoError(t, err)
	require.True(t, resp.GetValidateOnly())
	require.Equal(t, int32(14), resp.GetReport().GetCompetencies())
	_, err = fc.GetFramework(ctx, &pb.GetFrameworkRequest{Name: "frameworks/smartlevel-test"})
	require.Equal(t, codes.NotFound, status.Code(err))

	_, err = ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content})
	require.NoError(t, err)
	_, err = ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content})
	require.Equal(t, codes.AlreadyExists, status.Code(err), "%v", err)
	resp, err = ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content, FrameworkId: "smartlevel-v2"})
	require.NoError(t, err)
	require.Equal(t, "frameworks/smartlevel-v2", resp.GetFramework().GetName())

	for _, tc := range []struct {
		req   *pb.ImportFrameworkRequest
		field string
	}{
		{&pb.ImportFrameworkRequest{Content: content}, "format"},
		{&pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE}, "content"},
		{&pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content, FrameworkId: "Bad ID"}, "framework_id"},
		{&pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: []byte(`{"CFDocument": {"identifier": "x"}}`)}, "CFDocument.title"},
	} {
		_, err := ic.ImportFramework(ctx, tc.req)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
		require.Contains(t, violations(t, err), tc.field)
	}
	_, err = ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: []byte("not json")})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "not a CASE CFPackage")
}

// competencyView is what a format round trip must keep of a competency.
type competencyView struct {
	Code, Parent string
	Order        int32
	Title, Desc  map[string]string
	Tags         []string
}

func competencyViews(t *testing.T, fc pb.FrameworkServiceClient, framework string, langs ...string) map[string]competencyView {
	t.Helper()
	resp, err := fc.ListCompetencies(context.Background(), &pb.ListCompetenciesRequest{Parent: framework, PageSize: 1000})
	require.NoError(t, err)
	byName := map[string]string{}
	for _, c := range resp.GetCompetencies() {
		byName[c.GetName()] = c.GetCode()
	}
	out := map[string]competencyView{}
	for _, c := range resp.GetCompetencies() {
		v := competencyView{Code: c.GetCode(), Parent: byName[c.GetParentCompetency()], Order: c.GetOrder(), Title: c.GetTitle(), Desc: c.GetDescription()}
		if langs != nil { // only these languages travel
			v.Title, v.Desc = map[string]string{}, map[string]string{}
			for _, l := range langs {
				v.Title[l], v.Desc[l] = c.GetTitle()[l], c.GetDescription()[l]
			}
		} else {
			v.Tags = append(append(append(append([]string{}, c.GetPillars()...), c.GetTiers()...), c.GetFields()...), c.GetAgencies()...)
		}
		out[c.GetCode()] = v
	}
	return out
}

func TestCASEExportValidatesAndRoundTrips(t *testing.T) {
	ts := startServer(t)
	ic := pb.NewInteropServiceClient(ts.conn)
	fc := pb.NewFrameworkServiceClient(ts.conn)
	ctx := context.Background()

	body, err := ic.ExportFramework(ctx, &pb.ExportFrameworkRequest{Name: "frameworks/ibm-core", Format: pb.FrameworkFormat_CASE})
	require.NoError(t, err)
	require.Equal(t, "application/json", body.GetContentType())
	requireValidCASE(t, body.GetData())
	// its URIs point at this server's CASE binding
	require.Contains(t, string(body.GetData()), `"uri": "`+ts.base+`/ims/case/v1p1/CFDocuments/`)

	// REST answers the file itself
	resp, err := http.Get(ts.base + "/v1/frameworks/ibm-core:export?format=CASE")
	require.NoError(t, err)
	rest, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	requireValidCASE(t, rest)

	// Concord → CASE → Concord keeps every competency field
	imp, err := ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: body.GetData(), FrameworkId: "ibm-core-copy"})
	require.NoError(t, err)
	require.Empty(t, imp.GetReport().GetSkipped())
	orig, err := fc.GetFramework(ctx, &pb.GetFrameworkRequest{Name: "frameworks/ibm-core"})
	require.NoError(t, err)
	back := imp.GetFramework()
	require.Equal(t, orig.GetTitle(), back.GetTitle())
	require.Equal(t, orig.GetDescription(), back.GetDescription())
	require.Equal(t, orig.GetVersion(), back.GetVersion())
	require.Equal(t, orig.GetState(), back.GetState())
	require.Equal(t, orig.GetLanguages(), back.GetLanguages())
	require.Equal(t, competencyViews(t, fc, "frameworks/ibm-core"), competencyViews(t, fc, "frameworks/ibm-core-copy"))

	_, err = ic.ExportFramework(ctx, &pb.ExportFrameworkRequest{Name: "frameworks/nope", Format: pb.FrameworkFormat_CASE})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = ic.ExportFramework(ctx, &pb.ExportFrameworkRequest{Name: "frameworks/ibm-core"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, violations(t, err), "format")
}

func TestMoodleRoundTripThroughAPI(t *testing.T) {
	ts := startServer(t)
	ic := pb.NewInteropServiceClient(ts.conn)
	fc := pb.NewFrameworkServiceClient(ts.conn)
	ctx := context.Background()

	body, err := ic.ExportFramework(ctx, &pb.ExportFrameworkRequest{Name: "frameworks/ibm-core", Format: pb.FrameworkFormat_MOODLE, Language: "ru"})
	require.NoError(t, err)
	require.Equal(t, "text/csv; charset=utf-8", body.GetContentType())
	resp, err := ic.ImportFramework(ctx, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_MOODLE, Content: body.GetData(),
		FrameworkId: "ibm-core-moodle", Language: "ru", Source: "ibm-core.csv"})
	require.NoError(t, err)
	require.Equal(t, "frameworks/ibm-core-moodle", resp.GetFramework().GetName())
	require.Equal(t, "ibm-core.csv", resp.GetFramework().GetSource())
	require.Empty(t, resp.GetReport().GetSkipped())
	// the format carries codes, the tree, sibling order and one language
	want := competencyViews(t, fc, "frameworks/ibm-core", "ru")
	got := competencyViews(t, fc, "frameworks/ibm-core-moodle", "ru")
	require.Len(t, got, len(want))
	for code, w := range want {
		g := got[code]
		require.Equal(t, w.Parent, g.Parent, code)
		require.Equal(t, w.Title, g.Title, code)
		require.Equal(t, w.Desc, g.Desc, code)
	}
	// sibling order is kept as 1, 2, …: the same sequence of codes
	require.Equal(t, siblingOrder(want), siblingOrder(got))
}

func siblingOrder(cs map[string]competencyView) map[string][]string {
	out := map[string][]string{}
	codes := make([]string, 0, len(cs))
	for c := range cs {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		a, b := cs[codes[i]], cs[codes[j]]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.Code < b.Code
	})
	for _, c := range codes {
		out[cs[c].Parent] = append(out[cs[c].Parent], c)
	}
	return out
}

func TestImportFrameworkOverREST(t *testing.T) {
	ts := startServer(t)
	content, err := os.ReadFile(filepath.Join(caseFixtureDir(t), "opensalt-AdoptedTestFramework.json"))
	require.NoError(t, err)
	var out struct {
		Framework struct{ Name, State string }
		Report    struct{ Competencies int }
	}
	code := ts.rest(t, "POST", "/v1/frameworks:import", map[string]any{"format": "CASE", "content": content}, &out)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "frameworks/adopted-test", out.Framework.Name)
	require.Equal(t, "PUBLISHED", out.Framework.State) // adoptionStatus Adopted
	require.Equal(t, 1, out.Report.Competencies)
}
