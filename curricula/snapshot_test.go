package curricula_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

var engT0 = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

func engAnalysis(t *testing.T, members ...curricula.MemberInput) *curricula.Analysis {
	t.Helper()
	targets := curricula.Targets{MinDepth: curricula.DepthReinforced, MinHours: 4}
	a, err := curricula.Analyse(engInput(targets, members...))
	require.NoError(t, err)
	return a
}

func TestNewSnapshot(t *testing.T) {
	a := engAnalysis(t,
		engMember(curA, engFW, engModule(t, curA, "m", 10, "a1:R:6; a2:I:4")),
		engMember(curB, engFW))
	require.Equal(t, "programmes/p", a.Programme)
	s := curricula.NewSnapshot("programmes/p/snapshots/q1", "Baseline", engT0, a)
	require.NoError(t, s.Validate())
	require.Equal(t, curricula.KindSnapshot, s.Kind())
	require.Equal(t, engFW, s.Framework)
	require.Len(t, s.Members, 2)
	// a1 met; a2 below depth (I<R), hours 4 ok; b1 missing.
	require.Equal(t, curricula.GapCounts{Missing: 1, BelowDepth: 1}, s.Members[0].GapCounts)
	require.InDelta(t, 100*(1+0.75)/3, s.Members[0].Index, 1e-9)
	require.Equal(t, curricula.GapCounts{Missing: 3}, s.Members[1].GapCounts)
	require.InDelta(t, (s.Members[0].Index+0)/2, s.Index.Index, 1e-9)

	raw, err := json.Marshal(s)
	require.NoError(t, err)
	var back curricula.Snapshot
	require.NoError(t, json.Unmarshal(raw, &back))
	require.Equal(t, s, &back)
	require.Contains(t, string(raw), `"taken_at":"2025-03-01T00:00:00Z"`)
	require.Contains(t, string(raw), `"kind":"MISSING"`)
}

func TestSnapshotValidate(t *testing.T) {
	valid := func() *curricula.Snapshot {
		return &curricula.Snapshot{Meta: curricula.Meta{Name: "programmes/p/snapshots/s"}, Title: "Q1", TakenAt: engT0,
			Framework: engFW, Index: curricula.IndexSummary{Index: 50, Members: 1},
			Members: []curricula.MemberAssessment{{Curriculum: curA, Index: 50, Required: 2, Met: 1,
				GapCounts: curricula.GapCounts{BelowHours: 1},
				Gaps:      []curricula.Gap{{Competency: "a1", Kind: curricula.GapBelowHours, TargetHours: 4, ActualHours: 1}}}}}
	}
	require.NoError(t, valid().Validate())
	tests := []struct {
		name   string
		edit   func(*curricula.Snapshot)
		fields []string
	}{
		{"name", func(s *curricula.Snapshot) { s.Name = "programmes/p" }, []string{"name"}},
		{"title", func(s *curricula.Snapshot) { s.Title = "" }, []string{"title"}},
		{"taken_at", func(s *curricula.Snapshot) { s.TakenAt = time.Time{} }, []string{"taken_at"}},
		{"framework", func(s *curricula.Snapshot) { s.Framework = "ibm" }, []string{"framework"}},
		{"programme index", func(s *curricula.Snapshot) { s.Index.Index = 101 }, []string{"index.index"}},
		{"member name", func(s *curricula.Snapshot) { s.Members[0].Curriculum = "academies/x" }, []string{"members[0].curriculum"}},
		{"member twice", func(s *curricula.Snapshot) { s.Members = append(s.Members, s.Members[0]) }, []string{"members[1].curriculum"}},
		{"member index", func(s *curricula.Snapshot) { s.Members[0].Index = -1 }, []string{"members[0].index"}},
		{"met", func(s *curricula.Snapshot) { s.Members[0].Met = 3 }, []string{"members[0].met"}},
		{"gap kind", func(s *curricula.Snapshot) { s.Members[0].Gaps[0].Kind = "LATE" },
			[]string{"members[0].gaps[0].kind", "members[0].gap_counts"}},
		{"gap competency", func(s *curricula.Snapshot) { s.Members[0].Gaps[0].Competency = "A 1" }, []string{"members[0].gaps[0].competency"}},
		{"gap twice", func(s *curricula.Snapshot) {
			s.Members[0].Gaps = append(s.Members[0].Gaps, s.Members[0].Gaps[0])
			s.Members[0].GapCounts.BelowHours = 2
		}, []string{"members[0].gaps[1]"}},
		{"counts do not match", func(s *curricula.Snapshot) { s.Members[0].GapCounts.Missing = 1 }, []string{"members[0].gap_counts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := valid()
			tt.edit(s)
			err := s.Validate()
			var e *curricula.Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, curricula.EINVALID, e.Code)
			var fields []string
			for _, v := range e.Violations {
				fields = append(fields, v.Field)
			}
			require.Equal(t, tt.fields, fields)
		})
	}
}
