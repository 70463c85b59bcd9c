package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
)

func newIndexCmd(cf *clientFlags) *cobra.Command {
	cmd := &cobra.Command{Use: "index", Short: "The search index: stats"}
	cmd.AddCommand(&cobra.Command{
		Use:   "stats",
		Short: "Show the search index's size, documents and lag behind the store (admin)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				st, err := pb.NewAdminServiceClient(conn).GetIndexStats(ctx, &pb.GetIndexStatsRequest{})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), st)
				}
				return printIndexStats(cmd.OutOrStdout(), st)
			})
		},
	})
	return cmd
}

func printIndexStats(w io.Writer, st *pb.IndexStats) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	rebuilt := st.GetRebuilt()
	if rebuilt == "" {
		rebuilt = "–"
	}
	fmt.Fprintf(tw, "path\t%s\n", st.GetPath())
	fmt.Fprintf(tw, "size\t%s\n", byteSize(st.GetSizeBytes()))
	fmt.Fprintf(tw, "modules\t%d\n", st.GetModules())
	fmt.Fprintf(tw, "competencies\t%d\n", st.GetCompetencies())
	fmt.Fprintf(tw, "sequence\t%d (store %d, lag %d)\n", st.GetSequence(), st.GetStoreSequence(), st.GetLag())
	fmt.Fprintf(tw, "mapping version\t%d\n", st.GetMappingVersion())
	fmt.Fprintf(tw, "last rebuilt because\t%s\n", rebuilt)
	if st.GetBuilding() {
		fmt.Fprintf(tw, "state\tbeing built from the store: %d of %d documents (searches unavailable until done)\n", st.GetBuildDone(), st.GetBuildTotal())
	}
	return tw.Flush()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func newReindexCmd(cf *clientFlags) *cobra.Command {
	var progressFlag string
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the store (admin)",
		Long: `Rebuild the running server's search index from the store, showing progress
on stderr, then print the new index's stats. Searches go on against the old
index until the new one is complete. The index is derived data: a corrupt
or missing index is also rebuilt on its own when the server starts.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			mode, err := progressMode(progressFlag)
			if err != nil {
				return err
			}
			return withLongConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				stream, err := pb.NewAdminServiceClient(conn).Reindex(ctx, &pb.ReindexRequest{})
				if err != nil {
					return err
				}
				start, shown, drawn := time.Now(), time.Time{}, false
				var final *pb.IndexStats
				for {
					p, err := stream.Recv()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						if drawn {
							fmt.Fprintln(os.Stderr)
						}
						return err
					}
					if p.GetStats() != nil {
						final = p.GetStats()
					}
					line := fmt.Sprintf("reindex: %d/%d documents, %s", p.GetDone(), p.GetTotal(), time.Since(start).Round(100*time.Millisecond))
					switch {
					case mode == "bar":
						fmt.Fprintf(cmd.ErrOrStderr(), "\r%s", line)
						drawn = true
					case mode == "plain" && (time.Since(shown) >= plainEvery || p.GetStats() != nil):
						fmt.Fprintln(cmd.ErrOrStderr(), line)
						shown = time.Now()
					}
				}
				if drawn {
					fmt.Fprintln(cmd.ErrOrStderr())
				}
				if final == nil {
					return errors.New("the server ended the rebuild without its stats")
				}
				if cf.output == "json" {
					return printJSON(cmd.OutOrStdout(), final)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
				return printIndexStats(cmd.OutOrStdout(), final)
			})
		},
	}
	cmd.Flags().StringVar(&progressFlag, "progress", "auto", "progress on stderr: auto (redrawn on a terminal, else plain lines), bar, plain or none")
	return cmd
}
