package services

import (
	"context"
	"fmt"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/types/known/emptypb"
)

// maxSnapshotsPerDay bounds the "-2", "-3", … suffixes of generated IDs.
const maxSnapshotsPerDay = 1000

func newSnapshot() *curricula.Snapshot { return new(curricula.Snapshot) }

// snapshotRenderer renders snapshots, reading each framework's
// competencies (for the gaps' codes and titles) once per request.
func snapshotRenderer() render[*curricula.Snapshot, *pb.Snapshot] {
	labels := map[string]labeller{}
	return func(_ context.Context, tx curricula.Tx, s *curricula.Snapshot) (*pb.Snapshot, error) {
		l, ok := labels[s.Framework]
		if !ok {
			comps, err := frameworkCompetencies(tx, s.Framework)
			if err != nil {
				return nil, err
			}
			l = newLabeller(s.Framework, comps)
			labels[s.Framework] = l
		}
		return snapshotToProto(s, l), nil
	}
}

// CreateSnapshot computes the programme's figures now and stores them.
// Only the title is read from the request's snapshot; without a
// snapshot_id the ID is "on-" and the day (UTC), with "-2", "-3", … when
// that is taken.
func (s *HarmonisationService) CreateSnapshot(ctx context.Context, req *pb.CreateSnapshotRequest) (*pb.Snapshot, error) {
	parent, id := req.GetParent(), req.GetSnapshotId()
	if err := checkNameOf(curricula.KindProgramme, "parent", parent); err != nil {
		return nil, err
	}
	if id != "" && !curricula.ValidID(id) {
		return nil, invalid("snapshot_id", fmt.Sprintf("%q must be 1–63 lower-case letters, digits or hyphens, starting with a letter", id))
	}
	at := s.now().UTC()
	day := at.Format(time.DateOnly)
	title := req.GetSnapshot().GetTitle()
	if title == "" {
		title = "Snapshot of " + day
	}
	x, err := s.analyse(ctx, "parent", parent)
	if err != nil {
		return nil, err
	}
	snap := curricula.NewSnapshot("", title, at, x.a)
	var out *pb.Snapshot
	err = s.store.Update(ctx, func(tx curricula.WriteTx) error {
		name, err := snapshotName(tx, parent, id, day)
		if err != nil {
			return err
		}
		snap.Name = name
		if err := snap.Validate(); err != nil {
			return prefixed(err, "snapshot")
		}
		if err := tx.Create(snap); err != nil {
			return err
		}
		out, err = snapshotRenderer()(ctx, tx, snap)
		return err
	})
	return out, err
}

// snapshotName is the name of a new snapshot of parent: with id when
// given, otherwise the first free one of on-{day}, on-{day}-2, ….
func snapshotName(tx curricula.Tx, parent, id, day string) (string, error) {
	base := parent + "/" + curricula.CollSnapshots + "/"
	if id != "" {
		return base + id, nil
	}
	for i := 1; i <= maxSnapshotsPerDay; i++ {
		name := base + "on-" + day
		if i > 1 {
			name += fmt.Sprintf("-%d", i)
		}
		ok, err := tx.Exists(name)
		if err != nil {
			return "", err
		}
		if !ok {
			return name, nil
		}
	}
	return "", curricula.Errorf(curricula.ERESOURCEEXHAUSTED, "%s already has %d snapshots of %s: give a snapshot_id", parent, maxSnapshotsPerDay, day)
}

func (s *HarmonisationService) GetSnapshot(ctx context.Context, req *pb.GetSnapshotRequest) (*pb.Snapshot, error) {
	return getOne(ctx, s.store, req.GetName(), newSnapshot(), snapshotRenderer())
}

func (s *HarmonisationService) ListSnapshots(ctx context.Context, req *pb.ListSnapshotsRequest) (*pb.ListSnapshotsResponse, error) {
	items, next, err := listPage(ctx, s.store, curricula.KindSnapshot, listRequest{parent: req.GetParent(), pageSize: req.GetPageSize(),
		pageToken: req.GetPageToken(), filter: req.GetFilter()}, newSnapshot, snapshotRenderer())
	if err != nil {
		return nil, err
	}
	return &pb.ListSnapshotsResponse{Snapshots: items, NextPageToken: next}, nil
}

func (s *HarmonisationService) DeleteSnapshot(ctx context.Context, req *pb.DeleteSnapshotRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, deleteOne(ctx, s.store, curricula.KindSnapshot, req.GetName(), req.GetEtag(), false, nil)
}
