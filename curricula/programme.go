package curricula

import "fmt"

// Programme is a harmonisation group (programmes/{programme}): member
// curricula compared against one framework and the programme's targets.
type Programme struct {
	Meta
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Framework   string   `json:"framework"`
	Members     []string `json:"members,omitempty"` // curriculum names
	Targets     Targets  `json:"targets"`
}

// Targets are what every member should reach. RequiredCompetencies empty
// means every leaf of the framework. Overrides replace the programme-wide
// minimums for one competency.
type Targets struct {
	RequiredCompetencies []string         `json:"required_competencies,omitempty"` // competency IDs
	MinDepth             Depth            `json:"min_depth"`
	MinHours             float64          `json:"min_hours"`
	Overrides            []TargetOverride `json:"overrides,omitempty"`
}

// TargetOverride sets the minimums for one competency.
type TargetOverride struct {
	Competency string  `json:"competency"`
	MinDepth   Depth   `json:"min_depth"`
	MinHours   float64 `json:"min_hours"`
}

func (*Programme) Kind() Kind { return KindProgramme }

// Validate checks the programme's fields; that the framework, the members
// and the competencies exist is checked by the services.
func (p *Programme) Validate() error {
	var vs Violations
	checkName(&vs, KindProgramme, p.Name)
	if p.Title == "" {
		vs.Add("title", "is required")
	}
	if _, err := ParseName(KindFramework, p.Framework); err != nil {
		vs.Add("framework", "%q is not a framework name (frameworks/{framework})", p.Framework)
	}
	seen := map[string]bool{}
	for i, m := range p.Members {
		f := fmt.Sprintf("members[%d]", i)
		if _, err := ParseName(KindCurriculum, m); err != nil {
			vs.Add(f, "%q is not a curriculum name", m)
		}
		if seen[m] {
			vs.Add(f, "%q is listed twice", m)
		}
		seen[m] = true
	}
	t := p.Targets
	if t.MinDepth != DepthNone && !t.MinDepth.Valid() {
		vs.Add("targets.min_depth", "must be I, R or M")
	}
	checkHours(&vs, "targets.min_hours", t.MinHours)
	seenC := map[string]bool{}
	for i, c := range t.RequiredCompetencies {
		f := fmt.Sprintf("targets.required_competencies[%d]", i)
		if !ValidID(c) {
			vs.Add(f, "%q is not a competency ID", c)
		}
		if seenC[c] {
			vs.Add(f, "%q is listed twice", c)
		}
		seenC[c] = true
	}
	seenO := map[string]bool{}
	for i, o := range t.Overrides {
		f := fmt.Sprintf("targets.overrides[%d]", i)
		if !ValidID(o.Competency) {
			vs.Add(f+".competency", "%q is not a competency ID", o.Competency)
		}
		if seenO[o.Competency] {
			vs.Add(f+".competency", "%q has two overrides", o.Competency)
		}
		seenO[o.Competency] = true
		if o.MinDepth != DepthNone && !o.MinDepth.Valid() {
			vs.Add(f+".min_depth", "must be I, R or M")
		}
		checkHours(&vs, f+".min_hours", o.MinHours)
	}
	return vs.Err()
}
