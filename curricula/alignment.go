package curricula

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseAlignments parses the compact alignment list used in spreadsheets
// and the demo data: "CODE:DEPTH[:HOURS]" entries separated by ';'
// ("RA-01:M:6; HR-02:I"). resolve maps a competency code to its ID and
// reports whether the code exists; a nil resolve uses CodeToID.
func ParseAlignments(s string, resolve func(code string) (string, bool)) ([]Alignment, error) {
	if resolve == nil {
		resolve = CodeToID
	}
	var out []Alignment
	for i, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Split(part, ":")
		if len(fields) < 2 || len(fields) > 3 {
			return nil, fmt.Errorf("alignment %d %q: want CODE:DEPTH or CODE:DEPTH:HOURS", i+1, part)
		}
		code := strings.TrimSpace(fields[0])
		id, ok := resolve(code)
		if !ok {
			return nil, fmt.Errorf("alignment %d: unknown competency code %q", i+1, code)
		}
		d, err := ParseDepth(fields[1])
		if err != nil {
			return nil, fmt.Errorf("alignment %d: %v", i+1, err)
		}
		a := Alignment{Competency: id, Depth: d}
		if len(fields) == 3 {
			h, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(fields[2]), ",", ".", 1), 64)
			if err != nil {
				return nil, fmt.Errorf("alignment %d: hours %q is not a number", i+1, fields[2])
			}
			a.Hours = h
		}
		out = append(out, a)
	}
	return out, nil
}

// FormatAlignments is the inverse of ParseAlignments; code maps an ID back
// to its code (nil: upper-cased ID).
func FormatAlignments(as []Alignment, code func(id string) string) string {
	if code == nil {
		code = strings.ToUpper
	}
	parts := make([]string, len(as))
	for i, a := range as {
		p := code(a.Competency) + ":" + a.Depth.Letter()
		if a.Hours != 0 {
			p += ":" + strconv.FormatFloat(a.Hours, 'f', -1, 64)
		}
		parts[i] = p
	}
	return strings.Join(parts, "; ")
}
