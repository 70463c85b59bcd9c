package curricula_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// violatedFields returns the fields named by a Validate error, in order;
// nil for no error. A non-EINVALID error fails the test.
func violatedFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *curricula.Error
	require.True(t, errors.As(err, &e), "%v is not a *curricula.Error", err)
	require.Equal(t, curricula.EINVALID, e.Code)
	require.NotEmpty(t, e.Violations)
	out := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		require.NotEmpty(t, v.Description, v.Field)
		out[i] = v.Field
	}
	return out
}

// breakage changes one thing in a valid fixture and names the violations
// Validate must report, in order.
type breakage[T any] struct {
	what   string
	break_ func(*T)
	fields []string
}

func checkBreakages[T any](t *testing.T, valid func() *T, validate func(*T) error, cases []breakage[T]) {
	t.Helper()
	require.NoError(t, validate(valid()), "the fixture must be valid")
	for _, tc := range cases {
		t.Run(tc.what, func(t *testing.T) {
			r := valid()
			tc.break_(r)
			require.Equal(t, tc.fields, violatedFields(t, validate(r)))
		})
	}
}

func validFramework() *curricula.Framework {
	return &curricula.Framework{
		Meta:            curricula.Meta{Name: "frameworks/ibm-2026"},
		Title:           curricula.Text{"en": "IBM core", "ru": "Ядро ИУГ"},
		Description:     curricula.Text{"en": "Core competencies"},
		Version:         "2026.1",
		State:           curricula.FrameworkDraft,
		PreviousVersion: "frameworks/ibm-2025",
		Publisher:       "Concord",
		Languages:       []string{"en", "ru", "fa-AF"},
		Source:          "case:uri",
	}
}

func TestFrameworkValidate(t *testing.T) {
	checkBreakages(t, validFramework, (*curricula.Framework).Validate, []breakage[curricula.Framework]{
		{"no name", func(f *curricula.Framework) { f.Name = "" }, []string{"name"}},
		{"name of another kind", func(f *curricula.Framework) { f.Name = "academies/ibm" }, []string{"name"}},
		{"no title", func(f *curricula.Framework) { f.Title = nil }, []string{"title"}},
		{"title in a bad language tag", func(f *curricula.Framework) { f.Title["EN"] = "x" }, []string{"title[EN]"}},
		{"blank title", func(f *curricula.Framework) { f.Title["ru"] = "  " }, []string{"title[ru]"}},
		{"blank description", func(f *curricula.Framework) { f.Description["en"] = "" }, []string{"description[en]"}},
		{"no description is fine", func(f *curricula.Framework) { f.Description = nil }, nil},
		{"no version", func(f *curricula.Framework) { f.Version = "" }, []string{"version"}},
		{"no state", func(f *curricula.Framework) { f.State = "" }, []string{"state"}},
		{"unknown state", func(f *curricula.Framework) { f.State = "open" }, []string{"state"}},
		{"published", func(f *curricula.Framework) { f.State = curricula.FrameworkPublished }, nil},
		{"retired", func(f *curricula.Framework) { f.State = curricula.FrameworkRetired }, nil},
		{"previous version not a name", func(f *curricula.Framework) { f.PreviousVersion = "ibm-2025" }, []string{"previous_version"}},
		{"previous version is itself", func(f *curricula.Framework) { f.PreviousVersion = f.Name }, []string{"previous_version"}},
		{"no previous version is fine", func(f *curricula.Framework) { f.PreviousVersion = "" }, nil},
		{"bad language", func(f *curricula.Framework) { f.Languages = []string{"en", "Russian"} }, []string{"languages[1]"}},
	})
}

func validCompetency() *curricula.Competency {
	return &curricula.Competency{
		Meta:        curricula.Meta{Name: "frameworks/ibm/competencies/ra-01"},
		Code:        "RA-01",
		Title:       curricula.Text{"en": "Risk analysis", "ru": "Анализ рисков"},
		Description: curricula.Text{"en": "CIRAM"},
		Parent:      "ra",
		Order:       1,
		Pillars:     []curricula.Pillar{curricula.PillarIntraService, curricula.PillarInternational},
		Tiers:       []curricula.Tier{curricula.TierBorderControl},
		Fields:      []curricula.Field{curricula.FieldProcedures},
		Agencies:    []curricula.Agency{curricula.AgencyBorderGuard, curricula.AgencyCustoms},
		Replaces:    []string{"frameworks/ibm-v0/competencies/ra-1"},
		Crosswalks:  []curricula.Crosswalk{{Relation: "exactMatchOf", Target: "urn:case:1", Label: "CCC 3.1"}},
	}
}

