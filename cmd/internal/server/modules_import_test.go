package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/interop/sheet"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const sheetHeader = "curriculum,module,code,title,description,outcomes,language,hours,credits,delivery,assessment,restricted,alignments\n"

// genModules writes n module rows for curriculum basic-2024, aligned to
// ibm-core; edit may change row i (1-based) before it is written.
func genModules(n int, edit func(i int, cells []string)) string {
	var b strings.Builder
	b.WriteString(sheetHeader)
	codes := []string{"BC-01", "BC-02", "HR-01", "HR-02", "INF-01", "MIG-01"}
	for i := 1; i <= n; i++ {
		cells := []string{"basic-2024", fmt.Sprintf("m-%05d", i), fmt.Sprintf("M-%05d", i), fmt.Sprintf("Module %d", i),
			"Document checks at the first line.", "Detects forgeries | Uses UV lamps", "en", "24", "1.5", "classroom", "Practical test", "no",
			codes[i%len(codes)] + ":M:6; " + codes[(i+1)%len(codes)] + ":I"}
		if edit != nil {
			edit(i, cells)
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	return b.String()
}

// importCSV streams file to ImportModules in small pieces.
func importCSV(t *testing.T, conn *grpc.ClientConn, academy, file string, opts *pb.ImportModulesRequest_Options) (*pb.ImportModulesResponse, error) {
	t.Helper()
	return importCSVCtx(context.Background(), t, conn, academy, file, opts)
}

func importCSVCtx(ctx context.Context, t *testing.T, conn *grpc.ClientConn, academy, file string, opts *pb.ImportModulesRequest_Options) (*pb.ImportModulesResponse, error) {
	t.Helper()
	stream, err := pb.NewInteropServiceClient(conn).ImportModules(ctx)
	require.NoError(t, err)
	parent := "academies/" + academy
	msg := &pb.ImportModulesRequest{Parent: parent, Options: opts}
	for data := []byte(file); ; {
		n := min(len(data), 4096)
		msg.Data = data[:n]
		if err := stream.Send(msg); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, err
		}
		data = data[n:]
		if len(data) == 0 {
			break
		}
		msg = &pb.ImportModulesRequest{Parent: parent}
	}
	return stream.CloseAndRecv()
}

func listModules(t *testing.T, ts *testServer, parent string) []*pb.Module {
	t.Helper()
	resp, err := pb.NewAcademyServiceClient(ts.conn).ListModules(context.Background(), &pb.ListModulesRequest{Parent: parent, PageSize: 1000})
	require.NoError(t, err)
	return resp.GetModules()
}

func exportCSV(t *testing.T, ctx context.Context, conn *grpc.ClientConn, parent string) string {
	t.Helper()
	stream, err := pb.NewInteropServiceClient(conn).ExportModules(ctx, &pb.ExportModulesRequest{Parent: parent})
	require.NoError(t, err)
	var b bytes.Buffer
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		require.NoError(t, err)
		require.Equal(t, "text/csv; charset=utf-8", chunk.GetContentType())
		b.Write(chunk.GetData())
	}
}

