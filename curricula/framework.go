package curricula

import "fmt"

// FrameworkState is the lifecycle of a framework version. A PUBLISHED
// framework is immutable: its competencies can be neither created, changed
// nor deleted, so that every alignment made against it keeps its meaning.
type FrameworkState string

// Framework states.
const (
	FrameworkDraft     FrameworkState = "draft"
	FrameworkPublished FrameworkState = "published"
	FrameworkRetired   FrameworkState = "retired"
)

var frameworkStates = []FrameworkState{FrameworkDraft, FrameworkPublished, FrameworkRetired}

// Framework is one version of a shared competency framework
// (frameworks/{framework}). A new version is a new framework whose
// PreviousVersion names the one it replaces.
type Framework struct {
	Meta
	Title           Text           `json:"title"`
	Description     Text           `json:"description,omitempty"`
	Version         string         `json:"version"`
	State           FrameworkState `json:"state"`
	PreviousVersion string         `json:"previous_version,omitempty"`
	Publisher       string         `json:"publisher,omitempty"`
	// Languages are the languages its competencies are written in.
	Languages []string `json:"languages,omitempty"`
	// Source records where an imported framework came from (a CASE
	// CFDocument URI, a Moodle file).
	Source string `json:"source,omitempty"`
}

func (*Framework) Kind() Kind { return KindFramework }

// Validate checks the framework's own fields.
func (f *Framework) Validate() error {
	var vs Violations
	checkName(&vs, KindFramework, f.Name)
	checkText(&vs, "title", f.Title, true)
	checkText(&vs, "description", f.Description, false)
	if f.Version == "" {
		vs.Add("version", "is required")
	}
	checkEnum(&vs, "state", f.State, frameworkStates, true)
	if f.PreviousVersion != "" {
		if _, err := ParseName(KindFramework, f.PreviousVersion); err != nil {
			vs.Add("previous_version", "%v", err)
		} else if f.PreviousVersion == f.Name {
			vs.Add("previous_version", "cannot name the framework itself")
		}
	}
	for i, l := range f.Languages {
		if !ValidLanguage(l) {
			vs.Add(fmt.Sprintf("languages[%d]", i), "%q is not a language tag", l)
		}
	}
	return vs.Err()
}

// checkName records a violation unless name is a valid name of kind k.
func checkName(vs *Violations, k Kind, name string) {
	if name == "" {
		vs.Add("name", "is required")
		return
	}
	if _, err := ParseName(k, name); err != nil {
		vs.Add("name", "%s", err.(*Error).Message)
	}
}
