package curricula_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// TestEngineMatchesOracle compares the engine with a brute-force
// re-implementation of the documented formulas on random programmes.
func TestEngineMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 11))
	for i := range 300 {
		in := engRandomProgramme(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			got, err := curricula.Analyse(in)
			require.NoError(t, err)
			want := engOracle(in)
			engCompare(t, in, want, got)
		})
	}
}

func engRandomProgramme(rng *rand.Rand) *curricula.ProgrammeInput {
	n := 1 + rng.IntN(14)
	var comps []*curricula.Competency
	for i := range n {
		parent := ""
		if i > 0 && rng.Float64() < 0.7 {
			parent = fmt.Sprintf("c%d", rng.IntN(i))
		}
		c := engComp(fmt.Sprintf("c%d", i), parent)
		c.Order = rng.IntN(3)
		for range rng.IntN(3) {
			if rng.Float64() < 0.3 {
				c.Replaces = append(c.Replaces, fmt.Sprintf("%s/competencies/o%d", engOldFW, rng.IntN(5)))
			}
		}
		if rng.Float64() < 0.1 {
			c.Replaces = append(c.Replaces, fmt.Sprintf("%s/competencies/c%d", engOldFW, rng.IntN(n)))
		}
		comps = append(comps, c)
	}
	rng.Shuffle(len(comps), func(i, j int) { comps[i], comps[j] = comps[j], comps[i] })
	compID := func() string {
		switch x := rng.Float64(); {
		case x < 0.75:
			return fmt.Sprintf("c%d", rng.IntN(n+1)) // c{n} does not exist
		case x < 0.95:
			return fmt.Sprintf("o%d", rng.IntN(6))
		default:
			return "zz"
		}
	}
	var members []curricula.MemberInput
	for m := range rng.IntN(7) {
		fw := engFW
		switch x := rng.Float64(); {
		case x < 0.3:
			fw = engOldFW
		case x < 0.4:
			fw = "frameworks/other"
		}
		cur := fmt.Sprintf("academies/a%d/curricula/c", m)
		var mods []*curricula.Module
		for j := range rng.IntN(9) {
			mod := &curricula.Module{Meta: curricula.Meta{Name: fmt.Sprintf("%s/modules/m%d", cur, j)}, Title: "m"}
			if rng.Float64() > 0.2 {
				mod.Hours = float64(1+rng.IntN(80)) / 2
			}
			for range rng.IntN(5) {
				al := curricula.Alignment{Competency: compID(), Depth: curricula.Depth(1 + rng.IntN(3))}
				if rng.Float64() < 0.4 {
					al.Hours = float64(1+rng.IntN(20)) / 2
				}
				mod.Alignments = append(mod.Alignments, al)
			}
			mods = append(mods, mod)
		}
		members = append(members, engMember(cur, fw, mods...))
	}
	t := curricula.Targets{MinDepth: curricula.Depth(rng.IntN(4)), MinHours: float64(rng.IntN(12))}
	if rng.Float64() < 0.5 {
		for _, c := range rng.Perm(n + 1)[:rng.IntN(n+1)] {
			t.RequiredCompetencies = append(t.RequiredCompetencies, fmt.Sprintf("c%d", c))
		}
	}
	for _, c := range rng.Perm(n + 1)[:rng.IntN(3)] {
		t.Overrides = append(t.Overrides, curricula.TargetOverride{Competency: fmt.Sprintf("c%d", c),
			MinDepth: curricula.Depth(rng.IntN(4)), MinHours: float64(rng.IntN(12))})
	}
	in := engInput(t, members...)
	in.Competencies = comps
	if rng.Float64() < 0.3 {
		in.Lineage = nil
	}
	return in
}

type engOracleCell struct {
	depth   curricula.Depth
	hours   float64
	modules map[string]bool
}

type engOracleResult struct {
	cells   map[string][]engOracleCell // competency → by member
	gaps    [][]curricula.Gap          // by member, unordered
	index   []float64
	unknown int
}

