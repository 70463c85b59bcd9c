package curricula

import "math"

// Credit is a member's partial credit in [0, 1] for one required
// competency: 0 when it is not taught, otherwise the mean of the depth
// credit min(1, depth/min_depth) and the hours credit
// min(1, hours/min_hours), each 1 when its minimum is 0. It is 1 exactly
// when the cell has no gap.
func Credit(t CompetencyTarget, c Cell) float64 {
	if !c.Taught() {
		return 0
	}
	d, h := 1.0, 1.0
	if t.MinDepth > 0 && c.Depth < t.MinDepth {
		d = max(0, float64(c.Depth)) / float64(t.MinDepth)
	}
	if c.Hours < t.MinHours-hoursEpsilon {
		h = max(0, c.Hours) / t.MinHours
	}
	return (d + h) / 2
}

// IndexSummary is the programme's harmonisation index: the mean of the
// members' indices, with their spread.
type IndexSummary struct {
	Index   float64 `json:"index"` // mean of the members' indices; 0 without members
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
	StdDev  float64 `json:"std_dev"` // population standard deviation
	Members int     `json:"members"`
}

// SummariseIndex summarises member indices.
func SummariseIndex(indices []float64) IndexSummary {
	s := IndexSummary{Members: len(indices)}
	if len(indices) == 0 {
		return s
	}
	s.Min, s.Max = math.Inf(1), math.Inf(-1)
	var sum float64
	for _, x := range indices {
		sum += x
		s.Min, s.Max = min(s.Min, x), max(s.Max, x)
	}
	s.Index = sum / float64(len(indices))
	var ss float64
	for _, x := range indices {
		ss += (x - s.Index) * (x - s.Index)
	}
	s.StdDev = math.Sqrt(ss / float64(len(indices)))
	return s
}
