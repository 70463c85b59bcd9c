package services

import (
	"slices"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// RestrictedTitle stands in for the title of a restricted module whose
// text the caller may not read.
const RestrictedTitle = "Restricted module"

// CanReadRestricted is the one rule for restricted text: admins and
// coordinators read every restricted module's text; an editor reads that
// of the academies it is granted; a viewer (or a caller without a
// principal) reads none. name is the module's (or any resource's) name
// under academies/{academy}.
func CanReadRestricted(p curricula.Principal, name string) bool {
	switch p.Role {
	case curricula.RoleAdmin, curricula.RoleCoordinator:
		return true
	case curricula.RoleEditor:
		a := AcademyOf(name)
		return a != "" && slices.Contains(p.Academies, a)
	}
	return false
}

// RestrictedAccess is CanReadRestricted as data, for code that filters
// many modules at once (a search index): all is true when p reads every
// academy's restricted text, else academies lists the IDs it reads.
func RestrictedAccess(p curricula.Principal) (all bool, academies []string) {
	switch p.Role {
	case curricula.RoleAdmin, curricula.RoleCoordinator:
		return true, nil
	case curricula.RoleEditor:
		return false, slices.Clone(p.Academies)
	}
	return false, nil
}

// RedactModule hides, in place, the text of a restricted module that p
// may not read: the title becomes RestrictedTitle; description, outcomes
// and assessment are cleared. Everything the figures need stays: name,
// code, language, hours, credits, delivery, the restricted flag and the
// alignments, so coverage and gaps still count the module. It returns m.
//
// Every method that returns module text calls it (or RedactedModule for
// domain modules) on the way out: get, list, search hits, diffs, reports.
func RedactModule(p curricula.Principal, m *pb.Module) *pb.Module {
	if m == nil || !m.GetRestricted() || CanReadRestricted(p, m.GetName()) {
		return m
	}
	m.Title = RestrictedTitle
	m.Description = ""
	m.Outcomes = nil
	m.Assessment = ""
	return m
}

// RedactedModule is RedactModule for a domain module: it returns m itself
// when p may read it, else a copy with the same fields hidden (m is never
// changed, so inputs shared with the engine stay intact).
func RedactedModule(p curricula.Principal, m *curricula.Module) *curricula.Module {
	if m == nil || !m.Restricted || CanReadRestricted(p, m.Name) {
		return m
	}
	c := *m
	c.Title = RestrictedTitle
	c.Description = ""
	c.Outcomes = nil
	c.Assessment = ""
	return &c
}
