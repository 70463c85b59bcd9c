package casefmt

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/internal/naming"
	"github.com/concord-ibm/concord/interop/internal/tree"
)

// ExportOptions tune Export.
type ExportOptions struct {
	// BaseURL is the CASE service root the URIs are minted under:
	// BaseURL+"/CFDocuments/{identifier}", "/CFItems/…", "/CFAssociations/…"
	// (e.g. "https://concord.example.org/ims/case/v1p1"). Empty: URIs are
	// "urn:uuid:{identifier}".
	BaseURL string
	// Language is the language of the CASE text fields; texts in other
	// languages travel in extensions. Empty: the framework's first
	// language that its title has, else "en" if the title has it, else
	// the title's first language in sort order.
	Language string
	// Now stamps lastChangeDateTime on records without an update time.
	// Zero: the time of the call.
	Now time.Time
}

// Identifier is the CASE identifier Export gives the resource called
// name: the name-based (version 5) UUID of the name, so it is the same in
// every export.
func Identifier(name string) string { return naming.UUID5(name) }

// caseTypes are the association types of CASE 1.1's vocabulary.
var caseTypes = map[string]bool{"isChildOf": true, "isPeerOf": true, "isPartOf": true, "exactMatchOf": true, "precedes": true,
	"isRelatedTo": true, "replacedBy": true, "exemplar": true, "hasSkillLevel": true, "isTranslationOf": true}

