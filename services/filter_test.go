package services

import (
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
)

// requireViolation asserts that err is EINVALID with exactly one violation
// of field, whose description contains desc.
func requireViolation(t *testing.T, err error, field, desc string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err), "%v", err)
	vs := violationsOf(err)
	require.Len(t, vs, 1, "%v", err)
	require.Equal(t, field, vs[0].Field)
	require.Contains(t, vs[0].Description, desc)
}

func TestFilterParseErrors(t *testing.T) {
	for _, tc := range []struct {
		what, expr, desc string
	}{
		{"unknown field", `colour = "red"`, `unknown field "colour"`},
		{"unknown nested field", `alignments.weight > 3`, `unknown field "alignments.weight"`},
		{"path through a scalar", `hours.value > 3`, `unknown field "hours.value"`},
		{"path through a timestamp", `create_time.seconds > 3`, `unknown field "create_time.seconds"`},
		{"empty path segment", `alignments..depth = M`, `unknown field "alignments..depth"`},
		{"missing value", `code =`, `want a value after "code" =`},
		{"missing value before parenthesis", `(code = )`, `want a value after "code" =`},
		{"unterminated string", `code = "RA`, "unterminated string starting at character 8"},
		{"unterminated single quote", `code = 'RA`, "unterminated string starting at character 8"},
		{"bad operator", `code ~ RA`, `want a comparison (= != < <= > >= :) after "code"`},
		{"lone bang", `code ! RA`, "'!' must be followed by '='"},
		{"no operator", `code`, `want a comparison (= != < <= > >= :) after "code"`},
		{"quoted field", `"code" = RA`, `want a field name, got "code"`},
		{"missing parenthesis", `(code = RA`, "missing ')'"},
		{"extra parenthesis", `code = RA)`, `unexpected ")"`},
		{"dangling AND", `code = RA AND`, "unexpected end of filter"},
		{"dangling NOT", `NOT`, "unexpected end of filter"},
		{"too long", `code = "` + strings.Repeat("R", MaxFilterLength) + `"`, "is longer than 2048 characters"},
	} {
		t.Run(tc.what, func(t *testing.T) {
			f, err := parseFilter(tc.expr, &pb.Module{})
			require.Nil(t, f)
			requireViolation(t, err, "filter", tc.desc)
		})
	}
}

func TestFilterEmpty(t *testing.T) {
	for _, expr := range []string{"", "   "} {
		f, err := parseFilter(expr, &pb.Academy{})
		require.NoError(t, err)
		require.Nil(t, f)
		require.True(t, f.match(&pb.Academy{}))
	}
}

func TestFilterAcademies(t *testing.T) {
	kz := &pb.Academy{Name: "academies/kz-border", DisplayName: "Border Academy", Country: "KZ", Agency: "border-guard", Languages: []string{"kk", "ru"}}
	kg := &pb.Academy{Name: "academies/kg-customs", DisplayName: "Customs Training Centre", Country: "KG", Agency: "customs", Languages: []string{"ky", "ru"}}
	tj := &pb.Academy{Name: "academies/tj-border", DisplayName: "Border Institute", Country: "TJ", Agency: "border-guard", Languages: []string{"tg"}, City: "Dushanbe"}
	all := []*pb.Academy{kz, kg, tj}
	for _, tc := range []struct {
		expr string
		want []string // names of the matching academies
	}{
		{`country = "KZ"`, []string{kz.Name}},
		{`country = KZ`, []string{kz.Name}},
		{`country = 'KZ'`, []string{kz.Name}},
		{`country = "kz"`, nil},
		{`country != KZ`, []string{kg.Name, tj.Name}},
		{`NOT country = KZ`, []string{kg.Name, tj.Name}},
		{`-country = KZ`, []string{kg.Name, tj.Name}},
		{`- country = KZ`, []string{kg.Name, tj.Name}},
		{`-(country = KG OR country = TJ)`, []string{kz.Name}},
		{`NOT NOT country = KZ`, []string{kz.Name}},
		{`country = KZ OR country = TJ`, []string{kz.Name, tj.Name}},
		{`country = KZ AND agency = customs`, nil},
		{`agency = border-guard country = TJ`, []string{tj.Name}},
		// AND binds tighter than OR.
		{`country = KG OR country = TJ AND agency = customs`, []string{kg.Name}},
		{`country = KG OR agency = customs AND country = TJ`, []string{kg.Name}},
		{`(country = KG OR country = TJ) AND agency = border-guard`, []string{tj.Name}},
		{`NOT (country = KG OR country = TJ)`, []string{kz.Name}},
		{`NOT country = KG AND NOT country = TJ`, []string{kz.Name}},
		// Prefixes.
		{`name = "academies/kz*"`, []string{kz.Name}},
		{`name = academies/k*`, []string{kz.Name, kg.Name}},
		{`name != "academies/k*"`, []string{tj.Name}},
		{`name = "kz*"`, nil},
		// ':' on a repeated field is membership, on a string a substring.
		{`languages:ru`, []string{kz.Name, kg.Name}},
		{`languages:tg`, []string{tj.Name}},
		{`languages:r`, nil},
		{`languages:"k*"`, []string{kz.Name, kg.Name}},
		{`languages = ky`, []string{kg.Name}},
		{`display_name:border`, []string{kz.Name, tj.Name}},
		{`display_name:"TRAINING c"`, []string{kg.Name}},
		// Unset fields.
		{`city = ""`, []string{kz.Name, kg.Name}},
		{`city:dush`, []string{tj.Name}},
		{`website != x`, []string{kz.Name, kg.Name, tj.Name}},
		// Keywords are case-sensitive words; quoted they are values.
		{`country = "OR"`, nil},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			f, err := parseFilter(tc.expr, &pb.Academy{})
			require.NoError(t, err)
			require.Equal(t, tc.want, matching(f, all))
		})
	}
}

