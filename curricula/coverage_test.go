package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

const (
	curA = "academies/x/curricula/a"
	curB = "academies/y/curricula/b"
)

func TestCoverageRowsAreDepthFirst(t *testing.T) {
	cov, err := curricula.ComputeCoverage(engInput(curricula.Targets{}))
	require.NoError(t, err)
	var got []string
	for _, r := range cov.Rows {
		got = append(got, r.Competency+"/"+r.Parent)
	}
	require.Equal(t, []string{"a/", "a1/a", "a2/a", "b/", "b1/b"}, got)
	require.Equal(t, []bool{false, true, true, false, true}, []bool{cov.Rows[0].Leaf, cov.Rows[1].Leaf, cov.Rows[2].Leaf, cov.Rows[3].Leaf, cov.Rows[4].Leaf})
	require.Equal(t, 1, cov.Rows[1].TreeLevel)
	require.Empty(t, cov.Members)
	require.Empty(t, cov.Issues)
}

func TestCoverage(t *testing.T) {
	m := func(id string, hours float64, als string) *curricula.Module {
		return engModule(t, curA, id, hours, als)
	}
	mod := func(id string) string { return curA + "/modules/" + id }
	none := curricula.Cell{}
	tests := []struct {
		name    string
		fw      string // member framework; "" = the programme's
		mods    []*curricula.Module
		want    map[string]curricula.Cell
		reasons []curricula.IssueReason
	}{
		{name: "member with no modules", want: map[string]curricula.Cell{"a": none, "a1": none, "a2": none, "b": none, "b1": none}},
		{name: "module without alignments", mods: []*curricula.Module{m("m1", 10, "")},
			want: map[string]curricula.Cell{"a": none, "a1": none, "b": none}},
		{name: "stated hours and the rest split evenly",
			mods: []*curricula.Module{m("m1", 10, "a1:I; a2:R:4; b1:M")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthIntroduced, Hours: 3, Modules: []string{mod("m1")}},
				"a2": {Depth: curricula.DepthReinforced, Hours: 4, Modules: []string{mod("m1")}},
				"a":  {Depth: curricula.DepthReinforced, Hours: 7, Modules: []string{mod("m1")}},
				"b1": {Depth: curricula.DepthMastered, Hours: 3, Modules: []string{mod("m1")}},
				"b":  {Depth: curricula.DepthMastered, Hours: 3, Modules: []string{mod("m1")}},
			}},
		{name: "stated hours take everything: unstated get 0",
			mods: []*curricula.Module{m("m1", 6, "a1:I:6; a2:R")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthIntroduced, Hours: 6, Modules: []string{mod("m1")}},
				"a2": {Depth: curricula.DepthReinforced, Hours: 0, Modules: []string{mod("m1")}},
			}},
		{name: "module aligned to an area counts for the area only",
			mods: []*curricula.Module{m("m1", 8, "a:M")},
			want: map[string]curricula.Cell{
				"a":  {Depth: curricula.DepthMastered, Hours: 8, Modules: []string{mod("m1")}},
				"a1": none, "a2": none, "b": none,
			}},
		{name: "area aggregates its own and its leaves' alignments",
			mods: []*curricula.Module{m("m1", 4, "a1:I"), m("m2", 6, "a2:M"), m("m3", 2, "a:R; a1:R")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthReinforced, Hours: 5, Modules: []string{mod("m1"), mod("m3")}},
				"a2": {Depth: curricula.DepthMastered, Hours: 6, Modules: []string{mod("m2")}},
				"a":  {Depth: curricula.DepthMastered, Hours: 12, Modules: []string{mod("m1"), mod("m2"), mod("m3")}},
			}},
		{name: "duplicate alignments across modules add hours and keep the deepest",
			mods: []*curricula.Module{m("m1", 10, "a1:M:3"), m("m2", 5, "a1:I:5")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthMastered, Hours: 8, Modules: []string{mod("m1"), mod("m2")}},
			}},
		{name: "duplicate alignment inside one module lists the module once",
			mods: []*curricula.Module{{Meta: curricula.Meta{Name: mod("m1")}, Hours: 10, Alignments: []curricula.Alignment{
				{Competency: "a1", Depth: curricula.DepthIntroduced, Hours: 2}, {Competency: "a1", Depth: curricula.DepthReinforced}}}},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthReinforced, Hours: 10, Modules: []string{mod("m1")}},
			}},
		{name: "zero-hour module gives depth, no hours",
			mods: []*curricula.Module{m("m1", 0, "a1:M; b1:I")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthMastered, Hours: 0, Modules: []string{mod("m1")}},
				"b":  {Depth: curricula.DepthIntroduced, Hours: 0, Modules: []string{mod("m1")}},
			}},
		{name: "unknown competency is reported and keeps its share",
			mods: []*curricula.Module{m("m1", 10, "a1:I; zz:M")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthIntroduced, Hours: 5, Modules: []string{mod("m1")}},
			},
			reasons: []curricula.IssueReason{curricula.IssueUnknownCompetency}},
		{name: "previous version: carried-over IDs count as they are",
			fw:   engOldFW,
			mods: []*curricula.Module{m("m1", 4, "a1:R; b1:I")},
			want: map[string]curricula.Cell{
				"a1": {Depth: curricula.DepthReinforced, Hours: 2, Modules: []string{mod("m1")}},
				"b1": {Depth: curricula.DepthIntroduced, Hours: 2, Modules: []string{mod("m1")}},
			}},
		{name: "unrelated framework: nothing counts, all reported",
			fw:      "frameworks/other",
			mods:    []*curricula.Module{m("m1", 4, "a1:R; b1:I")},
			want:    map[string]curricula.Cell{"a1": none, "b1": none},
			reasons: []curricula.IssueReason{curricula.IssueUnknownCompetency, curricula.IssueUnknownCompetency}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw := tt.fw
			if fw == "" {
				fw = engFW
			}
			cov, err := curricula.ComputeCoverage(engInput(curricula.Targets{}, engMember(curA, fw, tt.mods...)))
			require.NoError(t, err)
			require.Equal(t, []string{curA}, cov.Members)
			cells := engCells(cov, 0)
			for id, want := range tt.want {
				got := cells[id]
				require.Equal(t, want.Depth, got.Depth, id)
				require.InDelta(t, want.Hours, got.Hours, 1e-9, id)
				require.Equal(t, want.Modules, got.Modules, id)
			}
			require.Equal(t, tt.reasons, engReasons(cov.Issues))
			for _, is := range cov.Issues {
				require.Equal(t, curA, is.Member)
				require.NotEmpty(t, is.Module)
				require.NotEmpty(t, is.Message)
			}
		})
	}
}

