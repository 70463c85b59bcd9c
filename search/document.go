package search

import (
	"slices"

	"github.com/concord-ibm/concord/curricula"
)

// moduleDoc is the indexed form of a module, with what it inherits from
// its academy (country, agency) and curriculum (language, framework).
// ac or cu may be nil when the parent is gone (a cascade in progress).
func moduleDoc(m *curricula.Module, cu *curricula.Curriculum, ac *curricula.Academy) map[string]any {
	n, _ := curricula.ParseName(curricula.KindModule, m.Name)
	lang := m.Language
	framework := ""
	if cu != nil {
		if lang == "" {
			lang = cu.Language
		}
		framework = cu.Framework
	}
	an := analyzerFor(lang)
	d := map[string]any{
		fType:                    typeModule,
		fName:                    m.Name,
		fAcademy:                 n.IDs[0],
		fCurriculum:              curricula.CurriculumName(n.IDs[0], n.IDs[1]),
		fRestricted:              m.Restricted,
		fHours:                   m.Hours,
		textField(pTitle, an):    m.Title,
		textField(pDesc, an):     m.Description,
		textField(pOutcomes, an): m.Outcomes,
	}
	if lang != "" {
		d[fLang] = lang
		d[fLangBase] = curricula.BaseLanguage(lang)
	}
	if ac != nil {
		d[fCountry] = ac.Country
		if ac.Agency != "" {
			d[fAgency] = string(ac.Agency)
		}
	}
	if m.Delivery != "" {
		d[fDelivery] = string(m.Delivery)
	}
	if framework != "" {
		d[fFramework] = framework
	}
	var depths, comps []string
	for _, a := range m.Alignments {
		if s := a.Depth.String(); !slices.Contains(depths, s) {
			depths = append(depths, s)
		}
		if framework != "" {
			comps = append(comps, framework+"/"+curricula.CollCompetencies+"/"+a.Competency)
		}
	}
	if len(depths) > 0 {
		d[fDepth] = depths
	}
	if len(comps) > 0 {
		d[fCompetency] = comps
	}
	return d
}

// competencyDoc is the indexed form of a competency: its title and
// description in every language it carries, each in the field of that
// language's analyzer (two tags with one analyzer share the field).
func competencyDoc(c *curricula.Competency) map[string]any {
	n, _ := curricula.ParseName(curricula.KindCompetency, c.Name)
	d := map[string]any{
		fType:      typeCompetency,
		fFramework: curricula.FrameworkName(n.IDs[0]),
		fCode:      c.Code,
	}
	add := func(prefix string, t curricula.Text) {
		for _, tag := range sortedKeys(t) {
			f := textField(prefix, analyzerFor(tag))
			if prev, ok := d[f].([]string); ok {
				d[f] = append(prev, t[tag])
			} else {
				d[f] = []string{t[tag]}
			}
		}
	}
	add(pCTitle, c.Title)
	add(pCDesc, c.Description)
	return d
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
