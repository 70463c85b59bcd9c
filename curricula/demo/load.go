// Package demo holds realistic demonstration data: partner academies, their
// curricula and modules aligned to the default framework ibm-core, and
// harmonisation programmes. The data lives in data/*.json (embedded); see
// README.md for the format and for what each country's data is meant to
// show.
package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

//go:embed data/*.json
var dataFS embed.FS

// programmesFile is the one data file that holds programmes; every other
// data/*.json file holds one academy and is named after its ID.
const programmesFile = "programmes.json"

// Dataset is the demo data as resources with full names, parents before
// children; a curriculum comes after the one it supersedes.
type Dataset struct {
	Academies  []*curricula.Academy
	Curricula  []*curricula.Curriculum
	Modules    []*curricula.Module
	Programmes []*curricula.Programme
}

// Resources lists every resource of the dataset in creation order:
// academies, curricula, modules, programmes.
func (d *Dataset) Resources() []curricula.Resource {
	out := make([]curricula.Resource, 0, len(d.Academies)+len(d.Curricula)+len(d.Modules)+len(d.Programmes))
	for _, a := range d.Academies {
		out = append(out, a)
	}
	for _, c := range d.Curricula {
		out = append(out, c)
	}
	for _, m := range d.Modules {
		out = append(out, m)
	}
	for _, p := range d.Programmes {
		out = append(out, p)
	}
	return out
}

// Load parses the embedded data files and checks them: every record is
// valid, every competency code exists in curricula.DefaultFramework(), every
// "supersedes" names a curriculum of the same academy, every programme
// member is a curriculum of the data. Errors are EINVALID, one per faulty
// file, and name the file and the record
// ("kz-border-academy.json: curricula[0].modules[3].alignments: …").
// Every call returns fresh resources the caller may change.
func Load() (*Dataset, error) {
	fw, comps, err := curricula.DefaultFramework()
	if err != nil {
		return nil, fmt.Errorf("demo: default framework: %w", err)
	}
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, curricula.Internal(err)
	}
	return load(sub, fw, comps)
}

// loader accumulates the dataset while the files are read.
type loader struct {
	framework string
	byCode    map[string]*curricula.Competency
	curricula map[string]*curricula.Curriculum // by full name
	out       Dataset
}

// load reads every *.json file at the root of fsys.
func load(fsys fs.FS, fw *curricula.Framework, comps []*curricula.Competency) (*Dataset, error) {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, curricula.Internal(err)
	}
	l := &loader{
		framework: fw.Name,
		byCode:    curricula.ByCode(comps),
		curricula: map[string]*curricula.Curriculum{},
	}
	var errs []error
	hasProgrammes := false
	for _, f := range files {
		if f == programmesFile {
			hasProgrammes = true
			continue
		}
		if err := l.academyFile(fsys, f); err != nil {
			errs = append(errs, err)
		}
	}
	// Programme members are checked against the curricula, so only once
	// every academy file has loaded.
	if len(errs) == 0 && hasProgrammes {
		if err := l.programmesFile(fsys, programmesFile); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &l.out, nil
}

// resolve maps a competency code of the framework to its ID; nothing else
// is accepted (no case folding, no guessing).
func (l *loader) resolve(code string) (string, bool) {
	c, ok := l.byCode[strings.TrimSpace(code)]
	if !ok {
		return "", false
	}
	return c.ID(), true
}

// decodeStrict decodes a whole file into v, rejecting unknown fields and
// trailing data.
func decodeStrict(fsys fs.FS, file string, v any) error {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not valid JSON of the expected shape: %w", err)
	}
	if dec.More() {
		return errors.New("trailing data after the top-level value")
	}
	return nil
}

// problems collects the violations found in one file.
type problems struct {
	file string
	vs   curricula.Violations
}

// add records err against field; the violations of a *curricula.Error are
// kept one by one, prefixed with field.
func (p *problems) add(field string, err error) {
	if err == nil {
		return
	}
	var e *curricula.Error
	if errors.As(err, &e) && len(e.Violations) > 0 {
		p.vs = append(p.vs, curricula.Violations(e.Violations).Prefixed(field)...)
		return
	}
	msg := err.Error()
	if errors.As(err, &e) {
		msg = e.Message
	}
	p.vs.Add(field, "%s", msg)
}

// fileError reports a file that cannot be decoded at all.
func fileError(file string, err error) error {
	return &curricula.Error{Code: curricula.EINVALID, Message: file + ": " + err.Error()}
}

func (p *problems) err() error {
	if len(p.vs) == 0 {
		return nil
	}
	return &curricula.Error{Code: curricula.EINVALID, Message: p.file, Violations: p.vs}
}
