package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

var centralAsiaMembers = []string{"kz-border-academy", "kg-border-institute", "tj-border-academy", "tm-border-institute", "uz-border-institute"}

func TestHarmonisationCommands(t *testing.T) {
	p := serve(t, t.TempDir(), "--demo")

	t.Run("gaps lists each member's gaps", func(t *testing.T) {
		out, err := p.run(t, "gaps", "central-asia")
		require.NoError(t, err, out)
		for _, m := range centralAsiaMembers {
			require.Regexp(t, m+`/basic-2024 — index \d+\.\d, \d+/40 targets met, \d+ gaps \(`, out)
		}
		require.Contains(t, out, "not taught")

		out, err = p.run(t, "gaps", "central-asia", "--member", "kz-border-academy", "--kind", "below_hours")
		require.NoError(t, err, out)
		require.Contains(t, out, "kz-border-academy/basic-2024")
		require.NotContains(t, out, "kg-border-institute")
		require.NotContains(t, out, "missing  ")
		require.Contains(t, out, "below hours")

		out, err = p.run(t, "gaps", "central-asia", "--kind", "nope")
		require.Error(t, err)
		require.Contains(t, out, "--kind")
		out, err = p.run(t, "gaps", "central-asia", "--member", "nobody")
		require.Error(t, err)
		require.Contains(t, out, "InvalidArgument")
		require.Contains(t, out, "member")
	})

	t.Run("coverage", func(t *testing.T) {
		out, err := p.run(t, "coverage", "central-asia", "--required")
		require.NoError(t, err, out)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		header := lines[2]
		for _, m := range centralAsiaMembers {
			require.Contains(t, header, m)
		}
		rows := 0
		for _, l := range lines[3:] {
			if strings.HasPrefix(l, "BC-") || strings.HasPrefix(l, "FR-") || strings.HasPrefix(l, "RA-") {
				rows++
			}
		}
		require.Equal(t, 7+4+4, rows, "the required BC, FR and RA competencies")
		require.Contains(t, out, "–*", "a missing competency is marked")

		out, err = p.run(t, "-o", "json", "coverage", "programmes/central-asia")
		require.NoError(t, err, out)
		var cov struct {
			Members []struct {
				Member string `json:"member"`
			} `json:"members"`
			Rows []json.RawMessage `json:"rows"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &cov))
		require.Len(t, cov.Members, 5)
		require.Greater(t, len(cov.Rows), 40)
	})

	t.Run("diff shows shared and missing competencies with counterparts", func(t *testing.T) {
		out, err := p.run(t, "diff", "kz-border-academy/basic-2024", "kg-border-institute/basic-2024")
		require.NoError(t, err, out)
		require.Regexp(t, `\d+ competencies shared, \d+ only in kz-border-academy/basic-2024, \d+ only in kg-border-institute/basic-2024`, out)
		require.Contains(t, out, "Only in kz-border-academy/basic-2024 (missing in kg-border-institute/basic-2024)")
		require.Contains(t, out, "Only in kg-border-institute/basic-2024 (missing in kz-border-academy/basic-2024)")
		require.Contains(t, out, "Module counterparts of kz-border-academy/basic-2024 in kg-border-institute/basic-2024")
		require.Regexp(t, `→ ПД-\S+ .+ \(Jaccard \d\.\d\d, text \d\.\d\d; shared [A-Z]+-\d\d`, out)

		out, err = p.run(t, "diff", "kz-border-academy/basic-2024", "academies/xx/curricula/yy")
		require.Error(t, err)
		require.Contains(t, out, "NotFound")
	})

	t.Run("snapshot, snapshots, progress", func(t *testing.T) {
		out, err := p.run(t, "progress", "central-asia")
		require.NoError(t, err, out)
		require.Contains(t, out, "on-2021-06-30 (2021-06-30) → on-")
		require.Regexp(t, `kz-border-academy\s+KEPT\s+\d+\.\d\s+\d+\.\d\s+\+\d+\.\d.*basic-2019 → basic-2024`, out)

		out, err = p.run(t, "snapshot", "central-asia", "--title", "After the workshop")
		require.NoError(t, err, out)
		require.Regexp(t, `created programmes/central-asia/snapshots/on-\d{4}-\d\d-\d\d(-2)? "After the workshop"`, out)

		out, err = p.run(t, "snapshots", "central-asia")
		require.NoError(t, err, out)
		require.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 1+3)
		require.Contains(t, out, "After the workshop")

		out, err = p.run(t, "progress", "central-asia", "--from", "2021-06-30", "--gaps")
		require.NoError(t, err, out)
		require.Contains(t, out, "closed: ")
	})

	t.Run("report", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "central-asia.html")
		out, err := p.run(t, "report", "central-asia", "--format", "html", "-O", file)
		require.NoError(t, err, out)
		require.Contains(t, out, "wrote "+file)
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		doc, err := html.Parse(bytes.NewReader(b))
		require.NoError(t, err)
		cells := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "g" {
				for _, a := range n.Attr {
					if a.Key == "class" && a.Val == "cell" {
						cells++
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		require.Equal(t, 101*5, cells, "one heatmap cell per competency × member")

		out, err = p.run(t, "report", "central-asia", "--format", "md")
		require.NoError(t, err, out)
		require.Contains(t, out, "## Coverage: competency × member")
		out, err = p.run(t, "report", "central-asia", "--format", "csv")
		require.NoError(t, err, out)
		require.Equal(t, 1+101*5, strings.Count(out, "\n"))
		out, err = p.run(t, "report", "central-asia", "--format", "pdf")
		require.Error(t, err)
		require.Contains(t, out, "--format")
	})
}

func TestShortNames(t *testing.T) {
	cases := []struct {
		fn       func(string) string
		in, want string
	}{
		{programmeName, "central-asia", "programmes/central-asia"},
		{programmeName, "programmes/central-asia", "programmes/central-asia"},
		{curriculumName, "kz-border-academy/basic-2024", "academies/kz-border-academy/curricula/basic-2024"},
		{curriculumName, "kz-border-academy/curricula/basic-2024", "academies/kz-border-academy/curricula/basic-2024"},
		{curriculumName, "academies/kz-border-academy/curricula/basic-2024", "academies/kz-border-academy/curricula/basic-2024"},
		{curriculumName, "basic-2024", "basic-2024"},
		{snapshotRef, "2021-06-30", "on-2021-06-30"},
		{snapshotRef, "on-2021-06-30", "on-2021-06-30"},
		{snapshotRef, "programmes/p/snapshots/q4", "programmes/p/snapshots/q4"},
		{snapshotRef, "", ""},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, tc.fn(tc.in), tc.in)
	}
}
