package main

// resource describes one resource type of the API for the generic
// list/get/create/update/delete commands.
type resource struct {
	plural   string   // collection and command name: "modules"
	singular string   // "module": request field and method suffix
	method   string   // method suffix of the singular: "Module"
	methods  string   // method suffix of the plural: "Modules"
	service  string   // full gRPC service name
	parent   string   // the parent's name pattern, "" when top-level
	columns  []string // field paths shown by the table output
}

var resources = []resource{
	{plural: "frameworks", singular: "framework", method: "Framework", methods: "Frameworks", service: "concord.v1.FrameworkService",
		columns: []string{"name", "version", "state", "title"}},
	{plural: "competencies", singular: "competency", method: "Competency", methods: "Competencies", service: "concord.v1.FrameworkService",
		parent: "frameworks/{framework}", columns: []string{"code", "title", "parent_competency", "pillars"}},
	{plural: "academies", singular: "academy", method: "Academy", methods: "Academies", service: "concord.v1.AcademyService",
		columns: []string{"name", "country", "agency", "languages", "display_name"}},
	{plural: "curricula", singular: "curriculum", method: "Curriculum", methods: "Curricula", service: "concord.v1.AcademyService",
		parent: "academies/{academy}", columns: []string{"name", "level", "language", "state", "edition", "title"}},
	{plural: "modules", singular: "module", method: "Module", methods: "Modules", service: "concord.v1.AcademyService",
		parent: "academies/{academy}/curricula/{curriculum}", columns: []string{"name", "code", "hours", "alignments", "title"}},
	{plural: "programmes", singular: "programme", method: "Programme", methods: "Programmes", service: "concord.v1.ProgrammeService",
		columns: []string{"name", "framework", "members", "title"}},
}
