package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
)

// searchFlags are concord search's flags.
type searchFlags struct {
	countries, academies, curricula, langs, agencies, depths, competencies []string
	framework, order, pageToken, facets, color                             string
	minHours, maxHours                                                     float64
	textOnly                                                               bool
	limit                                                                  int32
}

func newSearchCmd(cf *clientFlags) *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search [QUERY]",
		Short: "Search every partner's modules, in every language",
		Long: `Search the modules of every academy. QUERY takes words, "phrases", prefix*,
+must and -not; without it every module matches (filters and facets still
apply). Concept search also matches QUERY against the framework's
competency titles in every language and finds the modules aligned to those
competencies, whatever language they are written in (--text-only turns it
off). Each hit says why it matched: its text, or which competencies.

Filters are ANDed; a repeated filter ORs its values. --competency takes a
code (RA-01, looked up in --framework) or a full competency name, and
matches its descendants too. Snippets mark the matched words in bold on a
terminal, else in [brackets].`,
		Example: `  concord search "risk analysis"
  concord search "анализа рисков" --country KZ --lang ru
  concord search --competency RA-01 --depth M --order hours
  concord search document* --facets country,language,depth -o json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			req, err := f.request(a)
			if err != nil {
				return err
			}
			return withConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				resp, err := pb.NewSearchServiceClient(conn).SearchModules(ctx, req)
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), resp)
				}
				w := cmd.OutOrStdout()
				codes := competencyCodes(ctx, conn, resp)
				return printSearch(w, req, resp, codes, countriesOf(ctx, conn), markStyle(f.color, w))
			})
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.countries, "country", nil, "only academies of these countries (ISO codes: KZ)")
	fl.StringSliceVar(&f.academies, "academy", nil, "only these academies (IDs)")
	fl.StringSliceVar(&f.curricula, "curriculum", nil, "only these curricula (academy/curriculum or full names)")
	fl.StringSliceVar(&f.langs, "lang", nil, "only modules in these languages (fa also matches fa-AF)")
	fl.StringSliceVar(&f.agencies, "agency", nil, "only academies of these agencies (border-guard, customs, police, migration, drug-control, multi-agency)")
	fl.StringSliceVar(&f.depths, "depth", nil, "only modules aligned at these depths: I, R, M")
	fl.StringArrayVar(&f.competencies, "competency", nil, "only modules aligned to this competency or a descendant: a code (RA-01) or name; repeatable")
	fl.StringVar(&f.framework, "framework", curricula.DefaultFrameworkID, "the framework --competency codes belong to")
	fl.Float64Var(&f.minHours, "min-hours", 0, "only modules of at least these hours")
	fl.Float64Var(&f.maxHours, "max-hours", 0, "only modules of at most these hours")
	fl.StringVar(&f.order, "order", "", `order: relevance (default), hours, "hours desc"`)
	fl.BoolVar(&f.textOnly, "text-only", false, "match only the modules' own text (no concept search)")
	fl.Int32Var(&f.limit, "limit", 0, "hits per page (default 20, at most 100)")
	fl.StringVar(&f.pageToken, "page-token", "", "the next page of an earlier search (same query and filters)")
	fl.StringVar(&f.facets, "facets", "country,language,competency", "facets to count (country, academy, language, competency, depth), or none")
	fl.StringVar(&f.color, "color", "auto", "mark matched words: auto (bold on a terminal), always, never ([brackets])")
	return cmd
}

// request builds the RPC request, resolving competency codes and short
// curriculum names.
func (f *searchFlags) request(args []string) (*pb.SearchModulesRequest, error) {
	req := &pb.SearchModulesRequest{Countries: f.countries, Academies: f.academies, Languages: f.langs, Agencies: f.agencies,
		MinHours: f.minHours, MaxHours: f.maxHours, OrderBy: f.order, TextOnly: f.textOnly, PageSize: f.limit, PageToken: f.pageToken}
	if len(args) == 1 {
		req.Query = args[0]
	}
	for i, c := range f.countries {
		req.Countries[i] = strings.ToUpper(c)
	}
	for _, c := range f.curricula {
		req.Curricula = append(req.Curricula, curriculumName(c))
	}
	for _, d := range f.depths {
		dd, err := curricula.ParseDepth(d)
		if err != nil {
			return nil, usageError{fmt.Errorf("--depth: %w", err)}
		}
		req.Depths = append(req.Depths, pb.Depth(dd))
	}
	for _, c := range f.competencies {
		name, err := competencyRef(f.framework, c)
		if err != nil {
			return nil, err
		}
		req.Competencies = append(req.Competencies, name)
	}
	if f.facets != "none" && f.facets != "" {
		for _, x := range strings.Split(f.facets, ",") {
			req.Facets = append(req.Facets, strings.TrimSpace(x))
		}
	}
	return req, nil
}

// competencyRef turns a code ("RA-01") of framework into a competency
// name; a full name passes through.
func competencyRef(framework, s string) (string, error) {
	if strings.Contains(s, "/") && strings.HasPrefix(s, curricula.CollFrameworks+"/") {
		return s, nil
	}
	id, ok := curricula.CodeToID(s)
	if !ok {
		return "", usageError{fmt.Errorf("--competency %q: not a competency code (RA-01) or name (frameworks/ibm-core/competencies/ra-01)", s)}
	}
	return curricula.CompetencyName(strings.TrimPrefix(framework, curricula.CollFrameworks+"/"), id), nil
}

// competencyCodes maps the competency names a response mentions to
// "CODE title", reading each framework's competencies once. Failures
// leave names as they are.
func competencyCodes(ctx context.Context, conn *grpc.ClientConn, resp *pb.SearchModulesResponse) map[string]*pb.Competency {
	frameworks := map[string]bool{}
	note := func(name string) {
		if fw, _, ok := strings.Cut(name, "/"+curricula.CollCompetencies+"/"); ok {
			frameworks[fw] = true
		}
	}
	for _, n := range resp.GetMatchedCompetencies() {
		note(n)
	}
	for _, h := range resp.GetHits() {
		for _, n := range h.GetMatchedCompetencies() {
			note(n)
		}
	}
	for _, fr := range resp.GetFacets() {
		if fr.GetFacet() == string(curricula.FacetCompetency) {
			for _, v := range fr.GetValues() {
				note(v.GetValue())
			}
		}
	}
	out := map[string]*pb.Competency{}
	c := pb.NewFrameworkServiceClient(conn)
	for fw := range frameworks {
		token := ""
		for {
			page, err := c.ListCompetencies(ctx, &pb.ListCompetenciesRequest{Parent: fw, PageSize: 1000, PageToken: token})
			if err != nil {
				break
			}
			for _, comp := range page.GetCompetencies() {
				out[comp.GetName()] = comp
			}
			if token = page.GetNextPageToken(); token == "" {
				break
			}
		}
	}
	return out
}

// countriesOf maps academy IDs to their countries (empty on failure).
func countriesOf(ctx context.Context, conn *grpc.ClientConn) map[string]string {
	out := map[string]string{}
	c := pb.NewAcademyServiceClient(conn)
	token := ""
	for {
		page, err := c.ListAcademies(ctx, &pb.ListAcademiesRequest{PageSize: 1000, PageToken: token})
		if err != nil {
			return out
		}
		for _, a := range page.GetAcademies() {
			out[lastID(a.GetName())] = a.GetCountry()
		}
		if token = page.GetNextPageToken(); token == "" {
			return out
		}
	}
}

// marks renders <mark>…</mark>: bold on a terminal, else brackets.
type marks struct{ open, close string }

func markStyle(flag string, w io.Writer) marks {
	bold := marks{"\x1b[1m", "\x1b[0m"}
	switch flag {
	case "always":
		return bold
	case "never":
		return marks{"[", "]"}
	}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return bold
		}
	}
	return marks{"[", "]"}
}

// snippet turns an index fragment (HTML-escaped, matches in <mark>) into
// plain text with the matches marked.
func (m marks) snippet(s string) string {
	s = strings.ReplaceAll(s, "<mark>", "\x00")
	s = strings.ReplaceAll(s, "</mark>", "\x01")
	s = html.UnescapeString(s)
	s = strings.NewReplacer("\x00", m.open, "\x01", m.close, "\n", " ", "……", "…").Replace(s)
	return strings.TrimSpace(s)
}

func codeOf(codes map[string]*pb.Competency, name string) string {
	if c, ok := codes[name]; ok && c.GetCode() != "" {
		return c.GetCode()
	}
	return lastID(name)
}

func printSearch(w io.Writer, req *pb.SearchModulesRequest, resp *pb.SearchModulesResponse, codes map[string]*pb.Competency,
	countries map[string]string, mk marks) error {
	what := "the filters"
	if req.GetQuery() != "" {
		what = fmt.Sprintf("%q", req.GetQuery())
	}
	verb := "match"
	if resp.GetTotalSize() == 1 {
		verb = "matches"
	}
	fmt.Fprintf(w, "%d module%s %s %s", resp.GetTotalSize(), plural(int(resp.GetTotalSize())), verb, what)
	if len(resp.GetHits()) < int(resp.GetTotalSize()) {
		fmt.Fprintf(w, " (%d shown)", len(resp.GetHits()))
	}
	fmt.Fprintln(w)
	if mc := resp.GetMatchedCompetencies(); len(mc) > 0 {
		var parts []string
		for i, n := range mc {
			if i == 5 {
				parts = append(parts, fmt.Sprintf("+%d more", len(mc)-5))
				break
			}
			parts = append(parts, codeOf(codes, n)+" "+cut(title(codes[n].GetTitle(), "en"), 50))
		}
		fmt.Fprintf(w, "concept search: %s\n", strings.Join(parts, "; "))
	}
	for i, h := range resp.GetHits() {
		m := h.GetModule()
		fmt.Fprintf(w, "\n%2d. %s\n", i+1, strings.TrimPrefix(m.GetName(), "academies/"))
		facts := []string{m.GetCode(), m.GetLanguage()}
		if c := countries[academyOf(m.GetName())]; c != "" {
			facts = append(facts, c)
		}
		facts = append(facts, hours(m.GetHours())+" h")
		if m.GetRestricted() {
			facts = append(facts, "restricted")
		}
		fmt.Fprintf(w, "    %s  [%s]\n", cut(m.GetTitle(), 80), strings.Join(nonEmpty(facts), " · "))
		var why []string
		if h.GetMatchedText() {
			why = append(why, "text")
		}
		if mc := h.GetMatchedCompetencies(); len(mc) > 0 {
			var cs []string
			for _, n := range mc {
				cs = append(cs, codeOf(codes, n))
			}
			why = append(why, "competency "+strings.Join(cs, ", "))
		}
		if len(why) > 0 {
			fmt.Fprintf(w, "    matched: %s\n", strings.Join(why, "; "))
		}
		for _, hl := range h.GetHighlights() {
			for _, frag := range hl.GetFragments() {
				fmt.Fprintf(w, "    %s: %s\n", hl.GetField(), mk.snippet(frag))
			}
		}
	}
	if len(resp.GetFacets()) > 0 {
		fmt.Fprintln(w)
	}
	for _, fr := range resp.GetFacets() {
		var parts []string
		for _, v := range fr.GetValues() {
			val := v.GetValue()
			if fr.GetFacet() == string(curricula.FacetCompetency) {
				val = codeOf(codes, val)
			}
			parts = append(parts, fmt.Sprintf("%s %d", val, v.GetCount()))
		}
		if fr.GetOther() > 0 {
			parts = append(parts, fmt.Sprintf("other %d", fr.GetOther()))
		}
		if fr.GetMissing() > 0 {
			parts = append(parts, fmt.Sprintf("none %d", fr.GetMissing()))
		}
		if len(parts) == 0 {
			parts = []string{"–"}
		}
		fmt.Fprintf(w, "%-11s %s\n", fr.GetFacet()+":", strings.Join(parts, " · "))
	}
	if next := resp.GetNextPageToken(); next != "" {
		fmt.Fprintf(w, "\nmore with --page-token %s\n", next)
	}
	return nil
}

func nonEmpty(s []string) []string {
	out := s[:0]
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
