package moodle

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
	"github.com/concord-ibm/concord/interop/internal/csvio"
	"github.com/concord-ibm/concord/interop/internal/naming"
	"github.com/concord-ibm/concord/interop/internal/tree"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Framework is the ID the imported framework gets. Empty: one derived
	// from the framework row's ID number, else from its short name.
	Framework string
	// Language is the language of the file's texts (Moodle records
	// none). Empty means "en".
	Language string
	// Version is the framework's version (Moodle has none). Empty: "1".
	Version string
	// Source records where the framework came from (e.g. the file name).
	Source string
}

// Moodle's description formats.
const (
	formatPlain    = "2"
	formatMarkdown = "4"
)

// separators Moodle's importer offers that a header can be told by.
var separators = []rune{',', ';', '\t', ':'}

// Import reads a Moodle competency framework CSV (admin/tool/lpimportcsv)
// as a framework and its competencies; see the package documentation for
// the mapping. Rows that cannot be used are listed in the report's
// Skipped; an error (EINVALID) means there is no usable framework: not a
// CSV of that shape, or no framework row.
func Import(r io.Reader, opts ImportOptions) (*interop.Result, error) {
	cr, _, err := csvio.Open(r, separators)
	if err != nil {
		return nil, invalid("%v", err)
	}
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, invalid("the file is empty")
	}
	if err != nil {
		return nil, invalid("%v", err)
	}
	idx, ok := mapHeader(header)
	if !ok {
		return nil, invalid("the header has %d columns and does not name the 14 of Moodle's competency framework CSV (%s)", len(header), strings.Join(Header, ", "))
	}
	imp := &importer{opts: opts, cr: cr, idx: idx, unkept: interop.Unkept{}, byIDNumber: map[string]int{}}
	if l, ok := naming.Language(opts.Language); ok {
		imp.lang = l
	} else {
		imp.lang = "en"
	}
	if err := imp.read(); err != nil {
		return nil, err
	}
	fw, err := imp.framework()
	if err != nil {
		return nil, err
	}
	comps := imp.competencies(fw)
	imp.unkept.Report(&imp.rep)
	if imp.htmlRows > 0 {
		imp.rep.Warn("description", "", "converted from HTML to plain text (%d rows)", imp.htmlRows)
	}
	imp.rep.Imported.Frameworks = 1
	imp.rep.Imported.Competencies = len(comps)
	for _, c := range comps {
		imp.rep.Imported.Crosswalks += len(c.Crosswalks)
	}
	return &interop.Result{Framework: fw, Competencies: comps, Report: imp.rep}, nil
}

func invalid(format string, args ...any) error {
	return curricula.Errorf(curricula.EINVALID, "Moodle import: "+format, args...)
}

type importer struct {
	opts     ImportOptions
	cr       *csv.Reader
	idx      [numColumns]int
	lang     string
	rep      interop.Report
	unkept   interop.Unkept
	htmlRows int

	fwRow      *row
	rows       []*row
	byIDNumber map[string]int // index in rows
}

type row struct {
	line  int
	cells [numColumns]string
	code  string
	id    string
	comp  *curricula.Competency
}

func (r *row) label() string { return fmt.Sprintf("row %d", r.line) }

func (imp *importer) read() error {
	for {
		rec, err := imp.cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return invalid("line %d: %v", pe.StartLine, pe.Err)
			}
			return invalid("%v", err)
		}
		line, _ := imp.cr.FieldPos(0)
		for _, cell := range rec {
			if !utf8.ValidString(cell) {
				return invalid("line %d is not UTF-8 text; export the file as UTF-8", line)
			}
		}
		r := &row{line: line}
		blank := true
		for c, i := range imp.idx {
			if i >= 0 && i < len(rec) {
				r.cells[c] = rec[i]
				blank = blank && strings.TrimSpace(rec[i]) == ""
			}
		}
		if blank {
			continue
		}
		if truthy(r.cells[colIsFramework]) {
			if imp.fwRow != nil {
				imp.rep.Skip(r.label(), r.cells[colIDNumber], "a second framework row; the file's first one is imported")
				continue
			}
			imp.fwRow = r
			continue
		}
		imp.competencyRow(r)
	}
}

// truthy is PHP's truth of a CSV cell, which is what Moodle tests
// "Is framework" with: only "" and "0" are false.
func truthy(s string) bool { return s != "" && s != "0" }

