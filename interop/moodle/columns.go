package moodle

import "strings"

// The 14 columns of tool_lpimportcsv, in the order Moodle writes and (by
// default) reads them.
const (
	colParent = iota
	colIDNumber
	colShortName
	colDescription
	colDescriptionFormat
	colScaleValues
	colScaleConfiguration
	colRuleType
	colRuleOutcome
	colRuleConfig
	colRelated
	colExportID
	colIsFramework
	colTaxonomy
	numColumns
)

// Header is the header row Moodle's exporter writes (its English strings).
var Header = []string{
	"Parent ID number", "ID number", "Short name", "Description", "Description format",
	"Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)",
	"Rule config (optional)", "Cross-referenced competency ID numbers", "Exported ID (optional)",
	"Is framework", "Taxonomy",
}

// keys name the columns in reports: Moodle's field names.
var keys = []string{
	"parentidnumber", "idnumber", "shortname", "description", "descriptionformat",
	"scalevalues", "scaleconfiguration", "ruletype", "ruleoutcome",
	"ruleconfig", "relatedidnumbers", "exportid", "isframework", "taxonomy",
}

// aliases are the header names, reduced to letters and digits, each column
// is recognised by: its field name, the English header of current Moodle
// and of earlier versions.
var aliases = map[string]int{
	"ruletypeoptional": colRuleType, "ruleoutcomeoptional": colRuleOutcome, "ruleconfigoptional": colRuleConfig,
	"crossreferencedcompetencyidnumbers": colRelated, "exportedidoptional": colExportID, "taxonomies": colTaxonomy,
}

func init() {
	for i, k := range keys {
		aliases[k] = i
		aliases[reduce(Header[i])] = i
	}
}

func reduce(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mapHeader returns, for each of the 14 columns, its index in the file:
// by name when every column is recognised (in any order), else by
// position, as Moodle does, when there are 14 columns (a header in
// another language). ok is false otherwise.
func mapHeader(h []string) (idx [numColumns]int, ok bool) {
	for i := range idx {
		idx[i] = -1
	}
	found := 0
	for i, name := range h {
		if c, known := aliases[reduce(name)]; known && idx[c] < 0 {
			idx[c] = i
			found++
		}
	}
	if found == numColumns {
		return idx, true
	}
	if len(h) == numColumns {
		for i := range idx {
			idx[i] = i
		}
		return idx, true
	}
	return idx, false
}
