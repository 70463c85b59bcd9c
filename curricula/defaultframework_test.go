package curricula

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

func TestDefaultFrameworkRecord(t *testing.T) {
	fw, _, err := DefaultFramework()
	require.NoError(t, err)
	require.Equal(t, FrameworkName(DefaultFrameworkID), fw.Name)
	require.Equal(t, "2026.1", fw.Version)
	require.Equal(t, FrameworkPublished, fw.State)
	require.Equal(t, "Concord default framework (community-maintained)", fw.Publisher)
	require.Equal(t, []string{"en", "ru", "fr", "ar", "fa"}, fw.Languages)
	require.NoError(t, fw.Validate())
}

func TestDefaultFrameworkTree(t *testing.T) {
	_, comps, err := DefaultFramework()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(comps), 60)
	require.LessOrEqual(t, len(comps), 120)

	codes := map[string]bool{}
	byID := map[string]*Competency{}
	siblings := map[string][]int{}
	for i, c := range comps {
		require.NoError(t, c.Validate(), c.Code)
		require.False(t, codes[c.Code], "code %s repeated", c.Code)
		codes[c.Code] = true
		id, ok := CodeToID(c.Code)
		require.True(t, ok)
		require.Equal(t, CompetencyName(DefaultFrameworkID, id), c.Name)
		if c.Parent != "" {
			p, ok := byID[c.Parent]
			require.True(t, ok, "%s: parent %s missing or listed after it (index %d)", c.Code, c.Parent, i)
			require.Empty(t, p.Parent, "%s: tree deeper than two levels", c.Code)
			require.True(t, strings.HasPrefix(c.Code, p.Code+"-"), "%s under %s", c.Code, p.Code)
		}
		byID[c.ID()] = c
		siblings[c.Parent] = append(siblings[c.Parent], c.Order)
	}
	for parent, orders := range siblings {
		for i, o := range orders {
			require.Equal(t, i+1, o, "order of child %d of %q", i, parent)
		}
	}
	areas := siblings[""]
	require.Len(t, areas, 14)
	require.Len(t, Leaves(comps), len(comps)-len(areas))
}

func TestDefaultFrameworkOutline(t *testing.T) {
	_, comps, err := DefaultFramework()
	require.NoError(t, err)
	byCode := ByCode(comps)
	for _, tc := range []struct{ code, parent string }{
		{"GOV", ""}, {"GOV-01", "gov"}, {"BC-04", "bc"}, {"RA-01", "ra"},
		{"CUS-09", "cus"}, {"CBC-01", "cbc"}, {"COOP-07", "coop"}, {"HR-07", "hr"},
	} {
		c, ok := byCode[tc.code]
		require.True(t, ok, tc.code)
		require.Equal(t, tc.parent, c.Parent, tc.code)
	}
	require.Equal(t, "gov", comps[0].ID())
	require.Equal(t, "hr-07", comps[len(comps)-1].ID())
}

func TestDefaultFrameworkReturnsCopies(t *testing.T) {
	fw, comps, err := DefaultFramework()
	require.NoError(t, err)
	fw.Title["en"] = "changed"
	fw.Languages[0] = "xx"
	comps[0].Title["en"] = "changed"
	comps[0].Code = "CHANGED"
	comps[1].Pillars = append(comps[1].Pillars[:0], PillarInternational)
	comps = comps[:1]

	fw2, comps2, err := DefaultFramework()
	require.NoError(t, err)
	require.NotEqual(t, "changed", fw2.Title["en"])
	require.Equal(t, "en", fw2.Languages[0])
	require.NotEqual(t, "changed", comps2[0].Title["en"])
	require.Equal(t, "GOV", comps2[0].Code)
	require.Greater(t, len(comps2), len(comps))
}

