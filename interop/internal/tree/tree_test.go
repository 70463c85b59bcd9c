package tree

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestForest(t *testing.T) {
	for _, tc := range []struct {
		name       string
		parent     []int
		order, cut []int
	}{
		{"empty", nil, nil, nil},
		{"roots", []int{-1, -1}, []int{0, 1}, nil},
		{"chain listed backwards", []int{1, 2, -1}, []int{2, 1, 0}, nil},
		{"siblings keep index order", []int{-1, 0, 0, 1}, []int{0, 1, 3, 2}, nil},
		{"self", []int{0}, []int{0}, []int{0}},
		{"two-cycle", []int{1, 0, 1}, []int{1, 0, 2}, []int{1}},
		{"out of range", []int{7, -5}, []int{0, 1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			order, cut := Forest(tc.parent)
			require.Equal(t, tc.order, order)
			require.Equal(t, tc.cut, cut)
		})
	}
}
