package sheet

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// readAll reads every row, failing on any error.
func readAll(t *testing.T, in string) ([]Row, *Reader) {
	t.Helper()
	r, err := NewReader(strings.NewReader(in))
	require.NoError(t, err)
	var rows []Row
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, r
		}
		require.NoError(t, err)
		rows = append(rows, row)
	}
}

func rowErrors(t *testing.T, err error) RowErrors {
	t.Helper()
	require.Error(t, err)
	var many RowErrors
	if errors.As(err, &many) {
		return many
	}
	var one *RowError
	require.ErrorAs(t, err, &one)
	return RowErrors{one}
}

func TestTemplateReadsBack(t *testing.T) {
	tpl := Template()
	require.True(t, bytes.HasPrefix(tpl, []byte("\xEF\xBB\xBFcurriculum,module,code,title,description,outcomes,language,hours,credits,delivery,assessment,restricted,alignments\n")))
	rows, r := readAll(t, string(tpl))
	require.Equal(t, ',', r.Comma())
	require.Len(t, rows, 2)
	require.Equal(t, 2, rows[0].Line)
	require.Equal(t, 4, rows[1].Line) // the first row's outcomes span two lines
	for i, row := range rows {
		cur, m, err := row.ToModule("example-academy", nil)
		require.NoError(t, err)
		require.Equal(t, "basic-2024", cur)
		require.Equal(t, templateModules[i], m)
	}
}

func TestReaderFormats(t *testing.T) {
	// semicolons, CRLF, a byte-order mark, a decimal comma, columns in
	// another order and case, a quoted multi-line cell, blank rows
	in := "\uFEFFTitle; CODE ;Curriculum;Hours;Outcomes;credits;Restricted;delivery;Language\r\n" +
		"Интервью;BG-1;basic;12,5;\"Задаёт вопросы\r\nОценивает ответы\";0,5;Yes;E Learning;RU\r\n" +
		";;;;;;;;\r\n" +
		"Patrol;BG-2;basic;8;Plans | Reports |  ;;;field_exercise;en-gb\r\n"
	rows, r := readAll(t, in)
	require.Equal(t, ';', r.Comma())
	require.Equal(t, []Row{
		{Line: 2, Curriculum: "basic", Code: "BG-1", Title: "Интервью", Outcomes: []string{"Задаёт вопросы", "Оценивает ответы"},
			Language: "ru", Hours: 12.5, Credits: 0.5, Delivery: curricula.DeliveryELearning, Restricted: true},
		{Line: 5, Curriculum: "basic", Code: "BG-2", Title: "Patrol", Outcomes: []string{"Plans", "Reports"},
			Language: "en-gb", Hours: 8, Delivery: curricula.DeliveryField},
	}, rows)
}

func TestReaderHeaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []RowError
	}{
		{"empty", "", []RowError{{Row: 1, Msg: "the file is empty; its first line must be the header: curriculum,module,code,title,description,outcomes,language,hours,credits,delivery,assessment,restricted,alignments"}}},
		{"unknown columns", "curriculum,code,title,Credit hours,teacher\n", []RowError{
			{Row: 1, Field: "Credit hours", Msg: "unknown column; the columns are " + strings.Join(Columns, ", ")},
			{Row: 1, Field: "teacher", Msg: "unknown column; the columns are " + strings.Join(Columns, ", ")}}},
		{"missing and repeated", "curriculum,code,Code\n", []RowError{
			{Row: 1, Field: "code", Msg: "column given twice"},
			{Row: 1, Field: "title", Msg: "required column is missing"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tc.in))
			require.Nil(t, r)
			var got []RowError
			for _, e := range rowErrors(t, err) {
				got = append(got, *e)
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestReaderRowErrors(t *testing.T) {
	in := "curriculum,code,title,hours,credits,restricted,\n" +
		"basic,A,Ok,1,2,no,\n" +
		"basic,B,Bad numbers,\"12,5\",abc,maybe,\n" +
		"basic,C,Stray value,1,,,surprise\n" +
		"basic,D,Bare \"quote,1,,,\n" +
		"basic,E,\"Multi\nline\",NaN,,,\n" +
		"basic,F,Last,3,,,\n"
	r, err := NewReader(strings.NewReader(in))
	require.NoError(t, err)
	type result struct {
		code string
		errs []RowError
	}
	var got []result
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		res := result{code: row.Code}
		if err != nil {
			for _, e := range rowErrors(t, err) {
				res.errs = append(res.errs, *e)
			}
		}
		got = append(got, res)
	}
	require.Equal(t, []result{
		{code: "A"},
		{code: "B", errs: []RowError{
			{Row: 3, Field: "hours", Msg: `"12,5" is not a number (use a decimal point)`},
			{Row: 3, Field: "credits", Msg: `"abc" is not a number`},
			{Row: 3, Field: "restricted", Msg: `"maybe" is not yes or no`}}},
		{code: "C", errs: []RowError{{Row: 4, Field: "column 7", Msg: "has a value but no header"}}},
		{errs: []RowError{{Row: 5, Msg: `line 5, character 14: bare " in non-quoted-field`}}},
		{code: "E", errs: []RowError{{Row: 6, Field: "hours", Msg: `"NaN" is not a number`}}},
		{code: "F"},
	}, got)
}

func TestToModule(t *testing.T) {
	codes := map[string]string{"RA-01": "risk-analysis", "HR-02": "hr-02"}
	resolve := func(code string) (string, bool) { id, ok := codes[code]; return id, ok }
	row := Row{Line: 7, Curriculum: "basic-2024", Code: "BG-101", Title: "Document examination", Hours: 10,
		Delivery: curricula.DeliveryClassroom, Alignments: "RA-01:M:6; HR-02:I"}
	cur, m, err := row.ToModule("kz-academy", resolve)
	require.NoError(t, err)
	require.Equal(t, "basic-2024", cur)
	require.Equal(t, "academies/kz-academy/curricula/basic-2024/modules/bg-101", m.Name) // ID from the code
	require.Equal(t, []curricula.Alignment{{Competency: "risk-analysis", Depth: curricula.DepthMastered, Hours: 6},
		{Competency: "hr-02", Depth: curricula.DepthIntroduced}}, m.Alignments)

	for _, tc := range []struct {
		name   string
		change func(r *Row)
		want   []RowError
	}{
		{"bad curriculum", func(r *Row) { r.Curriculum = "Basic 2024" }, []RowError{
			{Row: 7, Field: "curriculum", Msg: `"Basic 2024" is not an ID (lower-case letters, digits and '-', starting with a letter)`}}},
		{"no curriculum", func(r *Row) { r.Curriculum = "" }, []RowError{{Row: 7, Field: "curriculum", Msg: "is required"}}},
		{"module ID not derivable", func(r *Row) { r.Code = "Модуль 1" }, []RowError{
			{Row: 7, Field: "module", Msg: `is empty and cannot be derived from the code "Модуль 1"; give the module an ID`}}},
		{"bad module ID", func(r *Row) { r.Module = "-x" }, []RowError{
			{Row: 7, Field: "module", Msg: `"-x" is not an ID (lower-case letters, digits and '-', starting with a letter)`}}},
		{"unknown competency", func(r *Row) { r.Alignments = "RA-01:M; XX-9:I" }, []RowError{
			{Row: 7, Field: "alignments", Msg: `alignment 2: unknown competency code "XX-9"`}}},
		{"validation", func(r *Row) {
			r.Title, r.Hours, r.Credits, r.Language, r.Delivery = "", 5, 300, "Russian", "lecture"
			r.Outcomes = []string{"ok", ""}
		}, []RowError{
			{Row: 7, Field: "title", Msg: "is required"},
			{Row: 7, Field: "language", Msg: `"Russian" is not a language tag`},
			{Row: 7, Field: "credits", Msg: "must be between 0 and 200, got 300"},
			{Row: 7, Field: "delivery", Msg: `"lecture" is not one of classroom, e-learning, blended, field-exercise, simulation, on-the-job`},
			{Row: 7, Field: "outcomes", Msg: "outcomes[1]: is empty"},
			{Row: 7, Field: "alignments", Msg: "aligned hours (6) exceed the module's hours (5)"}}},
		{"alignment detail", func(r *Row) { r.Alignments = "RA-01:M:-1; RA-01:I" }, []RowError{
			{Row: 7, Field: "alignments", Msg: `alignments[1].competency: "risk-analysis" is already aligned in alignments[0]`},
			{Row: 7, Field: "alignments", Msg: "alignments[0].hours: must not be negative, got -1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := row
			tc.change(&r)
			cur, m, err := r.ToModule("kz-academy", resolve)
			require.Empty(t, cur)
			require.Nil(t, m)
			var got []RowError
			for _, e := range rowErrors(t, err) {
				got = append(got, *e)
			}
			require.ElementsMatch(t, tc.want, got)
		})
	}
	_, _, err = row.ToModule("Bad Academy", resolve)
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
}

// modules uses every field the template has.
func modules() []*curricula.Module {
	return []*curricula.Module{
		{Meta: curricula.Meta{Name: curricula.ModuleName("kz", "basic-2024", "bg-101")}, Code: "BG 101", Title: "Document, \"examination\"",
			Description: "Two\nlines; with separators, both", Outcomes: []string{"One", "Two | with a bar", "Three"}, Language: "fa-AF",
			Hours: 24.75, Credits: 2.5, Delivery: curricula.DeliveryOnTheJob, Assessment: "Practical; test", Restricted: true,
			Alignments: []curricula.Alignment{{Competency: "risk-analysis", Depth: curricula.DepthMastered, Hours: 6.5}, {Competency: "hr-02", Depth: curricula.DepthReinforced}}},
		{Meta: curricula.Meta{Name: curricula.ModuleName("kz", "advanced", "single")}, Code: "S", Title: "Single outcome with a bar",
			Outcomes: []string{"a | b"}, Hours: 0},
		{Meta: curricula.Meta{Name: curricula.ModuleName("kz", "advanced", "x-2")}, Code: "X/2", Title: "Minimal", Hours: 1e-3},
	}
}

func TestWriterRoundTrip(t *testing.T) {
	codes := map[string]string{"risk-analysis": "RA-01", "hr-02": "HR-02"}
	ids := map[string]string{"RA-01": "risk-analysis", "HR-02": "hr-02"}
	resolve := func(code string) (string, bool) { id, ok := ids[code]; return id, ok }
	for _, opts := range []WriterOptions{{}, {Comma: ';', BOM: true}} {
		var b bytes.Buffer
		w := NewWriter(&b, WriterOptions{Comma: opts.Comma, BOM: opts.BOM, Code: func(id string) string { return codes[id] }})
		for _, m := range modules() {
			require.NoError(t, w.Write(m))
		}
		require.NoError(t, w.Flush())
		if opts.Comma == ';' {
			require.Contains(t, b.String(), ";24,75;2,5;")
		}
		rows, r := readAll(t, b.String())
		require.Equal(t, map[rune]rune{0: ',', ';': ';'}[opts.Comma], r.Comma())
		var got []*curricula.Module
		for _, row := range rows {
			_, m, err := row.ToModule("kz", resolve)
			require.NoError(t, err)
			got = append(got, m)
		}
		require.Equal(t, modules(), got)
	}
	w := NewWriter(io.Discard, WriterOptions{})
	require.Error(t, w.Write(&curricula.Module{Meta: curricula.Meta{Name: "not/a/module"}}))
}

// The Reader hands out each row as soon as its line has arrived: it does
// not read the file ahead.
func TestReaderStreams(t *testing.T) {
	pr, pw := io.Pipe()
	next := make(chan struct{})
	go func() {
		_, _ = io.WriteString(pw, "curriculum,code,title\nbasic,A,First\n")
		<-next
		_, _ = io.WriteString(pw, "basic,B,Second\n")
		_ = pw.Close()
	}()
	type step struct {
		row Row
		err error
	}
	read := func(f func() (Row, error)) step {
		done := make(chan step, 1)
		go func() { row, err := f(); done <- step{row, err} }()
		select {
		case s := <-done:
			return s
		case <-time.After(10 * time.Second):
			t.Fatal("the reader waits for input it does not need")
			return step{}
		}
	}
	var r *Reader
	s := read(func() (Row, error) {
		var err error
		r, err = NewReader(pr)
		return Row{}, err
	})
	require.NoError(t, s.err)
	s = read(r.Read)
	require.NoError(t, s.err)
	require.Equal(t, "A", s.row.Code)
	close(next)
	s = read(r.Read)
	require.NoError(t, s.err)
	require.Equal(t, "B", s.row.Code)
	s = read(r.Read)
	require.Equal(t, io.EOF, s.err)
}

func TestReaderRejectsOtherEncodings(t *testing.T) {
	// "Таможня" in Windows-1251, as Excel saves "CSV" on a Russian system
	in := "curriculum,code,title\nbasic,A,\xD2\xE0\xEC\xEE\xE6\xED\xFF\n"
	r, err := NewReader(strings.NewReader(in))
	require.NoError(t, err)
	_, err = r.Read()
	require.Equal(t, RowErrors{{Row: 2, Field: "title", Msg: "is not UTF-8 text; save the file as CSV UTF-8"}}, rowErrors(t, err))
}
