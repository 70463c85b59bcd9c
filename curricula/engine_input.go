package curricula

import "fmt"

// ProgrammeInput is everything the harmonisation engine reads for one
// programme. LoadProgrammeInput fills it from a Store; tests build it by
// hand.
type ProgrammeInput struct {
	Programme *Programme `json:"programme"`
	// Lineage names the earlier versions of the programme's framework,
	// newest first (its PreviousVersion chain).
	Lineage []string `json:"lineage,omitempty"`
	// Competencies are those of Programme.Framework, in any order.
	Competencies []*Competency `json:"competencies"`
	// Members are the member curricula, in the programme's order.
	Members []MemberInput `json:"members"`
}

// MemberInput is one curriculum and its modules.
type MemberInput struct {
	Curriculum *Curriculum `json:"curriculum"`
	Modules    []*Module   `json:"modules"`
}

// CurriculumInput is one curriculum with its modules and its own
// framework's competencies: one side of a Diff.
type CurriculumInput struct {
	Curriculum *Curriculum `json:"curriculum"`
	Modules    []*Module   `json:"modules"`
	// Lineage names the earlier versions of the curriculum's framework,
	// newest first.
	Lineage      []string      `json:"lineage,omitempty"`
	Competencies []*Competency `json:"competencies"`
}

// check reports missing pieces of the input as EINVALID.
func (in *ProgrammeInput) check() error {
	var vs Violations
	if in == nil || in.Programme == nil {
		vs.Add("programme", "is required")
		return vs.Err()
	}
	if _, err := ParseName(KindFramework, in.Programme.Framework); err != nil {
		vs.Add("programme.framework", "%q is not a framework name", in.Programme.Framework)
	}
	checkCompetencies(&vs, "competencies", in.Competencies)
	for i, m := range in.Members {
		m.check(&vs, fmt.Sprintf("members[%d]", i))
	}
	return vs.Err()
}

func (in *CurriculumInput) check(vs *Violations, field string) {
	if in == nil {
		vs.Add(field, "is required")
		return
	}
	MemberInput{Curriculum: in.Curriculum, Modules: in.Modules}.check(vs, field)
	if in.Curriculum != nil {
		if _, err := ParseName(KindFramework, in.Curriculum.Framework); err != nil {
			vs.Add(field+".curriculum.framework", "%q is not a framework name", in.Curriculum.Framework)
		}
	}
	checkCompetencies(vs, field+".competencies", in.Competencies)
}

func (m MemberInput) check(vs *Violations, field string) {
	if m.Curriculum == nil {
		vs.Add(field+".curriculum", "is required")
	} else if m.Curriculum.Name == "" {
		vs.Add(field+".curriculum.name", "is required")
	}
	for j, mod := range m.Modules {
		if mod == nil {
			vs.Add(fmt.Sprintf("%s.modules[%d]", field, j), "is nil")
		}
	}
}

func checkCompetencies(vs *Violations, field string, cs []*Competency) {
	for i, c := range cs {
		if c == nil {
			vs.Add(fmt.Sprintf("%s[%d]", field, i), "is nil")
		}
	}
}
