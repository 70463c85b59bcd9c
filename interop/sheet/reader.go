package sheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/internal/csvio"
	"github.com/concord-ibm/concord/interop/internal/naming"
)

// Row is one module row as read, cells trimmed and typed. Line is the
// line its record starts on.
type Row struct {
	Line        int
	Curriculum  string
	Module      string
	Code        string
	Title       string
	Description string
	Outcomes    []string
	Language    string
	Hours       float64
	Credits     float64
	Delivery    curricula.Delivery
	Assessment  string
	Restricted  bool
	// Alignments is the cell as written ("RA-01:M:6; HR-02:I"); ToModule
	// resolves its codes.
	Alignments string
}

// Reader reads a curriculum spreadsheet a row at a time; it holds one
// record in memory, never the file.
type Reader struct {
	cr    *csv.Reader
	comma rune
	cols  []int // template column index per file column; -1 when the header cell is empty
}

// NewReader reads the header. A header naming an unknown or a repeated
// column, or lacking a required one, is an error (RowErrors or a
// *RowError, on row 1).
func NewReader(r io.Reader) (*Reader, error) {
	cr, comma, err := csvio.Open(r, []rune{',', ';'})
	if err != nil {
		return nil, &RowError{Row: 1, Msg: err.Error()}
	}
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		return nil, &RowError{Row: 1, Msg: "the file is empty; its first line must be the header: " + strings.Join(Columns, ",")}
	case err != nil:
		return nil, parseError(err)
	}
	rd := &Reader{cr: cr, comma: comma, cols: make([]int, len(header))}
	var errs RowErrors
	seen := map[int]bool{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		c := columnIndex(name)
		switch {
		case name == "":
			c = -1
		case c < 0:
			errs = append(errs, &RowError{Row: 1, Field: strings.TrimSpace(h), Msg: "unknown column; the columns are " + strings.Join(Columns, ", ")})
		case seen[c]:
			errs = append(errs, &RowError{Row: 1, Field: name, Msg: "column given twice"})
		}
		seen[c] = true
		rd.cols[i] = c
	}
	for _, req := range Required {
		if !seen[columnIndex(req)] {
			errs = append(errs, &RowError{Row: 1, Field: req, Msg: "required column is missing"})
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return rd, nil
}

// name is the column name of the file's column i ("column 14" past the
// header or under an empty header cell).
func (r *Reader) name(i int) string {
	if i < len(r.cols) && r.cols[i] >= 0 {
		return Columns[r.cols[i]]
	}
	return fmt.Sprintf("column %d", i+1)
}

// Comma is the separator the header uses: ',' or ';'.
func (r *Reader) Comma() rune { return r.comma }

func parseError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{Row: pe.StartLine, Msg: fmt.Sprintf("line %d, character %d: %v", pe.Line, pe.Column, pe.Err)}
	}
	return err // reading failed: not the file's fault
}

// Read returns the next row, or io.EOF after the last. A row with faults
// comes with RowErrors (or one *RowError) and as much of it as could be
// read; Read may be called again to go on with the next row.
func (r *Reader) Read() (Row, error) {
	for {
		rec, err := r.cr.Read()
		if err == io.EOF {
			return Row{}, io.EOF
		}
		if err != nil {
			return Row{}, parseError(err)
		}
		line, _ := r.cr.FieldPos(0)
		cells := make([]string, len(Columns))
		blank := true
		var errs RowErrors
		for i, raw := range rec {
			v := strings.TrimSpace(raw)
			blank = blank && v == ""
			if !utf8.ValidString(raw) {
				errs = append(errs, &RowError{Row: line, Field: r.name(i), Msg: "is not UTF-8 text; save the file as CSV UTF-8"})
				continue
			}
			switch {
			case i < len(r.cols) && r.cols[i] == outcomesColumn:
				cells[outcomesColumn] = raw // its line breaks matter; splitOutcomes trims
			case i < len(r.cols) && r.cols[i] >= 0:
				cells[r.cols[i]] = v
			case v != "":
				errs = append(errs, &RowError{Row: line, Field: r.name(i), Msg: "has a value but no header"})
			}
		}
		if blank {
			continue
		}
		row, rowErrs := r.row(line, cells)
		errs = append(rowErrs, errs...)
		return row, errs.err()
	}
}

func (r *Reader) row(line int, c []string) (Row, RowErrors) {
	row := Row{
		Line:        line,
		Curriculum:  c[0],
		Module:      c[1],
		Code:        c[2],
		Title:       c[3],
		Description: c[4],
		Outcomes:    splitOutcomes(c[outcomesColumn]),
		Language:    c[6],
		Delivery:    curricula.Delivery(normalizeDelivery(c[9])),
		Assessment:  c[10],
		Alignments:  c[12],
	}
	if l, ok := naming.Language(row.Language); ok {
		row.Language = l
	}
	var errs RowErrors
	var err error
	if row.Hours, err = r.number(c[7]); err != nil {
		errs = append(errs, &RowError{Row: line, Field: ColHours, Msg: err.Error()})
	}
	if row.Credits, err = r.number(c[8]); err != nil {
		errs = append(errs, &RowError{Row: line, Field: ColCredits, Msg: err.Error()})
	}
	if row.Restricted, err = parseBool(c[11]); err != nil {
		errs = append(errs, &RowError{Row: line, Field: ColRestricted, Msg: err.Error()})
	}
	return row, errs
}

// number reads a cell as a finite number; empty is 0. With ';' as the
// separator a decimal comma is accepted.
func (r *Reader) number(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	v := s
	if strings.Contains(v, ",") {
		if r.comma != ';' || strings.Count(v, ",") > 1 || strings.Contains(v, ".") {
			return 0, fmt.Errorf("%q is not a number (use a decimal point)", s)
		}
		v = strings.Replace(v, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "no", "n", "false", "0":
		return false, nil
	case "yes", "y", "true", "1", "x":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

var outcomesColumn = columnIndex(ColOutcomes)

// splitOutcomes splits an outcomes cell: on line breaks when it has any,
// else on '|'. Outcomes are trimmed; empty ones are dropped.
func splitOutcomes(s string) []string {
	if s == "" {
		return nil
	}
	var parts []string
	if strings.ContainsAny(s, "\r\n") {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	} else {
		parts = strings.Split(s, "|")
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// normalizeDelivery lower-cases a delivery mode and writes its word
// separators as '-' ("E learning" → "e-learning").
func normalizeDelivery(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer(" ", "-", "_", "-").Replace(s)
	if s == "elearning" {
		return string(curricula.DeliveryELearning)
	}
	return s
}
