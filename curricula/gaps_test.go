package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestTargets(t *testing.T) {
	tests := []struct {
		name    string
		targets curricula.Targets
		want    []curricula.CompetencyTarget
		reasons []curricula.IssueReason
	}{
		{name: "empty required means every leaf",
			targets: curricula.Targets{MinDepth: curricula.DepthIntroduced, MinHours: 2},
			want: []curricula.CompetencyTarget{
				{Competency: "a1", Code: "A1", MinDepth: curricula.DepthIntroduced, MinHours: 2},
				{Competency: "a2", Code: "A2", MinDepth: curricula.DepthIntroduced, MinHours: 2},
				{Competency: "b1", Code: "B1", MinDepth: curricula.DepthIntroduced, MinHours: 2},
			}},
		{name: "required subset, in row order, areas allowed",
			targets: curricula.Targets{RequiredCompetencies: []string{"b1", "a"}, MinDepth: curricula.DepthReinforced},
			want: []curricula.CompetencyTarget{
				{Competency: "a", Code: "A", MinDepth: curricula.DepthReinforced},
				{Competency: "b1", Code: "B1", MinDepth: curricula.DepthReinforced},
			}},
		{name: "overrides replace both minimums",
			targets: curricula.Targets{MinDepth: curricula.DepthIntroduced, MinHours: 2,
				Overrides: []curricula.TargetOverride{{Competency: "a2", MinDepth: curricula.DepthMastered}}},
			want: []curricula.CompetencyTarget{
				{Competency: "a1", Code: "A1", MinDepth: curricula.DepthIntroduced, MinHours: 2},
				{Competency: "a2", Code: "A2", MinDepth: curricula.DepthMastered, MinHours: 0, Overridden: true},
				{Competency: "b1", Code: "B1", MinDepth: curricula.DepthIntroduced, MinHours: 2},
			}},
		{name: "unknown IDs and overrides outside the required set are reported",
			targets: curricula.Targets{RequiredCompetencies: []string{"a1", "zz"}, MinHours: 1,
				Overrides: []curricula.TargetOverride{{Competency: "b1", MinHours: 9}, {Competency: "yy"}}},
			want: []curricula.CompetencyTarget{{Competency: "a1", Code: "A1", MinHours: 1}},
			reasons: []curricula.IssueReason{curricula.IssueUnknownTarget, curricula.IssueOverrideNotRequired,
				curricula.IssueUnknownTarget}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cov, err := curricula.ComputeCoverage(engInput(tt.targets))
			require.NoError(t, err)
			got, issues := cov.Targets(tt.targets)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.reasons, engReasons(issues))
		})
	}
}

