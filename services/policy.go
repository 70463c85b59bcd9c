package services

import (
	"slices"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionv1 "google.golang.org/grpc/reflection/grpc_reflection_v1"
	reflectionv1alpha "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
)

// Rule says who may call one RPC. A principal may call it when its role
// is in Roles, or when it is an editor, Academy is set and the academy
// the request writes is one of the editor's.
type Rule struct {
	// Public methods need no credentials at all (health checks).
	Public bool
	// Roles may call the method on any resource.
	Roles []curricula.Role
	// Academy returns the ID of the academy a request touches ("" when it
	// names none, which no editor is granted). For a client-streaming
	// method it is applied to every message received.
	Academy func(req any) string
}

// Policy maps full gRPC method names ("/concord.v1.AcademyService/GetAcademy")
// to their rules. A method without a rule is denied to everyone.
type Policy map[string]Rule

var (
	allRoles     = []curricula.Role{curricula.RoleAdmin, curricula.RoleCoordinator, curricula.RoleEditor, curricula.RoleViewer}
	everyone     = Rule{Roles: allRoles}
	coordinators = Rule{Roles: []curricula.Role{curricula.RoleAdmin, curricula.RoleCoordinator}}
	admins       = Rule{Roles: []curricula.Role{curricula.RoleAdmin}}
	public       = Rule{Public: true}
)

// editorsOf is admins plus the editors of the academy that academy
// extracts from a request of type T.
func editorsOf[T any](academy func(T) string) Rule {
	return Rule{Roles: admins.Roles, Academy: func(req any) string {
		r, ok := req.(T)
		if !ok {
			return ""
		}
		return academy(r)
	}}
}

// AcademyOf returns the academy ID of a resource name under
// academies/{academy}, and "" for any other name (or the "-" wildcard).
func AcademyOf(name string) string {
	rest, ok := strings.CutPrefix(name, curricula.CollAcademies+"/")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	if !curricula.ValidID(id) {
		return ""
	}
	return id
}