func TestParseFrameworkRejects(t *testing.T) {
	const fw = `"framework": {"id": "f", "version": "1", "state": "draft", "title": {"en": "F"}}`
	for _, tc := range []struct {
		name, comps, field string
	}{
		{"duplicate code", `{"code": "A", "title": {"en": "a"}}, {"code": "A", "title": {"en": "b"}}`, "competencies[1].code"},
		{"same ID", `{"code": "A-1", "title": {"en": "a"}}, {"code": "a.1", "title": {"en": "b"}}`, "competencies[1].code"},
		{"missing parent", `{"code": "A", "title": {"en": "a"}}, {"code": "B", "parent": "X", "title": {"en": "b"}}`, "competencies[1].parent"},
		{"cycle", `{"code": "A", "parent": "B", "title": {"en": "a"}}, {"code": "B", "parent": "A", "title": {"en": "b"}}`, "competencies[0].parent"},
		{"own parent", `{"code": "A", "parent": "A", "title": {"en": "a"}}`, "competencies[0].parent"},
		{"no title", `{"code": "A"}`, "competencies[0].title"},
		{"bad pillar", `{"code": "A", "title": {"en": "a"}, "pillars": ["outer-space"]}`, "competencies[0].pillars[0]"},
		{"bad code", `{"code": "Ä", "title": {"en": "a"}}`, "competencies[0].code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFramework([]byte(`{` + fw + `, "competencies": [` + tc.comps + `]}`))
			require.Error(t, err)
			require.Equal(t, EINVALID, ErrorCode(err))
			var fields []string
			for _, v := range err.(*Error).Violations {
				fields = append(fields, v.Field)
			}
			require.Contains(t, fields, tc.field, err.Error())
		})
	}
}

