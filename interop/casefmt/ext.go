package casefmt

import "github.com/concord-ibm/concord/curricula"

// extKey is the key under a CASE record's "extensions" where Concord keeps
// what CASE has no field for. A CASE consumer ignores it; Import reads it
// back, so Concord → CASE → Concord loses nothing.
const extKey = "concord"

// docExt is CFDocument.extensions.concord.
type docExt struct {
	ID string `json:"id"`
	// Title and Description hold the languages other than the document's.
	Title           curricula.Text `json:"title,omitempty"`
	Description     curricula.Text `json:"description,omitempty"`
	PreviousVersion string         `json:"previousVersion,omitempty"`
	Languages       []string       `json:"languages,omitempty"`
	Source          string         `json:"source,omitempty"`
}

// itemExt is CFItem.extensions.concord.
type itemExt struct {
	ID string `json:"id"`
	// Title and Description hold the languages other than the item's.
	Title       curricula.Text     `json:"title,omitempty"`
	Description curricula.Text     `json:"description,omitempty"`
	Pillars     []curricula.Pillar `json:"pillars,omitempty"`
	Tiers       []curricula.Tier   `json:"tiers,omitempty"`
	Fields      []curricula.Field  `json:"fields,omitempty"`
	Agencies    []curricula.Agency `json:"agencies,omitempty"`
	Replaces    []string           `json:"replaces,omitempty"`
}

// crosswalkExt is CFAssociation.extensions.concord on the association
// that carries a crosswalk: the relation and label exactly as Concord
// has them (the associationType must be a CASE type or "ext:…").
type crosswalkExt struct {
	Relation string `json:"relation"`
	Label    string `json:"label"`
}
