package casefmt

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
	"github.com/concord-ibm/concord/interop/internal/naming"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Framework is the ID the imported framework gets. Empty: the ID a
	// Concord export recorded, else one derived from the document title,
	// else "case-" and a hash of its identifier.
	Framework string
	// Language is the language of texts whose records do not name one
	// (CFDocument.language, then CFItem.language, take precedence).
	// Empty means "en".
	Language string
}

var (
	docFields   = keys("identifier", "uri", "title", "creator", "publisher", "description", "notes", "language", "version", "adoptionStatus", "lastChangeDateTime", "extensions", "CFPackageURI", "caseVersion")
	itemFields  = keys("identifier", "uri", "fullStatement", "abbreviatedStatement", "humanCodingScheme", "notes", "language", "lastChangeDateTime", "extensions", "CFDocumentURI", "CFItemAssociationURI")
	assocFields = keys("identifier", "uri", "associationType", "sequenceNumber", "originNodeURI", "destinationNodeURI", "lastChangeDateTime", "extensions", "CFDocumentURI")
)

// Import reads a CASE 1.0 or 1.1 CFPackage (JSON, with or without a
// top-level "CFPackage" wrapper) as a framework and its competencies. The
// mapping is described in the package documentation. Records that cannot
// be made valid are left out and listed in the report, never dropped
// silently; an error is returned only when there is no usable framework
// (not JSON, no CFDocument, no title), as an EINVALID *curricula.Error.
func Import(r io.Reader, opts ImportOptions) (*interop.Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, curricula.Internal(err)
	}
	imp := &importer{opts: opts, unkept: interop.Unkept{}, byID: map[string]*node{}, byURI: map[string]*node{}, assocSeen: map[string]bool{}}
	return imp.run(data)
}

type importer struct {
	opts   ImportOptions
	rep    interop.Report
	unkept interop.Unkept

	docID, docURI string
	docLang       string
	nodes         []*node
	byID, byURI   map[string]*node
	assocSeen     map[string]bool
	translations  []translation
	extDoc        bool // the CFDocument carries a Concord extension
}

// node is one CFItem on its way to becoming a competency.
type node struct {
	idx        int
	ident      string // CASE identifier, as given
	hcs        string // humanCodingScheme
	lang       string
	title      curricula.Text
	desc       curricula.Text
	ext        *itemExt
	parent     *node // nil: top level
	hasParent  bool  // an isChildOf was taken
	order      int
	crosswalks []curricula.Crosswalk
	mergedInto *node
	visit      int // cycle check: 0 new, 1 on the current path, 2 done
	code, id   string
	comp       *curricula.Competency
}

type translation struct {
	assoc            string
	origin, original *node
}

func invalid(format string, args ...any) error {
	return curricula.Errorf(curricula.EINVALID, "CASE import: "+format, args...)
}

// envelope is the CFPackage, or an object holding it under "CFPackage".
type envelope struct {
	CFPackage      json.RawMessage `json:"CFPackage"`
	CFDocument     json.RawMessage `json:"CFDocument"`
	CFItems        json.RawMessage `json:"CFItems"`
	CFAssociations json.RawMessage `json:"CFAssociations"`
	CFDefinitions  json.RawMessage `json:"CFDefinitions"`
	CFRubrics      json.RawMessage `json:"CFRubrics"`
}

func (imp *importer) run(data []byte) (*interop.Result, error) {
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, invalid("not a CASE CFPackage JSON object: %v", err)
	}
	if isNull(env.CFDocument) && !isNull(env.CFPackage) {
		var inner envelope
		if err := json.Unmarshal(env.CFPackage, &inner); err != nil {
			return nil, invalid("CFPackage is not an object: %v", err)
		}
		env = inner
	}
	if isNull(env.CFDocument) {
		return nil, invalid("no CFDocument")
	}
	items, err := array("CFItems", env.CFItems)
	if err != nil {
		return nil, err
	}
	assocs, err := array("CFAssociations", env.CFAssociations)
	if err != nil {
		return nil, err
	}
	fw, err := imp.document(env.CFDocument)
	if err != nil {
		return nil, err
	}
	for i, raw := range items {
		imp.item(i, raw)
	}
	for i, raw := range assocs {
		imp.association(i, raw)
	}
	imp.definitions(env.CFDefinitions, env.CFRubrics)
	imp.merge()
	imp.breakCycles()
	comps := imp.competencies(fw)
	imp.languages(fw)
	imp.unkept.Report(&imp.rep)
	imp.rep.Imported.Frameworks = 1
	imp.rep.Imported.Competencies = len(comps)
	for _, c := range comps {
		imp.rep.Imported.Crosswalks += len(c.Crosswalks)
	}
	return &interop.Result{Framework: fw, Competencies: comps, Report: imp.rep}, nil
}

