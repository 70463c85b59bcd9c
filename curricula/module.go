package curricula

import (
	"fmt"
	"math"
)

// MaxModuleHours bounds a module's contact hours (a full academic year).
const MaxModuleHours = 2000

// Module is a training module of a curriculum
// (academies/{academy}/curricula/{curriculum}/modules/{module}).
type Module struct {
	Meta
	Code        string   `json:"code"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Outcomes    []string `json:"outcomes,omitempty"`
	// Language is the language of the text; empty means the curriculum's.
	Language   string      `json:"language,omitempty"`
	Hours      float64     `json:"hours"`
	Credits    float64     `json:"credits,omitempty"`
	Delivery   Delivery    `json:"delivery,omitempty"`
	Assessment string      `json:"assessment,omitempty"`
	Restricted bool        `json:"restricted,omitempty"`
	Alignments []Alignment `json:"alignments,omitempty"`
}

// Alignment says that a module serves a competency of its curriculum's
// framework, to a depth, with some of its hours. Hours == 0 means the
// module did not say; the harmonisation engine then splits the module's
// unassigned hours evenly (see the package documentation).
type Alignment struct {
	Competency string  `json:"competency"` // competency ID in the curriculum's framework
	Depth      Depth   `json:"depth"`
	Hours      float64 `json:"hours,omitempty"`
}

func (*Module) Kind() Kind { return KindModule }

// Validate checks the module's fields and alignments; that the aligned
// competencies exist is checked against the framework by the services.
func (m *Module) Validate() error {
	var vs Violations
	checkName(&vs, KindModule, m.Name)
	if m.Code == "" {
		vs.Add("code", "is required")
	}
	if m.Title == "" {
		vs.Add("title", "is required")
	}
	if m.Language != "" && !ValidLanguage(m.Language) {
		vs.Add("language", "%q is not a language tag", m.Language)
	}
	checkHours(&vs, "hours", m.Hours)
	if m.Credits < 0 || math.IsNaN(m.Credits) || m.Credits > 200 {
		vs.Add("credits", "must be between 0 and 200, got %v", m.Credits)
	}
	checkEnum(&vs, "delivery", m.Delivery, Deliveries, false)
	for i, o := range m.Outcomes {
		if o == "" {
			vs.Add(fmt.Sprintf("outcomes[%d]", i), "is empty")
		}
	}
	seen := map[string]int{}
	var sum float64
	for i, a := range m.Alignments {
		f := fmt.Sprintf("alignments[%d]", i)
		if !ValidID(a.Competency) {
			vs.Add(f+".competency", "%q is not a competency ID", a.Competency)
		}
		if j, dup := seen[a.Competency]; dup {
			vs.Add(f+".competency", "%q is already aligned in alignments[%d]", a.Competency, j)
		}
		seen[a.Competency] = i
		if !a.Depth.Valid() {
			vs.Add(f+".depth", "must be I, R or M")
		}
		checkHours(&vs, f+".hours", a.Hours)
		sum += a.Hours
	}
	// Only compare sums of valid hours: a bad one is reported above.
	if m.Hours >= 0 && !math.IsNaN(sum) && !math.IsInf(sum, 0) && sum > m.Hours+1e-9 {
		vs.Add("alignments", "aligned hours (%v) exceed the module's hours (%v)", sum, m.Hours)
	}
	return vs.Err()
}

func checkHours(vs *Violations, field string, h float64) {
	switch {
	case math.IsNaN(h) || math.IsInf(h, 0):
		vs.Add(field, "must be a number")
	case h < 0:
		vs.Add(field, "must not be negative, got %v", h)
	case h > MaxModuleHours:
		vs.Add(field, "must be at most %d, got %v", MaxModuleHours, h)
	}
}
