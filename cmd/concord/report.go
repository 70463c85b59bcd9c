package main

import (
	"context"
	"fmt"
	"os"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
)

func newReportCmd(cf *clientFlags) *cobra.Command {
	var format, file, lang string
	cmd := &cobra.Command{
		Use:   "report PROGRAMME",
		Short: "Render a programme's harmonisation report (html, md or csv)",
		Long: `Render a programme's harmonisation report. HTML is one self-contained file
(inline SVG heatmap competency × member, gap tables, divergence, progress
chart; no scripts, no external assets) to open in a browser or attach to an
email; md is the same content as Markdown; csv has one row per competency ×
member. The server renders it (also at GET /v1/programmes/{p}:report).
Written to standard output unless -O names a file. PROGRAMME may be short:
central-asia for programmes/central-asia.`,
		Example: "  concord report central-asia --format html -O central-asia.html",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			switch format {
			case "html", "md", "csv":
			default:
				return usageError{fmt.Errorf("--format %q: want html, md or csv", format)}
			}
			return withHarmonisation(cmd, cf, func(ctx context.Context, c pb.HarmonisationServiceClient) error {
				body, err := c.RenderReport(ctx, &pb.RenderReportRequest{Programme: programmeName(a[0]), Format: format, Language: lang})
				if err != nil {
					return err
				}
				if file == "" || file == "-" {
					_, err = cmd.OutOrStdout().Write(body.GetData())
					return err
				}
				if err := os.WriteFile(file, body.GetData(), 0o644); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d bytes, %s)\n", file, len(body.GetData()), body.GetContentType())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "html", "html, md or csv")
	cmd.Flags().StringVarP(&file, "out-file", "O", "", "write the report to this file instead of standard output")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the competency titles")
	return cmd
}
