package services

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// progressRecord is a programme's snapshots, oldest first (by time, then
// name), matched across editions, and the labeller of the newest one's
// framework.
type progressRecord struct {
	snapshots []*curricula.Snapshot // as stored
	latest    map[string]string     // curricula.LatestEditions
	labels    labeller
}

// loadProgress reads a programme's snapshots and every curriculum (for the
// editions) in one view.
func (s *HarmonisationService) loadProgress(ctx context.Context, programme string) (*progressRecord, error) {
	rec := &progressRecord{}
	err := s.store.View(ctx, func(tx curricula.Tx) error {
		if err := tx.Get(programme, &curricula.Programme{}); err != nil {
			return err
		}
		var curs []*curricula.Curriculum
		if err := scanAll(tx, curricula.KindCurriculum, "", func() *curricula.Curriculum { return new(curricula.Curriculum) }, &curs); err != nil {
			return err
		}
		rec.latest = curricula.LatestEditions(curs)
		if err := scanAll(tx, curricula.KindSnapshot, programme, func() *curricula.Snapshot { return new(curricula.Snapshot) }, &rec.snapshots); err != nil {
			return err
		}
		slices.SortStableFunc(rec.snapshots, func(a, b *curricula.Snapshot) int {
			return cmp.Or(a.TakenAt.Compare(b.TakenAt), strings.Compare(a.Name, b.Name))
		})
		fw := ""
		if n := len(rec.snapshots); n > 0 {
			fw = rec.snapshots[n-1].Framework
		}
		comps, err := frameworkCompetencies(tx, fw)
		rec.labels = newLabeller(fw, comps)
		return err
	})
	return rec, err
}

// snapshot finds a snapshot of programme by name or ID.
func (r *progressRecord) snapshot(field, programme, ref string) (*curricula.Snapshot, error) {
	name := ref
	if !strings.Contains(ref, "/") {
		name = programme + "/" + curricula.CollSnapshots + "/" + ref
	}
	if n, err := curricula.ParseName(curricula.KindSnapshot, name); err != nil || n.IDs[0] != lastSegment(programme) {
		return nil, invalid(field, fmt.Sprintf("%q is not a snapshot of %s (give its name or ID)", ref, programme))
	}
	for _, s := range r.snapshots {
		if s.Name == name {
			return s, nil
		}
	}
	return nil, curricula.Errorf(curricula.ENOTFOUND, "%s not found", name)
}

// compare is the progress from a to b with members matched across
// editions; from and to map each member to the curriculum each snapshot
// measured.
func (r *progressRecord) compare(a, b *curricula.Snapshot) (p *curricula.Progress, from, to map[string]string) {
	ea, from := a.InEditions(r.latest)
	eb, to := b.InEditions(r.latest)
	return curricula.CompareSnapshots(ea, eb), from, to
}

// GetProgress compares two snapshots: by default the oldest and the
// newest (by snapshot time, then name), so the answer is the progress over
// the whole record.
func (s *HarmonisationService) GetProgress(ctx context.Context, req *pb.GetProgressRequest) (*pb.Progress, error) {
	programme := req.GetProgramme()
	if err := checkNameOf(curricula.KindProgramme, "programme", programme); err != nil {
		return nil, err
	}
	rec, err := s.loadProgress(ctx, programme)
	if err != nil {
		return nil, err
	}
	n := len(rec.snapshots)
	if n < 2 && (req.GetFrom() == "" || req.GetTo() == "") {
		return nil, curricula.Errorf(curricula.EPRECONDITION,
			"%s has %d snapshot(s); progress compares two: create one with CreateSnapshot", programme, n)
	}
	var from, to *curricula.Snapshot
	if req.GetFrom() == "" {
		from = rec.snapshots[0]
	} else if from, err = rec.snapshot("from", programme, req.GetFrom()); err != nil {
		return nil, err
	}
	if req.GetTo() == "" {
		to = rec.snapshots[n-1]
	} else if to, err = rec.snapshot("to", programme, req.GetTo()); err != nil {
		return nil, err
	}
	field := "to"
	if req.GetTo() == "" {
		field = "from"
	}
	switch {
	case from == to:
		return nil, invalid(field, fmt.Sprintf("from and to are the same snapshot (%s); give two", from.Name))
	case to.TakenAt.Before(from.TakenAt):
		return nil, invalid(field, fmt.Sprintf("%s was taken before %s: from must be the earlier snapshot", to.Name, from.Name))
	}
	p, fromCur, toCur := rec.compare(from, to)
	return progressToProto(programme, p, rec.labels, fromCur, toCur), nil
}
