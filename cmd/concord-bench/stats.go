package main

import (
	"sort"
	"time"
)

// Latency summarises the durations of repeated calls.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	QPS float64 `json:"qps"`
}

// summarise computes percentiles (nearest rank) over ds, and calls per
// second over the wall time they took in all.
func summarise(ds []time.Duration, wall time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		i = min(max(i, 0), len(s)-1)
		return ms(s[i])
	}
	l := Latency{N: len(s), P50: at(0.50), P95: at(0.95), P99: at(0.99)}
	if wall > 0 {
		l.QPS = float64(len(s)) / wall.Seconds()
	}
	return l
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// timeCalls runs fn n times after warm warm-up calls and summarises the
// timed ones. The first error stops it.
func timeCalls(n, warm int, fn func(i int) error) (Latency, error) {
	for i := range warm {
		if err := fn(i); err != nil {
			return Latency{}, err
		}
	}
	ds := make([]time.Duration, 0, n)
	start := time.Now()
	for i := range n {
		t := time.Now()
		if err := fn(i); err != nil {
			return Latency{}, err
		}
		ds = append(ds, time.Since(t))
	}
	return summarise(ds, time.Since(start)), nil
}
