package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/concord-ibm/concord/cmd/internal/server"
	"github.com/concord-ibm/concord/storage"
	"github.com/spf13/cobra"
)

func newRestoreCmd() *cobra.Command {
	var dataDir string
	var force bool
	cmd := &cobra.Command{
		Use:   "restore FILE --data-dir DIR",
		Short: "Make a backup the store of a data directory (server stopped)",
		Long: `Restore a file made by concord backup into a data directory. The file is
checked first (a concord store that passes bbolt's consistency check). A
data directory that holds anything is refused unless --force; with
--force its store is replaced (only when no server has it open) and its
search index removed, so that the next concord serve rebuilds it from
the restored store.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			if dataDir == "" {
				return usageError{fmt.Errorf("--data-dir is required")}
			}
			if _, err := storage.Verify(a[0], time.Second); err != nil {
				return fmt.Errorf("%s cannot be restored: %w", a[0], err)
			}
			if err := os.MkdirAll(dataDir, 0o700); err != nil {
				return err
			}
			entries, err := os.ReadDir(dataDir)
			if err != nil {
				return err
			}
			if len(entries) > 0 && !force {
				return fmt.Errorf("%s is not empty (it holds %s…); pass --force to replace its store", dataDir, entries[0].Name())
			}
			target := server.StorePath(dataDir)
			if _, err := os.Stat(target); err == nil {
				// Refuse while a server holds the store: its lock would time out.
				db, err := storage.Open(target, storage.Options{Timeout: time.Second})
				if err != nil {
					return err
				}
				if err := db.Close(); err != nil {
					return err
				}
			}
			if _, err := writeAtomically(target, func(w io.Writer) error {
				f, err := os.Open(a[0])
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = io.Copy(w, f)
				return err
			}); err != nil {
				return err
			}
			if err := os.RemoveAll(server.IndexPath(dataDir)); err != nil {
				return err
			}
			st, err := storage.Verify(target, time.Second)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "restored %s into %s: change-log sequence %d, %s; the search index will be rebuilt on start\n",
				a[0], filepath.Clean(dataDir), st.LastSequence, countsOf(st))
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data-dir", "", "the data directory to restore into")
	cmd.Flags().BoolVar(&force, "force", false, "replace the store of a data directory that is not empty")
	return cmd
}
