package services

import (
	"context"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/types/known/emptypb"
)

// AcademyService implements pb.AcademyServiceServer.
type AcademyService struct {
	pb.UnimplementedAcademyServiceServer
	store curricula.Store
}

// NewAcademyService returns the academy service over s.
func NewAcademyService(s curricula.Store) *AcademyService { return &AcademyService{store: s} }

func newAcademy() *curricula.Academy       { return new(curricula.Academy) }
func newCurriculum() *curricula.Curriculum { return new(curricula.Curriculum) }
func newModule() *curricula.Module         { return new(curricula.Module) }

func renderAcademy(_ context.Context, _ curricula.Tx, a *curricula.Academy) (*pb.Academy, error) {
	return academyToProto(a), nil
}

func parseAcademy(_ curricula.Tx, _ string, p *pb.Academy) (*curricula.Academy, curricula.Violations, error) {
	a, vs := academyFromProto(p)
	return a, vs, nil
}

func renderCurriculum(_ context.Context, _ curricula.Tx, c *curricula.Curriculum) (*pb.Curriculum, error) {
	return curriculumToProto(c), nil
}

func parseCurriculum(_ curricula.Tx, _ string, p *pb.Curriculum) (*curricula.Curriculum, curricula.Violations, error) {
	c, vs := curriculumFromProto(p)
	return c, vs, nil
}

// moduleRenderer renders modules, looking up each curriculum's framework
// once per request.
func moduleRenderer() render[*curricula.Module, *pb.Module] {
	frameworks := map[string]string{}
	return func(_ context.Context, tx curricula.Tx, m *curricula.Module) (*pb.Module, error) {
		fw, err := curriculumFramework(tx, frameworks, m.Name)
		if err != nil {
			return nil, err
		}
		return moduleToProto(m, fw), nil
	}
}

// moduleReader renders modules as the caller may see them: restricted
// text is redacted here, before a list filter looks at it, so a filter on
// the text of a hidden module matches nothing.
func moduleReader() render[*curricula.Module, *pb.Module] {
	out := moduleRenderer()
	return func(ctx context.Context, tx curricula.Tx, m *curricula.Module) (*pb.Module, error) {
		p, err := out(ctx, tx, m)
		return RedactModule(PrincipalOf(ctx), p), err
	}
}

func parseModule(tx curricula.Tx, name string, p *pb.Module) (*curricula.Module, curricula.Violations, error) {
	fw, err := curriculumFramework(tx, map[string]string{}, name)
	if err != nil {
		return nil, nil, err
	}
	m, vs := moduleFromProto(p, fw)
	return m, vs, nil
}

func checkModule(tx curricula.WriteTx, m *curricula.Module) error {
	fw, err := curriculumFramework(tx, map[string]string{}, m.Name)
	if err != nil {
		return err
	}
	return checkAlignments(tx, fw, m)
}

func (s *AcademyService) GetAcademy(ctx context.Context, req *pb.GetAcademyRequest) (*pb.Academy, error) {
	return getOne(ctx, s.store, req.GetName(), newAcademy(), renderAcademy)
}

func (s *AcademyService) ListAcademies(ctx context.Context, req *pb.ListAcademiesRequest) (*pb.ListAcademiesResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindAcademy, listRequest{pageSize: req.GetPageSize(), pageToken: req.GetPageToken(), filter: req.GetFilter()}, newAcademy, renderAcademy)
	if err != nil {
		return nil, err
	}
	return &pb.ListAcademiesResponse{Academies: items, NextPageToken: next}, nil
}

func (s *AcademyService) CreateAcademy(ctx context.Context, req *pb.CreateAcademyRequest) (*pb.Academy, error) {
	return createOne(ctx, s.store, createRequest{kind: curricula.KindAcademy, id: req.GetAcademyId(), idField: "academy_id", field: "academy"},
		req.GetAcademy(), parseAcademy, nil, renderAcademy)
}

func (s *AcademyService) UpdateAcademy(ctx context.Context, req *pb.UpdateAcademyRequest) (*pb.Academy, error) {
	return updateOne(ctx, s.store, "academy", req.GetAcademy(), req.GetUpdateMask(), newAcademy, parseAcademy, nil, renderAcademy)
}

