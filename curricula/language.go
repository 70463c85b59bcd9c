package curricula

import (
	"regexp"
	"strings"
)

var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// ValidLanguage reports whether tag looks like a BCP 47 language tag with a
// lower-case ISO 639 primary subtag ("ru", "fa-AF", "prs").
func ValidLanguage(tag string) bool { return langPattern.MatchString(tag) }

// BaseLanguage returns the primary subtag of tag ("fa-AF" → "fa"). Dari
// ("prs") is reported as Persian ("fa"), whose analyser serves it.
func BaseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	if base == "prs" {
		return "fa"
	}
	return base
}

var countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)

// ValidCountry reports whether c has the shape of an ISO 3166-1 alpha-2 code.
func ValidCountry(c string) bool { return countryPattern.MatchString(c) }

// Text is text in several languages, keyed by language tag.
type Text map[string]string

// In returns the text in lang, falling back to its base language, then to
// English, then to any language in a stable order.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[BaseLanguage(lang)]; ok && s != "" {
		return s
	}
	if s, ok := t["en"]; ok && s != "" {
		return s
	}
	best := ""
	for k, s := range t {
		if s != "" && (best == "" || k < best) {
			best = k
		}
	}
	return t[best]
}

func checkText(vs *Violations, field string, t Text, required bool) {
	if len(t) == 0 && required {
		vs.Add(field, "is required in at least one language")
	}
	for lang, s := range t {
		if !ValidLanguage(lang) {
			vs.Add(field+"["+lang+"]", "%q is not a language tag (e.g. en, ru, fa-AF)", lang)
		}
		if strings.TrimSpace(s) == "" {
			vs.Add(field+"["+lang+"]", "is empty")
		}
	}
}
