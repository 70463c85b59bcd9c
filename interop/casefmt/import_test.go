package casefmt

import (
	"bytes"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
	"github.com/concord-ibm/concord/interop/internal/naming"
	"github.com/stretchr/testify/require"
)

func TestImportFixtures(t *testing.T) {
	for _, tc := range []struct {
		file         string
		framework    string
		title        string
		state        curricula.FrameworkState
		competencies int
		topLevel     int
		crosswalks   int
		skipped      int
		check        func(t *testing.T, res *interop.Result)
	}{
		{file: "opensalt-sample-framework-ccss-ratios.json", framework: "frameworks/what-standards-could-be", title: "What Standards Could Be",
			state: curricula.FrameworkDraft, competencies: 16, topLevel: 2, crosswalks: 18, skipped: 5,
			check: func(t *testing.T, res *interop.Result) {
				cs := byCode(res.Competencies)
				a := cs["CCSS.Math.Content.6.RP.A"]
				require.Equal(t, "frameworks/what-standards-could-be/competencies/ccss-math-content-6-rp-a", a.Name)
				require.Equal(t, 1, a.Order) // sequenceNumber "1", a string
				require.Equal(t, 2, cs["CCSS.Math.Content.7.RP.A"].Order)
				require.Equal(t, "ccss-math-content-6-rp-a-3", cs["CCSS.Math.Content.6.RP.A.3a"].Parent)
				require.Equal(t, "Understand ratio concepts and use ratio reasoning to solve problems.", a.Title["en"])
				require.Equal(t, []curricula.Crosswalk{{Relation: "exactMatchOf",
					Target: "http://opensalt-staging.opened.com/uri/5b6c487e-04f1-5ba9-9722-d099849b9167", Label: "Destination"}}, a.Crosswalks)
				// notes travel in the description
				require.True(t, strings.HasPrefix(cs["CCSS.Math.Content.6.RP.A.1"].Description["en"], "Notes: For example, \"The ratio of wings"))
				require.Len(t, cs["CCSS.Math.Content.7.RP.A"].Crosswalks, 2) // exactMatchOf + isRelatedTo
				// the three precedes and two exemplar associations are skipped, with reasons
				require.Contains(t, reasons(res.Report.Skipped), `associationType "precedes" is not kept`)
				require.Contains(t, reasons(res.Report.Skipped), `associationType "exemplar" is not kept`)
				require.Contains(t, reasons(res.Report.Warnings), "CFItem.educationalLevel: not kept by Concord (16 records)")
				require.Equal(t, "Brandon Dorman", res.Framework.Publisher)
				require.Equal(t, "2017-05-25", res.Framework.Version) // no version: the date of lastChangeDateTime
			}},
		{file: "opensalt-SmartLevelFramework.json", framework: "frameworks/smartlevel-test", title: "SmartLevel Test",
			state: curricula.FrameworkDraft, competencies: 14, topLevel: 2,
			check: func(t *testing.T, res *interop.Result) {
				// no humanCodingScheme: the identifier is the code
				cs := byCode(res.Competencies)
				c := cs["00000000-0000-0000-0000-000000000003"]
				require.Equal(t, "Item 1.1", c.Title["en"])
				require.Equal(t, "c-00000000-0000-0000-0000-000000000001", c.Parent)
				children := 0
				for _, c := range res.Competencies {
					if c.Parent == "c-00000000-0000-0000-0000-000000000001" {
						children++
					}
				}
				require.Equal(t, 10, children)
			}},
		{file: "opensalt-Utf8TestFramework.json", framework: "frameworks/utf8-test", title: "UTF8 𝑑 Test",
			state: curricula.FrameworkDraft, competencies: 1, topLevel: 1,
			check: func(t *testing.T, res *interop.Result) {
				require.Equal(t, "Item 𝑑 1", res.Competencies[0].Title["en"])
			}},
		{file: "opensalt-MarkdownFramework.json", framework: "frameworks/test-markdown-framework", title: "Test Markdown Framework",
			state: curricula.FrameworkDraft, competencies: 2, topLevel: 2,
			check: func(t *testing.T, res *interop.Result) {
				require.Contains(t, byCode(res.Competencies)["MD.Table"].Title["en"], "| Column 1 | Column 2 |")
				require.Equal(t, "This contains math markdown: $x^2$", byCode(res.Competencies)["MD.Math"].Title["en"])
			}},
		{file: "opensalt-SequenceNumberFramework.json", framework: "frameworks/sequence-number-test", title: "Sequence Number Test",
			state: curricula.FrameworkDraft, competencies: 2, topLevel: 2,
			check: func(t *testing.T, res *interop.Result) {
				// ordered by sequenceNumber, not by the order of the file
				require.Equal(t, "SNT.2", res.Competencies[0].Code)
				require.Equal(t, 1, res.Competencies[0].Order)
				require.Equal(t, "SNT.1", res.Competencies[1].Code)
				require.Equal(t, 2, res.Competencies[1].Order)
			}},
		{file: "opensalt-ItemTypeTestFramework.json", framework: "frameworks/item-type-test", title: "Item Type Test",
			state: curricula.FrameworkDraft, competencies: 1, topLevel: 1,
			check: func(t *testing.T, res *interop.Result) {
				w := reasons(res.Report.Warnings)
				require.Contains(t, w, "CFItem.CFItemType: not kept by Concord (1 record)")
				require.Contains(t, w, "CFDefinitions.CFItemTypes: not kept by Concord (1 record)")
			}},
		{file: "opensalt-AdoptedTestFramework.json", framework: "frameworks/adopted-test", title: "Adopted Test",
			state: curricula.FrameworkPublished, competencies: 1, topLevel: 1},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res, err := Import(bytes.NewReader(fixture(t, tc.file)), ImportOptions{})
			require.NoError(t, err)
			checkResult(t, res)
			require.Equal(t, tc.framework, res.Framework.Name)
			require.Equal(t, curricula.Text{"en": tc.title}, res.Framework.Title)
			require.Equal(t, tc.state, res.Framework.State)
			require.Equal(t, []string{"en"}, res.Framework.Languages)
			require.Len(t, res.Competencies, tc.competencies)
			top, crosswalks := 0, 0
			for _, c := range res.Competencies {
				if c.Parent == "" {
					top++
				}
				crosswalks += len(c.Crosswalks)
			}
			require.Equal(t, tc.topLevel, top)
			require.Equal(t, interop.Counts{Frameworks: 1, Competencies: tc.competencies, Crosswalks: tc.crosswalks}, res.Report.Imported)
			require.Equal(t, tc.crosswalks, crosswalks)
			require.Len(t, res.Report.Skipped, tc.skipped, reasons(res.Report.Skipped))
			if tc.check != nil {
				tc.check(t, res)
			}
		})
	}
}

