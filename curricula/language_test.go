package curricula_test

import (
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestValidLanguageAndCountry(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want bool
	}{
		{"en", true}, {"ru", true}, {"prs", true}, {"fa-AF", true}, {"uz-Latn", true}, {"uz-Latn-UZ", true}, {"es-419", true},
		{"", false}, {"e", false}, {"EN", false}, {"Ru", false}, {"engl", false}, {"en-", false}, {"en_US", false}, {"en-x", false}, {"en-abcdefghi", false},
	} {
		require.Equal(t, tc.want, curricula.ValidLanguage(tc.tag), tc.tag)
	}
	for _, tc := range []struct {
		c    string
		want bool
	}{
		{"KZ", true}, {"AF", true}, {"kz", false}, {"Kz", false}, {"KAZ", false}, {"K", false}, {"", false}, {"K1", false},
	} {
		require.Equal(t, tc.want, curricula.ValidCountry(tc.c), tc.c)
	}
	for tag, base := range map[string]string{"fa-AF": "fa", "prs": "fa", "prs-AF": "fa", "ru": "ru", "uz-Latn-UZ": "uz", "": ""} {
		require.Equal(t, base, curricula.BaseLanguage(tag), tag)
	}
}

func TestTextIn(t *testing.T) {
	for _, tc := range []struct {
		what string
		text curricula.Text
		lang string
		want string
	}{
		{"exact", curricula.Text{"en": "Risk", "ru": "Риск"}, "ru", "Риск"},
		{"exact regional tag", curricula.Text{"fa": "ریسک", "fa-AF": "خطر"}, "fa-AF", "خطر"},
		{"base language", curricula.Text{"fa": "ریسک", "en": "Risk"}, "fa-AF", "ریسک"},
		{"dari served by persian", curricula.Text{"fa": "ریسک", "en": "Risk"}, "prs", "ریسک"},
		{"english fallback", curricula.Text{"en": "Risk", "ru": "Риск"}, "kk", "Risk"},
		{"empty entry skipped", curricula.Text{"ru": "", "en": "Risk"}, "ru", "Risk"},
		{"first language in order", curricula.Text{"ru": "Риск", "fr": "Risque", "ar": "مخاطر"}, "kk", "مخاطر"},
		{"first non-empty in order", curricula.Text{"ar": "", "en": "", "fr": "Risque", "ru": "Риск"}, "kk", "Risque"},
		{"all empty", curricula.Text{"en": "", "ru": ""}, "ru", ""},
		{"nil", nil, "en", ""},
	} {
		require.Equal(t, tc.want, tc.text.In(tc.lang), tc.what)
	}
}
