package curricula_test

import (
	"fmt"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestMedianMAD(t *testing.T) {
	tests := []struct {
		xs          []float64
		median, mad float64
	}{
		{nil, 0, 0},
		{[]float64{7}, 7, 0},
		{[]float64{3, 1, 2}, 2, 1},
		{[]float64{4, 1, 3, 2}, 2.5, 1},
		{[]float64{10, 10, 12, 11, 40}, 11, 1},
		{[]float64{0, 0, 0, 20, 30}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.xs), func(t *testing.T) {
			in := append([]float64(nil), tt.xs...)
			m, mad := curricula.MedianMAD(in)
			require.Equal(t, tt.median, m)
			require.Equal(t, tt.mad, mad)
			require.Equal(t, tt.xs, in, "input unchanged")
		})
	}
}

func TestDivergence(t *testing.T) {
	tests := []struct {
		name      string
		hours     []float64 // a1's hours per member; 0 = not taught
		median    float64
		threshold float64
		outliers  map[int]float64 // member → deviation
	}{
		{name: "one member far above", hours: []float64{10, 10, 12, 11, 40}, median: 11, threshold: 4, outliers: map[int]float64{4: 29}},
		{name: "MAD scale sets the threshold", hours: []float64{10, 20, 30, 40, 50, 200}, median: 35,
			threshold: 2.5 * 1.4826 * 15, outliers: map[int]float64{5: 165}},
		{name: "small differences are not divergence", hours: []float64{10, 10, 10, 13, 7}, median: 10, threshold: 4},
		{name: "most do not teach it", hours: []float64{0, 0, 0, 20, 30}, median: 0, threshold: 4, outliers: map[int]float64{3: 20, 4: 30}},
		{name: "two members never diverge", hours: []float64{0, 100}, median: 50, threshold: 2.5 * 1.4826 * 50},
		{name: "single member", hours: []float64{9}, median: 9, threshold: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var members []curricula.MemberInput
			for i, h := range tt.hours {
				cur := fmt.Sprintf("academies/a%d/curricula/c", i)
				var mods []*curricula.Module
				if h > 0 {
					mods = append(mods, engModule(t, cur, "m", h, "a1:I"))
				}
				members = append(members, engMember(cur, engFW, mods...))
			}
			cov, err := curricula.ComputeCoverage(engInput(curricula.Targets{}, members...))
			require.NoError(t, err)
			divs := cov.Divergence()
			require.Equal(t, []string{"a", "a1"}, []string{divs[0].Competency, divs[1].Competency}, "only taught competencies")
			d := divs[1]
			require.Equal(t, tt.median, d.Median)
			require.InDelta(t, tt.threshold, d.Threshold, 1e-9)
			got := map[int]float64{}
			for _, o := range d.Outliers {
				var i int
				_, err := fmt.Sscanf(o.Member, "academies/a%d/curricula/c", &i)
				require.NoError(t, err)
				require.Equal(t, tt.hours[i], o.Hours)
				got[i] = o.Deviation
			}
			if tt.outliers == nil {
				tt.outliers = map[int]float64{}
			}
			require.Equal(t, tt.outliers, got)
			for i := 1; i < len(d.Outliers); i++ {
				require.GreaterOrEqual(t, engAbs(d.Outliers[i-1].Deviation), engAbs(d.Outliers[i].Deviation))
			}
		})
	}
}

func engAbs(x float64) float64 { return max(x, -x) }
