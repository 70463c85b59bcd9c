package services

import (
	"bytes"
	"cmp"
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
	store curricula.Store
	now   func() time.Time
}

// NewHarmonisationService returns the harmonisation service over s.
func NewHarmonisationService(s curricula.Store) *HarmonisationService {
	return &HarmonisationService{store: s, now: time.Now}
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
	in, err := curricula.LoadProgrammeInput(ctx, s.store, programme)
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
	d, err := curricula.Diff(a, b)
	if err != nil {
		return nil, err
	}
	comps := a.Competencies
	if d.Framework != a.Curriculum.Framework {
		comps = b.Competencies
	}
	principal, _ := curricula.PrincipalFrom(ctx)
	modules := map[string]moduleInfo{}
	for _, m := range slices.Concat(a.Modules, b.Modules) {
		modules[m.Name] = moduleInfo{code: m.Code, title: moduleTitleFor(principal, m)}
	}
	return diffToProto(d, newLabeller(d.Framework, comps), modules), nil
}

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