func TestCoverageReplacedCompetencies(t *testing.T) {
	old := func(id string) string { return engOldFW + "/competencies/" + id }
	in := engInput(curricula.Targets{})
	// a1 replaces the old "x" and also "a1" itself; a2 and b1 split the old "y".
	in.Competencies = []*curricula.Competency{engComp("a", ""), engComp("a1", "a", old("x")),
		engComp("a2", "a", old("y")), engComp("b", ""), engComp("b1", "b", old("y"), "frameworks/elsewhere/competencies/y")}
	in.Members = []curricula.MemberInput{
		engMember(curA, engOldFW, engModule(t, curA, "m1", 10, "x:M:4; y:R:6")),
		engMember(curB, engFW, engModule(t, curB, "m1", 10, "x:M:4; a1:I:6")),
	}
	cov, err := curricula.ComputeCoverage(in)
	require.NoError(t, err)
	old0 := engCells(cov, 0)
	require.Equal(t, curricula.DepthMastered, old0["a1"].Depth)
	require.InDelta(t, 4, old0["a1"].Hours, 1e-9)
	require.Equal(t, curricula.DepthReinforced, old0["a2"].Depth)
	require.InDelta(t, 3, old0["a2"].Hours, 1e-9)
	require.Equal(t, curricula.DepthReinforced, old0["b1"].Depth)
	require.InDelta(t, 3, old0["b1"].Hours, 1e-9)
	require.InDelta(t, 7, old0["a"].Hours, 1e-9)
	// A member on the current version cannot use the old ID "x".
	cur := engCells(cov, 1)
	require.InDelta(t, 6, cur["a1"].Hours, 1e-9)
	require.Equal(t, []curricula.IssueReason{curricula.IssueUnknownCompetency}, engReasons(cov.Issues))
	require.Equal(t, curB, cov.Issues[0].Member)
	require.Equal(t, "x", cov.Issues[0].Competency)
}

