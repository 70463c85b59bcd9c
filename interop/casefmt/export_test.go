package casefmt

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/internal/naming"
	"github.com/stretchr/testify/require"
)

var stamp = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// sample is a framework that uses every field Concord has.
func sample() (*curricula.Framework, []*curricula.Competency) {
	f := &curricula.Framework{
		Meta:            curricula.Meta{Name: "frameworks/ibm-2024"},
		Title:           curricula.Text{"en": "IBM competency framework", "ru": "Рамка компетенций КУГ"},
		Description:     curricula.Text{"en": "Shared framework.\n\nNotes: kept as notes", "ru": "Общая рамка"},
		Version:         "2024.1",
		State:           curricula.FrameworkPublished,
		PreviousVersion: "frameworks/ibm-2023",
		Languages:       []string{"en", "ru", "fa-AF"},
		Source:          "https://example.org/ibm.json",
	}
	name := func(id string) string { return curricula.CompetencyName("ibm-2024", id) }
	cs := []*curricula.Competency{
		{Meta: curricula.Meta{Name: name("risk")}, Code: "RA", Title: curricula.Text{"en": "Risk analysis", "ru": "Анализ рисков"},
			Order: 1, Pillars: []curricula.Pillar{curricula.PillarIntraService, curricula.PillarInterAgency}},
		{Meta: curricula.Meta{Name: name("ra-01")}, Code: "RA-01", Parent: "risk", Order: 2,
			Title:       curricula.Text{"en": "Risk profiling", "ru": "Профилирование", "fa-AF": "پروفایل خطر"},
			Description: curricula.Text{"en": "Builds risk profiles.", "ru": "Строит профили риска."},
			Tiers:       []curricula.Tier{curricula.TierBorderControl}, Fields: []curricula.Field{curricula.FieldProcedures},
			Agencies: []curricula.Agency{curricula.AgencyCustoms, curricula.AgencyBorderGuard},
			Replaces: []string{"frameworks/ibm-2023/competencies/ra-01"},
			Crosswalks: []curricula.Crosswalk{
				{Relation: "exactMatchOf", Target: "https://case.example/CFItems/5b6c487e-04f1-5ba9-9722-d099849b9167", Label: "FX-7"},
				{Relation: "alignsWith", Target: "frameworks/other/competencies/x"},
				{Relation: "isChildOf", Target: "urn:x:y", Label: "a relation CASE would misread"},
			}},
		{Meta: curricula.Meta{Name: name("ra-02")}, Code: "RA-02", Parent: "risk", Order: 1,
			Title:       curricula.Text{"en": "Targeting"},
			Description: curricula.Text{"en": "Notes: only notes"}},
		{Meta: curricula.Meta{Name: name("ra-03")}, Code: "RA-03", Parent: "risk",
			Title:       curricula.Text{"ru": "Только по-русски"},
			Description: curricula.Text{"en": "Description in English only", "ru": "Описание\n\nNotes: с заметкой"}},
		{Meta: curricula.Meta{Name: name("hr")}, Code: "0e3f5c1a-9b7d-4c2e-8f10-1234567890ab", Title: curricula.Text{"en": "A code that is a UUID"}},
		{Meta: curricula.Meta{Name: name("hr-01")}, Code: "HR/01.a_b", Parent: "hr", Order: -3, Title: curricula.Text{"en": " spaced title "},
			Description: curricula.Text{"en": "Notes:  "}},
	}
	return f, cs
}

func export(t *testing.T, f *curricula.Framework, cs []*curricula.Competency, opts ExportOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Export(&b, f, cs, opts))
	return b.Bytes()
}

func TestExportValidatesAgainstTheCASE11Schema(t *testing.T) {
	s := caseSchema(t)
	f, cs := sample()
	for _, opts := range []ExportOptions{
		{BaseURL: "https://concord.example.org/ims/case/v1p1/", Now: stamp},
		{Language: "ru"},
		{},
	} {
		out := export(t, f, cs, opts)
		require.NoError(t, validateCASE(t, s, out), "%+v\n%s", opts, out)
	}
	// an empty framework too
	require.NoError(t, validateCASE(t, s, export(t, f, nil, ExportOptions{})))
}