func array(what string, raw json.RawMessage) ([]json.RawMessage, error) {
	if isNull(raw) {
		return nil, nil
	}
	var out []json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, invalid("%s is not an array", what)
	}
	return out, nil
}

var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

func (imp *importer) document(raw json.RawMessage) (*curricula.Framework, error) {
	rec, err := newRecord("CFDocument", raw)
	if err != nil {
		return nil, invalid("CFDocument %v", err)
	}
	ident := strings.TrimSpace(rec.text("identifier"))
	uri := strings.TrimSpace(rec.text("uri"))
	title := rec.text("title")
	creator := rec.text("creator")
	publisher := rec.text("publisher")
	description := rec.text("description")
	notes := rec.text("notes")
	lang := rec.text("language")
	version := rec.text("version")
	status := rec.text("adoptionStatus")
	changed := rec.text("lastChangeDateTime")
	if rec.err != nil {
		return nil, invalid("CFDocument.%v", rec.err)
	}
	rec.unknown(docFields, imp.unkept)
	var ext docExt
	hasExt := rec.concordExt(&ext, imp.unkept, &imp.rep, ident)
	imp.docID, imp.docURI = strings.ToLower(ident), uri

	imp.docLang = imp.defaultLanguage()
	if !isBlank(lang) {
		if l, ok := language(lang, hasExt); ok {
			imp.docLang = l
		} else {
			imp.rep.Warn("CFDocument", ident, "language %q is not a language tag; using %q", lang, imp.docLang)
		}
	}
	if isBlank(title) {
		return nil, &curricula.Error{Code: curricula.EINVALID, Message: "CASE import: invalid CFDocument",
			Violations: []curricula.FieldViolation{{Field: "CFDocument.title", Description: "is required"}}}
	}

	id, err := imp.frameworkID(ident, title, ext.ID)
	if err != nil {
		return nil, err
	}
	fw := &curricula.Framework{
		Meta:  curricula.Meta{Name: curricula.FrameworkName(id)},
		Title: curricula.Text{imp.docLang: title},
		State: stateOf(status),
	}
	if d := joinNotes(description, notes); !isBlank(d) {
		fw.Description = curricula.Text{imp.docLang: d}
	}
	fw.Version = version
	if isBlank(version) {
		fw.Version = "1"
		if m := datePrefix.FindString(changed); m != "" {
			fw.Version = m
		}
		imp.rep.Warn("CFDocument", ident, "has no version; using %q", fw.Version)
	}
	fw.Publisher = publisher
	if publisher == "" && !hasExt {
		fw.Publisher = creator
	}
	if hasExt {
		mergeText(&fw.Title, ext.Title)
		mergeText(&fw.Description, ext.Description)
		fw.Source = ext.Source
		if _, err := curricula.ParseName(curricula.KindFramework, ext.PreviousVersion); err == nil && ext.PreviousVersion != fw.Name {
			fw.PreviousVersion = ext.PreviousVersion
		} else if ext.PreviousVersion != "" {
			imp.rep.Warn("CFDocument", ident, "extensions.concord.previousVersion %q is not another framework's name; ignored", ext.PreviousVersion)
		}
		for _, l := range ext.Languages {
			if curricula.ValidLanguage(l) {
				fw.Languages = append(fw.Languages, l)
			} else {
				imp.rep.Warn("CFDocument", ident, "extensions.concord.languages: %q is not a language tag; ignored", l)
			}
		}
	} else {
		fw.Source = uri
		if fw.Source == "" && ident != "" {
			fw.Source = "urn:uuid:" + ident
		}
	}
	if err := fw.Validate(); err != nil {
		if e, ok := err.(*curricula.Error); ok {
			return nil, &curricula.Error{Code: curricula.EINVALID, Message: "CASE import: the CFDocument makes no valid framework",
				Violations: curricula.Violations(e.Violations).Prefixed("framework")}
		}
		return nil, err
	}
	imp.extDoc = hasExt
	return fw, nil
}

