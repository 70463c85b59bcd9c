// Package corpus generates a synthetic, seeded, multilingual corpus of
// academies, curricula and modules aligned to the default framework
// ibm-core, for benchmarks and load tests (10k, 100k, 1M modules). It
// streams resources to a callback, parents before children, so that even
// 1M modules never sit in memory at once. The same Config always yields the
// same resources.
//
// Text follows a Zipf-like distribution (s = 1.1) over each language's
// vocabulary: a head of real border-management words of that language and
// a long tail of synthetic words built from its script's syllables. A
// module has a 3–8 word title, a 40–80 word description and 3 outcomes of
// 6–12 words (≈ 60–120 words), 1–4 alignments to ibm-core leaves with
// depths I/R/M, 8–200 hours; 3% are restricted.
package corpus

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// Sizes commonly used.
const (
	Small  = 10_000
	Medium = 100_000
	Large  = 1_000_000
)

// tailWords is the size of each language's synthetic vocabulary tail.
const tailWords = 6000

// Config sets the corpus's shape.
type Config struct {
	Seed    uint64 // same seed, same corpus
	Modules int    // total number of modules
	// ModulesPerCurriculum and CurriculaPerAcademy default to 40 and 3.
	ModulesPerCurriculum int
	CurriculaPerAcademy  int
}

func (c Config) withDefaults() Config {
	if c.ModulesPerCurriculum <= 0 {
		c.ModulesPerCurriculum = 40
	}
	if c.CurriculaPerAcademy <= 0 {
		c.CurriculaPerAcademy = 3
	}
	return c
}

// Counts returns how many academies and curricula Generate emits for c.
func (c Config) Counts() (academies, curricula int) {
	c = c.withDefaults()
	curricula = (c.Modules + c.ModulesPerCurriculum - 1) / c.ModulesPerCurriculum
	academies = (curricula + c.CurriculaPerAcademy - 1) / c.CurriculaPerAcademy
	return academies, curricula
}

// gen holds the generator's state.
type gen struct {
	r      *rand.Rand
	vocab  map[string][]string // by language tag: head words then tail
	zipf   map[string]*rand.Zipf
	leaves []string // competency IDs of ibm-core leaves
	total  int      // sum of language weights
}

func newGen(seed uint64) (*gen, error) {
	_, comps, err := curricula.DefaultFramework()
	if err != nil {
		return nil, err
	}
	parents := map[string]bool{}
	for _, c := range comps {
		if c.Parent != "" {
			parents[c.Parent] = true
		}
	}
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), vocab: map[string][]string{}, zipf: map[string]*rand.Zipf{}}
	for _, c := range comps {
		if !parents[c.ID()] {
			g.leaves = append(g.leaves, c.ID())
		}
	}
	// The vocabularies come from their own source so that they do not
	// depend on how many resources were generated before.
	vr := rand.New(rand.NewPCG(seed+1, 7))
	for _, l := range languages {
		words := append([]string(nil), l.words...)
		seen := map[string]bool{}
		for _, w := range words {
			seen[w] = true
		}
		for len(words) < len(l.words)+tailWords {
			var b strings.Builder
			for n := 2 + vr.IntN(3); n > 0; n-- {
				b.WriteString(l.syllables[vr.IntN(len(l.syllables))])
			}
			if w := b.String(); !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		g.vocab[l.tag] = words
		g.zipf[l.tag] = rand.NewZipf(g.r, 1.1, 2, uint64(len(words)-1))
		g.total += l.weight
	}
	return g, nil
}

func (g *gen) language() language {
	n := g.r.IntN(g.total)
	for _, l := range languages {
		if n < l.weight {
			return l
		}
		n -= l.weight
	}
	return languages[0]
}

func (g *gen) words(lang string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.vocab[lang][g.zipf[lang].Uint64()]
	}
	return strings.Join(ws, " ")
}

func (g *gen) sentence(lang string, min, max int) string {
	s := g.words(lang, min+g.r.IntN(max-min+1))
	if lang == "ar" || lang == "fa" || lang == "fa-AF" || lang == "ps" || lang == "ur" {
		return s + "."
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:]) + "."
}

var levels = []curricula.Level{curricula.LevelBasic, curricula.LevelAdvanced, curricula.LevelSpecialised, curricula.LevelManagement}
var depths = []curricula.Depth{curricula.DepthIntroduced, curricula.DepthReinforced, curricula.DepthMastered}

