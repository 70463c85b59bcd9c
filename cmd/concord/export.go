package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/interop/sheet"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
)

// maxExportBytes bounds a framework export the client accepts.
const maxExportBytes = 256 << 20

func newExportCmd(cf *clientFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export a framework (CASE, Moodle) or modules (CSV)",
	}
	cmd.AddCommand(exportFrameworkCmd(cf, "case", pb.FrameworkFormat_CASE), exportFrameworkCmd(cf, "moodle", pb.FrameworkFormat_MOODLE), exportCSVCmd(cf))
	return cmd
}

func exportFrameworkCmd(cf *clientFlags, name string, format pb.FrameworkFormat) *cobra.Command {
	var outFile, language string
	what := map[pb.FrameworkFormat]string{pb.FrameworkFormat_CASE: "a CASE 1.1 CFPackage (JSON)", pb.FrameworkFormat_MOODLE: "a Moodle competency framework CSV"}[format]
	cmd := &cobra.Command{
		Use:   name + " FRAMEWORK",
		Short: "Export a framework as " + what,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withLongConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				body, err := pb.NewInteropServiceClient(conn).ExportFramework(ctx, &pb.ExportFrameworkRequest{
					Name: "frameworks/" + strings.TrimPrefix(args[0], "frameworks/"), Format: format, Language: language,
				}, grpc.MaxCallRecvMsgSize(maxExportBytes))
				if err != nil {
					return err
				}
				return writeOutput(cmd, outFile, func(w io.Writer) error {
					_, err := w.Write(body.GetData())
					return err
				})
			})
		},
	}
	cmd.Flags().StringVarP(&outFile, "out", "O", "", "write to this file instead of stdout")
	cmd.Flags().StringVar(&language, "language", "", "language of the text fields (default: the framework's first)")
	return cmd
}

func exportCSVCmd(cf *clientFlags) *cobra.Command {
	var outFile string
	var bom bool
	cmd := &cobra.Command{
		Use:   "csv CURRICULUM",
		Short: "Export modules as the curriculum spreadsheet (academies/A/curricula/C, or C = - for all)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.HasPrefix(args[0], "academies/") {
				return usageError{fmt.Errorf("%q: want academies/{academy}/curricula/{curriculum}", args[0])}
			}
			return withLongConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				stream, err := pb.NewInteropServiceClient(conn).ExportModules(ctx, &pb.ExportModulesRequest{Parent: args[0], ByteOrderMark: bom})
				if err != nil {
					return err
				}
				// The first piece (or the error) comes before anything is written.
				first, err := stream.Recv()
				if err != nil {
					return err
				}
				return writeOutput(cmd, outFile, func(w io.Writer) error {
					for chunk := first; ; {
						if _, err := w.Write(chunk.GetData()); err != nil {
							return err
						}
						if chunk, err = stream.Recv(); errors.Is(err, io.EOF) {
							return nil
						} else if err != nil {
							return err
						}
					}
				})
			})
		},
	}
	cmd.Flags().StringVarP(&outFile, "out", "O", "", "write to this file instead of stdout")
	cmd.Flags().BoolVar(&bom, "bom", false, "start with a UTF-8 byte-order mark (for spreadsheet programs)")
	return cmd
}

func newTemplateCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "template", Short: "Print import templates"}
	var outFile string
	csv := &cobra.Command{
		Use:   "csv",
		Short: "Print the curriculum spreadsheet template (also served at GET /v1/templates/curriculum.csv)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeOutput(cmd, outFile, func(w io.Writer) error {
				_, err := w.Write(sheet.Template())
				return err
			})
		},
	}
	csv.Flags().StringVarP(&outFile, "out", "O", "", "write to this file instead of stdout")
	cmd.AddCommand(csv)
	return cmd
}

// writeOutput runs write on stdout, or on the file named, which is
// removed again if write fails.
func writeOutput(cmd *cobra.Command, name string, write func(io.Writer) error) error {
	if name == "" {
		return write(cmd.OutOrStdout())
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	cw := &countingWriter{w: f}
	err = write(cw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d bytes to %s\n", cw.n, name)
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