// language reads a CASE language field. Tags written by Concord are taken
// as they are; others are normalised ("EN", "en_US", ISO 639-2 "eng").
func language(tag string, concord bool) (string, bool) {
	if t := strings.TrimSpace(tag); concord && curricula.ValidLanguage(t) {
		return t, true
	}
	return naming.Language(tag)
}

func (imp *importer) defaultLanguage() string {
	if l, ok := naming.Language(imp.opts.Language); ok {
		return l
	}
	return "en"
}

func (imp *importer) frameworkID(ident, title, extID string) (string, error) {
	if imp.opts.Framework != "" {
		if !curricula.ValidID(imp.opts.Framework) {
			return "", invalid("framework ID %q is not a valid ID", imp.opts.Framework)
		}
		return imp.opts.Framework, nil
	}
	if curricula.ValidID(extID) {
		return extID, nil
	}
	if id := naming.Slug(title, "f-"); id != "" {
		return id, nil
	}
	return "case-" + naming.Hash(ident), nil
}

// stateOf maps CASE adoptionStatus to a framework state: Adopted →
// published, Deprecated → retired, anything else (Draft, Private Draft,
// none) → draft.
func stateOf(status string) curricula.FrameworkState {
	switch strings.ToLower(strings.TrimSpace(status)) {
	case "adopted":
		return curricula.FrameworkPublished
	case "deprecated", "retired":
		return curricula.FrameworkRetired
	}
	return curricula.FrameworkDraft
}

// mergeText adds the languages of a Concord extension to *t, keeping what
// *t has (the record's own text wins over its extension) and dropping
// entries whose key is not a language tag.
func mergeText(t *curricula.Text, extra curricula.Text) {
	for lang, s := range extra {
		l := strings.TrimSpace(lang)
		if !curricula.ValidLanguage(l) || isBlank(s) {
			continue
		}
		if *t == nil {
			*t = curricula.Text{}
		}
		if _, has := (*t)[l]; !has {
			(*t)[l] = s
		}
	}
}

func (imp *importer) item(i int, raw json.RawMessage) {
	rec, err := newRecord("CFItem", raw)
	if err != nil {
		imp.rep.Skip("CFItem", fmt.Sprintf("#%d", i+1), "%v", err)
		return
	}
	ident := strings.TrimSpace(rec.text("identifier"))
	uri := strings.TrimSpace(rec.text("uri"))
	full := rec.text("fullStatement")
	abbrev := rec.text("abbreviatedStatement")
	hcs := strings.TrimSpace(rec.text("humanCodingScheme"))
	notes := rec.text("notes")
	lang := rec.text("language")
	label := ident
	if label == "" {
		label = fmt.Sprintf("#%d", i+1)
	}
	if rec.err != nil {
		imp.rep.Skip("CFItem", label, "%v", rec.err)
		return
	}
	if ident == "" {
		imp.rep.Skip("CFItem", label, "has no identifier")
		return
	}
	key := strings.ToLower(ident)
	if imp.byID[key] != nil || key == imp.docID {
		imp.rep.Skip("CFItem", ident, "duplicate identifier")
		return
	}
	title, desc, ok := joinStatement(abbrev, full, notes)
	if !ok {
		imp.rep.Skip("CFItem", ident, "has neither fullStatement nor abbreviatedStatement")
		return
	}
	rec.unknown(itemFields, imp.unkept)
	n := &node{idx: len(imp.nodes), ident: ident, hcs: hcs, lang: imp.docLang}
	var ext itemExt
	if rec.concordExt(&ext, imp.unkept, &imp.rep, ident) {
		n.ext = &ext
	}
	if !isBlank(lang) {
		if l, ok := language(lang, n.ext != nil); ok {
			n.lang = l
		} else {
			imp.rep.Warn("CFItem", ident, "language %q is not a language tag; using %q", lang, n.lang)
		}
	}
	n.title = curricula.Text{n.lang: title}
	if desc != "" {
		n.desc = curricula.Text{n.lang: desc}
	}
	if n.ext != nil {
		mergeText(&n.title, ext.Title)
		mergeText(&n.desc, ext.Description)
	}
	imp.nodes = append(imp.nodes, n)
	imp.byID[key] = n
	if uri != "" && imp.byURI[uri] == nil {
		imp.byURI[uri] = n
	}
}

