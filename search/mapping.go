package search

import (
	"slices"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	regexpchar "github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	// Language analyzers registered by import.
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ckb"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/da"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/no"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ro"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/sv"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/tr"

	"github.com/concord-ibm/concord/curricula"
)

// MappingVersion is the version of the index mapping and of the documents
// built from resources. Change it whenever either changes: an index with
// another version is rebuilt on open.
const MappingVersion = 6

// plainAnalyzer is the analyzer of languages bleve has none for.
const plainAnalyzer = "plain"

// analyzerLangs are the languages bleve v2.6.1 has an analyzer for, under
// the analyzer's name.
var analyzerLangs = []string{
	"ar", "cjk", "ckb", "da", "de", "en", "es", "fa", "fi", "fr", "hi", "hr",
	"hu", "it", "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr",
}

// analyzers are every text analyzer the mapping uses: analyzerLangs and plain.
var analyzers = append(slices.Clone(analyzerLangs), plainAnalyzer)

// analyzerFor returns the analyzer of a language tag: the one of its
// primary subtag (Dari "prs" and "fa-AF" → fa; zh, ja, ko → cjk; nb, nn →
// no), or plain.
func analyzerFor(tag string) string {
	base := curricula.BaseLanguage(tag)
	switch base {
	case "zh", "ja", "ko":
		return "cjk"
	case "nb", "nn":
		return "no"
	}
	if slices.Contains(analyzerLangs, base) {
		return base
	}
	return plainAnalyzer
}

// Document types.
const (
	typeModule     = "module"
	typeCompetency = "competency"
)

// Field names. Text fields are prefix + "_" + analyzer.
const (
	fType       = "type"
	fAcademy    = "academy"
	fCountry    = "country"
	fCurriculum = "curriculum"
	fLang       = "lang"      // full tag
	fLangBase   = "lang_base" // primary subtag
	fAgency     = "agency"
	fDelivery   = "delivery"
	fDepth      = "depth"
	fCompetency = "competency"
	fRestricted = "restricted"
	fHours      = "hours"
	fFramework  = "framework"
	fCode       = "code"
	fName       = "name" // the module's name (= document ID), for sorting

	pTitle    = "title"  // module title
	pDesc     = "desc"   // module description
	pOutcomes = "out"    // module outcomes
	pCTitle   = "ctitle" // competency title
	pCDesc    = "cdesc"  // competency description
)

func textField(prefix, analyzer string) string { return prefix + "_" + analyzer }

// Internal keys.
var (
	keyMapping  = []byte("concord:mapping-version")
	keySequence = []byte("concord:sequence")
)

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := im.AddCustomAnalyzer(plainAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	// bleve's fa analyzer replaces U+200C (3 bytes) with one space, which
	// shifts every later term's offsets: highlights cut runes apart. This
	// one replaces it with three spaces, keeping offsets.
	if err := im.AddCustomCharFilter(faZWNJ, map[string]any{
		"type": regexpchar.Name, "regexp": `\x{200C}`, "replace": "   ",
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(faAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{faZWNJ},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, ar.NormalizeName, fa.NormalizeName, fa.StopName},
	}); err != nil {
		return nil, err
	}
	im.TypeField = fType
	im.DefaultAnalyzer = keyword.Name
	im.DefaultMapping = mapping.NewDocumentDisabledMapping()
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	mod := mapping.NewDocumentStaticMapping()
	comp := mapping.NewDocumentStaticMapping()
	for _, a := range analyzers {
		for _, p := range []string{pTitle, pDesc, pOutcomes} {
			mod.AddFieldMappingsAt(textField(p, a), textFieldMapping(a))
		}
		for _, p := range []string{pCTitle, pCDesc} {
			comp.AddFieldMappingsAt(textField(p, a), textFieldMapping(a))
		}
	}
	// Doc values only where facets and sorts read them: they cost
	// every write.
	for _, f := range []string{fAcademy, fCountry, fLang, fDepth} {
		mod.AddFieldMappingsAt(f, keywordFieldMapping(false, true))
	}
	for _, f := range []string{fType, fCurriculum, fLangBase, fAgency, fDelivery, fFramework} {
		mod.AddFieldMappingsAt(f, keywordFieldMapping(false, false))
	}
	mod.AddFieldMappingsAt(fCompetency, keywordFieldMapping(true, true))
	// The hours order's tie-break: bleve reads a sort field for every
	// match, and doc values cost far less there than loading each ID.
	// (Relevance order reads names only on ties: see topByScore.)
	mod.AddFieldMappingsAt(fName, keywordFieldMapping(false, true))
	b := mapping.NewBooleanFieldMapping()
	b.Store, b.IncludeInAll = false, false
	mod.AddFieldMappingsAt(fRestricted, b)
	n := mapping.NewNumericFieldMapping()
	n.Store, n.IncludeInAll = true, false
	mod.AddFieldMappingsAt(fHours, n)

	for _, f := range []string{fType, fFramework, fCode} {
		comp.AddFieldMappingsAt(f, keywordFieldMapping(false, false))
	}
	// No composite "_all" field: every field is searched by name, and
	// bleve would otherwise build an empty one for every document.
	mod.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	comp.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	im.AddDocumentMapping(typeModule, mod)
	im.AddDocumentMapping(typeCompetency, comp)
	return im, im.Validate()
}

// Persian text is analysed as bleve's fa analyzer does, but keeping
// offsets (see newMapping); its fields keep the name "fa".
const (
	faAnalyzer = "fa_offsets"
	faZWNJ     = "zwnj_three_spaces"
)

// textFieldMapping maps text analysed by analyzer, stored and with term
// vectors: highlights read both, phrases need positions.
func textFieldMapping(analyzer string) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = analyzer
	if analyzer == "fa" {
		f.Analyzer = faAnalyzer
	}
	f.Store = true
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordFieldMapping(store, docValues bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Store = store
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = docValues
	return f
}
