package services

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services/report"
	"google.golang.org/genproto/googleapis/api/httpbody"
)

// HarmonisationService implements pb.HarmonisationServiceServer: the
// engine of package curricula over the store. Results are computed on
// every request from one consistent view of the programme's data.
type HarmonisationService struct {
	pb.UnimplementedHarmonisationServiceServer
	store   curricula.Store
	modules *curricula.ModuleCache
	now     func() time.Time
}

// harmonisationCacheModules bounds the decoded modules the service keeps
// between requests (about 3 KB each): enough for a programme of 1000
// members of 50 modules.
const harmonisationCacheModules = 50_000

// NewHarmonisationService returns the harmonisation service over s.
func NewHarmonisationService(s curricula.Store) *HarmonisationService {
	return &HarmonisationService{store: s, modules: curricula.NewModuleCache(harmonisationCacheModules), now: time.Now}
}

// analysed is a programme's input and analysis.
type analysed struct {
	in *curricula.ProgrammeInput
	a  *curricula.Analysis
}

func (x analysed) labeller() labeller {
	return newLabeller(x.in.Programme.Framework, x.in.Competencies)
}

func (x analysed) memberTitles() map[string]string {
	out := make(map[string]string, len(x.in.Members))
	for _, m := range x.in.Members {
		out[m.Curriculum.Name] = m.Curriculum.Title
	}
	return out
}

// analyse loads and analyses programme; field names the request field.
func (s *HarmonisationService) analyse(ctx context.Context, field, programme string) (analysed, error) {
	if err := checkNameOf(curricula.KindProgramme, field, programme); err != nil {
		return analysed{}, err
	}
	in, err := curricula.LoadProgrammeInputCached(ctx, s.store, programme, s.modules)
	if err != nil {
		return analysed{}, err
	}
	a, err := curricula.Analyse(in)
	if err != nil {
		return analysed{}, err
	}
	return analysed{in: in, a: a}, nil
}

func (s *HarmonisationService) GetCoverage(ctx context.Context, req *pb.GetCoverageRequest) (*pb.Coverage, error) {
	x, err := s.analyse(ctx, "programme", req.GetProgramme())
	if err != nil {
		return nil, err
	}
	return coverageToProto(x.a, x.labeller(), x.memberTitles()), nil
}

func (s *HarmonisationService) ListGaps(ctx context.Context, req *pb.ListGapsRequest) (*pb.ListGapsResponse, error) {
	x, err := s.analyse(ctx, "programme", req.GetProgramme())
	if err != nil {
		return nil, err
	}
	member, err := resolveMember(x.in.Programme, req.GetMember())
	if err != nil {
		return nil, err
	}
	kind := gapKinds.domain(req.GetKind())
	if kind == "" && req.GetKind() != pb.Gap_KIND_UNSPECIFIED {
		return nil, invalid("kind", fmt.Sprintf("%d is not a gap kind", req.GetKind()))
	}
	l := x.labeller()
	out := &pb.ListGapsResponse{}
	for _, m := range x.a.Assessment.Members {
		if member != "" && m.Curriculum != member {
			continue
		}
		pm := memberAssessmentToProto(l, curricula.MemberAssessment{Curriculum: m.Curriculum, Index: m.Index,
			Required: m.Required, Met: m.Met, GapCounts: m.GapCounts})
		for _, g := range m.Gaps {
			if kind == "" || g.Kind == kind {
				pm.Gaps = append(pm.Gaps, gapToProto(l, g))
			}
		}
		out.TotalSize += int32(len(pm.Gaps))
		out.Members = append(out.Members, pm)
	}
	return out, nil
}

