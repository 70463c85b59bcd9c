package curricula

import "slices"

// Counterpart selection in Diff: at most DiffMaxCounterparts per module,
// each sharing at least one competency or with a text similarity of at
// least DiffMinTextSimilarity.
const (
	DiffMaxCounterparts   = 5
	DiffMinTextSimilarity = 0.2
)

// CurriculumDiff compares two curricula competency by competency and
// module by module.
type CurriculumDiff struct {
	A         string            `json:"a"` // curriculum names
	B         string            `json:"b"`
	Framework string            `json:"framework"` // the version both are compared in
	OnlyA     []CompetencyDelta `json:"only_a,omitempty"`
	OnlyB     []CompetencyDelta `json:"only_b,omitempty"`
	Both      []CompetencyDelta `json:"both,omitempty"`
	// ModulesA lists every module of A with its counterparts in B, and
	// ModulesB the reverse, in the curricula's module order.
	ModulesA []ModuleCounterparts `json:"modules_a,omitempty"`
	ModulesB []ModuleCounterparts `json:"modules_b,omitempty"`
	Issues   []Issue              `json:"issues,omitempty"`
}

// CompetencyDelta is one competency's coverage on both sides (areas
// aggregate their descendants, as in the coverage matrix). Deltas are
// B − A.
type CompetencyDelta struct {
	Competency string  `json:"competency"` // ID
	Code       string  `json:"code"`
	Leaf       bool    `json:"leaf"`
	DepthA     Depth   `json:"depth_a"`
	DepthB     Depth   `json:"depth_b"`
	HoursA     float64 `json:"hours_a"`
	HoursB     float64 `json:"hours_b"`
	DepthDelta int     `json:"depth_delta"`
	HoursDelta float64 `json:"hours_delta"`
}

// ModuleCounterparts is a module and its best counterparts on the other
// side, best first.
type ModuleCounterparts struct {
	Module       string        `json:"module"`
	Title        string        `json:"title"`
	Counterparts []Counterpart `json:"counterparts,omitempty"`
}

// Counterpart is a module of the other curriculum and how close it is.
type Counterpart struct {
	Module         string   `json:"module"`
	Title          string   `json:"title"`
	Jaccard        float64  `json:"jaccard"`         // over aligned competencies
	TextSimilarity float64  `json:"text_similarity"` // trigram cosine of title + description
	Shared         []string `json:"shared_competencies,omitempty"`
}

// Diff compares curriculum a with curriculum b. Both are read in the
// framework version of a, or of b when b's framework is a newer version of
// a's (a's framework is in b's lineage); the other side's alignments are
// resolved onto it as in a programme.
func Diff(a, b *CurriculumInput) (*CurriculumDiff, error) {
	var vs Violations
	a.check(&vs, "a")
	b.check(&vs, "b")
	if err := vs.Err(); err != nil {
		return nil, err
	}
	ref := a
	if b.Curriculum.Framework != a.Curriculum.Framework && slices.Contains(b.Lineage, a.Curriculum.Framework) {
		ref = b
	}
	f := newFrame(ref.Curriculum.Framework, ref.Lineage, ref.Competencies)
	ma := MemberInput{Curriculum: a.Curriculum, Modules: a.Modules}
	mb := MemberInput{Curriculum: b.Curriculum, Modules: b.Modules}
	cov := f.coverage([]MemberInput{ma, mb})
	d := &CurriculumDiff{A: a.Curriculum.Name, B: b.Curriculum.Name, Framework: f.framework, Issues: cov.Issues}
	for _, row := range cov.Rows {
		ca, cb := row.Cells[0], row.Cells[1]
		if !ca.Taught() && !cb.Taught() {
			continue
		}
		cd := CompetencyDelta{Competency: row.Competency, Code: row.Code, Leaf: row.Leaf,
			DepthA: ca.Depth, DepthB: cb.Depth, HoursA: ca.Hours, HoursB: cb.Hours,
			DepthDelta: int(cb.Depth - ca.Depth), HoursDelta: cb.Hours - ca.Hours}
		switch {
		case !cb.Taught():
			d.OnlyA = append(d.OnlyA, cd)
		case !ca.Taught():
			d.OnlyB = append(d.OnlyB, cd)
		default:
			d.Both = append(d.Both, cd)
		}
	}
	tt := trigramTable{}
	pa, pb := f.profiles(ma, tt), f.profiles(mb, tt)
	d.ModulesA = f.counterparts(pa, pb)
	d.ModulesB = f.counterparts(pb, pa)
	return d, nil
}

