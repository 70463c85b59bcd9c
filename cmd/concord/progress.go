package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
)

func newProgressCmd(cf *clientFlags) *cobra.Command {
	var from, to string
	var gaps bool
	cmd := &cobra.Command{
		Use:   "progress PROGRAMME",
		Short: "Show what changed between two snapshots (default: the oldest and the newest)",
		Long: `Show the progress between two snapshots of a programme: the index of the
programme and of each member then and now, and the gaps closed and opened.
By default from the oldest snapshot to the newest. --from and --to take a
snapshot ID (on-2021-06-30), a date (2021-06-30 for on-2021-06-30) or a full
name. A member's new curriculum edition counts as the same member.`,
		Example: "  concord progress central-asia\n  concord progress central-asia --from 2021-06-30 --gaps",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				p, err := c.GetProgress(ctx, &pb.GetProgressRequest{Programme: programmeName(a[0]), From: snapshotRef(from), To: snapshotRef(to)})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), p)
				}
				return printProgress(cmd, p, gaps)
			})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the earlier snapshot (default: the oldest)")
	cmd.Flags().StringVar(&to, "to", "", "the later snapshot (default: the newest)")
	cmd.Flags().BoolVar(&gaps, "gaps", false, "list the gaps closed and opened")
	return cmd
}

func printProgress(cmd *cobra.Command, p *pb.Progress, gaps bool) error {
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "%s: %s (%s) → %s (%s)\n", p.GetProgramme(), lastID(p.GetFrom()), p.GetFromTime().AsTime().Format("2006-01-02"),
		lastID(p.GetTo()), p.GetToTime().AsTime().Format("2006-01-02"))
	fmt.Fprintf(w, "programme index %.1f → %.1f (%s; members in both %s on average); %d gaps closed, %d opened\n",
		p.GetFromIndex(), p.GetToIndex(), signed(p.GetIndexChange()), signed(p.GetKeptIndexChange()), p.GetGapsClosed(), p.GetGapsOpened())
	if p.GetFrameworkChanged() {
		fmt.Fprintln(w, "the framework changed between the two snapshots")
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MEMBER\tSTATUS\tFROM\tTO\tCHANGE\tCLOSED\tOPENED\tSTILL OPEN\tCURRICULA")
	for _, m := range p.GetMembers() {
		from, to, change := "–", "–", "–"
		if m.GetStatus() != pb.MemberProgress_ADDED {
			from = fmt.Sprintf("%.1f", m.GetFromIndex())
		}
		if m.GetStatus() != pb.MemberProgress_REMOVED {
			to = fmt.Sprintf("%.1f", m.GetToIndex())
		}
		if m.GetStatus() == pb.MemberProgress_KEPT {
			change = signed(m.GetIndexChange())
		}
		curricula := lastID(m.GetToCurriculum())
		if f := m.GetFromCurriculum(); f != m.GetToCurriculum() {
			curricula = strings.Trim(lastID(f)+" → "+lastID(m.GetToCurriculum()), " →")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", academyOf(m.GetMember()), m.GetStatus(), from, to, change,
			len(m.GetClosed()), len(m.GetOpened()), m.GetStillOpen(), curricula)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if gaps {
		list := func(gs []*pb.Gap) string {
			var out []string
			for _, g := range gs {
				out = append(out, g.GetCompetency().GetCode()+" "+gapKindText[g.GetKind()])
			}
			return strings.Join(out, ", ")
		}
		for _, m := range p.GetMembers() {
			if len(m.GetClosed())+len(m.GetOpened()) == 0 {
				continue
			}
			fmt.Fprintf(w, "\n%s\n", shortMember(m.GetMember()))
			if len(m.GetClosed()) > 0 {
				fmt.Fprintf(w, "  closed: %s\n", list(m.GetClosed()))
			}
			if len(m.GetOpened()) > 0 {
				fmt.Fprintf(w, "  opened: %s\n", list(m.GetOpened()))
			}
		}
	}
	return nil
}
