package server

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
)

// The interop methods' side of the authorization matrix: their REST
// routes outside the gateway, and what their answers must have done.

// plainREST are the REST routes of the methods served by plain HTTP
// handlers (interop_http.go) rather than through a google.api.http rule:
// each gives the request the handler turns into req.
var plainREST = map[string]func(req proto.Message) route{
	pb.InteropService_ImportModules_FullMethodName: func(req proto.Message) route {
		r := req.(*pb.ImportModulesRequest)
		q := "?mode=" + r.GetOptions().GetMode().String() + "&validate_only=" + strconv.FormatBool(r.GetOptions().GetValidateOnly())
		return route{verb: "POST", path: "/v1/" + r.GetParent() + "/modules:import" + q, body: r.GetData()}
	},
	pb.InteropService_ExportModules_FullMethodName: func(req proto.Message) route {
		r := req.(*pb.ExportModulesRequest)
		return route{verb: "GET", path: "/v1/" + r.GetParent() + "/modules:export?byte_order_mark=" + strconv.FormatBool(r.GetByteOrderMark())}
	},
}

// grpcOnly are the methods with no REST route at all.
var grpcOnly = map[string]bool{
	pb.AdminService_Backup_FullMethodName:        true,
	pb.AdminService_GetIndexStats_FullMethodName: true,
	pb.AdminService_Reindex_FullMethodName:       true,
}

// authzCheck checks what one call of the matrix did, over gRPC or REST:
// ok tells whether it was allowed, body is its answer (for gRPC, as
// secured.invoke gives it, bytes fields raw).
type authzCheck func(t *testing.T, s *secured, c caller, academy string, req proto.Message, ok bool, body string)

// authzChecks are the methods whose calls the matrix checks further.
var authzChecks = map[string]authzCheck{
	// An import stores its modules when allowed and nothing when denied.
	pb.InteropService_ImportModules_FullMethodName: func(t *testing.T, s *secured, _ caller, academy string, req proto.Message, ok bool, _ string) {
		names := importedModules(t, academy, req.(*pb.ImportModulesRequest).GetData())
		require.NotEmpty(t, names)
		for _, name := range names {
			require.Equal(t, ok, s.exists(t, name), "%s stored after an import that was allowed=%v", name, ok)
		}
	},
	pb.InteropService_ImportFramework_FullMethodName: func(t *testing.T, s *secured, _ caller, _ string, req proto.Message, ok bool, _ string) {
		name := curricula.FrameworkName(req.(*pb.ImportFrameworkRequest).GetFrameworkId())
		require.Equal(t, ok, s.exists(t, name), "%s stored after an import that was allowed=%v", name, ok)
	},
	// A search for the restricted module's text finds it for those who
	// may read it; for the others it is neither a hit nor counted.
	pb.SearchService_SearchModules_FullMethodName: func(t *testing.T, s *secured, c caller, academy string, _ proto.Message, ok bool, body string) {
		if !ok {
			return
		}
		if s.readsRestricted(c, academy) {
			require.Contains(t, body, restrictedModule(academy).Name)
			require.Contains(t, body, secretMarker)
		} else {
			require.NotContains(t, body, restrictedModule(academy).Name)
			require.NotContains(t, body, "sur-05", "the competency facet counts the hidden module")
			require.NotContains(t, body, academy, "the academy facet counts the hidden module")
		}
	},
	// Reindex ends with the new index's stats.
	pb.AdminService_Reindex_FullMethodName: func(t *testing.T, _ *secured, _ caller, _ string, _ proto.Message, ok bool, body string) {
		if ok {
			require.Contains(t, body, `"stats"`)
		}
	},
	// The export holds the restricted module, its text only for those
	// who may read it: the leak scanner reads the CSV itself.
	pb.InteropService_ExportModules_FullMethodName: func(t *testing.T, s *secured, c caller, academy string, _ proto.Message, ok bool, body string) {
		if !ok {
			return
		}
		require.Contains(t, body, restrictedModule(academy).Code)
		if s.readsRestricted(c, academy) {
			require.Contains(t, body, secretMarker)
		} else {
			require.Contains(t, body, services.RestrictedTitle)
		}
	},
}

// moduleImport is an ImportModules request of two new modules for the
// academy's basic-2024 curriculum, one of them restricted.
func moduleImport(s *secured, academy string) *pb.ImportModulesRequest {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"curriculum", "module", "code", "title", "description", "hours", "restricted", "alignments"})
	for _, restricted := range []string{"no", "yes"} {
		id := s.id("imp")
		w.Write([]string{"basic-2024", id, "IMP-" + id, "Imported " + id, "Imported by the matrix", "6", restricted, "BC-01:I; HR-01:M:2"})
	}
	w.Flush()
	return &pb.ImportModulesRequest{Parent: curricula.AcademyName(academy), Data: b.Bytes(),
		Options: &pb.ImportModulesRequest_Options{Format: pb.ImportModulesRequest_CSV, Mode: pb.ImportModulesRequest_CREATE_ONLY}}
}

// importedModules names the modules of a file moduleImport made.
func importedModules(t *testing.T, academy string, data []byte) []string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	var out []string
	for _, row := range rows[1:] {
		out = append(out, curricula.ModuleName(academy, row[0], row[1]))
	}
	return out
}

// frameworkImport is an ImportFramework request of a new framework, as a
// Moodle competency framework CSV.
func frameworkImport(s *secured) *pb.ImportFrameworkRequest {
	const file = "parentidnumber,idnumber,shortname,description,descriptionformat,scalevalues,scaleconfiguration,ruletype,ruleoutcome,ruleconfig,relatedidnumbers,exportid,isframework,taxonomy\n" +
		",MATRIX,Matrix framework,,2,,,,,,,,1,\n" +
		",risk,Risk analysis,Profiles and indicators,2,,,,,,,,,\n" +
		"risk,risk-1,Risk profiling,,2,,,,,,,,,\n"
	return &pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_MOODLE, Content: []byte(file), FrameworkId: s.id("fw"), Source: "matrix.csv"}
}

// lastSequence is the store's last change, for min_sequence.
func (s *secured) lastSequence(t *testing.T) int64 {
	t.Helper()
	seq, err := s.store.LastSequence(t.Context())
	require.NoError(t, err)
	return int64(seq)
}

// exists reports whether the store holds a resource of that name.
func (s *secured) exists(t *testing.T, name string) bool {
	t.Helper()
	var ok bool
	require.NoError(t, s.store.View(t.Context(), func(tx curricula.Tx) error {
		var err error
		ok, err = tx.Exists(name)
		return err
	}))
	return ok
}