func TestModuleCSVRoundTripOfTheDemoCurriculum(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	ctx := context.Background()
	src := "academies/tj-border-academy/curricula/basic-2024"
	file := exportCSV(t, ctx, ts.conn, src)
	want := listModules(t, ts, src)
	require.NotEmpty(t, want)
	require.Equal(t, len(want)+1, strings.Count(file, "\nbasic-2024,")+1)

	fixtureAcademy(t, pb.NewAcademyServiceClient(ts.conn), "xx-copy")
	resp, err := importCSV(t, ts.conn, "xx-copy", file, nil)
	require.NoError(t, err)
	require.Empty(t, resp.GetErrors())
	require.Equal(t, int32(len(want)), resp.GetRows())
	require.Equal(t, int32(len(want)), resp.GetCreated())

	got := listModules(t, ts, "academies/xx-copy/curricula/basic-2024")
	require.Len(t, got, len(want))
	restricted := 0
	for i, w := range want {
		g := got[i]
		require.Equal(t, strings.Replace(w.GetName(), "tj-border-academy", "xx-copy", 1), g.GetName())
		w.Name, w.Etag, w.CreateTime, w.UpdateTime = "", "", nil, nil
		g.Name, g.Etag, g.CreateTime, g.UpdateTime = "", "", nil, nil
		for _, a := range w.GetAlignments() {
			a.Competency = strings.Replace(a.GetCompetency(), "tj-border-academy", "xx-copy", 1)
		}
		require.Equal(t, w.String(), g.String())
		if w.GetRestricted() {
			restricted++
		}
	}
	require.Equal(t, 1, restricted)
	// and the copy exports to the same file
	require.Equal(t, file, exportCSV(t, ctx, ts.conn, "academies/xx-copy/curricula/basic-2024"))

	// importing it again: create-only refuses every row, upsert finds
	// nothing changed
	resp, err = importCSV(t, ts.conn, "xx-copy", file, nil)
	require.NoError(t, err)
	require.Len(t, resp.GetErrors(), len(want))
	require.Equal(t, "module", resp.GetErrors()[0].GetField())
	require.Contains(t, resp.GetErrors()[0].GetMessage(), "already exists; import with mode UPSERT")
	resp, err = importCSV(t, ts.conn, "xx-copy", file, &pb.ImportModulesRequest_Options{Mode: pb.ImportModulesRequest_UPSERT})
	require.NoError(t, err)
	require.Empty(t, resp.GetErrors())
	require.Equal(t, int32(len(want)), resp.GetUnchanged())

	// upsert replaces a changed row and keeps modules not in the file
	records, err := csv.NewReader(strings.NewReader(file)).ReadAll()
	require.NoError(t, err)
	hours, err := strconv.ParseFloat(records[1][7], 64)
	require.NoError(t, err)
	records[1][7] = strconv.FormatFloat(hours+10, 'f', -1, 64) // the first module's hours
	var changed bytes.Buffer
	w := csv.NewWriter(&changed)
	require.NoError(t, w.WriteAll(records[:2]))
	resp, err = importCSV(t, ts.conn, "xx-copy", changed.String(), &pb.ImportModulesRequest_Options{Mode: pb.ImportModulesRequest_UPSERT})
	require.NoError(t, err)
	require.Empty(t, resp.GetErrors())
	require.Equal(t, int32(1), resp.GetUpdated())
	after := listModules(t, ts, "academies/xx-copy/curricula/basic-2024")
	require.Len(t, after, len(want))
	require.Equal(t, hours+10, after[0].GetHours())
}

func TestModuleImportOneBadRowStoresNothing(t *testing.T) {
	ts := startServer(t)
	fixtureAcademy(t, pb.NewAcademyServiceClient(ts.conn), "kz-test")
	file := genModules(2000, func(i int, cells []string) {
		if i == 1000 {
			cells[7] = "-3"
		}
	})
	resp, err := importCSV(t, ts.conn, "kz-test", file, nil)
	require.NoError(t, err)
	require.Equal(t, int32(2000), resp.GetRows())
	require.Len(t, resp.GetErrors(), 1)
	e := resp.GetErrors()[0]
	require.Equal(t, int32(1001), e.GetRow()) // the header is row 1
	require.Equal(t, "hours", e.GetField())
	require.Equal(t, "must not be negative, got -3", e.GetMessage())
	require.Zero(t, resp.GetCreated())
	require.Empty(t, listModules(t, ts, "academies/kz-test/curricula/basic-2024"))

	// the same file without the fault stores every row
	resp, err = importCSV(t, ts.conn, "kz-test", genModules(2000, nil), nil)
	require.NoError(t, err)
	require.Empty(t, resp.GetErrors())
	require.Equal(t, int32(2000), resp.GetCreated())
	resp2, err := pb.NewAcademyServiceClient(ts.conn).ListModules(context.Background(), &pb.ListModulesRequest{Parent: "academies/kz-test/curricula/basic-2024", PageSize: 1000})
	require.NoError(t, err)
	require.Len(t, resp2.GetModules(), 1000)
	require.NotEmpty(t, resp2.GetNextPageToken())
}