func TestCompetencyValidate(t *testing.T) {
	checkBreakages(t, validCompetency, (*curricula.Competency).Validate, []breakage[curricula.Competency]{
		{"no name", func(c *curricula.Competency) { c.Name = "" }, []string{"name"}},
		{"framework name", func(c *curricula.Competency) { c.Name = "frameworks/ibm" }, []string{"name"}},
		{"no code", func(c *curricula.Competency) { c.Code = "" }, []string{"code"}},
		{"code starts with a hyphen", func(c *curricula.Competency) { c.Code = "-RA" }, []string{"code"}},
		{"code with a space", func(c *curricula.Competency) { c.Code = "RA 01" }, []string{"code"}},
		{"code of 40 characters", func(c *curricula.Competency) { c.Code = strings.Repeat("A", 40) }, nil},
		{"code of 41 characters", func(c *curricula.Competency) { c.Code = strings.Repeat("A", 41) }, []string{"code"}},
		{"cyrillic code", func(c *curricula.Competency) { c.Code = "АР-1.2/б" }, nil},
		{"no title", func(c *curricula.Competency) { c.Title = curricula.Text{} }, []string{"title"}},
		{"bad description language", func(c *curricula.Competency) { c.Description = curricula.Text{"english": "x"} }, []string{"description[english]"}},
		{"parent not an ID", func(c *curricula.Competency) { c.Parent = "RA" }, []string{"parent"}},
		{"own parent", func(c *curricula.Competency) { c.Parent = "ra-01" }, []string{"parent"}},
		{"no parent is fine", func(c *curricula.Competency) { c.Parent = "" }, nil},
		{"unknown pillar", func(c *curricula.Competency) { c.Pillars[1] = "global" }, []string{"pillars[1]"}},
		{"repeated pillar", func(c *curricula.Competency) { c.Pillars[1] = c.Pillars[0] }, []string{"pillars[1]"}},
		{"empty tier", func(c *curricula.Competency) { c.Tiers[0] = "" }, []string{"tiers[0]"}},
		{"unknown field", func(c *curricula.Competency) { c.Fields = append(c.Fields, "weather") }, []string{"fields[1]"}},
		{"repeated agency", func(c *curricula.Competency) { c.Agencies = append(c.Agencies, curricula.AgencyCustoms) }, []string{"agencies[2]"}},
		{"replaces a framework", func(c *curricula.Competency) { c.Replaces[0] = "frameworks/ibm-v0" }, []string{"replaces[0]"}},
		{"crosswalk without relation", func(c *curricula.Competency) { c.Crosswalks[0].Relation = "" }, []string{"crosswalks[0].relation"}},
		{"crosswalk without target", func(c *curricula.Competency) {
			c.Crosswalks = append(c.Crosswalks, curricula.Crosswalk{Relation: "isRelatedTo"})
		}, []string{"crosswalks[1].target"}},
	})
	c := validCompetency()
	require.Equal(t, "ra-01", c.ID())
	c.Name = "bogus"
	require.Equal(t, "", c.ID())
}

func validAcademy() *curricula.Academy {
	return &curricula.Academy{
		Meta:        curricula.Meta{Name: "academies/kz-border-academy"},
		DisplayName: "Border Academy of the NSC of Kazakhstan",
		Country:     "KZ",
		Agency:      curricula.AgencyBorderGuard,
		Languages:   []string{"kk", "ru"},
		City:        "Almaty",
		Website:     "https://example.kz",
	}
}

