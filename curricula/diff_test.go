package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func engSide(t *testing.T, cur, fw string, lineage []string, comps []*curricula.Competency, mods ...*curricula.Module) *curricula.CurriculumInput {
	t.Helper()
	return &curricula.CurriculumInput{Curriculum: engCurriculum(cur, fw), Modules: mods, Lineage: lineage, Competencies: comps}
}

func engText(m *curricula.Module, title, desc string) *curricula.Module {
	m.Title, m.Description = title, desc
	return m
}

func TestDiff(t *testing.T) {
	a := engSide(t, curA, engFW, nil, engComps(),
		engText(engModule(t, curA, "docs", 10, "a1:M:6; a2:I:4"), "Document examination", "Forged and falsified documents"),
		engText(engModule(t, curA, "patrol", 8, "b1:R"), "Green-border patrolling", ""),
		engText(engModule(t, curA, "intro", 2, "a:I"), "Introduction", ""))
	b := engSide(t, curB, engFW, nil, engComps(),
		engText(engModule(t, curB, "security", 12, "a1:R:12"), "Security features of travel documents", ""),
		engText(engModule(t, curB, "docs2", 6, "a1:I; a2:I"), "Травел документы", ""),
		engText(engModule(t, curB, "misc", 4, ""), "Document examination basics", ""))
	d, err := curricula.Diff(a, b)
	require.NoError(t, err)
	require.Equal(t, curA, d.A)
	require.Equal(t, curB, d.B)
	require.Equal(t, engFW, d.Framework)
	require.Empty(t, d.OnlyB)
	require.Equal(t, []curricula.CompetencyDelta{
		{Competency: "b", Code: "B", DepthA: curricula.DepthReinforced, HoursA: 8, DepthDelta: -2, HoursDelta: -8},
		{Competency: "b1", Code: "B1", Leaf: true, DepthA: curricula.DepthReinforced, HoursA: 8, DepthDelta: -2, HoursDelta: -8},
	}, d.OnlyA)
	require.Equal(t, []curricula.CompetencyDelta{
		{Competency: "a", Code: "A", DepthA: curricula.DepthMastered, DepthB: curricula.DepthReinforced, HoursA: 12, HoursB: 18, DepthDelta: -1, HoursDelta: 6},
		{Competency: "a1", Code: "A1", Leaf: true, DepthA: curricula.DepthMastered, DepthB: curricula.DepthReinforced, HoursA: 6, HoursB: 15, DepthDelta: -1, HoursDelta: 9},
		{Competency: "a2", Code: "A2", Leaf: true, DepthA: curricula.DepthIntroduced, DepthB: curricula.DepthIntroduced, HoursA: 4, HoursB: 3, DepthDelta: 0, HoursDelta: -1},
	}, d.Both)

	require.Len(t, d.ModulesA, 3)
	docs := d.ModulesA[0]
	require.Equal(t, curA+"/modules/docs", docs.Module)
	var got []string
	for _, c := range docs.Counterparts {
		got = append(got, c.Module)
	}
	// Shared competencies first (docs2: Jaccard 1 despite another language;
	// security: 1/2), then text alone (misc).
	require.Equal(t, []string{curB + "/modules/docs2", curB + "/modules/security", curB + "/modules/misc"}, got)
	require.Equal(t, 1.0, docs.Counterparts[0].Jaccard)
	require.Equal(t, []string{"a1", "a2"}, docs.Counterparts[0].Shared)
	require.Equal(t, 0.5, docs.Counterparts[1].Jaccard)
	require.Equal(t, []string{"a1"}, docs.Counterparts[1].Shared)
	require.Zero(t, docs.Counterparts[2].Jaccard)
	require.Greater(t, docs.Counterparts[2].TextSimilarity, 0.5)
	require.InDelta(t, curricula.TextSimilarity("Document examination Forged and falsified documents", "Document examination basics "),
		docs.Counterparts[2].TextSimilarity, 1e-9)
	require.Empty(t, d.ModulesA[2].Counterparts, "area-only module shares nothing")

	require.Len(t, d.ModulesB, 3)
	misc := d.ModulesB[2]
	require.Len(t, misc.Counterparts, 1)
	require.Equal(t, curA+"/modules/docs", misc.Counterparts[0].Module)
	require.Empty(t, misc.Counterparts[0].Shared)
}

func TestDiffRanksTextWhenCompetenciesTie(t *testing.T) {
	a := engSide(t, curA, engFW, nil, engComps(),
		engText(engModule(t, curA, "m", 4, "a1:I"), "Impostor detection", ""))
	b := engSide(t, curB, engFW, nil, engComps(),
		engText(engModule(t, curB, "x", 4, "a1:I"), "Unrelated words", ""),
		engText(engModule(t, curB, "y", 4, "a1:I"), "Detection of impostors", ""),
		engText(engModule(t, curB, "z", 4, "a1:I"), "Impostor detection", ""))
	d, err := curricula.Diff(a, b)
	require.NoError(t, err)
	var got []string
	for _, c := range d.ModulesA[0].Counterparts {
		got = append(got, c.Module)
		require.Equal(t, 1.0, c.Jaccard)
	}
	require.Equal(t, []string{curB + "/modules/z", curB + "/modules/y", curB + "/modules/x"}, got)
}

func TestDiffAcrossFrameworkVersions(t *testing.T) {
	oldComps := []*curricula.Competency{
		{Meta: curricula.Meta{Name: engOldFW + "/competencies/a"}, Code: "A"},
		{Meta: curricula.Meta{Name: engOldFW + "/competencies/x"}, Code: "X", Parent: "a"},
	}
	newComps := []*curricula.Competency{engComp("a", ""), engComp("a1", "a", engOldFW+"/competencies/x"), engComp("a2", "a")}
	oldSide := engSide(t, curA, engOldFW, nil, oldComps, engModule(t, curA, "m", 4, "x:M"))
	newSide := engSide(t, curB, engFW, []string{engOldFW}, newComps, engModule(t, curB, "m", 6, "a1:I; a2:I"))
	for _, tc := range []struct {
		name string
		a, b *curricula.CurriculumInput
	}{{"old first", oldSide, newSide}, {"new first", newSide, oldSide}} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := curricula.Diff(tc.a, tc.b)
			require.NoError(t, err)
			require.Equal(t, engFW, d.Framework, "compared in the newer version")
			require.Empty(t, d.Issues)
			var both []string
			for _, c := range d.Both {
				both = append(both, c.Competency)
			}
			require.Equal(t, []string{"a", "a1"}, both)
			require.Equal(t, 0.5, d.ModulesA[0].Counterparts[0].Jaccard)
			require.Equal(t, []string{"a1"}, d.ModulesA[0].Counterparts[0].Shared)
		})
	}
}

func TestDiffRejectsMissingInput(t *testing.T) {
	good := engSide(t, curA, engFW, nil, engComps())
	tests := []struct {
		name  string
		a, b  *curricula.CurriculumInput
		field string
	}{
		{"nil a", nil, good, "a"},
		{"nil curriculum", good, &curricula.CurriculumInput{}, "b.curriculum"},
		{"bad framework", good, engSide(t, curB, "ibm", nil, nil), "b.curriculum.framework"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := curricula.Diff(tt.a, tt.b)
			var e *curricula.Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, curricula.EINVALID, e.Code)
			require.Equal(t, tt.field, e.Violations[0].Field)
		})
	}
}
