package naming

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUUID5MatchesRFC4122(t *testing.T) {
	// Values computed independently (Python's uuid.uuid5(NAMESPACE_URL, …)).
	require.Equal(t, "97f84615-b7f5-5d51-8ac5-7f1a09eaff1c", UUID5("frameworks/ibm/competencies/ra-01"))
	require.True(t, IsUUID(UUID5("x")))
	require.NotEqual(t, UUID5("a"), UUID5("b"))
}

func TestSanitizeCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"RA-01", "RA-01"},
		{"RL 1.2", "RL-1.2"},
		{"  ..A  b ", "A-b"},
		{"РА-01", "РА-01"},
		{"!!!", ""},
		{strings.Repeat("a", 50), strings.Repeat("a", 40)},
	} {
		require.Equal(t, tc.want, SanitizeCode(tc.in), tc.in)
	}
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"What Standards Could Be", "what-standards-could-be"},
		{"2024 IBM", "f-2024-ibm"},
		{"Ünïcode", "n-code"},
		{"Пограничная", ""},
		{strings.Repeat("ab-", 40), strings.TrimRight(strings.Repeat("ab-", 40)[:63], "-")},
	} {
		require.Equal(t, tc.want, Slug(tc.in, "f-"), tc.in)
	}
}

func TestSetUnique(t *testing.T) {
	s := Set{}
	require.Equal(t, "ra-01", s.UniqueID("ra-01"))
	require.Equal(t, "ra-01-2", s.UniqueID("ra-01"))
	require.Equal(t, "ra-01-3", s.UniqueID("ra-01"))
	long := strings.Repeat("a", 63)
	require.Equal(t, long, s.UniqueID(long))
	require.Equal(t, strings.Repeat("a", 61)+"-2", s.UniqueID(long))
	c := Set{}
	code := strings.Repeat("Ж", 40)
	require.Equal(t, code, c.UniqueCode(code))
	require.Equal(t, strings.Repeat("Ж", 38)+"-2", c.UniqueCode(code))
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"en", "en", true}, {"EN", "en", true}, {"en_US", "en-US", true}, {"eng", "en", true},
		{"rus", "ru", true}, {"prs", "prs", true}, {"English", "english", false}, {"", "", false},
	} {
		got, ok := Language(tc.in)
		require.Equal(t, tc.ok, ok, tc.in)
		if ok {
			require.Equal(t, tc.want, got, tc.in)
		}
	}
}
