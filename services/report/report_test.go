package report_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/curricula/demo"
	"github.com/concord-ibm/concord/services/report"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// generated is the fixed moment of the golden reports (and of the demo's
// current snapshot in them).
var generated = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// demoInput is the report of a demo programme as the server would build
// it: the live analysis, the seeded snapshots and the editions.
func demoInput(t *testing.T, id string) *report.Input {
	t.Helper()
	d, err := demo.Load()
	require.NoError(t, err)
	var p *curricula.Programme
	for _, x := range d.Programmes {
		if x.Name == curricula.ProgrammeName(id) {
			p = x
		}
	}
	require.NotNil(t, p, id)
	in, err := d.Input(p)
	require.NoError(t, err)
	a, err := curricula.Analyse(in)
	require.NoError(t, err)
	history, err := demo.History(d, generated)
	require.NoError(t, err)
	var snaps []*curricula.Snapshot
	for _, s := range history {
		if strings.HasPrefix(s.Name, p.Name+"/") {
			snaps = append(snaps, s)
		}
	}
	require.Len(t, snaps, 2)
	titles := map[string]string{}
	for _, c := range d.Curricula {
		titles[c.Name] = c.Title
	}
	return &report.Input{Programme: p, Analysis: a, MemberTitles: titles, Snapshots: snaps,
		Editions: curricula.LatestEditions(d.Curricula), Generated: generated}
}

func render(t *testing.T, f report.Format, in *report.Input) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.Render(&b, f, in))
	return b.Bytes()
}

// TestGoldenReports compares the demo programmes' reports byte for byte
// with testdata/*.golden; go test -run Golden -update rewrites them.
func TestGoldenReports(t *testing.T) {
	for _, id := range []string{"central-asia", "silk-routes"} {
		for _, f := range report.Formats {
			t.Run(id+string(f.Extension()), func(t *testing.T) {
				got := render(t, f, demoInput(t, id))
				path := filepath.Join("testdata", id+f.Extension()+".golden")
				if *update {
					require.NoError(t, os.WriteFile(path, got, 0o644))
				}
				want, err := os.ReadFile(path)
				require.NoError(t, err, "run go test ./services/report -run Golden -update")
				require.Equal(t, string(want), string(got), "the report changed; if on purpose, rerun with -update and review the diff")
			})
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	in := demoInput(t, "central-asia")
	for _, f := range report.Formats {
		require.Equal(t, render(t, f, in), render(t, f, demoInput(t, "central-asia")), f)
	}
}

// The HTML report parses, is self-contained and has one heatmap cell per
// competency × member.
func TestHTMLReport(t *testing.T) {
	in := demoInput(t, "central-asia")
	doc, err := html.Parse(bytes.NewReader(render(t, report.HTML, in)))
	require.NoError(t, err)

	cells := map[[2]string]int{}
	svgs, scripts, external := 0, 0, []string{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if a.Key == "src" || a.Key == "href" || (a.Key == "style" && strings.Contains(a.Val, "url(")) {
					external = append(external, n.Data+" "+a.Key+"="+a.Val)
				}
			}
			switch n.Data {
			case "svg":
				svgs++
			case "script", "link", "img", "iframe", "object":
				scripts++
			case "g":
				if attrs["class"] == "cell" {
					cells[[2]string{attrs["data-competency"], attrs["data-member"]}]++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	require.Empty(t, external, "no external assets")
	require.Zero(t, scripts, "no scripts, links or images")
	require.GreaterOrEqual(t, svgs, 2, "heatmap and progress chart")

	rows, members := in.Analysis.Coverage.Rows, in.Analysis.Coverage.Members
	require.Len(t, cells, len(rows)*len(members))
	for _, row := range rows {
		for _, m := range members {
			id := strings.Split(m, "/")[1]
			require.Equal(t, 1, cells[[2]string{row.Code, id}], "%s × %s", row.Code, id)
		}
	}
}

func TestCSVReportHasOneRowPerCell(t *testing.T) {
	in := demoInput(t, "silk-routes")
	recs, err := csv.NewReader(bytes.NewReader(render(t, report.CSV, in))).ReadAll()
	require.NoError(t, err)
	cov := in.Analysis.Coverage
	require.Len(t, recs, 1+len(cov.Rows)*len(cov.Members))
	header := recs[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	// Every gap of the assessment is in the CSV, on its cell.
	gaps := 0
	for _, r := range recs[1:] {
		if g := r[col("gaps")]; g != "" {
			gaps += len(strings.Split(g, ";"))
		}
	}
	want := 0
	for _, m := range in.Analysis.Assessment.Members {
		want += m.GapCounts.Total()
	}
	require.Equal(t, want, gaps)
	require.Equal(t, "programmes/silk-routes", recs[1][col("programme")])
}

func TestReportWithoutSnapshotsAndWithHostileText(t *testing.T) {
	in := demoInput(t, "central-asia")
	p := *in.Programme
	p.Title = `<script>alert("x")</script> | *bold*`
	in.Programme, in.Snapshots = &p, nil
	h := string(render(t, report.HTML, in))
	require.NotContains(t, h, "<script>")
	require.Contains(t, h, "&lt;script&gt;")
	require.Contains(t, h, "No snapshots yet")
	m := string(render(t, report.Markdown, in))
	require.Contains(t, m, `&lt;script>alert("x")&lt;/script> \| \*bold\*`)
	require.Contains(t, m, "No snapshots yet")
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]report.Format{"": report.HTML, "HTML": report.HTML, "md": report.Markdown,
		"markdown": report.Markdown, " csv ": report.CSV} {
		f, err := report.ParseFormat(in)
		require.NoError(t, err, in)
		require.Equal(t, want, f, in)
	}
	_, err := report.ParseFormat("pdf")
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
	require.Contains(t, err.Error(), "html, md, csv")
	require.Error(t, report.Render(&bytes.Buffer{}, report.HTML, &report.Input{}))
}
