package main

import "fmt"

// targets checks the targets (set for 100k modules on the
// reference machine) against the report.
func targets(r *Report, results map[string]map[queryClass]Latency) []Target {
	var ts []Target
	add := func(name, want, got string, pass *bool) { ts = append(ts, Target{name, want, got, pass}) }
	yes := func(b bool) *bool { return &b }

	if len(r.Ingest) >= 2 && r.Ingest[1].PerSecond > 0 {
		x := r.Ingest[0].PerSecond / r.Ingest[1].PerSecond
		add("ingest ÷ raw bleve", "≥ 0.60×", fmt.Sprintf("%.2f×", x), yes(x >= 0.6))
	}
	g, gok := results["concord gRPC"]
	b, bok := results["raw bleve"]
	rest, rok := results["concord REST"]
	worst := func(f func(c queryClass) float64) (float64, queryClass) {
		var w float64
		var wc queryClass
		for _, c := range queryClasses {
			if v := f(c); v > w || wc == "" {
				w, wc = v, c
			}
		}
		return w, wc
	}
	if gok && bok {
		x, c := worst(func(c queryClass) float64 { return g[c].P99 / b[c].P99 })
		add("gRPC search p99 ÷ raw bleve p99 (worst class)", "≤ 1.50×", fmt.Sprintf("%.2f× (%s)", x, c), yes(x <= 1.5))
	} else {
		add("gRPC search p99 ÷ raw bleve p99 (worst class)", "≤ 1.50×", "unavailable", nil)
	}
	if gok {
		x, c := worst(func(c queryClass) float64 { return g[c].P99 })
		add("gRPC search p99 (worst class)", "≤ 25 ms", fmt.Sprintf("%.1f ms (%s)", x, c), yes(x <= 25))
	} else {
		add("gRPC search p99 (worst class)", "≤ 25 ms", "unavailable", nil)
	}
	if gok && rok {
		x, c := worst(func(c queryClass) float64 { return rest[c].P50 - g[c].P50 })
		add("REST p50 − gRPC p50 (worst class)", "≤ 2 ms", fmt.Sprintf("%.2f ms (%s)", x, c), yes(x <= 2))
	} else {
		add("REST p50 − gRPC p50 (worst class)", "≤ 2 ms", "unavailable", nil)
	}
	for _, h := range r.Harmonisation {
		if h.Members >= 200 {
			add("coverage + gaps, 200 members, p99", "≤ 200 ms", fmt.Sprintf("%.1f ms", h.Latency.P99), yes(h.Latency.P99 <= 200))
		}
	}
	s := r.Server
	add("start-up with a full store", "≤ 2 s", fmt.Sprintf("%.2f s", s.StartupSeconds), yes(s.StartupSeconds <= 2))
	add("peak RSS", "≤ 1 GiB", bytesize(s.PeakRSSBytes), yes(s.PeakRSSBytes <= 1<<30))
	return ts
}
