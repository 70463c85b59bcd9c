package storagetest

import (
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// The fixtures are valid resources; world checks that with Validate.

func framework(f string) *curricula.Framework {
	return &curricula.Framework{
		Meta:    curricula.Meta{Name: curricula.FrameworkName(f)},
		Title:   curricula.Text{"en": "IBM competencies " + f, "ru": "Компетенции ИУГ " + f},
		Version: "1.0",
		State:   curricula.FrameworkDraft,
	}
}

func competency(f, c string) *curricula.Competency {
	return &curricula.Competency{
		Meta:    curricula.Meta{Name: curricula.CompetencyName(f, c)},
		Code:    strings.ToUpper(c),
		Title:   curricula.Text{"en": "Risk analysis " + c},
		Pillars: []curricula.Pillar{curricula.PillarInterAgency},
	}
}

func academy(a string) *curricula.Academy {
	return &curricula.Academy{
		Meta:        curricula.Meta{Name: curricula.AcademyName(a)},
		DisplayName: "Border academy " + a,
		Country:     "KZ",
		Agency:      curricula.AgencyBorderGuard,
		Languages:   []string{"ru", "kk"},
	}
}

func curriculum(a, c string) *curricula.Curriculum {
	return &curricula.Curriculum{
		Meta:      curricula.Meta{Name: curricula.CurriculumName(a, c)},
		Title:     "Basic border guard training " + c,
		Level:     curricula.LevelBasic,
		Language:  "ru",
		Framework: curricula.FrameworkName("ibm"),
		State:     curricula.CurriculumActive,
	}
}

func module(a, c, m string) *curricula.Module {
	return &curricula.Module{
		Meta:        curricula.Meta{Name: curricula.ModuleName(a, c, m)},
		Code:        strings.ToUpper(m),
		Title:       "Document examination " + m,
		Description: "Detecting forged travel documents at the border crossing point.",
		Outcomes:    []string{"identify security features", "report a suspected forgery"},
		Hours:       40,
		Delivery:    curricula.DeliveryBlended,
		Alignments: []curricula.Alignment{
			{Competency: "ra-01", Depth: curricula.DepthIntroduced, Hours: 10},
			{Competency: "doc-02", Depth: curricula.DepthMastered},
		},
	}
}

func programme(p string) *curricula.Programme {
	return &curricula.Programme{
		Meta:      curricula.Meta{Name: curricula.ProgrammeName(p)},
		Title:     "Central Asia harmonisation " + p,
		Framework: curricula.FrameworkName("ibm"),
		Members:   []string{curricula.CurriculumName("kz", "basic")},
		Targets:   curricula.Targets{MinDepth: curricula.DepthReinforced, MinHours: 8},
	}
}

// newResource returns an empty value of kind k.
func newResource(k curricula.Kind) curricula.Resource {
	switch k {
	case curricula.KindFramework:
		return &curricula.Framework{}
	case curricula.KindCompetency:
		return &curricula.Competency{}
	case curricula.KindAcademy:
		return &curricula.Academy{}
	case curricula.KindCurriculum:
		return &curricula.Curriculum{}
	case curricula.KindModule:
		return &curricula.Module{}
	case curricula.KindProgramme:
		return &curricula.Programme{}
	}
	return nil
}

// world returns a small valid tree, parents before children. Academies
// "kz" and "kz-customs" and curricula "basic" and "basic-2" share name
// prefixes, to catch prefix scans that forget the separator.
func world(t *testing.T) []curricula.Resource {
	t.Helper()
	rs := []curricula.Resource{
		framework("ibm"),
		competency("ibm", "ra-01"),
		competency("ibm", "doc-02"),
		academy("kz"),
		academy("kz-customs"),
		curriculum("kz", "basic"),
		curriculum("kz", "basic-2"),
		curriculum("kz-customs", "basic"),
		module("kz", "basic", "m03"),
		module("kz", "basic", "m01"),
		module("kz", "basic", "m02"),
		module("kz", "basic-2", "m01"),
		module("kz-customs", "basic", "m02"),
		module("kz-customs", "basic", "m01"),
		programme("central-asia"),
	}
	for _, r := range rs {
		require.NoError(t, r.Validate(), "fixture %s", r.GetMeta().Name)
	}
	return rs
}
