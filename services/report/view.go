package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
)

// view is the report's content, formatted once for every format.
type view struct {
	Title       string
	Name        string
	Description string
	Framework   string
	Generated   string
	Language    string
	Index       indexView
	Members     []memberView
	Rows        []rowView
	Divergent   []divergenceView // competencies with at least one outlier
	Snapshots   []snapshotView   // oldest first
	History     []string         // member labels: the columns of snapshotView.Indices
	Progress    *progressView
	Issues      []curricula.Issue
	Heatmap     heatmap
	Chart       chart
}

type indexView struct {
	Index, Min, Max, StdDev string
	Members                 int
}

type memberView struct {
	Name       string // curriculum name
	Label      string // short: the academy ID, or academy/curriculum
	Curriculum string // the curriculum ID
	Title      string
	Index      string
	IndexValue float64
	Required   int
	Met        int
	Counts     curricula.GapCounts
	Gaps       []gapView
}

type gapView struct {
	Code, Title    string
	Kind, KindText string // MISSING / "missing"
	Target, Actual string // "R · 16 h"
}

type rowView struct {
	ID, Code, Title          string
	Level                    int
	Leaf, Required           bool
	Target                   string // "R · 16 h"
	TargetDepth, TargetHours string // for CSV: "R", "16"
	Cells                    []cellView
}

type cellView struct {
	Member     string // label
	MemberName string // curriculum name
	Depth      string // letter; "" when not taught
	Hours      string
	HoursExact string // for CSV: up to 2 decimals
	Modules    int
	Gaps       []string // gap kinds
	Outlier    string   // deviation from the median when far from it: "+40.0"
	Deviation  string   // the same for CSV: "40"
}

type divergenceView struct {
	Code, Title       string
	Median, Threshold string
	Outliers          []outlierView
}

type outlierView struct{ Member, Hours, Deviation string }

type snapshotView struct {
	ID, Title, Time, Index string
	Indices                []string // by History column; "–" when not a member then
}

type progressView struct {
	From, To, FromTime, ToTime   string
	FromIndex, ToIndex           string
	IndexChange, KeptIndexChange string
	GapsClosed, GapsOpened       int
	FrameworkChanged             bool
	Members                      []memberProgressView
}

type memberProgressView struct {
	Label, Status              string
	Editions                   string // "basic-2019 → basic-2024" when the member changed edition
	FromIndex, ToIndex, Change string
	Closed, Opened             []string // "RA-01 missing"
	ClosedText, OpenedText     string
	StillOpen                  int
}

var kindText = map[curricula.GapKind]string{
	curricula.GapMissing:    "missing",
	curricula.GapBelowDepth: "below depth",
	curricula.GapBelowHours: "below hours",
}

