package demo

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// academyFile loads data/{academy}.json: the academy, its curricula (in
// supersession order) and their modules. Nothing is added to the dataset
// unless the whole file is sound.
func (l *loader) academyFile(fsys fs.FS, file string) error {
	var f academyFile
	if err := decodeStrict(fsys, file, &f); err != nil {
		return fileError(file, err)
	}
	p := &problems{file: file}
	a := f.Academy
	if want := strings.TrimSuffix(file, ".json"); a.ID != want {
		p.vs.Add("academy.id", "%q does not match the file name (want %q)", a.ID, want)
	}
	if !curricula.ValidID(a.ID) {
		p.vs.Add("academy.id", "%q is not a resource ID", a.ID)
		return p.err()
	}
	academy := &curricula.Academy{
		Meta:        curricula.Meta{Name: curricula.AcademyName(a.ID)},
		DisplayName: a.DisplayName,
		Country:     a.Country,
		Agency:      a.Agency,
		Languages:   a.Languages,
		City:        a.City,
		Website:     a.Website,
	}
	p.add("academy", academy.Validate())
	if len(f.Curricula) == 0 {
		p.vs.Add("curricula", "an academy file holds at least one curriculum")
	}

	var cs []*curricula.Curriculum
	modules := map[string][]*curricula.Module{} // by curriculum name
	index := map[string]int{}                   // curriculum ID → position in the file
	for ci, r := range f.Curricula {
		field := fmt.Sprintf("curricula[%d]", ci)
		if !curricula.ValidID(r.ID) {
			p.vs.Add(field+".id", "%q is not a resource ID", r.ID)
			continue
		}
		if j, dup := index[r.ID]; dup {
			p.vs.Add(field+".id", "%q is already used by curricula[%d]", r.ID, j)
			continue
		}
		index[r.ID] = ci
		c := &curricula.Curriculum{
			Meta:        curricula.Meta{Name: curricula.CurriculumName(a.ID, r.ID)},
			Title:       r.Title,
			Description: r.Description,
			Level:       r.Level,
			Language:    r.Language,
			Framework:   r.Framework,
			State:       r.State,
			Edition:     r.Edition,
		}
		if r.Supersedes != "" {
			c.Supersedes = curricula.CurriculumName(a.ID, r.Supersedes)
		}
		p.add(field, c.Validate())
		if c.Framework != l.framework {
			p.vs.Add(field+".framework", "%q: the demo data is aligned to %s only", c.Framework, l.framework)
		}
		cs = append(cs, c)
		modules[c.Name] = l.modules(p, field, c, r.Modules)
	}
	for ci, r := range f.Curricula {
		if r.Supersedes == "" {
			continue
		}
		if _, ok := index[r.Supersedes]; !ok {
			p.vs.Add(fmt.Sprintf("curricula[%d].supersedes", ci), "%q is not a curriculum of academy %q", r.Supersedes, a.ID)
		}
	}
	if len(p.vs) > 0 {
		return p.err()
	}
	ordered, cycle := supersededFirst(cs)
	for _, i := range cycle {
		p.vs.Add(fmt.Sprintf("curricula[%d].supersedes", i), "%q is on a cycle of supersession", f.Curricula[i].Supersedes)
	}
	if len(p.vs) > 0 {
		return p.err()
	}

	l.out.Academies = append(l.out.Academies, academy)
	for _, c := range ordered {
		l.curricula[c.Name] = c
		l.out.Curricula = append(l.out.Curricula, c)
		l.out.Modules = append(l.out.Modules, modules[c.Name]...)
	}
	return nil
}

// modules builds and checks the modules of curriculum c. A module without
// a language is in the curriculum's.
func (l *loader) modules(p *problems, field string, c *curricula.Curriculum, rs []moduleRecord) []*curricula.Module {
	out := make([]*curricula.Module, 0, len(rs))
	index := map[string]int{}
	for mi, r := range rs {
		mf := fmt.Sprintf("%s.modules[%d]", field, mi)
		if !curricula.ValidID(r.ID) {
			p.vs.Add(mf+".id", "%q is not a resource ID", r.ID)
			continue
		}
		if j, dup := index[r.ID]; dup {
			p.vs.Add(mf+".id", "%q is already used by %s.modules[%d]", r.ID, field, j)
			continue
		}
		index[r.ID] = mi
		as, err := curricula.ParseAlignments(r.Alignments, l.resolve)
		if err != nil {
			p.vs.Add(mf+".alignments", "%v", err)
		}
		lang := r.Language
		if lang == "" {
			lang = c.Language
		}
		m := &curricula.Module{
			Meta:        curricula.Meta{Name: c.Name + "/" + curricula.CollModules + "/" + r.ID},
			Code:        r.Code,
			Title:       r.Title,
			Description: r.Description,
			Outcomes:    r.Outcomes,
			Language:    lang,
			Hours:       r.Hours,
			Credits:     r.Credits,
			Delivery:    r.Delivery,
			Assessment:  r.Assessment,
			Restricted:  r.Restricted,
			Alignments:  as,
		}
		p.add(mf, m.Validate())
		out = append(out, m)
	}
	return out
}

// supersededFirst orders the curricula of one academy so that each comes
// after the one it supersedes, otherwise keeping their order. cycle lists
// the positions of the curricula on a cycle of supersession.
func supersededFirst(cs []*curricula.Curriculum) (ordered []*curricula.Curriculum, cycle []int) {
	placed := map[string]bool{}
	for progress := true; progress && len(ordered) < len(cs); {
		progress = false
		for _, c := range cs {
			if placed[c.Name] || (c.Supersedes != "" && !placed[c.Supersedes]) {
				continue
			}
			placed[c.Name] = true
			ordered = append(ordered, c)
			progress = true
		}
	}
	for i, c := range cs {
		if !placed[c.Name] {
			cycle = append(cycle, i)
		}
	}
	return ordered, cycle
}
