package corpus

import (
	"context"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestGenerateIsValidSeededAndOrdered(t *testing.T) {
	collect := func() []curricula.Resource {
		var out []curricula.Resource
		err := Generate(context.Background(), Config{Seed: 42, Modules: 250}, func(r curricula.Resource) error {
			out = append(out, r)
			return nil
		})
		require.NoError(t, err)
		return out
	}
	a, b := collect(), collect()
	require.Equal(t, a, b, "same seed, same corpus")

	seen := map[string]bool{curricula.FrameworkName(curricula.DefaultFrameworkID): true}
	modules, words := 0, 0
	for _, r := range a {
		require.NoError(t, r.Validate(), r.GetMeta().Name)
		n, err := curricula.ParseName(r.Kind(), r.GetMeta().Name)
		require.NoError(t, err)
		if p, ok := n.Parent(); ok {
			require.True(t, seen[p.String()], "parent of %s comes first", n)
		}
		seen[n.String()] = true
		if m, ok := r.(*curricula.Module); ok {
			modules++
			require.NotEmpty(t, m.Alignments)
			words += len(splitWords(m.Title, m.Description)) + len(splitWords(m.Outcomes...))
		}
	}
	require.Equal(t, 250, modules)
	avg := words / modules
	require.True(t, avg >= 60 && avg <= 120, "average words per module %d", avg)
}

func TestQueriesAreSeeded(t *testing.T) {
	require.Equal(t, Queries(1, 50), Queries(1, 50))
	require.Len(t, Queries(1, 50), 50)
}

func splitWords(s ...string) []string { return strings.Fields(strings.Join(s, " ")) }
