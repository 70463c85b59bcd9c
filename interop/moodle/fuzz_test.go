package moodle

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
)

// FuzzMoodleImport checks that Import never panics, that what it accepts
// is valid, and that Export of it imports back to the same records.
func FuzzMoodleImport(f *testing.F) {
	h := strings.Join(Header, ",") + "\n"
	for _, s := range []string{
		sampleCSV,
		"", "\n", "\uFEFF", "a,b\n", h, h + ",fw,FW,,2,,,,,,,,1,\n",
		h + ",fw,FW,,1,,,,,,,,1,\n,a,A,<p>x</p>,1,,,,,,b,,,\na,b,B,,2,,,,,,a,,,\nb,a,Loop,,2,,,,,,,,,\n",
		h + ",fw,FW,,2,,,,,,,,1,\n\"unterminated,a,A\n",
		strings.ReplaceAll(h, ",", ";") + ";fw;FW;;2;;;;;;;;1;\n;a;A;;2;;;;;;;;;\n",
		h + ",fw,FW,,2,,,,,,,,1,\n,a,A,,2,,,,,,,ra-01,,\n,b,B,,2,,,,,,,ra-01,,\n",
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
		if err := Export(&out, res.Framework, res.Competencies, ExportOptions{}); err != nil {
			t.Fatalf("export of an import: %v", err)
		}
		again, err := Import(&out, ImportOptions{})
		if err != nil {
			t.Fatalf("import of an export: %v\n%s", err, out.String())
		}
		if len(again.Report.Skipped) != 0 {
			t.Fatalf("import of an export skipped %v", again.Report.Skipped)
		}
		before, _ := json.Marshal([]any{res.Framework, res.Competencies})
		after, _ := json.Marshal([]any{again.Framework, again.Competencies})
		if !bytes.Equal(before, after) {
			t.Fatalf("Concord → Moodle → Concord changed the records\nbefore: %s\nafter:  %s", before, after)
		}
	})
}
