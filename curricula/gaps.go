package curricula

import "fmt"

// GapKind is how a member falls short of a target.
type GapKind string

// Gap kinds. A required competency that is not taught is one MISSING gap.
// A taught one can be both BELOW_DEPTH and BELOW_HOURS: that is two gaps,
// so that each can close on its own.
const (
	GapMissing    GapKind = "MISSING"
	GapBelowDepth GapKind = "BELOW_DEPTH"
	GapBelowHours GapKind = "BELOW_HOURS"
)

// GapKinds lists the gap kinds.
var GapKinds = []GapKind{GapMissing, GapBelowDepth, GapBelowHours}

// hoursEpsilon absorbs floating-point error when hours are compared with a
// target (a third of 10 h three times is 10 h).
const hoursEpsilon = 1e-6

// Gap is one way a member falls short on one required competency.
type Gap struct {
	Competency  string  `json:"competency"` // ID
	Code        string  `json:"code,omitempty"`
	Kind        GapKind `json:"kind"`
	TargetDepth Depth   `json:"target_depth"`
	ActualDepth Depth   `json:"actual_depth"`
	TargetHours float64 `json:"target_hours"`
	ActualHours float64 `json:"actual_hours"`
}

// GapCounts counts a member's gaps by kind.
type GapCounts struct {
	Missing    int `json:"missing"`
	BelowDepth int `json:"below_depth"`
	BelowHours int `json:"below_hours"`
}

// Total is the number of gaps.
func (g GapCounts) Total() int { return g.Missing + g.BelowDepth + g.BelowHours }

func (g *GapCounts) add(k GapKind) {
	switch k {
	case GapMissing:
		g.Missing++
	case GapBelowDepth:
		g.BelowDepth++
	case GapBelowHours:
		g.BelowHours++
	}
}

// CountGaps tallies gaps by kind.
func CountGaps(gaps []Gap) GapCounts {
	var c GapCounts
	for _, g := range gaps {
		c.add(g.Kind)
	}
	return c
}

// CompetencyTarget is the minimum every member should reach on one
// required competency.
type CompetencyTarget struct {
	Competency string  `json:"competency"` // ID
	Code       string  `json:"code"`
	MinDepth   Depth   `json:"min_depth"`
	MinHours   float64 `json:"min_hours"`
	Overridden bool    `json:"overridden,omitempty"`
}

// MemberAssessment is one member's gaps and harmonisation index.
type MemberAssessment struct {
	Curriculum string    `json:"curriculum"`
	Index      float64   `json:"index"`    // 0–100
	Required   int       `json:"required"` // required competencies
	Met        int       `json:"met"`      // required competencies without a gap
	GapCounts  GapCounts `json:"gap_counts"`
	Gaps       []Gap     `json:"gaps,omitempty"` // in row order; MISSING, BELOW_DEPTH, BELOW_HOURS
}

// Assessment is the programme's targets, every member's gaps and index,
// and the programme index.
type Assessment struct {
	Targets []CompetencyTarget `json:"targets"` // in row order
	Members []MemberAssessment `json:"members"` // in Coverage.Members order
	Index   IndexSummary       `json:"index"`
	Issues  []Issue            `json:"issues,omitempty"`
}

// Targets resolves the programme's targets against the matrix's rows: the
// required set (every leaf when t.RequiredCompetencies is empty), each with
// the programme-wide minimums or its override. Unknown competencies and
// overrides outside the required set are reported and ignored.
func (c *Coverage) Targets(t Targets) ([]CompetencyTarget, []Issue) {
	rowOf := make(map[string]int, len(c.Rows))
	for r, row := range c.Rows {
		rowOf[row.Competency] = r
	}
	var issues []Issue
	required := make([]bool, len(c.Rows))
	if len(t.RequiredCompetencies) == 0 {
		for r, row := range c.Rows {
			required[r] = row.Leaf
		}
	}
	for _, id := range t.RequiredCompetencies {
		r, ok := rowOf[id]
		if !ok {
			issues = append(issues, Issue{Reason: IssueUnknownTarget, Competency: id,
				Message: fmt.Sprintf("required competency %q is not in %s", id, c.Framework)})
			continue
		}
		required[r] = true
	}
	overrides := map[int]TargetOverride{}
	for _, o := range t.Overrides {
		r, ok := rowOf[o.Competency]
		switch {
		case !ok:
			issues = append(issues, Issue{Reason: IssueUnknownTarget, Competency: o.Competency,
				Message: fmt.Sprintf("override for %q: the competency is not in %s", o.Competency, c.Framework)})
		case !required[r]:
			issues = append(issues, Issue{Reason: IssueOverrideNotRequired, Competency: o.Competency,
				Message: fmt.Sprintf("override for %q: the competency is not required", o.Competency)})
		default:
			overrides[r] = o
		}
	}
	var out []CompetencyTarget
	for r, row := range c.Rows {
		if !required[r] {
			continue
		}
		ct := CompetencyTarget{Competency: row.Competency, Code: row.Code, MinDepth: t.MinDepth, MinHours: t.MinHours}
		if o, ok := overrides[r]; ok {
			ct.MinDepth, ct.MinHours, ct.Overridden = o.MinDepth, o.MinHours, true
		}
		out = append(out, ct)
	}
	return out, issues
}

// Assess computes every member's gaps and index against t, and the
// programme index.
func (c *Coverage) Assess(t Targets) *Assessment {
	targets, issues := c.Targets(t)
	rowOf := make(map[string]int, len(c.Rows))
	for r, row := range c.Rows {
		rowOf[row.Competency] = r
	}
	a := &Assessment{Targets: targets, Members: make([]MemberAssessment, len(c.Members)), Issues: issues}
	indices := make([]float64, len(c.Members))
	for m, name := range c.Members {
		ma := MemberAssessment{Curriculum: name, Required: len(targets)}
		var sum float64
		for _, ct := range targets {
			cell := c.Rows[rowOf[ct.Competency]].Cells[m]
			before := len(ma.Gaps)
			ma.Gaps = appendGaps(ma.Gaps, ct, cell)
			if len(ma.Gaps) == before {
				ma.Met++
			}
			sum += Credit(ct, cell)
		}
		ma.Index = 100
		if len(targets) > 0 {
			ma.Index = 100 * sum / float64(len(targets))
		}
		ma.GapCounts = CountGaps(ma.Gaps)
		a.Members[m] = ma
		indices[m] = ma.Index
	}
	a.Index = SummariseIndex(indices)
	return a
}

// appendGaps appends the gaps of one cell against one target.
func appendGaps(gaps []Gap, t CompetencyTarget, c Cell) []Gap {
	g := Gap{Competency: t.Competency, Code: t.Code, TargetDepth: t.MinDepth, ActualDepth: c.Depth,
		TargetHours: t.MinHours, ActualHours: c.Hours}
	if !c.Taught() {
		g.Kind = GapMissing
		return append(gaps, g)
	}
	if c.Depth < t.MinDepth {
		g.Kind = GapBelowDepth
		gaps = append(gaps, g)
	}
	if c.Hours < t.MinHours-hoursEpsilon {
		g.Kind = GapBelowHours
		gaps = append(gaps, g)
	}
	return gaps
}