func TestModuleImportValidateOnlyListsEveryError(t *testing.T) {
	ts := startServer(t)
	ac := pb.NewAcademyServiceClient(ts.conn)
	fixtureAcademy(t, ac, "kz-test")
	_, err := ac.CreateModule(context.Background(), &pb.CreateModuleRequest{Parent: "academies/kz-test/curricula/basic-2024", ModuleId: "m-00009", Module: module("OLD-9", 10)})
	require.NoError(t, err)
	file := genModules(12, func(i int, cells []string) {
		switch i {
		case 2:
			cells[7] = "lots" // row 3
		case 3:
			cells[12] = "ZZ-99:M" // row 4
		case 4:
			cells[0] = "advanced-2030" // row 5
		case 5:
			cells[1] = "m-00001" // row 6: also on row 2
		case 6:
			cells[9] = "telepathy" // row 7
			cells[8] = "-1"
		case 7:
			cells[3] = "" // row 8
		case 8:
			cells[12] = "BC-01:M:30" // row 9: more than the module's 24 hours
		}
		// row 10 (m-00009) exists already
	}) + `basic-2024,m-bad,"unterminated,x` + "\n"
	resp, err := importCSV(t, ts.conn, "kz-test", file, &pb.ImportModulesRequest_Options{ValidateOnly: true})
	require.NoError(t, err)
	require.True(t, resp.GetValidateOnly())
	type fault struct {
		Row   int32
		Field string
	}
	var got []fault
	msgs := map[fault]string{}
	for _, e := range resp.GetErrors() {
		f := fault{e.GetRow(), e.GetField()}
		got = append(got, f)
		msgs[f] = e.GetMessage()
	}
	require.Equal(t, []fault{
		{3, "hours"}, {4, "alignments"}, {5, "curriculum"}, {6, "module"},
		{7, "credits"}, {7, "delivery"}, {8, "title"}, {9, "alignments"}, {10, "module"}, {14, ""},
	}, got)
	require.Contains(t, msgs[fault{4, "alignments"}], `unknown competency code "ZZ-99"`)
	require.Equal(t, "academies/kz-test/curricula/advanced-2030 does not exist", msgs[fault{5, "curriculum"}])
	require.Contains(t, msgs[fault{6, "module"}], "already on row 2")
	require.Contains(t, msgs[fault{10, "module"}], "already exists")
	require.Contains(t, msgs[fault{14, ""}], "quote")
	require.Zero(t, resp.GetCreated())
	require.Len(t, listModules(t, ts, "academies/kz-test/curricula/basic-2024"), 1)

	// a valid file with validate_only: counted, not stored
	resp, err = importCSV(t, ts.conn, "kz-test", genModules(12, nil), &pb.ImportModulesRequest_Options{ValidateOnly: true, Mode: pb.ImportModulesRequest_UPSERT})
	require.NoError(t, err)
	require.Empty(t, resp.GetErrors())
	require.Equal(t, int32(11), resp.GetCreated())
	require.Equal(t, int32(1), resp.GetUpdated())
	require.Len(t, listModules(t, ts, "academies/kz-test/curricula/basic-2024"), 1)

	// a bad header is row 1
	resp, err = importCSV(t, ts.conn, "kz-test", "curriculum,code,titel\nbasic-2024,X,Y\n", nil)
	require.NoError(t, err)
	require.Equal(t, "titel", resp.GetErrors()[0].GetField())
	require.Equal(t, int32(1), resp.GetErrors()[0].GetRow())
}

func TestModuleImportCapsTheErrorList(t *testing.T) {
	ts := startServer(t)
	fixtureAcademy(t, pb.NewAcademyServiceClient(ts.conn), "kz-test")
	resp, err := importCSV(t, ts.conn, "kz-test", genModules(1500, func(_ int, cells []string) { cells[7] = "-1" }), nil)
	require.NoError(t, err)
	require.Len(t, resp.GetErrors(), 1000)
	require.Equal(t, int32(500), resp.GetMoreErrors())
	require.Equal(t, int32(1001), resp.GetErrors()[999].GetRow())
}

