package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/casefmt"
	"github.com/concord-ibm/concord/services"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// access is who may call a method, written down here independently of
// services.AccessPolicy so that the matrix checks the policy.
type access int

const (
	anyRole         access = iota // every role
	coordinators                  // admin, coordinator
	admins                        // admin
	academyEditors                // admin, the editor of the academy named
	academyAuditors               // admin, coordinator, the editor of the academy named
)

// authzCase is one RPC of the matrix. build makes whatever the call needs
// (fresh resources, so that every allowed call succeeds) and returns the
// request; academy is the academy the request should touch, "" for a
// method whose requests name none.
type authzCase struct {
	access access
	scoped bool
	build  func(t *testing.T, s *secured, academy string) proto.Message
}

func mask(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

func draftFramework(t *testing.T, s *secured) string {
	id := s.id("fw")
	s.create(t, &curricula.Framework{Meta: curricula.Meta{Name: curricula.FrameworkName(id)}, Title: curricula.Text{"en": "Draft"}, Version: "0.1", State: curricula.FrameworkDraft})
	return curricula.FrameworkName(id)
}

func competencyIn(t *testing.T, s *secured, fw string) string {
	name := fw + "/competencies/" + s.id("c")
	s.create(t, &curricula.Competency{Meta: curricula.Meta{Name: name}, Code: "C-1", Title: curricula.Text{"en": "A competency"}})
	return name
}

func curriculumIn(t *testing.T, s *secured, academy string) string {
	name := curricula.CurriculumName(academy, s.id("cur"))
	s.create(t, &curricula.Curriculum{Meta: curricula.Meta{Name: name}, Title: "C", Level: curricula.LevelBasic, Language: "ru",
		Framework: "frameworks/ibm-core", State: curricula.CurriculumDraft})
	return name
}

func moduleIn(t *testing.T, s *secured, academy string) string {
	name := curricula.ModuleName(academy, "basic-2024", s.id("m"))
	s.create(t, &curricula.Module{Meta: curricula.Meta{Name: name}, Code: "M", Title: "Module", Hours: 4})
	return name
}

func programme(t *testing.T, s *secured) string {
	name := curricula.ProgrammeName(s.id("p"))
	s.create(t, &curricula.Programme{Meta: curricula.Meta{Name: name}, Title: "P", Framework: "frameworks/ibm-core"})
	return name
}

// programmeOf makes a programme whose one member is the academy's
// basic-2024 curriculum (with its restricted module).
func programmeOf(t *testing.T, s *secured, academy string) string {
	name := curricula.ProgrammeName(s.id("p"))
	s.create(t, &curricula.Programme{Meta: curricula.Meta{Name: name}, Title: "P", Framework: "frameworks/ibm-core",
		Members: []string{curricula.CurriculumName(academy, "basic-2024")}, Targets: curricula.Targets{MinDepth: curricula.DepthIntroduced}})
	return name
}

// snapshotOf makes a snapshot of a new programme of the academy, as the
// admin, and returns its name.
func snapshotOf(t *testing.T, s *secured, academy string) string {
	snap, err := pb.NewHarmonisationServiceClient(s.conn).CreateSnapshot(s.admin.ctx(t.Context()),
		&pb.CreateSnapshotRequest{Parent: programmeOf(t, s, academy), SnapshotId: s.id("s")})
	require.NoError(t, err)
	return snap.GetName()
}

func token(t *testing.T, s *secured) string {
	id := s.id("t")
	secret, err := services.NewSecret()
	require.NoError(t, err)
	require.NoError(t, s.store.CreateToken(t.Context(), &curricula.Token{Name: id, Role: curricula.RoleViewer, Hash: services.HashSecret(secret)}))
	return curricula.TokenName(id)
}

// authzCases has a case for every Concord RPC; TestAuthorizationMatrix
// fails on an RPC without one.
var authzCases = map[string]authzCase{
	pb.FrameworkService_GetFramework_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetFrameworkRequest{Name: "frameworks/ibm-core"}
	}},
	pb.FrameworkService_ListFrameworks_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ListFrameworksRequest{}
	}},
	pb.FrameworkService_CreateFramework_FullMethodName: {coordinators, false, func(_ *testing.T, s *secured, _ string) proto.Message {
		return &pb.CreateFrameworkRequest{FrameworkId: s.id("fw"), Framework: &pb.Framework{Title: map[string]string{"en": "New"}, Version: "1", State: pb.Framework_DRAFT}}
	}},
	pb.FrameworkService_UpdateFramework_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.UpdateFrameworkRequest{Framework: &pb.Framework{Name: draftFramework(t, s), Version: "0.2"}, UpdateMask: mask("version")}
	}},
	pb.FrameworkService_DeleteFramework_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.DeleteFrameworkRequest{Name: draftFramework(t, s)}
	}},
	pb.FrameworkService_GetCompetency_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetCompetencyRequest{Name: "frameworks/ibm-core/competencies/sur-05"}
	}},
	pb.FrameworkService_ListCompetencies_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ListCompetenciesRequest{Parent: "frameworks/ibm-core"}
	}},
	pb.FrameworkService_CreateCompetency_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.CreateCompetencyRequest{Parent: draftFramework(t, s), CompetencyId: "c-1", Competency: &pb.Competency{Code: "C-1", Title: map[string]string{"en": "C"}}}
	}},
	pb.FrameworkService_UpdateCompetency_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.UpdateCompetencyRequest{Competency: &pb.Competency{Name: competencyIn(t, s, draftFramework(t, s)), Order: 2}, UpdateMask: mask("order")}
	}},
	pb.FrameworkService_DeleteCompetency_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.DeleteCompetencyRequest{Name: competencyIn(t, s, draftFramework(t, s))}
	}},

	pb.AcademyService_GetAcademy_FullMethodName: {anyRole, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.GetAcademyRequest{Name: curricula.AcademyName(a)}
	}},
	pb.AcademyService_ListAcademies_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ListAcademiesRequest{}
	}},
	pb.AcademyService_CreateAcademy_FullMethodName: {admins, false, func(_ *testing.T, s *secured, _ string) proto.Message {
		return &pb.CreateAcademyRequest{AcademyId: s.id("ac"), Academy: &pb.Academy{DisplayName: "New", Country: "TJ", Agency: "customs"}}
	}},
	pb.AcademyService_UpdateAcademy_FullMethodName: {academyEditors, true, func(_ *testing.T, s *secured, a string) proto.Message {
		return &pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: curricula.AcademyName(a), City: s.id("city")}, UpdateMask: mask("city")}
	}},
	pb.AcademyService_DeleteAcademy_FullMethodName: {admins, false, func(t *testing.T, s *secured, _ string) proto.Message {
		name := curricula.AcademyName(s.id("ac"))
		s.create(t, &curricula.Academy{Meta: curricula.Meta{Name: name}, DisplayName: "Gone", Country: "TM", Agency: curricula.AgencyCustoms})
		return &pb.DeleteAcademyRequest{Name: name}
	}},
	pb.AcademyService_GetCurriculum_FullMethodName: {anyRole, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.GetCurriculumRequest{Name: curricula.CurriculumName(a, "basic-2024")}
	}},
	pb.AcademyService_ListCurricula_FullMethodName: {anyRole, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.ListCurriculaRequest{Parent: curricula.AcademyName(a)}
	}},
	pb.AcademyService_CreateCurriculum_FullMethodName: {academyEditors, true, func(_ *testing.T, s *secured, a string) proto.Message {
		return &pb.CreateCurriculumRequest{Parent: curricula.AcademyName(a), CurriculumId: s.id("cur"), Curriculum: &pb.Curriculum{
			Title: "Advanced", Level: pb.Curriculum_ADVANCED, Language: "ru", Framework: "frameworks/ibm-core", State: pb.Curriculum_DRAFT}}
	}},
	pb.AcademyService_UpdateCurriculum_FullMethodName: {academyEditors, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.UpdateCurriculumRequest{Curriculum: &pb.Curriculum{Name: curriculumIn(t, s, a), Edition: "2025"}, UpdateMask: mask("edition")}
	}},
	pb.AcademyService_DeleteCurriculum_FullMethodName: {academyEditors, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.DeleteCurriculumRequest{Name: curriculumIn(t, s, a)}
	}},
	pb.AcademyService_GetModule_FullMethodName: {anyRole, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.GetModuleRequest{Name: restrictedModule(a).Name}
	}},
	pb.AcademyService_ListModules_FullMethodName: {anyRole, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.ListModulesRequest{Parent: curricula.CurriculumName(a, "basic-2024")}
	}},
	pb.AcademyService_CreateModule_FullMethodName: {academyEditors, true, func(_ *testing.T, s *secured, a string) proto.Message {
		return &pb.CreateModuleRequest{Parent: curricula.CurriculumName(a, "basic-2024"), ModuleId: s.id("m"), Module: &pb.Module{Code: "M-9", Title: "Patrol", Hours: 6}}
	}},
	pb.AcademyService_UpdateModule_FullMethodName: {academyEditors, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.UpdateModuleRequest{Module: &pb.Module{Name: moduleIn(t, s, a), Hours: 8}, UpdateMask: mask("hours")}
	}},
	pb.AcademyService_DeleteModule_FullMethodName: {academyEditors, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.DeleteModuleRequest{Name: moduleIn(t, s, a)}
	}},

	pb.ProgrammeService_GetProgramme_FullMethodName: {anyRole, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.GetProgrammeRequest{Name: programme(t, s)}
	}},
	pb.ProgrammeService_ListProgrammes_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ListProgrammesRequest{}
	}},
	pb.ProgrammeService_CreateProgramme_FullMethodName: {coordinators, false, func(_ *testing.T, s *secured, _ string) proto.Message {
		return &pb.CreateProgrammeRequest{ProgrammeId: s.id("p"), Programme: &pb.Programme{Title: "Region", Framework: "frameworks/ibm-core",
			Members: []string{curricula.CurriculumName(ownAcademy, "basic-2024"), curricula.CurriculumName(otherAcademy, "basic-2024")}}}
	}},
	pb.ProgrammeService_UpdateProgramme_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.UpdateProgrammeRequest{Programme: &pb.Programme{Name: programme(t, s), Title: "Renamed"}, UpdateMask: mask("title")}
	}},
	pb.ProgrammeService_DeleteProgramme_FullMethodName: {coordinators, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.DeleteProgrammeRequest{Name: programme(t, s)}
	}},

	pb.HarmonisationService_GetCoverage_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.GetCoverageRequest{Programme: programmeOf(t, s, a)}
	}},
	pb.HarmonisationService_ListGaps_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.ListGapsRequest{Programme: programmeOf(t, s, a)}
	}},
	pb.HarmonisationService_DiffCurricula_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.DiffCurriculaRequest{Curriculum: curricula.CurriculumName(a, "basic-2024"), Other: curriculumIn(t, s, a)}
	}},
	pb.HarmonisationService_CreateSnapshot_FullMethodName: {coordinators, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.CreateSnapshotRequest{Parent: programmeOf(t, s, a), Snapshot: &pb.Snapshot{Title: "Now"}}
	}},
	pb.HarmonisationService_GetSnapshot_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.GetSnapshotRequest{Name: snapshotOf(t, s, a)}
	}},
	pb.HarmonisationService_ListSnapshots_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.ListSnapshotsRequest{Parent: curricula.ProgrammeName(strings.Split(snapshotOf(t, s, a), "/")[1])}
	}},
	pb.HarmonisationService_DeleteSnapshot_FullMethodName: {coordinators, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.DeleteSnapshotRequest{Name: snapshotOf(t, s, a)}
	}},
	pb.HarmonisationService_GetProgress_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		first := snapshotOf(t, s, a)
		programme := curricula.ProgrammeName(strings.Split(first, "/")[1])
		_, err := pb.NewHarmonisationServiceClient(s.conn).CreateSnapshot(s.admin.ctx(t.Context()),
			&pb.CreateSnapshotRequest{Parent: programme, SnapshotId: s.id("s")})
		require.NoError(t, err)
		return &pb.GetProgressRequest{Programme: programme}
	}},
	pb.HarmonisationService_RenderReport_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.RenderReportRequest{Programme: programmeOf(t, s, a), Format: "markdown"}
	}},

	pb.TokenService_CreateToken_FullMethodName: {admins, false, func(_ *testing.T, s *secured, _ string) proto.Message {
		return &pb.CreateTokenRequest{TokenId: s.id("t"), Token: &pb.Token{Role: pb.Token_EDITOR, Academies: []string{curricula.AcademyName(ownAcademy)}}}
	}},
	pb.TokenService_ListTokens_FullMethodName: {admins, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ListTokensRequest{}
	}},
	pb.TokenService_RevokeToken_FullMethodName: {admins, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.RevokeTokenRequest{Name: token(t, s)}
	}},

	pb.AuditService_ListChanges_FullMethodName: {academyAuditors, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.ListChangesRequest{Resource: curricula.AcademyName(a)}
	}},

	pb.AdminService_Backup_FullMethodName: {admins, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.BackupRequest{}
	}},

	pb.AdminService_GetIndexStats_FullMethodName: {admins, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetIndexStatsRequest{}
	}},
	pb.AdminService_Reindex_FullMethodName: {admins, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ReindexRequest{}
	}},

	// The restricted module's description holds "Ambush": a caller who
	// may not read it finds nothing (see authzChecks).
	pb.SearchService_SearchModules_FullMethodName: {anyRole, true, func(t *testing.T, s *secured, a string) proto.Message {
		return &pb.SearchModulesRequest{Query: "ambush", TextOnly: true, Academies: []string{a}, Facets: []string{"academy", "competency"}, MinSequence: s.lastSequence(t)}
	}},
	pb.SearchService_SearchCompetencies_FullMethodName: {anyRole, false, func(t *testing.T, s *secured, _ string) proto.Message {
		return &pb.SearchCompetenciesRequest{Parent: "frameworks/ibm-core", Query: "surveillance", MinSequence: s.lastSequence(t)}
	}},

	pb.InteropService_ImportFramework_FullMethodName: {coordinators, false, func(_ *testing.T, s *secured, _ string) proto.Message {
		return frameworkImport(s)
	}},
	pb.InteropService_ExportFramework_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ExportFrameworkRequest{Name: "frameworks/ibm-core", Format: pb.FrameworkFormat_CASE}
	}},
	pb.InteropService_ImportModules_FullMethodName: {academyEditors, true, func(_ *testing.T, s *secured, a string) proto.Message {
		return moduleImport(s, a)
	}},
	pb.InteropService_ExportModules_FullMethodName: {anyRole, true, func(_ *testing.T, _ *secured, a string) proto.Message {
		return &pb.ExportModulesRequest{Parent: curricula.CurriculumName(a, "basic-2024"), ByteOrderMark: true}
	}},

	pb.CaseService_ListCFDocuments_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.ListCFDocumentsRequest{}
	}},
	pb.CaseService_GetCFDocument_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetCFDocumentRequest{SourcedId: casefmt.Identifier("frameworks/ibm-core")}
	}},
	pb.CaseService_GetCFPackage_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetCFPackageRequest{SourcedId: casefmt.Identifier("frameworks/ibm-core")}
	}},
	pb.CaseService_GetCFItem_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetCFItemRequest{SourcedId: casefmt.Identifier("frameworks/ibm-core/competencies/sur-05")}
	}},
	pb.CaseService_GetCFAssociation_FullMethodName: {anyRole, false, func(*testing.T, *secured, string) proto.Message {
		return &pb.GetCFAssociationRequest{SourcedId: casefmt.Identifier("frameworks/ibm-core/competencies/sur-05#isChildOf")}
	}},
}

