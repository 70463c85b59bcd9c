package moodle

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/internal/tree"
)

// ExportOptions tune Export.
type ExportOptions struct {
	// Language is the language written (Moodle keeps one). Empty: the
	// framework's first language its title has, else "en" if it has it,
	// else its title's first language in sort order. A competency without
	// a text in it is written in its own first language.
	Language string
	// ScaleValues is the framework's rating scale, its items separated by
	// ','. Empty: DefaultScaleValues.
	ScaleValues string
	// ScaleConfiguration is Moodle's JSON configuration of that scale.
	// Empty: DefaultScaleConfiguration.
	ScaleConfiguration string
	// Comma is the separator. Zero: ','.
	Comma rune
}

// The scale Export gives a framework unless told otherwise: two items,
// the first the default, the second proficient.
const (
	DefaultScaleValues        = "Not yet competent,Competent"
	DefaultScaleConfiguration = `[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0},{"id":2,"scaledefault":0,"proficient":1}]`
)

// Export writes the framework and its competencies as a Moodle competency
// framework CSV that admin/tool/lpimportcsv imports: the header, the
// framework row, then one row per competency, parents first. Texts are
// written as plain text (description format 2); "Exported ID" carries
// the competency ID so that Import gives it back; isRelatedTo crosswalks
// to competencies of the same framework become cross-references. Other
// Concord data has no column (see the package documentation). Invalid
// records, unknown parents and cycles are EINVALID errors, and nothing is
// written then.
func Export(w io.Writer, f *curricula.Framework, cs []*curricula.Competency, opts ExportOptions) error {
	order, depth, err := tree.Order("Moodle export", f, cs)
	if err != nil {
		return err
	}
	lang := mainLanguage(f, opts.Language)
	byName := map[string]*curricula.Competency{}
	byID := map[string]*curricula.Competency{}
	levels := 1
	for _, c := range cs {
		byName[c.Name], byID[c.ID()] = c, c
		levels = max(levels, depth[c.ID()])
	}
	cw := csv.NewWriter(w)
	if opts.Comma != 0 {
		cw.Comma = opts.Comma
	}
	scale, config := opts.ScaleValues, opts.ScaleConfiguration
	if scale == "" {
		scale = DefaultScaleValues
	}
	if config == "" {
		config = DefaultScaleConfiguration
	}
	fwID := strings.TrimPrefix(f.Name, curricula.CollFrameworks+"/")
	rows := [][]string{Header, {
		"", fwID, f.Title[lang], f.Description[lang], formatPlain, scale, config, "", "", "", "", "", "1",
		strings.TrimSuffix(strings.Repeat("competency,", levels), ","),
	}}
	for _, c := range order {
		l := lang
		if c.Title[l] == "" {
			l = firstLanguage(c.Title)
		}
		parent := ""
		if c.Parent != "" {
			parent = byID[c.Parent].Code
		}
		var related []string
		for _, x := range c.Crosswalks {
			if t := byName[x.Target]; t != nil && x.Relation == RelatedRelation {
				related = append(related, strings.ReplaceAll(t.Code, ",", "%2C"))
			}
		}
		rows = append(rows, []string{
			parent, c.Code, c.Title[l], c.Description[l], formatPlain, "", "", "", "0", "null",
			strings.Join(related, ","), c.ID(), "", "",
		})
	}
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return curricula.Internal(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return curricula.Internal(err)
	}
	return nil
}

func mainLanguage(f *curricula.Framework, want string) string {
	if want != "" && f.Title[want] != "" {
		return want
	}
	for _, l := range f.Languages {
		if f.Title[l] != "" {
			return l
		}
	}
	if f.Title["en"] != "" {
		return "en"
	}
	return firstLanguage(f.Title)
}

func firstLanguage(t curricula.Text) string {
	best := ""
	for l, s := range t {
		if s != "" && (best == "" || l < best) {
			best = l
		}
	}
	return best
}
