package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// renderMarkdown writes the report as GitHub-flavoured Markdown: the same
// sections as the HTML, the heatmap as a table and the progress chart as
// the table of indices by snapshot.
func renderMarkdown(w io.Writer, v *view) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# %s\n\n", md(v.Title))
	p("%s · framework %s · generated %s\n\n", v.Name, v.Framework, v.Generated)
	if v.Description != "" {
		p("%s\n\n", md(v.Description))
	}

	p("## Harmonisation index\n\n")
	p("**%s** / 100 — the mean of the %d members' indices (lowest %s, highest %s, standard deviation %s).\n\n",
		v.Index.Index, v.Index.Members, v.Index.Min, v.Index.Max, v.Index.StdDev)
	p("| Member | Curriculum | Index | Targets met | Missing | Below depth | Below hours |\n|---|---|--:|--:|--:|--:|--:|\n")
	for _, m := range v.Members {
		p("| %s | %s | %s | %d / %d | %d | %d | %d |\n", md(m.Label), md(m.Curriculum), m.Index, m.Met, m.Required,
			m.Counts.Missing, m.Counts.BelowDepth, m.Counts.BelowHours)
	}

	p("\n## Coverage: competency × member\n\n")
	p("Each cell: the deepest depth (I introduced, R reinforced, M mastered) and the hours; `–` not taught; `*` below the programme's target. Areas in bold add up their competencies. Target: depth · hours of a required competency.\n\n")
	p("| Code | Competency | Target |")
	for _, m := range v.Members {
		p(" %s |", md(m.Label))
	}
	p("\n|---|---|---|%s\n", strings.Repeat("---|", len(v.Members)))
	for _, r := range v.Rows {
		code, title := md(r.Code), strings.Repeat("  ", r.Level)+md(r.Title)
		if !r.Leaf {
			code, title = "**"+code+"**", "**"+md(r.Title)+"**"
		}
		p("| %s | %s | %s |", code, title, r.Target)
		for _, c := range r.Cells {
			cell := "–"
			if c.Modules > 0 {
				cell = c.Depth + " " + c.Hours
			}
			if len(c.Gaps) > 0 {
				cell += "*"
			}
			p(" %s |", cell)
		}
		p("\n")
	}

	p("\n## Gaps by member\n")
	for _, m := range v.Members {
		p("\n### %s · %s — index %s, %d gaps (%d missing, %d below depth, %d below hours)\n\n", md(m.Label), md(m.Curriculum), m.Index,
			m.Counts.Total(), m.Counts.Missing, m.Counts.BelowDepth, m.Counts.BelowHours)
		if len(m.Gaps) == 0 {
			p("Every target is met.\n")
			continue
		}
		p("| Code | Competency | Gap | Target | Actual |\n|---|---|---|---|---|\n")
		for _, g := range m.Gaps {
			p("| %s | %s | %s | %s | %s |\n", md(g.Code), md(g.Title), g.KindText, g.Target, g.Actual)
		}
	}

	p("\n## Divergence\n\n")
	p("Members whose hours differ from the median by more than max(2.5 × 1.4826 × MAD, 4 h).\n\n")
	if len(v.Divergent) == 0 {
		p("No member is far from the others on any competency.\n")
	} else {
		p("| Code | Competency | Median h | Threshold h | Far from the others (hours, deviation) |\n|---|---|--:|--:|---|\n")
		for _, d := range v.Divergent {
			var os []string
			for _, o := range d.Outliers {
				os = append(os, fmt.Sprintf("%s %s h (%s)", md(o.Member), o.Hours, o.Deviation))
			}
			p("| %s | %s | %s | %s | %s |\n", md(d.Code), md(d.Title), d.Median, d.Threshold, strings.Join(os, "; "))
		}
	}

	p("\n## Progress\n\n")
	if pr := v.Progress; pr != nil {
		p("From **%s** (%s) to **%s** (%s): programme index %s → %s (%s; %s on average for the members in both), %d gaps closed, %d opened.",
			pr.From, pr.FromTime, pr.To, pr.ToTime, pr.FromIndex, pr.ToIndex, pr.IndexChange, pr.KeptIndexChange, pr.GapsClosed, pr.GapsOpened)
		if pr.FrameworkChanged {
			p(" The framework changed between the two.")
		}
		p("\n\n| Member | Status | Index then | Index now | Change | Gaps closed | Gaps opened | Still open |\n|---|---|--:|--:|--:|---|---|--:|\n")
		for _, m := range pr.Members {
			lbl := md(m.Label)
			if m.Editions != "" {
				lbl += " (" + m.Editions + ")"
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %d |\n", lbl, m.Status, m.FromIndex, m.ToIndex, m.Change,
				md(m.ClosedText), md(m.OpenedText), m.StillOpen)
		}
		p("\n")
	}
	if len(v.Snapshots) == 0 {
		p("No snapshots yet: create one to start the progress record.\n")
	} else {
		p("Index by snapshot:\n\n| Snapshot | Taken | Title | Programme |")
		for _, h := range v.History {
			p(" %s |", md(h))
		}
		p("\n|---|---|---|--:|%s\n", strings.Repeat("--:|", len(v.History)))
		for _, s := range v.Snapshots {
			p("| %s | %s | %s | %s |", s.ID, s.Time, md(s.Title), s.Index)
			for _, x := range s.Indices {
				p(" %s |", x)
			}
			p("\n")
		}
	}

	if len(v.Issues) > 0 {
		p("\n## Data issues\n\n")
		for _, i := range v.Issues {
			p("- %s: %s\n", i.Reason, md(i.Message))
		}
	}
	return b.Flush()
}

// md escapes the characters that would break a Markdown table or start
// markup.
var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;")

func md(s string) string { return mdEscaper.Replace(s) }
