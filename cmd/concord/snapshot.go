package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
)

func newSnapshotCmd(cf *clientFlags) *cobra.Command {
	var title, id string
	cmd := &cobra.Command{
		Use:   "snapshot PROGRAMME",
		Short: "Record the programme's current figures as a snapshot",
		Long: `Record the programme's current harmonisation figures (every member's index and
gaps, the programme index) as a snapshot: the progress record. The ID is
"on-" and today's date (UTC), with -2, -3, … when taken, unless --id is given.
PROGRAMME may be short: central-asia for programmes/central-asia.`,
		Example: `  concord snapshot central-asia --title "After the 2026 workshop"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				s, err := c.CreateSnapshot(ctx, &pb.CreateSnapshotRequest{Parent: programmeName(a[0]), SnapshotId: id,
					Snapshot: &pb.Snapshot{Title: title}})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), s)
				}
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "created %s %q: programme index %.1f\n", s.GetName(), s.GetTitle(), s.GetIndex().GetIndex())
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "MEMBER\tINDEX\tMET\tGAPS")
				for _, m := range s.GetMembers() {
					fmt.Fprintf(tw, "%s\t%.1f\t%d/%d\t%s\n", shortMember(m.GetMember()), m.GetIndex(), m.GetMet(), m.GetRequired(), countsText(m.GetGapCounts()))
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&title, "title", "", `title of the snapshot (default "Snapshot of DATE")`)
	cmd.Flags().StringVar(&id, "id", "", "snapshot ID (default on-DATE)")
	return cmd
}

func newSnapshotsCmd(cf *clientFlags) *cobra.Command {
	return &cobra.Command{
		Use:     "snapshots PROGRAMME",
		Short:   "List a programme's snapshots: its progress record",
		Example: "  concord snapshots central-asia",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				all := &pb.ListSnapshotsResponse{}
				token := ""
				for {
					resp, err := c.ListSnapshots(ctx, &pb.ListSnapshotsRequest{Parent: programmeName(a[0]), PageSize: 1000, PageToken: token})
					if err != nil {
						return err
					}
					all.Snapshots = append(all.Snapshots, resp.GetSnapshots()...)
					if token = resp.GetNextPageToken(); token == "" {
						break
					}
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), all)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tTAKEN\tINDEX\tTITLE")
				for _, s := range all.GetSnapshots() {
					fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\n", s.GetName(), s.GetSnapshotTime().AsTime().Format("2006-01-02 15:04"),
						s.GetIndex().GetIndex(), truncate(s.GetTitle()))
				}
				return tw.Flush()
			})
		},
	}
}
