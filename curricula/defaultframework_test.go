package curricula

import (
	"strings"
	"testing"

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
