package casefmt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fixtureDir finds shared/fixtures/case: the repository is cloned beside
// shared/, so it is ../../../shared/fixtures/case from this package; a
// checkout nested one level deeper (a worktree) finds it further up.
func fixtureDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	var tried []string
	for dir, i := filepath.Join(wd, "..", "..", ".."), 0; i < 3; dir, i = filepath.Dir(dir), i+1 {
		p := filepath.Join(dir, "shared", "fixtures", "case")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		tried = append(tried, p)
	}
	t.Fatalf("CASE fixtures not found; the repository must be cloned beside shared/ (tried %s)", strings.Join(tried, ", "))
	return ""
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), name))
	require.NoError(t, err, "fixture %s", name)
	return b
}
