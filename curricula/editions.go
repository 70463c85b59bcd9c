package curricula

import "slices"

// LatestEditions maps every curriculum that a later edition supersedes,
// directly or through a chain of editions (Curriculum.Supersedes), to the
// newest edition of the chain: the one that nothing supersedes. Curricula
// that nothing supersedes are absent. A curriculum superseded by two
// editions is ambiguous and maps to nothing, and so does every curriculum
// on a cycle of Supersedes links.
func LatestEditions(cs []*Curriculum) map[string]string {
	next := map[string]string{}
	ambiguous := map[string]bool{}
	for _, c := range cs {
		if c == nil || c.Supersedes == "" || c.Supersedes == c.Name {
			continue
		}
		if n, ok := next[c.Supersedes]; ok && n != c.Name {
			ambiguous[c.Supersedes] = true
		}
		next[c.Supersedes] = c.Name
	}
	for old := range ambiguous {
		delete(next, old)
	}
	latest := make(map[string]string, len(next))
	for old := range next {
		seen := map[string]bool{old: true}
		cur := old
		for {
			n, ok := next[cur]
			if !ok {
				break
			}
			if seen[n] {
				cur = "" // a cycle
				break
			}
			seen[n] = true
			cur = n
		}
		if cur != "" && cur != old {
			latest[old] = cur
		}
	}
	return latest
}

// InEditions returns a copy of s whose members are renamed to the newest
// editions of their curricula (latest, from LatestEditions), so that
// CompareSnapshots matches an academy's member across a new edition: a
// member measured on basic-2019 in one snapshot and on basic-2024 in the
// next is then KEPT, and its gaps close or open. A member keeps its name
// when latest has none for it or when another member of s already has
// the new name. measured maps every member name of the copy to the
// curriculum s measured. s itself is not changed.
func (s *Snapshot) InEditions(latest map[string]string) (out *Snapshot, measured map[string]string) {
	cp := *s
	cp.Members = slices.Clone(s.Members)
	taken := make(map[string]bool, len(s.Members))
	for _, m := range s.Members {
		taken[m.Curriculum] = true
	}
	measured = make(map[string]string, len(s.Members))
	for i, m := range cp.Members {
		if n, ok := latest[m.Curriculum]; ok && !taken[n] {
			taken[n] = true
			cp.Members[i].Curriculum = n
		}
		measured[cp.Members[i].Curriculum] = m.Curriculum
	}
	return &cp, measured
}
