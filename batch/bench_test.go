package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRun measures local throughput in documents per second with one worker and
// with two; on two cores the second should be at least 1.7 times the first:
//
//	go test -run '^$' -bench Run -benchtime 3x ./batch
func BenchmarkRun(b *testing.B) {
	c := makeCorpus(b, b.TempDir(), 1000)
	x := newExtractor(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			docs := 0
			for i := 0; b.Loop(); i++ {
				out := filepath.Join(b.TempDir(), fmt.Sprintf("out%d.jsonl", i))
				s, err := Run(context.Background(), []string{c.dir}, Options{Out: out, Extractor: x, Workers: workers, MaxBytes: corpusMaxBytes})
				if err != nil {
					b.Fatal(err)
				}
				docs += s.Succeeded + s.failed()
				os.Remove(out)
			}
			b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