func TestModuleImportStreamRules(t *testing.T) {
	ts := startServer(t)
	fixtureAcademy(t, pb.NewAcademyServiceClient(ts.conn), "kz-test")
	ctx := context.Background()
	ic := pb.NewInteropServiceClient(ts.conn)

	send := func(msgs ...*pb.ImportModulesRequest) error {
		stream, err := ic.ImportModules(ctx)
		require.NoError(t, err)
		for _, m := range msgs {
			if err := stream.Send(m); err != nil {
				break
			}
		}
		_, err = stream.CloseAndRecv()
		return err
	}
	err := send()
	require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
	require.Contains(t, violations(t, err), "parent")
	err = send(&pb.ImportModulesRequest{Parent: "academies/nope", Data: []byte(sheetHeader)})
	require.Equal(t, codes.NotFound, status.Code(err))
	err = send(&pb.ImportModulesRequest{Parent: "academies/kz-test", Data: []byte(sheetHeader)}, &pb.ImportModulesRequest{Parent: "academies/other", Data: []byte("x")})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "every message must name academies/kz-test")
	err = send(&pb.ImportModulesRequest{Parent: "academies/kz-test"}, &pb.ImportModulesRequest{Parent: "academies/kz-test", Options: &pb.ImportModulesRequest_Options{}})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, violations(t, err), "options")
	require.Empty(t, listModules(t, ts, "academies/kz-test/curricula/basic-2024"))
}

