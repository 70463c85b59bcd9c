package curricula

import (
	"fmt"
	"regexp"
)

var codePattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,39}$`)

// Competency is a node of a framework's tree
// (frameworks/{framework}/competencies/{competency}). A node without a
// parent is an area at the top of the tree; leaves are what modules are
// normally aligned to.
type Competency struct {
	Meta
	// Code is the stable human code ("RA-01"), unique in the framework.
	Code        string `json:"code"`
	Title       Text   `json:"title"`
	Description Text   `json:"description,omitempty"`
	// Parent is the ID of the parent competency in the same framework.
	Parent   string   `json:"parent,omitempty"`
	Order    int      `json:"order,omitempty"`
	Pillars  []Pillar `json:"pillars,omitempty"`
	Tiers    []Tier   `json:"tiers,omitempty"`
	Fields   []Field  `json:"fields,omitempty"`
	Agencies []Agency `json:"agencies,omitempty"`
	// Replaces lists competencies of the framework's previous version that
	// this one supersedes (names), so that alignments made against the old
	// version still count.
	Replaces []string `json:"replaces,omitempty"`
	// Crosswalks link to equivalent or related items of other frameworks
	// (CASE exactMatchOf / isRelatedTo).
	Crosswalks []Crosswalk `json:"crosswalks,omitempty"`
}

// Crosswalk is a link from a competency to an item of another framework.
type Crosswalk struct {
	Relation string `json:"relation"` // "exactMatchOf", "isRelatedTo", …
	Target   string `json:"target"`   // URI or name of the other item
	Label    string `json:"label,omitempty"`
}

func (*Competency) Kind() Kind { return KindCompetency }

// Validate checks the competency's own fields; that its parent exists is
// checked against the framework by the services.
func (c *Competency) Validate() error {
	var vs Violations
	checkName(&vs, KindCompetency, c.Name)
	if c.Code == "" {
		vs.Add("code", "is required")
	} else if !codePattern.MatchString(c.Code) {
		vs.Add("code", "%q must be 1–40 letters, digits, '.', '_', '-' or '/', starting with a letter or digit", c.Code)
	}
	checkText(&vs, "title", c.Title, true)
	checkText(&vs, "description", c.Description, false)
	if c.Parent != "" {
		if !ValidID(c.Parent) {
			vs.Add("parent", "%q is not a competency ID", c.Parent)
		} else if n, err := ParseName(KindCompetency, c.Name); err == nil && n.ID() == c.Parent {
			vs.Add("parent", "a competency cannot be its own parent")
		}
	}
	checkEnums(&vs, "pillars", c.Pillars, Pillars)
	checkEnums(&vs, "tiers", c.Tiers, Tiers)
	checkEnums(&vs, "fields", c.Fields, Fields)
	checkEnums(&vs, "agencies", c.Agencies, Agencies)
	for i, r := range c.Replaces {
		if _, err := ParseName(KindCompetency, r); err != nil {
			vs.Add(fmt.Sprintf("replaces[%d]", i), "%q is not a competency name", r)
		}
	}
	for i, x := range c.Crosswalks {
		if x.Relation == "" {
			vs.Add(fmt.Sprintf("crosswalks[%d].relation", i), "is required")
		}
		if x.Target == "" {
			vs.Add(fmt.Sprintf("crosswalks[%d].target", i), "is required")
		}
	}
	return vs.Err()
}

// ID returns the competency's own identifier.
func (c *Competency) ID() string {
	n, err := ParseName(KindCompetency, c.Name)
	if err != nil {
		return ""
	}
	return n.ID()
}

// CodeToID turns a competency code into the identifier it is stored under
// ("RA-01" → "ra-01"); ok is false when the code has no valid ID form.
func CodeToID(code string) (string, bool) {
	b := make([]byte, 0, len(code))
	for _, r := range code {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r == '-', r == '.', r == '_', r == '/', r == ' ':
			b = append(b, '-')
		default:
			return "", false
		}
	}
	id := string(b)
	if id != "" && id[0] >= '0' && id[0] <= '9' {
		id = "c-" + id
	}
	return id, ValidID(id)
}
