package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
)

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
