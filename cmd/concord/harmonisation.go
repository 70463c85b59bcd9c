package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// Helpers of the harmonisation commands (coverage, gaps, diff, snapshot,
// snapshots, progress, report).

// withHarmonisation dials the server and calls fn with a client of the
// harmonisation service, under the command's deadline.
func withHarmonisation(cmd *cobra.Command, cf *clientFlags, fn func(context.Context, pb.HarmonisationServiceClient) error) error {
	return withConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
		return fn(ctx, pb.NewHarmonisationServiceClient(conn))
	})
}

func printJSON(w io.Writer, m proto.Message) error {
	b, err := jsonOut.Marshal(m)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// title picks a competency title in lang, else English, else the first
// language in alphabetical order.
func title(t map[string]string, lang string) string {
	for _, l := range []string{lang, "en"} {
		if s := t[l]; s != "" {
			return s
		}
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

var depthLetters = map[pb.Depth]string{pb.Depth_INTRODUCED: "I", pb.Depth_REINFORCED: "R", pb.Depth_MASTERED: "M"}

func letter(d pb.Depth) string {
	if l, ok := depthLetters[d]; ok {
		return l
	}
	return "–"
}

// hours formats hours: whole numbers without decimals, others with one.
func hours(h float64) string {
	if math.Abs(h-math.Round(h)) < 0.05 {
		return fmt.Sprintf("%.0f", math.Round(h)+0)
	}
	return fmt.Sprintf("%.1f", h)
}

func signed(x float64) string {
	if math.Abs(x) < 0.05 {
		return "±0"
	}
	return fmt.Sprintf("%+.1f", x)
}

func depthHours(d pb.Depth, h float64) string { return letter(d) + " · " + hours(h) + " h" }

var gapKindText = map[pb.Gap_Kind]string{pb.Gap_MISSING: "missing", pb.Gap_BELOW_DEPTH: "below depth", pb.Gap_BELOW_HOURS: "below hours"}

func countsText(c *pb.GapCounts) string {
	return fmt.Sprintf("%d gap%s (%d missing, %d below depth, %d below hours)", c.GetTotal(), plural(int(c.GetTotal())),
		c.GetMissing(), c.GetBelowDepth(), c.GetBelowHours())
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cut shortens s to n runes with an ellipsis.
func cut(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