func (s *AcademyService) DeleteAcademy(ctx context.Context, req *pb.DeleteAcademyRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, deleteOne(ctx, s.store, curricula.KindAcademy, req.GetName(), req.GetEtag(), req.GetForce(), nil)
}

func (s *AcademyService) GetCurriculum(ctx context.Context, req *pb.GetCurriculumRequest) (*pb.Curriculum, error) {
	return getOne(ctx, s.store, req.GetName(), newCurriculum(), renderCurriculum)
}

func (s *AcademyService) ListCurricula(ctx context.Context, req *pb.ListCurriculaRequest) (*pb.ListCurriculaResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindCurriculum, listRequest{parent: req.GetParent(), pageSize: req.GetPageSize(), pageToken: req.GetPageToken(), filter: req.GetFilter()}, newCurriculum, renderCurriculum)
	if err != nil {
		return nil, err
	}
	return &pb.ListCurriculaResponse{Curricula: items, NextPageToken: next}, nil
}

func (s *AcademyService) CreateCurriculum(ctx context.Context, req *pb.CreateCurriculumRequest) (*pb.Curriculum, error) {
	return createOne(ctx, s.store, createRequest{kind: curricula.KindCurriculum, parent: req.GetParent(), id: req.GetCurriculumId(), idField: "curriculum_id", field: "curriculum"},
		req.GetCurriculum(), parseCurriculum, func(tx curricula.WriteTx, c *curricula.Curriculum) error { return checkCurriculum(tx, nil, c) }, renderCurriculum)
}

func (s *AcademyService) UpdateCurriculum(ctx context.Context, req *pb.UpdateCurriculumRequest) (*pb.Curriculum, error) {
	return updateOne(ctx, s.store, "curriculum", req.GetCurriculum(), req.GetUpdateMask(), newCurriculum, parseCurriculum,
		func(tx curricula.WriteTx, old, c *curricula.Curriculum) error { return checkCurriculum(tx, old, c) }, renderCurriculum)
}

func (s *AcademyService) DeleteCurriculum(ctx context.Context, req *pb.DeleteCurriculumRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, deleteOne(ctx, s.store, curricula.KindCurriculum, req.GetName(), req.GetEtag(), req.GetForce(), nil)
}

func (s *AcademyService) GetModule(ctx context.Context, req *pb.GetModuleRequest) (*pb.Module, error) {
	return getOne(ctx, s.store, req.GetName(), newModule(), moduleReader())
}

func (s *AcademyService) ListModules(ctx context.Context, req *pb.ListModulesRequest) (*pb.ListModulesResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindModule, listRequest{parent: req.GetParent(), pageSize: req.GetPageSize(), pageToken: req.GetPageToken(), filter: req.GetFilter()}, newModule, moduleReader())
	if err != nil {
		return nil, err
	}
	return &pb.ListModulesResponse{Modules: items, NextPageToken: next}, nil
}

func (s *AcademyService) CreateModule(ctx context.Context, req *pb.CreateModuleRequest) (*pb.Module, error) {
	m, err := createOne(ctx, s.store, createRequest{kind: curricula.KindModule, parent: req.GetParent(), id: req.GetModuleId(), idField: "module_id", field: "module"},
		req.GetModule(), parseModule, checkModule, moduleRenderer())
	return RedactModule(PrincipalOf(ctx), m), err
}

func (s *AcademyService) UpdateModule(ctx context.Context, req *pb.UpdateModuleRequest) (*pb.Module, error) {
	// The merge under the mask needs the stored text, so the module is
	// rendered unredacted inside and redacted on the way out.
	m, err := updateOne(ctx, s.store, "module", req.GetModule(), req.GetUpdateMask(), newModule, parseModule,
		func(tx curricula.WriteTx, _, m *curricula.Module) error { return checkModule(tx, m) }, moduleRenderer())
	return RedactModule(PrincipalOf(ctx), m), err
}

func (s *AcademyService) DeleteModule(ctx context.Context, req *pb.DeleteModuleRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, deleteOne(ctx, s.store, curricula.KindModule, req.GetName(), req.GetEtag(), false, nil)
}
