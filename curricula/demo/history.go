package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
)

// The progress record of the demo programmes, so that progress shows at
// once. Every figure is computed by the harmonisation engine
// (curricula.Analyse) from the demo data itself; nothing is typed in.
//
// Each programme gets two snapshots:
//
//   - "on-2021-06-30", the baseline: the members as they stood then, i.e.
//     each member curriculum replaced by the edition it supersedes when
//     the data has one (kz and kg basic-2019, ir basic-2018); members
//     without an older edition are measured on their current curriculum;
//   - the current one, "on-" and the day of seeding (UTC): the members as
//     they are.
//
// Progress from one to the other matches an academy's two editions as one
// member (curricula.Snapshot.InEditions).
const BaselineID = "on-2021-06-30"

// baselineTime is when the baseline figures are dated.
var baselineTime = time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC)

// History returns the snapshots of every programme of d, baseline first:
// the baseline and the current snapshot taken at at (which must be later
// than the baseline's day).
func History(d *Dataset, at time.Time) ([]*curricula.Snapshot, error) {
	at = at.UTC()
	currentID := "on-" + at.Format(time.DateOnly)
	if currentID <= BaselineID {
		return nil, curricula.Errorf(curricula.EINVALID, "demo: the current snapshot (%s) must be later than the baseline (%s)", currentID, BaselineID)
	}
	byName := make(map[string]*curricula.Curriculum, len(d.Curricula))
	for _, c := range d.Curricula {
		byName[c.Name] = c
	}
	var out []*curricula.Snapshot
	for _, p := range d.Programmes {
		base := *p
		base.Members = make([]string, len(p.Members))
		for i, m := range p.Members {
			base.Members[i] = m
			if c, ok := byName[m]; ok && byName[c.Supersedes] != nil {
				base.Members[i] = c.Supersedes
			}
		}
		for _, s := range []struct {
			id, title string
			at        time.Time
			programme *curricula.Programme
		}{
			{BaselineID, "Baseline: the editions in force in mid-2021", baselineTime, &base},
			{currentID, "Current editions", at, p},
		} {
			in, err := d.Input(s.programme)
			if err != nil {
				return nil, err
			}
			a, err := curricula.Analyse(in)
			if err != nil {
				return nil, fmt.Errorf("demo: %s: %w", p.Name, err)
			}
			out = append(out, curricula.NewSnapshot(p.Name+"/"+curricula.CollSnapshots+"/"+s.id, s.title, s.at, a))
		}
	}
	return out, nil
}

// Input is the engine's input for programme p (of d, or a variant of one)
// over the demo data, as curricula.LoadProgrammeInput reads it from a
// seeded store: the default framework's competencies, and each member's
// modules in name order.
func (d *Dataset) Input(p *curricula.Programme) (*curricula.ProgrammeInput, error) {
	fw, comps, err := curricula.DefaultFramework()
	if err != nil {
		return nil, fmt.Errorf("demo: default framework: %w", err)
	}
	if p.Framework != fw.Name {
		return nil, curricula.Errorf(curricula.EINVALID, "demo: %s: framework %s is not the default framework", p.Name, p.Framework)
	}
	in := &curricula.ProgrammeInput{Programme: p, Competencies: comps}
	for _, m := range p.Members {
		i := slices.IndexFunc(d.Curricula, func(c *curricula.Curriculum) bool { return c.Name == m })
		if i < 0 {
			return nil, curricula.Errorf(curricula.EINVALID, "demo: %s: member %s is not in the data", p.Name, m)
		}
		var mods []*curricula.Module
		for _, mod := range d.Modules {
			if strings.HasPrefix(mod.Name, m+"/"+curricula.CollModules+"/") {
				mods = append(mods, mod)
			}
		}
		slices.SortFunc(mods, func(a, b *curricula.Module) int { return strings.Compare(a.Name, b.Name) })
		in.Members = append(in.Members, curricula.MemberInput{Curriculum: d.Curricula[i], Modules: mods})
	}
	return in, nil
}
