package facts_test

import (
	"os"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract/decode"
	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/normalize"
)

// benchText returns the seed's normalised text repeated n times, as the extractor hands
// it to this package.
func benchText(b *testing.B, n int) string {
	b.Helper()
	raw, err := os.ReadFile("../../testdata/seed/000_01eaaa56c59ac9d2.txt")
	if err != nil {
		b.Fatal(err)
	}
	src, err := decode.Read([]byte(strings.Repeat(string(raw)+"\n", n)))
	if err != nil {
		b.Fatal(err)
	}
	return normalize.New(src.Text).String()
}

// benchSizes are the inputs of the stage benchmarks: the seed (10 KB) and the seed
// repeated 100 times (1 MB). Their MB/s should be close; a falling MB/s is a scan that
// grows faster than the text.
var benchSizes = []struct {
	name string
	n    int
}{{"seed", 1}, {"seedx100", 100}}

// BenchmarkNewDoc measures the scans NewDoc makes once per document: simplification,
// numbers, unit declarations, outline and header.
func BenchmarkNewDoc(b *testing.B) {
	for _, size := range benchSizes {
		text := benchText(b, size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				facts.NewDoc(text)
			}
		})
	}
}

// BenchmarkRules measures the field rules (Extract) on a scanned document, the extractor's
// most expensive stage.
func BenchmarkRules(b *testing.B) {
	for _, size := range benchSizes {
		text := benchText(b, size.n)
		d := facts.NewDoc(text)
		if len(facts.Extract(d)) == 0 {
			b.Fatal("the seed yields no facts")
		}
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				facts.Extract(d)
			}
		})
	}
}
