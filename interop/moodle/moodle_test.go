package moodle

import (
	"bytes"
	"encoding/csv"
	"sort"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
	"github.com/stretchr/testify/require"
)

// sampleCSV is shaped like a Moodle export: quoted multi-line HTML, a
// scale on the framework row, numeric exported IDs, a completion rule.
const sampleCSV = `"Parent ID number","ID number","Short name",Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross-referenced competency ID numbers","Exported ID (optional)","Is framework",Taxonomy
,IBM-BASIC,"IBM basic competences","<p>Competences every border official
needs.</p><p>Agreed by the partner academies.</p>",1,"Not yet competent,Competent","[{""scaleid"":""3""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,,,,1,"domain,competency"
,controls,"Border controls","<p>Checks at the crossing point.</p>",1,,,,0,null,,11,,
controls,doc-check,"Document examination","<p>Detect forged &amp; altered documents.<br></p>",1,,,,0,null,"risk-1,interview",12,,
controls,interview,"Second-line interview","Plain <text>, kept as it is.",2,,,core_competency\competency_rule_all,1,null,doc-check,13,,
,risk,"Risk analysis",,1,,,,0,null,,14,,
risk,risk-1,"Risk profiling","**Markdown** stays",4,,,,0,null,doc-check,15,,
risk,risk 2,"Targeting with a space in its ID number",,1,,,,0,null,,16,,
`

func TestImportSample(t *testing.T) {
	res, err := Import(strings.NewReader(sampleCSV), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	fw := res.Framework
	require.Equal(t, "frameworks/ibm-basic", fw.Name)
	require.Equal(t, curricula.Text{"en": "IBM basic competences"}, fw.Title)
	require.Equal(t, curricula.Text{"en": "Competences every border official needs.\n\nAgreed by the partner academies."}, fw.Description)
	require.Equal(t, "1", fw.Version)
	require.Equal(t, curricula.FrameworkDraft, fw.State)
	require.Equal(t, []string{"en"}, fw.Languages)

	type summary struct {
		ID, Parent string
		Order      int
		Title      string
		Desc       string
		Related    []string
	}
	var got []summary
	for _, c := range res.Competencies {
		s := summary{ID: c.ID(), Parent: c.Parent, Order: c.Order, Title: c.Title["en"], Desc: c.Description["en"]}
		for _, x := range c.Crosswalks {
			require.Equal(t, "isRelatedTo", x.Relation)
			s.Related = append(s.Related, strings.TrimPrefix(x.Target, "frameworks/ibm-basic/competencies/"))
		}
		got = append(got, s)
	}
	require.Equal(t, []summary{
		{ID: "controls", Order: 1, Title: "Border controls", Desc: "Checks at the crossing point."},
		{ID: "doc-check", Parent: "controls", Order: 1, Title: "Document examination", Desc: "Detect forged & altered documents.", Related: []string{"risk-1", "interview"}},
		{ID: "interview", Parent: "controls", Order: 2, Title: "Second-line interview", Desc: "Plain <text>, kept as it is.", Related: []string{"doc-check"}},
		{ID: "risk", Order: 2, Title: "Risk analysis"},
		{ID: "risk-1", Parent: "risk", Order: 1, Title: "Risk profiling", Desc: "**Markdown** stays", Related: []string{"doc-check"}},
		{ID: "risk-2", Parent: "risk", Order: 2, Title: "Targeting with a space in its ID number"},
	}, got)
	require.Equal(t, "risk-2", byCode(res.Competencies)["risk-2"].Code)
	require.Equal(t, interop.Counts{Frameworks: 1, Competencies: 6, Crosswalks: 4}, res.Report.Imported)
	require.Empty(t, res.Report.Skipped)
	w := reasons(res.Report.Warnings)
	for _, want := range []string{
		`ID number "risk 2" is not a valid code; using "risk-2"`,
		"framework.scalevalues: not kept by Concord (1 record)",
		"framework.scaleconfiguration: not kept",
		"framework.taxonomy: not kept",
		"ruletype: not kept by Concord (1 record)",
		"ruleoutcome: not kept by Concord (1 record)",
		"description: converted from HTML to plain text (3 rows)",
	} {
		require.Contains(t, w, want)
	}
}

func TestImportHeaderVariants(t *testing.T) {
	want, err := Import(strings.NewReader(sampleCSV), ImportOptions{})
	require.NoError(t, err)
	body := sampleCSV[strings.Index(sampleCSV, "\n")+1:]
	for _, tc := range []struct{ name, header, sep string }{
		{"field names",
			"parentidnumber,idnumber,shortname,description,descriptionformat,scalevalues,scaleconfiguration,ruletype,ruleoutcome,ruleconfig,relatedidnumbers,exportid,isframework,taxonomy", ","},
		{"older English wording", `"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy`, ","},
		{"another language, by position", `"Numéro d'identification du parent","Numéro d'identification","Nom abrégé",Description,"Format de description","Valeurs du barème","Configuration du barème","Type de règle (facultatif)","Résultat de la règle (facultatif)","Configuration de la règle (facultatif)","Numéros d'identification des compétences liées","Identifiant exporté (facultatif)","Est un référentiel",Taxonomie`, ","},
		{"semicolons and a byte-order mark", "\uFEFF" + strings.Join(Header, ";"), ";"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := body
			if tc.sep != "," {
				b = resep(t, body, tc.sep)
			}
			res, err := Import(strings.NewReader(tc.header+"\n"+b), ImportOptions{})
			require.NoError(t, err)
			require.Equal(t, want.Framework, res.Framework)
			require.Equal(t, want.Competencies, res.Competencies)
		})
	}
	// columns by name, in any order
	rows := readAll(t, sampleCSV, ',')
	for i := range rows {
		rows[i][0], rows[i][13] = rows[i][13], rows[i][0]
	}
	res, err := Import(bytes.NewReader(writeAll(t, rows, ',')), ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, want.Competencies, res.Competencies)
}

