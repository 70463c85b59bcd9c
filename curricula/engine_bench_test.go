package curricula_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/concord-ibm/concord/curricula"
)

// engBenchInput is a synthetic programme the size of a world-scale
// deployment: 14 areas and 87 leaves, 200 members of 500 modules each
// (100k modules), 1–4 alignments per module, mostly to leaves.
func engBenchInput() *curricula.ProgrammeInput {
	rng := rand.New(rand.NewPCG(1, 2))
	var comps []*curricula.Competency
	var leaves, areas []string
	for a := range 14 {
		area := fmt.Sprintf("area-%d", a)
		areas = append(areas, area)
		comps = append(comps, engComp(area, ""))
	}
	for l := range 87 {
		leaf := fmt.Sprintf("leaf-%d", l)
		leaves = append(leaves, leaf)
		comps = append(comps, engComp(leaf, areas[l%14]))
	}
	var members []curricula.MemberInput
	for m := range 200 {
		cur := fmt.Sprintf("academies/academy-%d/curricula/basic-2024", m)
		mods := make([]*curricula.Module, 500)
		for j := range mods {
			mod := &curricula.Module{Meta: curricula.Meta{Name: fmt.Sprintf("%s/modules/module-%d", cur, j)},
				Title: "Module", Hours: float64(rng.IntN(60))}
			for k := range 1 + rng.IntN(4) {
				id := leaves[rng.IntN(len(leaves))]
				if rng.IntN(20) == 0 {
					id = areas[rng.IntN(len(areas))]
				}
				al := curricula.Alignment{Competency: id, Depth: curricula.Depth(1 + rng.IntN(3))}
				if k == 0 && mod.Hours > 4 {
					al.Hours = 4
				}
				mod.Alignments = append(mod.Alignments, al)
			}
			mods[j] = mod
		}
		members = append(members, engMember(cur, engFW, mods...))
	}
	in := engInput(curricula.Targets{MinDepth: curricula.DepthReinforced, MinHours: 8,
		Overrides: []curricula.TargetOverride{{Competency: "leaf-3", MinDepth: curricula.DepthMastered, MinHours: 24}}}, members...)
	in.Competencies = comps
	return in
}

func BenchmarkCoverageAndGaps(b *testing.B) {
	in := engBenchInput()
	b.ReportAllocs()
	for b.Loop() {
		cov, err := curricula.ComputeCoverage(in)
		if err != nil {
			b.Fatal(err)
		}
		if a := cov.Assess(in.Programme.Targets); len(a.Members) != 200 {
			b.Fatal("members missing")
		}
	}
}

func BenchmarkAnalyse(b *testing.B) {
	in := engBenchInput()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := curricula.Analyse(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	in := engBenchInput()
	side := func(m curricula.MemberInput) *curricula.CurriculumInput {
		for i, mod := range m.Modules {
			mod.Description = fmt.Sprintf("Training module %d on border checks, risk analysis and cooperation", i%37)
		}
		return &curricula.CurriculumInput{Curriculum: m.Curriculum, Modules: m.Modules, Competencies: in.Competencies}
	}
	x, y := side(in.Members[0]), side(in.Members[1])
	b.ReportAllocs()
	for b.Loop() {
		if _, err := curricula.Diff(x, y); err != nil {
			b.Fatal(err)
		}
	}
}
