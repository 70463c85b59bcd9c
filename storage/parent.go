package storage

import (
	"slices"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// wildcard stands for any ID in a parent name (AIP-159).
const wildcard = "-"

// selector picks the names of one kind that lie under a parent.
type selector struct {
	prefix []byte   // every selected name starts with it
	parent []string // the parent's segments when it has wildcards
}

// match reports whether key, which starts with the prefix, lies under the
// parent.
func (s selector) match(key []byte) bool {
	if s.parent == nil {
		return true
	}
	segs := strings.SplitN(string(key), "/", len(s.parent)+1)
	for i, p := range s.parent {
		if p != wildcard && segs[i] != p {
			return false
		}
	}
	return true
}

// parseParent checks that parent ("" for all) is a name, IDs possibly
// "-", of the kind whose children are of kind k.
func parseParent(k curricula.Kind, parent string) (selector, error) {
	if parent == "" {
		return selector{}, nil
	}
	pk, ok := parentKind(k)
	if !ok {
		return selector{}, curricula.Errorf(curricula.EINVALID, "%s has no parent, so parent must be empty (got %q)", k, parent)
	}
	segs := strings.Split(parent, "/")
	probe := slices.Clone(segs)
	first := -1
	for i := 1; i < len(probe); i += 2 {
		if probe[i] == wildcard {
			probe[i] = "x"
			if first < 0 {
				first = i
			}
		}
	}
	if _, err := curricula.ParseName(pk, strings.Join(probe, "/")); err != nil {
		return selector{}, curricula.Errorf(curricula.EINVALID, "parent %q is not a %s name, the parent of a %s (an ID may be %q for any)", parent, pk, k, wildcard)
	}
	if first < 0 {
		return selector{prefix: []byte(parent + "/" + k.Collection() + "/")}, nil
	}
	return selector{prefix: []byte(strings.Join(segs[:first], "/") + "/"), parent: segs}, nil
}

// parentKind returns the kind of k's parent; ok is false at the top.
func parentKind(k curricula.Kind) (curricula.Kind, bool) {
	for _, p := range curricula.Kinds {
		if slices.Contains(p.Children(), k) {
			return p, true
		}
	}
	return "", false
}
