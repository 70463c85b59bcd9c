package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/concord-ibm/concord/curricula"
)

// WriterOptions tune a Writer.
type WriterOptions struct {
	// Comma is the separator: ',' (the default) or ';', with which
	// numbers get a decimal comma.
	Comma rune
	// BOM starts the file with a UTF-8 byte-order mark, which spreadsheet
	// programs need to read it as UTF-8.
	BOM bool
	// Code maps a competency ID to the code written in alignments. Nil:
	// the ID upper-cased, which ToModule's default resolver reads back.
	Code func(id string) string
}

// Writer writes modules in the template, the header first, so that
// Reader and ToModule give every field back.
type Writer struct {
	bw   *bufio.Writer
	cw   *csv.Writer
	opts WriterOptions
}

// NewWriter writes the header (buffered until Flush).
func NewWriter(w io.Writer, opts WriterOptions) *Writer {
	if opts.Comma == 0 {
		opts.Comma = ','
	}
	bw := bufio.NewWriter(w)
	if opts.BOM {
		_, _ = bw.Write([]byte{0xEF, 0xBB, 0xBF}) // an error surfaces at Flush
	}
	cw := csv.NewWriter(bw)
	cw.Comma = opts.Comma
	_ = cw.Write(Columns)
	return &Writer{bw: bw, cw: cw, opts: opts}
}

// Write writes one module, whose name gives its curriculum and module IDs.
func (w *Writer) Write(m *curricula.Module) error {
	n, err := curricula.ParseName(curricula.KindModule, m.Name)
	if err != nil {
		return err
	}
	restricted := "no"
	if m.Restricted {
		restricted = "yes"
	}
	credits := ""
	if m.Credits != 0 {
		credits = w.number(m.Credits)
	}
	rec := []string{
		n.IDs[1], n.IDs[2], m.Code, m.Title, m.Description, joinOutcomes(m.Outcomes), m.Language,
		w.number(m.Hours), credits, string(m.Delivery), m.Assessment, restricted,
		curricula.FormatAlignments(m.Alignments, w.opts.Code),
	}
	if err := w.cw.Write(rec); err != nil {
		return curricula.Internal(err)
	}
	return nil
}

// Flush writes what is buffered and reports the first write error.
func (w *Writer) Flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return curricula.Internal(err)
	}
	if err := w.bw.Flush(); err != nil {
		return curricula.Internal(err)
	}
	return nil
}

func (w *Writer) number(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if w.opts.Comma == ';' {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// joinOutcomes writes one outcome per line; a single outcome holding a
// '|' gets a line break after it, so that it is not split on reading.
func joinOutcomes(os []string) string {
	s := strings.Join(os, "\n")
	if len(os) == 1 && strings.Contains(s, "|") {
		s += "\n"
	}
	return s
}

// Template is the spreadsheet users download to fill in: a byte-order
// mark, the header and two example rows (the second in Russian, with a
// decimal hour count and a restricted module).
func Template() []byte {
	var b bytes.Buffer
	w := NewWriter(&b, WriterOptions{BOM: true})
	for _, m := range templateModules {
		if err := w.Write(m); err != nil {
			panic(err) // the examples are constants; covered by the tests
		}
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

var templateModules = []*curricula.Module{
	{
		Meta:        curricula.Meta{Name: curricula.ModuleName("example-academy", "basic-2024", "bg-101")},
		Code:        "BG-101",
		Title:       "Document examination",
		Description: "Checking travel documents at the first line of control.",
		Outcomes:    []string{"Detects forged and altered travel documents", "Uses UV lamps and magnifiers"},
		Language:    "en",
		Hours:       24,
		Credits:     2,
		Delivery:    curricula.DeliveryClassroom,
		Assessment:  "Practical test",
		Alignments:  []curricula.Alignment{{Competency: "ra-01", Depth: curricula.DepthMastered, Hours: 6}, {Competency: "hr-02", Depth: curricula.DepthIntroduced}},
	},
	{
		Meta:        curricula.Meta{Name: curricula.ModuleName("example-academy", "basic-2024", "bg-102")},
		Code:        "BG-102",
		Title:       "Профилирование рисков",
		Description: "Работа с профилями риска на пункте пропуска.",
		Outcomes:    []string{"Составляет профиль риска", "Применяет индикаторы риска"},
		Language:    "ru",
		Hours:       12.5,
		Credits:     1,
		Delivery:    curricula.DeliveryBlended,
		Assessment:  "Экзамен",
		Restricted:  true,
		Alignments:  []curricula.Alignment{{Competency: "ra-02", Depth: curricula.DepthReinforced, Hours: 4}},
	},
}
