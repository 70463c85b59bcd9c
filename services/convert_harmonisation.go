package services

import (
	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// The harmonisation results are computed, never stored as messages: these
// conversions go one way, domain to proto.

var (
	gapKinds = newEnumMap(map[curricula.GapKind]pb.Gap_Kind{
		curricula.GapMissing:    pb.Gap_MISSING,
		curricula.GapBelowDepth: pb.Gap_BELOW_DEPTH,
		curricula.GapBelowHours: pb.Gap_BELOW_HOURS,
	})
	memberStatuses = newEnumMap(map[curricula.MemberStatus]pb.MemberProgress_Status{
		curricula.MemberKept:    pb.MemberProgress_KEPT,
		curricula.MemberAdded:   pb.MemberProgress_ADDED,
		curricula.MemberRemoved: pb.MemberProgress_REMOVED,
	})
)

// labeller names the competencies of one framework with their codes and
// titles.
type labeller struct {
	framework string
	byID      map[string]*curricula.Competency
}

func newLabeller(framework string, comps []*curricula.Competency) labeller {
	l := labeller{framework: framework, byID: make(map[string]*curricula.Competency, len(comps))}
	for _, c := range comps {
		if n, err := curricula.ParseName(curricula.KindCompetency, c.Name); err == nil && curricula.FrameworkName(n.IDs[0]) == framework {
			l.byID[n.ID()] = c
		}
	}
	return l
}

// label names competency id; code is used when the framework no longer
// has it (a snapshot's gap on a deleted competency).
func (l labeller) label(id, code string) *pb.CompetencyLabel {
	out := &pb.CompetencyLabel{Name: l.framework + "/" + curricula.CollCompetencies + "/" + id, Code: code}
	if c, ok := l.byID[id]; ok {
		out.Code, out.Title = c.Code, c.Title
	}
	return out
}

func (l labeller) name(id string) string {
	if id == "" {
		return ""
	}
	return l.framework + "/" + curricula.CollCompetencies + "/" + id
}

func gapCountsToProto(c curricula.GapCounts) *pb.GapCounts {
	return &pb.GapCounts{Missing: int32(c.Missing), BelowDepth: int32(c.BelowDepth), BelowHours: int32(c.BelowHours), Total: int32(c.Total())}
}

func indexToProto(s curricula.IndexSummary) *pb.IndexSummary {
	return &pb.IndexSummary{Index: s.Index, Min: s.Min, Max: s.Max, StdDev: s.StdDev, Members: int32(s.Members)}
}

func issuesToProto(is []curricula.Issue) []*pb.AnalysisIssue {
	var out []*pb.AnalysisIssue
	for _, i := range is {
		out = append(out, &pb.AnalysisIssue{Reason: string(i.Reason), Member: i.Member, Module: i.Module, Competency: i.Competency, Message: i.Message})
	}
	return out
}

func gapToProto(l labeller, g curricula.Gap) *pb.Gap {
	return &pb.Gap{Competency: l.label(g.Competency, g.Code), Kind: gapKinds.proto(g.Kind),
		TargetDepth: depths.proto(g.TargetDepth), ActualDepth: depths.proto(g.ActualDepth),
		TargetHours: g.TargetHours, ActualHours: g.ActualHours}
}

func gapsToProto(l labeller, gs []curricula.Gap) []*pb.Gap {
	var out []*pb.Gap
	for _, g := range gs {
		out = append(out, gapToProto(l, g))
	}
	return out
}

func memberAssessmentToProto(l labeller, m curricula.MemberAssessment) *pb.MemberAssessment {
	return &pb.MemberAssessment{Member: m.Curriculum, Index: m.Index, Required: int32(m.Required), Met: int32(m.Met),
		GapCounts: gapCountsToProto(m.GapCounts), Gaps: gapsToProto(l, m.Gaps)}
}

// coverageToProto converts an analysis; titles are the member curricula's
// titles by name.
func coverageToProto(a *curricula.Analysis, l labeller, titles map[string]string) *pb.Coverage {
	cov, as := a.Coverage, a.Assessment
	out := &pb.Coverage{Programme: a.Programme, Framework: a.Framework, Index: indexToProto(as.Index),
		Issues: issuesToProto(append(append([]curricula.Issue{}, cov.Issues...), as.Issues...))}
	for _, m := range as.Members {
		out.Members = append(out.Members, &pb.CoverageMember{Member: m.Curriculum, Title: titles[m.Curriculum], Index: m.Index,
			Required: int32(m.Required), Met: int32(m.Met), GapCounts: gapCountsToProto(m.GapCounts)})
	}
	targets := make(map[string]curricula.CompetencyTarget, len(as.Targets))
	for _, t := range as.Targets {
		targets[t.Competency] = t
	}
	for _, r := range cov.Rows {
		row := &pb.CoverageRow{Competency: &pb.CompetencyLabel{Name: l.name(r.Competency), Code: r.Code, Title: r.Title},
			Parent: l.name(r.Parent), TreeLevel: int32(r.TreeLevel), Leaf: r.Leaf}
		if t, ok := targets[r.Competency]; ok {
			row.Target = &pb.CompetencyTarget{MinDepth: depths.proto(t.MinDepth), MinHours: t.MinHours, Overridden: t.Overridden}
		}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, &pb.CoverageCell{Depth: depths.proto(c.Depth), Hours: c.Hours, Modules: c.Modules})
		}
		out.Rows = append(out.Rows, row)
	}
	for _, d := range a.Divergence {
		pd := &pb.Divergence{Competency: l.label(d.Competency, d.Code), Median: d.Median, Mad: d.MAD, Min: d.Min, Max: d.Max, Threshold: d.Threshold}
		for _, o := range d.Outliers {
			pd.Outliers = append(pd.Outliers, &pb.Outlier{Member: o.Member, Hours: o.Hours, Deviation: o.Deviation})
		}
		out.Divergence = append(out.Divergence, pd)
	}
	return out
}

