package services

import "github.com/concord-ibm/concord/curricula"

// moduleTitleFor is the ONE hook for restricted-module redaction in the
// harmonisation results: it returns the title of module m that principal
// p may see. Only the diff shows module text (its counterparts' titles);
// coverage, gaps, snapshots and reports count restricted modules like any
// other and name them, but never show their text. The authorization
// policy (who may read a module with m.Restricted set) belongs to the
// services' auth; until it is wired in here, every title is shown.
func moduleTitleFor(p curricula.Principal, m *curricula.Module) string {
	return m.Title
}