// AccessPolicy is Concord's one authorization table: every RPC the
// server registers has a rule here, and a test fails when one is missing
// or names a method that does not exist. Reads are open to every role;
// what a role may not read of a restricted module is hidden by
// RedactModule, not refused.
//
//	admin        everything: tokens, backup, reindex, academies
//	coordinator  frameworks, competencies, programmes, snapshots; reads all
//	editor       curricula and modules of its academies, and their academy
//	viewer       reads
var AccessPolicy = Policy{
	// Health checks are public (load balancers carry no token); server
	// reflection describes the API to any principal.
	healthpb.Health_Check_FullMethodName:                                   public,
	healthpb.Health_List_FullMethodName:                                    public,
	healthpb.Health_Watch_FullMethodName:                                   public,
	reflectionv1.ServerReflection_ServerReflectionInfo_FullMethodName:      everyone,
	reflectionv1alpha.ServerReflection_ServerReflectionInfo_FullMethodName: everyone,

	pb.FrameworkService_GetFramework_FullMethodName:     everyone,
	pb.FrameworkService_ListFrameworks_FullMethodName:   everyone,
	pb.FrameworkService_CreateFramework_FullMethodName:  coordinators,
	pb.FrameworkService_UpdateFramework_FullMethodName:  coordinators,
	pb.FrameworkService_DeleteFramework_FullMethodName:  coordinators,
	pb.FrameworkService_GetCompetency_FullMethodName:    everyone,
	pb.FrameworkService_ListCompetencies_FullMethodName: everyone,
	pb.FrameworkService_CreateCompetency_FullMethodName: coordinators,
	pb.FrameworkService_UpdateCompetency_FullMethodName: coordinators,
	pb.FrameworkService_DeleteCompetency_FullMethodName: coordinators,

	pb.AcademyService_GetAcademy_FullMethodName:    everyone,
	pb.AcademyService_ListAcademies_FullMethodName: everyone,
	pb.AcademyService_CreateAcademy_FullMethodName: admins,
	pb.AcademyService_UpdateAcademy_FullMethodName: editorsOf(func(r *pb.UpdateAcademyRequest) string {
		return AcademyOf(r.GetAcademy().GetName())
	}),
	pb.AcademyService_DeleteAcademy_FullMethodName: admins,
	pb.AcademyService_GetCurriculum_FullMethodName: everyone,
	pb.AcademyService_ListCurricula_FullMethodName: everyone,
	pb.AcademyService_CreateCurriculum_FullMethodName: editorsOf(func(r *pb.CreateCurriculumRequest) string {
		return AcademyOf(r.GetParent())
	}),
	pb.AcademyService_UpdateCurriculum_FullMethodName: editorsOf(func(r *pb.UpdateCurriculumRequest) string {
		return AcademyOf(r.GetCurriculum().GetName())
	}),
	pb.AcademyService_DeleteCurriculum_FullMethodName: editorsOf(func(r *pb.DeleteCurriculumRequest) string {
		return AcademyOf(r.GetName())
	}),
	pb.AcademyService_GetModule_FullMethodName:   everyone,
	pb.AcademyService_ListModules_FullMethodName: everyone,
	pb.AcademyService_CreateModule_FullMethodName: editorsOf(func(r *pb.CreateModuleRequest) string {
		return AcademyOf(r.GetParent())
	}),
	pb.AcademyService_UpdateModule_FullMethodName: editorsOf(func(r *pb.UpdateModuleRequest) string {
		return AcademyOf(r.GetModule().GetName())
	}),
	pb.AcademyService_DeleteModule_FullMethodName: editorsOf(func(r *pb.DeleteModuleRequest) string {
		return AcademyOf(r.GetName())
	}),

	pb.ProgrammeService_GetProgramme_FullMethodName:    everyone,
	pb.ProgrammeService_ListProgrammes_FullMethodName:  everyone,
	pb.ProgrammeService_CreateProgramme_FullMethodName: coordinators,
	pb.ProgrammeService_UpdateProgramme_FullMethodName: coordinators,
	pb.ProgrammeService_DeleteProgramme_FullMethodName: coordinators,

	pb.HarmonisationService_GetCoverage_FullMethodName:    everyone,
	pb.HarmonisationService_ListGaps_FullMethodName:       everyone,
	pb.HarmonisationService_DiffCurricula_FullMethodName:  everyone,
	pb.HarmonisationService_GetSnapshot_FullMethodName:    everyone,
	pb.HarmonisationService_ListSnapshots_FullMethodName:  everyone,
	pb.HarmonisationService_GetProgress_FullMethodName:    everyone,
	pb.HarmonisationService_RenderReport_FullMethodName:   everyone,
	pb.HarmonisationService_CreateSnapshot_FullMethodName: coordinators,
	pb.HarmonisationService_DeleteSnapshot_FullMethodName: coordinators,

	pb.TokenService_CreateToken_FullMethodName: admins,
	pb.TokenService_ListTokens_FullMethodName:  admins,
	pb.TokenService_RevokeToken_FullMethodName: admins,

	// The change log names principals: coordinators read all of it, an
	// editor the history of its own academies.
	pb.AuditService_ListChanges_FullMethodName: {Roles: coordinators.Roles, Academy: func(req any) string {
		r, _ := req.(*pb.ListChangesRequest)
		return AcademyOf(r.GetResource())
	}},

	// Search reads: restricted modules a caller may not read are neither
	// hits nor counted (the index filters them by RestrictedAccess).
	pb.SearchService_SearchModules_FullMethodName:      everyone,
	pb.SearchService_SearchCompetencies_FullMethodName: everyone,

	pb.AdminService_Backup_FullMethodName:        admins,
	pb.AdminService_GetIndexStats_FullMethodName: admins,
	pb.AdminService_Reindex_FullMethodName:       admins,

	// Imports write like their standard methods: frameworks are the
	// coordinators', modules their academy's editors'. ImportModules
	// names the academy in every message of its stream.
	pb.InteropService_ImportFramework_FullMethodName: coordinators,
	pb.InteropService_ExportFramework_FullMethodName: everyone,
	pb.InteropService_ImportModules_FullMethodName: editorsOf(func(r *pb.ImportModulesRequest) string {
		return AcademyOf(r.GetParent())
	}),
	pb.InteropService_ExportModules_FullMethodName: everyone,

	pb.CaseService_ListCFDocuments_FullMethodName:  everyone,
	pb.CaseService_GetCFDocument_FullMethodName:    everyone,
	pb.CaseService_GetCFPackage_FullMethodName:     everyone,
	pb.CaseService_GetCFItem_FullMethodName:        everyone,
	pb.CaseService_GetCFAssociation_FullMethodName: everyone,
}

// allowedByRole reports whether p's role alone lets it call the method.
func (r Rule) allowedByRole(p curricula.Principal) bool {
	return slices.Contains(r.Roles, p.Role)
}

// allowedOn reports whether p may call the method with req: by role, or
// as an editor of the academy req touches.
func (r Rule) allowedOn(p curricula.Principal, req any) bool {
	if r.allowedByRole(p) {
		return true
	}
	if r.Academy == nil || p.Role != curricula.RoleEditor {
		return false
	}
	a := r.Academy(req)
	return a != "" && slices.Contains(p.Academies, a)
}

// Check returns nil when p may call method with req, and an EPERMISSION
// error saying why not otherwise. Unknown methods are denied.
func (pol Policy) Check(p curricula.Principal, method string, req any) error {
	r, ok := pol[method]
	switch {
	case !ok:
		return denied(p, method, "it has no access rule (denied by default)")
	case r.Public || r.allowedOn(p, req):
		return nil
	}
	return denied(p, method, r.why(p, req))
}

func (r Rule) why(p curricula.Principal, req any) string {
	if r.Academy == nil || p.Role != curricula.RoleEditor {
		return "it needs the role " + joinRoles(r.Roles)
	}
	a := r.Academy(req)
	if a == "" {
		return "the request names no academy this editor is granted"
	}
	return "this editor may write only academies " + strings.Join(p.Academies, ", ") + ", not " + a
}

func denied(p curricula.Principal, method, why string) error {
	return curricula.Errorf(curricula.EPERMISSION, "%s (%s) may not call %s: %s", p.Subject, p.Role, method, why)
}

func joinRoles(rs []curricula.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, " or ")
}
