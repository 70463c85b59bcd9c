package report

import (
	"fmt"
	"strings"
)

// The heatmap is laid out here, in whole pixels, and drawn by the HTML
// template (which escapes every text).

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
