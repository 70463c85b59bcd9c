package search_test

import (
	"fmt"

	"github.com/concord-ibm/concord/curricula"
)

// academy, curriculum and module build small valid resources in ibm-core.
func academy(id, country string, langs ...string) *curricula.Academy {
	return &curricula.Academy{Meta: curricula.Meta{Name: curricula.AcademyName(id)}, DisplayName: id,
		Country: country, Agency: curricula.AgencyBorderGuard, Languages: langs}
}

func curriculum(ac, id, lang string) *curricula.Curriculum {
	return &curricula.Curriculum{Meta: curricula.Meta{Name: curricula.CurriculumName(ac, id)}, Title: id,
		Level: curricula.LevelBasic, Language: lang, Framework: curricula.FrameworkName(curricula.DefaultFrameworkID),
		State: curricula.CurriculumActive}
}

func module(cu, id, title, desc string, hours float64, aligned ...string) *curricula.Module {
	n, err := curricula.ParseName(curricula.KindCurriculum, cu)
	if err != nil {
		panic(err)
	}
	m := &curricula.Module{Meta: curricula.Meta{Name: curricula.ModuleName(n.IDs[0], n.IDs[1], id)},
		Code: id, Title: title, Description: desc, Hours: hours}
	for _, c := range aligned {
		m.Alignments = append(m.Alignments, curricula.Alignment{Competency: c, Depth: curricula.DepthIntroduced})
	}
	return m
}

func create(rs ...curricula.Resource) func(curricula.WriteTx) error {
	return func(tx curricula.WriteTx) error {
		for _, r := range rs {
			if err := tx.Create(r); err != nil {
				return fmt.Errorf("%s: %w", r.GetMeta().Name, err)
			}
		}
		return nil
	}
}