// moduleProfile is what counterparts are matched on.
type moduleProfile struct {
	mod   *Module
	comps []int32 // rows of the aligned competencies, ascending
	text  trigramVector
}

func (f *frame) profiles(m MemberInput, tt trigramTable) []moduleProfile {
	res := f.resolver(m.Curriculum.Framework)
	out := make([]moduleProfile, len(m.Modules))
	for i, mod := range m.Modules {
		var rows []int32
		for _, al := range mod.Alignments {
			rows = append(rows, res[al.Competency]...)
		}
		slices.Sort(rows)
		out[i] = moduleProfile{mod: mod, comps: slices.Compact(rows), text: tt.vector(mod.Title + " " + mod.Description)}
	}
	return out
}

// candidate is a module of the other side being ranked.
type candidate struct {
	j            int
	jaccard, sim float64
}

// better orders candidates: Jaccard, then text similarity, descending.
func (c candidate) better(d candidate) bool {
	if c.jaccard != d.jaccard {
		return c.jaccard > d.jaccard
	}
	return c.sim > d.sim
}

type posting struct {
	module int32
	weight float64
}

// counterparts ranks, for each module of from, the modules of to: by
// Jaccard similarity of their aligned competencies, then by text
// similarity, then in to's order.
func (f *frame) counterparts(from, to []moduleProfile) []ModuleCounterparts {
	byComp := make([][]int32, len(f.comps))
	byTrigram := map[int32][]posting{}
	for j, p := range to {
		for _, r := range p.comps {
			byComp[r] = append(byComp[r], int32(j))
		}
		for id, w := range p.text {
			byTrigram[id] = append(byTrigram[id], posting{int32(j), w})
		}
	}
	inter := make([]int, len(to))
	sim := make([]float64, len(to))
	out := make([]ModuleCounterparts, len(from))
	var best []candidate
	for i, p := range from {
		clear(inter)
		clear(sim)
		for _, r := range p.comps {
			for _, j := range byComp[r] {
				inter[j]++
			}
		}
		for id, w := range p.text {
			for _, q := range byTrigram[id] {
				sim[q.module] += w * q.weight
			}
		}
		best = best[:0]
		for j, q := range to {
			if inter[j] == 0 && sim[j] < DiffMinTextSimilarity {
				continue
			}
			c := candidate{j: j, sim: min(1, sim[j])}
			if union := len(p.comps) + len(q.comps) - inter[j]; union > 0 {
				c.jaccard = float64(inter[j]) / float64(union)
			}
			k := len(best)
			for k > 0 && c.better(best[k-1]) {
				k--
			}
			if k < DiffMaxCounterparts {
				best = slices.Insert(best, k, c)[:min(len(best)+1, DiffMaxCounterparts)]
			}
		}
		mc := ModuleCounterparts{Module: p.mod.Name, Title: p.mod.Title}
		for _, c := range best {
			q := to[c.j]
			cp := Counterpart{Module: q.mod.Name, Title: q.mod.Title, Jaccard: c.jaccard, TextSimilarity: c.sim}
			for _, r := range intersect(p.comps, q.comps) {
				cp.Shared = append(cp.Shared, f.ids[r])
			}
			mc.Counterparts = append(mc.Counterparts, cp)
		}
		out[i] = mc
	}
	return out
}
