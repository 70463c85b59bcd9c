// Command concord is the Concord server and its command-line client.
//
//	concord serve --demo              start the server with the demo data
//	concord academies list            talk to a running server over gRPC
//	concord gaps central-asia         harmonisation: coverage, gaps, diff, snapshot(s), progress, report
//	concord import csv FILE --academy A   bulk-load modules from the curriculum spreadsheet
//	concord search "risk analysis"    search every partner's modules, in every language
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"google.golang.org/grpc/status"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "concord:", describe(err))
		os.Exit(exitCode(err))
	}
}

// describe renders an error for people: a gRPC status as its code and
// message, with field violations one per line.
func describe(err error) string {
	if s, ok := status.FromError(err); ok {
		msg := fmt.Sprintf("%s: %s", s.Code(), s.Message())
		for _, v := range fieldViolations(s) {
			msg += "\n  " + v
		}
		return msg
	}
	return err.Error()
}

// exitCode is 2 for usage errors, 1 otherwise.
func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

type usageError struct{ error }

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "concord",
		Short:         "Curriculum harmonisation for border-management training academies",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	cf := addClientFlags(root)
	root.AddCommand(newServeCmd(), newTokensCmd(cf), newBackupCmd(cf), newRestoreCmd(), newLogCmd(cf))
	root.AddCommand(newImportCmd(cf), newExportCmd(cf), newTemplateCmd())
	for _, r := range resources {
		root.AddCommand(newResourceCmd(r, cf))
	}
	root.AddCommand(newCoverageCmd(cf), newGapsCmd(cf), newDiffCmd(cf), newSnapshotCmd(cf), newSnapshotsCmd(cf),
		newProgressCmd(cf), newReportCmd(cf))
	root.AddCommand(newSearchCmd(cf), newIndexCmd(cf), newReindexCmd(cf))
	return root
}
