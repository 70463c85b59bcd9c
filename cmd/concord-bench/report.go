package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Report is one run's figures.
type Report struct {
	Date      string `json:"date"`
	Machine   string `json:"machine"`
	Modules   int    `json:"modules"`
	Academies int    `json:"academies"`
	Curricula int    `json:"curricula"`
	Seed      uint64 `json:"seed"`
	Queries   int    `json:"queries_per_class"`

	Ingest        []IngestRow        `json:"ingest"`
	Search        []SearchRow        `json:"search"`
	Harmonisation []harmonisationRow `json:"harmonisation"`
	Server        ServerFigures      `json:"server"`
	Peer          PeerFigures        `json:"peer"`
	Targets       []Target           `json:"targets"`
}

// IngestRow is one way of storing the corpus. Ratio is Concord's
// throughput divided by this row's (Concord's own row: 0).
type IngestRow struct {
	Name        string  `json:"name"`
	Seconds     float64 `json:"seconds,omitempty"`
	PerSecond   float64 `json:"modules_per_second,omitempty"`
	Ratio       float64 `json:"concord_ratio,omitempty"`
	Note        string  `json:"note,omitempty"`
	Unavailable string  `json:"unavailable,omitempty"`
}

// SearchRow is one query class through one endpoint; the ratios divide
// its p50 and p99 by raw bleve's.
type SearchRow struct {
	Class       queryClass `json:"class"`
	Endpoint    string     `json:"endpoint"`
	Latency     *Latency   `json:"latency,omitempty"`
	P50Ratio    float64    `json:"p50_ratio_to_bleve,omitempty"`
	P99Ratio    float64    `json:"p99_ratio_to_bleve,omitempty"`
	Unavailable string     `json:"unavailable,omitempty"`
}

// ServerFigures are the server process's own.
type ServerFigures struct {
	StartupSeconds     float64 `json:"startup_seconds"`
	ReindexSeconds     float64 `json:"reindex_seconds,omitempty"`
	ReindexUnavailable string  `json:"reindex_unavailable,omitempty"`
	PeakRSSBytes       int64   `json:"peak_rss_bytes"`
	DataDirBytes       int64   `json:"data_dir_bytes"`
}

// PeerFigures are PostgreSQL's load figures (its searches are rows of
// Search) and Concord's ratios to them.
type PeerFigures struct {
	Unavailable  string             `json:"unavailable,omitempty"`
	LoadSeconds  float64            `json:"load_seconds,omitempty"`
	IndexSeconds float64            `json:"index_seconds,omitempty"`
	PerSecond    float64            `json:"modules_per_second,omitempty"`
	IngestRatio  float64            `json:"concord_ingest_ratio,omitempty"`
	P50Ratio     map[string]float64 `json:"concord_grpc_p50_ratio,omitempty"`
	P99Ratio     map[string]float64 `json:"concord_grpc_p99_ratio,omitempty"`
}

// Target is one of the targets; Pass is nil when it could not be
// measured.
type Target struct {
	Name string `json:"name"`
	Want string `json:"want"`
	Got  string `json:"got"`
	Pass *bool  `json:"pass"`
}

func (t Target) verdict() string {
	switch {
	case t.Pass == nil:
		return "n/a"
	case *t.Pass:
		return "PASS"
	}
	return "MISS"
}

func writeJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func writeText(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "Concord benchmark: %d modules, %d academies, %d curricula (seed %d), %s\n%s\n",
		r.Modules, r.Academies, r.Curricula, r.Seed, r.Date, r.Machine)
	// Each section is its own table; a row's last cell (a note, an
	// "unavailable: …") is not aligned.
	var tw *tabwriter.Writer
	section := func() {
		if tw != nil {
			tw.Flush()
		}
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	}
	p := func(format string, a ...any) { fmt.Fprintf(tw, format, a...) }

	section()
	p("INGEST\tseconds\tmodules/s\tconcord ÷ row\tnote\n")
	for _, i := range r.Ingest {
		if i.Unavailable != "" {
			p("%s\t\t\t\tunavailable: %s\n", i.Name, i.Unavailable)
			continue
		}
		p("%s\t%.1f\t%.0f\t%s\t%s\n", i.Name, i.Seconds, i.PerSecond, ratio(i.Ratio), i.Note)
	}
	section()
	p("SEARCH (%d calls a class, top %d)\tp50 ms\tp95 ms\tp99 ms\tq/s\tp50 ÷ bleve\tp99 ÷ bleve\n", r.Queries, topK)
	for _, s := range r.Search {
		name := string(s.Class) + " · " + s.Endpoint
		if s.Unavailable != "" {
			p("%s\tunavailable: %s\n", name, truncate(s.Unavailable, 90))
			continue
		}
		l := s.Latency
		p("%s\t%.2f\t%.2f\t%.2f\t%.0f\t%s\t%s\n", name, l.P50, l.P95, l.P99, l.QPS, ratio(s.P50Ratio), ratio(s.P99Ratio))
	}
	section()
	p("HARMONISATION (GetCoverage + ListGaps, gRPC)\tfirst call ms\tp50 ms\tp95 ms\tp99 ms\tcalls\n")
	for _, h := range r.Harmonisation {
		p("programme of %d members\t%.1f\t%.1f\t%.1f\t%.1f\t%d\n", h.Members, h.FirstMS, h.Latency.P50, h.Latency.P95, h.Latency.P99, h.Latency.N)
	}
	section()
	s := r.Server
	p("SERVER\tvalue\n")
	p("start-up with a full store (to /readyz)\t%.2f s\n", s.StartupSeconds)
	if s.ReindexUnavailable != "" {
		p("full reindex (AdminService.Reindex)\tunavailable: %s\n", truncate(s.ReindexUnavailable, 90))
	} else {
		p("full reindex (AdminService.Reindex)\t%.1f s\n", s.ReindexSeconds)
	}
	p("peak RSS (VmHWM, whole run)\t%s\n", bytesize(s.PeakRSSBytes))
	p("data directory\t%s\n", bytesize(s.DataDirBytes))
	section()
	pe := r.Peer
	p("PEER: PostgreSQL 'simple' tsvector, GIN\tvalue\n")
	if pe.Unavailable != "" {
		p("postgres\tunavailable: %s\n", pe.Unavailable)
	} else {
		p("load (COPY), seconds\t%.1f\n", pe.LoadSeconds)
		p("GIN index + ANALYZE, seconds\t%.1f\n", pe.IndexSeconds)
		p("modules/s (load + index)\t%.0f\n", pe.PerSecond)
		p("Concord ingest ÷ PostgreSQL\t%s\n", ratio(pe.IngestRatio))
		for _, c := range queryClasses {
			if v, ok := pe.P50Ratio[string(c)]; ok {
				p("Concord gRPC ÷ PostgreSQL, %s, p50 · p99\t%s · %s\n", c, ratio(v), ratio(pe.P99Ratio[string(c)]))
			}
		}
	}
	section()
	p("TARGET (100k modules)\twant\tgot\tverdict\n")
	for _, t := range r.Targets {
		p("%s\t%s\t%s\t%s\n", t.Name, t.Want, t.Got, t.verdict())
	}
	return tw.Flush()
}

func ratio(v float64) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", v)
}

func bytesize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// machine describes this machine: CPU model, cores, memory.
func machine() string {
	model, mem := "unknown CPU", ""
	if b, err := readFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(b, "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := readFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(b, "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && k == "MemTotal" {
				var kb int64
				fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
				mem = bytesize(kb << 10)
			}
		}
	}
	return fmt.Sprintf("%s, %d CPUs, %s RAM", model, numCPU(), mem)
}
