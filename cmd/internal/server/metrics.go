package server

import (
	"context"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/concord-ibm/concord/services"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc/codes"
)

// Metrics are the server's Prometheus metrics, served at /metrics from a
// registry of their own (so that several servers can run in one test).
//
//	concord_rpc_requests_total{method,code}         counter
//	concord_rpc_duration_seconds{method,code}       histogram
//	concord_rpc_in_flight                           gauge (the limiter's count)
//	concord_store_size_bytes                        gauge (the data file)
//	concord_store_last_sequence                     gauge (the change log)
//	concord_index_lag_changes                       gauge (see SetIndexLag)
//	concord_index_size_bytes                        gauge (the index directory)
//	concord_index_documents{kind}                   gauge (module, competency)
//
// plus the Go runtime and process collectors. REST calls are counted as
// the gRPC methods the gateway calls.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	indexLag atomic.Pointer[func() float64]
}

func newMetrics(s *Server, limiter *services.Limiter) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "concord_rpc_requests_total", Help: "RPCs finished, by full method and status code.",
		}, []string{"method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "concord_rpc_duration_seconds", Help: "RPC latency, by full method and status code.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "code"}),
	}
	m.reg.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "concord_rpc_in_flight", Help: "Concord RPCs running now (counted by the concurrency limit).",
		}, func() float64 { return float64(limiter.InFlight()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "concord_store_size_bytes", Help: "Size of the data file.",
		}, func() float64 {
			fi, err := os.Stat(StorePath(s.cfg.DataDir))
			if err != nil {
				return 0
			}
			return float64(fi.Size())
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "concord_store_last_sequence", Help: "Sequence of the newest change-log entry.",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			seq, err := s.store.LastSequence(ctx)
			if err != nil {
				return 0
			}
			return float64(seq)
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "concord_index_lag_changes", Help: "Change-log entries the search index has not applied yet.",
		}, func() float64 {
			if f := m.indexLag.Load(); f != nil {
				return (*f)()
			}
			return 0
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "concord_index_size_bytes", Help: "Size of the search index on disk.",
		}, func() float64 {
			st, _ := s.indexStats()
			return float64(st.SizeBytes)
		}),
		indexDocuments{s: s, desc: prometheus.NewDesc("concord_index_documents", "Documents in the search index, by kind.", []string{"kind"}, nil)},
	)
	return m
}

// indexDocuments is the concord_index_documents gauge: one stats read
// per scrape for both kinds.
type indexDocuments struct {
	s    *Server
	desc *prometheus.Desc
}

func (c indexDocuments) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c indexDocuments) Collect(ch chan<- prometheus.Metric) {
	st, _ := c.s.indexStats()
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(st.Modules), "module")
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(st.Competencies), "competency")
}

// SetIndexLag installs the function the concord_index_lag_changes gauge
// reads at every scrape: how many change-log entries the search index is
// behind. Until it is called the gauge reads 0.
func (m *Metrics) SetIndexLag(f func() float64) { m.indexLag.Store(&f) }

// observe records one finished RPC (the interceptors' callback).
func (m *Metrics) observe(method string, code codes.Code, d time.Duration) {
	m.requests.WithLabelValues(method, code.String()).Inc()
	m.latency.WithLabelValues(method, code.String()).Observe(d.Seconds())
}

func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