func newView(in *Input) *view {
	a := in.Analysis
	cov, as := a.Coverage, a.Assessment
	lang := in.Language
	if lang == "" {
		lang = "en"
	}
	v := &view{
		Title:       in.Programme.Title,
		Name:        in.Programme.Name,
		Description: in.Programme.Description,
		Framework:   a.Framework,
		Generated:   in.Generated.UTC().Format("2006-01-02 15:04 UTC"),
		Language:    lang,
		Index: indexView{Index: index(as.Index.Index), Min: index(as.Index.Min), Max: index(as.Index.Max),
			StdDev: index(as.Index.StdDev), Members: as.Index.Members},
		Issues: append(append([]curricula.Issue{}, cov.Issues...), as.Issues...),
	}
	if v.Title == "" {
		v.Title = in.Programme.Name
	}
	labels := memberLabels(cov.Members)
	titles := map[string]string{}
	rowOf := map[string]int{}
	for r, row := range cov.Rows {
		rowOf[row.Competency] = r
		titles[row.Competency] = row.Title.In(lang)
	}
	title := func(id string) string { return titles[id] }

	for _, m := range as.Members {
		mv := memberView{Name: m.Curriculum, Label: labels[m.Curriculum], Curriculum: lastID(m.Curriculum),
			Title: in.MemberTitles[m.Curriculum], Index: index(m.Index), IndexValue: m.Index,
			Required: m.Required, Met: m.Met, Counts: m.GapCounts}
		for _, g := range m.Gaps {
			gv := gapView{Code: g.Code, Title: title(g.Competency), Kind: string(g.Kind), KindText: kindText[g.Kind],
				Target: depthHours(g.TargetDepth, g.TargetHours), Actual: depthHours(g.ActualDepth, g.ActualHours)}
			if g.Kind == curricula.GapMissing {
				gv.Actual = "not taught"
			}
			mv.Gaps = append(mv.Gaps, gv)
		}
		v.Members = append(v.Members, mv)
	}

	targets := map[string]curricula.CompetencyTarget{}
	for _, t := range as.Targets {
		targets[t.Competency] = t
	}
	gapsAt := map[[2]string][]string{} // (competency, member) → kinds
	for _, m := range as.Members {
		for _, g := range m.Gaps {
			k := [2]string{g.Competency, m.Curriculum}
			gapsAt[k] = append(gapsAt[k], string(g.Kind))
		}
	}
	outliers := map[[2]string]float64{}
	for _, d := range a.Divergence {
		for _, o := range d.Outliers {
			outliers[[2]string{d.Competency, o.Member}] = o.Deviation
		}
	}
	for _, row := range cov.Rows {
		rv := rowView{ID: row.Competency, Code: row.Code, Title: row.Title.In(lang), Level: row.TreeLevel, Leaf: row.Leaf}
		if t, ok := targets[row.Competency]; ok {
			rv.Required, rv.Target = true, depthHours(t.MinDepth, t.MinHours)
			rv.TargetDepth, rv.TargetHours = t.MinDepth.Letter(), exact(t.MinHours)
		}
		for m, c := range row.Cells {
			name := cov.Members[m]
			cv := cellView{Member: labels[name], MemberName: name, Depth: c.Depth.Letter(), Hours: hours(c.Hours),
				HoursExact: exact(c.Hours), Modules: len(c.Modules), Gaps: gapsAt[[2]string{row.Competency, name}]}
			if dev, ok := outliers[[2]string{row.Competency, name}]; ok {
				cv.Outlier, cv.Deviation = signed(dev), exact(dev)
			}
			rv.Cells = append(rv.Cells, cv)
		}
		v.Rows = append(v.Rows, rv)
	}

	for _, d := range a.Divergence {
		if len(d.Outliers) == 0 {
			continue
		}
		dv := divergenceView{Code: d.Code, Title: title(d.Competency), Median: hours(d.Median), Threshold: hours(d.Threshold)}
		for _, o := range d.Outliers {
			dv.Outliers = append(dv.Outliers, outlierView{Member: label(labels, o.Member), Hours: hours(o.Hours), Deviation: signed(o.Deviation)})
		}
		v.Divergent = append(v.Divergent, dv)
	}

	stored := sortedSnapshots(in.Snapshots)
	snaps := make([]*curricula.Snapshot, len(stored))
	measured := make([]map[string]string, len(stored))
	for i, s := range stored {
		snaps[i], measured[i] = s.InEditions(in.Editions)
	}
	hist := historyMembers(snaps, cov.Members)
	for _, m := range hist {
		v.History = append(v.History, label(labels, m))
	}
	for _, s := range snaps {
		sv := snapshotView{ID: lastID(s.Name), Title: s.Title, Time: day(s.TakenAt), Index: index(s.Index.Index)}
		at := map[string]string{}
		for _, m := range s.Members {
			at[m.Curriculum] = index(m.Index)
		}
		for _, m := range hist {
			x, ok := at[m]
			if !ok {
				x = "–"
			}
			sv.Indices = append(sv.Indices, x)
		}
		v.Snapshots = append(v.Snapshots, sv)
	}
	if n := len(snaps); n >= 2 {
		v.Progress = newProgressView(curricula.CompareSnapshots(snaps[0], snaps[n-1]), labels, measured[0], measured[n-1])
	}
	v.Heatmap = newHeatmap(v)
	v.Chart = newChart(snaps, cov.Members, labels)
	return v
}

