package corpus

import (
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestCorpusIsSeededValidAndSized(t *testing.T) {
	for _, n := range []int{1, 499, 2001} {
		c := New(Config{Modules: n, Seed: 7})
		var names []string
		seen := map[string]bool{}
		words := 0
		langs := map[string]bool{}
		require.NoError(t, c.Each(func(i int, m *curricula.Module) error {
			require.NoError(t, m.Validate(), m.Name)
			require.True(t, strings.HasPrefix(m.Name, c.Academies()[i].Name+"/"), m.Name)
			require.False(t, seen[m.Name], "duplicate %s", m.Name)
			require.NotEmpty(t, m.Alignments)
			seen[m.Name] = true
			names = append(names, m.Name)
			words += len(strings.Fields(Text(m)))
			langs[m.Language] = true
			return nil
		}))
		require.Len(t, names, n)
		for _, a := range c.Academies() {
			require.NoError(t, a.Validate())
		}
		for _, cu := range c.AllCurricula() {
			require.NoError(t, cu.Validate())
		}
		again := New(Config{Modules: n, Seed: 7})
		i := 0
		require.NoError(t, again.Each(func(_ int, m *curricula.Module) error {
			require.Equal(t, names[i], m.Name)
			i++
			return nil
		}))
		if n > 1000 {
			avg := words / n
			require.True(t, avg > 50 && avg < 120, "average words %d", avg)
			require.Greater(t, len(langs), 4)
		}
	}
}

func TestVocabulariesAreRankedAndDistinct(t *testing.T) {
	for lang := range scriptOf {
		v := vocabFor(lang)
		require.GreaterOrEqual(t, len(v), tailWords, lang)
		require.Len(t, seen(v), len(v), lang)
	}
	require.Contains(t, Words("en")[:200], "border")
	require.Contains(t, Words("ru")[:300], "границы")
}
