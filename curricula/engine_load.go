package curricula

import (
	"context"
	"fmt"
)

// maxLineage bounds the walk along PreviousVersion links.
const maxLineage = 64

// LoadProgrammeInput reads, in one consistent view of s, the programme,
// its framework's competencies and lineage, and every member curriculum
// with its modules. A missing programme is ENOTFOUND; a missing framework
// or member curriculum is EPRECONDITION naming it.
func LoadProgrammeInput(ctx context.Context, s Store, programme string) (*ProgrammeInput, error) {
	return loadProgrammeInput(ctx, s, programme, loadModules)
}

// loadProgrammeInput is LoadProgrammeInput reading each member's modules
// with modules.
func loadProgrammeInput(ctx context.Context, s Store, programme string, modules func(Tx, string) ([]*Module, error)) (*ProgrammeInput, error) {
	if _, err := ParseName(KindProgramme, programme); err != nil {
		return nil, err
	}
	in := &ProgrammeInput{Programme: &Programme{}}
	err := s.View(ctx, func(tx Tx) error {
		if err := tx.Get(programme, in.Programme); err != nil {
			return err
		}
		p := in.Programme
		var err error
		if in.Lineage, in.Competencies, err = loadFramework(tx, p.Framework, "programme framework"); err != nil {
			return err
		}
		in.Members = make([]MemberInput, len(p.Members))
		for i, name := range p.Members {
			cur := &Curriculum{}
			if err := tx.Get(name, cur); err != nil {
				return missing(err, "members[%d]: curriculum %q", i, name)
			}
			mods, err := modules(tx, name)
			if err != nil {
				return err
			}
			in.Members[i] = MemberInput{Curriculum: cur, Modules: mods}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// LoadCurriculumInput reads, in one consistent view of s, a curriculum, its
// modules and its framework's competencies and lineage: one side of Diff.
func LoadCurriculumInput(ctx context.Context, s Store, curriculum string) (*CurriculumInput, error) {
	if _, err := ParseName(KindCurriculum, curriculum); err != nil {
		return nil, err
	}
	in := &CurriculumInput{Curriculum: &Curriculum{}}
	err := s.View(ctx, func(tx Tx) error {
		if err := tx.Get(curriculum, in.Curriculum); err != nil {
			return err
		}
		var err error
		if in.Modules, err = loadModules(tx, curriculum); err != nil {
			return err
		}
		in.Lineage, in.Competencies, err = loadFramework(tx, in.Curriculum.Framework, "curriculum framework")
		return err
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// loadFramework returns the earlier versions of framework fw (newest
// first; the walk stops at a missing version or a cycle) and its
// competencies.
func loadFramework(tx Tx, fw, what string) ([]string, []*Competency, error) {
	f := &Framework{}
	if err := tx.Get(fw, f); err != nil {
		return nil, nil, missing(err, "%s %q", what, fw)
	}
	var lineage []string
	seen := map[string]bool{fw: true}
	for prev := f.PreviousVersion; prev != "" && !seen[prev] && len(lineage) < maxLineage; {
		seen[prev] = true
		lineage = append(lineage, prev)
		pf := &Framework{}
		if err := tx.Get(prev, pf); err != nil {
			if ErrorCode(err) == ENOTFOUND {
				break
			}
			return nil, nil, err
		}
		prev = pf.PreviousVersion
	}
	var comps []*Competency
	err := tx.Scan(KindCompetency, fw, "", func(_ string, decode func(Resource) error) (bool, error) {
		c := &Competency{}
		if err := decode(c); err != nil {
			return false, err
		}
		comps = append(comps, c)
		return true, nil
	})
	return lineage, comps, err
}

func loadModules(tx Tx, curriculum string) ([]*Module, error) {
	var mods []*Module
	err := tx.Scan(KindModule, curriculum, "", func(_ string, decode func(Resource) error) (bool, error) {
		m := &Module{}
		if err := decode(m); err != nil {
			return false, err
		}
		mods = append(mods, m)
		return true, nil
	})
	return mods, err
}

// missing turns the ENOTFOUND of a resource the request depends on into
// EPRECONDITION naming it; other errors pass through.
func missing(err error, format string, args ...any) error {
	if ErrorCode(err) != ENOTFOUND {
		return err
	}
	return &Error{Code: EPRECONDITION, Message: fmt.Sprintf(format, args...) + " does not exist", Err: err}
}
