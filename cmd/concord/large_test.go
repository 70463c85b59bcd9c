//go:build large

package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLargeCSVImport streams a 100k-row spreadsheet through the real
// binary: once with one bad row in the middle (nothing stored, the row and
// the column named), then clean (every row stored in one transaction).
// It runs in `make test-large` (without the race detector), not in `make
// test`; it logs its timings and asserts none.
func TestLargeCSVImport(t *testing.T) {
	const n = 100000
	p := serve(t, t.TempDir())
	academyWithCurriculum(t, p, "xx-large")
	dir := t.TempDir()

	bad := filepath.Join(dir, "bad.csv")
	writeModules(t, bad, n, n/2)
	start := time.Now()
	out, err := p.run(t, "import", "csv", bad, "--academy", "xx-large", "--progress", "plain")
	require.Equal(t, 1, processExit(t, err), out)
	require.Contains(t, out, fmt.Sprintf("row %d, hours: must not be negative, got -4\n", n/2+1))
	require.Contains(t, out, fmt.Sprintf("concord: %d rows read, 1 error; nothing was stored", n))
	t.Logf("100k rows, one bad: %s\n%s", time.Since(start).Round(time.Millisecond), out)
	out, err = p.run(t, "-o", "json", "modules", "list", "academies/xx-large/curricula/basic-2024", "--page-size", "1")
	require.NoError(t, err, out)
	require.Contains(t, out, `"modules": [`+"\n  ]")

	good := filepath.Join(dir, "good.csv")
	writeModules(t, good, n, 0)
	start = time.Now()
	out, err = p.run(t, "import", "csv", good, "--academy", "xx-large", "--progress", "plain")
	require.NoError(t, err, out)
	require.Regexp(t, regexp.MustCompile(fmt.Sprintf(`imported %d rows into academies/xx-large: %d created, 0 updated, 0 unchanged in \S+ \(\d+ rows/s\)`, n, n)), out)
	t.Logf("100k rows: %s\n%s", time.Since(start).Round(time.Millisecond), out)
}
