// Package search is the bleve (scorch) index of modules and competencies
// that implements curricula.Search. It is derived data: it follows the
// store's change log in order, records the last sequence it applied in
// the index itself (in the same batch as the documents), catches up on
// open, and rebuilds itself from the store when its directory is missing
// or corrupt, its mapping version changed, or it is ahead of the store
// (a restore).
//
// Text is indexed into per-language fields (title_ru, desc_ru, out_ru…)
// analysed by bleve's analyzer for that language, or by a Unicode
// tokenising, lower-casing analyzer ("plain") for languages bleve has none
// for. A query is parsed with bleve's query-string syntax and each of its
// terms is run against every per-language field the index holds, so +must
// and -not hold across languages (a -word excludes a module when any of
// its fields holds it).
//
// Prefixes and wildcards are matched against the indexed terms, which are
// stemmed in languages with a stemmer: "риск*" finds "рисков", "рисков*"
// does not. A prefix, wildcard, regexp or fuzzy term may expand to at
// most MaxExpansion terms per field (ERESOURCEEXHAUSTED beyond); queries
// are at most MaxQueryBytes long (EINVALID naming "query").
//
// A rebuild reads the store in one transaction and records the sequence
// that transaction sees (curricula.Tx.Sequence), so the new index is
// exactly the store at that sequence; it then applies the changes made
// since, and only then replaces the current index.
//
// Concept search matches the query against the competency documents (every
// language) and keeps up to ConceptMax competencies whose score is at
// least ConceptRatio of the best; modules aligned to them are hits too,
// each competency term boosted by its relative score.
//
// Relevance order is score descending, then name; hours order is hours,
// then name. Page cursors are base64 JSON of the last hit's sort values.
// Hours order is bleve's sort and search_after, names read from a
// doc-values field; in relevance order bleve sorts by score alone and the
// page is collected here, a hit's name read only when its score ties
// (collect.go). Highlights and stored fields are read for the page's hits
// only, by a second search among them. Hours order is exactly stable
// across pages. Scores
// depend on the index's document count and term frequencies, so in
// relevance order a write that adds or removes documents between two
// pages can move the page boundary; an update that does not touch the
// query's terms does not.
package search