// want is the code a caller should get: OK when allowed.
func (s *secured) want(c caller, acc access, academy string) codes.Code {
	switch {
	case c.secret == "":
		return codes.Unauthenticated
	case c == s.admin:
		return codes.OK
	case acc == anyRole:
		return codes.OK
	case c == s.coordinator && (acc == coordinators || acc == academyAuditors):
		return codes.OK
	case c == s.editor && (acc == academyEditors || acc == academyAuditors) && academy == ownAcademy:
		return codes.OK
	}
	return codes.PermissionDenied
}

// readsRestricted reports whether c may read the restricted text of the
// academy (admins and coordinators all, the editor its own).
func (s *secured) readsRestricted(c caller, academy string) bool {
	return c == s.admin || c == s.coordinator || (c == s.editor && academy == ownAcademy)
}

func concordMethods(s *secured) []string {
	var out []string
	for svc, info := range s.grpc.GetServiceInfo() {
		if !strings.HasPrefix(svc, "concord.") {
			continue
		}
		for _, m := range info.Methods {
			out = append(out, "/"+svc+"/"+m.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestAuthorizationMatrix calls every Concord RPC as every kind of caller,
// on the editor's own academy and on another, over gRPC and over REST
// (the gateway's route, or the plain handler of plainREST): both must give
// the expected answer, the same one, and no answer (a file's bytes
// included) may carry restricted text to a caller who may not read it.
func TestAuthorizationMatrix(t *testing.T) {
	s := startSecured(t)
	callers := []caller{s.anonymous, s.viewer, s.editor, s.coordinator, s.admin}
	methods := concordMethods(s)
	require.NotEmpty(t, methods)
	calls := 0
	for _, method := range methods {
		tc, ok := authzCases[method]
		if !ok {
			t.Errorf("%s has no case in authzCases: add one (and a rule in services.AccessPolicy)", method)
			continue
		}
		academies := []string{""}
		if tc.scoped {
			academies = []string{ownAcademy, otherAcademy}
		}
		rest := func(t *testing.T, req proto.Message) route { return restRoute(t, method, req) }
		switch plain := plainREST[method]; {
		case httpRule(methodDescriptor(t, method)) != nil:
			require.Nil(t, plain, "%s has a gateway route and a plain one", method)
		case plain != nil:
			rest = func(_ *testing.T, req proto.Message) route { return plain(req) }
		case grpcOnly[method]:
			rest = nil
		default:
			t.Errorf("%s has no REST route: add its plain handler's to plainREST, or the method to grpcOnly", method)
			continue
		}
		check := authzChecks[method]
		for _, academy := range academies {
			for _, c := range callers {
				want := s.want(c, tc.access, academy)
				name := strings.TrimPrefix(method, "/concord.v1.") + "/" + c.name
				if academy != "" {
					name += "/" + academy
				}
				t.Run(name, func(t *testing.T) {
					req := tc.build(t, s, academy)
					code, body := s.invoke(t, c, method, req)
					require.Equal(t, want, code, "gRPC: %s", body)
					if code == codes.OK && !s.readsRestricted(c, academy) {
						require.NotContains(t, body, secretMarker, "gRPC answer leaks restricted text")
					}
					if check != nil {
						check(t, s, c, academy, req, code == codes.OK, body)
					}
					calls++
					if rest == nil {
						return
					}
					req = tc.build(t, s, academy)
					st, rbody := s.send(t, c, rest(t, req))
					require.Equal(t, runtime.HTTPStatusFromCode(want), st, "REST: %s", rbody)
					if st == http.StatusOK && !s.readsRestricted(c, academy) {
						require.NotContains(t, rbody, secretMarker, "REST answer leaks restricted text")
					}
					if check != nil {
						check(t, s, c, academy, req, st == http.StatusOK, rbody)
					}
					calls++
				})
			}
		}
	}
	for method := range authzCases {
		require.Contains(t, methods, method, "authzCases names a method the server does not register")
	}
	for _, extra := range []map[string]bool{grpcOnly, setOf(plainREST), setOf(authzChecks)} {
		for method := range extra {
			require.Contains(t, methods, method, "the matrix names a method the server does not register")
		}
	}
	t.Logf("%d methods, %d calls", len(methods), calls)
}

func setOf[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// TestEveryMethodHasAnAccessRule fails when a registered RPC (health and
// reflection included) has no rule in services.AccessPolicy, which would
// deny it to everyone, or when a rule names no registered RPC.
func TestEveryMethodHasAnAccessRule(t *testing.T) {
	ts := startServer(t)
	registered := map[string]bool{}
	for svc, info := range ts.grpc.GetServiceInfo() {
		for _, m := range info.Methods {
			method := "/" + svc + "/" + m.Name
			registered[method] = true
			_, ok := services.AccessPolicy[method]
			require.True(t, ok, "%s has no rule in services.AccessPolicy", method)
		}
	}
	for method := range services.AccessPolicy {
		require.True(t, registered[method], "services.AccessPolicy has a rule for %s, which is not registered", method)
	}
}