func TestImportWithoutWrapperAndWithIt(t *testing.T) {
	raw := fixture(t, "opensalt-SmartLevelFramework.json")
	plain, err := Import(bytes.NewReader(raw), ImportOptions{})
	require.NoError(t, err)
	wrapped, err := Import(strings.NewReader(`{"CFPackage": `+string(raw)+`}`), ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, plain, wrapped)
}

func TestImportOptions(t *testing.T) {
	data := pkg(obj{"language": nil}, []obj{item(1, "RA-01", "Анализ рисков")}, nil)
	res, err := Import(bytes.NewReader(data), ImportOptions{Framework: "ibm-ru", Language: "ru"})
	require.NoError(t, err)
	require.Equal(t, "frameworks/ibm-ru", res.Framework.Name)
	require.Equal(t, curricula.Text{"ru": "Test"}, res.Framework.Title)
	require.Equal(t, curricula.Text{"ru": "Анализ рисков"}, res.Competencies[0].Title)
	require.Equal(t, "frameworks/ibm-ru/competencies/ra-01", res.Competencies[0].Name)

	_, err = Import(bytes.NewReader(data), ImportOptions{Framework: "Not An ID"})
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
}

func TestImportTexts(t *testing.T) {
	data := pkg(obj{"language": "eng", "description": "About", "notes": "Doc notes"}, []obj{
		item(1, "A", "Full statement A", "abbreviatedStatement", "Short A", "notes", "Note A"),
		item(2, "B", "Full statement B", "notes", "Note B", "language", "RU"),
		item(3, "C", "Full statement C", "abbreviatedStatement", "Short C", "description", nil),
		item(4, "D", "Only full", "notes", nil, "language", "English"),
	}, nil)
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	require.Equal(t, curricula.Text{"en": "About\n\nNotes: Doc notes"}, res.Framework.Description)
	cs := byCode(res.Competencies)
	require.Equal(t, curricula.Text{"en": "Short A"}, cs["A"].Title)
	require.Equal(t, curricula.Text{"en": "Full statement A\n\nNotes: Note A"}, cs["A"].Description)
	require.Equal(t, curricula.Text{"ru": "Full statement B"}, cs["B"].Title)
	require.Equal(t, curricula.Text{"ru": "Notes: Note B"}, cs["B"].Description)
	require.Equal(t, curricula.Text{"en": "Full statement C"}, cs["C"].Description)
	require.Equal(t, curricula.Text{"en": "Only full"}, cs["D"].Title)
	require.Nil(t, cs["D"].Description)
	require.Equal(t, []string{"en", "ru"}, res.Framework.Languages)
	require.Contains(t, reasons(res.Report.Warnings), `language "English" is not a language tag; using "en"`)
}

