package services

import (
	"context"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
)

// recordingIndex answers every module search with its hits and records
// the queries it was given; the real index is tested in package search
// and end to end in cmd/internal/server.
type recordingIndex struct {
	hits    []curricula.ModuleHit
	next    string
	queries []curricula.ModuleQuery
	waited  []uint64
}

func (x *recordingIndex) SearchModules(_ context.Context, q curricula.ModuleQuery) (curricula.ModuleResults, error) {
	x.queries = append(x.queries, q)
	return curricula.ModuleResults{Hits: x.hits, Total: len(x.hits), Next: x.next}, nil
}

func (x *recordingIndex) SearchCompetencies(context.Context, curricula.CompetencyQuery) (curricula.CompetencyResults, error) {
	return curricula.CompetencyResults{}, nil
}

func (x *recordingIndex) WaitFor(_ context.Context, seq uint64) error {
	x.waited = append(x.waited, seq)
	return nil
}

func (x *recordingIndex) Stats(context.Context) (curricula.IndexStats, error) {
	return curricula.IndexStats{}, nil
}

func (x *recordingIndex) Rebuild(context.Context, func(int, int)) (curricula.IndexStats, error) {
	return curricula.IndexStats{}, nil
}

func TestSearchModulesService(t *testing.T) {
	f := newFixture(t)
	for _, id := range []string{"open", "secret", "gone"} {
		_, err := f.ac.CreateModule(f.ctx, &pb.CreateModuleRequest{Parent: curBasic, ModuleId: id, Module: &pb.Module{
			Code: id, Title: "Title " + id, Description: "Text of " + id, Hours: 4, Restricted: id == "secret"}})
		require.NoError(t, err)
	}
	_, err := f.ac.DeleteModule(f.ctx, &pb.DeleteModuleRequest{Name: curBasic + "/modules/gone"})
	require.NoError(t, err)
	x := &recordingIndex{next: "cursor-1"}
	for _, id := range []string{"open", "secret", "gone"} {
		x.hits = append(x.hits, curricula.ModuleHit{Name: curBasic + "/modules/" + id, Score: 1, MatchedText: true,
			Highlights: map[string][]string{"title": {"<mark>Title</mark> " + id}}})
	}
	svc := NewSearchService(x, f.store)
	as := func(p curricula.Principal) context.Context { return curricula.NewContext(context.Background(), p) }
	viewer := as(curricula.Principal{Subject: "v", Role: curricula.RoleViewer})
	editor := as(curricula.Principal{Subject: "e", Role: curricula.RoleEditor, Academies: []string{"kz"}})

	// The store is the truth: a deleted module is skipped; a restricted
	// one the caller may not read is not a hit (its snippets hold text).
	resp, err := svc.SearchModules(viewer, &pb.SearchModulesRequest{Query: "title"})
	require.NoError(t, err)
	require.Len(t, resp.GetHits(), 1)
	require.Equal(t, curBasic+"/modules/open", resp.GetHits()[0].GetModule().GetName())
	require.Equal(t, curricula.RestrictedScope{}, x.queries[0].Restricted)
	require.Equal(t, DefaultSearchPage, x.queries[0].PageSize)
	require.True(t, x.queries[0].Concepts)

	resp, err = svc.SearchModules(editor, &pb.SearchModulesRequest{Query: "title", TextOnly: true})
	require.NoError(t, err)
	require.Len(t, resp.GetHits(), 2)
	require.Equal(t, "Title secret", resp.GetHits()[1].GetModule().GetTitle())
	require.Equal(t, curricula.RestrictedScope{Academies: []string{"kz"}}, x.queries[1].Restricted)
	require.False(t, x.queries[1].Concepts)

	// The page token carries the index's cursor, bound to the query.
	tok := resp.GetNextPageToken()
	require.NotEmpty(t, tok)
	require.NotContains(t, tok, "cursor-1")
	_, err = svc.SearchModules(editor, &pb.SearchModulesRequest{Query: "title", TextOnly: true, PageSize: 7, PageToken: tok})
	require.NoError(t, err)
	require.Equal(t, "cursor-1", x.queries[2].After)
	_, err = svc.SearchModules(editor, &pb.SearchModulesRequest{Query: "title", PageToken: tok})
	require.Equal(t, codes.InvalidArgument, codeOf[curricula.ErrorCode(err)])
	require.Contains(t, err.Error(), "page_token")

	// The competency filter reaches the descendants; min_sequence waits.
	last, err := f.store.LastSequence(f.ctx)
	require.NoError(t, err)
	_, err = svc.SearchModules(viewer, &pb.SearchModulesRequest{Competencies: []string{ibmCore + "/competencies/ra"}, MinSequence: int64(last)})
	require.NoError(t, err)
	got := x.queries[len(x.queries)-1].Competencies
	require.Contains(t, got, ibmCore+"/competencies/ra")
	require.Contains(t, got, ibmCore+"/competencies/ra-01")
	require.Greater(t, len(got), 2)
	require.Equal(t, []uint64{last}, x.waited)

	_, err = svc.SearchModules(viewer, &pb.SearchModulesRequest{MinSequence: int64(last) + 1})
	require.ErrorContains(t, err, "min_sequence")
}

func TestSearchUnavailableWithoutIndex(t *testing.T) {
	f := newFixture(t)
	_, err := NewSearchService(nil, f.store).SearchModules(f.ctx, &pb.SearchModulesRequest{})
	require.Equal(t, curricula.EUNAVAILABLE, curricula.ErrorCode(err))
}
