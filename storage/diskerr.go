package storage

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"

	"github.com/concord-ibm/concord/curricula"
)

// diskErrnos are the failures of a data directory that cannot take more
// writes: full, over quota, over the file-size limit, or read-only.
var diskErrnos = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG, syscall.EROFS}

// diskError returns an EUNAVAILABLE error for a write that failed because
// the data directory cannot take it, and nil for any other error. bbolt
// flattens some causes into text ("file resize error: …"), so the errno's
// text is matched too.
func diskError(err error) error {
	for _, e := range diskErrnos {
		if errors.Is(err, e) || strings.Contains(err.Error(), e.Error()) {
			return &curricula.Error{
				Code:    curricula.EUNAVAILABLE,
				Message: "the data directory cannot take this write (" + e.Error() + "); nothing was stored: free space or make it writable, then retry",
				Err:     err,
			}
		}
	}
	return nil
}

// openError explains why the data file at path cannot be opened for
// writing: a read-only or full file system, or permissions, are the
// operator's to fix (EUNAVAILABLE); anything else is internal.
func openError(path string, err error) error {
	if d := diskError(err); d != nil || errors.Is(err, os.ErrPermission) {
		return &curricula.Error{Code: curricula.EUNAVAILABLE, Err: err, Message: fmt.Sprintf(
			"cannot open the data file %s for writing (%v): the data directory must be writable and have free space", path, cause(err))}
	}
	return curricula.Internal(fmt.Errorf("open %s: %w", path, err))
}

func cause(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
