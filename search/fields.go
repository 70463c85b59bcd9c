package search

import (
	"maps"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// fieldSet is which analyzers hold text in the index, by document type,
// so that a query only fans out over fields that exist. It is immutable;
// with returns a copy.
type fieldSet struct {
	module     map[string]bool
	competency map[string]bool
}

// fieldsOf reads the text fields present in idx.
func fieldsOf(idx bleve.Index) fieldSet {
	fs := fieldSet{module: map[string]bool{}, competency: map[string]bool{}}
	names, err := idx.Fields()
	if err != nil {
		return fs
	}
	for _, n := range names {
		p, a, ok := strings.Cut(n, "_")
		if !ok || !slices.Contains(analyzers, a) {
			continue
		}
		switch p {
		case pTitle, pDesc, pOutcomes:
			fs.module[a] = true
		case pCTitle, pCDesc:
			fs.competency[a] = true
		}
	}
	return fs
}

// with returns fs plus the analyzers of the given documents' text.
func (fs fieldSet) with(docs []map[string]any) fieldSet {
	out := fieldSet{module: fs.module, competency: fs.competency}
	copied := false
	for _, d := range docs {
		for f := range d {
			p, a, ok := strings.Cut(f, "_")
			if !ok || !slices.Contains(analyzers, a) {
				continue
			}
			m := out.module
			if p == pCTitle || p == pCDesc {
				m = out.competency
			} else if p != pTitle && p != pDesc && p != pOutcomes {
				continue
			}
			if m[a] {
				continue
			}
			if !copied {
				out.module, out.competency = maps.Clone(out.module), maps.Clone(out.competency)
				copied = true
				m = out.module
				if p == pCTitle || p == pCDesc {
					m = out.competency
				}
			}
			m[a] = true
		}
	}
	return out
}

// moduleFields lists the module text fields of the analyzers in fs, for
// the given prefixes (all three when none).
func (fs fieldSet) moduleFields() []string {
	var out []string
	for _, a := range sortedKeys(fs.module) {
		out = append(out, textField(pTitle, a), textField(pDesc, a), textField(pOutcomes, a))
	}
	return out
}

// competencyFields lists the competency text fields, restricted to the
// analyzers of langs when langs is not empty.
func (fs fieldSet) competencyFields(langs []string) []string {
	var out []string
	for _, a := range sortedKeys(fs.competency) {
		if len(langs) > 0 && !slices.ContainsFunc(langs, func(l string) bool { return analyzerFor(l) == a }) {
			continue
		}
		out = append(out, textField(pCTitle, a), textField(pCDesc, a))
	}
	return out
}
