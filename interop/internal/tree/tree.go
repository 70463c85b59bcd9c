// Package tree orders the competencies of a framework as a tree, for the
// converters' exports and imports.
package tree

import (
	"sort"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// Order checks that cs can be written as one framework's tree and returns
// them parents first, siblings by Order, then Code, then name; depth maps
// each competency ID to its level (1 at the top). The records must
// validate, belong to f, be listed once, have their parents among them and
// make no cycle; otherwise the error is EINVALID, its message starting
// with what ("CASE export").
func Order(what string, f *curricula.Framework, cs []*curricula.Competency) (order []*curricula.Competency, depth map[string]int, err error) {
	if f == nil {
		return nil, nil, curricula.Errorf(curricula.EINVALID, "%s: no framework", what)
	}
	if err := f.Validate(); err != nil {
		return nil, nil, invalid(what, f.Name, err)
	}
	byID := map[string]*curricula.Competency{}
	for _, c := range cs {
		if c == nil {
			return nil, nil, curricula.Errorf(curricula.EINVALID, "%s: nil competency", what)
		}
		if err := c.Validate(); err != nil {
			return nil, nil, invalid(what, c.Name, err)
		}
		if !strings.HasPrefix(c.Name, f.Name+"/") {
			return nil, nil, curricula.Errorf(curricula.EINVALID, "%s: %s is not a competency of %s", what, c.Name, f.Name)
		}
		if byID[c.ID()] != nil {
			return nil, nil, curricula.Errorf(curricula.EINVALID, "%s: %s is listed twice", what, c.Name)
		}
		byID[c.ID()] = c
	}
	children := map[string][]*curricula.Competency{}
	for _, c := range cs {
		if c.Parent != "" && byID[c.Parent] == nil {
			return nil, nil, curricula.Errorf(curricula.EINVALID, "%s: the parent %q of %s is not exported", what, c.Parent, c.Name)
		}
		children[c.Parent] = append(children[c.Parent], c)
	}
	order = make([]*curricula.Competency, 0, len(cs))
	depth = map[string]int{}
	var walk func(parent string, level int)
	walk = func(parent string, level int) {
		kids := children[parent]
		sort.Slice(kids, func(i, j int) bool {
			a, b := kids[i], kids[j]
			if a.Order != b.Order {
				return a.Order < b.Order
			}
			if a.Code != b.Code {
				return a.Code < b.Code
			}
			return a.Name < b.Name
		})
		for _, c := range kids {
			order = append(order, c)
			depth[c.ID()] = level
			walk(c.ID(), level+1)
		}
	}
	walk("", 1)
	if len(order) != len(cs) {
		return nil, nil, curricula.Errorf(curricula.EINVALID, "%s: the competencies' parents make a cycle", what)
	}
	return order, depth, nil
}

func invalid(what, name string, err error) error {
	if e, ok := err.(*curricula.Error); ok {
		return &curricula.Error{Code: curricula.EINVALID, Message: what + ": " + name + " is invalid", Violations: e.Violations}
	}
	return err
}

// Forest turns parent links into a forest: parent[i] is the index of
// node i's parent, -1 for a root. Every cycle is cut at the node found to
// close it, which becomes a root; cut lists those nodes. order lists the
// nodes parents first, siblings in index order.
func Forest(parent []int) (order, cut []int) {
	p := append([]int(nil), parent...)
	const (
		fresh = iota
		onPath
		done
	)
	state := make([]int, len(p))
	for i := range p {
		if p[i] < -1 || p[i] >= len(p) {
			p[i] = -1
		}
	}
	for i := range p {
		var path []int
		for cur := i; cur >= 0 && state[cur] == fresh; cur = p[cur] {
			state[cur] = onPath
			path = append(path, cur)
			if p[cur] >= 0 && state[p[cur]] == onPath {
				cut = append(cut, cur)
				p[cur] = -1
			}
		}
		for _, n := range path {
			state[n] = done
		}
	}
	children := make([][]int, len(p)+1) // children[len(p)] are the roots
	for i, q := range p {
		if q < 0 {
			q = len(p)
		}
		children[q] = append(children[q], i)
	}
	stack := []int{len(p)}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n < len(p) {
			order = append(order, n)
		}
		kids := children[n]
		for j := len(kids) - 1; j >= 0; j-- {
			stack = append(stack, kids[j])
		}
	}
	return order, cut
}
