package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
)

// transferTimeout is the deadline of imports and exports when --timeout
// is not given (the server caps it with its --max-deadline).
const transferTimeout = 30 * time.Minute

// uploadChunk is the size of the pieces a CSV import streams on.
const uploadChunk = 128 << 10

// maxShownErrors is how many row errors an import prints.
const maxShownErrors = 20

func newImportCmd(cf *clientFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import a framework (CASE, Moodle) or modules (CSV)",
		Long: `Import a competency framework from a CASE 1.0/1.1 CFPackage or a Moodle
competency framework CSV, or an academy's modules from the curriculum
spreadsheet (CSV; concord template csv prints the template). Imports are all
or nothing: with any error, nothing is stored.`,
	}
	cmd.AddCommand(importFrameworkCmd(cf, "case", pb.FrameworkFormat_CASE), importFrameworkCmd(cf, "moodle", pb.FrameworkFormat_MOODLE), importCSVCmd(cf))
	return cmd
}

// transferContext is cf.context with transferTimeout unless --timeout
// was given.
func transferContext(cmd *cobra.Command, cf *clientFlags) (context.Context, context.CancelFunc) {
	if f := cmd.Flag("timeout"); f != nil && f.Changed {
		return cf.context(cmd)
	}
	return context.WithTimeout(cmd.Context(), transferTimeout)
}

func importFrameworkCmd(cf *clientFlags, name string, format pb.FrameworkFormat) *cobra.Command {
	var frameworkID, language string
	var dryRun bool
	what := map[pb.FrameworkFormat]string{pb.FrameworkFormat_CASE: "a CASE CFPackage (JSON)", pb.FrameworkFormat_MOODLE: "a Moodle competency framework CSV"}[format]
	cmd := &cobra.Command{
		Use:   name + " FILE",
		Short: "Import a framework from " + what,
		Long: "Import a framework and its competencies from " + what + ` in one
transaction, and print the report: every input record left out (skipped)
or changed (warnings), with the reason.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			content, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			return withLongConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				resp, err := pb.NewInteropServiceClient(conn).ImportFramework(ctx, &pb.ImportFrameworkRequest{
					Format: format, Content: content, FrameworkId: strings.TrimPrefix(frameworkID, "frameworks/"),
					Language: language, Source: filepath.Base(args[0]), ValidateOnly: dryRun,
				})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printOne(cmd.OutOrStdout(), "json", resp.ProtoReflect())
				}
				printReport(cmd.OutOrStdout(), resp)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&frameworkID, "framework", "", "ID of the new framework (default: from the file)")
	f.StringVar(&language, "language", "", "language of texts the file does not tag (default en)")
	f.BoolVar(&dryRun, "dry-run", false, "check and report, store nothing")
	return cmd
}

func printReport(w io.Writer, resp *pb.ImportFrameworkResponse) {
	r := resp.GetReport()
	verb := "imported"
	if resp.GetValidateOnly() {
		verb = "dry run, nothing stored: would import"
	}
	fmt.Fprintf(w, "%s %s: %d competencies, %d crosswalks, %d translations merged\n",
		verb, resp.GetFramework().GetName(), r.GetCompetencies(), r.GetCrosswalks(), r.GetTranslations())
	for _, list := range []struct {
		title  string
		issues []*pb.ImportIssue
	}{{"skipped", r.GetSkipped()}, {"warnings", r.GetWarnings()}} {
		if len(list.issues) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s (%d):\n", list.title, len(list.issues))
		for _, is := range list.issues {
			if is.GetId() == "" {
				fmt.Fprintf(w, "  %s: %s\n", is.GetRecord(), is.GetReason())
			} else {
				fmt.Fprintf(w, "  %s %s: %s\n", is.GetRecord(), is.GetId(), is.GetReason())
			}
		}
	}
}

func importCSVCmd(cf *clientFlags) *cobra.Command {
	var academy, mode, progressFlag string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "csv FILE",
		Short: "Import modules from the curriculum spreadsheet (CSV; - reads stdin)",
		Long: `Stream the curriculum spreadsheet to the server, which checks every row
(its cells, the module, its curriculum in the academy, its alignment codes
in that curriculum's framework) and then stores all of its modules in one
transaction, or none when any row has an error. Errors are listed by row
and column. Progress goes to stderr: a bar on a terminal, else a line every
2 s. --mode upsert replaces existing modules (whole, from the row) instead
of refusing them.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if academy == "" {
				return usageError{errors.New("--academy is required")}
			}
			m, ok := pb.ImportModulesRequest_Mode_value[strings.ToUpper(strings.ReplaceAll(mode, "-", "_"))]
			if !ok || m == 0 {
				return usageError{fmt.Errorf("--mode %q: want create-only or upsert", mode)}
			}
			pmode, err := progressMode(progressFlag)
			if err != nil {
				return err
			}
			in, size, err := openInput(args[0])
			if err != nil {
				return err
			}
			defer in.Close()
			return withLongConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				parent := "academies/" + strings.TrimPrefix(academy, "academies/")
				prog := startProgress(cmd.ErrOrStderr(), pmode, "import", size)
				resp, err := uploadCSV(ctx, pb.NewInteropServiceClient(conn), in, prog, &pb.ImportModulesRequest{
					Parent:  parent,
					Options: &pb.ImportModulesRequest_Options{Format: pb.ImportModulesRequest_CSV, Mode: pb.ImportModulesRequest_Mode(m), ValidateOnly: dryRun},
				})
				prog.finish(err == nil)
				if err != nil {
					return err
				}
				return printImport(cmd, cf, resp, parent, time.Since(prog.start))
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&academy, "academy", "", "the academy the modules belong to (ID or academies/ID)")
	f.StringVar(&mode, "mode", "create-only", "create-only (an existing module is an error) or upsert (replace it)")
	f.BoolVar(&dryRun, "dry-run", false, "check every row and report, store nothing")
	f.StringVar(&progressFlag, "progress", "auto", "progress on stderr: auto (a bar on a terminal, else plain lines), bar, plain or none")
	return cmd
}

// openInput opens a file, or stdin for "-"; size is 0 when unknown.
func openInput(name string) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), 0, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return f, 0, nil
	}
	return f, fi.Size(), nil
}

