package corpus

import (
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/concord-ibm/concord/curricula"
)

// tailWords is the number of made-up words after a language's real ones.
const tailWords = 4000

// syllables per script, for made-up words.
var syllables = map[string][]string{
	"latin":    strings.Fields("ka ri to sa le mon ta ver bu di gan or el is pa tur ne lo zi chek yol qa sh ar em un"),
	"cyrillic": strings.Fields("ка ри то са ле мон та вер бу ди ган ор ел ис па тур не ло зи чек жол қа ш ар ем ұн ғы"),
	"arabic":   strings.Fields("کا ری تو سا له من تا ور بو دی گان ار ال یس پا تور نه لو زی چک یول قا ش ام"),
	"bengali":  strings.Fields("কা রি তো সা লে মন তা বের বু দি গান অর এল ইস পা তুর নে লো জি"),
}

var scriptOf = map[string]string{
	"en": "latin", "fr": "latin", "de": "latin", "es": "latin", "tr": "latin", "uz": "latin", "tk": "latin",
	"ru": "cyrillic", "kk": "cyrillic", "ky": "cyrillic", "tg": "cyrillic",
	"ar": "arabic", "fa": "arabic", "ps": "arabic", "ur": "arabic", "bn": "bengali",
}

// vocabulary is one language's words, most frequent first.
type vocabulary []string

var vocabularies = sync.OnceValue(buildVocabularies)

// vocabFor returns the vocabulary of a language tag (by its base language).
func vocabFor(lang string) vocabulary {
	v := vocabularies()
	if w, ok := v[curricula.BaseLanguage(lang)]; ok {
		return w
	}
	return v["en"]
}

func buildVocabularies() map[string]vocabulary {
	_, comps, err := curricula.DefaultFramework()
	if err != nil {
		panic("corpus: the default framework: " + err.Error())
	}
	counts := map[string]map[string]int{}
	for _, c := range comps {
		for _, t := range []curricula.Text{c.Title, c.Description} {
			for lang, s := range t {
				base := curricula.BaseLanguage(lang)
				if counts[base] == nil {
					counts[base] = map[string]int{}
				}
				for _, w := range words(s) {
					counts[base][w]++
				}
			}
		}
	}
	out := map[string]vocabulary{}
	for lang, script := range scriptOf {
		var real []string
		for w := range counts[lang] {
			real = append(real, w)
		}
		cs := counts[lang]
		sort.Slice(real, func(i, j int) bool {
			if cs[real[i]] != cs[real[j]] {
				return cs[real[i]] > cs[real[j]]
			}
			return real[i] < real[j]
		})
		out[lang] = append(real, madeUp(lang, script, tailWords, seen(real))...)
	}
	return out
}

func seen(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// madeUp returns n distinct made-up words in a script, the same for the
// same language every time.
func madeUp(lang, script string, n int, taken map[string]bool) []string {
	syl := syllables[script]
	var seed uint64
	for _, b := range []byte(lang) {
		seed = seed*131 + uint64(b)
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		k := 2 + r.IntN(3)
		for range k {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		w := b.String()
		if !taken[w] {
			taken[w] = true
			out = append(out, w)
		}
	}
	return out
}

// words splits text into lower-cased words of two letters or more.
func words(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '-'
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, "-")
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// sentence draws n words of v with z.
func (v vocabulary) sentence(z *rand.Zipf, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(v[z.Uint64()])
	}
	return b.String()
}

// Words returns the vocabulary of a language, most frequent first, for
// building queries that match the corpus.
func Words(lang string) []string { return append([]string(nil), vocabFor(lang)...) }
