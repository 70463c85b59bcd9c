package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the columns of the CSV report: one row per competency ×
// member, with the member's index, the cell's gaps and its deviation from
// the members' median hours when it is far from the others.
var csvHeader = []string{"programme", "framework", "competency", "code", "title", "tree_level", "leaf", "required",
	"target_depth", "target_hours", "member", "member_index", "depth", "hours", "modules", "gaps", "deviation"}

func renderCSV(w io.Writer, v *view) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	indexOf := map[string]string{}
	for _, m := range v.Members {
		indexOf[m.Name] = m.Index
	}
	for _, r := range v.Rows {
		for _, c := range r.Cells {
			rec := []string{v.Name, v.Framework, v.Framework + "/competencies/" + r.ID, r.Code, r.Title,
				strconv.Itoa(r.Level), strconv.FormatBool(r.Leaf), strconv.FormatBool(r.Required),
				r.TargetDepth, r.TargetHours, c.MemberName, indexOf[c.MemberName], c.Depth, c.HoursExact,
				strconv.Itoa(c.Modules), strings.Join(c.Gaps, ";"), c.Deviation}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
