package services

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPageTokenRoundTrip(t *testing.T) {
	check := requestCheck("Module", "academies/kz/curricula/basic", `hours > 3`)
	for _, after := range []string{"academies/kz/curricula/basic/modules/m1", "x", "frameworks/ibm-core/competencies/ra-01"} {
		tok := encodePageToken(after, check)
		require.NotContains(t, tok, after, "the token is opaque")
		got, err := decodePageToken(tok, check)
		require.NoError(t, err)
		require.Equal(t, after, got)
	}
	got, err := decodePageToken("", check)
	require.NoError(t, err)
	require.Equal(t, "", got)
}

func TestRequestCheck(t *testing.T) {
	base := requestCheck("Module", "academies/kz", "f")
	require.Equal(t, base, requestCheck("Module", "academies/kz", "f"))
	require.NotEqual(t, base, requestCheck("Module", "academies/kg", "f"))
	require.NotEqual(t, base, requestCheck("Module", "academies/kz", "g"))
	require.NotEqual(t, base, requestCheck("Curriculum", "academies/kz", "f"))
	// Parts are separated, so moving a boundary changes the check.
	require.NotEqual(t, requestCheck("ab", "c"), requestCheck("a", "bc"))
}

func TestPageTokenRejects(t *testing.T) {
	check := requestCheck("Academy", "", "")
	good := encodePageToken("academies/kz", check)
	raw, err := base64.RawURLEncoding.DecodeString(good)
	require.NoError(t, err)
	tampered := []byte(string(raw))
	tampered[len(tampered)-2] ^= 1 // flip a bit of the checksum
	for _, tc := range []struct {
		what, tok, desc string
	}{
		{"not base64", "!!!", "is not a token returned by this method"},
		{"padded base64", good + "=", "is not a token returned by this method"},
		{"not JSON", base64.RawURLEncoding.EncodeToString([]byte("academies/kz")), "is not a token returned by this method"},
		{"no position", base64.RawURLEncoding.EncodeToString([]byte(`{"c":1}`)), "is not a token returned by this method"},
		{"truncated", good[:len(good)-3], "is not a token returned by this method"},
		{"tampered checksum", base64.RawURLEncoding.EncodeToString(tampered), "belongs to a request with another parent or filter"},
		{"another request", encodePageToken("academies/kz", requestCheck("Academy", "", `country = "KZ"`)), "belongs to a request with another parent or filter"},
	} {
		t.Run(tc.what, func(t *testing.T) {
			after, err := decodePageToken(tc.tok, check)
			require.Equal(t, "", after)
			requireViolation(t, err, "page_token", tc.desc)
		})
	}
}

func TestPageSize(t *testing.T) {
	for _, tc := range []struct {
		in   int32
		want int
	}{
		{0, DefaultPageSize}, {1, 1}, {50, 50}, {999, 999}, {1000, 1000},
	} {
		n, err := pageSize(tc.in)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, n, tc.in)
	}
	require.Equal(t, 50, DefaultPageSize)
	for _, tc := range []struct {
		in   int32
		desc string
	}{
		{1001, "must be at most 1000"}, {1 << 30, "must be at most 1000"}, {-1, "must not be negative"}, {-1 << 31, "must not be negative"},
	} {
		n, err := pageSize(tc.in)
		require.Equal(t, 0, n)
		requireViolation(t, err, "page_size", tc.desc)
	}
}