func (imp *importer) competencyRow(r *row) {
	idn, short := strings.TrimSpace(r.cells[colIDNumber]), r.cells[colShortName]
	switch {
	case idn == "":
		imp.rep.Skip(r.label(), "", "has no ID number")
		return
	case strings.TrimSpace(short) == "":
		imp.rep.Skip(r.label(), idn, "has no short name")
		return
	}
	if _, dup := imp.byIDNumber[idn]; dup {
		imp.rep.Skip(r.label(), idn, "duplicate ID number")
		return
	}
	for _, c := range []int{colScaleValues, colScaleConfiguration, colRuleType} {
		if strings.TrimSpace(r.cells[c]) != "" {
			imp.unkept.Add(keys[c])
		}
	}
	if o := strings.TrimSpace(r.cells[colRuleOutcome]); o != "" && o != "0" {
		imp.unkept.Add(keys[colRuleOutcome])
	}
	if c := strings.TrimSpace(r.cells[colRuleConfig]); c != "" && c != "null" {
		imp.unkept.Add(keys[colRuleConfig])
	}
	imp.byIDNumber[idn] = len(imp.rows)
	imp.rows = append(imp.rows, r)
}

func (imp *importer) text(cells *[numColumns]string) string {
	d := cells[colDescription]
	switch strings.TrimSpace(cells[colDescriptionFormat]) {
	case formatPlain, formatMarkdown:
		return d
	}
	if looksLikeHTML(d) {
		imp.htmlRows++
		return htmlToText(d)
	}
	return d
}

func (imp *importer) framework() (*curricula.Framework, error) {
	r := imp.fwRow
	if r == nil {
		return nil, invalid("no framework row (a row whose \"Is framework\" is set)")
	}
	idn, short := strings.TrimSpace(r.cells[colIDNumber]), r.cells[colShortName]
	if strings.TrimSpace(short) == "" {
		return nil, &curricula.Error{Code: curricula.EINVALID, Message: "Moodle import: invalid framework row",
			Violations: []curricula.FieldViolation{{Field: r.label() + ".shortname", Description: "is required"}}}
	}
	id := imp.opts.Framework
	switch {
	case id != "":
		if !curricula.ValidID(id) {
			return nil, invalid("framework ID %q is not a valid ID", id)
		}
	case naming.Slug(idn, "f-") != "":
		id = naming.Slug(idn, "f-")
	case naming.Slug(short, "f-") != "":
		id = naming.Slug(short, "f-")
	default:
		id = "moodle-" + naming.Hash(idn+"\x00"+short)
	}
	fw := &curricula.Framework{
		Meta:      curricula.Meta{Name: curricula.FrameworkName(id)},
		Title:     curricula.Text{imp.lang: short},
		Version:   imp.opts.Version,
		State:     curricula.FrameworkDraft,
		Languages: []string{imp.lang},
		Source:    imp.opts.Source,
	}
	if d := imp.text(&r.cells); strings.TrimSpace(d) != "" {
		fw.Description = curricula.Text{imp.lang: d}
	}
	if fw.Version == "" {
		fw.Version = "1"
	}
	for _, c := range []int{colScaleValues, colScaleConfiguration, colTaxonomy} {
		if strings.TrimSpace(r.cells[c]) != "" {
			imp.unkept.Add("framework." + keys[c])
		}
	}
	if err := fw.Validate(); err != nil {
		var e *curricula.Error
		if errors.As(err, &e) {
			return nil, &curricula.Error{Code: curricula.EINVALID, Message: "Moodle import: the framework row makes no valid framework",
				Violations: curricula.Violations(e.Violations).Prefixed("framework")}
		}
		return nil, err
	}
	return fw, nil
}

