package search_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

// Persian text joins suffixes with a zero-width non-joiner (U+200C, three
// bytes). Highlights must stay valid UTF-8 and mark the matched word
// itself, however many of them come before it.
func TestHighlightsAfterZeroWidthNonJoiners(t *testing.T) {
	e := newEnv(t, false)
	text := "گزارش\u200cها و تحلیل\u200cهای مرزی درباره\u200cی قاچاق مواد مخدر"
	cu := curriculum("fa-academy", "cu", "fa")
	e.write(create(academy("fa-academy", "AF"), cu, module(cu.Name, "m", text, text, 10)))

	for _, q := range []string{"قاچاق", "مخدر", "مرزی"} {
		t.Run(q, func(t *testing.T) {
			res := e.search(curricula.ModuleQuery{Query: q, Concepts: false})
			require.Len(t, res.Hits, 1)
			hl := res.Hits[0].Highlights
			require.NotEmpty(t, hl["title"])
			for field, frags := range hl {
				for _, f := range frags {
					require.True(t, utf8.ValidString(f), "%s fragment %q is not valid UTF-8", field, f)
					require.Contains(t, f, "<mark>"+q+"</mark>", "%s fragment %q", field, f)
					require.Equal(t, strings.Count(text, "\u200c"), strings.Count(f, "\u200c"), "the text is kept as written")
				}
			}
		})
	}
}
