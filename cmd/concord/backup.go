package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
)

func newBackupCmd(cf *clientFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the running server's store into FILE (admin)",
		Long: `Stream a consistent copy of the store from the running server (one read
transaction: writes go on meanwhile) into FILE. The copy is written to a
temporary file beside FILE, synced, checked (it must open as a concord
store and pass bbolt's consistency check), and only then renamed to FILE,
so FILE is never a partial backup. Restore it with concord restore.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return withLongConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				stream, err := pb.NewAdminServiceClient(conn).Backup(ctx, &pb.BackupRequest{})
				if err != nil {
					return err
				}
				st, err := writeAtomically(a[0], func(w io.Writer) error {
					for {
						chunk, err := stream.Recv()
						if errors.Is(err, io.EOF) {
							return nil
						}
						if err != nil {
							return err
						}
						if _, err := w.Write(chunk.GetData()); err != nil {
							return err
						}
					}
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "backup %s: %d bytes, change-log sequence %d, %s\n", a[0], st.SizeBytes, st.LastSequence, countsOf(st))
				return nil
			})
		},
	}
}

// writeAtomically writes path through fill into a synced temporary file
// in the same directory, verifies it as a store and renames it to path.
func writeAtomically(path string, fill func(io.Writer) error) (curricula.StoreStats, error) {
	var st curricula.StoreStats
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return st, err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = fill(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return st, err
	}
	if st, err = storage.Verify(tmp.Name(), time.Second); err != nil {
		return st, fmt.Errorf("the copy failed its check and was not kept: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return st, err
	}
	return st, syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func countsOf(st curricula.StoreStats) string {
	s := ""
	for i, k := range curricula.Kinds {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%d %s", st.Resources[k], k.Collection())
	}
	return s
}
