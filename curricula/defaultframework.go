package curricula

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// DefaultFrameworkID is the ID of the embedded default framework
// (frameworks/ibm-core).
const DefaultFrameworkID = "ibm-core"

// defaultFrameworkJSON is the embedded default competency framework, a
// community-maintained framework drawn from the Integrated Border Management
// concept (three pillars, six fields, four-tier access control).
//
// File format (unknown fields are rejected):
//
//	{
//	  "framework": {
//	    "id": "ibm-core", "version": "2026.1", "state": "published",
//	    "title": {"en": "…", "ru": "…"}, "description": {"en": "…"},
//	    "publisher": "…", "languages": ["en", "ru", …]
//	  },
//	  "competencies": [
//	    {"code": "RA", "title": {…}, "description": {…}, "pillars": […], …},
//	    {"code": "RA-01", "parent": "RA", "title": {…}, "description": {…},
//	     "pillars": ["intra-service"], "tiers": ["border-control"],
//	     "fields": ["procedures"], "agencies": ["border-guard"]}
//	  ]
//	}
//
// A competency's ID is CodeToID(code) ("RA-01" → "ra-01"), its name
// frameworks/{id}/competencies/{ra-01}; "parent" is the parent's code (empty
// for an area) and becomes the parent's ID; Order is the 1-based position
// among its siblings in file order.
//
//go:embed data/ibm-core.json
var defaultFrameworkJSON []byte

type frameworkFile struct {
	Framework    frameworkRecord    `json:"framework"`
	Competencies []competencyRecord `json:"competencies"`
}

type frameworkRecord struct {
	ID          string         `json:"id"`
	Version     string         `json:"version"`
	State       FrameworkState `json:"state"`
	Title       Text           `json:"title"`
	Description Text           `json:"description"`
	Publisher   string         `json:"publisher"`
	Languages   []string       `json:"languages"`
}

type competencyRecord struct {
	Code        string   `json:"code"`
	Parent      string   `json:"parent"`
	Title       Text     `json:"title"`
	Description Text     `json:"description"`
	Pillars     []Pillar `json:"pillars"`
	Tiers       []Tier   `json:"tiers"`
	Fields      []Field  `json:"fields"`
	Agencies    []Agency `json:"agencies"`
}

var defaultFramework = sync.OnceValues(func() (parsedFramework, error) {
	return parseFramework(defaultFrameworkJSON)
})

type parsedFramework struct {
	framework    *Framework
	competencies []*Competency
}

// DefaultFramework returns the embedded default framework ibm-core and its
// competencies, parents before children (each area followed by its
// competencies, in file order). Every record is valid and the tree is sound:
// codes are unique, every parent exists, there is no cycle. The file is
// parsed once; every call returns fresh copies the caller may change.
func DefaultFramework() (*Framework, []*Competency, error) {
	p, err := defaultFramework()
	if err != nil {
		return nil, nil, err
	}
	comps := make([]*Competency, len(p.competencies))
	for i, c := range p.competencies {
		comps[i] = cloneCompetency(c)
	}
	return cloneFramework(p.framework), comps, nil
}