func TestModuleImportAndExportOverREST(t *testing.T) {
	ts := startServer(t)
	fixtureAcademy(t, pb.NewAcademyServiceClient(ts.conn), "kz-test")
	post := func(query, body string) (int, string, string) {
		resp, err := http.Post(ts.base+"/v1/academies/kz-test/modules:import"+query, "text/csv", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(b), resp.Header.Get("X-Request-Id")
	}
	bad := genModules(300, func(i int, cells []string) {
		if i == 150 {
			cells[12] = "BC-01:X"
		}
	})
	code, body, reqID := post("", bad)
	require.Equal(t, http.StatusBadRequest, code, body)
	require.NotEmpty(t, reqID)
	var out struct {
		Rows   int
		Errors []struct {
			Row     int
			Field   string
			Message string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	require.Equal(t, 300, out.Rows)
	require.Len(t, out.Errors, 1)
	require.Equal(t, 151, out.Errors[0].Row)
	require.Equal(t, "alignments", out.Errors[0].Field)
	require.Contains(t, out.Errors[0].Message, `depth "X"`)
	code, body, _ = post("?validate_only=true", genModules(300, nil))
	require.Equal(t, http.StatusOK, code, body)
	require.Regexp(t, `"created":\s*300`, body)
	require.Empty(t, listModules(t, ts, "academies/kz-test/curricula/basic-2024"))
	code, body, _ = post("?mode=upsert", genModules(300, nil))
	require.Equal(t, http.StatusOK, code, body)
	require.Regexp(t, `"created":\s*300`, body)
	code, body, _ = post("?mode=sideways", "")
	require.Equal(t, http.StatusBadRequest, code, body)
	require.Contains(t, body, "mode")

	// export, as a file download
	resp, err := http.Get(ts.base + "/v1/academies/kz-test/curricula/basic-2024/modules:export?byte_order_mark=true")
	require.NoError(t, err)
	file, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/csv; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Contains(t, resp.Header.Get("Content-Disposition"), "kz-test-basic-2024-modules.csv")
	require.True(t, bytes.HasPrefix(file, []byte("\xEF\xBB\xBFcurriculum,module,")))
	records, err := csv.NewReader(bytes.NewReader(file[3:])).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 301)
	// every curriculum of the academy with "-"
	code2, _, all := ts.get(t, "/v1/academies/kz-test/curricula/-/modules:export")
	require.Equal(t, http.StatusOK, code2)
	require.Equal(t, file[3:], all)
	code2, _, _ = ts.get(t, "/v1/academies/kz-test/curricula/nope/modules:export")
	require.Equal(t, http.StatusNotFound, code2)

	// the template downloads, and imports as it is into a basic-2024
	// curriculum on ibm-core
	code2, ctype, tmpl := ts.get(t, "/v1/templates/curriculum.csv")
	require.Equal(t, http.StatusOK, code2)
	require.Equal(t, "text/csv; charset=utf-8", ctype)
	require.Equal(t, sheet.Template(), tmpl)
	code, body, _ = post("", string(tmpl))
	require.Equal(t, http.StatusOK, code, body)
	require.Regexp(t, `"created":\s*2`, body)
	m, err := pb.NewAcademyServiceClient(ts.conn).GetModule(context.Background(), &pb.GetModuleRequest{Name: "academies/kz-test/curricula/basic-2024/modules/bg-102"})
	require.NoError(t, err)
	require.Equal(t, "Профилирование рисков", m.GetTitle())
	require.Equal(t, 12.5, m.GetHours())
	require.True(t, m.GetRestricted())
}

func TestModuleImportExportAccess(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	ctx := context.Background()
	tc := pb.NewTokenServiceClient(ts.conn)
	// the first token ends the open mode
	admin, err := tc.CreateToken(ctx, &pb.CreateTokenRequest{TokenId: "admin", Token: &pb.Token{Role: pb.Token_ADMIN}})
	require.NoError(t, err)
	asAdmin := bearer(ctx, admin.GetSecret())
	viewer, err := tc.CreateToken(asAdmin, &pb.CreateTokenRequest{TokenId: "viewer", Token: &pb.Token{Role: pb.Token_VIEWER}})
	require.NoError(t, err)
	editor, err := tc.CreateToken(asAdmin, &pb.CreateTokenRequest{TokenId: "tj-editor",
		Token: &pb.Token{Role: pb.Token_EDITOR, Academies: []string{"academies/tj-border-academy"}}})
	require.NoError(t, err)
	asViewer, asEditor := bearer(ctx, viewer.GetSecret()), bearer(ctx, editor.GetSecret())

	src := "academies/tj-border-academy/curricula/basic-2024"
	restrictedRows := func(file string) []string {
		var out []string
		for _, line := range strings.Split(file, "\n") {
			if strings.Contains(line, ",yes,") {
				out = append(out, line)
			}
		}
		return out
	}
	// a viewer gets the restricted module's figures, not its text
	rows := restrictedRows(exportCSV(t, asViewer, ts.conn, src))
	require.Len(t, rows, 1)
	require.Contains(t, rows[0], ",Restricted module,,,")
	// the academy's editor reads it
	rows = restrictedRows(exportCSV(t, asEditor, ts.conn, src))
	require.Len(t, rows, 1)
	require.NotContains(t, rows[0], "Restricted module")

	// an editor imports into its academy only; a viewer not at all
	file := "curriculum,code,title\nbasic-2024,NEW-1,New module\n"
	resp, err := importCSVCtx(asEditor, t, ts.conn, "tj-border-academy", file, &pb.ImportModulesRequest_Options{ValidateOnly: true})
	require.NoError(t, err)
	require.Empty(t, resp.GetErrors())
	_, err = importCSVCtx(asEditor, t, ts.conn, "kz-border-academy", file, nil)
	require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	_, err = importCSVCtx(asViewer, t, ts.conn, "tj-border-academy", file, nil)
	require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	// an editor naming its academy first and another one later is refused
	stream, err := pb.NewInteropServiceClient(ts.conn).ImportModules(asEditor)
	require.NoError(t, err)
	require.NoError(t, stream.Send(&pb.ImportModulesRequest{Parent: "academies/tj-border-academy", Data: []byte("curriculum,code,title\n")}))
	_ = stream.Send(&pb.ImportModulesRequest{Parent: "academies/kz-border-academy", Data: []byte("basic-2024,NEW-1,New module\n")})
	_, err = stream.CloseAndRecv()
	require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	// framework imports are the coordinators'
	_, err = pb.NewInteropServiceClient(ts.conn).ImportFramework(asEditor, &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: []byte("{}")})
	require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	// and nothing is read without a token, over gRPC or REST
	_, err = pb.NewInteropServiceClient(ts.conn).ExportFramework(ctx, &pb.ExportFrameworkRequest{Name: "frameworks/ibm-core", Format: pb.FrameworkFormat_CASE})
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	code, _, _ := ts.get(t, "/v1/academies/tj-border-academy/curricula/basic-2024/modules:export")
	require.Equal(t, http.StatusUnauthorized, code)
	code, _, body := ts.get(t, "/ims/case/v1p1/CFDocuments")
	require.Equal(t, http.StatusUnauthorized, code)
	require.Contains(t, string(body), "unauthorisedrequest")
}

func bearer(ctx context.Context, secret string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+secret)
}
