package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
)

// searchServer is a secured server with the demo data, its index caught
// up with the store.
func searchServer(t *testing.T) *secured {
	t.Helper()
	return startSecured(t, func(c *Config) { c.Demo = true })
}

// search runs SearchModules as c over gRPC, waiting for the store's last
// change.
func (s *secured) search(t *testing.T, c caller, req *pb.SearchModulesRequest) *pb.SearchModulesResponse {
	t.Helper()
	if req.MinSequence == 0 {
		req.MinSequence = s.lastSequence(t)
	}
	resp, err := pb.NewSearchServiceClient(s.conn).SearchModules(c.ctx(t.Context()), req)
	require.NoError(t, err)
	return resp
}

// searchREST runs the same search over REST.
func (s *secured) searchREST(t *testing.T, c caller, req *pb.SearchModulesRequest) *pb.SearchModulesResponse {
	t.Helper()
	if req.MinSequence == 0 {
		req.MinSequence = s.lastSequence(t)
	}
	st, body := s.send(t, c, restRoute(t, pb.SearchService_SearchModules_FullMethodName, req))
	require.Equal(t, http.StatusOK, st, body)
	var resp pb.SearchModulesResponse
	require.NoError(t, protojson.Unmarshal([]byte(body), &resp))
	return &resp
}

// languageOf is a module's language: its own, else its curriculum's.
func (s *secured) languageOf(t *testing.T, m *pb.Module) string {
	t.Helper()
	if m.GetLanguage() != "" {
		return m.GetLanguage()
	}
	n, err := curricula.ParseName(curricula.KindModule, m.GetName())
	require.NoError(t, err)
	var c curricula.Curriculum
	require.NoError(t, s.store.View(t.Context(), func(tx curricula.Tx) error { return tx.Get(curricula.CurriculumName(n.IDs[0], n.IDs[1]), &c) }))
	return c.Language
}

func hitNames(r *pb.SearchModulesResponse) []string {
	var out []string
	for _, h := range r.GetHits() {
		out = append(out, h.GetModule().GetName())
	}
	return out
}

func moduleText(m *pb.Module) string {
	return strings.ToLower(m.GetTitle() + " " + m.GetDescription() + " " + strings.Join(m.GetOutcomes(), " "))
}

