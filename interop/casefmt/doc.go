// Package casefmt converts between 1EdTech CASE (Competencies and Academic
// Standards Exchange) CFPackage JSON and Concord frameworks.
//
// # Import (CASE 1.0 and 1.1)
//
// The package may be the CFPackage object itself or an object holding it
// under "CFPackage". The importer is tolerant of what real exports contain:
// unknown fields, numbers or null where text is expected, sequenceNumber
// as a number or a string, associations to items outside the package.
// Every input record it cannot use is listed in the report's Skipped with
// the reason; every change it makes, and every CASE field Concord has no
// place for (counted per field), in Warnings.
//
// CFDocument → Framework:
//
//	title                 → Title[lang]
//	description, notes    → Description[lang] (notes as in items, below)
//	language              → lang, the language of every text that names none (default ImportOptions.Language, else "en")
//	version               → Version; when absent the date of lastChangeDateTime, else "1" (with a warning)
//	adoptionStatus        → State: Adopted → published, Deprecated → retired, anything else → draft
//	publisher, creator    → Publisher (publisher, else creator)
//	uri (else identifier) → Source
//	title                 → the framework ID, slugged ("What Standards" → what-standards),
//	                        unless ImportOptions.Framework names one
//	Languages             → the languages of all imported texts, sorted
//
// CFItem → Competency:
//
//	abbreviatedStatement and fullStatement → Title = abbreviated, Description = full
//	fullStatement only                     → Title = full
//	notes                                  → appended to the Description after a blank
//	                                         line as "Notes: …" (alone: "Notes: …")
//	language                               → the language of those texts
//	humanCodingScheme                      → Code; made valid when it is not (characters
//	                                         outside letters, digits, . _ - / become '-',
//	                                         cut to 40), made unique with "-2", "-3" (warned)
//	no humanCodingScheme                   → Code = the identifier (a UUID is a valid
//	                                         code; otherwise "case-" + a hash of it)
//	ID                                     → curricula.CodeToID(Code), made unique the same way
//
// CFAssociations:
//
//	isChildOf → Parent (towards the CFDocument: top level); sequenceNumber → Order.
//	            An item without one is top level. A second parent, a parent outside
//	            the package, or a cycle is skipped (the item keeps its first parent,
//	            or goes to the top level).
//	isTranslationOf (origin translates destination, both in the package)
//	          → the origin's texts become another language of the destination's
//	            competency, unless it already has that language.
//	exactMatchOf, isRelatedTo, isPeerOf, isTranslationOf towards an item outside
//	the package → Crosswalk{Relation: type, Target: its uri (else identifier),
//	            Label: its title}. The symmetric three are also read from the other end.
//	anything else (precedes, exemplar, links between two items of the package, …)
//	          → skipped, with the reason.
//
// Each competency and the framework are validated; a competency that cannot
// be made valid is skipped (its children move up to the nearest kept
// ancestor), a framework that cannot is an error. Competencies are
// returned parents first.
//
// # Export (CASE 1.1)
//
// Export writes the inverse mapping as a CFPackage that validates against
// the official CASE 1.1 JSON Schema: a CFDocument, one CFItem per
// competency, one isChildOf association per competency (sequenceNumber =
// Order when Order is not 0) and one association per crosswalk. The text
// fields carry one language (ExportOptions.Language); the Description is
// split back into fullStatement and notes. Identifiers are version-5 UUIDs
// of the resource names (Identifier), URIs are minted under
// ExportOptions.BaseURL; a competency whose code is a UUID is exported
// under that identifier without humanCodingScheme, so CASE items without
// one keep their identifier through Concord.
//
// What CASE has no field for travels under "extensions": {"concord": …}
// of the record (other-language titles and descriptions, resource IDs,
// pillars, tiers, fields, agencies, replaces, previous version, languages,
// source, the exact relation and label of a crosswalk), so Concord → CASE
// → Concord gives back every field. CASE → Concord → CASE keeps every
// field Concord maps (texts, codes, languages, tree, order, crosswalks);
// identifiers of items with a humanCodingScheme and of associations are
// re-minted, and the CASE fields listed as not kept in the import report
// are lost.
package casefmt