// Generate calls fn with every resource of the corpus, parents before
// children: each academy, then each of its curricula followed by its
// modules. It stops at fn's first error or when ctx ends.
func Generate(ctx context.Context, cfg Config, fn func(curricula.Resource) error) error {
	cfg = cfg.withDefaults()
	g, err := newGen(cfg.Seed)
	if err != nil {
		return err
	}
	framework := curricula.FrameworkName(curricula.DefaultFrameworkID)
	nAcademies, _ := cfg.Counts()
	left := cfg.Modules
	for a := 0; a < nAcademies && left > 0; a++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		lang := g.language()
		acID := fmt.Sprintf("academy-%06d", a)
		ac := &curricula.Academy{
			Meta:        curricula.Meta{Name: curricula.AcademyName(acID)},
			DisplayName: fmt.Sprintf("Academy %d (%s)", a, lang.tag),
			Country:     lang.countries[g.r.IntN(len(lang.countries))],
			Agency:      curricula.Agencies[g.r.IntN(len(curricula.Agencies))],
			Languages:   []string{lang.tag},
		}
		if err := fn(ac); err != nil {
			return err
		}
		for c := 0; c < cfg.CurriculaPerAcademy && left > 0; c++ {
			cuID := fmt.Sprintf("curriculum-%d", c)
			cu := &curricula.Curriculum{
				Meta:      curricula.Meta{Name: curricula.CurriculumName(acID, cuID)},
				Title:     g.sentence(lang.tag, 3, 6),
				Level:     levels[c%len(levels)],
				Language:  lang.tag,
				Framework: framework,
				State:     curricula.CurriculumActive,
				Edition:   "2024",
			}
			if err := fn(cu); err != nil {
				return err
			}
			for m := 0; m < cfg.ModulesPerCurriculum && left > 0; m++ {
				if err := fn(g.module(acID, cuID, m, lang.tag)); err != nil {
					return err
				}
				left--
			}
		}
	}
	return nil
}

func (g *gen) module(acID, cuID string, i int, lang string) *curricula.Module {
	m := &curricula.Module{
		Meta:        curricula.Meta{Name: curricula.ModuleName(acID, cuID, fmt.Sprintf("module-%04d", i))},
		Code:        fmt.Sprintf("M-%04d", i),
		Title:       strings.TrimSuffix(g.sentence(lang, 3, 8), "."),
		Description: g.sentence(lang, 15, 30) + " " + g.sentence(lang, 15, 30) + " " + g.sentence(lang, 10, 20),
		Language:    lang,
		Hours:       float64(8 + g.r.IntN(193)),
		Delivery:    curricula.Deliveries[g.r.IntN(len(curricula.Deliveries))],
		Restricted:  g.r.IntN(100) < 3,
	}
	for range 3 {
		m.Outcomes = append(m.Outcomes, g.sentence(lang, 6, 12))
	}
	n := 1 + g.r.IntN(4)
	budget := m.Hours
	for _, k := range g.r.Perm(len(g.leaves))[:n] {
		h := float64(int(budget / float64(n+1)))
		budget -= h
		m.Alignments = append(m.Alignments, curricula.Alignment{
			Competency: g.leaves[k], Depth: depths[g.r.IntN(len(depths))], Hours: h,
		})
	}
	return m
}

// Load stores the default framework (if absent) and the corpus in s,
// batch resources per transaction (default 1000), and returns the number
// of modules stored. progress, when not nil, is called after each batch.
func Load(ctx context.Context, s curricula.Store, cfg Config, batch int, progress func(modules int)) (int, error) {
	if batch <= 0 {
		batch = 1000
	}
	if _, err := curricula.SeedDefaultFramework(ctx, s); err != nil {
		return 0, err
	}
	var pending []curricula.Resource
	modules := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := s.Update(ctx, func(tx curricula.WriteTx) error {
			for _, r := range pending {
				if err := tx.Create(r); err != nil {
					return fmt.Errorf("corpus: create %s: %w", r.GetMeta().Name, err)
				}
			}
			return nil
		})
		pending = pending[:0]
		if err == nil && progress != nil {
			progress(modules)
		}
		return err
	}
	err := Generate(ctx, cfg, func(r curricula.Resource) error {
		pending = append(pending, r)
		if r.Kind() == curricula.KindModule {
			modules++
		}
		if len(pending) >= batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return modules, err
}

// Query is one benchmark query and the language it is written in.
type Query struct {
	Language string
	Text     string
}

// Queries returns n seeded queries of one to three words drawn from the
// corpus's vocabularies (head words more often than tail words), in the
// languages' proportions; some are phrases or prefixes.
func Queries(seed uint64, n int) []Query {
	g, err := newGen(seed)
	if err != nil {
		panic(err) // the embedded framework is checked by its own tests
	}
	out := make([]Query, n)
	for i := range out {
		l := g.language()
		q := g.words(l.tag, 1+g.r.IntN(3))
		switch g.r.IntN(10) {
		case 0:
			q = `"` + q + `"`
		case 1:
			w := strings.Fields(q)[0]
			if r := []rune(w); len(r) > 4 {
				q = string(r[:4]) + "*"
			}
		}
		out[i] = Query{Language: l.tag, Text: q}
	}
	return out
}
