package casefmt

import "strings"

// notesMarker separates CASE notes from the text they follow inside a
// Concord description.
const notesMarker = "Notes: "

// joinStatement maps a CASE item's texts (in one language) to a Concord
// title and description:
//
//	abbreviatedStatement and fullStatement: title = abbreviated, description = full
//	fullStatement only:                     title = full
//	notes:                                  see joinNotes
//
// ok is false when the item has no statement at all.
func joinStatement(abbrev, full, notes string) (title, desc string, ok bool) {
	var body string
	switch {
	case !isBlank(abbrev) && !isBlank(full):
		title, body = abbrev, full
	case !isBlank(full):
		title = full
	case !isBlank(abbrev):
		title = abbrev
	default:
		return "", "", false
	}
	return title, joinNotes(body, notes), true
}

// splitStatement is the inverse of joinStatement: joinStatement of its
// results gives back title and desc exactly.
func splitStatement(title, desc string) (abbrev, full, notes string) {
	body, notes := splitNotes(desc)
	if body == "" {
		return "", title, notes
	}
	return title, body, notes
}

// joinNotes appends CASE notes to a description after a blank line, as
// "Notes: …"; without a description they make it alone ("Notes: …").
func joinNotes(body, notes string) string {
	switch {
	case isBlank(notes):
		return body
	case isBlank(body):
		return notesMarker + notes
	}
	return body + "\n\n" + notesMarker + notes
}

// splitNotes is the inverse of joinNotes: joinNotes(splitNotes(d)) == d
// for every d.
func splitNotes(desc string) (body, notes string) {
	if rest, ok := strings.CutPrefix(desc, notesMarker); ok && !isBlank(rest) {
		return "", rest
	}
	sep := "\n\n" + notesMarker
	if i := strings.Index(desc, sep); i > 0 && !isBlank(desc[:i]) && !isBlank(desc[i+len(sep):]) {
		return desc[:i], desc[i+len(sep):]
	}
	return desc, ""
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