// competencies assigns codes, IDs, parents, order and related links, and
// returns the valid competencies parents first.
func (imp *importer) competencies(fw *curricula.Framework) []*curricula.Competency {
	fwID := strings.TrimPrefix(fw.Name, curricula.CollFrameworks+"/")
	codes, ids := naming.Set{}, naming.Set{}
	for _, r := range imp.rows {
		idn := strings.TrimSpace(r.cells[colIDNumber])
		code := idn
		if !naming.ValidCode(code) {
			if code = naming.SanitizeCode(idn); code == "" {
				code = "m-" + naming.Hash(idn)
			}
		}
		r.code = codes.UniqueCode(code)
		if r.code != idn {
			imp.rep.Warn(r.label(), idn, "ID number %q is not a valid code; using %q", idn, r.code)
		}
	}
	for _, r := range imp.rows { // IDs a Concord export recorded in "Exported ID" first
		if e := strings.TrimSpace(r.cells[colExportID]); curricula.ValidID(e) && ids.Take(e) {
			r.id = e
		}
	}
	for _, r := range imp.rows {
		if r.id != "" {
			continue
		}
		base, ok := curricula.CodeToID(r.code)
		if !ok {
			if base = naming.Slug(r.code, "c-"); base == "" {
				base = "c-" + naming.Hash(r.code)
			}
		}
		r.id = ids.UniqueID(base)
	}

	parent := make([]int, len(imp.rows))
	for i, r := range imp.rows {
		parent[i] = -1
		p := strings.TrimSpace(r.cells[colParent])
		if p == "" {
			continue
		}
		j, ok := imp.byIDNumber[p]
		switch {
		case !ok:
			imp.rep.Warn(r.label(), r.cells[colIDNumber], "parent ID number %q is not in the file; put at the top level", p)
		case j == i:
			imp.rep.Warn(r.label(), r.cells[colIDNumber], "is its own parent; put at the top level")
		default:
			parent[i] = j
		}
	}
	order, cut := tree.Forest(parent)
	for _, i := range cut {
		imp.rep.Warn(imp.rows[i].label(), imp.rows[i].cells[colIDNumber], "its parents make a cycle; put at the top level")
		parent[i] = -1
	}

	// Build and validate in tree order; a row that makes no valid
	// competency is skipped and its children move up.
	kept := make([]int, len(imp.rows)) // nearest kept ancestor or self, -1 for none
	siblings := map[int]int{}
	var out []*curricula.Competency
	for _, i := range order {
		r := imp.rows[i]
		p := parent[i]
		if p >= 0 {
			if p = kept[p]; p != parent[i] {
				imp.rep.Warn(r.label(), r.cells[colIDNumber], "its parent was skipped; moved up")
			}
		}
		c := &curricula.Competency{
			Meta:  curricula.Meta{Name: curricula.CompetencyName(fwID, r.id)},
			Code:  r.code,
			Title: curricula.Text{imp.lang: r.cells[colShortName]},
		}
		if d := imp.text(&r.cells); strings.TrimSpace(d) != "" {
			c.Description = curricula.Text{imp.lang: d}
		}
		if p >= 0 {
			c.Parent = imp.rows[p].id
		}
		c.Crosswalks = imp.related(r, fwID)
		if err := c.Validate(); err != nil {
			imp.rep.Skip(r.label(), r.cells[colIDNumber], "makes no valid competency: %v", err)
			kept[i] = p
			continue
		}
		kept[i] = i
		siblings[p]++
		c.Order = siblings[p]
		r.comp = c
		out = append(out, c)
	}
	// Cross-references to rows that were skipped point nowhere.
	made := map[string]bool{}
	for _, c := range out {
		made[c.Name] = true
	}
	for _, c := range out {
		var xs []curricula.Crosswalk
		for _, x := range c.Crosswalks {
			if made[x.Target] {
				xs = append(xs, x)
			} else {
				imp.rep.Warn("competency", c.Code, "cross-reference to %s, which was skipped, is not kept", x.Target)
			}
		}
		c.Crosswalks = xs
	}
	return out
}

// related reads "Cross-referenced competency ID numbers": ID numbers
// separated by ',' (a ',' inside one written "%2C"), each a competency of
// the same file, kept as an isRelatedTo crosswalk to it.
func (imp *importer) related(r *row, fwID string) []curricula.Crosswalk {
	var out []curricula.Crosswalk
	cell := strings.TrimSpace(r.cells[colRelated])
	if cell == "" {
		return nil
	}
	for _, raw := range strings.Split(cell, ",") {
		idn := strings.TrimSpace(strings.ReplaceAll(raw, "%2C", ","))
		j, ok := imp.byIDNumber[idn]
		switch {
		case idn == "":
		case !ok:
			imp.rep.Warn(r.label(), r.cells[colIDNumber], "cross-referenced ID number %q is not in the file; not kept", idn)
		case imp.rows[j] == r:
		default:
			out = append(out, curricula.Crosswalk{Relation: RelatedRelation, Target: curricula.CompetencyName(fwID, imp.rows[j].id)})
		}
	}
	return out
}

// RelatedRelation is the crosswalk relation Moodle's cross-referenced
// competencies are kept as (and exported from).
const RelatedRelation = "isRelatedTo"
