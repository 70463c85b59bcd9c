package casefmt

import (
	"encoding/json"
	"fmt"
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

// obj is a JSON object under construction.
type obj = map[string]any

const docID = "d0000000-0000-0000-0000-000000000000"

// pkg builds a CFPackage whose document is titled "Test" (fields in doc
// override or, set to nil, remove the defaults).
func pkg(doc obj, items []obj, assocs []obj) []byte {
	d := obj{"identifier": docID, "uri": "https://x.example/CFDocuments/" + docID, "creator": "Tester", "title": "Test",
		"lastChangeDateTime": "2024-03-01T10:00:00Z", "version": "1.0"}
	for k, v := range doc {
		if v == nil {
			delete(d, k)
		} else {
			d[k] = v
		}
	}
	p := obj{"CFDocument": d, "CFItems": items, "CFAssociations": assocs}
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	return b
}

// uid makes a UUID-shaped identifier from a small number.
func uid(n int) string { return fmt.Sprintf("00000000-0000-0000-0000-%012d", n) }

func item(n int, code, full string, more ...any) obj {
	o := obj{"identifier": uid(n), "uri": "https://x.example/CFItems/" + uid(n), "fullStatement": full, "lastChangeDateTime": "2024-03-01T10:00:00Z"}
	if code != "" {
		o["humanCodingScheme"] = code
	}
	for i := 0; i+1 < len(more); i += 2 {
		o[more[i].(string)] = more[i+1]
	}
	return o
}

func linkTo(id string) obj {
	return obj{"title": "t", "identifier": id, "uri": "https://x.example/CFItems/" + id}
}

// assoc links item (or document) identifiers; seq is left out when nil.
func assoc(n int, typ, from, to string, seq any) obj {
	o := obj{"identifier": fmt.Sprintf("a0000000-0000-0000-0000-%012d", n), "uri": "u", "associationType": typ,
		"originNodeURI": linkTo(from), "destinationNodeURI": linkTo(to), "lastChangeDateTime": "2024-03-01T10:00:00Z"}
	if seq != nil {
		o["sequenceNumber"] = seq
	}
	return o
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
