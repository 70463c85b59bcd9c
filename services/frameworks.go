package services

import (
	"context"
	"reflect"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/types/known/emptypb"
)

// FrameworkService implements pb.FrameworkServiceServer.
type FrameworkService struct {
	pb.UnimplementedFrameworkServiceServer
	store curricula.Store
}

// NewFrameworkService returns the framework service over s.
func NewFrameworkService(s curricula.Store) *FrameworkService { return &FrameworkService{store: s} }

func renderFramework(_ context.Context, _ curricula.Tx, f *curricula.Framework) (*pb.Framework, error) {
	return frameworkToProto(f), nil
}

func parseFramework(_ curricula.Tx, _ string, p *pb.Framework) (*curricula.Framework, curricula.Violations, error) {
	f, vs := frameworkFromProto(p)
	return f, vs, nil
}

func renderCompetency(_ context.Context, _ curricula.Tx, c *curricula.Competency) (*pb.Competency, error) {
	return competencyToProto(c), nil
}

func parseCompetency(_ curricula.Tx, name string, p *pb.Competency) (*curricula.Competency, curricula.Violations, error) {
	c, vs := competencyFromProto(p, name)
	return c, vs, nil
}

func newFramework() *curricula.Framework   { return new(curricula.Framework) }
func newCompetency() *curricula.Competency { return new(curricula.Competency) }

func (s *FrameworkService) GetFramework(ctx context.Context, req *pb.GetFrameworkRequest) (*pb.Framework, error) {
	return getOne(ctx, s.store, req.GetName(), newFramework(), renderFramework)
}

func (s *FrameworkService) ListFrameworks(ctx context.Context, req *pb.ListFrameworksRequest) (*pb.ListFrameworksResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindFramework, listRequest{pageSize: req.GetPageSize(), pageToken: req.GetPageToken(), filter: req.GetFilter()}, newFramework, renderFramework)
	if err != nil {
		return nil, err
	}
	return &pb.ListFrameworksResponse{Frameworks: items, NextPageToken: next}, nil
}

func (s *FrameworkService) CreateFramework(ctx context.Context, req *pb.CreateFrameworkRequest) (*pb.Framework, error) {
	return createOne(ctx, s.store, createRequest{kind: curricula.KindFramework, id: req.GetFrameworkId(), idField: "framework_id", field: "framework"},
		req.GetFramework(), parseFramework, checkFramework, renderFramework)
}

func (s *FrameworkService) UpdateFramework(ctx context.Context, req *pb.UpdateFrameworkRequest) (*pb.Framework, error) {
	return updateOne(ctx, s.store, "framework", req.GetFramework(), req.GetUpdateMask(), newFramework, parseFramework,
		func(tx curricula.WriteTx, old, f *curricula.Framework) error {
			if err := checkImmutable(old, f); err != nil {
				return err
			}
			return checkFramework(tx, f)
		}, renderFramework)
}

func (s *FrameworkService) DeleteFramework(ctx context.Context, req *pb.DeleteFrameworkRequest) (*emptypb.Empty, error) {
	err := deleteOne(ctx, s.store, curricula.KindFramework, req.GetName(), req.GetEtag(), req.GetForce(), func(tx curricula.WriteTx) error {
		return checkFrameworkUnused(tx, req.GetName())
	})
	return &emptypb.Empty{}, err
}

func (s *FrameworkService) GetCompetency(ctx context.Context, req *pb.GetCompetencyRequest) (*pb.Competency, error) {
	return getOne(ctx, s.store, req.GetName(), newCompetency(), renderCompetency)
}

func (s *FrameworkService) ListCompetencies(ctx context.Context, req *pb.ListCompetenciesRequest) (*pb.ListCompetenciesResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindCompetency, listRequest{parent: req.GetParent(), pageSize: req.GetPageSize(), pageToken: req.GetPageToken(), filter: req.GetFilter()}, newCompetency, renderCompetency)
	if err != nil {
		return nil, err
	}
	return &pb.ListCompetenciesResponse{Competencies: items, NextPageToken: next}, nil
}

func (s *FrameworkService) CreateCompetency(ctx context.Context, req *pb.CreateCompetencyRequest) (*pb.Competency, error) {
	return createOne(ctx, s.store, createRequest{kind: curricula.KindCompetency, parent: req.GetParent(), id: req.GetCompetencyId(), idField: "competency_id", field: "competency"},
		req.GetCompetency(), parseCompetency, func(tx curricula.WriteTx, c *curricula.Competency) error {
			return checkCompetency(tx, c)
		}, renderCompetency)
}

func (s *FrameworkService) UpdateCompetency(ctx context.Context, req *pb.UpdateCompetencyRequest) (*pb.Competency, error) {
	return updateOne(ctx, s.store, "competency", req.GetCompetency(), req.GetUpdateMask(), newCompetency, parseCompetency,
		func(tx curricula.WriteTx, _, c *curricula.Competency) error { return checkCompetency(tx, c) }, renderCompetency)
}

func (s *FrameworkService) DeleteCompetency(ctx context.Context, req *pb.DeleteCompetencyRequest) (*emptypb.Empty, error) {
	err := deleteOne(ctx, s.store, curricula.KindCompetency, req.GetName(), req.GetEtag(), false, func(tx curricula.WriteTx) error {
		return checkCompetencyUnused(tx, req.GetName())
	})
	return &emptypb.Empty{}, err
}

// checkImmutable enforces that a published framework changes only its
// state, and only forward (published → retired).
func checkImmutable(old, f *curricula.Framework) error {
	if old.State == curricula.FrameworkDraft {
		return nil
	}
	a, b := *old, *f
	a.State, b.State = "", ""
	if !reflect.DeepEqual(a, b) {
		return curricula.Errorf(curricula.EPRECONDITION, "%s is %s and immutable: only its state can change; publish a new version instead", old.Name, old.State)
	}
	if f.State == curricula.FrameworkDraft {
		return curricula.Errorf(curricula.EPRECONDITION, "%s is %s and cannot return to draft", old.Name, old.State)
	}
	return nil
}
