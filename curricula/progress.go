package curricula

import "time"

// MemberStatus says whether a member is in both snapshots compared.
type MemberStatus string

// Member statuses.
const (
	MemberKept    MemberStatus = "KEPT"
	MemberAdded   MemberStatus = "ADDED"   // only in the later snapshot
	MemberRemoved MemberStatus = "REMOVED" // only in the earlier snapshot
)

// Progress is what changed between two snapshots of a programme.
type Progress struct {
	From             string    `json:"from"` // snapshot names
	To               string    `json:"to"`
	FromTime         time.Time `json:"from_time"`
	ToTime           time.Time `json:"to_time"`
	FrameworkChanged bool      `json:"framework_changed,omitempty"`
	FromIndex        float64   `json:"from_index"`
	ToIndex          float64   `json:"to_index"`
	// IndexChange is ToIndex − FromIndex: it includes the effect of
	// members joining or leaving.
	IndexChange float64 `json:"index_change"`
	// KeptIndexChange is the mean index change of the members in both
	// snapshots (0 when there are none): like for like.
	KeptIndexChange float64          `json:"kept_index_change"`
	GapsClosed      int              `json:"gaps_closed"` // over kept members
	GapsOpened      int              `json:"gaps_opened"`
	Members         []MemberProgress `json:"members"`
}

// MemberProgress is one member's change. A gap is identified by its
// competency and kind: Closed lists the earlier snapshot's gaps that the
// later one no longer has, Opened the later one's that are new. Gaps of
// added and removed members are neither closed nor opened.
type MemberProgress struct {
	Curriculum  string       `json:"curriculum"`
	Status      MemberStatus `json:"status"`
	FromIndex   float64      `json:"from_index"`
	ToIndex     float64      `json:"to_index"`
	IndexChange float64      `json:"index_change"` // 0 unless KEPT
	Closed      []Gap        `json:"closed,omitempty"`
	Opened      []Gap        `json:"opened,omitempty"`
	StillOpen   int          `json:"still_open"`
}

// CompareSnapshots reports the progress from snapshot a to the later
// snapshot b. Members are listed in b's order, then those only in a.
func CompareSnapshots(a, b *Snapshot) *Progress {
	p := &Progress{From: a.Name, To: b.Name, FromTime: a.TakenAt, ToTime: b.TakenAt,
		FrameworkChanged: a.Framework != b.Framework,
		FromIndex:        a.Index.Index, ToIndex: b.Index.Index, IndexChange: b.Index.Index - a.Index.Index}
	before := make(map[string]*MemberAssessment, len(a.Members))
	for i := range a.Members {
		before[a.Members[i].Curriculum] = &a.Members[i]
	}
	inB := make(map[string]bool, len(b.Members))
	kept := 0
	for _, mb := range b.Members {
		inB[mb.Curriculum] = true
		ma, ok := before[mb.Curriculum]
		if !ok {
			p.Members = append(p.Members, MemberProgress{Curriculum: mb.Curriculum, Status: MemberAdded, ToIndex: mb.Index})
			continue
		}
		mp := MemberProgress{Curriculum: mb.Curriculum, Status: MemberKept,
			FromIndex: ma.Index, ToIndex: mb.Index, IndexChange: mb.Index - ma.Index}
		old, cur := gapSet(ma.Gaps), gapSet(mb.Gaps)
		for _, g := range ma.Gaps {
			if !cur[gapKey{g.Competency, g.Kind}] {
				mp.Closed = append(mp.Closed, g)
			}
		}
		for _, g := range mb.Gaps {
			if old[gapKey{g.Competency, g.Kind}] {
				mp.StillOpen++
			} else {
				mp.Opened = append(mp.Opened, g)
			}
		}
		p.GapsClosed += len(mp.Closed)
		p.GapsOpened += len(mp.Opened)
		p.KeptIndexChange += mp.IndexChange
		kept++
		p.Members = append(p.Members, mp)
	}
	if kept > 0 {
		p.KeptIndexChange /= float64(kept)
	}
	for _, ma := range a.Members {
		if !inB[ma.Curriculum] {
			p.Members = append(p.Members, MemberProgress{Curriculum: ma.Curriculum, Status: MemberRemoved, FromIndex: ma.Index})
		}
	}
	return p
}

type gapKey struct {
	competency string
	kind       GapKind
}

func gapSet(gaps []Gap) map[gapKey]bool {
	s := make(map[gapKey]bool, len(gaps))
	for _, g := range gaps {
		s[gapKey{g.Competency, g.Kind}] = true
	}
	return s
}