func TestExportShape(t *testing.T) {
	f, cs := sample()
	f.UpdateTime = stamp
	cs[1].UpdateTime = stamp.Add(time.Hour)
	out := export(t, f, cs, ExportOptions{BaseURL: "https://c.example/case/", Now: stamp.Add(48 * time.Hour)})
	var p struct {
		CFDocument     map[string]any
		CFItems        []map[string]any
		CFAssociations []map[string]any
	}
	require.NoError(t, json.Unmarshal(out, &p))

	docID := naming.UUID5("frameworks/ibm-2024")
	require.Equal(t, docID, p.CFDocument["identifier"])
	require.Equal(t, "https://c.example/case/CFDocuments/"+docID, p.CFDocument["uri"])
	require.Equal(t, "IBM competency framework", p.CFDocument["title"])
	require.Equal(t, "Shared framework.", p.CFDocument["description"])
	require.Equal(t, "kept as notes", p.CFDocument["notes"])
	require.Equal(t, "Adopted", p.CFDocument["adoptionStatus"])
	require.Equal(t, "Concord", p.CFDocument["creator"]) // no publisher
	require.Equal(t, "1.1", p.CFDocument["caseVersion"])
	require.Equal(t, "2024-05-01T12:00:00Z", p.CFDocument["lastChangeDateTime"])

	// parents first, siblings by order
	var order []string
	for _, it := range p.CFItems {
		order = append(order, it["extensions"].(map[string]any)["concord"].(map[string]any)["id"].(string))
	}
	require.Equal(t, []string{"hr", "hr-01", "risk", "ra-03", "ra-02", "ra-01"}, order)

	items := map[string]map[string]any{}
	for _, it := range p.CFItems {
		items[it["extensions"].(map[string]any)["concord"].(map[string]any)["id"].(string)] = it
	}
	ra01 := items["ra-01"]
	require.Equal(t, naming.UUID5("frameworks/ibm-2024/competencies/ra-01"), ra01["identifier"])
	require.Equal(t, "Risk profiling", ra01["abbreviatedStatement"])
	require.Equal(t, "Builds risk profiles.", ra01["fullStatement"])
	require.Equal(t, "RA-01", ra01["humanCodingScheme"])
	require.Equal(t, "2024-05-01T13:00:00Z", ra01["lastChangeDateTime"])
	require.NotContains(t, ra01, "language") // the document's
	require.Equal(t, "Targeting", items["ra-02"]["fullStatement"])
	require.Equal(t, "only notes", items["ra-02"]["notes"])
	require.Equal(t, "ru", items["ra-03"]["language"])
	require.Equal(t, "Только по-русски", items["ra-03"]["abbreviatedStatement"])
	require.Equal(t, "Описание", items["ra-03"]["fullStatement"])
	require.Equal(t, "с заметкой", items["ra-03"]["notes"])
	// a UUID code is the identifier, without humanCodingScheme
	require.Equal(t, "0e3f5c1a-9b7d-4c2e-8f10-1234567890ab", items["hr"]["identifier"])
	require.NotContains(t, items["hr"], "humanCodingScheme")

	types := map[string]int{}
	for _, a := range p.CFAssociations {
		types[a["associationType"].(string)]++
		if a["associationType"] == "exactMatchOf" {
			require.Equal(t, "5b6c487e-04f1-5ba9-9722-d099849b9167", a["destinationNodeURI"].(map[string]any)["identifier"])
		}
		if a["associationType"] == "isChildOf" && a["originNodeURI"].(map[string]any)["identifier"] == ra01["identifier"] {
			require.Equal(t, 2.0, a["sequenceNumber"])
		}
	}
	require.Equal(t, map[string]int{"isChildOf": 6, "exactMatchOf": 1, "ext:alignsWith": 1, "ext:isChildOf": 1}, types)
}

func TestExportIsDeterministic(t *testing.T) {
	f, cs := sample()
	a := export(t, f, cs, ExportOptions{Now: stamp})
	rev := append([]*curricula.Competency(nil), cs...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	b := export(t, f, rev, ExportOptions{Now: stamp})
	require.Equal(t, string(a), string(b))
	require.Contains(t, string(a), "urn:uuid:"+naming.UUID5("frameworks/ibm-2024"))
}

func TestExportRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency
		want   string
	}{
		{"invalid framework", func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency {
			f.Version = ""
			return cs
		}, "version: is required"},
		{"invalid competency", func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency {
			cs[0].Title = nil
			return cs
		}, "title: is required"},
		{"other framework", func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency {
			cs[0].Name = "frameworks/other/competencies/risk"
			return cs
		}, "is not a competency of frameworks/ibm-2024"},
		{"missing parent", func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency {
			return cs[1:]
		}, `the parent "risk"`},
		{"listed twice", func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency {
			return append(cs, cs[0])
		}, "is listed twice"},
		{"cycle", func(f *curricula.Framework, cs []*curricula.Competency) []*curricula.Competency {
			cs[0].Parent = "ra-02"
			return cs
		}, "make a cycle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, cs := sample()
			cs = tc.change(f, cs)
			var b bytes.Buffer
			err := Export(&b, f, cs, ExportOptions{})
			require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
			require.Contains(t, err.Error(), tc.want)
			require.Zero(t, b.Len(), "nothing is written")
		})
	}
	require.Error(t, Export(&bytes.Buffer{}, nil, nil, ExportOptions{}))
}

func TestAssociationType(t *testing.T) {
	for in, want := range map[string]string{
		"exactMatchOf": "exactMatchOf", "isRelatedTo": "isRelatedTo", "isChildOf": "ext:isChildOf",
		"ext:custom": "ext:custom", "same as": "ext:same_as", "": "ext:crosswalk", "ext:": "ext:crosswalk",
	} {
		require.Equal(t, want, associationType(in), in)
		require.True(t, strings.HasPrefix(want, "ext:") || caseTypes[want])
	}
}
