// Package curricula is Concord's domain: the resources (frameworks and
// their competencies, academies, curricula, modules, programmes,
// snapshots), their validation, the Store contract, and the harmonisation
// engine, a set of pure functions over a ProgrammeInput (or two
// CurriculumInputs for a diff). The formulas of the engine follow.
//
// # Framework versions
//
// Rows are the competencies of the programme's framework, depth first
// (siblings by Order, then Code). A member's alignment names a competency
// ID of the member's curriculum's framework F; it counts for:
//
//   - F is the programme's framework: the competency with that ID;
//   - otherwise every current competency whose Replaces lists
//     F/competencies/{id} (one old competency replaced by k current ones
//     gives each the full depth and 1/k of the hours);
//   - otherwise, when F is an earlier version of the programme's framework
//     (in its PreviousVersion chain), the current competency with the same
//     ID: an unchanged competency carried over to the new version.
//
// Replaces is not followed transitively: a competency lists the names of
// every older version it stands for. Alignments that resolve to nothing
// are reported as UNKNOWN_COMPETENCY issues and count nowhere.
//
// # Hours of an alignment
//
// An alignment's hours are its Hours when stated (> 0). The module's hours
// not stated by its alignments, max(0, module hours − Σ stated), are split
// evenly among its alignments that state none (including alignments whose
// competency is unknown: their share is lost, not handed to the others).
// A module of 0 hours contributes depth but no hours.
//
// # Coverage matrix
//
// For member m and competency c, from the alignments of m's modules that
// resolve to c itself:
//
//	depth(c, m)   = max depth            (DepthNone when there is none)
//	hours(c, m)   = Σ hours              (duplicates across modules add up)
//	modules(c, m) = the modules with such an alignment
//
// An area (a competency with children) aggregates its subtree:
// depth = max(own, children's), hours = own + Σ children's, modules =
// own ∪ children's. A module aligned to an area counts for the area (and
// its ancestors) only, never for the area's leaves. A cell is taught when
// modules(c, m) is not empty.
//
// # Targets and gaps
//
// The required set is Targets.RequiredCompetencies, or every leaf when it
// is empty; a required area is judged on its aggregated cell. Each
// required competency c has the target (D_c, H_c) = its override's
// (MinDepth, MinHours) or else the programme's. Overrides of competencies
// outside the required set, and unknown IDs, are reported and ignored.
// For each member and required c, with actual (d, h):
//
//	not taught                → one MISSING gap (even when D_c = H_c = 0)
//	taught and d < D_c        → a BELOW_DEPTH gap
//	taught and h < H_c − 1e-6 → a BELOW_HOURS gap
//
// A competency below both minimums has two gaps, one per kind, so that
// each can close on its own. Every gap carries the target and the actual
// depth and hours.
//
// # Harmonisation index
//
// A member's partial credit on a required competency is
//
//	credit_c = 0                                          if not taught
//	credit_c = ½·min(1, d/D_c) + ½·min(1, h/H_c)          otherwise
//
// where a term is 1 when its minimum is 0; credit_c = 1 exactly when c has
// no gap. The member's index is 100 · mean_c credit_c over the required
// set (100 when the set is empty). It depends only on the share of targets
// met, not on total hours or the number of modules, so a small academy
// that meets every target scores 100 like a large one; hours above a
// target earn nothing. The programme index is the mean of the members'
// indices (0 without members), reported with their minimum, maximum and
// population standard deviation.
//
// # Divergence
//
// For each competency that some member teaches, over the hours h_m of all
// members (0 for members that do not teach it):
//
//	median = median(h)
//	MAD    = median(|h_m − median|)
//	member m is far from the others when
//	    |h_m − median| > max(2.5 × 1.4826 × MAD, 4 h)
//
// 1.4826 × MAD estimates the standard deviation of normal data, so the
// first bound is 2.5 "robust standard deviations" (Leys et al., 2013); the
// 4 h floor keeps small absolute differences (and MAD = 0, when most
// members agree exactly) from flagging everyone who differs at all. Robust
// statistics because programmes have few members (five academies) and
// hours are skewed: one academy with 200 h, or one typing error, drags the
// mean and inflates the standard deviation enough to hide itself, while
// the median and the MAD ignore up to half of the values being extreme.
//
// # Diff of two curricula
//
// Both curricula are read in the framework of A, or of B when B's
// framework is a newer version of A's, with the version rules above.
// Competencies (areas aggregated) taught on one side only are listed as
// such; those taught on both with DepthDelta = depth_B − depth_A and
// HoursDelta = hours_B − hours_A. Each module's counterparts on the other
// side are the modules that share at least one aligned competency or whose
// text similarity is at least 0.2, ranked by
//
//  1. Jaccard = |C_x ∩ C_y| / |C_x ∪ C_y| over the (resolved) competency
//     IDs the two modules are aligned to (0 when both have none),
//  2. then text similarity,
//
// keeping the best 5. Text similarity is the cosine of the character
// trigram count vectors of title + " " + description, after lower-casing,
// folding every run of non-letters and non-digits into one space and
// padding with a space at each end. Trigrams need no tokeniser, stemmer
// or stop list, so they work the same in every script and are tolerant of
// inflection (Russian, Persian) and of transliteration variants; they do
// not match across languages, which is what the shared competencies are
// for.
//
// # Progress
//
// A Snapshot freezes each member's index, gap counts and gaps, and the
// programme index. CompareSnapshots(a, b) identifies a gap by (competency,
// kind): closed = in a and not in b, opened = in b and not in a, for the
// members in both; members only in b are ADDED, only in a REMOVED, and
// their gaps are neither closed nor opened. IndexChange = index_b −
// index_a of the programme (membership changes included) and
// KeptIndexChange = mean of (index_b − index_a) over the kept members.
//
// An academy's new edition is the same member: before two snapshots are
// compared, Snapshot.InEditions renames each member to the newest edition
// of its curriculum (LatestEditions follows Curriculum.Supersedes through
// the chain), so a member measured on basic-2019 and later on basic-2024
// is KEPT and its gaps close or open.
package curricula