func TestCoverageReplacementWinsOverSameID(t *testing.T) {
	in := engInput(curricula.Targets{})
	// The old a1 became b1; a current a1 also exists.
	in.Competencies = []*curricula.Competency{engComp("a", ""), engComp("a1", "a"), engComp("a2", "a"),
		engComp("b", ""), engComp("b1", "b", engOldFW+"/competencies/a1")}
	in.Members = []curricula.MemberInput{engMember(curA, engOldFW, engModule(t, curA, "m1", 5, "a1:R"))}
	cov, err := curricula.ComputeCoverage(in)
	require.NoError(t, err)
	c := engCells(cov, 0)
	require.False(t, c["a1"].Taught())
	require.InDelta(t, 5, c["b1"].Hours, 1e-9)
}

func TestCoverageBrokenFramework(t *testing.T) {
	in := engInput(curricula.Targets{})
	in.Competencies = []*curricula.Competency{
		engComp("a", "c"), engComp("c", "a"), // cycle
		engComp("d", "nope"), // unknown parent
		engComp("e", "e"),    // its own parent
		engComp("a", ""),     // duplicate
		{Meta: curricula.Meta{Name: "frameworks/other/competencies/z"}, Code: "Z"},
	}
	in.Members = []curricula.MemberInput{engMember(curA, engFW, engModule(t, curA, "m1", 6, "a:I; c:R; d:M"))}
	cov, err := curricula.ComputeCoverage(in)
	require.NoError(t, err)
	require.ElementsMatch(t, []curricula.IssueReason{curricula.IssueParentCycle, curricula.IssueUnknownParent,
		curricula.IssueParentCycle, curricula.IssueDuplicateCompetency, curricula.IssueForeignCompetency}, engReasons(cov.Issues))
	require.Len(t, cov.Rows, 4)
	c := engCells(cov, 0)
	// The cycle was broken at "a": a is a top-level area with child c.
	require.Equal(t, curricula.DepthReinforced, c["a"].Depth)
	require.InDelta(t, 4, c["a"].Hours, 1e-9)
	require.InDelta(t, 2, c["d"].Hours, 1e-9)
}

func TestCoverageRejectsMissingInput(t *testing.T) {
	tests := []struct {
		name  string
		in    *curricula.ProgrammeInput
		field string
	}{
		{"nil input", nil, "programme"},
		{"no programme", &curricula.ProgrammeInput{}, "programme"},
		{"bad framework", &curricula.ProgrammeInput{Programme: &curricula.Programme{Framework: "ibm"}}, "programme.framework"},
		{"nil competency", &curricula.ProgrammeInput{Programme: &curricula.Programme{Framework: engFW},
			Competencies: []*curricula.Competency{nil}}, "competencies[0]"},
		{"nil curriculum", &curricula.ProgrammeInput{Programme: &curricula.Programme{Framework: engFW},
			Members: []curricula.MemberInput{{}}}, "members[0].curriculum"},
		{"nil module", &curricula.ProgrammeInput{Programme: &curricula.Programme{Framework: engFW},
			Members: []curricula.MemberInput{{Curriculum: engCurriculum(curA, engFW), Modules: []*curricula.Module{nil}}}}, "members[0].modules[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := curricula.ComputeCoverage(tt.in)
			require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
			var e *curricula.Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, tt.field, e.Violations[0].Field)
		})
	}
}
