package search_test

import (
	"testing"

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
		{"fa", "گزارش‌ها و اسناد مرزی", "گزارش"},
		{"fa-AF", "کشف اسناد جعلی در سرحد", "سرحد‌ها"}, // Persian suffixes attach with a ZWNJ
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
