package moodle

import (
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
)

// checkResult fails unless res holds only valid records: a valid
// framework, valid competencies of it with unique names and codes, each
// parent listed before its children.
func checkResult(t testing.TB, res *interop.Result) {
	t.Helper()
	if err := res.Framework.Validate(); err != nil {
		t.Fatalf("framework: %v", err)
	}
	names, codes := map[string]bool{}, map[string]bool{}
	for _, c := range res.Competencies {
		if err := c.Validate(); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if !strings.HasPrefix(c.Name, res.Framework.Name+"/") {
			t.Fatalf("%s is not in %s", c.Name, res.Framework.Name)
		}
		if names[c.Name] || codes[c.Code] {
			t.Fatalf("%s (code %q) is not unique", c.Name, c.Code)
		}
		if c.Parent != "" && !names[curricula.CompetencyName(strings.TrimPrefix(res.Framework.Name, "frameworks/"), c.Parent)] {
			t.Fatalf("%s: parent %q is not listed before it", c.Name, c.Parent)
		}
		names[c.Name], codes[c.Code] = true, true
	}
}

func byCode(cs []*curricula.Competency) map[string]*curricula.Competency {
	m := map[string]*curricula.Competency{}
	for _, c := range cs {
		m[c.Code] = c
	}
	return m
}

func reasons(list []interop.Skip) string {
	var b strings.Builder
	for _, s := range list {
		b.WriteString(s.String())
		b.WriteByte('\n')
	}
	return b.String()
}