func TestAcademyValidate(t *testing.T) {
	checkBreakages(t, validAcademy, (*curricula.Academy).Validate, []breakage[curricula.Academy]{
		{"no name", func(a *curricula.Academy) { a.Name = "" }, []string{"name"}},
		{"upper-case id", func(a *curricula.Academy) { a.Name = "academies/KZ" }, []string{"name"}},
		{"no display name", func(a *curricula.Academy) { a.DisplayName = "" }, []string{"display_name"}},
		{"lower-case country", func(a *curricula.Academy) { a.Country = "kz" }, []string{"country"}},
		{"alpha-3 country", func(a *curricula.Academy) { a.Country = "KAZ" }, []string{"country"}},
		{"no country", func(a *curricula.Academy) { a.Country = "" }, []string{"country"}},
		{"no agency", func(a *curricula.Academy) { a.Agency = "" }, []string{"agency"}},
		{"unknown agency", func(a *curricula.Academy) { a.Agency = "army" }, []string{"agency"}},
		{"bad language", func(a *curricula.Academy) { a.Languages[1] = "RU" }, []string{"languages[1]"}},
		{"two faults", func(a *curricula.Academy) { a.DisplayName, a.Country = "", "K" }, []string{"display_name", "country"}},
	})
}

func validCurriculum() *curricula.Curriculum {
	return &curricula.Curriculum{
		Meta:        curricula.Meta{Name: "academies/kz/curricula/basic-2024"},
		Title:       "Basic border guard course",
		Description: "Initial training",
		Level:       curricula.LevelBasic,
		Language:    "ru",
		Framework:   "frameworks/ibm-core",
		State:       curricula.CurriculumActive,
		Edition:     "2024",
		Supersedes:  "academies/kz/curricula/basic-2020",
	}
}

func TestCurriculumValidate(t *testing.T) {
	checkBreakages(t, validCurriculum, (*curricula.Curriculum).Validate, []breakage[curricula.Curriculum]{
		{"academy name", func(c *curricula.Curriculum) { c.Name = "academies/kz" }, []string{"name"}},
		{"no title", func(c *curricula.Curriculum) { c.Title = "" }, []string{"title"}},
		{"no level", func(c *curricula.Curriculum) { c.Level = "" }, []string{"level"}},
		{"unknown level", func(c *curricula.Curriculum) { c.Level = "expert" }, []string{"level"}},
		{"no language", func(c *curricula.Curriculum) { c.Language = "" }, []string{"language"}},
		{"bad language", func(c *curricula.Curriculum) { c.Language = "Russian" }, []string{"language"}},
		{"framework ID instead of name", func(c *curricula.Curriculum) { c.Framework = "ibm-core" }, []string{"framework"}},
		{"no framework", func(c *curricula.Curriculum) { c.Framework = "" }, []string{"framework"}},
		{"no state", func(c *curricula.Curriculum) { c.State = "" }, []string{"state"}},
		{"unknown state", func(c *curricula.Curriculum) { c.State = "published" }, []string{"state"}},
		{"supersedes a module", func(c *curricula.Curriculum) { c.Supersedes = "academies/kz/curricula/b/modules/m" }, []string{"supersedes"}},
		{"supersedes itself", func(c *curricula.Curriculum) { c.Supersedes = c.Name }, []string{"supersedes"}},
		{"supersedes nothing", func(c *curricula.Curriculum) { c.Supersedes = "" }, nil},
	})
}

func validModule() *curricula.Module {
	return &curricula.Module{
		Meta:        curricula.Meta{Name: "academies/kz/curricula/basic-2024/modules/m1"},
		Code:        "M1",
		Title:       "Risk analysis at the border",
		Description: "CIRAM in practice",
		Outcomes:    []string{"apply CIRAM", "write a risk profile"},
		Language:    "ru",
		Hours:       40,
		Credits:     2,
		Delivery:    curricula.DeliveryBlended,
		Assessment:  "exam",
		Restricted:  true,
		Alignments: []curricula.Alignment{
			{Competency: "ra-01", Depth: curricula.DepthMastered, Hours: 24},
			{Competency: "ra-02", Depth: curricula.DepthIntroduced},
			{Competency: "hr-03", Depth: curricula.DepthReinforced, Hours: 16},
		},
	}
}

