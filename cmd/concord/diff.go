package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
)

func newDiffCmd(cf *clientFlags) *cobra.Command {
	var counterparts int
	var lang string
	cmd := &cobra.Command{
		Use:   "diff CURRICULUM OTHER",
		Short: "Compare two curricula: shared and one-sided competencies, module counterparts",
		Long: `Compare two curricula competency by competency (depth and hours; deltas are
OTHER − CURRICULUM) and module by module (each module's closest counterparts
on the other side, by shared competencies, then by text similarity).
Curricula may be short: kz-border-academy/basic-2024.`,
		Example: "  concord diff kz-border-academy/basic-2024 kg-border-institute/basic-2024",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, a []string) error {
			if counterparts < 0 {
				return usageError{fmt.Errorf("--counterparts must not be negative")}
			}
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				d, err := c.DiffCurricula(ctx, &pb.DiffCurriculaRequest{Curriculum: curriculumName(a[0]), Other: curriculumName(a[1])})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), d)
				}
				return printDiff(cmd, d, counterparts, lang)
			})
		},
	}
	cmd.Flags().IntVar(&counterparts, "counterparts", 2, "counterparts shown per module (the server keeps up to 5)")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the competency titles")
	return cmd
}

func printDiff(cmd *cobra.Command, d *pb.CurriculumDiff, counterparts int, lang string) error {
	w := cmd.OutOrStdout()
	left, right := shortMember(d.GetCurriculum()), shortMember(d.GetOther())
	fmt.Fprintf(w, "%s ↔ %s (in %s)\n", left, right, d.GetFramework())
	fmt.Fprintf(w, "%d competencies shared, %d only in %s, %d only in %s\n", len(d.GetBoth()), len(d.GetOnlyLeft()), left, len(d.GetOnlyRight()), right)

	section := func(head string, ds []*pb.CompetencyDelta, both bool) error {
		fmt.Fprintf(w, "\n%s (%d)\n", head, len(ds))
		if len(ds) == 0 {
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		if both {
			fmt.Fprintf(tw, "  CODE\tCOMPETENCY\t%s\t%s\tΔ DEPTH\tΔ HOURS\n", academyOf(d.GetCurriculum()), academyOf(d.GetOther()))
		} else {
			fmt.Fprintln(tw, "  CODE\tCOMPETENCY\tDEPTH · HOURS")
		}
		for _, c := range ds {
			code, t := c.GetCompetency().GetCode(), cut(title(c.GetCompetency().GetTitle(), lang), 48)
			if !c.GetLeaf() {
				t = strings.ToUpper(t)
			}
			switch {
			case both:
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%+d\t%s\n", code, t, depthHours(c.GetLeftDepth(), c.GetLeftHours()),
					depthHours(c.GetRightDepth(), c.GetRightHours()), c.GetDepthDelta(), signed(c.GetHoursDelta()))
			case c.GetLeftDepth() != pb.Depth_DEPTH_UNSPECIFIED:
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", code, t, depthHours(c.GetLeftDepth(), c.GetLeftHours()))
			default:
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", code, t, depthHours(c.GetRightDepth(), c.GetRightHours()))
			}
		}
		return tw.Flush()
	}
	if err := section("Shared competencies: depth · hours on each side", d.GetBoth(), true); err != nil {
		return err
	}
	if err := section("Only in "+left+" (missing in "+right+")", d.GetOnlyLeft(), false); err != nil {
		return err
	}
	if err := section("Only in "+right+" (missing in "+left+")", d.GetOnlyRight(), false); err != nil {
		return err
	}
	modules := func(head string, ms []*pb.ModuleCounterparts) {
		fmt.Fprintf(w, "\n%s\n", head)
		for _, m := range ms {
			fmt.Fprintf(w, "  %s %s\n", m.GetCode(), cut(m.GetTitle(), 70))
			cs := m.GetCounterparts()
			if len(cs) == 0 {
				fmt.Fprintln(w, "      (no counterpart)")
			}
			for i, c := range cs {
				if i == counterparts {
					fmt.Fprintf(w, "      … %d more\n", len(cs)-i)
					break
				}
				var shared []string
				for _, s := range c.GetSharedCompetencies() {
					shared = append(shared, s.GetCode())
				}
				fmt.Fprintf(w, "    → %s %s (Jaccard %.2f, text %.2f", c.GetCode(), cut(c.GetTitle(), 60), c.GetJaccard(), c.GetTextSimilarity())
				if len(shared) > 0 {
					fmt.Fprintf(w, "; shared %s", strings.Join(shared, ", "))
				}
				fmt.Fprintln(w, ")")
			}
		}
	}
	modules("Module counterparts of "+left+" in "+right, d.GetLeftModules())
	modules("Module counterparts of "+right+" in "+left, d.GetRightModules())
	return nil
}
