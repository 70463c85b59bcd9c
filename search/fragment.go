package search

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fragment layout: a window of fragmentRunes runes starting at the first
// word boundary of the leadRunes before a mark, its end moved back to a
// word boundary when one is within snapRunes.
const (
	leadRunes = 30
	snapRunes = 20
)

// mergeSpans sorts byte ranges and merges those that overlap.
func mergeSpans(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] < out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// fragment returns text, or its window of about fragmentRunes runes with
// the most marks, HTML-escaped, with the sorted, disjoint byte ranges
// spans inside <mark> and "…" where text was cut.
func fragment(text string, spans [][2]int) string {
	start, end := 0, len(text)
	if utf8.RuneCountInString(text) > fragmentRunes {
		start, end = window(text, spans)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	cur := start
	for _, s := range spans {
		if s[0] < cur || s[1] > end {
			continue
		}
		b.WriteString(html.EscapeString(text[cur:s[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s[0]:s[1]]))
		b.WriteString("</mark>")
		cur = s[1]
	}
	b.WriteString(html.EscapeString(text[cur:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// window picks, among the windows anchored before each span, the one
// holding the most spans (the first of equals).
func window(text string, spans [][2]int) (int, int) {
	bestStart, bestEnd, best := 0, 0, -1
	for _, anchor := range spans {
		start := back(text, anchor[0], leadRunes)
		if start > 0 { // begin at the first word boundary
			if sp := strings.IndexFunc(text[start:anchor[0]], unicode.IsSpace); sp >= 0 {
				_, size := utf8.DecodeRuneInString(text[start+sp:])
				start += sp + size
			}
		}
		end := forward(text, start, fragmentRunes)
		if end < len(text) {
			if sp := strings.LastIndexFunc(text[back(text, end, snapRunes):end], unicode.IsSpace); sp >= 0 {
				if cut := back(text, end, snapRunes) + sp; cut > anchor[1] {
					end = cut
				}
			}
		}
		n := 0
		for _, s := range spans {
			if s[0] >= start && s[1] <= end {
				n++
			}
		}
		if n > best {
			bestStart, bestEnd, best = start, end, n
		}
	}
	return bestStart, bestEnd
}

// back returns the byte offset n runes before i (or 0).
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forward returns the byte offset n runes after i (or len(s)).
func forward(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
