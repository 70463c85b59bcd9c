package services

import (
	"fmt"

	"github.com/concord-ibm/concord/curricula"
)

// Reference checks run inside the write transaction, so what they find
// still holds when the write commits.

func exists(tx curricula.Tx, vs *curricula.Violations, field, name string) error {
	if name == "" {
		return nil
	}
	ok, err := tx.Exists(name)
	if err != nil {
		return err
	}
	if !ok {
		vs.Add(field, "%s does not exist", name)
	}
	return nil
}

func checkFramework(tx curricula.WriteTx, f *curricula.Framework) error {
	var vs curricula.Violations
	if err := exists(tx, &vs, "previous_version", f.PreviousVersion); err != nil {
		return err
	}
	return vs.Err()
}

// checkFrameworkUnused refuses to delete a framework that a curriculum or a
// programme still uses.
func checkFrameworkUnused(tx curricula.Tx, name string) error {
	var user string
	scan := func(k curricula.Kind, uses func(curricula.Resource) string, newD func() curricula.Resource) error {
		return tx.Scan(k, "", "", func(n string, decode func(curricula.Resource) error) (bool, error) {
			d := newD()
			if err := decode(d); err != nil {
				return false, err
			}
			if uses(d) == name {
				user = n
				return false, nil
			}
			return true, nil
		})
	}
	if err := scan(curricula.KindCurriculum, func(r curricula.Resource) string { return r.(*curricula.Curriculum).Framework },
		func() curricula.Resource { return new(curricula.Curriculum) }); err != nil {
		return err
	}
	if user == "" {
		if err := scan(curricula.KindProgramme, func(r curricula.Resource) string { return r.(*curricula.Programme).Framework },
			func() curricula.Resource { return new(curricula.Programme) }); err != nil {
			return err
		}
	}
	if user != "" {
		return curricula.Errorf(curricula.EPRECONDITION, "%s is still used by %s", name, user)
	}
	return nil
}

func frameworkOfCompetency(name string) string {
	n, _ := curricula.ParseName(curricula.KindCompetency, name)
	return curricula.FrameworkName(n.IDs[0])
}

// checkFrameworkDraft refuses changes to the competencies of a framework
// that is no longer a draft.
func checkFrameworkDraft(tx curricula.Tx, framework string) error {
	var f curricula.Framework
	if err := tx.Get(framework, &f); err != nil {
		return err
	}
	if f.State != curricula.FrameworkDraft {
		return curricula.Errorf(curricula.EPRECONDITION, "%s is %s and immutable; create a new version to change its competencies", framework, f.State)
	}
	return nil
}

