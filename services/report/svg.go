package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
)

// The SVG pictures are laid out here, in whole pixels, and drawn by the
// HTML template (which escapes every text).

// Depth colours: ColorBrewer "Blues", a sequential scheme that reads the
// same for every common colour-vision deficiency; gaps are outlined in
// orange, which stays distinct from blue for all of them.
var depthFill = map[string]string{"": "#f2f2f2", "I": "#c6dbef", "R": "#6baed6", "M": "#08519c"}

// Heatmap layout.
const (
	hmLabelW = 420
	hmColW   = 134
	hmRowH   = 20
	hmHeadH  = 70
	// hmLabelRunes is the longest column label kept on one line.
	hmLabelRunes = 18
)

type heatmap struct {
	Width, Height int
	LabelW        int
	Columns       []hmColumn
	Rows          []hmRow
}

type hmColumn struct {
	X                                int // centre
	Label, Label2, Sub, Index, Title string
}

type hmRow struct {
	Y, TextY       int
	X              int // label start (indented by level)
	Label, Full    string
	Area, Required bool
	Target         string
	Cells          []hmCell
}

type hmCell struct {
	X, Y, W, H     int
	TX, TY         int
	Fill, TextFill string
	Text           string
	Gap            bool
	Title          string
	Competency     string // code
	Member         string // label
}

func newHeatmap(v *view) heatmap {
	h := heatmap{LabelW: hmLabelW, Width: hmLabelW + len(v.Members)*hmColW + 4, Height: hmHeadH + len(v.Rows)*hmRowH + 4}
	for m, mv := range v.Members {
		l1, l2 := splitLabel(mv.Label)
		h.Columns = append(h.Columns, hmColumn{X: hmLabelW + m*hmColW + hmColW/2, Label: l1, Label2: l2, Sub: mv.Curriculum,
			Index: "index " + mv.Index, Title: mv.Name})
	}
	for r, row := range v.Rows {
		y := hmHeadH + r*hmRowH
		x := 6 + row.Level*14
		full := row.Code + "  " + row.Title
		room := (hmLabelW - x - 64) * 10 / 57 // characters that fit before the target
		hr := hmRow{Y: y, TextY: y + hmRowH/2 + 4, X: x, Label: truncate(full, room), Full: full,
			Area: !row.Leaf, Required: row.Required, Target: row.Target}
		for m, c := range row.Cells {
			cell := hmCell{X: hmLabelW + m*hmColW + 1, Y: y + 1, W: hmColW - 2, H: hmRowH - 2,
				Fill: depthFill[c.Depth], TextFill: "#1a1a1a", Text: "–", Gap: len(c.Gaps) > 0,
				Competency: row.Code, Member: c.Member}
			if c.Depth == "M" {
				cell.TextFill = "#ffffff"
			}
			if c.Modules > 0 {
				cell.Text = c.Depth + " " + c.Hours
			}
			if cell.Gap { // inset the outline so that it stays inside the cell
				cell.X, cell.Y, cell.W, cell.H = cell.X+1, cell.Y+1, cell.W-2, cell.H-2
			}
			cell.TX, cell.TY = hmLabelW+m*hmColW+hmColW/2, y+hmRowH/2+4
			cell.Title = cellTitle(row, c)
			hr.Cells = append(hr.Cells, cell)
		}
		h.Rows = append(h.Rows, hr)
	}
	return h
}

