package curricula

import (
	"cmp"
	"math"
	"slices"
)

// Divergence thresholds: a member is far from the others on a competency
// when |hours − median| > DivergenceMADFactor × 1.4826 × MAD and
// |hours − median| > DivergenceMinHours.
const (
	DivergenceMADFactor = 2.5
	DivergenceMinHours  = 4.0
	// madScale makes the MAD estimate the standard deviation of normally
	// distributed hours.
	madScale = 1.4826
)

// Divergence is the spread of one competency's hours across the members.
type Divergence struct {
	Competency string  `json:"competency"` // ID
	Code       string  `json:"code"`
	Median     float64 `json:"median"`
	MAD        float64 `json:"mad"` // median absolute deviation (unscaled)
	Min        float64 `json:"min"`
	Max        float64 `json:"max"`
	// Threshold is the deviation beyond which a member is an outlier:
	// max(DivergenceMADFactor × 1.4826 × MAD, DivergenceMinHours).
	Threshold float64   `json:"threshold"`
	Outliers  []Outlier `json:"outliers,omitempty"` // largest deviation first
}

// Outlier is a member far from the median.
type Outlier struct {
	Member    string  `json:"member"` // curriculum name
	Hours     float64 `json:"hours"`
	Deviation float64 `json:"deviation"` // hours − median
}

// Divergence returns the spread of hours of every competency that at least
// one member teaches, in row order. Members that do not teach it count
// with 0 hours.
func (c *Coverage) Divergence() []Divergence {
	var out []Divergence
	hours := make([]float64, len(c.Members))
	for _, row := range c.Rows {
		if !slices.ContainsFunc(row.Cells, Cell.Taught) {
			continue
		}
		for m, cell := range row.Cells {
			hours[m] = cell.Hours
		}
		d := Divergence{Competency: row.Competency, Code: row.Code}
		d.Median, d.MAD = MedianMAD(hours)
		d.Min, d.Max = slices.Min(hours), slices.Max(hours)
		d.Threshold = max(DivergenceMADFactor*madScale*d.MAD, DivergenceMinHours)
		for m, h := range hours {
			if dev := h - d.Median; math.Abs(dev) > d.Threshold {
				d.Outliers = append(d.Outliers, Outlier{Member: c.Members[m], Hours: h, Deviation: dev})
			}
		}
		slices.SortStableFunc(d.Outliers, func(a, b Outlier) int {
			return cmp.Compare(math.Abs(b.Deviation), math.Abs(a.Deviation))
		})
		out = append(out, d)
	}
	return out
}

// MedianMAD returns the median of xs and the median of the absolute
// deviations from it; both are 0 for an empty slice.
func MedianMAD(xs []float64) (median, mad float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	s := slices.Clone(xs)
	median = sortedMedian(s)
	for i, x := range xs {
		s[i] = math.Abs(x - median)
	}
	return median, sortedMedian(s)
}

// sortedMedian sorts s and returns its median (the mean of the two middle
// values for an even length).
func sortedMedian(s []float64) float64 {
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
