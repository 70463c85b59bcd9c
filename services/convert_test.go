package services

import (
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

var (
	convCreated = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	convUpdated = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
)

func convMeta(name string) curricula.Meta {
	return curricula.Meta{Name: name, Revision: 37, CreateTime: convCreated, UpdateTime: convUpdated}
}

// stripped is what a *FromProto conversion can give back: the name, no
// revision or times (the store owns those).
func stripped(m curricula.Meta) curricula.Meta { return curricula.Meta{Name: m.Name} }

// requireOutputFields checks the output-only fields every message carries.
func requireOutputFields(t *testing.T, name string, p interface {
	GetName() string
	GetEtag() string
}, create, update interface{ AsTime() time.Time }) {
	t.Helper()
	require.Equal(t, name, p.GetName())
	require.Equal(t, `"11"`, p.GetEtag()) // revision 37 in base 36
	require.Equal(t, convCreated, create.AsTime())
	require.Equal(t, convUpdated, update.AsTime())
}

func TestConvertFrameworkRoundTrip(t *testing.T) {
	for _, state := range []curricula.FrameworkState{curricula.FrameworkDraft, curricula.FrameworkPublished, curricula.FrameworkRetired} {
		f := &curricula.Framework{
			Meta:            convMeta("frameworks/ibm-2026"),
			Title:           curricula.Text{"en": "IBM", "ru": "ИУГ"},
			Description:     curricula.Text{"fr": "Cadre"},
			Version:         "2026.1",
			State:           state,
			PreviousVersion: "frameworks/ibm-2025",
			Publisher:       "Concord",
			Languages:       []string{"en", "ru"},
			Source:          "case:doc",
		}
		p := frameworkToProto(f)
		requireOutputFields(t, f.Name, p, p.GetCreateTime(), p.GetUpdateTime())
		require.NotEqual(t, pb.Framework_STATE_UNSPECIFIED, p.GetState())
		back, vs := frameworkFromProto(p)
		require.Empty(t, vs)
		want := *f
		want.Meta = stripped(f.Meta)
		require.Equal(t, &want, back)
	}
	require.Equal(t, pb.Framework_PUBLISHED, frameworkToProto(&curricula.Framework{State: curricula.FrameworkPublished}).GetState())
	// An unspecified state becomes the empty state, which validation rejects.
	back, _ := frameworkFromProto(&pb.Framework{})
	require.Equal(t, curricula.FrameworkState(""), back.State)
}

func TestConvertCompetencyRoundTrip(t *testing.T) {
	c := &curricula.Competency{
		Meta:        convMeta("frameworks/ibm/competencies/ra-01"),
		Code:        "RA-01",
		Title:       curricula.Text{"en": "Risk analysis"},
		Description: curricula.Text{"ru": "Анализ"},
		Parent:      "ra",
		Order:       3,
		Pillars:     []curricula.Pillar{curricula.PillarInterAgency},
		Tiers:       []curricula.Tier{curricula.TierThirdCountries, curricula.TierInland},
		Fields:      []curricula.Field{curricula.FieldLegal},
		Agencies:    []curricula.Agency{curricula.AgencyPolice},
		Replaces:    []string{"frameworks/ibm-v0/competencies/ra-1"},
		Crosswalks:  []curricula.Crosswalk{{Relation: "exactMatchOf", Target: "urn:x", Label: "X"}, {Relation: "isRelatedTo", Target: "urn:y"}},
	}
	p := competencyToProto(c)
	requireOutputFields(t, c.Name, p, p.GetCreateTime(), p.GetUpdateTime())
	require.Equal(t, "frameworks/ibm/competencies/ra", p.GetParentCompetency())
	require.Equal(t, []string{"third-countries", "within-country"}, p.GetTiers())
	back, vs := competencyFromProto(p, c.Name)
	require.Empty(t, vs)
	want := *c
	want.Meta = stripped(c.Meta)
	require.Equal(t, &want, back)

	// A top-level competency has no parent name.
	c.Parent = ""
	require.Equal(t, "", competencyToProto(c).GetParentCompetency())
}

func TestConvertCompetencyParentViolations(t *testing.T) {
	for _, tc := range []struct {
		parent, desc string
	}{
		{"frameworks/other/competencies/ra", "belongs to frameworks/other, not to frameworks/ibm"},
		{"ra", `"ra" is not a competency name`},
		{"frameworks/ibm", `"frameworks/ibm" is not a competency name`},
	} {
		_, vs := competencyFromProto(&pb.Competency{Code: "X", ParentCompetency: tc.parent}, "frameworks/ibm/competencies/x")
		require.Len(t, vs, 1, tc.parent)
		require.Equal(t, "parent_competency", vs[0].Field)
		require.Contains(t, vs[0].Description, tc.desc)
	}
}

func TestConvertAcademyAndCurriculumRoundTrip(t *testing.T) {
	a := &curricula.Academy{
		Meta:        convMeta("academies/kz"),
		DisplayName: "Border Academy",
		Country:     "KZ",
		Agency:      curricula.AgencyBorderGuard,
		Languages:   []string{"kk", "ru"},
		City:        "Almaty",
		Website:     "https://example.kz",
	}
	pa := academyToProto(a)
	requireOutputFields(t, a.Name, pa, pa.GetCreateTime(), pa.GetUpdateTime())
	backA, vs := academyFromProto(pa)
	require.Empty(t, vs)
	wantA := *a
	wantA.Meta = stripped(a.Meta)
	require.Equal(t, &wantA, backA)

	for _, level := range curricula.Levels {
		for _, state := range []curricula.CurriculumState{curricula.CurriculumDraft, curricula.CurriculumActive, curricula.CurriculumRetired} {
			c := &curricula.Curriculum{
				Meta:        convMeta("academies/kz/curricula/basic-2024"),
				Title:       "Basic",
				Description: "Initial training",
				Level:       level,
				Language:    "ru",
				Framework:   "frameworks/ibm-core",
				State:       state,
				Edition:     "2024",
				Supersedes:  "academies/kz/curricula/basic-2020",
			}
			pc := curriculumToProto(c)
			requireOutputFields(t, c.Name, pc, pc.GetCreateTime(), pc.GetUpdateTime())
			require.NotEqual(t, pb.Curriculum_LEVEL_UNSPECIFIED, pc.GetLevel())
			require.NotEqual(t, pb.Curriculum_STATE_UNSPECIFIED, pc.GetState())
			backC, vs := curriculumFromProto(pc)
			require.Empty(t, vs)
			wantC := *c
			wantC.Meta = stripped(c.Meta)
			require.Equal(t, &wantC, backC)
		}
	}
}

func TestConvertModuleRoundTrip(t *testing.T) {
	for _, delivery := range append(curricula.Deliveries, "") {
		m := &curricula.Module{
			Meta:        convMeta("academies/kz/curricula/basic/modules/m1"),
			Code:        "M1",
			Title:       "Risk",
			Description: "CIRAM",
			Outcomes:    []string{"apply", "report"},
			Language:    "ru",
			Hours:       40,
			Credits:     1.5,
			Delivery:    delivery,
			Assessment:  "exam",
			Restricted:  true,
			Alignments: []curricula.Alignment{
				{Competency: "ra-01", Depth: curricula.DepthMastered, Hours: 24},
				{Competency: "hr-02", Depth: curricula.DepthIntroduced},
				{Competency: "gov-03", Depth: curricula.DepthReinforced, Hours: 0.5},
			},
		}
		p := moduleToProto(m, "frameworks/ibm-core")
		requireOutputFields(t, m.Name, p, p.GetCreateTime(), p.GetUpdateTime())
		require.Equal(t, "frameworks/ibm-core/competencies/ra-01", p.GetAlignments()[0].GetCompetency())
		require.Equal(t, pb.Depth_MASTERED, p.GetAlignments()[0].GetDepth())
		require.Equal(t, "frameworks/ibm-core/competencies/hr-02", p.GetAlignments()[1].GetCompetency())
		require.Equal(t, pb.Depth_INTRODUCED, p.GetAlignments()[1].GetDepth())
		require.Equal(t, pb.Depth_REINFORCED, p.GetAlignments()[2].GetDepth())
		back, vs := moduleFromProto(p, "frameworks/ibm-core")
		require.Empty(t, vs)
		want := *m
		want.Meta = stripped(m.Meta)
		require.Equal(t, &want, back)
	}
}

func TestConvertModuleAlignmentViolations(t *testing.T) {
	p := &pb.Module{Code: "M1", Alignments: []*pb.Alignment{
		{Competency: "frameworks/ibm-core/competencies/ra-01", Depth: pb.Depth_MASTERED},
		{Competency: "frameworks/other/competencies/ra-02", Depth: pb.Depth_MASTERED},
		{Competency: "ra-03", Depth: pb.Depth_MASTERED},
		{Competency: "frameworks/ibm-core/competencies/ra-04"}, // depth unspecified: Validate's job
	}}
	m, vs := moduleFromProto(p, "frameworks/ibm-core")
	require.Equal(t, curricula.Violations{
		{Field: "alignments[1].competency", Description: "belongs to frameworks/other, not to frameworks/ibm-core"},
		{Field: "alignments[2].competency", Description: `"ra-03" is not a competency name (frameworks/{framework}/competencies/{competency})`},
	}, vs)
	require.Equal(t, []curricula.Alignment{
		{Competency: "ra-01", Depth: curricula.DepthMastered},
		{Competency: "ra-02", Depth: curricula.DepthMastered},
		{Competency: "", Depth: curricula.DepthMastered},
		{Competency: "ra-04", Depth: curricula.DepthNone},
	}, m.Alignments)
}

func TestConvertProgrammeRoundTrip(t *testing.T) {
	p := &curricula.Programme{
		Meta:        convMeta("programmes/ca"),
		Title:       "Central Asia",
		Description: "Five academies",
		Framework:   "frameworks/ibm-core",
		Members:     []string{"academies/kz/curricula/basic", "academies/kg/curricula/basic"},
		Targets: curricula.Targets{
			RequiredCompetencies: []string{"ra-01", "hr-02"},
			MinDepth:             curricula.DepthReinforced,
			MinHours:             4,
			Overrides: []curricula.TargetOverride{
				{Competency: "ra-01", MinDepth: curricula.DepthMastered, MinHours: 8},
				{Competency: "gov-01", MinHours: 2},
			},
		},
	}
	pp := programmeToProto(p)
	requireOutputFields(t, p.Name, pp, pp.GetCreateTime(), pp.GetUpdateTime())
	require.Equal(t, []string{"frameworks/ibm-core/competencies/ra-01", "frameworks/ibm-core/competencies/hr-02"}, pp.GetTargets().GetRequiredCompetencies())
	require.Equal(t, "frameworks/ibm-core/competencies/gov-01", pp.GetTargets().GetOverrides()[1].GetCompetency())
	require.Equal(t, pb.Depth_DEPTH_UNSPECIFIED, pp.GetTargets().GetOverrides()[1].GetMinDepth())
	require.Equal(t, pb.Depth_REINFORCED, pp.GetTargets().GetMinDepth())
	back, vs := programmeFromProto(pp)
	require.Empty(t, vs)
	want := *p
	want.Meta = stripped(p.Meta)
	require.Equal(t, &want, back)

	// Targets pointing into another framework.
	pp.Targets.RequiredCompetencies[1] = "frameworks/other/competencies/hr-02"
	pp.Targets.Overrides[0].Competency = "ra-01"
	_, vs = programmeFromProto(pp)
	require.Equal(t, []string{"targets.required_competencies[1]", "targets.overrides[0].competency"}, fieldsOfViolations(vs))

	// No targets at all.
	back, vs = programmeFromProto(&pb.Programme{Name: "programmes/x", Framework: "frameworks/f"})
	require.Empty(t, vs)
	require.Equal(t, curricula.Targets{}, back.Targets)
}

func TestConvertZeroTimesAndEtag(t *testing.T) {
	p := academyToProto(&curricula.Academy{Meta: curricula.Meta{Name: "academies/kz"}})
	require.Nil(t, p.GetCreateTime())
	require.Nil(t, p.GetUpdateTime())
	require.Equal(t, "", p.GetEtag())
}

func fieldsOfViolations(vs curricula.Violations) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Field
	}
	return out
}

func TestAPIViolations(t *testing.T) {
	vs := curricula.Violations{{Field: "parent", Description: "d"}, {Field: "code", Description: "e"}}
	require.Equal(t, []string{"parent_competency", "code"}, fieldsOfViolations(apiViolations(curricula.KindCompetency, vs)))
	vs = curricula.Violations{{Field: "parent", Description: "d"}}
	require.Equal(t, []string{"parent"}, fieldsOfViolations(apiViolations(curricula.KindModule, vs)))
	require.Empty(t, apiViolations(curricula.KindCompetency, nil))
}
