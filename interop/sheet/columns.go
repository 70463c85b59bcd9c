package sheet

// The template's columns.
const (
	ColCurriculum  = "curriculum"
	ColModule      = "module"
	ColCode        = "code"
	ColTitle       = "title"
	ColDescription = "description"
	ColOutcomes    = "outcomes"
	ColLanguage    = "language"
	ColHours       = "hours"
	ColCredits     = "credits"
	ColDelivery    = "delivery"
	ColAssessment  = "assessment"
	ColRestricted  = "restricted"
	ColAlignments  = "alignments"
)

// Columns are the template's columns, in the order the Writer writes them.
var Columns = []string{ColCurriculum, ColModule, ColCode, ColTitle, ColDescription, ColOutcomes, ColLanguage,
	ColHours, ColCredits, ColDelivery, ColAssessment, ColRestricted, ColAlignments}

// Required are the columns a file must have.
var Required = []string{ColCurriculum, ColCode, ColTitle}

func columnIndex(name string) int {
	for i, c := range Columns {
		if c == name {
			return i
		}
	}
	return -1
}