func TestImportTranslations(t *testing.T) {
	data := pkg(nil, []obj{
		item(1, "RA-01", "Risk analysis"),
		item(2, "RA-01-ru", "Анализ рисков", "language", "ru", "notes", "Заметка"),
		item(3, "RA-01-en2", "Risk analysis again", "language", "en"),
		item(4, "RA-01-kk", "Тәуекелдерді талдау", "language", "kk"),
		item(5, "RA-02", "Profiling"),
	}, []obj{
		assoc(1, "isChildOf", uid(1), docID, 1),
		assoc(2, "isChildOf", uid(2), docID, 2), // a translation's own place is ignored
		assoc(3, "isTranslationOf", uid(2), uid(1), nil),
		assoc(4, "isTranslationOf", uid(3), uid(1), nil), // English again: stays separate
		assoc(5, "isTranslationOf", uid(4), uid(2), nil), // translation of a translation
		assoc(6, "isChildOf", uid(5), uid(2), nil),       // child of a merged translation
		assoc(7, "exactMatchOf", uid(2), "99999999-0000-0000-0000-000000000001", nil),
	})
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	require.Equal(t, 2, res.Report.Imported.Translations)
	cs := byCode(res.Competencies)
	require.Len(t, res.Competencies, 3)
	ra := cs["RA-01"]
	require.Equal(t, curricula.Text{"en": "Risk analysis", "ru": "Анализ рисков", "kk": "Тәуекелдерді талдау"}, ra.Title)
	require.Equal(t, curricula.Text{"ru": "Notes: Заметка"}, ra.Description)
	require.Equal(t, "ra-01", cs["RA-02"].Parent)
	require.Equal(t, []curricula.Crosswalk{{Relation: "exactMatchOf", Target: "https://x.example/CFItems/99999999-0000-0000-0000-000000000001", Label: "t"}}, ra.Crosswalks)
	require.Contains(t, cs, "RA-01-en2")
	require.Contains(t, reasons(res.Report.Skipped), `already has a "en" text`)
	require.Equal(t, []string{"en", "kk", "ru"}, res.Framework.Languages)
}

