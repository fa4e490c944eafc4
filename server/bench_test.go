package server_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// BenchmarkExtractSeed measures Extract of the seed through the whole gRPC stack over
// bufconn with the real core, one caller and GOMAXPROCS callers, and reports requests per
// second and the latency percentiles p50 and p99 in milliseconds.
func BenchmarkExtractSeed(b *testing.B) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ts := startBufconn(b, x, server.Options{MaxInFlight: 1024})
	req := &cnbudgetv1.ExtractRequest{Name: "seed.txt", Content: seed(b)}
	ctx := context.Background()
	if _, err := ts.client.Extract(ctx, req); err != nil {
		b.Fatal(err)
	}
	b.Run("serial", func(b *testing.B) {
		var lat latencies
		b.ReportAllocs()
		b.SetBytes(int64(len(req.Content)))
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			if _, err := ts.client.Extract(ctx, req); err != nil {
				b.Fatal(err)
			}
			lat.add(time.Since(t0))
		}
		lat.report(b, time.Since(start))
	})
	b.Run("parallel", func(b *testing.B) {
		var lat latencies
		b.ReportAllocs()
		b.SetBytes(int64(len(req.Content)))
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				t0 := time.Now()
				if _, err := ts.client.Extract(ctx, req); err != nil {
					b.Error(err)
					return
				}
				lat.add(time.Since(t0))
			}
		})
		lat.report(b, time.Since(start))
	})
}

// latencies collects the durations of calls.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

// report adds req/s, p50-ms and p99-ms to the benchmark's result.
func (l *latencies) report(b *testing.B, elapsed time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 || elapsed <= 0 {
		return
	}
	sort.Slice(l.d, func(i, j int) bool { return l.d[i] < l.d[j] })
	pct := func(p float64) float64 {
		return float64(l.d[int(p*float64(len(l.d)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(float64(len(l.d))/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
