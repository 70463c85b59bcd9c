package services

import (
	"context"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/types/known/emptypb"
)

// ProgrammeService implements pb.ProgrammeServiceServer.
type ProgrammeService struct {
	pb.UnimplementedProgrammeServiceServer
	store curricula.Store
}

// NewProgrammeService returns the programme service over s.
func NewProgrammeService(s curricula.Store) *ProgrammeService { return &ProgrammeService{store: s} }

func newProgramme() *curricula.Programme { return new(curricula.Programme) }

func renderProgramme(_ context.Context, _ curricula.Tx, p *curricula.Programme) (*pb.Programme, error) {
	return programmeToProto(p), nil
}

func parseProgramme(_ curricula.Tx, _ string, p *pb.Programme) (*curricula.Programme, curricula.Violations, error) {
	out, vs := programmeFromProto(p)
	return out, vs, nil
}

func (s *ProgrammeService) GetProgramme(ctx context.Context, req *pb.GetProgrammeRequest) (*pb.Programme, error) {
	return getOne(ctx, s.store, req.GetName(), newProgramme(), renderProgramme)
}

func (s *ProgrammeService) ListProgrammes(ctx context.Context, req *pb.ListProgrammesRequest) (*pb.ListProgrammesResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindProgramme, listRequest{pageSize: req.GetPageSize(), pageToken: req.GetPageToken(), filter: req.GetFilter()}, newProgramme, renderProgramme)
	if err != nil {
		return nil, err
	}
	return &pb.ListProgrammesResponse{Programmes: items, NextPageToken: next}, nil
}

func (s *ProgrammeService) CreateProgramme(ctx context.Context, req *pb.CreateProgrammeRequest) (*pb.Programme, error) {
	return createOne(ctx, s.store, createRequest{kind: curricula.KindProgramme, id: req.GetProgrammeId(), idField: "programme_id", field: "programme"},
		req.GetProgramme(), parseProgramme, func(tx curricula.WriteTx, p *curricula.Programme) error { return checkProgramme(tx, p) }, renderProgramme)
}

func (s *ProgrammeService) UpdateProgramme(ctx context.Context, req *pb.UpdateProgrammeRequest) (*pb.Programme, error) {
	return updateOne(ctx, s.store, "programme", req.GetProgramme(), req.GetUpdateMask(), newProgramme, parseProgramme,
		func(tx curricula.WriteTx, _, p *curricula.Programme) error { return checkProgramme(tx, p) }, renderProgramme)
}

func (s *ProgrammeService) DeleteProgramme(ctx context.Context, req *pb.DeleteProgrammeRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, deleteOne(ctx, s.store, curricula.KindProgramme, req.GetName(), req.GetEtag(), req.GetForce(), nil)
}
