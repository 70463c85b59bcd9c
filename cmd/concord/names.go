package main

import (
	"strings"
	"time"
)

// Short forms of resource names that the harmonisation commands accept,
// expanded before the call (the server itself takes full names):
//
//	central-asia               → programmes/central-asia
//	kz-border-academy/basic-2024 → academies/kz-border-academy/curricula/basic-2024
//	2021-06-30                 → on-2021-06-30 (a snapshot ID; snapshot IDs
//	                             are resolved in the programme's snapshots)
//
// Anything containing the collection's name is taken as a full name.

// programmeName expands "central-asia" to "programmes/central-asia".
func programmeName(s string) string {
	if strings.HasPrefix(s, "programmes/") {
		return s
	}
	return "programmes/" + s
}

// curriculumName expands "academy/curriculum" and
// "academy/curricula/curriculum" to a full curriculum name.
func curriculumName(s string) string {
	switch {
	case strings.HasPrefix(s, "academies/"):
		return s
	case strings.Contains(s, "/curricula/"):
		return "academies/" + s
	}
	if a, c, ok := strings.Cut(s, "/"); ok && !strings.Contains(c, "/") {
		return "academies/" + a + "/curricula/" + c
	}
	return s
}

// snapshotRef expands a bare date to the generated snapshot ID of that
// day; IDs and names pass through.
func snapshotRef(s string) string {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return "on-" + s
	}
	return s
}

// shortMember is a member's academy ID and curriculum ID
// ("kz-border-academy/basic-2024").
func shortMember(name string) string {
	return strings.Replace(strings.TrimPrefix(name, "academies/"), "/curricula/", "/", 1)
}

// academyOf is the academy ID of a curriculum name.
func academyOf(name string) string {
	a, _, _ := strings.Cut(strings.TrimPrefix(name, "academies/"), "/")
	return a
}

// lastID is the last segment of a resource name.
func lastID(name string) string { return name[strings.LastIndexByte(name, '/')+1:] }
