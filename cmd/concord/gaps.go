package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
)

func newGapsCmd(cf *clientFlags) *cobra.Command {
	var member, kind, lang string
	cmd := &cobra.Command{
		Use:   "gaps PROGRAMME",
		Short: "List each member's gaps against the programme's targets",
		Long: `List each member's gaps against the programme's targets, grouped by member
with counts: MISSING (not taught), BELOW_DEPTH, BELOW_HOURS. --member takes
a curriculum name or just the academy (kz-border-academy) when it has one
member curriculum; --kind one of the three kinds. PROGRAMME may be short:
central-asia for programmes/central-asia.`,
		Example: "  concord gaps central-asia\n  concord gaps central-asia --member tj-border-academy --kind MISSING",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			req := &pb.ListGapsRequest{Programme: programmeName(a[0]), Member: member}
			if kind != "" {
				k, ok := pb.Gap_Kind_value[strings.ToUpper(kind)]
				if !ok || k == 0 {
					return usageError{fmt.Errorf("--kind %q: want MISSING, BELOW_DEPTH or BELOW_HOURS", kind)}
				}
				req.Kind = pb.Gap_Kind(k)
			}
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				resp, err := c.ListGaps(ctx, req)
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), resp)
				}
				return printGaps(cmd, req, resp, lang)
			})
		},
	}
	cmd.Flags().StringVar(&member, "member", "", "only this member (curriculum name, or academy ID)")
	cmd.Flags().StringVar(&kind, "kind", "", "only gaps of this kind: MISSING, BELOW_DEPTH or BELOW_HOURS")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the competency titles")
	return cmd
}

func printGaps(cmd *cobra.Command, req *pb.ListGapsRequest, resp *pb.ListGapsResponse, lang string) error {
	w := cmd.OutOrStdout()
	filter := ""
	if req.GetKind() != pb.Gap_KIND_UNSPECIFIED {
		filter = " " + req.GetKind().String()
	}
	fmt.Fprintf(w, "%s: %d%s gap%s\n", req.GetProgramme(), resp.GetTotalSize(), filter, plural(int(resp.GetTotalSize())))
	for _, m := range resp.GetMembers() {
		fmt.Fprintf(w, "\n%s — index %.1f, %d/%d targets met, %s\n", shortMember(m.GetMember()), m.GetIndex(), m.GetMet(), m.GetRequired(), countsText(m.GetGapCounts()))
		if filter != "" {
			fmt.Fprintf(w, "  %d%s shown\n", len(m.GetGaps()), filter)
		}
		if len(m.GetGaps()) == 0 {
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, g := range m.GetGaps() {
			actual := depthHours(g.GetActualDepth(), g.GetActualHours())
			if g.GetKind() == pb.Gap_MISSING {
				actual = "not taught"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\ttarget %s\tactual %s\n", g.GetCompetency().GetCode(), gapKindText[g.GetKind()],
				cut(title(g.GetCompetency().GetTitle(), lang), 56), depthHours(g.GetTargetDepth(), g.GetTargetHours()), actual)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
