package demo

import "github.com/concord-ibm/concord/curricula"

// The file format of data/*.json; see README.md. Unknown fields are
// rejected. IDs are short (the loader builds full names); alignments,
// required competencies and overrides use competency CODES of the default
// framework.

// academyFile is one data/{academy}.json file.
type academyFile struct {
	Academy   academyRecord      `json:"academy"`
	Curricula []curriculumRecord `json:"curricula"`
}

type academyRecord struct {
	ID          string           `json:"id"`
	DisplayName string           `json:"display_name"`
	Country     string           `json:"country"`
	Agency      curricula.Agency `json:"agency"`
	Languages   []string         `json:"languages"`
	City        string           `json:"city"`
	Website     string           `json:"website"`
}

type curriculumRecord struct {
	ID          string                    `json:"id"`
	Title       string                    `json:"title"`
	Description string                    `json:"description"`
	Level       curricula.Level           `json:"level"`
	Language    string                    `json:"language"`
	Framework   string                    `json:"framework"`
	State       curricula.CurriculumState `json:"state"`
	Edition     string                    `json:"edition"`
	// Supersedes is the ID of another curriculum of the same academy.
	Supersedes string         `json:"supersedes"`
	Modules    []moduleRecord `json:"modules"`
}

type moduleRecord struct {
	ID          string             `json:"id"`
	Code        string             `json:"code"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	Outcomes    []string           `json:"outcomes"`
	Language    string             `json:"language"`
	Hours       float64            `json:"hours"`
	Credits     float64            `json:"credits"`
	Delivery    curricula.Delivery `json:"delivery"`
	Assessment  string             `json:"assessment"`
	Restricted  bool               `json:"restricted"`
	// Alignments is the compact "CODE:DEPTH[:HOURS]; …" list.
	Alignments string `json:"alignments"`
}

// programmeRecord is one element of data/programmes.json. Members are full
// curriculum names.
type programmeRecord struct {
	ID          string        `json:"id"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Framework   string        `json:"framework"`
	Members     []string      `json:"members"`
	Targets     targetsRecord `json:"targets"`
}

type targetsRecord struct {
	RequiredCompetencies []string         `json:"required_competencies"`
	MinDepth             string           `json:"min_depth"`
	MinHours             float64          `json:"min_hours"`
	Overrides            []overrideRecord `json:"overrides"`
}

type overrideRecord struct {
	Competency string  `json:"competency"`
	MinDepth   string  `json:"min_depth"`
	MinHours   float64 `json:"min_hours"`
}
