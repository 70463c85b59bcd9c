package curricula

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// frame is one framework version's competency tree in row order (depth
// first; siblings by Order, then Code, then ID), with the tables that
// resolve a member's alignments onto its rows.
type frame struct {
	framework string
	lineage   map[string]bool
	comps     []*Competency // by row
	ids       []string      // by row
	parent    []int32       // by row; -1 for a top-level area
	children  [][]int32     // by row
	level     []int         // by row; 0 at the top
	leaf      []bool        // by row
	byID      map[string]int32
	issues    []Issue
	resolvers map[string]map[string][]int32 // member framework → ID → rows
}

func newFrame(framework string, lineage []string, comps []*Competency) *frame {
	f := &frame{framework: framework, lineage: map[string]bool{}, resolvers: map[string]map[string][]int32{}}
	for _, l := range lineage {
		if l != framework {
			f.lineage[l] = true
		}
	}
	prefix := framework + "/" + CollCompetencies + "/"
	var nodes []*Competency
	index := map[string]int{}
	for _, c := range comps {
		id, ok := strings.CutPrefix(c.Name, prefix)
		if !ok || !ValidID(id) {
			f.issue(Issue{Reason: IssueForeignCompetency, Competency: c.Name,
				Message: fmt.Sprintf("competency %q is not of %s", c.Name, framework)})
			continue
		}
		if _, dup := index[id]; dup {
			f.issue(Issue{Reason: IssueDuplicateCompetency, Competency: id,
				Message: fmt.Sprintf("competency %q is given twice; the first is used", id)})
			continue
		}
		index[id] = len(nodes)
		nodes = append(nodes, c)
	}

	// Parents, with unknown parents and cycles turned into top-level areas.
	n := len(nodes)
	parent := make([]int, n)
	for i, c := range nodes {
		parent[i] = -1
		if c.Parent == "" {
			continue
		}
		p, ok := index[c.Parent]
		switch {
		case ok && p == i:
			f.issue(Issue{Reason: IssueParentCycle, Competency: nodeID(c, prefix),
				Message: "it is its own parent; treated as a top-level area"})
		case ok:
			parent[i] = p
		default:
			f.issue(Issue{Reason: IssueUnknownParent, Competency: nodeID(c, prefix),
				Message: fmt.Sprintf("parent %q is not in %s; treated as a top-level area", c.Parent, framework)})
		}
	}
	state := make([]byte, n) // 0 unseen, 1 on the current path, 2 done
	var path []int
	for i := range nodes {
		path = path[:0]
		v := i
		for v >= 0 && state[v] == 0 {
			state[v] = 1
			path = append(path, v)
			v = parent[v]
		}
		if v >= 0 && state[v] == 1 {
			f.issue(Issue{Reason: IssueParentCycle, Competency: nodeID(nodes[v], prefix),
				Message: "its parents form a cycle; treated as a top-level area"})
			parent[v] = -1
		}
		for _, p := range path {
			state[p] = 2
		}
	}

	// Depth-first order.
	children := make([][]int, n+1) // children[n] holds the top-level areas
	for i, p := range parent {
		if p < 0 {
			p = n
		}
		children[p] = append(children[p], i)
	}
	for _, cs := range children {
		slices.SortFunc(cs, func(a, b int) int {
			x, y := nodes[a], nodes[b]
			return cmp.Or(cmp.Compare(x.Order, y.Order), cmp.Compare(x.Code, y.Code), cmp.Compare(x.Name, y.Name))
		})
	}
	rowOf := make([]int32, n)
	f.byID = make(map[string]int32, n)
	type item struct{ node, level int }
	stack := make([]item, 0, n)
	for i := len(children[n]) - 1; i >= 0; i-- {
		stack = append(stack, item{children[n][i], 0})
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		row := int32(len(f.comps))
		rowOf[it.node] = row
		c := nodes[it.node]
		id := nodeID(c, prefix)
		f.comps = append(f.comps, c)
		f.ids = append(f.ids, id)
		f.level = append(f.level, it.level)
		f.leaf = append(f.leaf, len(children[it.node]) == 0)
		f.byID[id] = row
		cs := children[it.node]
		for i := len(cs) - 1; i >= 0; i-- {
			stack = append(stack, item{cs[i], it.level + 1})
		}
	}
	f.parent = make([]int32, n)
	f.children = make([][]int32, n)
	for i, p := range parent {
		f.parent[rowOf[i]] = -1
		if p >= 0 {
			f.parent[rowOf[i]] = rowOf[p]
		}
		for _, c := range children[i] {
			f.children[rowOf[i]] = append(f.children[rowOf[i]], rowOf[c])
		}
	}
	return f
}

func nodeID(c *Competency, prefix string) string { return strings.TrimPrefix(c.Name, prefix) }

func (f *frame) issue(i Issue) { f.issues = append(f.issues, i) }

// resolver returns the table that maps the competency IDs used by a
// curriculum mapped to framework fw onto rows of f (see the package
// documentation, "Framework versions").
func (f *frame) resolver(fw string) map[string][]int32 {
	if fw == "" {
		fw = f.framework
	}
	if r, ok := f.resolvers[fw]; ok {
		return r
	}
	r := map[string][]int32{}
	if fw == f.framework {
		for id, row := range f.byID {
			r[id] = []int32{row}
		}
	} else {
		prefix := fw + "/" + CollCompetencies + "/"
		for row, c := range f.comps {
			for _, old := range c.Replaces {
				if id, ok := strings.CutPrefix(old, prefix); ok && !slices.Contains(r[id], int32(row)) {
					r[id] = append(r[id], int32(row))
				}
			}
		}
		if f.lineage[fw] {
			for id, row := range f.byID {
				if _, replaced := r[id]; !replaced {
					r[id] = []int32{row}
				}
			}
		}
	}
	f.resolvers[fw] = r
	return r
}
