package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// Sizes the benchmarks name.
const (
	Small  = 10_000
	Medium = 100_000
	Large  = 1_000_000
)

// Config chooses a corpus.
type Config struct {
	// Modules is the number of modules in all.
	Modules int
	// Seed makes the corpus; the same seed gives the same corpus.
	Seed uint64
	// ModulesPerAcademy sets the number of academies (Modules divided by
	// it, at least one); 0: 500.
	ModulesPerAcademy int
}

// Corpus is a generated world. Academies and curricula are held; modules
// are generated on demand.
type Corpus struct {
	cfg       Config
	academies []*curricula.Academy
	curricula [][]*curricula.Curriculum // by academy, one per level
	counts    []int                     // modules per academy
	leaves    []string                  // leaf competency IDs of the default framework
	codes     map[string]curricula.Text // leaf ID → its titles
}

// New lays out the corpus of cfg.
func New(cfg Config) *Corpus {
	if cfg.ModulesPerAcademy <= 0 {
		cfg.ModulesPerAcademy = 500
	}
	n := max(1, (cfg.Modules+cfg.ModulesPerAcademy-1)/cfg.ModulesPerAcademy)
	c := &Corpus{cfg: cfg, codes: map[string]curricula.Text{}}
	_, comps, err := curricula.DefaultFramework()
	if err != nil {
		panic("corpus: the default framework: " + err.Error())
	}
	for _, l := range curricula.Leaves(comps) {
		id := l.Name[strings.LastIndexByte(l.Name, '/')+1:]
		c.leaves = append(c.leaves, id)
		c.codes[id] = l.Title
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0))
	fw := curricula.FrameworkName(curricula.DefaultFrameworkID)
	for i := range n {
		ct := pickCountry(r.Uint64())
		ag := agencies[r.IntN(len(agencies))]
		id := fmt.Sprintf("%s-%s-%04d", strings.ToLower(ct.code), agencyShort[ag], i)
		a := &curricula.Academy{DisplayName: fmt.Sprintf("%s %s academy %d", ct.code, ag, i),
			Country: ct.code, Agency: ag, Languages: ct.langs}
		a.Name = curricula.AcademyName(id)
		c.academies = append(c.academies, a)
		var cs []*curricula.Curriculum
		for j, lv := range levels {
			lang := ct.langs[j%len(ct.langs)]
			cu := &curricula.Curriculum{Title: fmt.Sprintf("%s course %d", lv, 2020+j), Level: lv, Language: lang,
				Framework: fw, State: curricula.CurriculumActive}
			cu.Name = curricula.CurriculumName(id, fmt.Sprintf("%s-%d", lv, 2020+j))
			cs = append(cs, cu)
		}
		c.curricula = append(c.curricula, cs)
		c.counts = append(c.counts, cfg.Modules/n)
		if i < cfg.Modules%n {
			c.counts[i]++
		}
	}
	return c
}

// Size is the number of modules.
func (c *Corpus) Size() int { return c.cfg.Modules }

// Academies are the academies, in order.
func (c *Corpus) Academies() []*curricula.Academy { return c.academies }

// Curricula are the curricula of academy i, one per level.
func (c *Corpus) Curricula(i int) []*curricula.Curriculum { return c.curricula[i] }

// AllCurricula are every curriculum, academy by academy.
func (c *Corpus) AllCurricula() []*curricula.Curriculum {
	var out []*curricula.Curriculum
	for _, cs := range c.curricula {
		out = append(out, cs...)
	}
	return out
}

// ModulesOf is the number of modules of academy i.
func (c *Corpus) ModulesOf(i int) int { return c.counts[i] }

// Leaves are the IDs of the default framework's leaf competencies, which
// modules align to.
func (c *Corpus) Leaves() []string { return c.leaves }

// Modules calls fn with each module of academy i, in order; the module is
// fn's to keep. It stops at fn's first error and returns it.
func (c *Corpus) Modules(i int, fn func(*curricula.Module) error) error {
	r := rand.New(rand.NewPCG(c.cfg.Seed, uint64(i)+1))
	cs := c.curricula[i]
	zipfs := map[string]*rand.Zipf{}
	leafZipf := rand.NewZipf(r, 1.3, 4, uint64(len(c.leaves)-1))
	for j := range c.counts[i] {
		cu := cs[j%len(cs)]
		lang := cu.Language
		v := vocabFor(lang)
		z := zipfs[lang]
		if z == nil {
			z = rand.NewZipf(r, 1.1, 3, uint64(len(v)-1))
			zipfs[lang] = z
		}
		m := c.module(r, z, leafZipf, v, cu, j/len(cs), lang)
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

// Each calls fn with every module, academy by academy, and its academy's
// index.
func (c *Corpus) Each(fn func(academy int, m *curricula.Module) error) error {
	for i := range c.academies {
		if err := c.Modules(i, func(m *curricula.Module) error { return fn(i, m) }); err != nil {
			return err
		}
	}
	return nil
}

func (c *Corpus) module(r *rand.Rand, z, lz *rand.Zipf, v vocabulary, cu *curricula.Curriculum, k int, lang string) *curricula.Module {
	n, _ := curricula.ParseName(curricula.KindCurriculum, cu.Name)
	m := &curricula.Module{
		Code:     fmt.Sprintf("%s-%03d", strings.ToUpper(string(cu.Level[:3])), 100+k),
		Language: lang,
		Hours:    float64(4 * (1 + r.IntN(20))),
		Delivery: deliveries[r.IntN(len(deliveries))],
	}
	m.Name = curricula.ModuleName(n.IDs[0], n.IDs[1], fmt.Sprintf("m-%05d", k))
	if r.IntN(4) > 0 {
		m.Credits = float64(1 + r.IntN(6))
	}
	m.Assessment = assessments[r.IntN(len(assessments))]
	m.Restricted = r.IntN(50) == 0

	seenC := map[string]bool{}
	na := 1 + r.IntN(3)
	share := float64(int(m.Hours) / na)
	for range na {
		id := c.leaves[lz.Uint64()]
		if seenC[id] {
			continue
		}
		seenC[id] = true
		a := curricula.Alignment{Competency: id, Depth: curricula.Depth(1 + r.IntN(3))}
		if r.IntN(3) > 0 {
			a.Hours = share
		}
		m.Alignments = append(m.Alignments, a)
	}

	title := v.sentence(z, 3+r.IntN(6))
	if t, ok := c.codes[m.Alignments[0].Competency][curricula.BaseLanguage(lang)]; ok && r.IntN(2) == 0 {
		title = t
	}
	m.Title = capitalise(title)
	m.Description = capitalise(v.sentence(z, 25+r.IntN(46))) + "."
	for range 2 + r.IntN(4) {
		m.Outcomes = append(m.Outcomes, capitalise(v.sentence(z, 6+r.IntN(7))))
	}
	return m
}

func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Text is the searchable text of a module: title, description and
// outcomes, one per line.
func Text(m *curricula.Module) string {
	return m.Title + "\n" + m.Description + "\n" + strings.Join(m.Outcomes, "\n")
}