// newProgressView formats p; from and to map its members to the curricula
// each snapshot measured.
func newProgressView(p *curricula.Progress, labels, from, to map[string]string) *progressView {
	pv := &progressView{From: lastID(p.From), To: lastID(p.To), FromTime: day(p.FromTime), ToTime: day(p.ToTime),
		FromIndex: index(p.FromIndex), ToIndex: index(p.ToIndex), IndexChange: signed(p.IndexChange),
		KeptIndexChange: signed(p.KeptIndexChange), GapsClosed: p.GapsClosed, GapsOpened: p.GapsOpened,
		FrameworkChanged: p.FrameworkChanged}
	gapList := func(gs []curricula.Gap) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.Code+" "+kindText[g.Kind])
		}
		return out
	}
	for _, m := range p.Members {
		mv := memberProgressView{Label: label(labels, m.Curriculum), Status: string(m.Status),
			FromIndex: "–", ToIndex: "–", Change: "–", Closed: gapList(m.Closed), Opened: gapList(m.Opened),
			StillOpen: m.StillOpen}
		if m.Status != curricula.MemberAdded {
			mv.FromIndex = index(m.FromIndex)
		}
		if m.Status != curricula.MemberRemoved {
			mv.ToIndex = index(m.ToIndex)
		}
		if m.Status == curricula.MemberKept {
			mv.Change = signed(m.IndexChange)
		}
		mv.ClosedText, mv.OpenedText = strings.Join(mv.Closed, ", "), strings.Join(mv.Opened, ", ")
		if f, t := from[m.Curriculum], to[m.Curriculum]; f != "" && t != "" && f != t {
			mv.Editions = lastID(f) + " → " + lastID(t)
		}
		pv.Members = append(pv.Members, mv)
	}
	return pv
}

// sortedSnapshots orders snapshots by time, then name.
func sortedSnapshots(in []*curricula.Snapshot) []*curricula.Snapshot {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b *curricula.Snapshot) int {
		return cmp.Or(a.TakenAt.Compare(b.TakenAt), strings.Compare(a.Name, b.Name))
	})
	return out
}

// memberLabels gives each member a short label: its academy's ID, or
// academy/curriculum when the academy has several members.
func memberLabels(members []string) map[string]string {
	count := map[string]int{}
	for _, m := range members {
		count[academyID(m)]++
	}
	out := make(map[string]string, len(members))
	for _, m := range members {
		a := academyID(m)
		out[m] = a
		if count[a] > 1 || a == "" {
			out[m] = strings.TrimPrefix(strings.Replace(m, "/curricula/", "/", 1), "academies/")
		}
	}
	return out
}

// label is the member's label, or a short form of a curriculum that is no
// longer a member.
func label(labels map[string]string, member string) string {
	if l, ok := labels[member]; ok {
		return l
	}
	return strings.TrimPrefix(strings.Replace(member, "/curricula/", "/", 1), "academies/")
}

func academyID(curriculum string) string {
	n, err := curricula.ParseName(curricula.KindCurriculum, curriculum)
	if err != nil {
		return ""
	}
	return n.IDs[0]
}

func lastID(name string) string { return name[strings.LastIndexByte(name, '/')+1:] }

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// hours formats hours: whole numbers without decimals, others with one.
func hours(h float64) string {
	if math.Abs(h-math.Round(h)) < 0.05 {
		return fmt.Sprintf("%.0f", math.Round(h)+0) // +0 turns -0 into 0
	}
	return fmt.Sprintf("%.1f", h)
}

// exact formats a number with at most two decimals, for CSV.
func exact(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100+0, 'f', -1, 64)
}

func index(x float64) string { return fmt.Sprintf("%.1f", x) }

func signed(x float64) string {
	if math.Abs(x) < 0.05 {
		return "±0"
	}
	return fmt.Sprintf("%+.1f", x)
}

// depthHours formats a depth and hours pair: "R · 16 h", "– · 0 h".
func depthHours(d curricula.Depth, h float64) string {
	l := d.Letter()
	if l == "" {
		l = "–"
	}
	return l + " · " + hours(h) + " h"
}