func TestImportTree(t *testing.T) {
	outside := "99999999-0000-0000-0000-000000000001"
	data := pkg(nil, []obj{
		item(1, "A", "A"), item(2, "B", "B"), item(3, "C", "C"), item(4, "D", "D"), item(5, "E", "E"), item(6, "F", "F"),
	}, []obj{
		assoc(1, "isChildOf", uid(2), uid(1), 3),
		assoc(2, "isChildOf", uid(2), docID, nil),     // a second parent
		assoc(3, "isChildOf", uid(3), outside, nil),   // parent outside the package
		assoc(4, "isChildOf", uid(4), uid(5), "2"),    // cycle D → E → D
		assoc(5, "isChildOf", uid(5), uid(4), 1.0),    // sequenceNumber as a float
		assoc(6, "isChildOf", uid(6), uid(6), nil),    // its own parent
		assoc(7, "isChildOf", outside, uid(1), nil),   // origin outside
		assoc(8, "isChildOf", uid(1), docID, "first"), // sequenceNumber that is no number
		assoc(8, "isChildOf", uid(1), docID, nil),     // duplicate identifier
		assoc(9, "precedes", uid(1), uid(2), nil),
		assoc(10, "exactMatchOf", uid(1), uid(2), nil), // both in the package
		assoc(11, "isRelatedTo", outside, uid(3), nil), // read from the other end
		assoc(12, "exactMatchOf", outside, outside, nil),
	})
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	cs := byCode(res.Competencies)
	require.Equal(t, "a", cs["B"].Parent)
	require.Equal(t, 3, cs["B"].Order)
	require.Equal(t, "", cs["C"].Parent)
	require.Equal(t, "", cs["F"].Parent)
	// the cycle is cut at the item that closes it
	require.True(t, (cs["D"].Parent == "") != (cs["E"].Parent == ""), "D=%q E=%q", cs["D"].Parent, cs["E"].Parent)
	require.Equal(t, []curricula.Crosswalk{{Relation: "isRelatedTo", Target: "https://x.example/CFItems/" + outside, Label: "t"}}, cs["C"].Crosswalks)
	skipped := reasons(res.Report.Skipped)
	for _, want := range []string{
		"already has a parent", "is outside this package", "cannot be its own parent", "origin is not an item",
		"duplicate identifier", `"precedes" is not kept`, "links two items of this package", "exactMatchOf does not link an item of this package to one outside it",
	} {
		require.Contains(t, skipped, want)
	}
	require.Len(t, res.Report.Skipped, 8, skipped)
	warnings := reasons(res.Report.Warnings)
	require.Contains(t, warnings, "makes a cycle")
	require.Contains(t, warnings, `sequenceNumber "first" is not an integer`)
}

func TestImportCodesAndIDs(t *testing.T) {
	data := pkg(nil, []obj{
		item(1, "RL 1.2", "spaces in the code"),
		item(2, "RA-01", "first RA-01"),
		item(3, "RA-01", "second RA-01"),
		item(4, "!!!", "no usable character"),
		obj{"identifier": "item-5", "fullStatement": "identifier that is no UUID"},
		item(6, "ra.01", "same ID as RA-01"),
		item(7, "Пр-1", "Cyrillic code"),
		item(8, "", "numeric code", "humanCodingScheme", 42),
	}, nil)
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	got := map[string]string{}
	for _, c := range res.Competencies {
		got[c.Title["en"]] = c.Code + " " + c.ID()
	}
	require.Equal(t, map[string]string{
		"spaces in the code":         "RL-1.2 rl-1-2",
		"first RA-01":                "RA-01 ra-01",
		"second RA-01":               "RA-01-2 ra-01-2",
		"no usable character":        "case-" + naming.Hash(uid(4)) + " case-" + naming.Hash(uid(4)),
		"identifier that is no UUID": "item-5 item-5",
		"same ID as RA-01":           "ra.01 ra-01-3",
		"Cyrillic code":              "Пр-1 c-1", // the slug keeps what is ASCII
		"numeric code":               "42 c-42",
	}, got)
	w := reasons(res.Report.Warnings)
	require.Contains(t, w, `humanCodingScheme "RL 1.2" is not a valid code; using "RL-1.2"`)
	require.Contains(t, w, `code "RA-01" is already used; using "RA-01-2"`)
}

