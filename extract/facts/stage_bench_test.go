package facts_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract/decode"
	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/normalize"
)

// benchText returns the seed's normalised text repeated n times, as the extractor hands
// it to this package; without its commas and full stops if bare.
func benchText(b *testing.B, n int, bare bool) string {
	b.Helper()
	raw, err := os.ReadFile("../../testdata/seed/000_01eaaa56c59ac9d2.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(raw)+"\n", n)
	if bare {
		text = strings.NewReplacer("，", " ", "。", " ").Replace(text)
	}
	src, err := decode.Read([]byte(text))
	if err != nil {
		b.Fatal(err)
	}
	return normalize.New(src.Text).String()
}

// benchSizes are the inputs of the stage benchmarks: the seed (10 KB), the seed
// repeated 100 times (1 MB), and that without commas and full stops, which the rules
// search back for from every figure. Their MB/s should be close; a falling MB/s is a
// scan that grows faster than the text (a search for a comma over all the text before
// each figure once made the bare text nearly 100 times slower).
var benchSizes = []struct {
	name string
	n    int
	bare bool
}{{"seed", 1, false}, {"seedx100", 100, false}, {"seedx100bare", 100, true}}

// BenchmarkNewDoc measures the scans NewDoc makes once per document: simplification,
// numbers, unit declarations, outline and header.
func BenchmarkNewDoc(b *testing.B) {
	for _, size := range benchSizes {
		text := benchText(b, size.n, size.bare)
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
		text := benchText(b, size.n, size.bare)
		d := facts.NewDoc(text)
		if fs, _ := facts.Extract(context.Background(), d); len(fs) == 0 {
			b.Fatal("the seed yields no facts")
		}
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				facts.Extract(context.Background(), d)
			}
		})
	}
}
