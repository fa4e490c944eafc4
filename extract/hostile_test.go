package extract

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/internal/hostile"
)

// hostileExtractor reads PDFs of any number of pages, so that the many-pages shape is
// measured rather than refused.
func hostileExtractor(t testing.TB) *Extractor {
	x, err := New(Options{MaxPages: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// allShapes are the document shapes and the single-rule shapes.
func allShapes() []hostile.Shape { return append(hostile.Shapes(), hostile.RuleShapes()...) }

// cpuOf returns the least time of a few extractions of doc: the least is the one least
// disturbed by the rest of the machine.
func cpuOf(t *testing.T, x *Extractor, doc Document, runs int) time.Duration {
	best := time.Duration(math.MaxInt64)
	for range runs {
		start := time.Now()
		if _, err := x.Extract(context.Background(), doc); err != nil {
			t.Fatalf("%s: %v", doc.Name, err)
		}
		best = min(best, time.Since(start))
	}
	return best
}

// TestHostileShapesAreLinear checks that the cost of every hostile shape grows in
// proportion to its size: eight times the text may cost at most sixteen times as much
// (a quadratic step would cost 64 times, and did: 8,000 amounts in one sentence took 19 s
// where 1,000 took 0.5 s). Timings are the least of a few runs, and the bound is twice
// the linear one, so a loaded machine does not fail it.
func TestHostileShapesAreLinear(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("timings: run without -short and without -race (.ci/run does)")
	}
	x := hostileExtractor(t)
	for _, s := range allShapes() {
		t.Run(s.Name, func(t *testing.T) {
			small := Document{Name: s.Name, MediaType: s.MediaType, Content: s.Gen(64 << 10)}
			large := Document{Name: s.Name, MediaType: s.MediaType, Content: s.Gen(512 << 10)}
			ts := cpuOf(t, x, small, 5)
			tl := cpuOf(t, x, large, 5)
			ratio := float64(tl) / float64(ts) * float64(len(small.Content)) / float64(len(large.Content)) * 8
			t.Logf("%s: %v for %d bytes, %v for %d bytes: %.1f× for 8×", s.Name, ts, len(small.Content), tl, len(large.Content), ratio)
			if ratio > 16 && tl > 20*time.Millisecond {
				t.Errorf("%s: eight times the text cost %.1f times as much (%v, %v): a step grows faster than the text", s.Name, ratio, ts, tl)
			}
		})
	}
}

// TestCancelStopsEveryShape cancels the extraction of each hostile shape part way and
// checks that it returns the context's error promptly: every stage, readers included,
// looks at the context as it goes. The bound is a quarter of the whole extraction (and
// at least 500 ms), far above the few milliseconds it takes, so that only a stage that
// does not look at the context at all can fail it.
func TestCancelStopsEveryShape(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("timings: run without -short and without -race (.ci/run does)")
	}
	x := hostileExtractor(t)
	for _, s := range hostile.Shapes() {
		t.Run(s.Name, func(t *testing.T) {
			doc := Document{Name: s.Name, MediaType: s.MediaType, Content: s.Gen(2 << 20)}
			whole := cpuOf(t, x, doc, 1)
			bound := max(500*time.Millisecond, whole/4) // generous: CI machines are shared
			var worst time.Duration
			for i := 1; i <= 3; i++ {
				at := whole * time.Duration(i) / 4
				ctx, cancel := context.WithCancel(context.Background())
				timer := time.AfterFunc(at, cancel)
				start := time.Now()
				rec, err := x.Extract(ctx, doc)
				end := time.Now()
				timer.Stop()
				cancel()
				if rec != nil && end.Sub(start) < at {
					continue // finished before the cancellation, on a quicker run
				}
				if !errors.Is(err, context.Canceled) || fail.KindOf(err) != fail.Canceled {
					t.Errorf("canceled at %v of %v: Extract = %v, %v; want the context's error", at, whole, rec != nil, err)
					continue
				}
				late := end.Sub(start.Add(at))
				worst = max(worst, late)
				if late > bound {
					t.Errorf("canceled at %v of %v: returned %v later, want within %v", at, whole, late, bound)
				}
			}
			t.Logf("%s: whole %v, latest return after cancellation %v", s.Name, whole, worst)
		})
	}
}

// hostileSizes are the sizes of BenchmarkHostile, as the bench program reports them.
var hostileSizes = []struct {
	name string
	n    int
}{{"10KB", 10_000}, {"100KB", 100_000}, {"1MB", 1_000_000}, {"10MB", 10_000_000}}

// BenchmarkHostile extracts each hostile shape at 10 KB, 100 KB, 1 MB and 10 MB; its
// ns/B should be flat across the sizes, as the seed's is:
//
//	go test -run '^$' -bench Hostile ./extract
func BenchmarkHostile(b *testing.B) {
	x, err := New(Options{MaxPages: 1 << 20})
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range hostile.Shapes() {
		for _, size := range hostileSizes {
			doc := Document{Name: s.Name, MediaType: s.MediaType, Content: s.Gen(size.n)}
			b.Run(s.Name+"-"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(doc.Content)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := x.Extract(context.Background(), doc); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(doc.Content)), "ns/B")
			})
		}
	}
}
