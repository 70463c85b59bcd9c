package services

import "github.com/concord-ibm/concord/curricula"

// moduleTitleFor is the hook for restricted-module redaction in the
// harmonisation results: the title of module m that principal p may see
// (RestrictedTitle for a restricted module p may not read; the rule is
// CanReadRestricted). Only the diff shows module text (its counterparts'
// titles), and DiffCurricula redacts its inputs before comparing, so that
// not even a text-similarity score is computed from hidden text; coverage,
// gaps, snapshots and reports count restricted modules like any other and
// name them, but never show their text.
func moduleTitleFor(p curricula.Principal, m *curricula.Module) string {
	return RedactedModule(p, m).Title
}