// find returns the item of the package that l points at.
func (imp *importer) find(l link) *node {
	if n := imp.byID[strings.ToLower(strings.TrimSpace(string(l.Identifier)))]; n != nil {
		return n
	}
	if u := strings.TrimSpace(string(l.URI)); u != "" {
		return imp.byURI[u]
	}
	return nil
}

func (imp *importer) isDoc(l link) bool {
	id := strings.ToLower(strings.TrimSpace(string(l.Identifier)))
	u := strings.TrimSpace(string(l.URI))
	return (id != "" && id == imp.docID) || (u != "" && u == imp.docURI)
}

// target is how a crosswalk names a node outside the package: its URI,
// else its identifier.
func target(l link) string {
	if u := strings.TrimSpace(string(l.URI)); u != "" {
		return u
	}
	return strings.TrimSpace(string(l.Identifier))
}

// crosswalkTypes are the CASE association types kept as crosswalks when
// one end lies outside the package.
var crosswalkTypes = map[string]bool{"exactMatchOf": true, "isRelatedTo": true, "isPeerOf": true, "isTranslationOf": true}

// symmetric types may be read from either end.
var symmetric = map[string]bool{"exactMatchOf": true, "isRelatedTo": true, "isPeerOf": true}

func (imp *importer) association(i int, raw json.RawMessage) {
	seen := imp.assocSeen
	rec, err := newRecord("CFAssociation", raw)
	if err != nil {
		imp.rep.Skip("CFAssociation", fmt.Sprintf("#%d", i+1), "%v", err)
		return
	}
	ident := strings.TrimSpace(rec.text("identifier"))
	typ := strings.TrimSpace(rec.text("associationType"))
	orig := rec.link("originNodeURI")
	dest := rec.link("destinationNodeURI")
	seq := rec.seq("sequenceNumber")
	label := ident
	if label == "" {
		label = fmt.Sprintf("#%d", i+1)
	}
	if rec.err != nil {
		imp.rep.Skip("CFAssociation", label, "%v", rec.err)
		return
	}
	if ident != "" {
		if seen[strings.ToLower(ident)] {
			imp.rep.Skip("CFAssociation", label, "duplicate identifier")
			return
		}
		seen[strings.ToLower(ident)] = true
	}
	rec.unknown(assocFields, imp.unkept)
	var cx crosswalkExt
	concord := rec.concordExt(&cx, imp.unkept, &imp.rep, label)
	o, d := imp.find(orig), imp.find(dest)
	canon := canonicalType(typ)
	switch {
	case concord && o == nil:
		imp.rep.Skip("CFAssociation", label, "the crosswalk's origin is not an item of this package")
	case concord:
		imp.addCrosswalk(label, o, curricula.Crosswalk{Relation: cx.Relation, Target: target(dest), Label: cx.Label})
	case typ == "":
		imp.rep.Skip("CFAssociation", label, "has no associationType")
	case canon == "isChildOf":
		imp.childOf(label, o, d, dest, seq)
	case canon == "isTranslationOf" && o != nil && d != nil:
		imp.translations = append(imp.translations, translation{assoc: label, origin: o, original: d})
	case o != nil && d == nil && !imp.isDoc(dest) && crosswalkTypes[canon]:
		imp.addCrosswalk(label, o, curricula.Crosswalk{Relation: canon, Target: target(dest), Label: string(dest.Title)})
	case o == nil && d != nil && symmetric[canon] && !imp.isDoc(orig):
		imp.addCrosswalk(label, d, curricula.Crosswalk{Relation: canon, Target: target(orig), Label: string(orig.Title)})
	case !crosswalkTypes[canon]:
		imp.rep.Skip("CFAssociation", label, "associationType %q is not kept by Concord%s", typ, keptTypes)
	case o != nil && d != nil:
		imp.rep.Skip("CFAssociation", label, "%s links two items of this package; Concord keeps crosswalks to other frameworks only", typ)
	default:
		imp.rep.Skip("CFAssociation", label, "%s does not link an item of this package to one outside it", typ)
	}
}

const keptTypes = " (it keeps isChildOf, isTranslationOf, and exactMatchOf, isRelatedTo, isPeerOf towards items outside the package)"

// canonicalType spells the CASE association types the way the
// specification does, whatever case the export used.
func canonicalType(t string) string {
	for _, c := range []string{"isChildOf", "isTranslationOf", "exactMatchOf", "isRelatedTo", "isPeerOf"} {
		if strings.EqualFold(t, c) {
			return c
		}
	}
	return t
}

