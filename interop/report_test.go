package interop

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReport(t *testing.T) {
	var r Report
	r.Skip("CFItem", "x", "has %s", "no identifier")
	r.Warn("row 3", "", "changed")
	u := Unkept{}
	u.Add("CFItem.b")
	u.Add("CFItem.a")
	u.Add("CFItem.a")
	u.Report(&r)
	require.Equal(t, []Skip{{What: "CFItem", ID: "x", Reason: "has no identifier"}}, r.Skipped)
	require.Equal(t, []Skip{
		{What: "row 3", Reason: "changed"},
		{What: "CFItem.a", Reason: "not kept by Concord (2 records)"},
		{What: "CFItem.b", Reason: "not kept by Concord (1 record)"},
	}, r.Warnings)
	require.Equal(t, "CFItem x: has no identifier", r.Skipped[0].String())
	require.Equal(t, "row 3: changed", r.Warnings[0].String())
}
