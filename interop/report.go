// Package interop holds what the format converters under it share: the
// result and report of a framework import. The converters themselves
// (casefmt for CASE JSON, moodle for Moodle competency CSV, sheet for the
// curriculum spreadsheet) are pure: they read and write io streams and
// produce curricula domain records; they never store anything.
package interop

import (
	"fmt"
	"sort"

	"github.com/concord-ibm/concord/curricula"
)

// Result is what a framework import produced. Every record in it passed
// its Validate; Competencies are ordered parents before children, so they
// can be created in that order.
type Result struct {
	Framework    *curricula.Framework
	Competencies []*curricula.Competency
	Report       Report
}

// Report tells what an import did with its input: nothing is dropped
// without an entry in Skipped (a record left out) or Warnings (a record
// kept, but changed or with data Concord does not keep).
type Report struct {
	Imported Counts
	Skipped  []Skip
	Warnings []Skip
}

// Counts are the records an import produced.
type Counts struct {
	Frameworks   int
	Competencies int
	// Translations are records of the input merged into a competency as
	// another language of it (CASE isTranslationOf).
	Translations int
	Crosswalks   int
}

// Skip names one input record and why it was skipped (or, in Warnings,
// changed). What is the kind of record in the input's own terms
// ("CFItem", "CFAssociation", "row 12"); ID is its identifier there.
type Skip struct {
	What   string
	ID     string
	Reason string
}

func (s Skip) String() string {
	if s.ID == "" {
		return s.What + ": " + s.Reason
	}
	return s.What + " " + s.ID + ": " + s.Reason
}

// Skip records a skipped input record.
func (r *Report) Skip(what, id, format string, args ...any) {
	r.Skipped = append(r.Skipped, Skip{What: what, ID: id, Reason: fmt.Sprintf(format, args...)})
}

// Warn records a change made to an imported record.
func (r *Report) Warn(what, id, format string, args ...any) {
	r.Warnings = append(r.Warnings, Skip{What: what, ID: id, Reason: fmt.Sprintf(format, args...)})
}

// Unkept counts input fields that Concord has no place for, by field, so
// that a report can say so once per field rather than once per record.
type Unkept map[string]int

// Add counts one occurrence of field.
func (u Unkept) Add(field string) { u[field]++ }

// Report adds one warning per field, in field order.
func (u Unkept) Report(r *Report) {
	fields := make([]string, 0, len(u))
	for f := range u {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		r.Warn(f, "", "not kept by Concord (%d %s)", u[f], plural(u[f], "record", "records"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