func engOracle(in *curricula.ProgrammeInput) engOracleResult {
	byID := map[string]*curricula.Competency{}
	for _, c := range in.Competencies {
		byID[c.ID()] = c
	}
	// within reports whether x lies in c's subtree.
	within := func(x, c string) bool {
		for x != "" {
			if x == c {
				return true
			}
			x = byID[x].Parent
		}
		return false
	}
	resolve := func(fw, id string) []string {
		if fw == in.Programme.Framework {
			if byID[id] != nil {
				return []string{id}
			}
			return nil
		}
		var out []string
		for _, c := range in.Competencies {
			if slices.Contains(c.Replaces, fw+"/competencies/"+id) {
				out = append(out, c.ID())
			}
		}
		if len(out) == 0 && slices.Contains(in.Lineage, fw) && byID[id] != nil {
			out = []string{id}
		}
		return out
	}
	type contribution struct {
		module, comp string
		depth        curricula.Depth
		hours        float64
	}
	res := engOracleResult{cells: map[string][]engOracleCell{}}
	for _, c := range in.Competencies {
		res.cells[c.ID()] = make([]engOracleCell, len(in.Members))
	}
	for m, mem := range in.Members {
		var contribs []contribution
		for _, mod := range mem.Modules {
			stated, unstated := 0.0, 0
			for _, a := range mod.Alignments {
				if a.Hours > 0 {
					stated += a.Hours
				} else {
					unstated++
				}
			}
			share := 0.0
			if unstated > 0 && mod.Hours > stated {
				share = (mod.Hours - stated) / float64(unstated)
			}
			for _, a := range mod.Alignments {
				h := share
				if a.Hours > 0 {
					h = a.Hours
				}
				if mod.Hours == 0 {
					h = 0
				}
				rs := resolve(mem.Curriculum.Framework, a.Competency)
				if len(rs) == 0 {
					res.unknown++
				}
				for _, r := range rs {
					contribs = append(contribs, contribution{mod.Name, r, a.Depth, h / float64(len(rs))})
				}
			}
		}
		for id := range byID {
			cell := engOracleCell{modules: map[string]bool{}}
			for _, k := range contribs {
				if within(k.comp, id) {
					cell.depth = max(cell.depth, k.depth)
					cell.hours += k.hours
					cell.modules[k.module] = true
				}
			}
			res.cells[id][m] = cell
		}
	}

	// Targets.
	t := in.Programme.Targets
	required := map[string]bool{}
	if len(t.RequiredCompetencies) == 0 {
		for id := range byID {
			leaf := true
			for _, c := range in.Competencies {
				if c.Parent == id {
					leaf = false
				}
			}
			required[id] = leaf
		}
	}
	for _, id := range t.RequiredCompetencies {
		if byID[id] != nil {
			required[id] = true
		}
	}
	res.gaps = make([][]curricula.Gap, len(in.Members))
	res.index = make([]float64, len(in.Members))
	for m := range in.Members {
		count, sum := 0, 0.0
		for id, req := range required {
			if !req {
				continue
			}
			count++
			td, th := t.MinDepth, t.MinHours
			for _, o := range t.Overrides {
				if o.Competency == id {
					td, th = o.MinDepth, o.MinHours
				}
			}
			c := res.cells[id][m]
			g := curricula.Gap{Competency: id, Code: byID[id].Code, TargetDepth: td, ActualDepth: c.depth, TargetHours: th, ActualHours: c.hours}
			if len(c.modules) == 0 {
				g.Kind = curricula.GapMissing
				res.gaps[m] = append(res.gaps[m], g)
				continue
			}
			dc, hc := 1.0, 1.0
			if c.depth < td {
				g.Kind = curricula.GapBelowDepth
				res.gaps[m] = append(res.gaps[m], g)
				dc = float64(c.depth) / float64(td)
			}
			if c.hours < th-1e-6 {
				g.Kind = curricula.GapBelowHours
				res.gaps[m] = append(res.gaps[m], g)
				hc = c.hours / th
			}
			sum += (dc + hc) / 2
		}
		res.index[m] = 100
		if count > 0 {
			res.index[m] = 100 * sum / float64(count)
		}
	}
	return res
}

