package search_test

import (
	"testing"
	"unicode/utf8"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// A query in one inflected form finds text written in another, in the
// module's own language, whatever the language of the query's words.
func TestStemmingPerLanguage(t *testing.T) {
	e := newEnv(t, false)
	cases := []struct {
		lang, text, query string
	}{
		{"ru", "Анализ рисков на границе", "анализа рисков"},
		{"ru", "Проверка документов пассажиров", "документами"},
		{"fr", "Contrôle des frontières terrestres", "frontière"},
		{"fr", "Détection des documents falsifiés", "document falsifié"},
		{"ar", "تحليل المخاطر في المنافذ", "مخاطر"},
		{"ar", "كشف الوثائق المزورة", "والوثائق"},
		{"fa", "گزارش\u200cها و اسناد مرزی", "گزارش"},
		{"fa-AF", "کشف اسناد جعلی در سرحد", "سرحد\u200cها"}, // Persian suffixes attach with a ZWNJ
		{"en", "Interviewing travellers at crossings", "interviews crossing"},
		{"kk", "Шекаралық бақылау", "шекаралық"}, // plain analyzer: lower-cased
	}
	var rs []curricula.Resource
	rs = append(rs, academy("lang-academy", "KZ"))
	for i, c := range cases {
		cu := curriculum("lang-academy", "cu-"+string(rune('a'+i)), c.lang)
		rs = append(rs, cu, module(cu.Name, "m", c.text, "", 10))
	}
	e.write(create(rs...))
	for i, c := range cases {
		t.Run(c.lang+" "+c.query, func(t *testing.T) {
			res := e.search(curricula.ModuleQuery{Query: c.query})
			want := curricula.ModuleName("lang-academy", "cu-"+string(rune('a'+i)), "m")
			require.Contains(t, names(res), want, "query %q must find %q", c.query, c.text)
			for _, h := range res.Hits {
				if h.Name == want {
					require.True(t, h.MatchedText)
					require.Contains(t, h.Highlights["title"][0], "<mark>")
				}
			}
		})
	}
}

// Persian text with zero-width non-joiners highlights the matched word,
// whole: the analyzer keeps byte offsets.
func TestPersianHighlightsKeepOffsets(t *testing.T) {
	e := newEnv(t, false)
	e.write(create(academy("ir", "IR", "fa"), curriculum("ir", "c1", "fa")))
	e.write(create(module("academies/ir/curricula/c1", "m1", "دوره",
		"همکاری بین\u200cالمللی مرز بین\u200cالمللی کنترل مرزی بین\u200cالمللی گذرنامه", 2)))
	res := e.search(curricula.ModuleQuery{Query: "گذرنامه"})
	require.Len(t, res.Hits, 1)
	frags := res.Hits[0].Highlights["description"]
	require.NotEmpty(t, frags)
	for _, f := range frags {
		require.True(t, utf8.ValidString(f), "%q", f)
		require.Contains(t, f, "<mark>گذرنامه</mark>")
	}
}
