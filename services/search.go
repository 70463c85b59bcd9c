package services

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// maxWait bounds a min_sequence wait when the call has no deadline.
const maxWait = 30 * time.Second

// SearchService implements pb.SearchServiceServer over the search index
// (names, scores, snippets) and the store (the resources themselves).
type SearchService struct {
	pb.UnimplementedSearchServiceServer
	index curricula.Search
	store curricula.Store
}

// NewSearchService returns the search service over idx and s. With a nil
// idx every search is UNAVAILABLE.
func NewSearchService(idx curricula.Search, s curricula.Store) *SearchService {
	return &SearchService{index: idx, store: s}
}

func (s *SearchService) available() error {
	if s.index == nil {
		return curricula.Errorf(curricula.EUNAVAILABLE, "the search index is not open")
	}
	return nil
}

// SearchModules validates the request, expands the competency filter to
// descendants, waits for min_sequence, queries the index within the
// caller's restricted scope, and renders the hits from one read of the
// store (a hit the store no longer holds is skipped).
func (s *SearchService) SearchModules(ctx context.Context, r *pb.SearchModulesRequest) (*pb.SearchModulesResponse, error) {
	if err := s.available(); err != nil {
		return nil, err
	}
	q, vs := moduleQueryFromProto(r)
	check := moduleQueryCheck(r)
	after := searchPageToken(&vs, r.GetPageToken(), check)
	if err := vs.Err(); err != nil {
		return nil, err
	}
	q.After = after
	p := PrincipalOf(ctx)
	q.Restricted.All, q.Restricted.Academies = RestrictedAccess(p)
	var err error
	if q.Competencies, err = s.expandCompetencies(ctx, q.Competencies); err != nil {
		return nil, err
	}
	if err := s.waitFor(ctx, r.GetMinSequence()); err != nil {
		return nil, err
	}
	res, err := s.index.SearchModules(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &pb.SearchModulesResponse{
		TotalSize:           int32(res.Total),
		Facets:              facetsToProto(q.Facets, res.Facets),
		MatchedCompetencies: res.Competencies,
		IndexSequence:       int64(res.Sequence),
	}
	if res.Next != "" {
		out.NextPageToken = encodePageToken(res.Next, check)
	}
	err = s.store.View(ctx, func(tx curricula.Tx) error {
		frameworks := map[string]string{}
		for _, h := range res.Hits {
			var m curricula.Module
			switch err := tx.Get(h.Name, &m); {
			case curricula.ErrorCode(err) == curricula.ENOTFOUND:
				continue // deleted since it was indexed
			case err != nil:
				return err
			}
			// Made restricted since it was indexed: its snippets would
			// carry the text, so it is not a hit for this caller.
			if m.Restricted && !CanReadRestricted(p, m.Name) {
				continue
			}
			fw, err := curriculumFramework(tx, frameworks, m.Name)
			if err != nil {
				return err
			}
			out.Hits = append(out.Hits, &pb.ModuleHit{
				Module:              RedactModule(p, moduleToProto(&m, fw)),
				Score:               h.Score,
				Highlights:          highlightsToProto(h.Highlights),
				MatchedText:         h.MatchedText,
				MatchedCompetencies: h.MatchedCompetencies,
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// expandCompetencies returns names plus every descendant of each, read
// from their frameworks' trees. A competency that does not exist is a
// violation of competencies[i].
func (s *SearchService) expandCompetencies(ctx context.Context, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	var out []string
	var vs curricula.Violations
	err := s.store.View(ctx, func(tx curricula.Tx) error {
		children := map[string]map[string][]string{} // framework → parent ID → child IDs
		for i, name := range names {
			n, err := curricula.ParseName(curricula.KindCompetency, name)
			if err != nil {
				return err // validated before
			}
			fw := curricula.FrameworkName(n.IDs[0])
			tree, ok := children[fw]
			if !ok {
				comps, err := frameworkCompetencies(tx, fw)
				if err != nil {
					return err
				}
				tree = map[string][]string{}
				for _, c := range comps {
					tree[c.Parent] = append(tree[c.Parent], c.ID())
				}
				children[fw] = tree
			}
			found, err := tx.Exists(name)
			if err != nil {
				return err
			}
			if !found {
				vs.Add(indexed("competencies", i), "%s does not exist", name)
				continue
			}
			for stack := []string{n.ID()}; len(stack) > 0; {
				id := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if c := curricula.CompetencyName(n.IDs[0], id); !slices.Contains(out, c) {
					out = append(out, c)
				}
				stack = append(stack, tree[id]...)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, vs.Err()
}

// waitFor waits until the index has applied change seq, within the
// call's deadline (or maxWait). A sequence beyond the store's last change
// could never come and is refused.
func (s *SearchService) waitFor(ctx context.Context, seq int64) error {
	if seq <= 0 {
		return nil
	}
	last, err := s.store.LastSequence(ctx)
	if err != nil {
		return err
	}
	if uint64(seq) > last {
		return invalid("min_sequence", "is beyond the store's last change "+strconv.FormatUint(last, 10))
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, maxWait)
		defer cancel()
	}
	return s.index.WaitFor(ctx, uint64(seq))
}

// SearchCompetencies searches one framework's competencies and renders
// them from the store.
func (s *SearchService) SearchCompetencies(ctx context.Context, r *pb.SearchCompetenciesRequest) (*pb.SearchCompetenciesResponse, error) {
	if err := s.available(); err != nil {
		return nil, err
	}
	var vs curricula.Violations
	if _, err := curricula.ParseName(curricula.KindFramework, r.GetParent()); err != nil {
		vs.Add("parent", "%q is not a framework name (frameworks/{framework})", r.GetParent())
	}
	checkQuery(&vs, "query", r.GetQuery())
	listLimit(&vs, "languages", len(r.GetLanguages()))
	for i, l := range r.GetLanguages() {
		if !curricula.ValidLanguage(l) {
			vs.Add(indexed("languages", i), "%q is not a language tag (e.g. ru, fa-AF)", l)
		}
	}
	size := searchPageSize(&vs, r.GetPageSize())
	if r.GetMinSequence() < 0 {
		vs.Add("min_sequence", "must not be negative")
	}
	check := requestCheck("competencies", r.GetParent(), r.GetQuery(), join(r.GetLanguages()))
	after := searchPageToken(&vs, r.GetPageToken(), check)
	if err := vs.Err(); err != nil {
		return nil, err
	}
	if err := s.store.View(ctx, func(tx curricula.Tx) error {
		var f curricula.Framework
		return tx.Get(r.GetParent(), &f)
	}); err != nil {
		return nil, err
	}
	if err := s.waitFor(ctx, r.GetMinSequence()); err != nil {
		return nil, err
	}
	res, err := s.index.SearchCompetencies(ctx, curricula.CompetencyQuery{
		Framework: r.GetParent(), Query: r.GetQuery(), Languages: slices.Clone(r.GetLanguages()), PageSize: size, After: after,
	})
	if err != nil {
		return nil, err
	}
	out := &pb.SearchCompetenciesResponse{TotalSize: int32(res.Total), IndexSequence: int64(res.Sequence)}
	if res.Next != "" {
		out.NextPageToken = encodePageToken(res.Next, check)
	}
	err = s.store.View(ctx, func(tx curricula.Tx) error {
		for _, h := range res.Hits {
			var c curricula.Competency
			switch err := tx.Get(h.Name, &c); {
			case curricula.ErrorCode(err) == curricula.ENOTFOUND:
				continue
			case err != nil:
				return err
			}
			out.Hits = append(out.Hits, &pb.CompetencyHit{Competency: competencyToProto(&c), Score: h.Score, Highlights: highlightsToProto(h.Highlights)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// searchPageToken decodes a page token, recording its violation in vs so
// that it is reported with the request's others.
func searchPageToken(vs *curricula.Violations, tok string, check uint32) string {
	after, err := decodePageToken(tok, check)
	var e *curricula.Error
	if errors.As(err, &e) {
		*vs = append(*vs, e.Violations...)
	}
	return after
}
