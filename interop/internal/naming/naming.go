// Package naming turns identifiers and codes found in foreign formats into
// valid Concord codes and resource IDs, the same way for every converter.
package naming

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concord-ibm/concord/curricula"
)

// MaxCode is the longest competency code curricula accepts, in runes.
const MaxCode = 40

const maxID = 63

// ValidCode reports whether curricula accepts code as a competency code.
// It asks curricula itself, so the rule lives in one place.
func ValidCode(code string) bool {
	c := curricula.Competency{Meta: curricula.Meta{Name: "frameworks/f/competencies/c"}, Code: code, Title: curricula.Text{"en": "t"}}
	return c.Validate() == nil
}

// SanitizeCode makes s a valid competency code: characters other than
// letters, digits, '.', '_', '-' and '/' become '-', runs of '-' are
// collapsed, leading punctuation is dropped and the result is cut to
// MaxCode runes. It returns "" when nothing usable is left.
func SanitizeCode(s string) string {
	var b strings.Builder
	n := 0
	dash := false
	for _, r := range strings.TrimSpace(s) {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' || r == '/'
		if !ok {
			r = '-'
		}
		if b.Len() == 0 && !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		if r == '-' && dash {
			continue
		}
		dash = r == '-'
		if n == MaxCode {
			break
		}
		b.WriteRune(r)
		n++
	}
	out := b.String()
	if !ValidCode(out) {
		return ""
	}
	return out
}

// Slug turns s into a resource ID: lower-case ASCII letters and digits,
// other characters become '-', at most 63 characters; prefix is put in
// front when the result would start with a digit. It returns "" when
// nothing usable is left.
func Slug(s, prefix string) string {
	b := make([]byte, 0, len(s))
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b = append(b, byte(r))
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-')
		}
	}
	id := strings.Trim(string(b), "-")
	if id != "" && id[0] >= '0' && id[0] <= '9' {
		id = prefix + id
	}
	id = trimID(id)
	if !curricula.ValidID(id) {
		return ""
	}
	return id
}

func trimID(id string) string {
	if len(id) > maxID {
		id = id[:maxID]
	}
	return strings.TrimRight(id, "-")
}

// Hash returns a short stable hex digest of s, for names derived from an
// identifier that has no readable form.
func Hash(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:6])
}

// Set hands out unique values: IDs or codes not yet used.
type Set map[string]bool

// Take marks v used and reports whether it was free.
func (s Set) Take(v string) bool {
	if s[v] {
		return false
	}
	s[v] = true
	return true
}

// UniqueID returns base, or base-2, base-3, … (cut to fit an ID), the
// first one not used yet, and marks it used.
func (s Set) UniqueID(base string) string {
	return s.unique(base, func(b, suffix string) string { return trimID(b[:min(len(b), maxID-len(suffix))]) + suffix })
}

// UniqueCode is UniqueID for codes (MaxCode runes).
func (s Set) UniqueCode(base string) string {
	return s.unique(base, func(b, suffix string) string {
		keep := MaxCode - len(suffix)
		if utf8.RuneCountInString(b) > keep {
			b = string([]rune(b)[:keep])
		}
		return b + suffix
	})
}

func (s Set) unique(base string, join func(b, suffix string) string) string {
	if s.Take(base) {
		return base
	}
	for i := 2; ; i++ {
		v := join(base, "-"+strconv.Itoa(i))
		if s.Take(v) {
			return v
		}
	}
}

// iso639 maps the ISO 639-2 codes of the languages Concord serves to the
// two-letter codes its analysers are keyed by.
var iso639 = map[string]string{
	"eng": "en", "rus": "ru", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de",
	"spa": "es", "ara": "ar", "fas": "fa", "per": "fa", "tur": "tr", "kaz": "kk",
	"kir": "ky", "tgk": "tg", "uzb": "uz", "tuk": "tk", "pus": "ps", "urd": "ur",
	"ben": "bn", "ita": "it", "por": "pt", "chi": "zh", "zho": "zh", "ukr": "uk",
}

// Language normalises a language tag found in foreign data ("EN",
// "en_US", "eng") to Concord's form ("en", "en-US", "en"); ok is false
// when it is not a language tag.
func Language(tag string) (string, bool) {
	tag = strings.ReplaceAll(strings.TrimSpace(tag), "_", "-")
	base, rest, _ := strings.Cut(tag, "-")
	base = strings.ToLower(base)
	if two, ok := iso639[base]; ok {
		base = two
	}
	if rest != "" {
		base += "-" + rest
	}
	return base, curricula.ValidLanguage(base)
}
