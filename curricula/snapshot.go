package curricula

import (
	"fmt"
	"math"
	"time"
)

// Snapshot is a programme's harmonisation figures frozen at a date
// (programmes/{programme}/snapshots/{snapshot}); the series of snapshots
// is the programme's progress record.
type Snapshot struct {
	Meta
	Title string `json:"title"`
	// TakenAt is the moment the figures describe.
	TakenAt   time.Time          `json:"taken_at"`
	Framework string             `json:"framework"`
	Index     IndexSummary       `json:"index"`
	Members   []MemberAssessment `json:"members,omitempty"`
}

func (*Snapshot) Kind() Kind { return KindSnapshot }

// NewSnapshot freezes an analysis under name.
func NewSnapshot(name, title string, takenAt time.Time, a *Analysis) *Snapshot {
	return &Snapshot{Meta: Meta{Name: name}, Title: title, TakenAt: takenAt,
		Framework: a.Framework, Index: a.Assessment.Index, Members: a.Assessment.Members}
}

// Validate checks the snapshot's fields: names, indices in 0–100, gap kinds
// and that each member's gap counts match its gaps.
func (s *Snapshot) Validate() error {
	var vs Violations
	checkName(&vs, KindSnapshot, s.Name)
	if s.Title == "" {
		vs.Add("title", "is required")
	}
	if s.TakenAt.IsZero() {
		vs.Add("taken_at", "is required")
	}
	if _, err := ParseName(KindFramework, s.Framework); err != nil {
		vs.Add("framework", "%q is not a framework name (frameworks/{framework})", s.Framework)
	}
	checkIndex(&vs, "index.index", s.Index.Index)
	seen := map[string]bool{}
	for i, m := range s.Members {
		f := fmt.Sprintf("members[%d]", i)
		if _, err := ParseName(KindCurriculum, m.Curriculum); err != nil {
			vs.Add(f+".curriculum", "%q is not a curriculum name", m.Curriculum)
		}
		if seen[m.Curriculum] {
			vs.Add(f+".curriculum", "%q is listed twice", m.Curriculum)
		}
		seen[m.Curriculum] = true
		checkIndex(&vs, f+".index", m.Index)
		if m.Met < 0 || m.Met > m.Required {
			vs.Add(f+".met", "must be between 0 and required (%d), got %d", m.Required, m.Met)
		}
		gaps := map[string]bool{}
		for j, g := range m.Gaps {
			gf := fmt.Sprintf("%s.gaps[%d]", f, j)
			if !ValidID(g.Competency) {
				vs.Add(gf+".competency", "%q is not a competency ID", g.Competency)
			}
			if !oneOf(g.Kind, GapKinds) {
				vs.Add(gf+".kind", "%q is not one of %s", g.Kind, joinAllowed(GapKinds))
			}
			key := g.Competency + "\x00" + string(g.Kind)
			if gaps[key] {
				vs.Add(gf, "%s gap on %q is listed twice", g.Kind, g.Competency)
			}
			gaps[key] = true
		}
		if got := CountGaps(m.Gaps); got != m.GapCounts {
			vs.Add(f+".gap_counts", "%+v do not match the gaps listed (%+v)", m.GapCounts, got)
		}
	}
	return vs.Err()
}

func checkIndex(vs *Violations, field string, x float64) {
	if math.IsNaN(x) || x < 0 || x > 100 {
		vs.Add(field, "must be between 0 and 100, got %v", x)
	}
}
