package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func edition(name, supersedes string) *curricula.Curriculum {
	return &curricula.Curriculum{Meta: curricula.Meta{Name: name}, Supersedes: supersedes}
}

func TestLatestEditions(t *testing.T) {
	const (
		k15 = "academies/k/curricula/basic-2015"
		k19 = "academies/k/curricula/basic-2019"
		k24 = "academies/k/curricula/basic-2024"
		g19 = "academies/g/curricula/basic-2019"
		g24 = "academies/g/curricula/basic-2024"
		g25 = "academies/g/curricula/basic-2025"
		x1  = "academies/x/curricula/one"
		x2  = "academies/x/curricula/two"
	)
	cases := []struct {
		name string
		cs   []*curricula.Curriculum
		want map[string]string
	}{
		{"none", nil, map[string]string{}},
		{"no supersedes", []*curricula.Curriculum{edition(k24, "")}, map[string]string{}},
		{"one step", []*curricula.Curriculum{edition(k19, ""), edition(k24, k19)}, map[string]string{k19: k24}},
		{"chain, any order", []*curricula.Curriculum{edition(k24, k19), edition(k15, ""), edition(k19, k15)},
			map[string]string{k15: k24, k19: k24}},
		{"superseded twice is ambiguous", []*curricula.Curriculum{edition(g19, ""), edition(g24, g19), edition(g25, g19)},
			map[string]string{}},
		{"cycle maps nothing", []*curricula.Curriculum{edition(x1, x2), edition(x2, x1)}, map[string]string{}},
		{"nil and self are ignored", []*curricula.Curriculum{nil, edition(x1, x1)}, map[string]string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, curricula.LatestEditions(tc.cs))
		})
	}
}

func TestSnapshotInEditions(t *testing.T) {
	const (
		old = "academies/k/curricula/basic-2019"
		cur = "academies/k/curricula/basic-2024"
		oth = "academies/g/curricula/basic-2024"
	)
	latest := map[string]string{old: cur}
	gap := curricula.Gap{Competency: "a1", Kind: curricula.GapMissing}
	s := &curricula.Snapshot{Meta: curricula.Meta{Name: "programmes/p/snapshots/s"}, Members: []curricula.MemberAssessment{
		{Curriculum: old, Index: 50, Gaps: []curricula.Gap{gap}},
		{Curriculum: oth, Index: 70},
	}}
	out, measured := s.InEditions(latest)
	require.Equal(t, []string{cur, oth}, []string{out.Members[0].Curriculum, out.Members[1].Curriculum})
	require.Equal(t, map[string]string{cur: old, oth: oth}, measured)
	require.Equal(t, old, s.Members[0].Curriculum, "the original is not changed")
	require.Equal(t, 50.0, out.Members[0].Index)

	// A member already on the new edition keeps the name; the old one is not renamed onto it.
	both := &curricula.Snapshot{Members: []curricula.MemberAssessment{{Curriculum: old}, {Curriculum: cur}}}
	out, measured = both.InEditions(latest)
	require.Equal(t, []string{old, cur}, []string{out.Members[0].Curriculum, out.Members[1].Curriculum})
	require.Equal(t, map[string]string{old: old, cur: cur}, measured)

	// Compared across editions, the academy is kept and its gap closes.
	now := &curricula.Snapshot{Members: []curricula.MemberAssessment{{Curriculum: cur, Index: 80}, {Curriculum: oth, Index: 70}}}
	a, _ := s.InEditions(latest)
	b, _ := now.InEditions(latest)
	p := curricula.CompareSnapshots(a, b)
	require.Equal(t, curricula.MemberKept, p.Members[0].Status)
	require.Equal(t, []curricula.Gap{gap}, p.Members[0].Closed)
	require.InDelta(t, 30, p.Members[0].IndexChange, 1e-9)
	require.Equal(t, 1, p.GapsClosed)
}