// moduleInfo is what a diff shows of a module: its code, and the title the
// caller may see (see moduleTitleFor).
type moduleInfo struct{ code, title string }

func diffToProto(d *curricula.CurriculumDiff, l labeller, modules map[string]moduleInfo) *pb.CurriculumDiff {
	out := &pb.CurriculumDiff{Curriculum: d.A, Other: d.B, Framework: d.Framework, Issues: issuesToProto(d.Issues)}
	deltas := func(ds []curricula.CompetencyDelta) []*pb.CompetencyDelta {
		var ps []*pb.CompetencyDelta
		for _, c := range ds {
			ps = append(ps, &pb.CompetencyDelta{Competency: l.label(c.Competency, c.Code), Leaf: c.Leaf,
				LeftDepth: depths.proto(c.DepthA), RightDepth: depths.proto(c.DepthB), LeftHours: c.HoursA, RightHours: c.HoursB,
				DepthDelta: int32(c.DepthDelta), HoursDelta: c.HoursDelta})
		}
		return ps
	}
	out.OnlyLeft, out.OnlyRight, out.Both = deltas(d.OnlyA), deltas(d.OnlyB), deltas(d.Both)
	mods := func(ms []curricula.ModuleCounterparts) []*pb.ModuleCounterparts {
		var ps []*pb.ModuleCounterparts
		for _, m := range ms {
			pm := &pb.ModuleCounterparts{Module: m.Module, Code: modules[m.Module].code, Title: modules[m.Module].title}
			for _, c := range m.Counterparts {
				pc := &pb.Counterpart{Module: c.Module, Code: modules[c.Module].code, Title: modules[c.Module].title,
					Jaccard: c.Jaccard, TextSimilarity: c.TextSimilarity}
				for _, id := range c.Shared {
					pc.SharedCompetencies = append(pc.SharedCompetencies, l.label(id, ""))
				}
				pm.Counterparts = append(pm.Counterparts, pc)
			}
			ps = append(ps, pm)
		}
		return ps
	}
	out.LeftModules, out.RightModules = mods(d.ModulesA), mods(d.ModulesB)
	return out
}

func snapshotToProto(s *curricula.Snapshot, l labeller) *pb.Snapshot {
	out := &pb.Snapshot{Name: s.Name, Title: s.Title, SnapshotTime: ts(s.TakenAt), Framework: s.Framework,
		Index: indexToProto(s.Index), CreateTime: ts(s.CreateTime), Etag: s.Etag()}
	for _, m := range s.Members {
		out.Members = append(out.Members, memberAssessmentToProto(l, m))
	}
	return out
}

// progressToProto converts p; from and to map each member to the
// curriculum each snapshot measured.
func progressToProto(programme string, p *curricula.Progress, l labeller, from, to map[string]string) *pb.Progress {
	out := &pb.Progress{Programme: programme, From: p.From, To: p.To, FromTime: ts(p.FromTime), ToTime: ts(p.ToTime),
		FrameworkChanged: p.FrameworkChanged, FromIndex: p.FromIndex, ToIndex: p.ToIndex, IndexChange: p.IndexChange,
		KeptIndexChange: p.KeptIndexChange, GapsClosed: int32(p.GapsClosed), GapsOpened: int32(p.GapsOpened)}
	for _, m := range p.Members {
		out.Members = append(out.Members, &pb.MemberProgress{Member: m.Curriculum, FromCurriculum: from[m.Curriculum], ToCurriculum: to[m.Curriculum],
			Status: memberStatuses.proto(m.Status), FromIndex: m.FromIndex, ToIndex: m.ToIndex, IndexChange: m.IndexChange,
			Closed: gapsToProto(l, m.Closed), Opened: gapsToProto(l, m.Opened), StillOpen: int32(m.StillOpen)})
	}
	return out
}
