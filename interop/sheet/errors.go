package sheet

import (
	"fmt"
	"strings"
)

// RowError is a fault in one row (Row is the line its record starts on; 1
// is the header) and, when Field is set, in one column of it.
type RowError struct {
	Row   int
	Field string
	Msg   string
}

func (e *RowError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Msg)
	}
	return fmt.Sprintf("row %d, %s: %s", e.Row, e.Field, e.Msg)
}

// RowErrors are several faults found at once, in column order. errors.As
// finds the first *RowError in them.
type RowErrors []*RowError

func (es RowErrors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// Unwrap gives errors.Is and errors.As each RowError.
func (es RowErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// err returns nil, the one error, or all of them.
func (es RowErrors) err() error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return es
}
