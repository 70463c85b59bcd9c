package csvio

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOpen(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		sep      rune
		first    []string
	}{
		{"comma", "a,b,c\n1,2,3\n", ',', []string{"a", "b", "c"}},
		{"semicolon with BOM", "\uFEFFa;b;c\r\n1;2;3\r\n", ';', []string{"a", "b", "c"}},
		{"quoted commas do not count", "\"x,y,z\";b\n", ';', []string{"x,y,z", "b"}},
		{"tab", "a\tb\n", '\t', []string{"a", "b"}},
		{"one column", "a\n", ',', []string{"a"}},
		{"no line end", "a;b", ';', []string{"a", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr, sep, err := Open(strings.NewReader(tc.in), []rune{',', ';', '\t'})
			require.NoError(t, err)
			require.Equal(t, tc.sep, sep)
			rec, err := cr.Read()
			require.NoError(t, err)
			require.Equal(t, tc.first, rec)
		})
	}
	_, _, err := Open(strings.NewReader(strings.Repeat("a", MaxHeader+10)), []rune{','})
	require.ErrorIs(t, err, ErrHeaderTooLong)
}
