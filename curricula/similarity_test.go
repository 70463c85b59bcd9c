package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestTextSimilarity(t *testing.T) {
	tests := []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"identical", "Document examination", "Document examination", 1, 1},
		{"case and punctuation do not matter", "Risk analysis!", "  risk — ANALYSIS ", 1, 1},
		{"word order matters little", "analysis of risk", "risk analysis", 0.5, 0.9},
		{"inflection still matches (Russian)", "Анализ рисков на границе", "анализа риска на границах", 0.5, 0.95},
		{"unrelated", "Document forgery", "Mountain patrolling", 0, 0.15},
		{"different scripts share nothing", "Risk analysis", "Анализ рисков", 0, 0},
		{"empty", "", "Risk analysis", 0, 0},
		{"both empty", "", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := curricula.TextSimilarity(tt.a, tt.b)
			require.GreaterOrEqual(t, s, tt.min-1e-9)
			require.LessOrEqual(t, s, tt.max+1e-9)
			require.InDelta(t, s, curricula.TextSimilarity(tt.b, tt.a), 1e-12, "symmetric")
		})
	}
}

func TestJaccard(t *testing.T) {
	tests := []struct {
		a, b []string
		want float64
	}{
		{nil, nil, 0},
		{[]string{"a1"}, nil, 0},
		{[]string{"a1", "b1"}, []string{"a1", "b1"}, 1},
		{[]string{"a1", "a2", "b1"}, []string{"a2", "b1", "c"}, 0.5},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, curricula.Jaccard(tt.a, tt.b), "%v %v", tt.a, tt.b)
	}
}