func TestParseFrameworkRejectsShape(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"not JSON", `{`},
		{"unknown field", `{"framework": {"id": "f", "colour": "red"}, "competencies": []}`},
		{"bad framework ID", `{"framework": {"id": "F F"}, "competencies": []}`},
		{"bad framework state", `{"framework": {"id": "f", "version": "1", "state": "done", "title": {"en": "F"}}, "competencies": []}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFramework([]byte(tc.data))
			require.Equal(t, EINVALID, ErrorCode(err), "%v", err)
		})
	}
}

func TestParseFrameworkOrdersParentsFirst(t *testing.T) {
	p, err := parseFramework([]byte(`{"framework": {"id": "f", "version": "1", "state": "draft", "title": {"en": "F"}},
		"competencies": [
			{"code": "B-1", "parent": "B", "title": {"en": "b1"}},
			{"code": "A", "title": {"en": "a"}},
			{"code": "B", "title": {"en": "b"}},
			{"code": "B-2", "parent": "B", "title": {"en": "b2"}},
			{"code": "A-1", "parent": "A", "title": {"en": "a1"}}]}`))
	require.NoError(t, err)
	var got []string
	for _, c := range p.competencies {
		got = append(got, c.Code)
	}
	require.Equal(t, []string{"A", "A-1", "B", "B-1", "B-2"}, got)
	require.Equal(t, "frameworks/f/competencies/b-2", p.competencies[4].Name)
	require.Equal(t, "b", p.competencies[4].Parent)
	require.Equal(t, 2, p.competencies[4].Order)
}

// languageChecks says what a text in each of the framework's languages must
// look like: written in its script, and for ar and fa with that language's
// own letters (Persian ی and ک, not Arabic ي and ك, and the other way round).
var languageChecks = []struct {
	lang      string
	script    *unicode.RangeTable
	forbidden string
}{
	{"en", unicode.Latin, ""},
	{"ru", unicode.Cyrillic, ""},
	{"fr", unicode.Latin, ""},
	{"ar", unicode.Arabic, "\u06cc\u06a9\u067e\u0686\u0698\u06af"},
	{"fa", unicode.Arabic, "\u064a\u0643"},
}

func hasScript(s string, t *unicode.RangeTable) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(t, r) }) >= 0
}

func TestDefaultFrameworkTitles(t *testing.T) {
	fw, comps, err := DefaultFramework()
	require.NoError(t, err)
	texts := map[string]Text{"framework.title": fw.Title, "framework.description": fw.Description}
	for _, c := range comps {
		texts[c.Code+".title"] = c.Title
	}
	for _, lc := range languageChecks {
		t.Run(lc.lang, func(t *testing.T) {
			for what, text := range texts {
				s := text[lc.lang]
				require.NotEmpty(t, strings.TrimSpace(s), "%s has no %s", what, lc.lang)
				require.True(t, hasScript(s, lc.script), "%s[%s] = %q is not in the expected script", what, lc.lang, s)
				if lc.forbidden != "" {
					require.False(t, strings.ContainsAny(s, lc.forbidden), "%s[%s] = %q uses letters of another language", what, lc.lang, s)
				}
				if lc.lang != "en" {
					require.NotEqual(t, strings.ToLower(text["en"]), strings.ToLower(s), "%s[%s] is the English text", what, lc.lang)
				}
			}
		})
	}
}

func TestDefaultFrameworkDescriptions(t *testing.T) {
	_, comps, err := DefaultFramework()
	require.NoError(t, err)
	for _, lc := range languageChecks[:3] { // en, ru, fr
		t.Run(lc.lang, func(t *testing.T) {
			for _, c := range comps {
				s := c.Description[lc.lang]
				require.NotEmpty(t, s, "%s has no %s description", c.Code, lc.lang)
				require.True(t, hasScript(s, lc.script), "%s description[%s] is not in the expected script", c.Code, lc.lang)
				require.NotEqual(t, c.Title[lc.lang], s, "%s description[%s] repeats the title", c.Code, lc.lang)
				if lc.lang != "en" {
					require.NotEqual(t, c.Description["en"], s, "%s description[%s] is the English text", c.Code, lc.lang)
				}
			}
		})
	}
}

func TestDefaultFrameworkTags(t *testing.T) {
	_, comps, err := DefaultFramework()
	require.NoError(t, err)
	byCode := ByCode(comps)
	for _, c := range comps {
		require.NotEmpty(t, c.Pillars, "%s pillars", c.Code)
		require.NotEmpty(t, c.Tiers, "%s tiers", c.Code)
		require.NotEmpty(t, c.Fields, "%s fields", c.Code)
		require.NotEmpty(t, c.Agencies, "%s agencies", c.Code)
	}
	for _, tc := range []struct {
		code     string
		pillar   Pillar
		tier     Tier
		field    Field
		agencies []Agency
	}{
		{"CUS-01", PillarIntraService, TierBorderControl, FieldLegal, []Agency{AgencyCustoms}},
		{"CBC-01", PillarInternational, TierBorderControl, FieldProcedures, []Agency{AgencyBorderGuard, AgencyCustoms, AgencyPolice, AgencyDrugControl}},
		{"COOP-07", PillarInternational, TierThirdCountries, FieldInstitutional, []Agency{AgencyMultiAgency}},
		{"COOP-02", PillarInterAgency, TierBorderControl, FieldProcedures, []Agency{AgencyBorderGuard, AgencyCustoms}},
		{"MIG-02", PillarInterAgency, TierInland, FieldProcedures, []Agency{AgencyMigration, AgencyPolice}},
		{"COOP-04", PillarInternational, TierNeighbours, FieldCommunication, []Agency{AgencyBorderGuard}},
		{"RES-01", PillarInterAgency, TierBorderControl, FieldInfrastructure, []Agency{AgencyMultiAgency}},
		{"HR-02", PillarIntraService, TierBorderControl, FieldHumanResources, []Agency{AgencyMultiAgency}},
	} {
		c := byCode[tc.code]
		require.NotNil(t, c, tc.code)
		require.Contains(t, c.Pillars, tc.pillar, tc.code)
		require.Contains(t, c.Tiers, tc.tier, tc.code)
		require.Contains(t, c.Fields, tc.field, tc.code)
		require.Subset(t, c.Agencies, tc.agencies, tc.code)
	}
	for _, c := range comps {
		if strings.HasPrefix(c.Code, "CUS-") {
			require.Contains(t, c.Agencies, AgencyCustoms, c.Code)
		}
	}
}
