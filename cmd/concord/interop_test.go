package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/interop/sheet"
	"github.com/stretchr/testify/require"
)

// writeModules writes a curriculum spreadsheet of n rows for curriculum
// basic-2024 on ibm-core; row bad (1-based, 0 for none) has negative hours.
func writeModules(t testing.TB, path string, n, bad int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	w := csv.NewWriter(f)
	require.NoError(t, w.Write(sheet.Columns))
	codes := []string{"BC-01", "BC-02", "HR-01", "HR-02", "INF-01", "MIG-01", "RA-01", "CUS-01"}
	for i := 1; i <= n; i++ {
		hours := "24"
		if i == bad {
			hours = "-4"
		}
		require.NoError(t, w.Write([]string{"basic-2024", fmt.Sprintf("m-%06d", i), fmt.Sprintf("M-%06d", i),
			fmt.Sprintf("Module %d: document examination at the first line", i),
			"Checking travel documents at the first line of control, with UV lamps and magnifiers; forged and altered documents, impostors.",
			"Detects forged documents | Uses UV lamps", "en", hours, "1.5", "classroom", "Practical test", "no",
			codes[i%len(codes)] + ":M:6; " + codes[(i+3)%len(codes)] + ":I"}))
	}
	w.Flush()
	require.NoError(t, w.Error())
}

// academyWithCurriculum creates academies/{id} with curriculum basic-2024
// on ibm-core, through the CLI.
func academyWithCurriculum(t *testing.T, p *process, id string) {
	t.Helper()
	out, err := p.run(t, "academies", "create", "academies/"+id, "--set", "display_name=Test academy",
		"--set", "country=KZ", "--set", "agency=border-guard", "--set", "languages=en")
	require.NoError(t, err, out)
	out, err = p.run(t, "curricula", "create", "academies/"+id+"/curricula/basic-2024", "--set", "title=Basic",
		"--set", "level=basic", "--set", "language=en", "--set", "framework=frameworks/ibm-core", "--set", "state=active")
	require.NoError(t, err, out)
}

func processExit(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee)
	return ee.ExitCode()
}

func TestFrameworkImportAndExportCommands(t *testing.T) {
	p := serve(t, t.TempDir())
	dir := t.TempDir()
	fixtures := filepath.Join("..", "..", "..", "shared", "fixtures", "case")
	if _, err := os.Stat(fixtures); err != nil {
		fixtures = filepath.Join("..", "..", "..", "..", "shared", "fixtures", "case") // a worktree
	}
	ccss := filepath.Join(fixtures, "opensalt-sample-framework-ccss-ratios.json")

	out, err := p.run(t, "import", "case", ccss, "--dry-run")
	require.NoError(t, err, out)
	require.Contains(t, out, "dry run, nothing stored: would import frameworks/what-standards-could-be: 16 competencies, 18 crosswalks")
	out, err = p.run(t, "import", "case", ccss, "--framework", "ccss-ratios")
	require.NoError(t, err, out)
	require.Contains(t, out, "imported frameworks/ccss-ratios: 16 competencies")
	require.Contains(t, out, "skipped (5):\n  CFAssociation ")
	require.Contains(t, out, `associationType "precedes" is not kept`)
	out, err = p.run(t, "import", "case", ccss, "--framework", "ccss-ratios")
	require.Error(t, err)
	require.Contains(t, out, "AlreadyExists")

	caseFile := filepath.Join(dir, "ibm-core.json")
	out, err = p.run(t, "export", "case", "ibm-core", "-O", caseFile)
	require.NoError(t, err, out)
	require.Contains(t, out, "wrote ")
	var pkg struct {
		CFDocument struct{ Title string }
		CFItems    []json.RawMessage
	}
	b, err := os.ReadFile(caseFile)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &pkg))
	require.Equal(t, "Integrated Border Management (IBM) core competency framework", pkg.CFDocument.Title)
	require.Len(t, pkg.CFItems, 101)

	moodleFile := filepath.Join(dir, "ibm-core.csv")
	out, err = p.run(t, "export", "moodle", "frameworks/ibm-core", "-O", moodleFile)
	require.NoError(t, err, out)
	out, err = p.run(t, "import", "moodle", moodleFile, "--framework", "ibm-core-moodle")
	require.NoError(t, err, out)
	require.Contains(t, out, "imported frameworks/ibm-core-moodle: 101 competencies")
	out, err = p.run(t, "-o", "json", "frameworks", "get", "frameworks/ibm-core-moodle")
	require.NoError(t, err, out)
	// protojson varies its spacing from build to build: read it as JSON
	var fw struct{ Source string }
	require.NoError(t, json.Unmarshal([]byte(out), &fw), out)
	require.Equal(t, "ibm-core.csv", fw.Source)
}

func TestTemplateCommand(t *testing.T) {
	out, err := exec.Command(binary, "template", "csv").Output()
	require.NoError(t, err)
	require.Equal(t, string(sheet.Template()), string(out))
}

