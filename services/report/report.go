// Package report renders a programme's harmonisation report: HTML (one
// self-contained file: inline CSS and SVG, no scripts, no external
// assets), Markdown or CSV, from the results of the engine.
//
// Rendering is presentation, not domain, so it is not in curricula; it
// sits beside the services because the server renders reports (the
// RenderReport RPC serves them over gRPC and REST, so a coordinator can
// open GET /v1/programmes/{p}:report in a browser and the CLI only saves
// the bytes). It imports nothing but curricula and the standard library.
//
// Output is deterministic: the same Input gives the same bytes (the
// generation time is part of the Input).
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/concord-ibm/concord/curricula"
)

// Input is everything a report shows.
type Input struct {
	Programme *curricula.Programme
	Analysis  *curricula.Analysis
	// MemberTitles are the member curricula's titles by name (optional).
	MemberTitles map[string]string
	// Snapshots of the programme as stored, in any order. The report
	// shows them oldest first (by time, then name) and the progress from
	// the oldest to the newest, members matched across editions.
	Snapshots []*curricula.Snapshot
	// Editions maps superseded curricula to their newest editions
	// (curricula.LatestEditions), so that an academy's new edition is the
	// same member in the progress chart and table.
	Editions map[string]string
	// Language of competency titles ("" means English).
	Language  string
	Generated time.Time
}

// Format is a report format.
type Format string

// Formats.
const (
	HTML     Format = "html"
	Markdown Format = "md"
	CSV      Format = "csv"
)

// Formats lists the formats.
var Formats = []Format{HTML, Markdown, CSV}

// ParseFormat accepts html, md (or markdown) and csv, in any case; ""
// means HTML.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "html":
		return HTML, nil
	case "md", "markdown":
		return Markdown, nil
	case "csv":
		return CSV, nil
	}
	return "", curricula.Errorf(curricula.EINVALID, "format %q is not one of html, md, csv", s)
}

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case Markdown:
		return "text/markdown; charset=utf-8"
	case CSV:
		return "text/csv; charset=utf-8"
	}
	return "text/html; charset=utf-8"
}

// Extension is the usual file extension of the format, with the dot.
func (f Format) Extension() string { return "." + string(f) }

// Render writes the report of in to w in format f.
func Render(w io.Writer, f Format, in *Input) error {
	if in == nil || in.Programme == nil || in.Analysis == nil || in.Analysis.Coverage == nil || in.Analysis.Assessment == nil {
		return curricula.Errorf(curricula.EINVALID, "report: the programme and its analysis are required")
	}
	v := newView(in)
	switch f {
	case HTML:
		return renderHTML(w, v)
	case Markdown:
		return renderMarkdown(w, v)
	case CSV:
		return renderCSV(w, v)
	}
	return fmt.Errorf("report: unknown format %q", f)
}
