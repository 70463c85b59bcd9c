package demo

import (
	"fmt"
	"io/fs"

	"github.com/concord-ibm/concord/curricula"
)

// programmesFile loads data/programmes.json: an array of programmes whose
// members must be curricula of the data, in the programme's framework.
func (l *loader) programmesFile(fsys fs.FS, file string) error {
	var rs []programmeRecord
	if err := decodeStrict(fsys, file, &rs); err != nil {
		return fileError(file, err)
	}
	p := &problems{file: file}
	var out []*curricula.Programme
	index := map[string]int{}
	for i, r := range rs {
		field := fmt.Sprintf("[%d]", i)
		if !curricula.ValidID(r.ID) {
			p.vs.Add(field+".id", "%q is not a resource ID", r.ID)
			continue
		}
		if j, dup := index[r.ID]; dup {
			p.vs.Add(field+".id", "%q is already used by [%d]", r.ID, j)
			continue
		}
		index[r.ID] = i
		prog := &curricula.Programme{
			Meta:        curricula.Meta{Name: curricula.ProgrammeName(r.ID)},
			Title:       r.Title,
			Description: r.Description,
			Framework:   r.Framework,
			Members:     r.Members,
			Targets:     l.targets(p, field+".targets", r.Targets),
		}
		p.add(field, prog.Validate())
		if prog.Framework != l.framework {
			p.vs.Add(field+".framework", "%q: the demo data is aligned to %s only", prog.Framework, l.framework)
		}
		for mi, m := range r.Members {
			c, ok := l.curricula[m]
			switch {
			case !ok:
				p.vs.Add(fmt.Sprintf("%s.members[%d]", field, mi), "%q is not a curriculum of the demo data", m)
			case c.Framework != prog.Framework:
				p.vs.Add(fmt.Sprintf("%s.members[%d]", field, mi), "%q is aligned to %s, not to the programme's framework", m, c.Framework)
			}
		}
		out = append(out, prog)
	}
	if err := p.err(); err != nil {
		return err
	}
	l.out.Programmes = append(l.out.Programmes, out...)
	return nil
}

// targets turns the codes of a targets record into competency IDs and its
// depth letters into depths; an empty depth means none.
func (l *loader) targets(p *problems, field string, r targetsRecord) curricula.Targets {
	t := curricula.Targets{MinHours: r.MinHours}
	for i, code := range r.RequiredCompetencies {
		id, ok := l.resolve(code)
		if !ok {
			p.vs.Add(fmt.Sprintf("%s.required_competencies[%d]", field, i), "unknown competency code %q", code)
			continue
		}
		t.RequiredCompetencies = append(t.RequiredCompetencies, id)
	}
	t.MinDepth = depth(p, field+".min_depth", r.MinDepth)
	for i, o := range r.Overrides {
		f := fmt.Sprintf("%s.overrides[%d]", field, i)
		id, ok := l.resolve(o.Competency)
		if !ok {
			p.vs.Add(f+".competency", "unknown competency code %q", o.Competency)
			continue
		}
		t.Overrides = append(t.Overrides, curricula.TargetOverride{
			Competency: id,
			MinDepth:   depth(p, f+".min_depth", o.MinDepth),
			MinHours:   o.MinHours,
		})
	}
	return t
}

func depth(p *problems, field, s string) curricula.Depth {
	if s == "" {
		return curricula.DepthNone
	}
	d, err := curricula.ParseDepth(s)
	if err != nil {
		p.vs.Add(field, "%v", err)
	}
	return d
}
