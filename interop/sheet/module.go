package sheet

import (
	"fmt"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// ToModule turns the row into a module of the academy: it returns the
// curriculum ID and the module (named academies/{academy}/curricula/
// {curriculum}/modules/{module}), validated. resolve maps a competency
// code of the curriculum's framework to its ID and reports whether it
// exists (nil: curricula.CodeToID). Faults come as RowErrors (or one
// *RowError) naming the row and column, the module's validation
// violations included; an invalid academy ID is an EINVALID
// *curricula.Error.
func (r Row) ToModule(academy string, resolve func(code string) (string, bool)) (curriculum string, m *curricula.Module, err error) {
	if !curricula.ValidID(academy) {
		return "", nil, curricula.Errorf(curricula.EINVALID, "%q is not an academy ID", academy)
	}
	var errs RowErrors
	fail := func(field, format string, args ...any) {
		errs = append(errs, &RowError{Row: r.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case r.Curriculum == "":
		fail(ColCurriculum, "is required")
	case !curricula.ValidID(r.Curriculum):
		fail(ColCurriculum, "%q is not an ID (lower-case letters, digits and '-', starting with a letter)", r.Curriculum)
	}
	id := r.Module
	switch {
	case id == "" && r.Code != "":
		var ok bool
		if id, ok = curricula.CodeToID(r.Code); !ok {
			fail(ColModule, "is empty and cannot be derived from the code %q; give the module an ID", r.Code)
		}
	case id != "" && !curricula.ValidID(id):
		fail(ColModule, "%q is not an ID (lower-case letters, digits and '-', starting with a letter)", id)
	}
	als, aerr := curricula.ParseAlignments(r.Alignments, resolve)
	if aerr != nil {
		fail(ColAlignments, "%v", aerr)
	}
	m = &curricula.Module{
		Code:        r.Code,
		Title:       r.Title,
		Description: r.Description,
		Outcomes:    r.Outcomes,
		Language:    r.Language,
		Hours:       r.Hours,
		Credits:     r.Credits,
		Delivery:    r.Delivery,
		Assessment:  r.Assessment,
		Restricted:  r.Restricted,
		Alignments:  als,
	}
	if len(errs) == 0 {
		m.Name = curricula.ModuleName(academy, r.Curriculum, id)
	}
	if err := m.Validate(); err != nil {
		if e, ok := err.(*curricula.Error); ok {
			for _, v := range e.Violations {
				if v.Field == "name" && len(errs) > 0 {
					continue // already reported on the curriculum or module column
				}
				col, detail := column(v.Field)
				if detail != "" {
					fail(col, "%s: %s", detail, v.Description)
				} else {
					fail(col, "%s", v.Description)
				}
			}
		} else {
			return "", nil, err
		}
	}
	if err := errs.err(); err != nil {
		return "", nil, err
	}
	return r.Curriculum, m, nil
}

// column maps a module field path to the template column it comes from:
// "alignments[2].hours" → ("alignments", "alignments[2].hours"), "name" →
// ("module", ""), "hours" → ("hours", "").
func column(path string) (col, detail string) {
	col = path
	if i := strings.IndexAny(path, ".["); i >= 0 {
		col, detail = path[:i], path
	}
	if col == "name" {
		col = ColModule
	}
	return col, detail
}