// TestSearchDemo runs the "done when" of search on the demo data, over
// gRPC and REST: concept search across languages, Russian inflection,
// facets that add up, stable paging, filters, restricted modules and
// read-your-writes.
func TestSearchDemo(t *testing.T) {
	s := searchServer(t)

	t.Run("concept search finds modules in three languages", func(t *testing.T) {
		for _, resp := range []*pb.SearchModulesResponse{
			s.search(t, s.viewer, &pb.SearchModulesRequest{Query: "risk analysis", PageSize: 100}),
			s.searchREST(t, s.viewer, &pb.SearchModulesRequest{Query: "risk analysis", PageSize: 100}),
		} {
			require.NotEmpty(t, resp.GetMatchedCompetencies())
			langs := map[string]bool{}
			for _, h := range resp.GetHits() {
				if len(h.GetMatchedCompetencies()) > 0 {
					langs[curricula.BaseLanguage(s.languageOf(t, h.GetModule()))] = true
				}
			}
			t.Logf("risk analysis: %d hits, %d competencies matched, concept hits in %v", resp.GetTotalSize(), len(resp.GetMatchedCompetencies()), langs)
			require.GreaterOrEqual(t, len(langs), 3, "languages of the concept hits: %v", langs)
			require.True(t, langs["ru"], "a Russian module is found by an English query")
		}
	})

	t.Run("a Russian query in one case form finds another", func(t *testing.T) {
		resp := s.search(t, s.viewer, &pb.SearchModulesRequest{Query: "анализ риска", TextOnly: true, PageSize: 100})
		require.NotEmpty(t, resp.GetHits())
		other := 0
		for _, h := range resp.GetHits() {
			require.True(t, h.GetMatchedText())
			if !strings.Contains(moduleText(h.GetModule()), "анализ риска") {
				other++
			}
		}
		t.Logf("анализ риска: %d hits, %d written only in other forms", len(resp.GetHits()), other)
		require.Positive(t, other, "no hit in another case form")
	})

	t.Run("facets add up to the total", func(t *testing.T) {
		for _, q := range []string{"", "border", "risk analysis"} {
			resp := s.search(t, s.admin, &pb.SearchModulesRequest{Query: q, Facets: []string{"country", "academy", "language", "competency", "depth"}, FacetSize: 100})
			require.Positive(t, resp.GetTotalSize(), q)
			for _, f := range resp.GetFacets() {
				sum := f.GetOther() + f.GetMissing()
				for _, v := range f.GetValues() {
					sum += v.GetCount()
				}
				switch f.GetFacet() {
				case "country", "academy", "language": // one value per module
					require.Equal(t, resp.GetTotalSize(), sum, "facet %s of %q", f.GetFacet(), q)
				default: // several per module
					require.GreaterOrEqual(t, sum, resp.GetTotalSize(), "facet %s of %q", f.GetFacet(), q)
				}
			}
		}
	})

	t.Run("paging is stable", func(t *testing.T) {
		for _, order := range []string{"", "hours", "hours desc"} {
			all := s.search(t, s.admin, &pb.SearchModulesRequest{Query: "border", OrderBy: order, PageSize: 100})
			require.Greater(t, int(all.GetTotalSize()), 7)
			var paged []string
			req := &pb.SearchModulesRequest{Query: "border", OrderBy: order, PageSize: 3}
			for range 100 {
				resp := s.search(t, s.admin, req)
				paged = append(paged, hitNames(resp)...)
				if resp.GetNextPageToken() == "" {
					break
				}
				req.PageToken = resp.GetNextPageToken()
			}
			require.Equal(t, hitNames(all), paged, "order %q", order)
			require.Len(t, paged, int(all.GetTotalSize()))
		}
	})

	t.Run("filters", func(t *testing.T) {
		resp := s.search(t, s.admin, &pb.SearchModulesRequest{Countries: []string{"KZ"}, PageSize: 100})
		require.NotEmpty(t, resp.GetHits())
		for _, n := range hitNames(resp) {
			require.True(t, strings.HasPrefix(n, "academies/kz-"), n)
		}
		resp = s.search(t, s.admin, &pb.SearchModulesRequest{Languages: []string{"ru"}, MinHours: 20, MaxHours: 40, PageSize: 100})
		require.NotEmpty(t, resp.GetHits())
		for _, h := range resp.GetHits() {
			require.Equal(t, "ru", curricula.BaseLanguage(s.languageOf(t, h.GetModule())))
			require.GreaterOrEqual(t, h.GetModule().GetHours(), 20.0)
			require.LessOrEqual(t, h.GetModule().GetHours(), 40.0)
		}
		resp = s.search(t, s.admin, &pb.SearchModulesRequest{OrderBy: "hours", PageSize: 100})
		for i := 1; i < len(resp.GetHits()); i++ {
			require.LessOrEqual(t, resp.GetHits()[i-1].GetModule().GetHours(), resp.GetHits()[i].GetModule().GetHours())
		}
		// An area matches the modules aligned to its children.
		area := "frameworks/ibm-core/competencies/ra"
		resp = s.search(t, s.admin, &pb.SearchModulesRequest{Competencies: []string{area}, Depths: []pb.Depth{pb.Depth_MASTERED, pb.Depth_REINFORCED}, PageSize: 100})
		require.NotEmpty(t, resp.GetHits())
		// The filters are ANDed per module: aligned to a child of RA, and
		// aligned (to any competency) at R or M.
		for _, h := range resp.GetHits() {
			al := h.GetModule().GetAlignments()
			require.True(t, slices.ContainsFunc(al, func(a *pb.Alignment) bool { return strings.HasPrefix(a.GetCompetency(), area+"-") }),
				"%s is not aligned to a child of RA", h.GetModule().GetName())
			require.True(t, slices.ContainsFunc(al, func(a *pb.Alignment) bool { return a.GetDepth() != pb.Depth_INTRODUCED }),
				"%s has no alignment at R or M", h.GetModule().GetName())
		}
		rest := s.searchREST(t, s.admin, &pb.SearchModulesRequest{Competencies: []string{area}, Depths: []pb.Depth{pb.Depth_MASTERED, pb.Depth_REINFORCED}, PageSize: 100})
		require.Equal(t, hitNames(resp), hitNames(rest))
	})

	t.Run("restricted modules are invisible to a viewer", func(t *testing.T) {
		all := s.search(t, s.admin, &pb.SearchModulesRequest{Facets: []string{"academy"}, FacetSize: 100})
		seen := s.search(t, s.viewer, &pb.SearchModulesRequest{Facets: []string{"academy"}, FacetSize: 100})
		restricted := 0
		require.NoError(t, s.store.View(t.Context(), func(tx curricula.Tx) error {
			return tx.Scan(curricula.KindModule, "", "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
				var m curricula.Module
				if err := decode(&m); err != nil {
					return false, err
				}
				if m.Restricted {
					restricted++
				}
				return true, nil
			})
		}))
		require.GreaterOrEqual(t, restricted, 2)
		require.Equal(t, all.GetTotalSize()-int32(restricted), seen.GetTotalSize())
		for _, c := range []caller{s.viewer, s.editor} {
			for _, resp := range []*pb.SearchModulesResponse{
				s.search(t, c, &pb.SearchModulesRequest{Query: "ambush", TextOnly: true, Academies: []string{otherAcademy}}),
				s.searchREST(t, c, &pb.SearchModulesRequest{Query: "ambush", TextOnly: true, Academies: []string{otherAcademy}}),
			} {
				require.Zero(t, resp.GetTotalSize(), c.name)
				require.NotContains(t, protojson.Format(resp), secretMarker)
			}
		}
		own := s.search(t, s.editor, &pb.SearchModulesRequest{Query: "ambush", TextOnly: true, Academies: []string{ownAcademy}})
		require.Equal(t, []string{restrictedModule(ownAcademy).Name}, hitNames(own), "the editor finds its own academy's restricted module")
	})

	t.Run("a write is searchable with min_sequence", func(t *testing.T) {
		ac := pb.NewAcademyServiceClient(s.conn)
		m, err := ac.CreateModule(s.editor.ctx(t.Context()), &pb.CreateModuleRequest{Parent: curricula.CurriculumName(ownAcademy, "basic-2024"), ModuleId: "zebra-crossing",
			Module: &pb.Module{Code: "ZX-1", Title: "Quagga detection at the zebra checkpoint", Hours: 3}})
		require.NoError(t, err)
		ch, err := pb.NewAuditServiceClient(s.conn).ListChanges(s.admin.ctx(t.Context()), &pb.ListChangesRequest{Resource: m.GetName()})
		require.NoError(t, err)
		require.NotEmpty(t, ch.GetChanges())
		seq := int64(ch.GetChanges()[len(ch.GetChanges())-1].GetSequence())
		for _, resp := range []*pb.SearchModulesResponse{
			s.search(t, s.viewer, &pb.SearchModulesRequest{Query: "quagga", MinSequence: seq}),
			s.searchREST(t, s.viewer, &pb.SearchModulesRequest{Query: "quagga", MinSequence: seq}),
		} {
			require.Equal(t, []string{m.GetName()}, hitNames(resp))
			require.GreaterOrEqual(t, resp.GetIndexSequence(), seq)
			require.True(t, resp.GetHits()[0].GetMatchedText())
			require.Contains(t, resp.GetHits()[0].GetHighlights()[0].GetFragments()[0], "<mark>")
		}
	})

	t.Run("competency search", func(t *testing.T) {
		resp, err := pb.NewSearchServiceClient(s.conn).SearchCompetencies(s.viewer.ctx(t.Context()),
			&pb.SearchCompetenciesRequest{Parent: "frameworks/ibm-core", Query: "анализ рисков"})
		require.NoError(t, err)
		require.NotEmpty(t, resp.GetHits())
		require.True(t, strings.HasPrefix(resp.GetHits()[0].GetCompetency().GetCode(), "RA"), resp.GetHits()[0].GetCompetency().GetCode())
		var rest struct {
			Hits []struct {
				Competency struct{ Code string } `json:"competency"`
			} `json:"hits"`
		}
		st, body := s.send(t, s.viewer, route{verb: "GET", path: "/v1/frameworks/ibm-core/competencies:search?query=" + url.QueryEscape("анализ рисков")})
		require.Equal(t, http.StatusOK, st, body)
		require.NoError(t, json.Unmarshal([]byte(body), &rest))
		require.Len(t, rest.Hits, len(resp.GetHits()))
		require.Equal(t, resp.GetHits()[0].GetCompetency().GetCode(), rest.Hits[0].Competency.Code)
	})
}

