// Package moodle converts between Moodle's competency framework CSV (the
// format of Moodle's admin tool "Import competency framework",
// admin/tool/lpimportcsv, and its export) and Concord frameworks.
//
// # The format
//
// One header row, then one row per record, 14 columns in this order:
//
//	parentidnumber      ID number of the parent competency ("" at the top)
//	idnumber            the record's ID number
//	shortname           its name
//	description         its description
//	descriptionformat   0 Moodle auto-format, 1 HTML, 2 plain text, 4 Markdown
//	scalevalues         rating scale items, ',' separated (framework row; optional per competency)
//	scaleconfiguration  Moodle's JSON configuration of that scale
//	ruletype            completion rule class (optional)
//	ruleoutcome         rule outcome, an integer (optional)
//	ruleconfig          rule configuration, JSON or "null" (optional)
//	relatedidnumbers    ID numbers of cross-referenced competencies, ',' separated, ',' inside one written %2C
//	exportid            the exporting site's competency ID (optional)
//	isframework         set ("1") on the one framework row; "" or "0" on competencies
//	taxonomy            the framework's taxonomy per level, ',' separated (framework row)
//
// Moodle writes the header in the site's language and reads the columns
// by position; Import recognises the English headers (current and older
// wordings, or the field names above) in any order, and otherwise takes a
// 14-column header by position. The separator is read from the header
// (',', ';', tab or ':'); a UTF-8 byte-order mark is skipped.
//
// # Import
//
//	framework row idnumber → the framework ID, slugged (unless ImportOptions.Framework)
//	framework shortname    → Title[lang];  description → Description[lang]
//	competency idnumber    → Code (made valid and unique when it is not, with a warning)
//	exportid               → the competency ID when it is a valid Concord ID (as Export
//	                         writes it), else curricula.CodeToID(Code), made unique
//	shortname, description → Title[lang], Description[lang]
//	parentidnumber         → Parent; an unknown parent or a cycle puts the row at the top (warned)
//	row order              → Order: 1, 2, … among siblings
//	relatedidnumbers       → Crosswalks {Relation: "isRelatedTo", Target: the competency's name}
//
// HTML descriptions (formats 0 and 1) become plain text. lang is
// ImportOptions.Language ("en"); Version is ImportOptions.Version ("1");
// State is draft. Scales, rules and taxonomies have no place in Concord
// and are counted in the report's warnings; rows without an ID number or
// short name, duplicates and rows that make no valid competency are
// skipped with the reason.
//
// # Export
//
// The inverse: texts in one language (ExportOptions.Language) as plain
// text, the competency ID in exportid, isRelatedTo crosswalks between
// competencies of the framework as cross-references, and a default scale
// (DefaultScaleValues) since Moodle requires one. Concord → Moodle →
// Concord keeps IDs, codes, the tree, sibling order (as 1, 2, …), one
// language of titles and descriptions and those cross-references. Other
// languages, pillars, tiers, fields, agencies, replaces, other crosswalks,
// and the framework's version, state, publisher, languages and source
// have no column in this format and are not exported.
package moodle