// uploadCSV streams in after first (which carries the options), then
// waits for the answer. The server may answer before the file is sent
// (a bad header): Send then reports io.EOF and the answer says why.
func uploadCSV(ctx context.Context, c pb.InteropServiceClient, in io.Reader, prog *progress, first *pb.ImportModulesRequest) (*pb.ImportModulesResponse, error) {
	stream, err := c.ImportModules(ctx)
	if err != nil {
		return nil, err
	}
	msg := first
	for {
		buf := make([]byte, uploadChunk) // a new one per message: Send may keep it
		n, rerr := io.ReadFull(in, buf)
		if n > 0 || msg == first {
			msg.Data = buf[:n]
			if err := stream.Send(msg); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return nil, err
			}
			prog.add(buf[:n])
			msg = &pb.ImportModulesRequest{Parent: first.GetParent()}
		}
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			return nil, rerr
		}
	}
	prog.setPhase("storing")
	return stream.CloseAndRecv()
}

func printImport(cmd *cobra.Command, cf *clientFlags, resp *pb.ImportModulesResponse, parent string, took time.Duration) error {
	out := cmd.OutOrStdout()
	if cf.output == "json" {
		if err := printOne(out, "json", resp.ProtoReflect()); err != nil {
			return err
		}
	}
	errs := resp.GetErrors()
	if n := len(errs) + int(resp.GetMoreErrors()); n > 0 {
		w := cmd.ErrOrStderr()
		for i, e := range errs {
			if i == maxShownErrors {
				break
			}
			if e.GetField() == "" {
				fmt.Fprintf(w, "row %d: %s\n", e.GetRow(), e.GetMessage())
			} else {
				fmt.Fprintf(w, "row %d, %s: %s\n", e.GetRow(), e.GetField(), e.GetMessage())
			}
		}
		if n > maxShownErrors {
			fmt.Fprintf(w, "… and %d more errors\n", n-maxShownErrors)
		}
		return fmt.Errorf("%d rows read, %d %s; nothing was stored", resp.GetRows(), n, "error"+plural(n))
	}
	if cf.output == "json" {
		return nil
	}
	rate := float64(resp.GetRows()) / max(took.Seconds(), 1e-3)
	if resp.GetValidateOnly() {
		fmt.Fprintf(out, "dry run: %d rows are valid for %s: %d would be created, %d updated; nothing was stored (%s, %.0f rows/s)\n",
			resp.GetRows(), parent, resp.GetCreated(), resp.GetUpdated(), took.Round(100*time.Millisecond), rate)
		return nil
	}
	fmt.Fprintf(out, "imported %d rows into %s: %d created, %d updated, %d unchanged in %s (%.0f rows/s)\n",
		resp.GetRows(), parent, resp.GetCreated(), resp.GetUpdated(), resp.GetUnchanged(), took.Round(100*time.Millisecond), rate)
	return nil
}