// TestSearchInvalidRequests names the faulty field of every bad request.
func TestSearchInvalidRequests(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	c := pb.NewSearchServiceClient(ts.conn)
	last, err := ts.store.LastSequence(t.Context())
	require.NoError(t, err)
	first, err := c.SearchModules(t.Context(), &pb.SearchModulesRequest{PageSize: 1, MinSequence: int64(last)})
	require.NoError(t, err)
	require.NotEmpty(t, first.GetNextPageToken())
	for _, tc := range []struct {
		req   *pb.SearchModulesRequest
		field string
	}{
		{&pb.SearchModulesRequest{PageSize: 101}, "page_size"},
		{&pb.SearchModulesRequest{PageSize: -1}, "page_size"},
		{&pb.SearchModulesRequest{OrderBy: "title"}, "order_by"},
		{&pb.SearchModulesRequest{Facets: []string{"colour"}}, "facets[0]"},
		{&pb.SearchModulesRequest{Facets: []string{"country", "country"}}, "facets[1]"},
		{&pb.SearchModulesRequest{FacetSize: 101}, "facet_size"},
		{&pb.SearchModulesRequest{Depths: []pb.Depth{pb.Depth_DEPTH_UNSPECIFIED}}, "depths[0]"},
		{&pb.SearchModulesRequest{MinHours: 10, MaxHours: 5}, "min_hours"},
		{&pb.SearchModulesRequest{MaxHours: -1}, "max_hours"},
		{&pb.SearchModulesRequest{Countries: []string{"KZ", "kz"}}, "countries[1]"},
		{&pb.SearchModulesRequest{Academies: []string{"Bad Academy"}}, "academies[0]"},
		{&pb.SearchModulesRequest{Curricula: []string{"basic-2024"}}, "curricula[0]"},
		{&pb.SearchModulesRequest{Languages: []string{"русский"}}, "languages[0]"},
		{&pb.SearchModulesRequest{Agencies: []string{"army"}}, "agencies[0]"},
		{&pb.SearchModulesRequest{Competencies: []string{"RA-01"}}, "competencies[0]"},
		{&pb.SearchModulesRequest{Competencies: []string{"frameworks/ibm-core/competencies/zz-99"}}, "competencies[0]"},
		{&pb.SearchModulesRequest{Query: strings.Repeat("a", 513)}, "query"},
		{&pb.SearchModulesRequest{MinSequence: -1}, "min_sequence"},
		{&pb.SearchModulesRequest{MinSequence: 1 << 40}, "min_sequence"},
		{&pb.SearchModulesRequest{PageToken: "garbage"}, "page_token"},
		{&pb.SearchModulesRequest{Query: "other", PageSize: 1, PageToken: first.GetNextPageToken()}, "page_token"},
	} {
		_, err := c.SearchModules(t.Context(), tc.req)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v: %v", tc.req, err)
		require.Contains(t, violations(t, err), tc.field, "%v: %v", tc.req, err)
	}
	// The same token with the same query goes on; page_size may change.
	_, err = c.SearchModules(t.Context(), &pb.SearchModulesRequest{PageSize: 5, PageToken: first.GetNextPageToken()})
	require.NoError(t, err)

	_, err = c.SearchCompetencies(t.Context(), &pb.SearchCompetenciesRequest{Parent: "frameworks/nope", Query: "risk"})
	require.Equal(t, codes.NotFound, status.Code(err), "%v", err)
	_, err = c.SearchCompetencies(t.Context(), &pb.SearchCompetenciesRequest{Parent: "ibm-core"})
	require.Contains(t, violations(t, err), "parent")
}
