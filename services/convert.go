package services

import (
	"fmt"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// enumMap maps a domain enumeration to a proto one and back. Unknown proto
// values map to the domain's zero value, which validation then rejects.
type enumMap[D comparable, P comparable] struct {
	toProto  map[D]P
	toDomain map[P]D
}

func newEnumMap[D comparable, P comparable](pairs map[D]P) enumMap[D, P] {
	m := enumMap[D, P]{toProto: pairs, toDomain: make(map[P]D, len(pairs))}
	for d, p := range pairs {
		m.toDomain[p] = d
	}
	return m
}

func (m enumMap[D, P]) proto(d D) P  { return m.toProto[d] }
func (m enumMap[D, P]) domain(p P) D { return m.toDomain[p] }

func copyText(t map[string]string) curricula.Text {
	if len(t) == 0 {
		return nil
	}
	out := make(curricula.Text, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}

func strings2[T ~string](in []T) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

func typed[T ~string](in []string) []T {
	if len(in) == 0 {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = T(v)
	}
	return out
}

// competencyRef turns a competency resource name into its framework name
// and ID, recording a violation of field when it is not one.
func competencyRef(vs *curricula.Violations, field, name string) (framework, id string) {
	n, err := curricula.ParseName(curricula.KindCompetency, name)
	if err != nil {
		vs.Add(field, "%q is not a competency name (frameworks/{framework}/competencies/{competency})", name)
		return "", ""
	}
	return curricula.FrameworkName(n.IDs[0]), n.IDs[1]
}

// checkSameFramework records a violation when a reference points into
// another framework than want.
func checkSameFramework(vs *curricula.Violations, field, got, want string) {
	if got != "" && got != want {
		vs.Add(field, "belongs to %s, not to %s", got, want)
	}
}

func indexed(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

// apiFieldNames renames the few domain fields whose API name differs.
var apiFieldNames = map[curricula.Kind]map[string]string{
	curricula.KindCompetency: {"parent": "parent_competency"},
}

// apiViolations names the fields of a resource of kind k's violations as
// the API does (in place).
func apiViolations(k curricula.Kind, vs curricula.Violations) curricula.Violations {
	for i, v := range vs {
		if n, ok := apiFieldNames[k][v.Field]; ok {
			vs[i].Field = n
		}
	}
	return vs
}
