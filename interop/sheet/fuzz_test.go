package sheet

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
)

// FuzzSheetReader checks that the Reader never panics, that every fault
// it reports is a RowError on a real line, and that every row it accepts
// and ToModule validates is written and read back unchanged.
func FuzzSheetReader(f *testing.F) {
	for _, s := range []string{
		string(Template()),
		"", "\n", "\uFEFF", "curriculum,code,title\n", "curriculum;code;title\nb;A;T\n",
		"curriculum,code,title,hours\nb,A,T,\"1,5\"\nb,B,\"multi\nline\",2\n",
		"curriculum;code;title;hours;outcomes;alignments\nb;A;T;1,5;\"a\nb\";RA-01:M:1\n",
		"curriculum,code,title\nb,A,T,extra\nb,\"B,T\n",
		"curriculum,code,title,outcomes,restricted\nb,A,T,x | y,maybe\n",
		"curriculum,code,Title,TITLE,bogus\n",
		"curriculum,code,title,alignments\nb,A,T,RA-01:Q; :M:x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			checkRowErrors(t, err)
			return
		}
		for i := 0; i <= len(data); i++ { // every Read consumes at least one byte
			row, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkRowErrors(t, err)
				continue
			}
			_, m, err := row.ToModule("academy", nil)
			if err != nil {
				checkRowErrors(t, err)
				continue
			}
			if err := m.Validate(); err != nil {
				t.Fatalf("ToModule returned an invalid module: %v", err)
			}
			var b bytes.Buffer
			w := NewWriter(&b, WriterOptions{Comma: r.Comma()})
			if err := w.Write(m); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			back, err := NewReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			row2, err := back.Read()
			if err != nil {
				t.Fatalf("reading back %q: %v", b.String(), err)
			}
			_, m2, err := row2.ToModule("academy", nil)
			if err != nil || !reflect.DeepEqual(m, m2) {
				t.Fatalf("write and read back changed the module (%v):\n%#v\n%#v\n%q", err, m, m2, b.String())
			}
		}
		t.Fatal("Read did not reach EOF")
	})
}

func checkRowErrors(t *testing.T, err error) {
	t.Helper()
	var many RowErrors
	if errors.As(err, &many) {
		for _, e := range many {
			if e.Row < 1 {
				t.Fatalf("row error without a row: %v", e)
			}
		}
		return
	}
	var one *RowError
	if !errors.As(err, &one) || one.Row < 1 {
		t.Fatalf("want a RowError with a row, got %T %v", err, err)
	}
}