func TestGapsAndIndex(t *testing.T) {
	gap := func(id string, k curricula.GapKind, td, ad curricula.Depth, th, ah float64) curricula.Gap {
		return curricula.Gap{Competency: id, Code: map[string]string{"a": "A", "a1": "A1", "a2": "A2", "b1": "B1"}[id],
			Kind: k, TargetDepth: td, ActualDepth: ad, TargetHours: th, ActualHours: ah}
	}
	const I, R, M = curricula.DepthIntroduced, curricula.DepthReinforced, curricula.DepthMastered
	tests := []struct {
		name    string
		targets curricula.Targets
		als     []string // one module of 100 h per entry... unless hours stated
		hours   float64
		gaps    []curricula.Gap
		index   float64
		met     int
	}{
		{name: "empty curriculum: everything missing",
			targets: curricula.Targets{MinDepth: I, MinHours: 4},
			gaps:    []curricula.Gap{gap("a1", curricula.GapMissing, I, 0, 4, 0), gap("a2", curricula.GapMissing, I, 0, 4, 0), gap("b1", curricula.GapMissing, I, 0, 4, 0)},
			index:   0},
		{name: "every target met",
			targets: curricula.Targets{MinDepth: R, MinHours: 4},
			als:     []string{"a1:R:4; a2:M:5; b1:R:20"}, hours: 40,
			index: 100, met: 3},
		{name: "below depth, below hours, both, met",
			targets: curricula.Targets{MinDepth: M, MinHours: 10},
			// a1 M 6 h: below hours; a2 R 12 h: below depth; b1 I 5 h: both.
			als: []string{"a1:M:6; a2:R:12; b1:I:5"}, hours: 23,
			gaps: []curricula.Gap{gap("a1", curricula.GapBelowHours, M, M, 10, 6), gap("a2", curricula.GapBelowDepth, M, R, 10, 12),
				gap("b1", curricula.GapBelowDepth, M, I, 10, 5), gap("b1", curricula.GapBelowHours, M, I, 10, 5)},
			// a1 (1+0.6)/2=0.8; a2 (2/3+1)/2=5/6; b1 (1/3+0.5)/2=5/12.
			index: 100 * (0.8 + 5.0/6 + 5.0/12) / 3},
		{name: "no minimums: taught is enough, untaught is missing",
			targets: curricula.Targets{},
			als:     []string{"a1:I"}, hours: 0,
			gaps:  []curricula.Gap{gap("a2", curricula.GapMissing, 0, 0, 0, 0), gap("b1", curricula.GapMissing, 0, 0, 0, 0)},
			index: 100.0 / 3, met: 1},
		{name: "zero-hour module: depth met, hours not",
			targets: curricula.Targets{RequiredCompetencies: []string{"a1"}, MinDepth: I, MinHours: 2},
			als:     []string{"a1:M"}, hours: 0,
			gaps:  []curricula.Gap{gap("a1", curricula.GapBelowHours, I, M, 2, 0)},
			index: 50},
		{name: "required area judged on its aggregate; a module on the area alone does not serve the leaves",
			targets: curricula.Targets{RequiredCompetencies: []string{"a", "a1"}, MinDepth: R, MinHours: 6},
			als:     []string{"a:R:6"}, hours: 6,
			gaps:  []curricula.Gap{gap("a1", curricula.GapMissing, R, 0, 6, 0)},
			index: 50, met: 1},
		{name: "override raises one target",
			targets: curricula.Targets{RequiredCompetencies: []string{"a1", "b1"}, MinDepth: I, MinHours: 2,
				Overrides: []curricula.TargetOverride{{Competency: "b1", MinDepth: M, MinHours: 8}}},
			als: []string{"a1:I:2; b1:M:4"}, hours: 6,
			gaps:  []curricula.Gap{gap("b1", curricula.GapBelowHours, M, M, 8, 4)},
			index: 100 * (1 + 0.75) / 2, met: 1},
		{name: "thirds add up to the target despite rounding",
			targets: curricula.Targets{RequiredCompetencies: []string{"a1"}, MinHours: 10},
			als:     []string{"a1:I; a2:I; b1:I", "a1:I; a2:I; b1:I", "a1:I; a2:I; b1:I"}, hours: 10,
			index: 100, met: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mods []*curricula.Module
			for i, als := range tt.als {
				mods = append(mods, engModule(t, curA, string(rune('m'+i)), tt.hours, als))
			}
			cov, err := curricula.ComputeCoverage(engInput(tt.targets, engMember(curA, engFW, mods...)))
			require.NoError(t, err)
			a := cov.Assess(tt.targets)
			require.Len(t, a.Members, 1)
			ma := a.Members[0]
			require.Equal(t, curA, ma.Curriculum)
			require.Len(t, ma.Gaps, len(tt.gaps))
			for i, g := range tt.gaps {
				require.InDelta(t, g.ActualHours, ma.Gaps[i].ActualHours, 1e-9)
				ma.Gaps[i].ActualHours = g.ActualHours
				require.Equal(t, g, ma.Gaps[i])
			}
			require.InDelta(t, tt.index, ma.Index, 1e-9)
			require.Equal(t, len(a.Targets), ma.Required)
			require.Equal(t, tt.met, ma.Met)
			require.Equal(t, curricula.CountGaps(ma.Gaps), ma.GapCounts)
			require.InDelta(t, tt.index, a.Index.Index, 1e-9)
		})
	}
}