func TestFilterModules(t *testing.T) {
	fw := "frameworks/ibm-core/competencies/"
	short := &pb.Module{Name: "m/short", Code: "RA-1", Hours: 12, Delivery: pb.Module_CLASSROOM,
		Alignments: []*pb.Alignment{{Competency: fw + "ra-01", Depth: pb.Depth_INTRODUCED, Hours: 12}}}
	mid := &pb.Module{Name: "m/mid", Code: "RA-2", Hours: 30, Restricted: true, Delivery: pb.Module_FIELD_EXERCISE,
		Alignments: []*pb.Alignment{{Competency: fw + "ra-01", Depth: pb.Depth_MASTERED, Hours: 10}, {Competency: fw + "hr-02", Depth: pb.Depth_REINFORCED}}}
	long := &pb.Module{Name: "m/long", Code: "HR-1", Hours: 40.5}
	all := []*pb.Module{short, mid, long}
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{`hours > 30`, []string{long.Name}},
		{`hours >= 30`, []string{mid.Name, long.Name}},
		{`hours <= 30`, []string{short.Name, mid.Name}},
		{`hours < 30`, []string{short.Name}},
		{`hours > 12 AND hours <= 40`, []string{mid.Name}},
		{`hours = 40.5`, []string{long.Name}},
		{`hours != 30`, []string{short.Name, long.Name}},
		{`hours > abc`, nil},
		{`hours > -3 AND -hours > 20`, []string{short.Name}},
		{`restricted = true`, []string{mid.Name}},
		{`restricted = false`, []string{short.Name, long.Name}},
		{`delivery = FIELD_EXERCISE`, []string{mid.Name}},
		{`delivery = DELIVERY_UNSPECIFIED`, []string{long.Name}},
		{`alignments.depth = MASTERED`, []string{mid.Name}},
		{`alignments.depth = INTRODUCED OR alignments.depth = REINFORCED`, []string{short.Name, mid.Name}},
		{`alignments.competency = "frameworks/ibm-core/competencies/ra-01"`, []string{short.Name, mid.Name}},
		{`alignments.competency:hr-02`, []string{mid.Name}},
		{`alignments.hours >= 12`, []string{short.Name}},
		{`alignments:competency`, []string{short.Name, mid.Name}}, // elements are messages: key presence
		{`NOT alignments.depth = MASTERED`, []string{short.Name, long.Name}},
		{`code = RA* hours < 20`, []string{short.Name}},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			f, err := parseFilter(tc.expr, &pb.Module{})
			require.NoError(t, err)
			require.Equal(t, tc.want, matching(f, all))
		})
	}
}

func TestFilterFrameworksAndProgrammes(t *testing.T) {
	draft := &pb.Framework{Name: "frameworks/next", State: pb.Framework_DRAFT, Title: map[string]string{"en": "Next"}}
	published := &pb.Framework{Name: "frameworks/ibm-core", State: pb.Framework_PUBLISHED, Title: map[string]string{"en": "IBM core", "ru": "ИУГ"}}
	fws := []*pb.Framework{draft, published}
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{`state = PUBLISHED`, []string{published.Name}},
		{`state != PUBLISHED`, []string{draft.Name}},
		{`title:ru`, []string{published.Name}},
		{`title.en = Next`, []string{draft.Name}},
		{`title.en:core`, []string{published.Name}},
		{`title.fr = x`, nil},
	} {
		f, err := parseFilter(tc.expr, &pb.Framework{})
		require.NoError(t, err, tc.expr)
		require.Equal(t, tc.want, matching(f, fws), tc.expr)
	}

	p := &pb.Programme{Name: "programmes/ca", Targets: &pb.Targets{MinHours: 4, MinDepth: pb.Depth_REINFORCED}}
	q := &pb.Programme{Name: "programmes/sr"}
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{`targets.min_hours >= 4`, []string{p.Name}},
		{`targets.min_depth = REINFORCED`, []string{p.Name}},
		{`targets.min_hours != 4`, []string{q.Name}},
	} {
		f, err := parseFilter(tc.expr, &pb.Programme{})
		require.NoError(t, err, tc.expr)
		require.Equal(t, tc.want, matching(f, []*pb.Programme{p, q}), tc.expr)
	}
}

func matching[M interface {
	proto.Message
	GetName() string
}](f *filter, ms []M) []string {
	var out []string
	for _, m := range ms {
		if f.match(m) {
			out = append(out, m.GetName())
		}
	}
	return out
}
