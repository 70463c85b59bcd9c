package server

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

const (
	centralAsia = "programmes/central-asia"
	kzBasic     = "academies/kz-border-academy/curricula/basic-2024"
	kgBasic     = "academies/kg-border-institute/curricula/basic-2024"
	tjBasic     = "academies/tj-border-academy/curricula/basic-2024"
)

func demoServer(t *testing.T) (*testServer, pb.HarmonisationServiceClient) {
	t.Helper()
	ts := startServer(t, func(c *Config) { c.Demo = true })
	return ts, pb.NewHarmonisationServiceClient(ts.conn)
}

func TestCoverageOfTheDemoProgramme(t *testing.T) {
	ts, hc := demoServer(t)
	ctx := context.Background()
	prog, err := pb.NewProgrammeServiceClient(ts.conn).GetProgramme(ctx, &pb.GetProgrammeRequest{Name: centralAsia})
	require.NoError(t, err)

	cov, err := hc.GetCoverage(ctx, &pb.GetCoverageRequest{Programme: centralAsia})
	require.NoError(t, err)
	require.Len(t, cov.GetMembers(), 5)
	required := 0
	var sum float64
	for _, m := range cov.GetMembers() {
		require.Equal(t, int32(len(prog.GetTargets().GetRequiredCompetencies())), m.GetRequired())
		require.NotEmpty(t, m.GetTitle())
		sum += m.GetIndex()
	}
	require.InDelta(t, sum/5, cov.GetIndex().GetIndex(), 1e-9)
	for _, r := range cov.GetRows() {
		require.Len(t, r.GetCells(), 5, r.GetCompetency().GetCode())
		require.True(t, strings.HasPrefix(r.GetCompetency().GetName(), "frameworks/ibm-core/competencies/"))
		require.NotEmpty(t, r.GetCompetency().GetTitle()["en"])
		if r.GetTarget() != nil {
			required++
		}
	}
	require.Equal(t, len(prog.GetTargets().GetRequiredCompetencies()), required, "one row with a target per required competency")
	require.NotEmpty(t, cov.GetDivergence())

	// The same over REST.
	var rest struct {
		Members []struct {
			Member string  `json:"member"`
			Index  float64 `json:"index"`
		} `json:"members"`
		Rows []struct {
			Cells []struct {
				Depth string  `json:"depth"`
				Hours float64 `json:"hours"`
			} `json:"cells"`
		} `json:"rows"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/central-asia:coverage", nil, &rest))
	require.Len(t, rest.Members, 5)
	require.Equal(t, kzBasic, rest.Members[0].Member)
	require.Len(t, rest.Rows, len(cov.GetRows()))

	_, err = hc.GetCoverage(ctx, &pb.GetCoverageRequest{Programme: "programmes/nowhere"})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = hc.GetCoverage(ctx, &pb.GetCoverageRequest{Programme: "central-asia"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, violations(t, err), "programme")
}

func TestGapsOfTheDemoProgramme(t *testing.T) {
	ts, hc := demoServer(t)
	ctx := context.Background()

	all, err := hc.ListGaps(ctx, &pb.ListGapsRequest{Programme: centralAsia})
	require.NoError(t, err)
	require.Len(t, all.GetMembers(), 5)
	total := int32(0)
	for _, m := range all.GetMembers() {
		require.NotEmpty(t, m.GetGaps(), "every Central Asian member has gaps: %s", m.GetMember())
		require.Equal(t, m.GetGapCounts().GetTotal(), int32(len(m.GetGaps())))
		total += m.GetGapCounts().GetTotal()
		for _, g := range m.GetGaps() {
			require.NotEmpty(t, g.GetCompetency().GetCode())
			require.NotEqual(t, pb.Gap_KIND_UNSPECIFIED, g.GetKind())
		}
	}
	require.Equal(t, total, all.GetTotalSize())

	// Filter by kind over REST.
	var missing struct {
		Members []struct {
			Member    string `json:"member"`
			GapCounts struct {
				Missing int `json:"missing"`
			} `json:"gapCounts"`
			Gaps []struct {
				Kind string `json:"kind"`
			} `json:"gaps"`
		} `json:"members"`
		TotalSize int `json:"totalSize"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/central-asia:gaps?kind=MISSING", nil, &missing))
	n := 0
	for _, m := range missing.Members {
		require.Len(t, m.Gaps, m.GapCounts.Missing, m.Member)
		for _, g := range m.Gaps {
			require.Equal(t, "MISSING", g.Kind)
		}
		n += len(m.Gaps)
	}
	require.Equal(t, n, missing.TotalSize)
	require.Less(t, n, int(total))

	// Filter by member: its curriculum name or just its academy.
	for _, member := range []string{tjBasic, "tj-border-academy", "academies/tj-border-academy"} {
		one, err := hc.ListGaps(ctx, &pb.ListGapsRequest{Programme: centralAsia, Member: member, Kind: pb.Gap_BELOW_DEPTH})
		require.NoError(t, err, member)
		require.Len(t, one.GetMembers(), 1)
		require.Equal(t, tjBasic, one.GetMembers()[0].GetMember())
		for _, g := range one.GetMembers()[0].GetGaps() {
			require.Equal(t, pb.Gap_BELOW_DEPTH, g.GetKind())
		}
	}

	for _, tc := range []struct {
		req   *pb.ListGapsRequest
		field string
	}{
		{&pb.ListGapsRequest{Programme: centralAsia, Member: "academies/xx/curricula/basic-2024"}, "member"},
		{&pb.ListGapsRequest{Programme: centralAsia, Member: "pk-fia-academy"}, "member"},
		{&pb.ListGapsRequest{Programme: centralAsia, Kind: pb.Gap_Kind(9)}, "kind"},
	} {
		_, err := hc.ListGaps(ctx, tc.req)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", tc.req)
		require.Contains(t, violations(t, err), tc.field)
	}
	require.Equal(t, http.StatusBadRequest, ts.rest(t, "GET", "/v1/programmes/central-asia:gaps?member=nobody", nil, nil))
}

func TestDiffOfTwoBorderGuardCurricula(t *testing.T) {
	ts, hc := demoServer(t)
	ctx := context.Background()
	d, err := hc.DiffCurricula(ctx, &pb.DiffCurriculaRequest{Curriculum: kzBasic, Other: kgBasic})
	require.NoError(t, err)
	require.Equal(t, "frameworks/ibm-core", d.GetFramework())
	require.NotEmpty(t, d.GetBoth())
	require.NotEmpty(t, d.GetOnlyLeft(), "competencies KZ teaches and KG does not")
	require.NotEmpty(t, d.GetOnlyRight(), "competencies KG teaches and KZ does not")
	codes := map[string]string{}
	for _, c := range d.GetOnlyLeft() {
		require.NotEqual(t, pb.Depth_DEPTH_UNSPECIFIED, c.GetLeftDepth())
		require.Equal(t, pb.Depth_DEPTH_UNSPECIFIED, c.GetRightDepth())
		codes[c.GetCompetency().GetCode()] = "left"
	}
	for _, c := range d.GetOnlyRight() {
		require.Equal(t, pb.Depth_DEPTH_UNSPECIFIED, c.GetLeftDepth())
		codes[c.GetCompetency().GetCode()] = "right"
	}
	for _, c := range d.GetBoth() {
		require.InDelta(t, c.GetRightHours()-c.GetLeftHours(), c.GetHoursDelta(), 1e-9)
		require.Equal(t, int32(c.GetRightDepth()-c.GetLeftDepth()), c.GetDepthDelta())
	}
	// KG has the asylum module KZ lacks (see the demo README).
	require.Equal(t, "right", codes["FR-02"])

	mods, err := pb.NewAcademyServiceClient(ts.conn).ListModules(ctx, &pb.ListModulesRequest{Parent: kzBasic, PageSize: 100})
	require.NoError(t, err)
	require.Len(t, d.GetLeftModules(), len(mods.GetModules()))
	withShared := 0
	for _, m := range d.GetLeftModules() {
		require.NotEmpty(t, m.GetTitle())
		require.NotEmpty(t, m.GetCode())
		for _, c := range m.GetCounterparts() {
			require.True(t, strings.HasPrefix(c.GetModule(), kgBasic+"/modules/"))
			require.NotEmpty(t, c.GetTitle())
			if len(c.GetSharedCompetencies()) > 0 {
				withShared++
				require.Greater(t, c.GetJaccard(), 0.0)
				require.NotEmpty(t, c.GetSharedCompetencies()[0].GetCode())
			}
		}
	}
	require.Greater(t, withShared, 10, "most KZ modules have a KG counterpart sharing competencies")

	var rest struct {
		Curriculum string `json:"curriculum"`
		Both       []any  `json:"both"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/"+kzBasic+":diff?other="+kgBasic, nil, &rest))
	require.Equal(t, kzBasic, rest.Curriculum)
	require.Len(t, rest.Both, len(d.GetBoth()))
	require.Equal(t, http.StatusBadRequest, ts.rest(t, "GET", "/v1/"+kzBasic+":diff", nil, nil), "other is required")
	require.Equal(t, http.StatusNotFound, ts.rest(t, "GET", "/v1/"+kzBasic+":diff?other=academies/xx/curricula/yy", nil, nil))
}

func TestSnapshotsAndProgress(t *testing.T) {
	ts, hc := demoServer(t)
	ctx := context.Background()

	// The demo data comes with a baseline and a current snapshot.
	list, err := hc.ListSnapshots(ctx, &pb.ListSnapshotsRequest{Parent: centralAsia})
	require.NoError(t, err)
	require.Len(t, list.GetSnapshots(), 2)
	baseline, current := list.GetSnapshots()[0], list.GetSnapshots()[1]
	require.Equal(t, centralAsia+"/snapshots/on-2021-06-30", baseline.GetName())

	p, err := hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: centralAsia})
	require.NoError(t, err)
	require.Equal(t, baseline.GetName(), p.GetFrom())
	require.Equal(t, current.GetName(), p.GetTo())
	require.Greater(t, p.GetIndexChange(), 0.0)
	require.Greater(t, p.GetGapsClosed(), int32(0))
	kz := p.GetMembers()[0]
	require.Equal(t, kzBasic, kz.GetMember())
	require.Equal(t, pb.MemberProgress_KEPT, kz.GetStatus())
	require.Equal(t, "academies/kz-border-academy/curricula/basic-2019", kz.GetFromCurriculum())
	require.Equal(t, kzBasic, kz.GetToCurriculum())
	require.NotEmpty(t, kz.GetClosed())

	// TJ starts teaching risk analysis; a new snapshot records it.
	_, err = pb.NewAcademyServiceClient(ts.conn).CreateModule(ctx, &pb.CreateModuleRequest{Parent: tjBasic, ModuleId: "risk-analysis",
		Module: &pb.Module{Code: "ДК-9.1", Title: "Анализ рисков", Hours: 10, Alignments: []*pb.Alignment{
			{Competency: "frameworks/ibm-core/competencies/ra-01", Depth: pb.Depth_REINFORCED, Hours: 10}}}})
	require.NoError(t, err)
	var created struct {
		Name         string `json:"name"`
		Title        string `json:"title"`
		SnapshotTime string `json:"snapshotTime"`
	}
	require.Equal(t, http.StatusOK, ts.rest(t, "POST", "/v1/programmes/central-asia/snapshots", map[string]any{"title": "TJ adds risk analysis"}, &created))
	require.True(t, strings.HasPrefix(created.Name, centralAsia+"/snapshots/on-"), created.Name)
	require.NotEqual(t, current.GetName(), created.Name, "a second snapshot of the day gets a suffix")
	require.Equal(t, "TJ adds risk analysis", created.Title)
	require.NotEmpty(t, created.SnapshotTime)

	p, err = hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: centralAsia, From: lastID(current.GetName()), To: created.Name})
	require.NoError(t, err)
	require.Equal(t, int32(1), p.GetGapsClosed())
	require.Zero(t, p.GetGapsOpened())
	for _, m := range p.GetMembers() {
		if m.GetMember() != tjBasic {
			require.Zero(t, m.GetIndexChange(), m.GetMember())
			continue
		}
		require.Len(t, m.GetClosed(), 1)
		require.Equal(t, "RA-01", m.GetClosed()[0].GetCompetency().GetCode())
		require.Equal(t, pb.Gap_MISSING, m.GetClosed()[0].GetKind())
		require.InDelta(t, 2.5, m.GetIndexChange(), 1e-9, "one of 40 required competencies fully met: +100/40")
	}
	// By default, progress runs from the oldest to the newest.
	p, err = hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: centralAsia})
	require.NoError(t, err)
	require.Equal(t, baseline.GetName(), p.GetFrom())
	require.Equal(t, created.Name, p.GetTo())

	// A chosen ID; taken IDs are refused; bad requests name the field.
	s, err := hc.CreateSnapshot(ctx, &pb.CreateSnapshotRequest{Parent: centralAsia, SnapshotId: "q4-2026"})
	require.NoError(t, err)
	require.Equal(t, centralAsia+"/snapshots/q4-2026", s.GetName())
	require.True(t, strings.HasPrefix(s.GetTitle(), "Snapshot of "))
	require.Len(t, s.GetMembers(), 5)
	_, err = hc.CreateSnapshot(ctx, &pb.CreateSnapshotRequest{Parent: centralAsia, SnapshotId: "q4-2026"})
	require.Equal(t, codes.AlreadyExists, status.Code(err))
	_, err = hc.CreateSnapshot(ctx, &pb.CreateSnapshotRequest{Parent: centralAsia, SnapshotId: "2026-Q4"})
	require.Contains(t, violations(t, err), "snapshot_id")
	_, err = hc.CreateSnapshot(ctx, &pb.CreateSnapshotRequest{Parent: "programmes/nowhere"})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: centralAsia, From: created.Name, To: lastID(current.GetName())})
	require.Contains(t, violations(t, err), "to", "from must be the earlier")
	_, err = hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: centralAsia, From: "programmes/silk-routes/snapshots/on-2021-06-30"})
	require.Contains(t, violations(t, err), "from")
	_, err = hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: centralAsia, To: "on-1999-01-01"})
	require.Equal(t, codes.NotFound, status.Code(err))

	// Get, delete; the snapshots' gaps carry codes and titles.
	got, err := hc.GetSnapshot(ctx, &pb.GetSnapshotRequest{Name: baseline.GetName()})
	require.NoError(t, err)
	g := got.GetMembers()[0].GetGaps()[0]
	require.NotEmpty(t, g.GetCompetency().GetCode())
	require.NotEmpty(t, g.GetCompetency().GetTitle()["en"])
	require.Equal(t, http.StatusOK, ts.rest(t, "DELETE", "/v1/"+s.GetName(), nil, nil))
	_, err = hc.GetSnapshot(ctx, &pb.GetSnapshotRequest{Name: s.GetName()})
	require.Equal(t, codes.NotFound, status.Code(err))

	// A programme without snapshots has no progress yet.
	_, err = pb.NewProgrammeServiceClient(ts.conn).CreateProgramme(ctx, &pb.CreateProgrammeRequest{ProgrammeId: "pair",
		Programme: &pb.Programme{Title: "KZ and KG", Framework: "frameworks/ibm-core", Members: []string{kzBasic, kgBasic}}})
	require.NoError(t, err)
	_, err = hc.GetProgress(ctx, &pb.GetProgressRequest{Programme: "programmes/pair"})
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
}

func TestReportOverREST(t *testing.T) {
	ts, _ := demoServer(t)
	get := func(query string) (int, string, string) {
		resp, err := http.Get(ts.base + "/v1/programmes/central-asia:report" + query)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	code, ct, body := get("")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "text/html; charset=utf-8", ct)
	require.True(t, strings.HasPrefix(body, "<!DOCTYPE html>"))
	require.Contains(t, body, `<svg class="heatmap"`)
	require.Contains(t, body, `<svg class="chart"`)
	require.Equal(t, 101*5, strings.Count(body, `<g class="cell"`))

	code, ct, body = get("?format=csv")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "text/csv; charset=utf-8", ct)
	require.Equal(t, 1+101*5, strings.Count(body, "\n"))

	code, _, body = get("?format=md&language=ru")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "## Gaps by member")

	code, _, _ = get("?format=pdf")
	require.Equal(t, http.StatusBadRequest, code)
}

func lastID(name string) string { return name[strings.LastIndexByte(name, '/')+1:] }
