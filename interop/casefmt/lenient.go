package casefmt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// text is a JSON string read leniently: real exports put numbers or null
// where CASE says string, and those are taken as their text.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*t = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = text(s)
	case b[0] == '{' || b[0] == '[':
		return fmt.Errorf("want text, got %s", kindOf(b[0]))
	default: // number, true, false
		*t = text(b)
	}
	return nil
}

func kindOf(c byte) string {
	if c == '{' {
		return "an object"
	}
	return "an array"
}

// seqNum is a sequenceNumber: an integer, written by some exporters as a
// string ("1") or as null. set is false when it is absent or unusable.
type seqNum struct {
	n   int
	set bool
	bad string // what could not be read, for the report
}

func (s *seqNum) UnmarshalJSON(b []byte) error {
	var t text
	if err := t.UnmarshalJSON(b); err != nil {
		s.bad = string(b)
		return nil
	}
	v := strings.TrimSpace(string(t))
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		s.bad = v
		return nil
	}
	s.n, s.set = int(f), true
	return nil
}

// link is a LinkGenURI. Some exporters write a bare URI string instead of
// the object; its last path segment is then taken as the identifier.
type link struct {
	Title      text `json:"title"`
	Identifier text `json:"identifier"`
	URI        text `json:"uri"`
}

func (l *link) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var u string
		if err := json.Unmarshal(b, &u); err != nil {
			return err
		}
		l.URI = text(u)
		l.Identifier = text(u[strings.LastIndexByte(u, '/')+1:])
		return nil
	}
	type plain link
	return json.Unmarshal(b, (*plain)(l))
}
