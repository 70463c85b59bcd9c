package services

import (
	"context"
	"strconv"
	"strings"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// AuditScanLimit bounds the change-log entries one ListChanges call
// examines; a page cut short by it still carries a next_page_token.
const AuditScanLimit = 100_000

// AuditService implements pb.AuditServiceServer over the change log.
type AuditService struct {
	pb.UnimplementedAuditServiceServer
	store curricula.Store
}

// NewAuditService returns the audit service over s.
func NewAuditService(s curricula.Store) *AuditService { return &AuditService{store: s} }

// changeFilter selects change-log entries.
type changeFilter struct {
	resource, principal string
	start, end          time.Time
}

func (f changeFilter) match(c curricula.Change) bool {
	if f.resource != "" && c.Name != f.resource && !strings.HasPrefix(c.Name, f.resource+"/") {
		return false
	}
	if f.principal != "" && c.Principal != f.principal {
		return false
	}
	if !f.start.IsZero() && c.Time.Before(f.start) {
		return false
	}
	return f.end.IsZero() || c.Time.Before(f.end)
}

// ListChanges pages through the change log, oldest first.
func (s *AuditService) ListChanges(ctx context.Context, req *pb.ListChangesRequest) (*pb.ListChangesResponse, error) {
	n, err := pageSize(req.GetPageSize())
	if err != nil {
		return nil, err
	}
	f, err := parseChangeFilter(req)
	if err != nil {
		return nil, err
	}
	check := requestCheck("changes", f.resource, f.principal, f.start.String(), f.end.String())
	after := req.GetAfterSequence()
	if tok, err := decodePageToken(req.GetPageToken(), check); err != nil {
		return nil, err
	} else if tok != "" {
		if after, err = strconv.ParseUint(tok, 10, 64); err != nil {
			return nil, invalid("page_token", "is not a token returned by this method")
		}
	}
	const batch = 1000
	out := &pb.ListChangesResponse{}
	for scanned := 0; ; {
		cs, err := s.store.Changes(ctx, after, batch)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			after = c.Sequence
			scanned++
			if f.match(c) {
				out.Changes = append(out.Changes, changeToProto(c))
			}
			if len(out.Changes) == n || scanned == AuditScanLimit {
				out.NextPageToken = encodePageToken(strconv.FormatUint(after, 10), check)
				return out, nil
			}
		}
		if len(cs) < batch {
			return out, nil
		}
	}
}

func parseChangeFilter(req *pb.ListChangesRequest) (changeFilter, error) {
	var vs curricula.Violations
	f := changeFilter{resource: strings.TrimSuffix(req.GetResource(), "/"), principal: req.GetPrincipal()}
	if f.resource != "" && !validNamePrefix(f.resource) {
		vs.Add("resource", "%q is not a resource name or collection (e.g. academies/kz-border-academy, frameworks)", req.GetResource())
	}
	for _, t := range []struct {
		field string
		ts    *timestamppb.Timestamp
		out   *time.Time
	}{{"start_time", req.GetStartTime(), &f.start}, {"end_time", req.GetEndTime(), &f.end}} {
		if t.ts == nil {
			continue
		}
		if err := t.ts.CheckValid(); err != nil {
			vs.Add(t.field, "is not a valid time")
			continue
		}
		*t.out = t.ts.AsTime()
	}
	if !f.start.IsZero() && !f.end.IsZero() && !f.start.Before(f.end) {
		vs.Add("end_time", "must be after start_time")
	}
	return f, vs.Err()
}

// validNamePrefix accepts a collection ("academies"), a resource name, or
// a resource name followed by a child collection, tokens included.
func validNamePrefix(s string) bool {
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		if i%2 == 1 && !curricula.ValidID(seg) {
			return false
		}
	}
	probe := s
	if len(segs)%2 == 1 {
		probe += "/x"
	}
	if strings.HasPrefix(probe, "tokens/") {
		return len(segs) <= 2
	}
	_, ok := curricula.KindOf(probe)
	return ok
}

func changeToProto(c curricula.Change) *pb.Change {
	return &pb.Change{
		Sequence:  c.Sequence,
		Time:      ts(c.Time),
		Principal: c.Principal,
		Operation: string(c.Operation),
		Kind:      string(c.Kind),
		Resource:  c.Name,
		Etag:      c.Etag,
	}
}