func TestModuleValidate(t *testing.T) {
	checkBreakages(t, validModule, (*curricula.Module).Validate, []breakage[curricula.Module]{
		{"curriculum name", func(m *curricula.Module) { m.Name = "academies/kz/curricula/basic-2024" }, []string{"name"}},
		{"no code", func(m *curricula.Module) { m.Code = "" }, []string{"code"}},
		{"no title", func(m *curricula.Module) { m.Title = "" }, []string{"title"}},
		{"no language is fine", func(m *curricula.Module) { m.Language = "" }, nil},
		{"bad language", func(m *curricula.Module) { m.Language = "RU" }, []string{"language"}},
		{"negative hours", func(m *curricula.Module) { m.Hours = -1 }, []string{"hours"}},
		{"negative hours without alignments", func(m *curricula.Module) { m.Hours, m.Alignments = -1, nil }, []string{"hours"}},
		{"NaN hours", func(m *curricula.Module) { m.Hours = math.NaN() }, []string{"hours"}},
		{"infinite hours", func(m *curricula.Module) { m.Hours = math.Inf(1) }, []string{"hours"}},
		{"hours at the maximum", func(m *curricula.Module) { m.Hours = curricula.MaxModuleHours }, nil},
		{"hours above the maximum", func(m *curricula.Module) { m.Hours = curricula.MaxModuleHours + 0.5 }, []string{"hours"}},
		{"zero hours without alignment hours", func(m *curricula.Module) { m.Hours, m.Alignments = 0, m.Alignments[1:2] }, nil},
		{"negative credits", func(m *curricula.Module) { m.Credits = -0.5 }, []string{"credits"}},
		{"too many credits", func(m *curricula.Module) { m.Credits = 201 }, []string{"credits"}},
		{"NaN credits", func(m *curricula.Module) { m.Credits = math.NaN() }, []string{"credits"}},
		{"no delivery is fine", func(m *curricula.Module) { m.Delivery = "" }, nil},
		{"unknown delivery", func(m *curricula.Module) { m.Delivery = "webinar" }, []string{"delivery"}},
		{"empty outcome", func(m *curricula.Module) { m.Outcomes[1] = "" }, []string{"outcomes[1]"}},
		{"competency not an ID", func(m *curricula.Module) { m.Alignments[0].Competency = "RA-01" }, []string{"alignments[0].competency"}},
		{"competency name instead of ID", func(m *curricula.Module) { m.Alignments[2].Competency = "frameworks/ibm/competencies/hr-03" }, []string{"alignments[2].competency"}},
		{"duplicate alignment", func(m *curricula.Module) { m.Alignments[1].Competency = "ra-01" }, []string{"alignments[1].competency"}},
		{"no depth", func(m *curricula.Module) { m.Alignments[1].Depth = curricula.DepthNone }, []string{"alignments[1].depth"}},
		{"depth out of range", func(m *curricula.Module) { m.Alignments[0].Depth = 4 }, []string{"alignments[0].depth"}},
		{"negative alignment hours", func(m *curricula.Module) { m.Alignments[2].Hours = -1 }, []string{"alignments[2].hours"}},
		{"NaN alignment hours", func(m *curricula.Module) { m.Alignments[0].Hours = math.NaN() }, []string{"alignments[0].hours"}},
		{"infinite alignment hours", func(m *curricula.Module) { m.Alignments[0].Hours = math.Inf(1) }, []string{"alignments[0].hours"}},
		{"aligned hours equal module hours", func(m *curricula.Module) { m.Alignments[1].Hours = 0 }, nil},
		{"aligned hours above module hours", func(m *curricula.Module) { m.Alignments[1].Hours = 0.5 }, []string{"alignments"}},
		{"aligned hours above reduced module hours", func(m *curricula.Module) { m.Hours = 39 }, []string{"alignments"}},
	})
}