func engCompare(t *testing.T, in *curricula.ProgrammeInput, want engOracleResult, got *curricula.Analysis) {
	cov := got.Coverage
	require.Len(t, cov.Rows, len(want.cells))
	rowOf := map[string]int{}
	for r, row := range cov.Rows {
		rowOf[row.Competency] = r
		if row.Parent != "" {
			require.Less(t, rowOf[row.Parent], r, "parent before child")
			require.Contains(t, rowOf, row.Parent)
		}
	}
	for id, cells := range want.cells {
		row := cov.Rows[rowOf[id]]
		for m, w := range cells {
			g := row.Cells[m]
			require.Equal(t, w.depth, g.Depth, "%s member %d", id, m)
			require.InDelta(t, w.hours, g.Hours, 1e-9, "%s member %d", id, m)
			var mods []string
			for mod := range w.modules {
				mods = append(mods, mod)
			}
			require.ElementsMatch(t, mods, g.Modules, "%s member %d", id, m)
			require.True(t, sort.StringsAreSorted(g.Modules), "modules in module order")
		}
	}
	unknown := 0
	for _, is := range cov.Issues {
		if is.Reason == curricula.IssueUnknownCompetency {
			unknown++
		}
	}
	require.Equal(t, want.unknown, unknown)

	as := got.Assessment
	require.Len(t, as.Members, len(in.Members))
	var indices []float64
	for m, ma := range as.Members {
		require.Len(t, ma.Gaps, len(want.gaps[m]))
		for _, wg := range want.gaps[m] {
			i := slices.IndexFunc(ma.Gaps, func(g curricula.Gap) bool { return g.Competency == wg.Competency && g.Kind == wg.Kind })
			require.GreaterOrEqual(t, i, 0, "gap %s %s of member %d", wg.Competency, wg.Kind, m)
			gg := ma.Gaps[i]
			require.InDelta(t, wg.ActualHours, gg.ActualHours, 1e-9)
			gg.ActualHours = wg.ActualHours
			require.Equal(t, wg, gg)
		}
		require.InDelta(t, want.index[m], ma.Index, 1e-9)
		require.Equal(t, ma.Index == 100, len(ma.Gaps) == 0, "index 100 exactly when there is no gap")
		require.Equal(t, curricula.CountGaps(ma.Gaps), ma.GapCounts)
		indices = append(indices, want.index[m])
	}
	mean := 0.0
	for _, x := range indices {
		mean += x / float64(len(indices))
	}
	require.InDelta(t, mean, as.Index.Index, 1e-9)

	// Divergence: brute-force median and MAD.
	for _, d := range got.Divergence {
		cells := want.cells[d.Competency]
		hs := make([]float64, len(cells))
		for m, c := range cells {
			hs[m] = c.hours
		}
		sorted := slices.Sorted(slices.Values(hs))
		med := (sorted[(len(sorted)-1)/2] + sorted[len(sorted)/2]) / 2
		devs := make([]float64, len(hs))
		for i, h := range hs {
			devs[i] = math.Abs(h - med)
		}
		slices.Sort(devs)
		mad := (devs[(len(devs)-1)/2] + devs[len(devs)/2]) / 2
		require.InDelta(t, med, d.Median, 1e-9)
		require.InDelta(t, mad, d.MAD, 1e-9)
		far := 0
		for _, h := range hs {
			if math.Abs(h-med) > 2.5*1.4826*mad+1e-9 && math.Abs(h-med) > 4+1e-9 {
				far++
			}
		}
		require.Len(t, d.Outliers, far, d.Competency)
	}
}