// A small academy that meets every target scores as high as a large one:
// the index counts targets met, not hours or modules.
func TestIndexIsFairToSmallAcademies(t *testing.T) {
	targets := curricula.Targets{MinDepth: curricula.DepthReinforced, MinHours: 4}
	small := engMember(curA, engFW, engModule(t, curA, "all", 12, "a1:R:4; a2:R:4; b1:R:4"))
	var big []*curricula.Module
	for i := range 30 {
		big = append(big, engModule(t, curB, "m"+string(rune('a'+i%26))+string(rune('a'+i/26)), 60, "a1:M:20; a2:M:20; b1:M:20"))
	}
	partial := engMember("academies/z/curricula/c", engFW, engModule(t, "academies/z/curricula/c", "m", 400, "a1:M:400"))
	cov, err := curricula.ComputeCoverage(engInput(targets, small, engMember(curB, engFW, big...), partial))
	require.NoError(t, err)
	a := cov.Assess(targets)
	require.Equal(t, 100.0, a.Members[0].Index)
	require.Equal(t, 100.0, a.Members[1].Index)
	require.InDelta(t, 100.0/3, a.Members[2].Index, 1e-9, "400 h on one competency cannot buy the others")
	require.InDelta(t, (200+100.0/3)/3, a.Index.Index, 1e-9)
	require.InDelta(t, 100.0/3, a.Index.Min, 1e-9)
	require.Equal(t, 100.0, a.Index.Max)
	require.Equal(t, 3, a.Index.Members)
}

func TestIndexEdgeCases(t *testing.T) {
	t.Run("no members", func(t *testing.T) {
		cov, err := curricula.ComputeCoverage(engInput(curricula.Targets{}))
		require.NoError(t, err)
		require.Equal(t, curricula.IndexSummary{}, cov.Assess(curricula.Targets{}).Index)
	})
	t.Run("nothing required", func(t *testing.T) {
		in := engInput(curricula.Targets{}, engMember(curA, engFW))
		in.Competencies = nil
		cov, err := curricula.ComputeCoverage(in)
		require.NoError(t, err)
		a := cov.Assess(curricula.Targets{})
		require.Equal(t, 100.0, a.Members[0].Index)
		require.Empty(t, a.Members[0].Gaps)
	})
	t.Run("summary", func(t *testing.T) {
		s := curricula.SummariseIndex([]float64{100, 50, 0, 50})
		require.Equal(t, curricula.IndexSummary{Index: 50, Min: 0, Max: 100, StdDev: 35.35533905932738, Members: 4}, s)
	})
}

func TestCredit(t *testing.T) {
	taught := func(d curricula.Depth, h float64) curricula.Cell {
		return curricula.Cell{Depth: d, Hours: h, Modules: []string{"m"}}
	}
	target := curricula.CompetencyTarget{MinDepth: curricula.DepthMastered, MinHours: 8}
	tests := []struct {
		name   string
		target curricula.CompetencyTarget
		cell   curricula.Cell
		want   float64
	}{
		{"not taught", target, curricula.Cell{}, 0},
		{"met", target, taught(curricula.DepthMastered, 8), 1},
		{"over the target earns nothing extra", target, taught(curricula.DepthMastered, 80), 1},
		{"partial depth", target, taught(curricula.DepthIntroduced, 8), (1.0/3 + 1) / 2},
		{"partial hours", target, taught(curricula.DepthMastered, 2), (1 + 0.25) / 2},
		{"zero hours taught", target, taught(curricula.DepthMastered, 0), 0.5},
		{"no minimums", curricula.CompetencyTarget{}, taught(curricula.DepthIntroduced, 0), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.InDelta(t, tt.want, curricula.Credit(tt.target, tt.cell), 1e-12)
		})
	}
}
