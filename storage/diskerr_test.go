package storage

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func TestDiskErrorsAreUnavailable(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want curricula.Code
	}{
		{"disk full", &os.PathError{Op: "write", Path: "concord.db", Err: syscall.ENOSPC}, curricula.EUNAVAILABLE},
		{"read-only", &os.PathError{Op: "open", Path: "concord.db", Err: syscall.EROFS}, curricula.EUNAVAILABLE},
		{"flattened by bbolt", fmt.Errorf("file resize error: %s", &os.PathError{Op: "truncate", Path: "concord.db", Err: syscall.EFBIG}), curricula.EUNAVAILABLE},
		{"anything else", errors.New("boom"), curricula.EINTERNAL},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := asError(tc.err)
			require.Equal(t, tc.want, curricula.ErrorCode(err))
			if tc.want == curricula.EUNAVAILABLE {
				require.Contains(t, err.(*curricula.Error).Message, "nothing was stored")
				require.NotContains(t, err.(*curricula.Error).Message, "concord.db", "no path in what the caller sees")
			}
		})
	}
}

func TestOpenErrorsNameTheProblem(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code curricula.Code
		want string
	}{
		{&os.PathError{Op: "open", Path: "/d/concord.db", Err: syscall.EROFS}, curricula.EUNAVAILABLE, "cannot open the data file /d/concord.db for writing (read-only file system)"},
		{&os.PathError{Op: "open", Path: "/d/concord.db", Err: syscall.EACCES}, curricula.EUNAVAILABLE, "(permission denied)"},
		{errors.New("boom"), curricula.EINTERNAL, "boom"},
	} {
		err := openError("/d/concord.db", tc.err)
		require.Equal(t, tc.code, curricula.ErrorCode(err))
		require.ErrorContains(t, err, tc.want)
	}
}
