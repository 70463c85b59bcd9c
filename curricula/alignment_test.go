package curricula_test

import (
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestParseDepth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want curricula.Depth
	}{
		{"I", curricula.DepthIntroduced},
		{"i", curricula.DepthIntroduced},
		{"Introduced", curricula.DepthIntroduced},
		{" R ", curricula.DepthReinforced},
		{"reinforced", curricula.DepthReinforced},
		{"M", curricula.DepthMastered},
		{"MASTERED", curricula.DepthMastered},
	} {
		d, err := curricula.ParseDepth(tc.in)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, d, tc.in)
	}
	for _, in := range []string{"", "X", "N", "NONE", "IR", "0", "1", "master"} {
		d, err := curricula.ParseDepth(in)
		require.EqualError(t, err, `depth "`+in+`" is not one of I, R, M`)
		require.Equal(t, curricula.DepthNone, d)
	}
}

func TestDepthForms(t *testing.T) {
	for _, tc := range []struct {
		d           curricula.Depth
		letter, str string
		valid       bool
	}{
		{curricula.DepthNone, "", "NONE", false},
		{curricula.DepthIntroduced, "I", "INTRODUCED", true},
		{curricula.DepthReinforced, "R", "REINFORCED", true},
		{curricula.DepthMastered, "M", "MASTERED", true},
		{curricula.Depth(4), "?", "Depth(4)", false},
		{curricula.Depth(-1), "?", "Depth(-1)", false},
	} {
		require.Equal(t, tc.letter, tc.d.Letter())
		require.Equal(t, tc.str, tc.d.String())
		require.Equal(t, tc.valid, tc.d.Valid(), tc.str)
	}
	require.Less(t, curricula.DepthIntroduced, curricula.DepthReinforced)
	require.Less(t, curricula.DepthReinforced, curricula.DepthMastered)
}

func TestParseAlignments(t *testing.T) {
	codes := map[string]string{"RA-01": "risk-1", "HR-02": "hr-2"}
	resolve := func(code string) (string, bool) { id, ok := codes[code]; return id, ok }
	for _, tc := range []struct {
		what    string
		in      string
		resolve func(string) (string, bool)
		want    []curricula.Alignment
	}{
		{"empty", "", nil, nil},
		{"blank entries", " ; ;", nil, nil},
		{"default resolver", "RA-01:M:6; HR-02:I", nil, []curricula.Alignment{
			{Competency: "ra-01", Depth: curricula.DepthMastered, Hours: 6},
			{Competency: "hr-02", Depth: curricula.DepthIntroduced},
		}},
		{"custom resolver", "RA-01:r:1.5;HR-02:Mastered", resolve, []curricula.Alignment{
			{Competency: "risk-1", Depth: curricula.DepthReinforced, Hours: 1.5},
			{Competency: "hr-2", Depth: curricula.DepthMastered},
		}},
		{"spaces and decimal comma", "  RA-01 : I : 2,5 ;", nil, []curricula.Alignment{
			{Competency: "ra-01", Depth: curricula.DepthIntroduced, Hours: 2.5},
		}},
		{"numeric code", "1.2:M:0", nil, []curricula.Alignment{
			{Competency: "c-1-2", Depth: curricula.DepthMastered},
		}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			got, err := curricula.ParseAlignments(tc.in, tc.resolve)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestParseAlignmentsErrors(t *testing.T) {
	resolve := func(code string) (string, bool) { return strings.ToLower(code), code == "RA-01" || code == "HR-02" }
	for _, tc := range []struct {
		what    string
		in      string
		resolve func(string) (string, bool)
		want    string
	}{
		{"no depth", "RA-01", nil, `alignment 1 "RA-01": want CODE:DEPTH or CODE:DEPTH:HOURS`},
		{"too many parts", "RA-01:M:2; HR-02:I:1:2", nil, `alignment 2 "HR-02:I:1:2": want CODE:DEPTH or CODE:DEPTH:HOURS`},
		{"unknown code", "RA-01:M; ZZ-99:I", resolve, `alignment 2: unknown competency code "ZZ-99"`},
		{"code without an ID form", "RA+1:M", nil, `alignment 1: unknown competency code "RA+1"`},
		{"empty code", ":M", nil, `alignment 1: unknown competency code ""`},
		{"bad depth", "RA-01:X:2", resolve, `alignment 1: depth "X" is not one of I, R, M`},
		{"empty depth", "RA-01::2", nil, `alignment 1: depth "" is not one of I, R, M`},
		{"bad hours", "RA-01:M:six", resolve, `alignment 1: hours "six" is not a number`},
		{"empty hours", "HR-02:M:", resolve, `alignment 1: hours "" is not a number`},
	} {
		t.Run(tc.what, func(t *testing.T) {
			got, err := curricula.ParseAlignments(tc.in, tc.resolve)
			require.EqualError(t, err, tc.want)
			require.Nil(t, got)
		})
	}
}

func TestFormatAlignmentsRoundTrip(t *testing.T) {
	as := []curricula.Alignment{
		{Competency: "ra-01", Depth: curricula.DepthMastered, Hours: 6},
		{Competency: "hr-02", Depth: curricula.DepthIntroduced},
		{Competency: "gov-03", Depth: curricula.DepthReinforced, Hours: 0.25},
	}
	s := curricula.FormatAlignments(as, nil)
	require.Equal(t, "RA-01:M:6; HR-02:I; GOV-03:R:0.25", s)
	back, err := curricula.ParseAlignments(s, nil)
	require.NoError(t, err)
	require.Equal(t, as, back)

	// With a code table both ways.
	idToCode := map[string]string{"ra-01": "RA/1", "hr-02": "HR/2", "gov-03": "GOV/3"}
	codeToID := map[string]string{}
	for id, c := range idToCode {
		codeToID[c] = id
	}
	s = curricula.FormatAlignments(as, func(id string) string { return idToCode[id] })
	require.Equal(t, "RA/1:M:6; HR/2:I; GOV/3:R:0.25", s)
	back, err = curricula.ParseAlignments(s, func(c string) (string, bool) { id, ok := codeToID[c]; return id, ok })
	require.NoError(t, err)
	require.Equal(t, as, back)

	require.Equal(t, "", curricula.FormatAlignments(nil, nil))
}
