package casefmt

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-ibm/concord/curricula"
)

// FuzzCASEImport checks that Import never panics, that what it accepts is
// valid, and that what it produced goes through Export and back unchanged.
func FuzzCASEImport(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(fixtureDir(f), "opensalt-*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no CASE fixtures: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		``, `null`, `[]`, `{}`, `{"CFPackage": {}}`, `{"CFDocument": null}`,
		`{"CFDocument": {"title": "t"}}`,
		`{"CFDocument": {"title": "t", "identifier": "d"}, "CFItems": [{"identifier": "i", "fullStatement": "x"}],
		  "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": "i", "destinationNodeURI": {"identifier": "d"}, "sequenceNumber": "7"}]}`,
		`{"CFDocument": {"title": "t"}, "CFItems": [{"identifier": "a", "fullStatement": "a"}, {"identifier": "b", "fullStatement": "b", "language": "ru"}],
		  "CFAssociations": [{"associationType": "isTranslationOf", "originNodeURI": "b", "destinationNodeURI": "a"},
		                     {"associationType": "isChildOf", "originNodeURI": "a", "destinationNodeURI": "b"}]}`,
		`{"CFDocument": {"title": "t", "extensions": {"concord": {"id": "x", "languages": ["en"]}}}, "CFItems": [{"identifier": "a",
		  "fullStatement": "a", "extensions": {"concord": {"id": "a", "title": {"eng": "x"}}}}]}`,
		`{"CFDocument": {"title": 1, "version": true}, "CFItems": [3, {"identifier": {}}], "CFAssociations": [null]}`,
		`{"CFDocument": {"title": "t"}, "CFItems": [{"identifier": "a", "fullStatement": "a", "humanCodingScheme": "  "}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(bytes.NewReader(data), ImportOptions{})
		if err != nil {
			if curricula.ErrorCode(err) != curricula.EINVALID {
				t.Fatalf("want an EINVALID error, got %v", err)
			}
			return
		}
		checkResult(t, res)
		var out bytes.Buffer
		if err := Export(&out, res.Framework, res.Competencies, ExportOptions{Now: stamp}); err != nil {
			t.Fatalf("export of an import: %v", err)
		}
		again, err := Import(&out, ImportOptions{})
		if err != nil {
			t.Fatalf("import of an export: %v\n%s", err, out.String())
		}
		if len(again.Report.Skipped) != 0 {
			t.Fatalf("import of an export skipped %v", again.Report.Skipped)
		}
		if !equalJSON(t, res.Framework, again.Framework) || !equalJSON(t, sortByName(res.Competencies), sortByName(again.Competencies)) {
			t.Fatalf("Concord → CASE → Concord changed the records\nbefore: %s %s\nafter:  %s %s", mustJSON(res.Framework),
				mustJSON(res.Competencies), mustJSON(again.Framework), mustJSON(again.Competencies))
		}
	})
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	return bytes.Equal(mustJSON(a), mustJSON(b))
}