// checkCompetency checks a competency against its framework: a draft, the
// parent exists and is no descendant of it, the code is unique.
func checkCompetency(tx curricula.Tx, c *curricula.Competency) error {
	fw := frameworkOfCompetency(c.Name)
	if err := checkFrameworkDraft(tx, fw); err != nil {
		return err
	}
	var vs curricula.Violations
	id := c.ID()
	// Walk up from the parent; meeting c itself means a cycle.
	for p, depth := c.Parent, 0; p != ""; depth++ {
		if p == id || depth > 64 {
			vs.Add("parent_competency", "would make %s its own ancestor", c.Name)
			break
		}
		var pc curricula.Competency
		err := tx.Get(fw+"/"+curricula.CollCompetencies+"/"+p, &pc)
		if curricula.ErrorCode(err) == curricula.ENOTFOUND {
			vs.Add("parent_competency", "%s/%s/%s does not exist", fw, curricula.CollCompetencies, p)
			break
		} else if err != nil {
			return err
		}
		p = pc.Parent
	}
	err := tx.Scan(curricula.KindCompetency, fw, "", func(n string, decode func(curricula.Resource) error) (bool, error) {
		if n == c.Name {
			return true, nil
		}
		var o curricula.Competency
		if err := decode(&o); err != nil {
			return false, err
		}
		if o.Code == c.Code {
			vs.Add("code", "%q is already the code of %s", c.Code, n)
			return false, nil
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	return vs.Err()
}

// checkCompetencyUnused refuses to delete a competency of a published
// framework, one with sub-competencies, or one that modules align to.
func checkCompetencyUnused(tx curricula.Tx, name string) error {
	fw := frameworkOfCompetency(name)
	if err := checkFrameworkDraft(tx, fw); err != nil {
		return err
	}
	n, _ := curricula.ParseName(curricula.KindCompetency, name)
	id := n.ID()
	var child string
	err := tx.Scan(curricula.KindCompetency, fw, "", func(cn string, decode func(curricula.Resource) error) (bool, error) {
		var c curricula.Competency
		if err := decode(&c); err != nil {
			return false, err
		}
		if c.Parent == id {
			child = cn
			return false, nil
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	if child != "" {
		return curricula.Errorf(curricula.EPRECONDITION, "%s has sub-competencies (e.g. %s); delete or move them first", name, child)
	}
	user, err := firstAlignedModule(tx, fw, id)
	if err != nil {
		return err
	}
	if user != "" {
		return curricula.Errorf(curricula.EPRECONDITION, "%s is aligned to by %s", name, user)
	}
	return nil
}

// firstAlignedModule returns a module of a curriculum on framework fw that
// is aligned to competency id, or "".
func firstAlignedModule(tx curricula.Tx, fw, id string) (string, error) {
	frameworks := map[string]string{}
	var user string
	err := tx.Scan(curricula.KindModule, "", "", func(mn string, decode func(curricula.Resource) error) (bool, error) {
		var m curricula.Module
		if err := decode(&m); err != nil {
			return false, err
		}
		for _, a := range m.Alignments {
			if a.Competency != id {
				continue
			}
			cf, err := curriculumFramework(tx, frameworks, mn)
			if err != nil {
				return false, err
			}
			if cf == fw {
				user = mn
				return false, nil
			}
		}
		return true, nil
	})
	return user, err
}

// curriculumFramework returns the framework of a module's curriculum,
// memoised in cache.
func curriculumFramework(tx curricula.Tx, cache map[string]string, module string) (string, error) {
	n, err := curricula.ParseName(curricula.KindModule, module)
	if err != nil {
		return "", err
	}
	cn := curricula.CurriculumName(n.IDs[0], n.IDs[1])
	if fw, ok := cache[cn]; ok {
		return fw, nil
	}
	var c curricula.Curriculum
	if err := tx.Get(cn, &c); err != nil {
		return "", err
	}
	cache[cn] = c.Framework
	return c.Framework, nil
}

func checkCurriculum(tx curricula.Tx, old, c *curricula.Curriculum) error {
	var vs curricula.Violations
	if err := exists(tx, &vs, "framework", c.Framework); err != nil {
		return err
	}
	if err := exists(tx, &vs, "supersedes", c.Supersedes); err != nil {
		return err
	}
	if err := vs.Err(); err != nil {
		return err
	}
	if old != nil && old.Framework != c.Framework {
		n, err := tx.Count(curricula.KindModule, c.Name)
		if err != nil {
			return err
		}
		if n > 0 {
			return curricula.Errorf(curricula.EPRECONDITION, "%s has %d modules aligned to %s; its framework cannot change", c.Name, n, old.Framework)
		}
	}
	return nil
}

// checkAlignments checks that every aligned competency exists in fw.
func checkAlignments(tx curricula.Tx, fw string, m *curricula.Module) error {
	var vs curricula.Violations
	for i, a := range m.Alignments {
		if err := exists(tx, &vs, fmt.Sprintf("alignments[%d].competency", i), fw+"/"+curricula.CollCompetencies+"/"+a.Competency); err != nil {
			return err
		}
	}
	return vs.Err()
}

func checkProgramme(tx curricula.Tx, p *curricula.Programme) error {
	var vs curricula.Violations
	if err := exists(tx, &vs, "framework", p.Framework); err != nil {
		return err
	}
	for i, m := range p.Members {
		if err := exists(tx, &vs, fmt.Sprintf("members[%d]", i), m); err != nil {
			return err
		}
	}
	comp := func(id string) string { return p.Framework + "/" + curricula.CollCompetencies + "/" + id }
	for i, c := range p.Targets.RequiredCompetencies {
		if err := exists(tx, &vs, fmt.Sprintf("targets.required_competencies[%d]", i), comp(c)); err != nil {
			return err
		}
	}
	for i, o := range p.Targets.Overrides {
		if err := exists(tx, &vs, fmt.Sprintf("targets.overrides[%d].competency", i), comp(o.Competency)); err != nil {
			return err
		}
	}
	return vs.Err()
}