// resolveMember turns the member filter of a request into a member
// curriculum: its name, or its academy (academies/{a} or {a}) when exactly
// one member belongs to that academy. "" is no filter.
func resolveMember(p *curricula.Programme, filter string) (string, error) {
	if filter == "" || slices.Contains(p.Members, filter) {
		return filter, nil
	}
	members := strings.Join(p.Members, ", ")
	if _, err := curricula.ParseName(curricula.KindCurriculum, filter); err == nil {
		return "", invalid("member", fmt.Sprintf("%s is not a member of %s (members: %s)", filter, p.Name, members))
	}
	academy := strings.TrimPrefix(filter, curricula.CollAcademies+"/")
	if !curricula.ValidID(academy) {
		return "", invalid("member", fmt.Sprintf("%q is neither a curriculum name nor an academy", filter))
	}
	var found []string
	for _, m := range p.Members {
		if strings.HasPrefix(m, curricula.AcademyName(academy)+"/") {
			found = append(found, m)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", invalid("member", fmt.Sprintf("no member of %s belongs to academy %s (members: %s)", p.Name, academy, members))
	}
	return "", invalid("member", fmt.Sprintf("academy %s has %d members in %s (%s): name the curriculum", academy, len(found), p.Name, strings.Join(found, ", ")))
}

func (s *HarmonisationService) DiffCurricula(ctx context.Context, req *pb.DiffCurriculaRequest) (*pb.CurriculumDiff, error) {
	if err := checkNameOf(curricula.KindCurriculum, "curriculum", req.GetCurriculum()); err != nil {
		return nil, err
	}
	if err := checkNameOf(curricula.KindCurriculum, "other", req.GetOther()); err != nil {
		return nil, err
	}
	a, err := curricula.LoadCurriculumInput(ctx, s.store, req.GetCurriculum())
	if err != nil {
		return nil, err
	}
	b, err := curricula.LoadCurriculumInput(ctx, s.store, req.GetOther())
	if err != nil {
		return nil, err
	}
	principal := PrincipalOf(ctx)
	for _, in := range []*curricula.CurriculumInput{a, b} {
		for i, m := range in.Modules {
			in.Modules[i] = RedactedModule(principal, m)
		}
	}
	d, err := curricula.Diff(a, b)
	if err != nil {
		return nil, err
	}
	comps := a.Competencies
	if d.Framework != a.Curriculum.Framework {
		comps = b.Competencies
	}
	modules := map[string]moduleInfo{}
	for _, m := range slices.Concat(a.Modules, b.Modules) {
		modules[m.Name] = moduleInfo{code: m.Code, title: moduleTitleFor(principal, m)}
	}
	return diffToProto(d, newLabeller(d.Framework, comps), modules), nil
}

// RenderReport renders the programme's report: the live analysis, every
// snapshot and the progress from the oldest to the newest (as GetProgress
// by default).
func (s *HarmonisationService) RenderReport(ctx context.Context, req *pb.RenderReportRequest) (*httpbody.HttpBody, error) {
	f, err := report.ParseFormat(req.GetFormat())
	if err != nil {
		return nil, invalid("format", err.(*curricula.Error).Message)
	}
	lang := req.GetLanguage()
	if lang != "" && !curricula.ValidLanguage(lang) {
		return nil, invalid("language", fmt.Sprintf("%q is not a language tag (e.g. en, ru)", lang))
	}
	x, err := s.analyse(ctx, "programme", req.GetProgramme())
	if err != nil {
		return nil, err
	}
	rec, err := s.loadProgress(ctx, req.GetProgramme())
	if err != nil {
		return nil, err
	}
	in := &report.Input{Programme: x.in.Programme, Analysis: x.a, MemberTitles: x.memberTitles(),
		Snapshots: rec.snapshots, Editions: rec.latest, Language: lang, Generated: s.now()}
	var b bytes.Buffer
	if err := report.Render(&b, f, in); err != nil {
		return nil, err
	}
	return &httpbody.HttpBody{ContentType: f.ContentType(), Data: b.Bytes()}, nil
}

// scanAll decodes every resource of kind k under parent into out.
func scanAll[D curricula.Resource](tx curricula.Tx, k curricula.Kind, parent string, newD func() D, out *[]D) error {
	return tx.Scan(k, parent, "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
		d := newD()
		if err := decode(d); err != nil {
			return false, err
		}
		*out = append(*out, d)
		return true, nil
	})
}

// frameworkCompetencies reads the competencies of framework fw (none when
// fw is empty or gone).
func frameworkCompetencies(tx curricula.Tx, fw string) ([]*curricula.Competency, error) {
	var comps []*curricula.Competency
	if fw == "" {
		return nil, nil
	}
	ok, err := tx.Exists(fw)
	if err != nil || !ok {
		return nil, err
	}
	err = scanAll(tx, curricula.KindCompetency, fw, func() *curricula.Competency { return new(curricula.Competency) }, &comps)
	return comps, err
}

func lastSegment(name string) string { return name[strings.LastIndexByte(name, '/')+1:] }
