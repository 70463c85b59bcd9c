package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// caughtUp waits until the server's index has applied every change.
func caughtUp(t *testing.T, p *process) {
	t.Helper()
	require.Eventually(t, func() bool {
		out, err := p.run(t, "-o", "json", "index", "stats")
		require.NoError(t, err, out)
		var st struct {
			Lag     string `json:"lag"`
			Modules int    `json:"modules"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &st), out)
		return (st.Lag == "" || st.Lag == "0") && st.Modules > 0
	}, 30*time.Second, 100*time.Millisecond)
}

func TestSearchCommands(t *testing.T) {
	p := serve(t, t.TempDir(), "--demo")
	caughtUp(t, p)

	out, err := p.run(t, "search", "risk analysis", "--limit", "5")
	require.NoError(t, err, out)
	require.Regexp(t, `^\d+ modules match "risk analysis" \(5 shown\)`, out)
	require.Contains(t, out, "concept search: RA-01")
	require.Contains(t, out, "matched: competency RA-01")
	require.Contains(t, out, "[Risk]", "matches are bracketed when stdout is not a terminal")
	require.Regexp(t, `(?m)^country: +PK \d+`, out)
	require.Contains(t, out, "more with --page-token ")

	// A Russian query in one case form, a code resolved in ibm-core, filters.
	out, err = p.run(t, "search", "анализа рисков", "--text-only", "--competency", "RA-01", "--country", "kz,KG", "--lang", "ru",
		"--order", "hours", "--facets", "country,depth")
	require.NoError(t, err, out)
	require.Contains(t, out, "kz-border-academy/curricula/basic-2024/modules/risk-analysis")
	require.Contains(t, out, "[Анализ] [рисков]")
	require.NotContains(t, out, "uz-border-institute")

	out, err = p.run(t, "-o", "json", "search", "--min-hours", "40", "--facets", "language", "--limit", "2")
	require.NoError(t, err, out)
	var resp struct {
		Hits []struct {
			Module struct{ Hours float64 } `json:"module"`
		} `json:"hits"`
		TotalSize int    `json:"total_size"`
		Next      string `json:"next_page_token"`
		Facets    []struct {
			Values []struct{ Count int } `json:"values"`
			Other  int                   `json:"other"`
		} `json:"facets"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp), out)
	require.Len(t, resp.Hits, 2)
	sum := resp.Facets[0].Other
	for _, v := range resp.Facets[0].Values {
		sum += v.Count
	}
	require.Equal(t, resp.TotalSize, sum)
	out, err = p.run(t, "search", "--min-hours", "40", "--facets", "language", "--limit", "2", "--page-token", resp.Next)
	require.NoError(t, err, out)
	out, err = p.run(t, "search", "--min-hours", "41", "--page-token", resp.Next)
	require.Error(t, err)
	require.Contains(t, out, "page_token")

	out, err = p.run(t, "search", "x", "--min-hours", "9", "--max-hours", "2", "--order", "title")
	require.Equal(t, 1, processExit(t, err), out)
	require.Contains(t, out, "min_hours")
	require.Contains(t, out, "order_by")
	out, err = p.run(t, "search", "x", "--competency", "ра-01")
	require.Equal(t, 2, processExit(t, err), out)

	out, err = p.run(t, "reindex", "--progress", "plain")
	require.NoError(t, err, out)
	require.Regexp(t, `reindex: \d+/\d+ documents`, out)
	require.Contains(t, out, "last rebuilt because  requested")
	require.Regexp(t, `modules +271`, out)

	out, err = p.run(t, "index", "stats")
	require.NoError(t, err, out)
	require.Regexp(t, `lag 0\)`, out)
	require.True(t, strings.HasPrefix(out, "path"), out)
}