// parseFramework decodes and checks a framework file. Errors are EINVALID
// and name the offending field ("competencies[3].parent").
func parseFramework(data []byte) (parsedFramework, error) {
	var f frameworkFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return parsedFramework{}, &Error{Code: EINVALID, Message: "framework file is not valid JSON of the expected shape", Err: err}
	}
	var vs Violations
	if !ValidID(f.Framework.ID) {
		vs.Add("framework.id", "%q is not a resource ID", f.Framework.ID)
		return parsedFramework{}, vs.Err()
	}
	fw := &Framework{
		Meta:        Meta{Name: FrameworkName(f.Framework.ID)},
		Title:       f.Framework.Title,
		Description: f.Framework.Description,
		Version:     f.Framework.Version,
		State:       f.Framework.State,
		Publisher:   f.Framework.Publisher,
		Languages:   f.Framework.Languages,
	}
	if err := fw.Validate(); err != nil {
		vs = append(vs, Violations(err.(*Error).Violations).Prefixed("framework")...)
	}

	comps := make([]*Competency, len(f.Competencies))
	byCode := map[string]int{}
	byID := map[string]int{}
	for i, r := range f.Competencies {
		row := fmt.Sprintf("competencies[%d]", i)
		c := &Competency{
			Code: r.Code, Title: r.Title, Description: r.Description,
			Pillars: r.Pillars, Tiers: r.Tiers, Fields: r.Fields, Agencies: r.Agencies,
		}
		comps[i] = c
		id, ok := CodeToID(r.Code)
		if !ok {
			vs.Add(row+".code", "%q has no valid ID form", r.Code)
			continue
		}
		if j, dup := byCode[r.Code]; dup {
			vs.Add(row+".code", "%q is already used by competencies[%d]", r.Code, j)
			continue
		}
		if j, dup := byID[id]; dup {
			vs.Add(row+".code", "%q has the same ID %q as competencies[%d]", r.Code, id, j)
			continue
		}
		byCode[r.Code], byID[id] = i, i
		c.Name = CompetencyName(f.Framework.ID, id)
	}
	for i, r := range f.Competencies {
		c := comps[i]
		if r.Parent != "" {
			j, ok := byCode[r.Parent]
			if !ok {
				vs.Add(fmt.Sprintf("competencies[%d].parent", i), "no competency has code %q", r.Parent)
				continue
			}
			c.Parent = comps[j].ID()
		}
		if c.Name == "" {
			continue // its code is already reported
		}
		if err := c.Validate(); err != nil {
			vs = append(vs, Violations(err.(*Error).Violations).Prefixed(fmt.Sprintf("competencies[%d]", i))...)
		}
	}
	if len(vs) > 0 {
		return parsedFramework{}, vs.Err()
	}
	ordered, err := parentsFirst(comps)
	if err != nil {
		return parsedFramework{}, err
	}
	return parsedFramework{framework: fw, competencies: ordered}, nil
}

// parentsFirst orders a tree whose parents all exist depth-first from the
// roots, siblings in their given order, and sets each one's Order (1-based
// among its siblings). A competency not reached from a root lies on a cycle.
func parentsFirst(comps []*Competency) ([]*Competency, error) {
	children := map[string][]*Competency{}
	for _, c := range comps {
		children[c.Parent] = append(children[c.Parent], c)
	}
	out := make([]*Competency, 0, len(comps))
	var visit func(parent string)
	visit = func(parent string) {
		for i, c := range children[parent] {
			c.Order = i + 1
			out = append(out, c)
			visit(c.ID())
		}
	}
	visit("")
	if len(out) < len(comps) {
		reached := map[*Competency]bool{}
		for _, c := range out {
			reached[c] = true
		}
		var vs Violations
		for i, c := range comps {
			if !reached[c] {
				vs.Add(fmt.Sprintf("competencies[%d].parent", i), "%q is on a cycle of parents", c.Code)
			}
		}
		return nil, vs.Err()
	}
	return out, nil
}

// Leaves returns the competencies that are nobody's parent, in their given
// order: what modules are normally aligned to.
func Leaves(comps []*Competency) []*Competency {
	parents := map[string]bool{}
	for _, c := range comps {
		parents[c.Parent] = true
	}
	var out []*Competency
	for _, c := range comps {
		if !parents[c.ID()] {
			out = append(out, c)
		}
	}
	return out
}

// ByCode indexes competencies by their code.
func ByCode(comps []*Competency) map[string]*Competency {
	m := make(map[string]*Competency, len(comps))
	for _, c := range comps {
		m[c.Code] = c
	}
	return m
}

func cloneFramework(f *Framework) *Framework {
	c := *f
	c.Title = maps.Clone(f.Title)
	c.Description = maps.Clone(f.Description)
	c.Languages = slices.Clone(f.Languages)
	return &c
}

func cloneCompetency(x *Competency) *Competency {
	c := *x
	c.Title = maps.Clone(x.Title)
	c.Description = maps.Clone(x.Description)
	c.Pillars = slices.Clone(x.Pillars)
	c.Tiers = slices.Clone(x.Tiers)
	c.Fields = slices.Clone(x.Fields)
	c.Agencies = slices.Clone(x.Agencies)
	c.Replaces = slices.Clone(x.Replaces)
	c.Crosswalks = slices.Clone(x.Crosswalks)
	return &c
}
