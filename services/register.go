package services

import (
	"log/slog"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/grpc"
)

// Deps are what the services need from the adapters.
type Deps struct {
	Store  curricula.Store
	Tokens curricula.TokenStore
	// Search is the search index (nil: search is UNAVAILABLE).
	Search curricula.Search
	Log    *slog.Logger
	// CaseBaseURL is the root of the CASE REST binding as clients reach
	// it (".../ims/case/v1p1"), which CASE exports mint URIs under.
	CaseBaseURL string
}

// Register registers every Concord service on g and returns their full
// names (for the health service). Every method of every service needs a
// rule in AccessPolicy.
func Register(g *grpc.Server, d Deps) []string {
	pb.RegisterFrameworkServiceServer(g, NewFrameworkService(d.Store))
	pb.RegisterAcademyServiceServer(g, NewAcademyService(d.Store))
	pb.RegisterProgrammeServiceServer(g, NewProgrammeService(d.Store))
	pb.RegisterTokenServiceServer(g, NewTokenService(d.Tokens))
	pb.RegisterAuditServiceServer(g, NewAuditService(d.Store))
	pb.RegisterAdminServiceServer(g, NewAdminService(d.Store, d.Search, d.Log))
	pb.RegisterHarmonisationServiceServer(g, NewHarmonisationService(d.Store))
	pb.RegisterInteropServiceServer(g, NewInteropService(d.Store, d.CaseBaseURL))
	pb.RegisterCaseServiceServer(g, NewCaseService(d.Store, d.CaseBaseURL))
	pb.RegisterSearchServiceServer(g, NewSearchService(d.Search, d.Store))
	return []string{
		pb.FrameworkService_ServiceDesc.ServiceName,
		pb.AcademyService_ServiceDesc.ServiceName,
		pb.ProgrammeService_ServiceDesc.ServiceName,
		pb.TokenService_ServiceDesc.ServiceName,
		pb.AuditService_ServiceDesc.ServiceName,
		pb.AdminService_ServiceDesc.ServiceName,
		pb.HarmonisationService_ServiceDesc.ServiceName,
		pb.InteropService_ServiceDesc.ServiceName,
		pb.CaseService_ServiceDesc.ServiceName,
		pb.SearchService_ServiceDesc.ServiceName,
	}
}
