package curricula

import (
	"regexp"
	"strings"
)

// Resource identifiers follow AIP-122: 1–63 characters, lower-case letters,
// digits and hyphens, starting with a letter and not ending with a hyphen.
var idPattern = regexp.MustCompile(`^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`)

// ValidID reports whether id is a valid resource identifier.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// Collection identifiers, as they appear in resource names.
const (
	CollFrameworks   = "frameworks"
	CollCompetencies = "competencies"
	CollAcademies    = "academies"
	CollCurricula    = "curricula"
	CollModules      = "modules"
	CollProgrammes   = "programmes"
	CollSnapshots    = "snapshots"
)

// Kind is the type of a resource, derived from the shape of its name.
type Kind string

// Resource kinds.
const (
	KindFramework  Kind = "Framework"
	KindCompetency Kind = "Competency"
	KindAcademy    Kind = "Academy"
	KindCurriculum Kind = "Curriculum"
	KindModule     Kind = "Module"
	KindProgramme  Kind = "Programme"
	KindSnapshot   Kind = "Snapshot"
)

// patterns lists each kind's name pattern as collection segments.
var patterns = map[Kind][]string{
	KindFramework:  {CollFrameworks},
	KindCompetency: {CollFrameworks, CollCompetencies},
	KindAcademy:    {CollAcademies},
	KindCurriculum: {CollAcademies, CollCurricula},
	KindModule:     {CollAcademies, CollCurricula, CollModules},
	KindProgramme:  {CollProgrammes},
	KindSnapshot:   {CollProgrammes, CollSnapshots},
}

var singular = map[string]string{
	CollFrameworks: "framework", CollCompetencies: "competency", CollAcademies: "academy",
	CollCurricula: "curriculum", CollModules: "module", CollProgrammes: "programme", CollSnapshots: "snapshot",
}

// Kinds lists every resource kind, parents before children.
var Kinds = []Kind{KindFramework, KindCompetency, KindAcademy, KindCurriculum, KindModule, KindProgramme, KindSnapshot}

// Children returns the kinds whose parent is a resource of kind k.
func (k Kind) Children() []Kind {
	var out []Kind
	n := len(patterns[k])
	for _, c := range Kinds {
		p := patterns[c]
		if len(p) == n+1 && strings.Join(p[:n], "/") == strings.Join(patterns[k], "/") {
			out = append(out, c)
		}
	}
	return out
}

// Collection returns the collection identifier of kind k ("modules").
func (k Kind) Collection() string { p := patterns[k]; return p[len(p)-1] }

// Name is a parsed resource name: the IDs of the resource and its
// ancestors, outermost first.
type Name struct {
	Kind Kind
	IDs  []string
}

// String formats the name ("academies/a/curricula/c").
func (n Name) String() string {
	var b strings.Builder
	for i, coll := range patterns[n.Kind] {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(coll)
		b.WriteByte('/')
		if i < len(n.IDs) {
			b.WriteString(n.IDs[i])
		}
	}
	return b.String()
}

// ID is the resource's own identifier (the last segment).
func (n Name) ID() string { return n.IDs[len(n.IDs)-1] }

// Parent returns the parent's name; ok is false for a top-level resource.
func (n Name) Parent() (Name, bool) {
	for k, p := range patterns {
		if len(p) == len(n.IDs)-1 && len(p) > 0 && strings.Join(p, "/") == strings.Join(patterns[n.Kind][:len(p)], "/") {
			return Name{Kind: k, IDs: n.IDs[:len(n.IDs)-1]}, true
		}
	}
	return Name{}, false
}

// ParseName parses a full resource name of the given kind.
func ParseName(kind Kind, s string) (Name, error) {
	p, ok := patterns[kind]
	if !ok {
		return Name{}, Errorf(EINVALID, "unknown resource kind %q", kind)
	}
	parts := strings.Split(s, "/")
	if len(parts) != 2*len(p) {
		return Name{}, Errorf(EINVALID, "%q is not a %s name (want %s)", s, kind, Name{Kind: kind}.pattern())
	}
	ids := make([]string, len(p))
	for i, coll := range p {
		if parts[2*i] != coll || !ValidID(parts[2*i+1]) {
			return Name{}, Errorf(EINVALID, "%q is not a %s name (want %s)", s, kind, Name{Kind: kind}.pattern())
		}
		ids[i] = parts[2*i+1]
	}
	return Name{Kind: kind, IDs: ids}, nil
}

// KindOf returns the kind of a full resource name, judged by its shape.
func KindOf(s string) (Kind, bool) {
	for _, k := range Kinds {
		if _, err := ParseName(k, s); err == nil {
			return k, true
		}
	}
	return "", false
}

func (n Name) pattern() string {
	var b strings.Builder
	for i, coll := range patterns[n.Kind] {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(coll + "/{" + singular[coll] + "}")
	}
	return b.String()
}

// NewName builds the name of kind k from its IDs, outermost first.
func NewName(k Kind, ids ...string) Name { return Name{Kind: k, IDs: ids} }

// FrameworkName etc. format well-known names.
func FrameworkName(f string) string     { return CollFrameworks + "/" + f }
func AcademyName(a string) string       { return CollAcademies + "/" + a }
func CurriculumName(a, c string) string { return AcademyName(a) + "/" + CollCurricula + "/" + c }
func ModuleName(a, c, m string) string  { return CurriculumName(a, c) + "/" + CollModules + "/" + m }
func CompetencyName(f, c string) string { return FrameworkName(f) + "/" + CollCompetencies + "/" + c }
func ProgrammeName(p string) string     { return CollProgrammes + "/" + p }
func SnapshotName(p, s string) string   { return ProgrammeName(p) + "/" + CollSnapshots + "/" + s }
