package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
)

func newCoverageCmd(cf *clientFlags) *cobra.Command {
	var required bool
	var lang string
	cmd := &cobra.Command{
		Use:   "coverage PROGRAMME",
		Short: "Show a programme's coverage matrix: competencies × members, depth and hours",
		Long: `Show the coverage matrix of a programme: one row per competency of its
framework (areas first, their competencies indented), one column per member.
A cell is the deepest depth taught (I, R, M) and the hours; "–" is not taught;
"*" marks a cell below the programme's target (a gap). PROGRAMME may be short:
central-asia for programmes/central-asia.`,
		Example: "  concord coverage central-asia --required\n  concord -o json coverage programmes/silk-routes",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				name := programmeName(a[0])
				cov, err := c.GetCoverage(ctx, &pb.GetCoverageRequest{Programme: name})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), cov)
				}
				gaps, err := c.ListGaps(ctx, &pb.ListGapsRequest{Programme: name})
				if err != nil {
					return err
				}
				return printCoverage(cmd, cov, gaps, required, lang)
			})
		},
	}
	cmd.Flags().BoolVar(&required, "required", false, "only the competencies the programme requires")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the competency titles")
	return cmd
}

func printCoverage(cmd *cobra.Command, cov *pb.Coverage, gaps *pb.ListGapsResponse, required bool, lang string) error {
	w := cmd.OutOrStdout()
	idx := cov.GetIndex()
	fmt.Fprintf(w, "%s (%s): harmonisation index %.1f (lowest %.1f, highest %.1f), %d members\n\n",
		cov.GetProgramme(), cov.GetFramework(), idx.GetIndex(), idx.GetMin(), idx.GetMax(), idx.GetMembers())
	gapAt := map[string]bool{} // competency name + member
	for _, m := range gaps.GetMembers() {
		for _, g := range m.GetGaps() {
			gapAt[g.GetCompetency().GetName()+" "+m.GetMember()] = true
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"CODE", "COMPETENCY", "TARGET"}
	for _, m := range cov.GetMembers() {
		head = append(head, academyOf(m.GetMember()))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range cov.GetRows() {
		if required && r.GetTarget() == nil {
			continue
		}
		comp := r.GetCompetency()
		indent := int(r.GetTreeLevel()) // areas first, their competencies indented
		if required {
			indent = 0
		}
		t := strings.Repeat("  ", indent) + cut(title(comp.GetTitle(), lang), 44-2*indent)
		target := ""
		if tg := r.GetTarget(); tg != nil {
			target = letter(tg.GetMinDepth()) + " " + hours(tg.GetMinHours()) + "h"
		}
		cells := []string{comp.GetCode(), t, target}
		for i, cell := range r.GetCells() {
			s := "–"
			if len(cell.GetModules()) > 0 {
				s = letter(cell.GetDepth()) + " " + hours(cell.GetHours())
			}
			if gapAt[comp.GetName()+" "+cov.GetMembers()[i].GetMember()] {
				s += "*"
			}
			cells = append(cells, s)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	foot := []string{"", "index (targets met)", ""}
	for _, m := range cov.GetMembers() {
		foot = append(foot, fmt.Sprintf("%.1f (%d/%d)", m.GetIndex(), m.GetMet(), m.GetRequired()))
	}
	fmt.Fprintln(tw, strings.Join(foot, "\t"))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\ncell: depth (I, R, M) and hours; – not taught; * below the target (concord gaps lists why)")
	return nil
}