func TestCSVImportCommand(t *testing.T) {
	p := serve(t, t.TempDir())
	academyWithCurriculum(t, p, "xx-academy")
	dir := t.TempDir()
	const n = 10000

	// one bad row in the middle: nothing is stored, the row and the
	// column are named, the exit code is 1
	bad := filepath.Join(dir, "bad.csv")
	writeModules(t, bad, n, n/2)
	out, err := p.run(t, "import", "csv", bad, "--academy", "xx-academy", "--progress", "plain")
	require.Equal(t, 1, processExit(t, err), out)
	require.Contains(t, out, fmt.Sprintf("row %d, hours: must not be negative, got -4\n", n/2+1))
	require.Contains(t, out, fmt.Sprintf("concord: %d rows read, 1 error; nothing was stored", n))
	out, err = p.run(t, "modules", "list", "academies/xx-academy/curricula/basic-2024")
	require.NoError(t, err, out)
	require.NotContains(t, out, "m-0")

	good := filepath.Join(dir, "good.csv")
	writeModules(t, good, n, 0)
	out, err = p.run(t, "import", "csv", good, "--academy", "academies/xx-academy", "--progress", "plain")
	require.NoError(t, err, out)
	// the progress line (on stderr; every 2 s and once at the end)
	require.Regexp(t, fmt.Sprintf(`import: 100%%  \d+\.\d MB/\d+\.\d MB  %d rows  \d+ rows/s  in `, n), out)
	require.Contains(t, out, fmt.Sprintf("imported %d rows into academies/xx-academy: %d created, 0 updated, 0 unchanged in ", n, n))

	// export it back: the same rows
	exported := filepath.Join(dir, "export.csv")
	out, err = p.run(t, "export", "csv", "academies/xx-academy/curricula/basic-2024", "-O", exported)
	require.NoError(t, err, out)
	rows := func(path string) [][]string {
		f, err := os.Open(path)
		require.NoError(t, err)
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		require.NoError(t, err)
		return recs
	}
	want, got := rows(good), rows(exported)
	require.Len(t, got, n+1)
	for i := range want {
		// outcomes come back one per line; numbers are written as read
		want[i][5] = strings.ReplaceAll(want[i][5], " | ", "\n")
		require.Equal(t, want[i], got[i])
	}

	// usage errors exit 2
	out, err = p.run(t, "import", "csv", good)
	require.Equal(t, 2, processExit(t, err), out)
	require.Contains(t, out, "--academy is required")
	// stdin works too; a dry run counts what would change
	small := filepath.Join(dir, "small.csv")
	writeModules(t, small, 100, 0)
	cmd := exec.Command(binary, "--addr", p.grpc, "import", "csv", "-", "--academy", "xx-academy", "--dry-run", "--mode", "upsert")
	in, err := os.Open(small)
	require.NoError(t, err)
	defer in.Close()
	cmd.Stdin = in
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))
	require.Contains(t, string(b), "dry run: 100 rows are valid for academies/xx-academy: 0 would be created, 100 updated; nothing was stored")
}

// TestCSVImportWithTokens: with tokens on, import and export csv send
// the token (--token or $CONCORD_TOKEN); an editor imports into its
// academy only, and a refused import stores nothing and exits 1.
func TestCSVImportWithTokens(t *testing.T) {
	dir := t.TempDir()
	admin, msg, err := offline(t, "tokens", "create", "ops", "--role", "admin", "--data-dir", dir)
	require.NoError(t, err, msg)
	editor, msg, err := offline(t, "tokens", "create", "kz-editor", "--role", "editor", "--academy", "kz-border-academy", "--data-dir", dir)
	require.NoError(t, err, msg)
	admin, editor = strings.TrimSpace(admin), strings.TrimSpace(editor)
	p := serve(t, dir, "--demo")
	file := filepath.Join(t.TempDir(), "modules.csv")
	writeModules(t, file, 3, 0)
	listed := func(academy string) string {
		out, err := p.runAs(t, admin, "modules", "list", "academies/"+academy+"/curricula/basic-2024", "--all")
		require.NoError(t, err, out)
		return out
	}

	out, err := p.run(t, "import", "csv", file, "--academy", "kz-border-academy", "--progress", "none")
	require.Equal(t, 1, processExit(t, err), out)
	require.Contains(t, out, "Unauthenticated")

	out, err = p.runAs(t, editor, "import", "csv", file, "--academy", "kg-border-institute", "--progress", "none")
	require.Equal(t, 1, processExit(t, err), out)
	require.Contains(t, out, "PermissionDenied: kz-editor (editor) may not call /concord.v1.InteropService/ImportModules")
	require.NotContains(t, listed("kg-border-institute"), "m-000001", "a refused import stores nothing")

	cmd := exec.Command(binary, "--addr", p.grpc, "import", "csv", file, "--academy", "kz-border-academy", "--progress", "none")
	cmd.Env = append(os.Environ(), "CONCORD_TOKEN="+editor)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))
	require.Contains(t, string(b), "imported 3 rows into academies/kz-border-academy: 3 created")
	require.Contains(t, listed("kz-border-academy"), "academies/kz-border-academy/curricula/basic-2024/modules/m-000003")

	out, err = p.runAs(t, editor, "export", "csv", "academies/kz-border-academy/curricula/basic-2024")
	require.NoError(t, err, out)
	require.Contains(t, out, "basic-2024,m-000002,M-000002,")
}