func (imp *importer) addCrosswalk(label string, n *node, x curricula.Crosswalk) {
	switch {
	case x.Target == "":
		imp.rep.Skip("CFAssociation", label, "the crosswalk has no target (uri or identifier)")
		return
	case x.Relation == "":
		imp.rep.Skip("CFAssociation", label, "the crosswalk has no relation")
		return
	}
	n.crosswalks = append(n.crosswalks, x)
}

func (imp *importer) childOf(label string, o, d *node, dest link, seq seqNum) {
	switch {
	case o == nil:
		imp.rep.Skip("CFAssociation", label, "isChildOf: its origin is not an item of this package")
		return
	case o.hasParent:
		imp.rep.Skip("CFAssociation", label, "isChildOf: CFItem %s already has a parent; a Concord framework is a tree", o.ident)
		return
	case imp.isDoc(dest):
		o.parent = nil
	case d == o:
		imp.rep.Skip("CFAssociation", label, "isChildOf: an item cannot be its own parent")
		return
	case d != nil:
		o.parent = d
	default:
		imp.rep.Skip("CFAssociation", label, "isChildOf: the parent %s is outside this package; CFItem %s stays at the top level", target(dest), o.ident)
		return
	}
	o.hasParent = true
	if seq.set {
		o.order = seq.n
	} else if seq.bad != "" {
		imp.rep.Warn("CFAssociation", label, "sequenceNumber %q is not an integer; ignored", seq.bad)
	}
}

func (imp *importer) definitions(defs, rubrics json.RawMessage) {
	var d map[string]json.RawMessage
	if json.Unmarshal(defs, &d) == nil {
		for k, v := range d {
			if !isEmpty(v) {
				var list []json.RawMessage
				n := 1
				if json.Unmarshal(v, &list) == nil {
					n = len(list)
				}
				imp.unkept["CFDefinitions."+k] += n
			}
		}
	}
	var r []json.RawMessage
	if json.Unmarshal(rubrics, &r) == nil && len(r) > 0 {
		imp.unkept["CFRubrics"] += len(r)
	}
}

// root follows merged translations to the competency that holds them.
func root(n *node) *node {
	for n != nil && n.mergedInto != nil {
		n = n.mergedInto
	}
	return n
}

// merge folds every isTranslationOf origin into the item it translates,
// as another language of it, unless that item already has text in the
// origin's language: the origin then stays a competency of its own.
func (imp *importer) merge() {
	for _, t := range imp.translations {
		o, r := t.origin, root(t.original)
		switch {
		case o.mergedInto != nil:
			imp.rep.Skip("CFAssociation", t.assoc, "isTranslationOf: CFItem %s is already merged as a translation", o.ident)
			continue
		case r == o:
			imp.rep.Skip("CFAssociation", t.assoc, "isTranslationOf: CFItem %s would translate itself", o.ident)
			continue
		case r.title[o.lang] != "":
			imp.rep.Skip("CFAssociation", t.assoc, "isTranslationOf: CFItem %s already has a %q text; CFItem %s stays a competency of its own", r.ident, o.lang, o.ident)
			continue
		}
		for lang, s := range o.title {
			if r.title[lang] == "" {
				r.title[lang] = s
			}
		}
		for lang, s := range o.desc {
			if r.desc == nil {
				r.desc = curricula.Text{}
			}
			if r.desc[lang] == "" {
				r.desc[lang] = s
			}
		}
		r.crosswalks = append(r.crosswalks, o.crosswalks...)
		o.crosswalks = nil
		o.mergedInto = r
		imp.rep.Imported.Translations++
	}
	for _, n := range imp.nodes {
		p := root(n.parent)
		if p == n {
			p = nil
		}
		n.parent = p
	}
}

// breakCycles cuts every isChildOf cycle at the item that closes it,
// which goes to the top level.
func (imp *importer) breakCycles() {
	for _, n := range imp.nodes {
		if n.mergedInto != nil {
			continue
		}
		var path []*node
		for cur := n; cur != nil && cur.visit == 0; cur = cur.parent {
			cur.visit = 1
			path = append(path, cur)
			if cur.parent != nil && cur.parent.visit == 1 {
				imp.rep.Warn("CFItem", cur.ident, "isChildOf makes a cycle; the item is put at the top level")
				cur.parent = nil
			}
		}
		for _, p := range path {
			p.visit = 2
		}
	}
}

