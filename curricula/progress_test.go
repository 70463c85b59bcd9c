package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestCompareSnapshots(t *testing.T) {
	const curC = "academies/z/curricula/c"
	// Targets: every leaf at R and 4 h.
	before := curricula.NewSnapshot("programmes/p/snapshots/q1", "Q1", engT0, engAnalysis(t,
		// a: a1 met, a2 below depth and hours, b1 missing.
		engMember(curA, engFW, engModule(t, curA, "m", 8, "a1:R:6; a2:I:2")),
		// b: everything missing.
		engMember(curB, engFW),
		// c: leaves later.
		engMember(curC, engFW, engModule(t, curC, "m", 12, "a1:R; a2:R; b1:R")),
	))
	after := curricula.NewSnapshot("programmes/p/snapshots/q2", "Q2", engT0.AddDate(0, 3, 0), engAnalysis(t,
		// a: a1 now below hours (regression), a2 depth fixed, still below
		// hours, b1 taught.
		engMember(curA, engFW, engModule(t, curA, "m", 8, "a1:R:2; a2:R:2; b1:M:4")),
		// new member d, all met.
		engMember("academies/w/curricula/d", engFW, engModule(t, "academies/w/curricula/d", "m", 12, "a1:R; a2:R; b1:R")),
		// b: unchanged.
		engMember(curB, engFW),
	))
	p := curricula.CompareSnapshots(before, after)
	require.Equal(t, "programmes/p/snapshots/q1", p.From)
	require.Equal(t, "programmes/p/snapshots/q2", p.To)
	require.Equal(t, engT0, p.FromTime)
	require.False(t, p.FrameworkChanged)
	require.InDelta(t, after.Index.Index-before.Index.Index, p.IndexChange, 1e-9)

	status := map[string]curricula.MemberStatus{}
	for _, m := range p.Members {
		status[m.Curriculum] = m.Status
	}
	require.Equal(t, []string{curA, "academies/w/curricula/d", curB, curC},
		[]string{p.Members[0].Curriculum, p.Members[1].Curriculum, p.Members[2].Curriculum, p.Members[3].Curriculum})
	require.Equal(t, map[string]curricula.MemberStatus{curA: curricula.MemberKept, curB: curricula.MemberKept,
		curC: curricula.MemberRemoved, "academies/w/curricula/d": curricula.MemberAdded}, status)

	a := p.Members[0]
	key := func(gs []curricula.Gap) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.Competency+":"+string(g.Kind))
		}
		return out
	}
	require.Equal(t, []string{"a2:BELOW_DEPTH", "b1:MISSING"}, key(a.Closed))
	require.Equal(t, []string{"a1:BELOW_HOURS"}, key(a.Opened))
	require.Equal(t, 1, a.StillOpen) // a2 below hours
	require.Equal(t, curricula.DepthIntroduced, a.Closed[0].ActualDepth, "closed gaps keep the earlier figures")
	require.InDelta(t, a.ToIndex-a.FromIndex, a.IndexChange, 1e-9)

	b := p.Members[2]
	require.Empty(t, b.Closed)
	require.Empty(t, b.Opened)
	require.Equal(t, 3, b.StillOpen)
	require.Zero(t, b.IndexChange)

	added, removed := p.Members[1], p.Members[3]
	require.Equal(t, 100.0, added.ToIndex)
	require.Zero(t, added.IndexChange)
	require.Empty(t, added.Opened)
	require.Equal(t, 100.0, removed.FromIndex)
	require.Empty(t, removed.Closed)

	require.Equal(t, 2, p.GapsClosed)
	require.Equal(t, 1, p.GapsOpened)
	require.InDelta(t, (a.IndexChange+b.IndexChange)/2, p.KeptIndexChange, 1e-9)
}

func TestCompareSnapshotsFrameworkChange(t *testing.T) {
	a := &curricula.Snapshot{Meta: curricula.Meta{Name: "programmes/p/snapshots/a"}, Framework: engOldFW}
	b := &curricula.Snapshot{Meta: curricula.Meta{Name: "programmes/p/snapshots/b"}, Framework: engFW}
	p := curricula.CompareSnapshots(a, b)
	require.True(t, p.FrameworkChanged)
	require.Empty(t, p.Members)
	require.Zero(t, p.KeptIndexChange)
}