func validProgramme() *curricula.Programme {
	return &curricula.Programme{
		Meta:        curricula.Meta{Name: "programmes/central-asia"},
		Title:       "Central Asian border academies",
		Description: "Five academies",
		Framework:   "frameworks/ibm-core",
		Members:     []string{"academies/kz/curricula/basic", "academies/kg/curricula/basic"},
		Targets: curricula.Targets{
			RequiredCompetencies: []string{"ra-01", "hr-02"},
			MinDepth:             curricula.DepthReinforced,
			MinHours:             4,
			Overrides:            []curricula.TargetOverride{{Competency: "ra-01", MinDepth: curricula.DepthMastered, MinHours: 8}, {Competency: "gov-01"}},
		},
	}
}

func TestProgrammeValidate(t *testing.T) {
	checkBreakages(t, validProgramme, (*curricula.Programme).Validate, []breakage[curricula.Programme]{
		{"snapshot name", func(p *curricula.Programme) { p.Name = "programmes/ca/snapshots/s" }, []string{"name"}},
		{"no title", func(p *curricula.Programme) { p.Title = "" }, []string{"title"}},
		{"framework ID", func(p *curricula.Programme) { p.Framework = "ibm-core" }, []string{"framework"}},
		{"no members is fine", func(p *curricula.Programme) { p.Members = nil }, nil},
		{"member is an academy", func(p *curricula.Programme) { p.Members[0] = "academies/kz" }, []string{"members[0]"}},
		{"duplicate member", func(p *curricula.Programme) { p.Members[1] = p.Members[0] }, []string{"members[1]"}},
		{"no targets is fine", func(p *curricula.Programme) { p.Targets = curricula.Targets{} }, nil},
		{"min depth out of range", func(p *curricula.Programme) { p.Targets.MinDepth = 5 }, []string{"targets.min_depth"}},
		{"negative min hours", func(p *curricula.Programme) { p.Targets.MinHours = -2 }, []string{"targets.min_hours"}},
		{"NaN min hours", func(p *curricula.Programme) { p.Targets.MinHours = math.NaN() }, []string{"targets.min_hours"}},
		{"required competency not an ID", func(p *curricula.Programme) { p.Targets.RequiredCompetencies[0] = "RA-01" }, []string{"targets.required_competencies[0]"}},
		{"required competency twice", func(p *curricula.Programme) { p.Targets.RequiredCompetencies[1] = "ra-01" }, []string{"targets.required_competencies[1]"}},
		{"override not an ID", func(p *curricula.Programme) { p.Targets.Overrides[1].Competency = "" }, []string{"targets.overrides[1].competency"}},
		{"override twice", func(p *curricula.Programme) { p.Targets.Overrides[1].Competency = "ra-01" }, []string{"targets.overrides[1].competency"}},
		{"override depth out of range", func(p *curricula.Programme) { p.Targets.Overrides[0].MinDepth = -1 }, []string{"targets.overrides[0].min_depth"}},
		{"override hours too high", func(p *curricula.Programme) { p.Targets.Overrides[0].MinHours = 2001 }, []string{"targets.overrides[0].min_hours"}},
	})
}

func TestValidateMessages(t *testing.T) {
	m := validModule()
	m.Alignments[1].Competency = "ra-01"
	require.EqualError(t, m.Validate(), `invalid argument: alignments[1].competency: "ra-01" is already aligned in alignments[0]`)

	m = validModule()
	m.Hours = 30
	require.EqualError(t, m.Validate(), `invalid argument: alignments: aligned hours (40) exceed the module's hours (30)`)

	f := validFramework()
	f.PreviousVersion = f.Name
	require.EqualError(t, f.Validate(), `invalid argument: previous_version: cannot name the framework itself`)

	a := validAcademy()
	a.Country = "kz"
	require.EqualError(t, a.Validate(), `invalid argument: country: "kz" is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. KZ)`)

	c := validCompetency()
	c.Agencies = []curricula.Agency{"army"}
	require.EqualError(t, c.Validate(), `invalid argument: agencies[0]: "army" is not one of border-guard, customs, police, migration, drug-control, multi-agency`)

	cur := validCurriculum()
	cur.Level = ""
	require.EqualError(t, cur.Validate(), `invalid argument: level: is required (one of basic, advanced, specialised, management)`)

	p := validProgramme()
	p.Members[1] = p.Members[0]
	require.EqualError(t, p.Validate(), `invalid argument: members[1]: "academies/kz/curricula/basic" is listed twice`)
}
