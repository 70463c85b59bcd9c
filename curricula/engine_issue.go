package curricula

// IssueReason classifies a problem the engine found in its input. Issues
// are reported next to the results; they never stop the computation.
type IssueReason string

// Issue reasons.
const (
	// IssueUnknownCompetency: an alignment names a competency that neither
	// exists in the framework nor is replaced by one of its competencies.
	// The alignment (and its hours) counts nowhere.
	IssueUnknownCompetency IssueReason = "UNKNOWN_COMPETENCY"
	// IssueUnknownParent: a competency's parent is not in the framework; it
	// is treated as a top-level area.
	IssueUnknownParent IssueReason = "UNKNOWN_PARENT"
	// IssueParentCycle: the parents form a cycle; the competency where the
	// cycle was found is treated as a top-level area.
	IssueParentCycle IssueReason = "PARENT_CYCLE"
	// IssueDuplicateCompetency: two competencies share an ID; the first wins.
	IssueDuplicateCompetency IssueReason = "DUPLICATE_COMPETENCY"
	// IssueForeignCompetency: a competency that is not of the framework (or
	// has no valid name) was passed in; it is ignored.
	IssueForeignCompetency IssueReason = "FOREIGN_COMPETENCY"
	// IssueUnknownTarget: a required competency or an override names a
	// competency the framework does not have; it is ignored.
	IssueUnknownTarget IssueReason = "UNKNOWN_TARGET"
	// IssueOverrideNotRequired: an override names a competency outside the
	// required set; it is ignored.
	IssueOverrideNotRequired IssueReason = "OVERRIDE_NOT_REQUIRED"
)

// Issue is one problem found in the engine's input.
type Issue struct {
	Reason     IssueReason `json:"reason"`
	Member     string      `json:"member,omitempty"` // curriculum name
	Module     string      `json:"module,omitempty"` // module name
	Competency string      `json:"competency,omitempty"`
	Message    string      `json:"message"`
}