func readAll(t *testing.T, s string, sep rune) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.Comma = sep
	rows, err := r.ReadAll()
	require.NoError(t, err)
	return rows
}

func writeAll(t *testing.T, rows [][]string, sep rune) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = sep
	require.NoError(t, w.WriteAll(rows))
	return b.Bytes()
}

func resep(t *testing.T, s, sep string) string {
	return string(writeAll(t, readAll(t, s, ','), []rune(sep)[0]))
}

func TestImportSkipsAndRepairs(t *testing.T) {
	csvText := strings.Join(Header, ",") + `
,FW,Framework,,2,,,,,,,,1,
,a,A,,2,,,,,,,,,
,,No ID number,,2,,,,,,,,,
,b,,,2,,,,,,,,,
,a,Duplicate,,2,,,,,,,,,
,FW2,Second framework,,2,,,,,,,,true,
nowhere,c,Unknown parent,,2,,,,,,"a,zzz",,,
e,d,D,,2,,,,,,,,,
d,e,E,,2,,,,,,,,,
f,f,Own parent,,2,,,,,,,,,
,,,,,,,,,,,,,
`
	res, err := Import(strings.NewReader(csvText), ImportOptions{Framework: "fw", Language: "ru", Version: "2024", Source: "upload.csv"})
	require.NoError(t, err)
	checkResult(t, res)
	require.Equal(t, "frameworks/fw", res.Framework.Name)
	require.Equal(t, curricula.Text{"ru": "Framework"}, res.Framework.Title)
	require.Equal(t, "2024", res.Framework.Version)
	require.Equal(t, "upload.csv", res.Framework.Source)
	var ids []string
	for _, c := range res.Competencies {
		ids = append(ids, c.ID()+"<"+c.Parent)
	}
	sort.Strings(ids)
	require.Len(t, ids, 5)
	require.Contains(t, ids, "c<")
	require.Contains(t, ids, "f<")
	require.Equal(t, []curricula.Crosswalk{{Relation: "isRelatedTo", Target: "frameworks/fw/competencies/a"}}, byCode(res.Competencies)["c"].Crosswalks)
	skipped := reasons(res.Report.Skipped)
	for _, want := range []string{"row 4: has no ID number", "row 5 b: has no short name", "row 6 a: duplicate ID number", "row 7 FW2: a second framework row"} {
		require.Contains(t, skipped, want)
	}
	require.Len(t, res.Report.Skipped, 4)
	w := reasons(res.Report.Warnings)
	for _, want := range []string{`parent ID number "nowhere" is not in the file`, `cross-referenced ID number "zzz" is not in the file`,
		"its parents make a cycle", "is its own parent"} {
		require.Contains(t, w, want)
	}
}

func TestImportErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "the file is empty"},
		{"not the format", "a,b,c\n1,2,3\n", "does not name the 14"},
		{"no framework row", strings.Join(Header, ",") + "\n,a,A,,2,,,,,,,,,\n", "no framework row"},
		{"framework without a name", strings.Join(Header, ",") + "\n,fw,,,2,,,,,,,,1,\n", "row 2.shortname: is required"},
		{"bad framework ID", strings.Join(Header, ",") + "\n,fw,FW,,2,,,,,,,,1,\n", `"Bad ID" is not a valid ID`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := ImportOptions{}
			if tc.name == "bad framework ID" {
				opts.Framework = "Bad ID"
			}
			res, err := Import(strings.NewReader(tc.in), opts)
			require.Nil(t, res)
			require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

// sample is a one-language framework that uses every field Moodle's
// format can carry.
func sample() (*curricula.Framework, []*curricula.Competency) {
	f := &curricula.Framework{
		Meta:        curricula.Meta{Name: "frameworks/ibm-2024"},
		Title:       curricula.Text{"ru": "Рамка компетенций"},
		Description: curricula.Text{"ru": "Общая рамка,\nв две строки"},
		Version:     "1",
		State:       curricula.FrameworkDraft,
		Languages:   []string{"ru"},
	}
	n := func(id string) string { return curricula.CompetencyName("ibm-2024", id) }
	cs := []*curricula.Competency{
		{Meta: curricula.Meta{Name: n("risk")}, Code: "RA", Order: 1, Title: curricula.Text{"ru": "Анализ рисков"}},
		{Meta: curricula.Meta{Name: n("ra-01")}, Code: "RA-01", Parent: "risk", Order: 1, Title: curricula.Text{"ru": "Профилирование"},
			Description: curricula.Text{"ru": "Описание с <угловыми> скобками & амперсандом"},
			Crosswalks:  []curricula.Crosswalk{{Relation: "isRelatedTo", Target: n("hr-01")}, {Relation: "isRelatedTo", Target: n("risk")}}},
		{Meta: curricula.Meta{Name: n("ra-02")}, Code: "RA/02.x_y", Parent: "risk", Order: 2, Title: curricula.Text{"ru": "Отбор"}},
		{Meta: curricula.Meta{Name: n("hr")}, Code: "HR", Order: 2, Title: curricula.Text{"ru": "Кадры"}},
		{Meta: curricula.Meta{Name: n("hr-01")}, Code: "HR-01", Parent: "hr", Order: 1, Title: curricula.Text{"ru": " Обучение "}},
	}
	return f, cs
}

func export(t *testing.T, f *curricula.Framework, cs []*curricula.Competency, opts ExportOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Export(&b, f, cs, opts))
	return b.Bytes()
}

