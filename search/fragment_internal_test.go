package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestHighlighter(t *testing.T) {
	im, err := newMapping()
	require.NoError(t, err)
	long := strings.Repeat("Общие положения пограничного контроля. ", 8) +
		"Курсанты изучают анализ рисков на границе & <b>профилирование</b>. " +
		strings.Repeat("Практические занятия на пункте пропуска. ", 8)
	for _, tc := range []struct {
		name, query, field, text string
		want                     string // "" for no match
	}{
		{"stemmed word", "рисков", "desc_ru", "Основы анализа риска и угроз", "Основы анализа <mark>риска</mark> и угроз"},
		{"two words", "анализ рисков", "title_ru", "Анализ рисков", "<mark>Анализ</mark> <mark>рисков</mark>"},
		{"no match", "таможня", "title_ru", "Анализ рисков", ""},
		{"phrase in order", `"анализ рисков"`, "desc_ru", "риски и анализ; анализ рисков", "риски и анализ; <mark>анализ</mark> <mark>рисков</mark>"},
		{"phrase words apart", `"анализ рисков"`, "desc_ru", "анализ и оценка рисков", ""},
		{"prefix", "docu*", "title_en", "Document examination", "<mark>Document</mark> examination"},
		{"wildcard", "d?cument", "title_en", "Document examination", "<mark>Document</mark> examination"},
		{"fuzzy", "bordar~1", "title_en", "Border examination", "<mark>Border</mark> examination"},
		{"fuzzy too far", "bxrdxr~1", "title_en", "Borders", ""},
		{"must not marks nothing", "-document", "title_en", "Document examination", ""},
		{"escaped", "profiling", "title_en", "Risk <b>profiling</b> & more", "Risk &lt;b&gt;<mark>profiling</mark>&lt;/b&gt; &amp; more"},
		{"persian zwnj", "گذرنامه", "desc_fa", "بررسی گذرنامه‌ها و اسناد", "بررسی <mark>گذرنامه</mark>\u200cها و اسناد"},
		{"field named in the query", "title:рисков", "desc_ru", "анализ рисков", ""},
		{"field named in the query matches there", "title:рисков", "title_ru", "анализ рисков", "анализ <mark>рисков</mark>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := fieldSet{module: map[string]bool{"ru": true, "en": true, "fa": true}}
			q, err := userQuery(tc.query, moduleTargets(fs))
			require.NoError(t, err)
			got, ok := newHighlighter(im, q).highlight(tc.field, tc.text)
			require.Equal(t, tc.want != "", ok, got)
			require.Equal(t, tc.want, got)
		})
	}

	t.Run("long text: a window around the marks", func(t *testing.T) {
		fs := fieldSet{module: map[string]bool{"ru": true}}
		q, err := userQuery("профилирование рисков", moduleTargets(fs))
		require.NoError(t, err)
		got, ok := newHighlighter(im, q).highlight("desc_ru", long)
		require.True(t, ok)
		require.True(t, utf8.ValidString(got))
		require.True(t, strings.HasPrefix(got, "…"), got)
		require.True(t, strings.HasSuffix(got, "…"), got)
		require.Contains(t, got, "анализ <mark>рисков</mark> на границе &amp; &lt;b&gt;<mark>профилирование</mark>&lt;/b&gt;")
		plain := strings.NewReplacer("<mark>", "", "</mark>", "", "…", "", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(got)
		require.LessOrEqual(t, utf8.RuneCountInString(plain), fragmentRunes)
		require.Contains(t, long, plain)
		require.False(t, strings.HasPrefix(plain, " "), "starts at a word")
	})
}

func TestWithinEdits(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		k    int
		want bool
	}{
		{"document", "document", 0, true},
		{"document", "documant", 1, true},
		{"document", "dokumant", 1, false},
		{"document", "dokumant", 2, true},
		{"рисков", "риска", 2, true},
		{"рисков", "риска", 1, false},
		{"a", "abc", 1, false},
	} {
		require.Equal(t, tc.want, withinEdits(tc.a, tc.b, tc.k), "%s %s %d", tc.a, tc.b, tc.k)
	}
}
