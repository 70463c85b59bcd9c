package curricula

// CurriculumState is the lifecycle of a curriculum.
type CurriculumState string

// Curriculum states.
const (
	CurriculumDraft   CurriculumState = "draft"
	CurriculumActive  CurriculumState = "active"
	CurriculumRetired CurriculumState = "retired"
)

var curriculumStates = []CurriculumState{CurriculumDraft, CurriculumActive, CurriculumRetired}

// Curriculum is a programme of study of an academy
// (academies/{academy}/curricula/{curriculum}), in one language, mapped to
// one framework version.
type Curriculum struct {
	Meta
	Title       string          `json:"title"`
	Description string          `json:"description,omitempty"`
	Level       Level           `json:"level"`
	Language    string          `json:"language"`
	Framework   string          `json:"framework"`
	State       CurriculumState `json:"state"`
	// Edition names the version of the curriculum ("2024").
	Edition string `json:"edition,omitempty"`
	// Supersedes names the curriculum this edition replaces.
	Supersedes string `json:"supersedes,omitempty"`
}

func (*Curriculum) Kind() Kind { return KindCurriculum }

// Validate checks the curriculum's fields; that its framework exists is
// checked by the services.
func (c *Curriculum) Validate() error {
	var vs Violations
	checkName(&vs, KindCurriculum, c.Name)
	if c.Title == "" {
		vs.Add("title", "is required")
	}
	checkEnum(&vs, "level", c.Level, Levels, true)
	if !ValidLanguage(c.Language) {
		vs.Add("language", "%q is not a language tag (e.g. ru, fa-AF)", c.Language)
	}
	if _, err := ParseName(KindFramework, c.Framework); err != nil {
		vs.Add("framework", "%q is not a framework name (frameworks/{framework})", c.Framework)
	}
	checkEnum(&vs, "state", c.State, curriculumStates, true)
	if c.Supersedes != "" {
		if _, err := ParseName(KindCurriculum, c.Supersedes); err != nil {
			vs.Add("supersedes", "%q is not a curriculum name", c.Supersedes)
		} else if c.Supersedes == c.Name {
			vs.Add("supersedes", "cannot name the curriculum itself")
		}
	}
	return vs.Err()
}
