// Package csvio opens CSV files as spreadsheets write them: UTF-8 with or
// without a byte-order mark, the separator read from the header line.
package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// MaxHeader bounds the header line that the separator is read from.
const MaxHeader = 64 << 10

var bom = []byte{0xEF, 0xBB, 0xBF}

// ErrHeaderTooLong is returned when no line end comes within MaxHeader bytes.
var ErrHeaderTooLong = errors.New("the header line is longer than 64 KiB")

// Open skips a UTF-8 byte-order mark and returns a csv.Reader over r whose
// separator is the candidate that occurs most often, outside quotes, in
// the first line (the first candidate on a tie or when none occurs). It
// reads ahead only as far as the end of that line.
func Open(r io.Reader, candidates []rune) (*csv.Reader, rune, error) {
	br := bufio.NewReaderSize(r, MaxHeader+len(bom))
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		_, _ = br.Discard(len(bom))
	}
	line, err := firstLine(br)
	if err != nil {
		return nil, 0, err
	}
	sep := candidates[0]
	best := 0
	for _, c := range candidates {
		if n := countOutsideQuotes(line, c); n > best {
			sep, best = c, n
		}
	}
	cr := csv.NewReader(br)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	return cr, sep, nil
}

// firstLine returns the first line, reading no further than needed: each
// round asks the source for more only when the buffered bytes hold no
// line end yet.
func firstLine(br *bufio.Reader) ([]byte, error) {
	scanned := 0
	for {
		n := br.Buffered()
		b, _ := br.Peek(n)
		if i := bytes.IndexByte(b[scanned:], '\n'); i >= 0 {
			return b[:scanned+i], nil
		}
		scanned = n
		if n >= MaxHeader {
			return nil, ErrHeaderTooLong
		}
		if b, err := br.Peek(n + 1); err != nil {
			return b, nil // EOF, or a read error the csv.Reader reports
		}
	}
}

func countOutsideQuotes(line []byte, sep rune) int {
	n, quoted := 0, false
	for _, r := range string(line) {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			n++
		}
	}
	return n
}
