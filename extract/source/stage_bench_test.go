package source_test

import (
	"os"
	"testing"

	"github.com/cnbudget/cnbudget/extract/source"
)

// BenchmarkSniff measures choosing the reader for a document's bytes, which every
// document goes through first.
func BenchmarkSniff(b *testing.B) {
	for _, name := range []string{"seed/000_01eaaa56c59ac9d2.txt", "pdf/seed-lo.pdf"} {
		data, err := os.ReadFile("../../testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if source.Sniff(data, "", "") == "" {
					b.Fatal("no media type")
				}
			}
		})
	}
}

// BenchmarkPageAt measures finding the page of an offset in a 1,000-page text, done
// once for every fact of a PDF.
func BenchmarkPageAt(b *testing.B) {
	t := &source.Text{Pages: make([]int, 1000)}
	for i := range t.Pages {
		t.Pages[i] = i * 4096
	}
	b.ReportAllocs()
	for b.Loop() {
		for off := 0; off < 1000*4096; off += 4096 * 7 {
			t.PageAt(off)
		}
	}
}
