package curricula_test

import (
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// The engine tests use a small framework "frameworks/ibm":
//
//	a      area
//	  a1   leaf
//	  a2   leaf
//	b      area
//	  b1   leaf
//
// and its previous version "frameworks/ibm-v0".
const (
	engFW    = "frameworks/ibm"
	engOldFW = "frameworks/ibm-v0"
)

func engComp(id, parent string, replaces ...string) *curricula.Competency {
	return &curricula.Competency{Meta: curricula.Meta{Name: engFW + "/competencies/" + id},
		Code: strings.ToUpper(id), Title: curricula.Text{"en": "Competency " + id}, Parent: parent, Replaces: replaces}
}

func engComps() []*curricula.Competency {
	return []*curricula.Competency{engComp("b1", "b"), engComp("a2", "a"), engComp("a", ""), engComp("a1", "a"), engComp("b", "")}
}

// engModule builds a module of curriculum cur; als is the compact
// alignment syntax with IDs as codes ("a1:M:4; b1:I").
func engModule(t testing.TB, cur, id string, hours float64, als string) *curricula.Module {
	t.Helper()
	as, err := curricula.ParseAlignments(als, nil)
	require.NoError(t, err)
	return &curricula.Module{Meta: curricula.Meta{Name: cur + "/modules/" + id}, Code: strings.ToUpper(id),
		Title: "Module " + id, Hours: hours, Alignments: as}
}

func engCurriculum(name, fw string) *curricula.Curriculum {
	return &curricula.Curriculum{Meta: curricula.Meta{Name: name}, Title: name, Level: curricula.LevelBasic,
		Language: "en", Framework: fw, State: curricula.CurriculumActive}
}

func engMember(name, fw string, mods ...*curricula.Module) curricula.MemberInput {
	return curricula.MemberInput{Curriculum: engCurriculum(name, fw), Modules: mods}
}

func engInput(t curricula.Targets, members ...curricula.MemberInput) *curricula.ProgrammeInput {
	p := &curricula.Programme{Meta: curricula.Meta{Name: "programmes/p"}, Title: "P", Framework: engFW, Targets: t}
	for _, m := range members {
		p.Members = append(p.Members, m.Curriculum.Name)
	}
	return &curricula.ProgrammeInput{Programme: p, Lineage: []string{engOldFW}, Competencies: engComps(), Members: members}
}

// engCells maps competency ID → the cell of member m.
func engCells(cov *curricula.Coverage, m int) map[string]curricula.Cell {
	out := map[string]curricula.Cell{}
	for _, r := range cov.Rows {
		out[r.Competency] = r.Cells[m]
	}
	return out
}

func engReasons(issues []curricula.Issue) []curricula.IssueReason {
	var out []curricula.IssueReason
	for _, i := range issues {
		out = append(out, i.Reason)
	}
	return out
}