// Export writes the framework and its competencies as a CASE 1.1
// CFPackage (indented JSON). The mapping is the inverse of Import's, so
// that Import(Export(f, cs)) gives f and cs back; see the package
// documentation. Records that do not validate, competencies of another
// framework, unknown parents and parent cycles are EINVALID errors, and
// nothing is written then.
func Export(w io.Writer, f *curricula.Framework, cs []*curricula.Competency, opts ExportOptions) error {
	order, _, err := tree.Order("CASE export", f, cs)
	if err != nil {
		return err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	x := exporter{base: strings.TrimRight(opts.BaseURL, "/"), now: now, lang: mainLanguage(f, opts.Language), byID: map[string]*curricula.Competency{}}
	for _, c := range cs {
		x.byID[c.ID()] = c
	}
	pkg := outPackage{CFDocument: x.document(f), CFItems: []outItem{}, CFAssociations: []outAssociation{}}
	for _, c := range order {
		item := x.item(f, c)
		pkg.CFItems = append(pkg.CFItems, item)
		pkg.CFAssociations = append(pkg.CFAssociations, x.associations(f, c, item, pkg.CFDocument)...)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		return curricula.Internal(err)
	}
	return nil
}

type outPackage struct {
	CFDocument     outDocument      `json:"CFDocument"`
	CFItems        []outItem        `json:"CFItems"`
	CFAssociations []outAssociation `json:"CFAssociations"`
}

type outDocument struct {
	Identifier         string         `json:"identifier"`
	URI                string         `json:"uri"`
	CaseVersion        string         `json:"caseVersion"`
	Creator            string         `json:"creator"`
	Title              string         `json:"title"`
	LastChangeDateTime string         `json:"lastChangeDateTime"`
	Publisher          string         `json:"publisher,omitempty"`
	Description        string         `json:"description,omitempty"`
	Notes              string         `json:"notes,omitempty"`
	Language           string         `json:"language"`
	Version            string         `json:"version,omitempty"`
	AdoptionStatus     string         `json:"adoptionStatus"`
	Extensions         map[string]any `json:"extensions,omitempty"`
}

type outItem struct {
	Identifier           string         `json:"identifier"`
	URI                  string         `json:"uri"`
	FullStatement        string         `json:"fullStatement"`
	AbbreviatedStatement string         `json:"abbreviatedStatement,omitempty"`
	HumanCodingScheme    string         `json:"humanCodingScheme,omitempty"`
	Notes                string         `json:"notes,omitempty"`
	Language             string         `json:"language,omitempty"`
	LastChangeDateTime   string         `json:"lastChangeDateTime"`
	Extensions           map[string]any `json:"extensions,omitempty"`
}

type outLink struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type outAssociation struct {
	Identifier         string         `json:"identifier"`
	URI                string         `json:"uri"`
	AssociationType    string         `json:"associationType"`
	SequenceNumber     *int           `json:"sequenceNumber,omitempty"`
	OriginNodeURI      outLink        `json:"originNodeURI"`
	DestinationNodeURI outLink        `json:"destinationNodeURI"`
	LastChangeDateTime string         `json:"lastChangeDateTime"`
	Extensions         map[string]any `json:"extensions,omitempty"`
}

type exporter struct {
	base string
	now  time.Time
	lang string
	byID map[string]*curricula.Competency
}

func (x *exporter) uri(class, id string) string {
	if x.base == "" {
		return "urn:uuid:" + id
	}
	return x.base + "/" + class + "/" + id
}

func (x *exporter) stamp(ts ...time.Time) string {
	for _, t := range ts {
		if !t.IsZero() {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return x.now.UTC().Format(time.RFC3339)
}

func (x *exporter) document(f *curricula.Framework) outDocument {
	id := Identifier(f.Name)
	body, notes := splitNotes(f.Description[x.lang])
	d := outDocument{
		Identifier:         id,
		URI:                x.uri("CFDocuments", id),
		CaseVersion:        "1.1",
		Creator:            f.Publisher,
		Title:              f.Title[x.lang],
		LastChangeDateTime: x.stamp(f.UpdateTime, f.CreateTime),
		Publisher:          f.Publisher,
		Description:        body,
		Notes:              notes,
		Language:           x.lang,
		Version:            f.Version,
		AdoptionStatus:     adoptionStatus(f.State),
	}
	if d.Creator == "" {
		d.Creator = "Concord"
	}
	ext := docExt{
		ID:              strings.TrimPrefix(f.Name, curricula.CollFrameworks+"/"),
		Title:           others(f.Title, x.lang),
		Description:     others(f.Description, x.lang),
		PreviousVersion: f.PreviousVersion,
		Languages:       f.Languages,
		Source:          f.Source,
	}
	d.Extensions = map[string]any{extKey: ext}
	return d
}

func (x *exporter) item(f *curricula.Framework, c *curricula.Competency) outItem {
	lang := x.lang
	if c.Title[lang] == "" {
		lang = firstLanguage(c.Title)
	}
	abbrev, full, notes := splitStatement(c.Title[lang], c.Description[lang])
	it := outItem{
		Identifier:           x.itemID(c),
		FullStatement:        full,
		AbbreviatedStatement: abbrev,
		Notes:                notes,
		LastChangeDateTime:   x.stamp(c.UpdateTime, c.CreateTime, f.UpdateTime),
	}
	it.URI = x.uri("CFItems", it.Identifier)
	if !naming.IsUUID(c.Code) {
		it.HumanCodingScheme = c.Code
	}
	if lang != x.lang {
		it.Language = lang
	}
	it.Extensions = map[string]any{extKey: itemExt{
		ID:          c.ID(),
		Title:       others(c.Title, lang),
		Description: others(c.Description, lang),
		Pillars:     c.Pillars,
		Tiers:       c.Tiers,
		Fields:      c.Fields,
		Agencies:    c.Agencies,
		Replaces:    c.Replaces,
	}}
	return it
}

// itemID is a competency's CFItem identifier. A competency whose code is
// a UUID (Import gives that code to items without humanCodingScheme) is
// exported under that identifier and without humanCodingScheme, so that
// such items keep their identity through Concord.
func (x *exporter) itemID(c *curricula.Competency) string {
	if naming.IsUUID(c.Code) {
		return c.Code
	}
	return Identifier(c.Name)
}

func (x *exporter) link(c *curricula.Competency) outLink {
	id := x.itemID(c)
	title := c.Code
	if title == "" {
		title = c.Title.In(x.lang)
	}
	return outLink{Title: title, Identifier: id, URI: x.uri("CFItems", id)}
}

// associations are the isChildOf of c (towards its parent, or the
// document for a top-level competency) and one association per crosswalk.
func (x *exporter) associations(f *curricula.Framework, c *curricula.Competency, item outItem, doc outDocument) []outAssociation {
	stamp := item.LastChangeDateTime
	parent := outLink{Title: doc.Title, Identifier: doc.Identifier, URI: doc.URI}
	if c.Parent != "" {
		parent = x.link(x.byID[c.Parent])
	}
	child := outAssociation{
		Identifier:         Identifier(c.Name + "#isChildOf"),
		AssociationType:    "isChildOf",
		OriginNodeURI:      x.link(c),
		DestinationNodeURI: parent,
		LastChangeDateTime: stamp,
	}
	if c.Order != 0 {
		n := c.Order
		child.SequenceNumber = &n
	}
	child.URI = x.uri("CFAssociations", child.Identifier)
	out := []outAssociation{child}
	for i, cw := range c.Crosswalks {
		a := outAssociation{
			Identifier:         Identifier(c.Name + "#crosswalks/" + strconv.Itoa(i)),
			AssociationType:    associationType(cw.Relation),
			OriginNodeURI:      x.link(c),
			DestinationNodeURI: outLink{Title: cw.Label, Identifier: targetID(cw.Target), URI: cw.Target},
			LastChangeDateTime: stamp,
			Extensions:         map[string]any{extKey: crosswalkExt{Relation: cw.Relation, Label: cw.Label}},
		}
		if a.DestinationNodeURI.Title == "" {
			a.DestinationNodeURI.Title = cw.Target
		}
		a.URI = x.uri("CFAssociations", a.Identifier)
		out = append(out, a)
	}
	return out
}

// associationType is the CASE associationType of a crosswalk relation:
// the relation itself when CASE defines it (but isChildOf, which CASE
// readers take for the tree), else "ext:" and the relation with the
// characters CASE allows.
func associationType(rel string) string {
	if caseTypes[rel] && rel != "isChildOf" {
		return rel
	}
	name := strings.TrimPrefix(rel, "ext:")
	b := []byte(name)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "ext:crosswalk"
	}
	return "ext:" + string(b)
}

// targetID is the identifier of a crosswalk's target: the UUID that ends
// its URI (as CASE URIs do), else the name-based UUID of the target.
func targetID(t string) string {
	last := t[strings.LastIndexAny(t, "/:")+1:]
	if naming.IsUUID(last) {
		return last
	}
	return naming.UUID5(t)
}

func adoptionStatus(s curricula.FrameworkState) string {
	switch s {
	case curricula.FrameworkPublished:
		return "Adopted"
	case curricula.FrameworkRetired:
		return "Deprecated"
	}
	return "Draft"
}

func mainLanguage(f *curricula.Framework, want string) string {
	if l, ok := naming.Language(want); ok && f.Title[l] != "" {
		return l
	}
	for _, l := range f.Languages {
		if f.Title[l] != "" {
			return l
		}
	}
	if f.Title["en"] != "" {
		return "en"
	}
	if l := firstLanguage(f.Title); l != "" {
		return l
	}
	return "en"
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

// others returns t without lang (nil when nothing is left).
func others(t curricula.Text, lang string) curricula.Text {
	var out curricula.Text
	for l, s := range t {
		if l != lang {
			if out == nil {
				out = curricula.Text{}
			}
			out[l] = s
		}
	}
	return out
}