// competencies assigns codes and IDs, builds and validates the
// competencies, and returns them parents first.
func (imp *importer) competencies(fw *curricula.Framework) []*curricula.Competency {
	fwID := strings.TrimPrefix(fw.Name, curricula.CollFrameworks+"/")
	var kept []*node
	for _, n := range imp.nodes {
		if n.mergedInto == nil {
			kept = append(kept, n)
		}
	}
	codes := naming.Set{}
	for _, n := range kept {
		imp.assignCode(n, codes)
	}
	ids := naming.Set{}
	for _, n := range kept { // IDs recorded by a Concord export first
		if n.ext != nil && curricula.ValidID(n.ext.ID) && ids.Take(n.ext.ID) {
			n.id = n.ext.ID
		}
	}
	for _, n := range kept {
		if n.id != "" {
			continue
		}
		base, ok := curricula.CodeToID(n.code)
		if !ok {
			if base = naming.Slug(n.code, "c-"); base == "" {
				base = "c-" + naming.Hash(n.ident)
			}
		}
		n.id = ids.UniqueID(base)
	}
	for _, n := range kept {
		c := &curricula.Competency{
			Meta:        curricula.Meta{Name: curricula.CompetencyName(fwID, n.id)},
			Code:        n.code,
			Title:       n.title,
			Description: n.desc,
			Order:       n.order,
			Crosswalks:  n.crosswalks,
		}
		if n.ext != nil {
			c.Pillars, c.Tiers, c.Fields, c.Agencies, c.Replaces = n.ext.Pillars, n.ext.Tiers, n.ext.Fields, n.ext.Agencies, n.ext.Replaces
		}
		if err := c.Validate(); err != nil {
			imp.rep.Skip("CFItem", n.ident, "makes no valid competency: %v", err)
			continue
		}
		n.comp = c
	}
	// Parents, now that the skipped items are known: a competency whose
	// parent was skipped moves up to its nearest kept ancestor.
	children := map[*node][]*node{}
	for _, n := range kept {
		if n.comp == nil {
			continue
		}
		p := n.parent
		for p != nil && p.comp == nil {
			p = p.parent
		}
		if p != n.parent {
			imp.rep.Warn("CFItem", n.ident, "its parent was skipped; moved under %s", describe(p))
		}
		if p != nil {
			n.comp.Parent = p.id
		}
		children[p] = append(children[p], n)
	}
	var out []*curricula.Competency
	var walk func(p *node)
	walk = func(p *node) {
		cs := children[p]
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].order < cs[j].order })
		for _, c := range cs {
			out = append(out, c.comp)
			walk(c)
		}
	}
	walk(nil)
	return out
}

func describe(p *node) string {
	if p == nil {
		return "the top level"
	}
	return "CFItem " + p.ident
}

// assignCode gives n its competency code: humanCodingScheme, made valid
// and unique if need be; without one, the identifier itself when it is a
// valid code (a UUID is), else "case-" and a hash of the identifier.
func (imp *importer) assignCode(n *node, codes naming.Set) {
	var code string
	switch {
	case n.hcs == "":
		code = n.ident
		if !naming.ValidCode(code) {
			code = "case-" + naming.Hash(n.ident)
		}
	case naming.ValidCode(n.hcs):
		code = n.hcs
	default:
		code = naming.SanitizeCode(n.hcs)
		if code == "" {
			code = "case-" + naming.Hash(n.ident)
		}
		imp.rep.Warn("CFItem", n.ident, "humanCodingScheme %q is not a valid code; using %q", n.hcs, code)
	}
	u := codes.UniqueCode(code)
	if u != code {
		imp.rep.Warn("CFItem", n.ident, "code %q is already used; using %q", code, u)
	}
	n.code = u
}

// languages sets the framework's languages, unless a Concord export
// recorded them: the document's and every imported text's, sorted.
func (imp *importer) languages(fw *curricula.Framework) {
	if imp.extDoc {
		return
	}
	set := map[string]bool{imp.docLang: true}
	for _, n := range imp.nodes {
		if n.comp != nil {
			for l := range n.comp.Title {
				set[l] = true
			}
			for l := range n.comp.Description {
				set[l] = true
			}
		}
	}
	for l := range set {
		fw.Languages = append(fw.Languages, l)
	}
	sort.Strings(fw.Languages)
}