func TestExportShape(t *testing.T) {
	f, cs := sample()
	rows := readAll(t, string(export(t, f, cs, ExportOptions{})), ',')
	require.Equal(t, Header, rows[0])
	require.Equal(t, []string{"", "ibm-2024", "Рамка компетенций", "Общая рамка,\nв две строки", "2", DefaultScaleValues, DefaultScaleConfiguration,
		"", "", "", "", "", "1", "competency,competency"}, rows[1])
	require.Equal(t, []string{"RA", "RA-01", "Профилирование", "Описание с <угловыми> скобками & амперсандом", "2", "", "", "", "0", "null",
		"HR-01,RA", "ra-01", "", ""}, rows[3])
	var order []string
	for _, r := range rows[2:] {
		order = append(order, r[1])
	}
	require.Equal(t, []string{"RA", "RA-01", "RA/02.x_y", "HR", "HR-01"}, order)

	semi := readAll(t, string(export(t, f, cs, ExportOptions{Comma: ';', ScaleValues: "No,Yes", ScaleConfiguration: "[]"})), ';')
	require.Equal(t, "No,Yes", semi[1][colScaleValues])
	require.Equal(t, "[]", semi[1][colScaleConfiguration])
}

func TestExportRejectsBadInput(t *testing.T) {
	f, cs := sample()
	var b bytes.Buffer
	err := Export(&b, f, cs[1:], ExportOptions{})
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
	require.Contains(t, err.Error(), `Moodle export: the parent "risk"`)
	require.Zero(t, b.Len())
}

// Concord → Moodle → Concord keeps what the format has columns for.
func TestRoundTripConcordMoodleConcord(t *testing.T) {
	f, cs := sample()
	for _, sep := range []rune{',', ';'} {
		res, err := Import(bytes.NewReader(export(t, f, cs, ExportOptions{Comma: sep})), ImportOptions{Language: "ru"})
		require.NoError(t, err)
		require.Equal(t, f, res.Framework)
		require.Equal(t, cs, res.Competencies)
		require.Empty(t, res.Report.Skipped)
		require.Contains(t, reasons(res.Report.Warnings), "framework.scalevalues: not kept") // the default scale
		require.Len(t, res.Report.Warnings, 3)                                               // scale values, its configuration, taxonomy
	}
}

// Moodle → Concord → Moodle keeps the tree, the ID numbers, names,
// descriptions (as text) and cross-references.
func TestRoundTripMoodleConcordMoodle(t *testing.T) {
	first, err := Import(strings.NewReader(sampleCSV), ImportOptions{})
	require.NoError(t, err)
	out := export(t, first.Framework, first.Competencies, ExportOptions{})
	second, err := Import(bytes.NewReader(out), ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, first.Framework, second.Framework)
	require.Equal(t, first.Competencies, second.Competencies)

	in, back := readAll(t, sampleCSV, ','), readAll(t, string(out), ',')
	require.Len(t, back, len(in))
	key := func(r []string) string {
		return strings.Join([]string{r[colParent], r[colIDNumber], r[colShortName], r[colRelated]}, "|")
	}
	for i := 2; i < len(in); i++ {
		want := key(in[i])
		if in[i][colIDNumber] == "risk 2" {
			want = "risk|risk-2|" + in[i][colShortName] + "|" // the ID number was made a valid code
		}
		require.Equal(t, want, key(back[i]))
	}
}

func TestImportRejectsOtherEncodings(t *testing.T) {
	in := strings.Join(Header, ",") + "\n,fw,\xD2\xE0\xEC\xEE\xE6\xED\xFF,,2,,,,,,,,1,\n"
	_, err := Import(strings.NewReader(in), ImportOptions{})
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
	require.Contains(t, err.Error(), "line 2 is not UTF-8 text")
}
