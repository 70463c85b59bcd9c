package curricula

import (
	"fmt"
	"slices"
)

// Coverage is the coverage matrix of a programme: one row per competency
// of the framework, depth first, and one column per member.
type Coverage struct {
	Framework string        `json:"framework"`
	Members   []string      `json:"members"` // curriculum names: the columns
	Rows      []CoverageRow `json:"rows"`
	Issues    []Issue       `json:"issues,omitempty"`
}

// CoverageRow is one competency and its cell for every member.
type CoverageRow struct {
	Competency string `json:"competency"` // ID
	Code       string `json:"code"`
	Title      Text   `json:"title,omitempty"`
	Parent     string `json:"parent,omitempty"` // ID; "" for a top-level area
	TreeLevel  int    `json:"tree_level"`       // 0 for a top-level area
	Leaf       bool   `json:"leaf"`
	Cells      []Cell `json:"cells"` // in Members order
}

// Cell is how one member covers one competency. For an area it aggregates
// the area's own alignments and its descendants' (see the package
// documentation).
type Cell struct {
	Depth   Depth    `json:"depth"` // deepest depth; DepthNone when not taught
	Hours   float64  `json:"hours"`
	Modules []string `json:"modules,omitempty"` // contributing module names
}

// Taught reports whether at least one module serves the competency.
func (c Cell) Taught() bool { return len(c.Modules) > 0 }

// ComputeCoverage builds the coverage matrix of a programme. Input that is
// missing (a nil programme, member or module) is EINVALID; problems in the
// data are reported in Coverage.Issues.
func ComputeCoverage(in *ProgrammeInput) (*Coverage, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	return newFrame(in.Programme.Framework, in.Lineage, in.Competencies).coverage(in.Members), nil
}

func (f *frame) coverage(members []MemberInput) *Coverage {
	n, nm := len(f.comps), len(members)
	cov := &Coverage{Framework: f.framework, Members: make([]string, nm), Rows: make([]CoverageRow, n)}
	cov.Issues = append(cov.Issues, f.issues...)
	cells := make([]Cell, n*nm)
	for r, c := range f.comps {
		row := CoverageRow{Competency: f.ids[r], Code: c.Code, Title: c.Title, TreeLevel: f.level[r], Leaf: f.leaf[r],
			Cells: cells[r*nm : (r+1)*nm : (r+1)*nm]}
		if p := f.parent[r]; p >= 0 {
			row.Parent = f.ids[p]
		}
		cov.Rows[r] = row
	}
	acc := newAccumulator(n)
	for m, mem := range members {
		cov.Members[m] = mem.Curriculum.Name
		cov.Issues = acc.member(f, mem, cov.Issues)
		names := make([]string, acc.total)
		for r := range n {
			fin := acc.final[r]
			mods := names[:len(fin):len(fin)]
			names = names[len(fin):]
			for i, x := range fin {
				mods[i] = mem.Modules[x].Name
			}
			if len(mods) == 0 {
				mods = nil
			}
			cov.Rows[r].Cells[m] = Cell{Depth: acc.depth[r], Hours: acc.hours[r], Modules: mods}
		}
	}
	return cov
}

// accumulator holds one member's per-row figures; it is reused from one
// member to the next so that the hot loop works on flat arrays.
type accumulator struct {
	depth  []Depth
	hours  []float64
	direct [][]int32 // module indices aligned to the row itself
	final  [][]int32 // module indices of the row's subtree, ascending
	last   []int32   // last module appended to direct, to skip repeats
	stamp  []uint32  // by module: gen when already in the current union
	gen    uint32
	total  int // sum of len(final)
}

func newAccumulator(n int) *accumulator {
	return &accumulator{depth: make([]Depth, n), hours: make([]float64, n),
		direct: make([][]int32, n), final: make([][]int32, n), last: make([]int32, n)}
}

// member fills the accumulator with one member's figures and appends the
// alignments it could not resolve to issues.
func (a *accumulator) member(f *frame, mem MemberInput, issues []Issue) []Issue {
	for r := range a.depth {
		a.depth[r], a.hours[r], a.direct[r], a.last[r] = DepthNone, 0, a.direct[r][:0], -1
	}
	fw := mem.Curriculum.Framework
	res := f.resolver(fw)
	for mi, mod := range mem.Modules {
		share := unstatedShare(mod)
		for _, al := range mod.Alignments {
			rows := res[al.Competency]
			if len(rows) == 0 {
				issues = append(issues, unknownAlignment(f, fw, mem.Curriculum.Name, mod.Name, al.Competency))
				continue
			}
			h := share
			if al.Hours > 0 {
				h = al.Hours
			}
			if !(mod.Hours > 0) {
				h = 0
			}
			h /= float64(len(rows))
			for _, r := range rows {
				a.depth[r] = max(a.depth[r], al.Depth)
				a.hours[r] += h
				if a.last[r] != int32(mi) {
					a.last[r] = int32(mi)
					a.direct[r] = append(a.direct[r], int32(mi))
				}
			}
		}
	}
	// Aggregate bottom-up: in depth-first order every child comes after
	// its parent, so walking backwards finishes children first.
	if len(a.stamp) < len(mem.Modules) {
		a.stamp = make([]uint32, len(mem.Modules))
	}
	a.total = 0
	for r := len(a.depth) - 1; r >= 0; r-- {
		a.gen++
		fin := append(a.final[r][:0], a.direct[r]...)
		for _, x := range a.direct[r] {
			a.stamp[x] = a.gen
		}
		for _, c := range f.children[r] {
			a.depth[r] = max(a.depth[r], a.depth[c])
			a.hours[r] += a.hours[c]
			for _, x := range a.final[c] {
				if a.stamp[x] != a.gen {
					a.stamp[x] = a.gen
					fin = append(fin, x)
				}
			}
		}
		if len(f.children[r]) > 0 {
			slices.Sort(fin)
		}
		a.final[r] = fin
		a.total += len(fin)
	}
	return issues
}

// unstatedShare is the hours each alignment of mod that states no hours
// receives: the module's hours not stated by its alignments, split evenly.
func unstatedShare(mod *Module) float64 {
	var stated float64
	unstated := 0
	for _, al := range mod.Alignments {
		if al.Hours > 0 {
			stated += al.Hours
		} else {
			unstated++
		}
	}
	if unstated == 0 || !(mod.Hours > stated) {
		return 0
	}
	return (mod.Hours - stated) / float64(unstated)
}

func unknownAlignment(f *frame, fw, member, module, id string) Issue {
	msg := fmt.Sprintf("competency %q is not in %s", id, f.framework)
	if fw != "" && fw != f.framework {
		msg = fmt.Sprintf("competency %q of %s is not in %s and no competency there replaces it", id, fw, f.framework)
	}
	return Issue{Reason: IssueUnknownCompetency, Member: member, Module: module, Competency: id, Message: msg}
}