func TestImportSkipsBadRecords(t *testing.T) {
	data := pkg(nil, []obj{
		item(1, "OK", "fine"),
		item(2, "OBJ", "x", "fullStatement", obj{"not": "text"}),
		item(3, "NONE", ""),
		obj{"fullStatement": "no identifier"},
		item(1, "DUP", "duplicate identifier"),
		item(5, "BAD", "invalid by its extension", "extensions", obj{"concord": obj{"id": "bad", "pillars": []string{"bogus"}}}),
		item(6, "KID", "child of an invalid item"),
	}, []obj{assoc(1, "isChildOf", uid(6), uid(5), nil)})
	// a record that is not an object at all
	data = bytes.Replace(data, []byte(`"CFItems":[`), []byte(`"CFItems":[17,`), 1)
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	require.Equal(t, []string{"OK", "KID"}, codes(res.Competencies))
	require.Equal(t, "", res.Competencies[1].Parent)
	skipped := reasons(res.Report.Skipped)
	for _, want := range []string{
		"CFItem #1: is not a JSON object",
		"fullStatement: want text, got an object",
		"has neither fullStatement nor abbreviatedStatement",
		"has no identifier",
		"duplicate identifier",
		`makes no valid competency: invalid argument: pillars[0]: "bogus" is not one of`,
	} {
		require.Contains(t, skipped, want)
	}
	require.Len(t, res.Report.Skipped, 6, skipped)
	require.Contains(t, reasons(res.Report.Warnings), "its parent was skipped; moved under the top level")
}

func TestImportTolerance(t *testing.T) {
	// what real exports contain: null descriptions, numbers for text,
	// a bare URI for a link, unknown fields and extensions
	data := pkg(obj{"version": 2, "description": nil, "officialSourceURL": "https://example.org", "publisher": "Publisher"},
		[]obj{item(1, "A", "A", "educationLevel", []string{"09"}, "extensions", obj{"vendor": obj{"x": 1}})},
		[]obj{{"identifier": "a0000000-0000-0000-0000-000000000001", "associationType": "isChildOf",
			"originNodeURI": "https://x.example/CFItems/" + uid(1), "destinationNodeURI": "https://x.example/CFDocuments/" + docID}})
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	checkResult(t, res)
	require.Equal(t, "2", res.Framework.Version)
	require.Equal(t, "Publisher", res.Framework.Publisher)
	require.Nil(t, res.Framework.Description)
	require.Empty(t, res.Report.Skipped)
	w := reasons(res.Report.Warnings)
	require.Contains(t, w, "CFDocument.officialSourceURL: not kept")
	require.Contains(t, w, "CFItem.educationLevel: not kept")
	require.Contains(t, w, "CFItem.extensions.vendor: not kept")
}

func TestImportErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"not JSON", `CFDocument`, "not a CASE CFPackage"},
		{"an array", `[1, 2]`, "not a CASE CFPackage"},
		{"no document", `{"CFItems": []}`, "no CFDocument"},
		{"document not an object", `{"CFDocument": 3}`, "CFDocument is not a JSON object"},
		{"no title", string(pkg(obj{"title": nil}, nil, nil)), "CFDocument.title: is required"},
		{"title an object", string(pkg(obj{"title": obj{}}, nil, nil)), "CFDocument.title: want text"},
		{"items not an array", `{"CFDocument": {"title": "t"}, "CFItems": {}}`, "CFItems is not an array"},
		{"associations not an array", `{"CFDocument": {"title": "t"}, "CFAssociations": "x"}`, "CFAssociations is not an array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Import(strings.NewReader(tc.in), ImportOptions{})
			require.Nil(t, res)
			require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func codes(cs []*curricula.Competency) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

func TestImportIgnoresBadExtensionValues(t *testing.T) {
	data := pkg(obj{"extensions": obj{"concord": obj{"id": "fw", "languages": []string{"en", "Not a tag"}, "previousVersion": "frameworks/fw",
		"title": obj{"ru": "Рамка", "??": "dropped", "de": "  "}}}}, nil, nil)
	res, err := Import(bytes.NewReader(data), ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, "frameworks/fw", res.Framework.Name)
	require.Equal(t, []string{"en"}, res.Framework.Languages)
	require.Empty(t, res.Framework.PreviousVersion)
	require.Equal(t, curricula.Text{"en": "Test", "ru": "Рамка"}, res.Framework.Title)
	require.Empty(t, res.Framework.Publisher) // a Concord export without publisher: creator is not taken
	w := reasons(res.Report.Warnings)
	require.Contains(t, w, `extensions.concord.languages: "Not a tag" is not a language tag; ignored`)
	require.Contains(t, w, `previousVersion "frameworks/fw" is not another framework's name; ignored`)
}