// splitLabel breaks a long column label in two at the hyphen nearest its
// middle ("af-border-" and "police-academy").
func splitLabel(l string) (string, string) {
	r := []rune(l)
	if len(r) <= hmLabelRunes {
		return l, ""
	}
	best := -1
	for i, c := range r {
		if c == '-' || c == '/' {
			if best < 0 || abs(i-len(r)/2) < abs(best-len(r)/2) {
				best = i
			}
		}
	}
	if best < 0 {
		return l, ""
	}
	return string(r[:best+1]), string(r[best+1:])
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func cellTitle(row rowView, c cellView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s — %s: ", row.Code, row.Title, c.Member)
	if c.Modules == 0 {
		b.WriteString("not taught")
	} else {
		fmt.Fprintf(&b, "%s, %s h, %d module%s", c.Depth, c.Hours, c.Modules, plural(c.Modules))
	}
	if row.Required {
		fmt.Fprintf(&b, "; target %s", row.Target)
	}
	if len(c.Gaps) > 0 {
		fmt.Fprintf(&b, "; gap: %s", strings.Join(c.Gaps, ", "))
	}
	if c.Outlier != "" {
		fmt.Fprintf(&b, "; %s h from the median", c.Outlier)
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if n < 2 || len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Progress chart: the index (0–100) of each member and of the programme
// at each snapshot. Colours: Okabe–Ito, chosen to be told apart with any
// common colour-vision deficiency; lines are also labelled in the legend.
var seriesColours = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#999999"}

const (
	chW, chH         = 820, 320
	chX0, chX1       = 56, 520 // plot area
	chY0, chY1       = 20, 280
	chLegendX        = 548
	programmeColour  = "#000000"
	programmeDash    = "7 4"
	memberLineWidth  = 2
	programmeLineWid = 3
)

type chart struct {
	Width, Height         int
	X0, X1, Y0, Y1        int
	Empty                 bool
	YTicks, XTicks        []tick
	Series                []series
	LegendX, LegendTitleY int
}

type tick struct {
	X, Y  int
	Label string
}

type series struct {
	Label, Colour, Dash string
	Width               int
	Path                string
	Points              []point
	LegendY             int
	Values              string // "46.1 → 69.2"
}

type point struct {
	X, Y  int
	Title string
}

func newChart(snaps []*curricula.Snapshot, members []string, labels map[string]string) chart {
	c := chart{Width: chW, Height: chH, X0: chX0, X1: chX1, Y0: chY0, Y1: chY1, LegendX: chLegendX, LegendTitleY: chY0,
		Empty: len(snaps) == 0}
	for v := 0; v <= 100; v += 20 {
		c.YTicks = append(c.YTicks, tick{X: chX0 - 8, Y: yOf(float64(v)), Label: fmt.Sprint(v)})
	}
	if c.Empty {
		return c
	}
	first, last := snaps[0].TakenAt, snaps[len(snaps)-1].TakenAt
	xOf := func(t time.Time) int {
		if !last.After(first) {
			return (chX0 + chX1) / 2
		}
		f := float64(t.Sub(first)) / float64(last.Sub(first))
		return chX0 + 24 + int(math.Round(f*float64(chX1-chX0-48)))
	}
	seen := map[string]bool{}
	for _, s := range snaps {
		if d := day(s.TakenAt); !seen[d] {
			seen[d] = true
			c.XTicks = append(c.XTicks, tick{X: xOf(s.TakenAt), Y: chY1 + 18, Label: d})
		}
	}
	order := historyMembers(snaps, members)
	line := func(lbl, colour, dash string, width int, at func(*curricula.Snapshot) (float64, bool)) series {
		sr := series{Label: lbl, Colour: colour, Dash: dash, Width: width}
		var path strings.Builder
		var vals []string
		for _, s := range snaps {
			v, ok := at(s)
			if !ok {
				continue
			}
			p := point{X: xOf(s.TakenAt), Y: yOf(v), Title: fmt.Sprintf("%s, %s: %s", lbl, day(s.TakenAt), index(v))}
			if path.Len() == 0 {
				fmt.Fprintf(&path, "M%d %d", p.X, p.Y)
			} else {
				fmt.Fprintf(&path, " L%d %d", p.X, p.Y)
			}
			sr.Points = append(sr.Points, p)
			vals = append(vals, index(v))
		}
		sr.Path = path.String()
		if len(vals) > 0 {
			sr.Values = vals[0]
			if len(vals) > 1 {
				sr.Values += " → " + vals[len(vals)-1]
			}
		}
		return sr
	}
	c.Series = append(c.Series, line("programme", programmeColour, programmeDash, programmeLineWid,
		func(s *curricula.Snapshot) (float64, bool) { return s.Index.Index, true }))
	for i, m := range order {
		dash := ""
		if i >= len(seriesColours) {
			dash = "2 3"
		}
		sr := line(label(labels, m), seriesColours[i%len(seriesColours)], dash, memberLineWidth, func(s *curricula.Snapshot) (float64, bool) {
			for _, ma := range s.Members {
				if ma.Curriculum == m {
					return ma.Index, true
				}
			}
			return 0, false
		})
		if len(sr.Points) > 0 {
			c.Series = append(c.Series, sr)
		}
	}
	for i := range c.Series {
		c.Series[i].LegendY = chY0 + 22 + i*22
	}
	if h := chY0 + 22 + len(c.Series)*22 + 10; h > c.Height {
		c.Height = h
	}
	return c
}

// historyMembers lists the members of a progress record: the programme's
// first, then those only in older snapshots, in order of appearance.
func historyMembers(snaps []*curricula.Snapshot, members []string) []string {
	order := append([]string{}, members...)
	seen := map[string]bool{}
	for _, m := range order {
		seen[m] = true
	}
	for _, s := range snaps {
		for _, m := range s.Members {
			if !seen[m.Curriculum] {
				seen[m.Curriculum] = true
				order = append(order, m.Curriculum)
			}
		}
	}
	return order
}

func yOf(v float64) int {
	v = min(100, max(0, v))
	return chY1 - int(math.Round(v/100*float64(chY1-chY0)))
}
